"""Who wrote, in letters set out in ways the development corpus never shows (issue 11): the company's name from
the right line, the tax code wherever and however it is written, the zone from the address, the contact person
in the closing sentence or the page footer. Letters of our own, as block models."""
from __future__ import annotations

import pytest

from extractors.fields import read_fields
from extractors.model import Cell, DocumentContent, Paragraph, Table

BODY = ["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần tuyển 20 công nhân đóng gói.", "2. Tiêu chuẩn lao động",
        "- Sức khỏe tốt.", "3. Hợp tác đào tạo", "- Nhận sinh viên thực tập.", "4. Đăng ký nhu cầu tuyển dụng",
        "Hằng quý trên Cổng thông tin heza.", "5. Kiến nghị", "- Không.", "Trân trọng./."]
DATE = "Hải Phòng, ngày 10 tháng 4 năm 2023"
TO = "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng"


def content(head: list, intro: str, after: list | None = None, footer: str | None = None) -> DocumentContent:
    blocks: list = []
    for item in [*head, TO, intro, *BODY, *(after or [])]:
        if isinstance(item, list):
            blocks.append(Table(rows=[[Cell(c) for c in row] for row in item], index=len(blocks)))
        else:
            blocks.append(Paragraph(text=item, index=len(blocks)))
    if footer:
        blocks.append(Paragraph(text=footer, index=len(blocks), part="footer"))
    return DocumentContent(media_type="test", blocks=blocks)


def enterprise(c: DocumentContent):
    return read_fields(c).enterprise


# --- name ---------------------------------------------------------------------------------------------------

def test_an_english_first_line_of_the_letterhead_is_not_the_name():
    c = content([[["MARUYAMA PRECISION VIETNAM CO., LTD\nCÔNG TY TNHH CƠ KHÍ CHÍNH XÁC MARUYAMA VIỆT NAM\n"
                   "Số: 15/MRV-HR", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" + DATE]]],
                "Công ty TNHH Cơ khí Chính xác Maruyama Việt Nam (MST: 0201234569) xin trả lời như sau:")
    assert enterprise(c).name == "Công ty TNHH Cơ khí Chính xác Maruyama Việt Nam"


def test_the_letterhead_name_ends_before_the_address_line():
    c = content(["CÔNG TY TNHH", "BAO BÌ NAM TRIỆU", "KCN Tràng Duệ, xã Lê Lợi", "Số: 08/NT-HC",
                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", DATE],
                "Thực hiện Công văn số 812/BQL-LĐ, đơn vị chúng tôi báo cáo như sau:")
    assert enterprise(c).name.casefold() == "công ty tnhh bao bì nam triệu"


def test_a_form_field_name_stops_at_the_next_label():
    c = content(["PHIẾU TRẢ LỜI", "(theo Công văn số 812/BQL-LĐ)", DATE],
                "Tên doanh nghiệp: Công ty TNHH Thiết bị Y tế Minh Châu\nMã số thuế: 0201234569")
    assert enterprise(c).name == "Công ty TNHH Thiết bị Y tế Minh Châu"


def test_a_branch_keeps_its_own_name():
    c = content(["CÔNG TY CỔ PHẦN THÉP VIỆT BẮC", "CHI NHÁNH HẢI PHÒNG", "Số: 21/CN-VB",
                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", DATE],
                "Chi nhánh Công ty Cổ phần Thép Việt Bắc tại Hải Phòng xin báo cáo như sau:")
    assert enterprise(c).name.casefold().startswith("chi nhánh công ty cổ phần thép việt bắc")


def test_a_name_found_only_in_the_introduction():
    c = content(["Số: 3/2023", DATE],
                "Công ty TNHH Điện lạnh Hòa Bình, Lô 5 KCN Đình Vũ, xin báo cáo Quý Ban như sau:")
    assert enterprise(c).name == "Công ty TNHH Điện lạnh Hòa Bình"


# --- tax code -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, code", [
    ("Công ty TNHH Hòa Bình, có mã số thuế là 0201234569, xin báo cáo như sau:", "0201234569"),
    ("Công ty TNHH Hòa Bình (MST: 0201 234 569) xin báo cáo như sau:", "0201234569"),
    ("Công ty TNHH Hòa Bình, mã số doanh nghiệp 0201234569, xin báo cáo như sau:", "0201234569"),
    ("Công ty TNHH Hòa Bình (Tax code: 0201234569) xin báo cáo như sau:", "0201234569"),
])
def test_the_tax_code_inside_a_sentence(sentence, code):
    c = content(["CÔNG TY TNHH HÒA BÌNH", "Số: 3/2023", DATE], sentence)
    assert enterprise(c).tax_code == code


def test_a_branch_tax_code_with_its_suffix():
    c = content(["CHI NHÁNH CÔNG TY TNHH HÒA BÌNH TẠI HẢI DƯƠNG", "Mã số chi nhánh: 0201234569 - 002", "Số: 3/2023",
                 DATE], "Chi nhánh xin báo cáo như sau:")
    assert enterprise(c).tax_code == "0201234569-002"


# --- zone and contact -------------------------------------------------------------------------------------------

def test_the_zone_from_the_address_only():
    c = content(["CÔNG TY TNHH HÒA BÌNH", "Địa chỉ: Lô B4, Khu công nghiệp Nam Đình Vũ, quận Hải An", "Số: 3/2023",
                 DATE], "Công ty xin báo cáo như sau:")
    assert enterprise(c).zone == "KCN Nam Đình Vũ"


def test_the_contact_person_in_the_closing_sentence():
    c = content(["CÔNG TY TNHH HÒA BÌNH", "Số: 3/2023", DATE], "Công ty xin báo cáo như sau:",
                after=["Mọi thông tin chi tiết xin liên hệ chị Đỗ Thị Mai, phòng Hành chính – Nhân sự, "
                       "điện thoại 0912 345 678."])
    e = enterprise(c)
    assert (e.contact_name, e.contact_phone) == ("Đỗ Thị Mai", "0912345678")


def test_the_contact_person_in_the_page_footer():
    c = content(["CÔNG TY TNHH HÒA BÌNH", "Số: 3/2023", DATE], "Công ty xin báo cáo như sau:",
                footer="Người liên hệ: Bà Vũ Thị Thanh – ĐT 0983 222 111 – thanh.vt@hoabinh.vn")
    e = enterprise(c)
    assert (e.contact_name, e.contact_phone, e.contact_email) == ("Vũ Thị Thanh", "0983222111", "thanh.vt@hoabinh.vn")
