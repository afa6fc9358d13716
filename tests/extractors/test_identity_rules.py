"""Who wrote, by the shape of what a line holds (extractors/fields/enterprise.py, issue 11): where a letterhead's
name ends, a labelled field's value, a branch under its parent, which tax code is the writer's, the contact person
wherever the letter names one; and where the letter leaves it open, a flag instead of a guess.

Letters of our own, as block models; none of their wording comes from a corpus letter."""
from __future__ import annotations

import pytest

from extractors import vocab
from extractors.fields import read_fields
from extractors.fields.checks import run_checks
from extractors.fields.zones import find_zone
from extractors.model import DocumentContent, Paragraph
from extractors.text.taxcode import is_valid

TO = "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng"
DATE = "Kiến An, ngày 02 tháng 4 năm 2023"
MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
ANSWERS = ["1. Nhu cầu tuyển dụng", "Năm 2023 cần 12 thợ điện (trung cấp).", "2. Tiêu chuẩn", "- Có sức khỏe tốt.",
           "3. Hợp tác đào tạo", "- Nhận sinh viên thực tập.", "4. Đăng ký nhu cầu", "Cập nhật hằng tháng.",
           "5. Kiến nghị", "- Không có.", "Trân trọng./."]
CODE_A = "0201234569"       # valid check digits
CODE_B = "0801122338"


def letter(head: list[str], intro: str, after: list[str] | None = None, footer: list[str] | None = None):
    texts = [*head, TO, intro, *ANSWERS, *(after or [])]
    blocks = [Paragraph(text=t, index=i) for i, t in enumerate(texts)]
    for t in footer or []:
        blocks.append(Paragraph(text=t, index=len(blocks), part="footer"))
    return read_fields(DocumentContent(media_type="test", blocks=blocks))


def unclear(reading) -> list[str]:
    return [f.field for f in run_checks(reading) if f.code == "enterprise_unclear"]


# --- where a letterhead's name ends -------------------------------------------------------------------------------

def test_a_capitals_address_line_with_its_commune_is_not_part_of_the_name():
    r = letter(["CÔNG TY TNHH", "CƠ ĐIỆN LẠCH TRAY", "LÔ 7, ĐƯỜNG SỐ 3, XÃ HỒNG PHONG", "Số: 41/CĐ", *MOTTO, DATE],
               "Đơn vị xin trả lời Công văn số 812/BQL-LĐ như sau:")
    assert r.enterprise.name.casefold() == "công ty tnhh cơ điện lạch tray"


def test_the_tax_code_and_email_lines_under_the_name_are_fields_not_name():
    r = letter(["CÔNG TY CỔ PHẦN NHỰA", "MST: " + CODE_A, "Email: hanh.chinh@nhua.vn", "Số: 9/NH", *MOTTO, DATE],
               "Trả lời Công văn số 812/BQL-LĐ, đơn vị báo cáo:")
    assert r.enterprise.name.casefold() == "công ty cổ phần nhựa"
    assert r.enterprise.tax_code == CODE_A


def test_an_acronym_keeps_its_capitals_and_vietnamese_words_are_written_in_sentence_case():
    r = letter(["CÔNG TY TNHH KDT BAO BÌ HÙNG", "Số: 2/KDT", *MOTTO, DATE], "Đơn vị báo cáo như sau:")
    assert r.enterprise.name == "Công ty TNHH KDT Bao Bì Hùng"


def test_a_letterhead_that_abbreviates_the_company_kind():
    r = letter(["CTY TNHH GỐM TIÊN LÃNG", "Số: 3/GTL", *MOTTO, DATE], "Cty TNHH Gốm Tiên Lãng báo cáo như sau:")
    assert r.enterprise.name == "Cty TNHH Gốm Tiên Lãng"
    assert unclear(r) == []


# --- a labelled field's value ---------------------------------------------------------------------------------

def test_a_labelled_name_stops_at_the_line_of_the_next_label():
    r = letter(["PHIẾU THÔNG TIN", DATE],
               "Tên đơn vị: Công ty Cổ phần Kho vận Ngọc Sơn\nĐịa chỉ: Lô 3, KCN Nam Cầu Kiền")
    assert r.enterprise.name == "Công ty Cổ phần Kho vận Ngọc Sơn"
    assert unclear(r) == []            # a labelled field is no guess


def test_a_labelled_name_on_one_line_with_the_next_label_loses_that_label():
    r = letter(["PHIẾU THÔNG TIN", DATE], "Doanh nghiệp: Công ty TNHH Gốm Tiên Lãng Điện thoại: 0225 3881 234")
    assert r.enterprise.name == "Công ty TNHH Gốm Tiên Lãng"


