"""Letters written apart from the corpora (issue 11, red team, prose and forms): each test is a general cause of a
wrong value that came out unflagged, or of a genuine reply sent to review, on letters of our own. Block models for
running text; DOCX built here with python-docx where the reader's part matters (tables, letterheads)."""
from __future__ import annotations

import datetime
import re
from pathlib import Path

import docx

from extractors.fields import read_fields
from extractors.fields.checks import run_checks
from extractors.model import DocumentContent, Paragraph
from extractors.readers import read_document

HEAD = ["CÔNG TY TNHH CƠ KHÍ BÌNH AN", "Số: 21/2023/BA", "Hải Phòng, ngày 29 tháng 3 năm 2023",
        "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
        "Công ty TNHH Cơ khí Bình An (MST 0201234569), KCN Nomura, trả lời Công văn số 812/BQL-LĐ như sau:"]
REST = ["2. Tiêu chuẩn lao động", "- Sức khỏe tốt.", "3. Hợp tác đào tạo", "- Nhận sinh viên thực tập.",
        "4. Đăng ký nhu cầu tuyển dụng", "Hằng quý trên Cổng thông tin heza.", "5. Kiến nghị", "- Không.",
        "Trân trọng./."]


def _content(lines: list[str]) -> DocumentContent:
    """A one-page text PDF of these lines; a numbered line that is no sentence is set in bold, as headings are."""
    blocks, y = [], 70.0
    for i, text in enumerate(lines):
        heading = bool(re.match(r"^\d[\d, và]*[./]\s", text)) and not text.endswith(".")
        blocks.append(Paragraph(text=text, index=i, page=1, bbox=(90.0, y, 500.0, y + 13), bold=heading))
        y += 17
    return DocumentContent(media_type="application/pdf", blocks=blocks, pages=1)


def _read(needs_lines: list[str], rest: list[str] = REST):
    return read_fields(_content([*HEAD, *needs_lines, *rest]))


def _needs(fields) -> list[tuple]:
    return sorted((n.year, n.qualification, n.quantity, n.quantity_max) for n in fields.needs.needs)


def _codes(fields) -> set[str]:
    return {getattr(f.code, "value", f.code) for f in run_checks(fields)}


def test_item_numbers_in_brackets_are_no_counts():
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần tuyển: (1) 30 công nhân lắp ráp, lao động phổ "
                    "thông; (2) 8 kỹ thuật viên điện tử trình độ cao đẳng; (3) hai kỹ sư phần mềm."])
    assert _needs(fields) == [(2023, "college", 8, None), (2023, "university", 2, None),
                              (2023, "unskilled", 30, None)]
    # the digits that check a count in words are still the count
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần mười (10) thợ sửa chữa trình độ trung cấp."])
    assert _needs(fields) == [(2023, "intermediate_vocational", 10, None)]


def test_a_bullet_line_is_its_own_sentence_whatever_ended_the_line_before():
    # no full stop after "(công nhân quấn dây)": the next item's qualification is not this one's
    fields = _read(["1. Nhu cầu tuyển dụng năm 2023", "- Lao động phổ thông: 90 người (công nhân quấn dây)",
                    "- Trung cấp điện: 14 người (thợ điện)", "- Đại học: 3 người (kỹ sư thiết kế điện)"])
    assert _needs(fields) == [(2023, "intermediate_vocational", 14, None), (2023, "university", 3, None),
                              (2023, "unskilled", 90, None)]


def test_items_take_the_year_of_their_lead_in_or_heading():
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty đã đủ lao động. Năm 2024, khi dây chuyền mới đi vào "
                    "hoạt động, Công ty cần:", "a) Lao động phổ thông: 200 người;", "b) Kỹ sư cơ khí: 6 người."])
    assert _needs(fields) == [(2024, "university", 6, None), (2024, "unskilled", 200, None)]
    fields = _read(["1. Nhu cầu tuyển dụng năm 2025", "- Công nhân may: 50 người (lao động phổ thông)"])
    assert _needs(fields) == [(2025, "unskilled", 50, None)]


