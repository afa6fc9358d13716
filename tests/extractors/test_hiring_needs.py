"""Hiring needs from the many shapes letters give them, on hand-built block models."""
from __future__ import annotations

from extractors.fields import read_fields
from extractors.model import Cell, DocumentContent, Paragraph, Table
from extractors.fields.checks import run_checks

HEAD = ["CÔNG TY TNHH THỬ NGHIỆM", "Số: 1/CV-TN", "Hải Phòng, ngày 20 tháng 3 năm 2023",
        "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
        "Công ty TNHH Thử nghiệm (MST: 0201234569), KCN Đình Vũ, phúc đáp Công văn số 812/BQL-LĐ như sau:"]
TAIL = ["2. Tiêu chuẩn lao động", "- Sức khỏe tốt.", "3. Hợp tác đào tạo", "- Nhận sinh viên thực tập.",
        "4. Đăng ký nhu cầu tuyển dụng", "Hằng tháng trên Cổng thông tin heza.", "5. Kiến nghị", "- Không.",
        "Trân trọng./."]


def letter(*needs_blocks, tail_blocks=()) -> DocumentContent:
    blocks: list = []
    for item in [*HEAD, "1. Nhu cầu tuyển dụng", *needs_blocks, *TAIL, *tail_blocks]:
        if isinstance(item, str):
            blocks.append(Paragraph(text=item, index=len(blocks)))
        else:
            blocks.append(Table(rows=[[Cell(c) for c in row] for row in item], index=len(blocks)))
    return DocumentContent(media_type="test", blocks=blocks)


def needs(content) -> list[tuple]:
    reading = read_fields(content)
    return sorted((n.year, n.position, n.qualification, n.quantity, n.quantity_max) for n in reading.needs.needs)


def codes(content) -> list[str]:
    return [f.code for f in run_checks(read_fields(content))]


def test_years_as_rows_with_qualification_columns():
    content = letter([["Năm", "Lao động phổ thông", "Trung cấp", "Đại học"],
                      ["2023", "100", "20", "5"], ["2024", "80", "-", "3"]])
    assert needs(content) == [(2023, None, "intermediate_vocational", 20, None), (2023, None, "university", 5, None),
                              (2023, None, "unskilled", 100, None), (2024, None, "university", 3, None),
                              (2024, None, "unskilled", 80, None)]


def test_year_section_rows_and_ranges():
    content = letter([["STT", "Vị trí", "Số lượng", "Trình độ"], ["Năm 2023", "Năm 2023", "Năm 2023", "Năm 2023"],
                      ["1", "Thợ hàn", "10 - 15", "Sơ cấp"], ["Năm 2024", "", "", ""],
                      ["2", "Thợ hàn", "1.200", "Sơ cấp"]])
    assert needs(content) == [(2023, "Thợ hàn", "elementary_vocational", 10, 15),
                              (2024, "Thợ hàn", "elementary_vocational", 1200, None)]


def test_table_continued_on_the_next_page_without_its_header():
    content = letter([["STT", "Vị trí", "Trình độ", "2023", "2024"], ["1", "Kế toán", "Cao đẳng", "1", "2"]],
                     [["2", "Kỹ sư cơ khí", "", "3", "4"]])
    assert needs(content) == [(2023, "Kế toán", "college", 1, None), (2023, "Kỹ sư cơ khí", "university", 3, None),
                              (2024, "Kế toán", "college", 2, None), (2024, "Kỹ sư cơ khí", "university", 4, None)]


def test_annex_table_after_the_closing():
    content = letter("Chi tiết nhu cầu tại Phụ lục kèm theo.",
                     tail_blocks=["PHỤ LỤC", [["TT", "Chức danh", "Trình độ", "Năm 2023"],
                                              ["1", "Công nhân may", "LĐPT", "250"]]])
    assert needs(content) == [(2023, "Công nhân may", "unskilled", 250, None)]


def test_quarters_are_summed_into_their_year():
    content = letter([["STT", "Vị trí", "Trình độ", "Năm 2024", "Năm 2024", "Năm 2024", "Năm 2024"],
                      ["", "", "", "Quý I", "Quý II", "Quý III", "Quý IV"],
                      ["1", "Nhân viên kho", "Trung cấp", "5", "", "10", "5"]])
    assert needs(content) == [(2024, "Nhân viên kho", "intermediate_vocational", 20, None)]