def test_a_name_at_the_end_of_its_paragraph_stops_before_the_next_sentence():
    r = letter(["Số: 17/2023", DATE], "Công ty TNHH Thủy sản Cát Bà\nĐược biết Quý Ban đang tổng hợp nhu cầu lao động, "
               "đơn vị báo cáo như sau:")
    assert r.enterprise.name == "Công ty TNHH Thủy sản Cát Bà"


# --- a branch ---------------------------------------------------------------------------------------------------

def test_a_branch_line_under_the_parent_name_stays_in_the_name():
    r = letter(["CÔNG TY TNHH MAY SÔNG CẤM", "CHI NHÁNH KIẾN AN", "Số: 5/KA", *MOTTO, DATE],
               "Công ty TNHH May Sông Cấm có nhà máy tại quận Kiến An, xin báo cáo như sau:")
    assert "chi nhánh kiến an" in r.enterprise.name.casefold()
    assert r.enterprise.name.casefold().startswith("công ty tnhh may sông cấm")


def test_a_branch_code_beside_the_parent_code_is_the_writers_code():
    r = letter(["CHI NHÁNH CÔNG TY TNHH MAY SÔNG CẤM TẠI KIẾN AN", "Số: 5/KA", *MOTTO, DATE],
               f"Chi nhánh (MST công ty mẹ: {CODE_A}; mã số chi nhánh: {CODE_A}-003) xin báo cáo như sau:")
    assert r.enterprise.tax_code == f"{CODE_A}-003"
    assert unclear(r) == []


# --- doubts are flagged, not settled ------------------------------------------------------------------------------

def test_two_different_tax_codes_are_flagged():
    r = letter(["CÔNG TY TNHH GỐM TIÊN LÃNG", "Số: 3/GTL", *MOTTO, DATE],
               f"Công ty TNHH Gốm Tiên Lãng (MST: {CODE_A}) xin báo cáo; đối tác đào tạo có MST: {CODE_B}.")
    assert is_valid(CODE_A) and is_valid(CODE_B)
    assert "enterprise.tax_code" in unclear(r)


def test_a_tax_label_whose_number_is_too_short_is_flagged_not_dropped_silently():
    r = letter(["CÔNG TY TNHH GỐM TIÊN LÃNG", "MST: 0201 2345", "Số: 3/GTL", *MOTTO, DATE], "Công ty báo cáo như sau:")
    assert r.enterprise.tax_code is None
    assert "enterprise.tax_code" in unclear(r)


def test_a_letterhead_and_a_body_that_name_two_companies_are_flagged():
    r = letter(["CÔNG TY TNHH GỐM TIÊN LÃNG", "Số: 3/GTL", *MOTTO, DATE],
               "Công ty Cổ phần Vận tải Biển Bắc xin báo cáo Quý Ban như sau:")
    assert r.enterprise.name == "Công ty TNHH Gốm Tiên Lãng"
    assert "enterprise.name" in unclear(r)


def test_a_name_found_only_in_a_sentence_is_read_and_flagged():
    r = letter(["Số: 17/2023", DATE], "Công ty TNHH Thủy sản Cát Bà xin báo cáo như sau:")
    assert r.enterprise.name == "Công ty TNHH Thủy sản Cát Bà"
    assert "enterprise.name" in unclear(r)


def test_a_letterhead_name_the_body_repeats_raises_no_doubt():
    r = letter(["CÔNG TY TNHH THỦY SẢN CÁT BÀ", f"MST: {CODE_A}", "Số: 17/2023", *MOTTO, DATE],
               "Công ty TNHH Thủy sản Cát Bà xin báo cáo như sau:")
    assert r.enterprise.name == "Công ty TNHH Thủy sản Cát Bà"
    assert unclear(r) == []


# --- the contact person --------------------------------------------------------------------------------------------

def test_a_contact_label_without_an_honorific_and_a_surname_like_a_title():
    r = letter(["CÔNG TY TNHH THỦY SẢN CÁT BÀ", "Số: 17/2023", DATE], "Công ty báo cáo như sau:",
               after=["Cán bộ phụ trách: Trương Minh Khôi – 0904 111 222"])
    e = r.enterprise
    assert (e.contact_name, e.contact_phone) == ("Trương Minh Khôi", "0904111222")


def test_a_job_title_after_the_name_ends_it():
    r = letter(["CÔNG TY TNHH THỦY SẢN CÁT BÀ", "Số: 17/2023", DATE], "Công ty báo cáo như sau:",
               after=["Người liên hệ: ông Phạm Đức Long, Trưởng phòng Nhân sự, số máy 0912 000 111."])
    assert r.enterprise.contact_name == "Phạm Đức Long"


def test_a_phone_number_broken_onto_the_next_line_is_read():
    r = letter(["CÔNG TY TNHH THỦY SẢN CÁT BÀ", "Số: 17/2023", DATE], "Công ty báo cáo như sau:",
               after=["Đầu mối: Bà Lò Thị Yến, Phòng Hành chính; ĐT:", "0376 555 120; email: yen@catba.vn"])
    e = r.enterprise
    assert (e.contact_name, e.contact_phone, e.contact_email) == ("Lò Thị Yến", "0376555120", "yen@catba.vn")