def test_a_line_that_opens_with_a_year_starts_a_sentence():
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023: + 80 công nhân vận hành (lao động phổ thông) + 6 kỹ thuật "
                    "viên bảo trì (cao đẳng)", "Năm 2024: + 60 công nhân vận hành (lao động phổ thông)"])
    assert _needs(fields) == [(2023, "college", 6, None), (2023, "unskilled", 80, None),
                              (2024, "unskilled", 60, None)]


def test_a_count_for_each_year_of_a_period():
    fields = _read(["1. Nhu cầu tuyển dụng", "Trong 3 năm 2023 – 2025, mỗi năm Công ty cần khoảng 50 công nhân gia "
                    "công cơ khí (lao động phổ thông)."])
    assert _needs(fields) == [(2023, "unskilled", 50, None), (2024, "unskilled", 50, None),
                              (2025, "unskilled", 50, None)]
    # a period without "mỗi năm": under its first year, and flagged (never a silent guess)
    fields = _read(["1. Nhu cầu tuyển dụng", "Trong 2 năm 2024 – 2025 Công ty cần khoảng 120 công nhân (lao động "
                    "phổ thông)."])
    assert _needs(fields) == [(2024, "unskilled", 120, None)]
    assert "low_confidence" in _codes(fields)


def test_counts_of_parts_of_a_year_add_up_and_a_position_said_twice_is_doubted():
    fields = _read(["1. Nhu cầu tuyển dụng", "Quý II/2023 Công ty tuyển 40 công nhân bốc xếp (lao động phổ thông); "
                    "quý IV/2023 tuyển thêm 20 công nhân bốc xếp (lao động phổ thông)."])
    assert _needs(fields) == [(2023, "unskilled", 60, None)]
    assert _codes(fields) == set()
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần 40 công nhân bốc xếp (lao động phổ thông). "
                    "Ngoài ra Công ty cần 20 công nhân bốc xếp (lao động phổ thông)."])
    assert "conflicting_values" in _codes(fields)


def test_what_a_position_must_have_is_not_what_the_company_has():
    fields = _read(["1. Nhu cầu tuyển dụng", "Từ ngày 01/6/2023 Công ty cần 25 lái xe nâng có chứng chỉ sơ cấp và "
                    "10 nhân viên kho trình độ trung cấp."])
    assert _needs(fields) == [(2023, "elementary_vocational", 25, None), (2023, "intermediate_vocational", 10, None)]
    fields = _read(["1. Nhu cầu tuyển dụng", "Hiện Công ty có 1.240 lao động. Năm 2024 Công ty cần tuyển 120 công "
                    "nhân may (lao động phổ thông)."])
    assert _needs(fields) == [(2024, "unskilled", 120, None)]
    assert _codes(fields) == set()          # 1.240 under a heading of its own is the workforce, explained


def test_an_english_workforce_is_no_need():
    fields = _read(["1. Recruitment needs (Nhu cầu tuyển dụng)", "We currently employ 520 people. In 2023 we plan to "
                    "recruit 60 production operators (high school graduates) and 4 quality engineers (university "
                    "degree)."])
    assert _needs(fields) == [(2023, "university", 4, None), (2023, "unskilled", 60, None)]


def test_a_heading_that_joins_answers_with_commas_names_each():
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần 40 thợ mộc trình độ sơ cấp nghề.",
                    "2. Tiêu chuẩn", "Có ít nhất 6 tháng kinh nghiệm.",
                    "3, 4 và 5. Hợp tác đào tạo, đăng ký nhu cầu và kiến nghị",
                    "Công ty nhận học sinh thực tập nghề mộc; Công ty sẽ đăng ký nhu cầu trên cổng thông tin điện tử "
                    "thành phố khi phát sinh; Công ty đề nghị Ban Quản lý hỗ trợ quảng bá thông tin tuyển dụng.",
                    "Trân trọng./."], rest=[])
    assert fields.registration.frequency == "ad_hoc"
    assert [o.kind for o in fields.cooperation] == ["internship"]