def test_total_row_is_not_a_need_and_a_wrong_total_is_flagged():
    right = letter([["STT", "Vị trí", "Trình độ", "Năm 2023"], ["1", "Thợ điện", "Trung cấp", "7"],
                    ["2", "Công nhân", "LĐPT", "30"], ["", "Tổng cộng", "", "37"]])
    assert needs(right) == [(2023, "Công nhân", "unskilled", 30, None), (2023, "Thợ điện", "intermediate_vocational", 7, None)]
    assert codes(right) == []
    wrong = letter([["STT", "Vị trí", "Trình độ", "Năm 2023"], ["1", "Thợ điện", "Trung cấp", "7"],
                    ["", "Cộng", "", "9"]])
    assert codes(wrong) == ["total_mismatch"]


def test_prose_with_number_words_approximations_and_ranges():
    content = letter("Năm 2023, Công ty dự kiến tuyển khoảng 300 lao động phổ thông, mười lăm (15) kỹ thuật viên "
                     "tốt nghiệp cao đẳng và 20 - 25 kỹ sư.",
                     "Trong năm 2024, Công ty cần tuyển thêm 40 công nhân may trình độ sơ cấp nghề.")
    assert needs(content) == [(2023, "Kỹ sư", "university", 20, 25), (2023, "Kỹ thuật viên", "college", 15, None),
                              (2023, "Lao động phổ thông", "unskilled", 300, None),
                              (2024, "Công nhân may", "elementary_vocational", 40, None)]


def test_undated_needs_take_the_letter_year():
    content = letter("Hiện nay Công ty có nhu cầu tuyển 12 nhân viên QC trình độ trung cấp.")
    assert needs(content) == [(2023, "Nhân viên QC", "intermediate_vocational", 12, None)]


def test_a_decline_has_no_needs_and_no_flag():
    content = letter("Hiện tại Công ty chưa có nhu cầu tuyển dụng thêm lao động.")
    assert needs(content) == [] and codes(content) == []


def test_prose_that_disagrees_with_the_table_is_flagged():
    content = letter("Năm 2023 Công ty cần tuyển 50 thợ hàn, chi tiết như bảng sau:",
                     [["STT", "Vị trí", "Trình độ", "Năm 2023"], ["1", "Thợ hàn", "Trung cấp", "30"]])
    assert needs(content) == [(2023, "Thợ hàn", "intermediate_vocational", 30, None)]
    assert codes(content) == ["conflicting_values"]


def test_unreadable_count_is_flagged_not_guessed():
    content = letter([["STT", "Vị trí", "Trình độ", "Năm 2023"], ["1", "Thợ hàn", "Trung cấp", "khoảng vài chục"]])
    assert needs(content) == []
    assert "unparsed_quantity" in codes(content)


def test_each_clause_keeps_its_own_year():
    content = letter("Công ty dự kiến tuyển 30 kỹ sư cơ khí trong năm 2024 và 40 kỹ sư cơ khí trong năm 2025.")
    assert needs(content) == [(2024, "Kỹ sư cơ khí", "university", 30, None),
                              (2025, "Kỹ sư cơ khí", "university", 40, None)]
    assert codes(content) == []


def test_position_before_its_count():
    content = letter("Nhu cầu tuyển dụng năm 2024: Công nhân may: 120 người; Thợ sửa máy: 6 người.")
    assert needs(content) == [(2024, "Công nhân may", "unspecified", 120, None),
                              (2024, "Thợ sửa máy", "unspecified", 6, None)]


def test_later_counts_of_a_list_dated_in_brackets_keep_the_label():
    for line in ("Thợ hàn: 20 người (năm 2023), 15 người (năm 2024), 10 người (năm 2025).",
                 "Thợ hàn: 20 người năm 2023, 15 người năm 2024, 10 người năm 2025."):
        content = letter(line)
        assert needs(content) == [(2023, "Thợ hàn", "unspecified", 20, None),
                                  (2024, "Thợ hàn", "unspecified", 15, None),
                                  (2025, "Thợ hàn", "unspecified", 10, None)], line
        assert codes(content) == []