@pytest.mark.parametrize("line, phone", [
    # a service number after the first label is no phone; the mobile after it is read whole, not cut at 9 digits
    ("Liên hệ: chị Vũ Thị Thu, hotline 1900 6868, di động 0948 123 987", "0948123987"),
    # the country code is written as the 0 it stands for
    ("Liên hệ: anh Đỗ Văn Nam, Tel: +84 225 3123 456", "02253123456"),
])
def test_the_contact_phone_is_the_whole_number_after_its_label(line, phone):
    r = letter(["CÔNG TY TNHH THỦY SẢN CÁT BÀ", "Số: 17/2023", DATE], "Công ty báo cáo như sau:", after=[line])
    assert r.enterprise.contact_phone == phone
    assert r.enterprise.provenance["contact_phone"].snippet == line      # the officer is shown where it stands


def test_the_contact_in_a_page_footer():
    r = letter(["CÔNG TY TNHH THỦY SẢN CÁT BÀ", "Số: 17/2023", DATE], "Công ty báo cáo như sau:",
               footer=["Liên hệ: Hoàng Văn Tú - DĐ 0868 123 456"])
    assert (r.enterprise.contact_name, r.enterprise.contact_phone) == ("Hoàng Văn Tú", "0868123456")


# --- the zone -----------------------------------------------------------------------------------------------------

def test_no_zone_alias_drops_the_number_of_its_zone():
    """'Giang Biên' is not 'Giang Biên II': a zone written without its number is kept as written, so the registry
    never maps the shorter name onto the numbered zone."""
    for zone in vocab.load("zones")["zones"]:
        name = zone["name"].split(" ", 1)[1]
        words = name.split()
        if len(words) > 1 and (words[-1] in ("I", "II", "III", "IV") or words[-1].isdigit()):
            shorter = " ".join(words[:-1]).casefold()
            assert all(a.casefold() != shorter for a in zone.get("aliases", [])), zone["name"]


def test_a_numbered_zone_and_its_unnumbered_neighbour():
    assert find_zone("Địa chỉ: Lô 2, KCN Giang Biên II, huyện Vĩnh Bảo") == "KCN Giang Biên II"
    assert find_zone("Địa chỉ: Lô 2, Khu công nghiệp Giang Biên 2, huyện Vĩnh Bảo") == "KCN Giang Biên II"
    assert find_zone("Địa chỉ: KCN Giang Biên, xã Dũng Tiến, huyện Vĩnh Bảo") == "KCN Giang Biên"



# --- two company names in one letterhead --------------------------------------------------------------------------

def test_the_writer_under_its_parent_company_is_who_writes():
    r = letter(["TỔNG CÔNG TY CƠ KHÍ XÂY DỰNG", "CÔNG TY CỔ PHẦN KẾT CẤU KIẾN AN", "Số: 8/KA", *MOTTO, DATE],
               "Đơn vị báo cáo như sau:")
    assert r.enterprise.name.casefold() == "công ty cổ phần kết cấu kiến an"


def test_a_translation_under_the_vietnamese_name_is_not_part_of_it():
    r = letter(["CÔNG TY TNHH LINH KIỆN SAKURA", "SAKURA COMPONENTS VIETNAM CO., LTD", "Số: 8/SK", *MOTTO, DATE],
               "Đơn vị báo cáo như sau:")
    assert r.enterprise.name.casefold() == "công ty tnhh linh kiện sakura"


def test_the_vietnamese_name_under_a_foreign_one_when_the_body_does_not_repeat_it():
    r = letter(["SAKURA COMPONENTS VIETNAM CO., LTD", "CÔNG TY TNHH LINH KIỆN SAKURA", "Số: 8/SK", *MOTTO, DATE],
               "Đơn vị báo cáo như sau:")
    assert r.enterprise.name.casefold() == "công ty tnhh linh kiện sakura"


def test_the_body_naming_another_company_than_the_letterhead_is_a_doubt():
    r = letter(["TỔNG CÔNG TY CƠ KHÍ XÂY DỰNG", "CÔNG TY CỔ PHẦN KẾT CẤU KIẾN AN", "Số: 8/KA", *MOTTO, DATE],
               "Công ty Cổ phần Cơ khí Xây dựng Hà Nam báo cáo như sau:")
    assert r.enterprise.name.casefold() == "công ty cổ phần kết cấu kiến an"
    assert "enterprise.name" in unclear(r)


def test_two_short_names_that_share_only_their_legal_form_are_two_companies():
    r = letter(["CÔNG TY TNHH HẢI ÂU", "Số: 8/HA", *MOTTO, DATE], "Công ty TNHH Sao Mai xin báo cáo như sau:")
    assert "enterprise.name" in unclear(r)