def test_the_boards_words_for_trained_workers_head_the_criteria():
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần 8 nhân viên khai báo hải quan (đại học).",
                    "2/ Những yêu cầu Công ty đặt ra với người lao động qua đào tạo",
                    "- Trung thực, cẩn thận, chịu được áp lực công việc",
                    "- Sử dụng thành thạo phần mềm ECUS", "3/ Công ty có thể phối hợp với các cơ sở giáo dục nghề "
                    "nghiệp như thế nào", "- Nhận sinh viên thực tập tại kho bãi", *REST[4:]], rest=[])
    assert [c.category for c in fields.criteria] == ["attitude", "skills"]
    assert [o.kind for o in fields.cooperation] == ["internship"]


def test_plus_items_on_one_line_and_words_of_criteria():
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 cần 150 công nhân may (LĐPT).", "2. Tiêu chuẩn",
                    "+ Tuổi 18–35 + Tổ trưởng có kinh nghiệm quản lý chuyền 2 năm",
                    "- Có chứng chỉ làm việc trên cao", "- Chịu được môi trường nóng, tiếng ồn",
                    *REST[2:]], rest=[])
    assert [c.category for c in fields.criteria] == ["age", "experience", "certification", "health"]


def test_frequency_words():
    for words, value in (("Thời gian đăng ký không cố định, tùy theo đơn hàng.", "ad_hoc"),
                         ("Định kỳ 3 tháng một lần trên cổng heza.", "quarterly"),
                         ("Mỗi tuần một lần trên cổng thông tin heza.", "weekly")):
        fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 cần 15 thợ hàn trình độ sơ cấp.", *REST[:5], words,
                        *REST[6:]], rest=[])
        assert fields.registration.frequency == value, words


def _docx(tmp_path: Path, build) -> Path:
    document = docx.Document()
    build(document)
    path = tmp_path / "letter.docx"
    document.save(path)
    return path


def _letterhead(document, number: str = "Số: 33/VP-HCNS") -> None:
    head = document.add_table(rows=1, cols=2)
    head.rows[0].cells[0].text = "CÔNG TY CỔ PHẦN CƠ ĐIỆN VĨNH PHÁT\n" + number
    head.rows[0].cells[1].text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                                  "Hải Phòng, ngày 04 tháng 4 năm 2023")


def test_a_form_under_a_letterhead_table_without_addressee_keeps_its_letterhead_and_its_ticks(tmp_path):
    def build(document):
        _letterhead(document)
        for text in ["PHIẾU CUNG CẤP THÔNG TIN NHU CẦU LAO ĐỘNG", "(Theo Công văn số 812/BQL-LĐ)",
                     "Tên doanh nghiệp: Công ty Cổ phần Cơ điện Vĩnh Phát", "Mã số thuế: 0201234569",
                     "Phần A. Nhu cầu tuyển dụng", "Năm 2023 cần 35 thợ lắp đặt điện trình độ trung cấp.",
                     "Phần B. Tiêu chuẩn", "Có 2 năm kinh nghiệm lắp đặt.", "Phần C. Hợp tác",
                     "Nhận sinh viên thực tập.", "Phần D. Tần suất đăng ký nhu cầu trên cổng thông tin (đánh dấu X)"]:
            document.add_paragraph().add_run(text).bold = text.startswith("Phần")
        grid = document.add_table(rows=2, cols=4)
        for cell, text in zip(grid.rows[0].cells, ["Hằng tuần", "Hằng tháng", "Hằng quý", "Khi có nhu cầu"]):
            cell.text = text
        grid.rows[1].cells[2].text = "X"
        for text in ["Phần E. Kiến nghị", "Không.", "Người điền phiếu: Ông Kiều Văn Phát, ĐT 0903 987 111."]:
            document.add_paragraph().add_run(text).bold = text.startswith("Phần")
    _, content = read_document(_docx(tmp_path, build))
    fields = read_fields(content)
    assert (fields.letter.number, fields.letter.date) == ("33/VP-HCNS", datetime.date(2023, 4, 4))
    assert fields.registration.frequency == "quarterly"
    assert fields.enterprise.contact_name == "Kiều Văn Phát"