def test_a_position_ends_at_a_stop_word_only_as_it_is_written():
    # folded, "lâm", "Nam" and "nam" are "làm" and "năm": they ended the position after the count
    content = letter("Năm 2023 cần tuyển 10 kỹ sư lâm nghiệp, 5 nhân viên kinh doanh miền Nam, "
                     "20 lao động nữ và 10 lao động nam.")
    assert needs(content) == [(2023, "Kỹ sư lâm nghiệp", "university", 10, None),
                              (2023, "Lao động nam", "unspecified", 10, None),
                              (2023, "Lao động nữ", "unspecified", 20, None),
                              (2023, "Nhân viên kinh doanh miền Nam", "unspecified", 5, None)]
    # a stop word whose accent a scan lost still ends the position before a number
    content = letter("Cần tuyển 12 thợ hàn nam 2024.")
    assert needs(content) == [(2024, "Thợ hàn", "unspecified", 12, None)]
    content = letter("Năm 2023 cần tuyển 5 kỹ sư điện va 10 công nhân vận hành.")
    assert needs(content) == [(2023, "Công nhân vận hành", "unspecified", 10, None),
                              (2023, "Kỹ sư điện", "university", 5, None)]


def test_a_year_that_cannot_be_told_is_flagged_not_guessed_silently():
    content = letter("Công ty cần tuyển 30 công nhân, 20 kỹ sư và 10 kế toán lần lượt trong năm 2024 và năm 2025.")
    assert "low_confidence" in codes(content)


def test_periods_ages_and_money_are_not_counts():
    content = letter("Giai đoạn 2023-2025, Công ty cần tuyển 50 công nhân tuổi từ 18 đến 35, lương 8 triệu đồng.")
    assert [(n[3], n[4]) for n in needs(content)] == [(50, None)]


def test_a_table_without_years_takes_its_captions_year():
    content = letter("a) Năm 2023:", [["STT", "Vị trí", "Số lượng", "Trình độ"], ["1", "Thợ hàn", "10", "Trung cấp"]],
                     "b) Năm 2024:", [["STT", "Vị trí", "Số lượng", "Trình độ"], ["1", "Thợ hàn", "12", "Trung cấp"]])
    assert needs(content) == [(2023, "Thợ hàn", "intermediate_vocational", 10, None),
                              (2024, "Thợ hàn", "intermediate_vocational", 12, None)]


def test_bulleted_needs_without_a_verb():
    content = letter("- Công nhân may: 200 người (lao động phổ thông);", "- Kỹ thuật viên: 10 người (cao đẳng).")
    assert needs(content) == [(2023, "Công nhân may", "unskilled", 200, None), (2023, "Kỹ thuật viên", "college", 10, None)]


def test_the_workforce_is_not_a_need():
    content = letter("Hiện Công ty đang sử dụng 1.200 lao động, nhu cầu tuyển dụng năm 2024 là 100 công nhân may.")
    assert needs(content) == [(2024, "Công nhân may", "unspecified", 100, None)]


def test_impossible_values_are_flagged_with_their_reason():
    content = letter([["STT", "Năm", "Vị trí", "Số lượng", "Trình độ"], ["1", "2203", "Thợ hàn", "10", "Trung cấp"],
                      ["2", "2023", "Thợ điện", "70 - 50", "Trung cấp"]])
    assert needs(content) == []
    assert sorted(codes(content)) == ["invalid_range", "needs_section_unread", "year_out_of_range"]


def test_counts_in_unreadable_ocr_are_flagged_not_read():
    content = letter("Năm 2023 cần tuyển 40 công nhân may.", "Đahc Í 19 công nhăn |1. 23]")
    noisy = next(b for b in content.blocks if getattr(b, "text", "").startswith("Đahc"))
    noisy.confidence = 0.2       # what Tesseract says of a line it could barely read
    assert needs(content) == [(2023, "Công nhân may", "unspecified", 40, None)]
    assert "unparsed_quantity" in codes(content)