def test_a_form_of_questions_and_its_identity_rows(tmp_path):
    def build(document):
        _letterhead(document, "Số: 10/VP-2023")
        document.add_paragraph("Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng")
        document.add_paragraph("Công ty gửi nội dung trả lời Công văn số 812/BQL-LĐ:")
        rows = [("Câu hỏi của Ban Quản lý", "Trả lời của Công ty"),
                ("Mã số thuế", "0201 234 569"), ("Địa chỉ", "Lô B2, Khu công nghiệp Đình Vũ, quận Hải An"),
                ("Doanh nghiệp cần tuyển bao nhiêu lao động, vị trí nào, trình độ gì?",
                 "Năm 2023:\nCông nhân chế biến – 60 người – lao động phổ thông"),
                ("Doanh nghiệp yêu cầu gì đối với lao động qua đào tạo?", "Có giấy khám sức khỏe; tuân thủ nội quy"),
                ("Doanh nghiệp có thể hợp tác với nhà trường như thế nào?", "Nhận sinh viên thực tập"),
                ("Doanh nghiệp đăng ký nhu cầu tuyển dụng như thế nào, bao lâu một lần?",
                 "Mỗi khi có nhu cầu, trên cổng thông tin heza"),
                ("Doanh nghiệp có kiến nghị gì không?", "Không"),
                ("Người cung cấp thông tin", "Lê Thị Hồng, ĐT 0936 221 874")]
        table = document.add_table(rows=len(rows), cols=2)
        for row, (question, answer) in zip(table.rows, rows):
            row.cells[0].text, row.cells[1].text = question, answer
    _, content = read_document(_docx(tmp_path, build))
    fields = read_fields(content)
    assert [c.category for c in fields.criteria] == ["health", "attitude"]
    assert fields.registration.frequency == "ad_hoc"
    assert (fields.enterprise.tax_code, fields.enterprise.zone) == ("0201234569", "KCN Đình Vũ")
    assert (fields.enterprise.contact_name, fields.enterprise.contact_phone) == ("Lê Thị Hồng", "0936221874")


def test_a_name_only_in_the_introduction_is_confirmed_by_a_letterhead_that_echoes_it():
    def fields(brand: str):
        lines = [brand, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "CO., LTD", "VIỆT NAM", "No.: 0412/SEV-HR",
                 "Hải Phòng, ngày 12 tháng 4 năm 2023", "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
                 "Công ty TNHH Điện tử Sunrise Việt Nam, mã số doanh nghiệp 0201234569, trả lời Công văn số "
                 "812/BQL-LĐ như sau:", "1. Nhu cầu tuyển dụng", "Năm 2023 cần 20 công nhân lắp ráp (LĐPT).", *REST]
        return read_fields(_content(lines))
    echoed = fields("SUNRISE ELECTRONICS VIETNAM")
    assert echoed.enterprise.name == "Công ty TNHH Điện tử Sunrise Việt Nam"
    assert "enterprise_unclear" not in _codes(echoed)
    # a letterhead that names something else leaves the name a guess, for an officer
    assert "enterprise_unclear" in _codes(fields("MOONLIGHT HOLDINGS"))


def test_years_named_relative_to_the_letter_and_lists_of_years():
    assert _needs(_read(["1. Nhu cầu tuyển dụng", "Trong năm tới, Công ty cần tuyển 80 công nhân may (lao động "
                         "phổ thông)."])) == [(2024, "unskilled", 80, None)]
    assert _needs(_read(["1. Nhu cầu tuyển dụng", "Năm nay Công ty cần 30 công nhân (LĐPT), năm 2024 cần 45 công "
                         "nhân (LĐPT)."])) == [(2023, "unskilled", 30, None), (2024, "unskilled", 45, None)]
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2024 và 2025 mỗi năm cần thêm 10 thợ điện (trung cấp)."])
    assert _needs(fields) == [(2024, "intermediate_vocational", 10, None), (2025, "intermediate_vocational", 10, None)]
    # without "mỗi năm", whose year it is is a guess: flagged
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2024 và 2025 Công ty cần 10 thợ điện (trung cấp)."])
    assert "low_confidence" in _codes(fields)


def test_a_count_before_its_breakdown_is_a_total_and_an_age_is_no_count():
    fields = _read(["1. Nhu cầu tuyển dụng", "Công ty cần tuyển 120 lao động, trong đó: 100 công nhân may (LĐPT) "
                    "và 20 thợ cắt trình độ sơ cấp."])
    assert _needs(fields) == [(2023, "elementary_vocational", 20, None), (2023, "unskilled", 100, None)]
    assert _codes(fields) == set()
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2024 cần 200 người (trong đó 150 lao động phổ thông, 40 trung "
                    "cấp)."])
    assert "total_mismatch" in _codes(fields)          # 150 + 40 is not 200: the officer sees it
    fields = _read(["1. Nhu cầu tuyển dụng", "Công ty cần tuyển 15 – 20 lao động nữ tuổi từ 18 – 35 làm công "
                    "nhân may."])
    assert _needs(fields) == [(2023, "unspecified", 15, 20)]


def test_a_count_per_month_shift_or_line_is_flagged_not_taken_for_the_year():
    # how many months, shifts or lines make the year's need is not read: the count is kept and shown to an officer
    for sentence in ["Mỗi tháng Công ty cần tuyển khoảng 20 công nhân may trong năm 2023.",
                     "Hằng quý Công ty có nhu cầu tuyển 50 lao động phổ thông.",
                     "Năm 2023 Công ty cần tuyển 3 ca, mỗi ca 20 công nhân vận hành.",
                     "Năm 2023 Công ty mở thêm 2 chuyền may, mỗi chuyền cần 35 công nhân.",
                     "Năm 2023 Công ty cần tuyển khoảng 20 người/tháng (công nhân may).",
                     "In 2023 the Company will hire 20 operators per month."]:
        fields = _read(["1. Nhu cầu tuyển dụng", sentence])
        assert fields.needs.needs and "low_confidence" in _codes(fields), sentence
    # "mỗi năm" is each year of a period, and the salary's "/tháng" in another clause is no rate of the count
    fields = _read(["1. Nhu cầu tuyển dụng", "Giai đoạn 2024 - 2025: mỗi năm Công ty cần khoảng 100 công nhân."])
    assert _needs(fields) == [(2024, "unspecified", 100, None), (2025, "unspecified", 100, None)]
    assert _codes(fields) == set()
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần tuyển 20 công nhân may, mức lương từ 7 triệu "
                    "đồng/tháng."])
    assert _needs(fields) == [(2023, "unspecified", 20, None)] and _codes(fields) == set()


def test_a_count_that_is_all_its_labels_colon_holds_is_read_or_flagged():
    # no unit after the count: the label before the colon is the position, a year in the label dates it
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần tuyển:", "- Kỹ sư cơ khí: 5",
                    "- Công nhân: 60 người", "- Lái xe (bằng C): 2", "- Công nhân may năm 2024: 150"])
    assert sorted((n.year, n.position, n.quantity) for n in fields.needs.needs) == [
        (2023, "Công nhân", 60), (2023, "Kỹ sư cơ khí", 5), (2023, "Lái xe", 2), (2024, "Công nhân may", 150)]
    assert _codes(fields) == set()
    # telephone numbers, years, money and ages after a colon are no counts
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần tuyển 40 công nhân may.", "Thời gian tuyển: 2023",
                    "Mức lương: 7.000.000", "Độ tuổi: 18 - 35", "Liên hệ: bà Lan, điện thoại: 0912 345 678"])
    assert _needs(fields) == [(2023, "unspecified", 40, None)] and _codes(fields) == set()


def test_a_count_with_thousands_grouped_is_no_year():
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần 2.000 công nhân lắp ráp."])
    assert _needs(fields) == [(2023, "unspecified", 2000, None)] and _codes(fields) == set()


def test_a_clause_that_names_several_years_dates_its_counts_as_a_guess():
    # a comma lost (by a hasty typist or the OCR): each count takes the year nearest before it, and is doubted
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 tuyển 10 thợ điện năm 2024 tuyển 12 thợ điện."])
    assert _needs(fields) == [(2023, "unspecified", 10, None), (2024, "unspecified", 12, None)]
    assert "low_confidence" in _codes(fields)


def test_the_workforce_a_company_grows_to_is_no_need():
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2024 Công ty dự kiến nâng số lao động từ 500 lên 600 người, tức "
                    "cần tuyển thêm 100 người."])
    assert _needs(fields) == [(2024, "unspecified", 100, None)] and _codes(fields) == set()
    # said only as the level to reach: nothing is read, and the letter goes to an officer
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2024 Công ty dự kiến nâng số lao động từ 500 lên 600 người."])
    assert _needs(fields) == [] and _codes(fields)