def test_years_as_rows_with_a_total_row_per_year():
    """'Cộng năm 2023' closes that year's rows: a total checked against them, never a need."""
    table = [["STT", "Chức danh", "Trình độ", "Năm", "Số người"],
             ["1", "Công nhân dập khuôn", "Sơ cấp", "2023", "150"], ["2", "Kỹ sư cơ khí", "Đại học", "2023", "5"],
             ["", "Cộng năm 2023", "", "", "155"],
             ["3", "Công nhân dập khuôn", "Sơ cấp", "2024", "200"], ["", "Cộng năm 2024", "", "", "200"]]
    assert needs(letter(table)) == [(2023, "Công nhân dập khuôn", "elementary_vocational", 150, None),
                                    (2023, "Kỹ sư cơ khí", "university", 5, None),
                                    (2024, "Công nhân dập khuôn", "elementary_vocational", 200, None)]
    assert codes(letter(table)) == []
    wrong = [row[:] for row in table]
    wrong[3][4] = "165"
    assert codes(letter(wrong)) == ["total_mismatch"]


def test_rows_per_quarter_add_up_to_the_year():
    content = letter([["STT", "Vị trí", "Trình độ", "Năm", "Số lượng"],
                      ["1", "Nhân viên kho", "Trung cấp", "Quý I/2023", "5"],
                      ["2", "Lái xe nâng", "Sơ cấp", "Quý I/2023", "2"],
                      ["3", "Nhân viên kho", "Trung cấp", "Quý III/2023", "10"],
                      ["4", "Nhân viên kho", "Trung cấp", "Quý I/2024", "4"]])
    assert needs(content) == [(2023, "Lái xe nâng", "elementary_vocational", 2, None),
                              (2023, "Nhân viên kho", "intermediate_vocational", 15, None),
                              (2024, "Nhân viên kho", "intermediate_vocational", 4, None)]


def test_prose_positions_counts_in_words_and_items_of_years():
    content = letter("a) Năm 2023: Công ty cần tuyển 80 công nhân vận hành máy in (trung cấp), bốn nhân viên thiết "
                     "kế bao bì tốt nghiệp cao đẳng và 20 lao động phổ thông làm công nhân đóng gói.",
                     "b) Năm 2024: cần 50–70 công nhân dệt kim (sơ cấp nghề) và 100 – 120 công nhân may (lao động "
                     "phổ thông); năm 2025 cần 35 (ba mươi lăm) kỹ sư.")
    assert needs(content) == [(2023, "Công nhân vận hành máy in", "intermediate_vocational", 80, None),
                              (2023, "Lao động phổ thông", "unskilled", 20, None),
                              (2023, "Nhân viên thiết kế bao bì", "college", 4, None),
                              (2024, "Công nhân dệt kim", "elementary_vocational", 50, 70),
                              (2024, "Công nhân may", "unskilled", 100, 120),
                              (2025, "Kỹ sư", "university", 35, None)]
    assert codes(content) == []


def test_columns_of_one_year_are_its_parts_or_its_qualifications():
    """Quarter columns whose labels a scan garbled ("Quý IIII2023") still add up to their year; "Năm 2023" over
    "LĐPT | Trung cấp" gives one need per qualification. Never the year's need once per column."""
    garbled = letter([["Vị trí", "Trình độ", "Quý II/2023", "Quý IIII2023", "Quý IVI2023", "Năm 2024"],
                      ["Công nhân may", "LĐPT", "120", "150", "80", "400"], ["Tổng", "", "120", "150", "80", "400"]])
    assert needs(garbled) == [(2023, "Công nhân may", "unskilled", 350, None),
                              (2024, "Công nhân may", "unskilled", 400, None)]
    assert codes(garbled) == []
    by_level = letter([["STT", "Vị trí", "Năm 2023", "Năm 2023"], ["", "", "LĐPT", "Trung cấp"],
                       ["1", "Công nhân hàn", "20", "5"]])
    assert needs(by_level) == [(2023, "Công nhân hàn", "intermediate_vocational", 5, None),
                               (2023, "Công nhân hàn", "unskilled", 20, None)]