def test_a_level_stated_in_words_no_rule_maps_is_flagged():
    for sentence in ["Năm 2023 cần 50 công nhân trình độ bậc 3/7.", "Năm 2023 cần 8 thợ hàn có chứng chỉ nghề."]:
        fields = _read(["1. Nhu cầu tuyển dụng", sentence])
        assert _needs(fields)[0][1] == "unspecified" and "low_confidence" in _codes(fields), sentence
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 cần 10 nhân viên tốt nghiệp cao học và 20 lao động giản đơn; "
                    "năm 2024 khoảng 150 lao động các loại (chưa phân theo trình độ)."])
    assert _needs(fields) == [(2023, "postgraduate", 10, None), (2023, "unskilled", 20, None),
                              (2024, "unspecified", 150, None)]
    assert _codes(fields) == set()


def test_a_bare_number_of_point_1_that_no_reader_took_goes_to_an_officer():
    # counts without a word for people after them, in shapes no reader takes: never dropped unseen
    for line in ["Năm 2024 cần 60.", "Số lượng cần tuyển năm 2024 là 60.", "Thợ cắt SL 10.", "Năm 2024 khoảng 60.",
                 "Thợ hàn 20 và thợ điện 10.", "Thợ hàn 20, thợ điện 10."]:
        fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 Công ty cần tuyển 40 công nhân may.", line])
        assert "unaccounted_count" in _codes(fields), line
    # ... but numbers that are no counts stay out: a period, hours, money, an age, a telephone, the next item's
    # number, thousands written with a comma and read
    fields = _read(["1. Nhu cầu tuyển dụng", "Giai đoạn 2024 - 2025: mỗi năm Công ty cần khoảng 100 công nhân.",
                    "Thời gian làm việc: 8 giờ/ngày.", "Mức lương: 7.000.000.", "Phụ cấp: 500.000.", "Độ tuổi: 18 - 35.",
                    "Liên hệ: bà Lan, điện thoại: 0912 345 678"])
    assert _needs(fields) == [(2024, "unspecified", 100, None), (2025, "unspecified", 100, None)]
    assert "unaccounted_count" not in _codes(fields)
    fields = _read(["1. Nhu cầu tuyển dụng", "In 2025 the Company plans to recruit 1,200 workers."])
    assert _needs(fields) == [(2025, "unspecified", 1200, None)] and "unaccounted_count" not in _codes(fields)


def test_a_number_after_the_noun_it_numbers_is_no_bare_count():
    for line in ["Công ty làm việc theo ca 1 và ca 2, năm 2023 cần 30 công nhân.",
                 "Năm 2023 Công ty cần 30 công nhân cho dây chuyền 3.", "Năm 2023 cần 30 công nhân đạt chuẩn ISO 9001."]:
        fields = _read(["1. Nhu cầu tuyển dụng", line])
        assert _needs(fields) == [(2023, "unspecified", 30, None)] and _codes(fields) == set(), line


def test_a_count_broken_down_by_sex_is_one_need():
    for sentence in ["Năm 2023 Công ty cần tuyển 20 công nhân may (trong đó 15 nữ, 5 nam).",
                     "Năm 2023 Công ty cần tuyển 20 công nhân may, trong đó 15 lao động nữ."]:
        fields = _read(["1. Nhu cầu tuyển dụng", sentence])
        assert _needs(fields) == [(2023, "unspecified", 20, None)] and _codes(fields) == set(), sentence
    # a stated total stays a total (checked against the needs), and a breakdown into positions is the needs
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 cần 40 thợ hàn và 20 thợ điện. Tổng cộng 60 lao động, trong "
                    "đó 10 nữ."])
    assert _needs(fields) == [(2023, "unspecified", 20, None), (2023, "unspecified", 40, None)]
    assert _codes(fields) == set()
    fields = _read(["1. Nhu cầu tuyển dụng", "Năm 2023 cần tuyển 120 lao động, trong đó 100 công nhân may."])
    assert _needs(fields) == [(2023, "unspecified", 100, None)] and "total_mismatch" in _codes(fields)
