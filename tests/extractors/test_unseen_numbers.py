"""Counts in letters set out in ways the development corpus never shows (issue 11): needs tables read by their
geometry and what their cells hold, prose needs with their traps, and the net under every rule.

Each test is a small letter of our own, written as a block model (what every reader returns), so that one
test speaks for DOCX, text PDF and scans alike. A wrong count must never pass silently: each case either reads
right or comes out flagged.
"""
from __future__ import annotations

import pytest

from extractors.fields import read_fields
from extractors.model import Cell, DocumentContent, Paragraph, Table
from extractors.fields.checks import run_checks

HEAD = ["CÔNG TY CỔ PHẦN KIỂM ĐỊNH SÔNG CẤM", "Số: 44/2023/SC-NS", "Hải Phòng, ngày 14 tháng 4 năm 2023",
        "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
        "Công ty Cổ phần Kiểm định Sông Cấm (mã số thuế 0201234569), Lô C3 KCN Nam Đình Vũ, "
        "trả lời Công văn số 812/BQL-LĐ như sau:"]
TAIL = ["2. Tiêu chuẩn lao động", "- Có sức khỏe tốt, chịu được áp lực.", "3. Hợp tác đào tạo",
        "- Tiếp nhận sinh viên thực tập tốt nghiệp.", "4. Đăng ký nhu cầu tuyển dụng",
        "Hằng tháng trên Cổng thông tin heza.", "5. Kiến nghị", "- Không có.", "Trân trọng./."]

L, U = object(), object()   # a slot covered by the merged cell to its left / above (repeats its text, origin False)


def table(rows: list[list]) -> Table:
    out: list[list[Cell]] = []
    for r, row in enumerate(rows):
        cells: list[Cell] = []
        for c, text in enumerate(row):
            if text is L:
                cells.append(Cell(cells[c - 1].text, origin=False))
            elif text is U:
                cells.append(Cell(out[r - 1][c].text, origin=False))
            else:
                cells.append(Cell(text))
        out.append(cells)
    return Table(rows=out, index=0)


def letter(*needs_blocks, head=HEAD, tail=TAIL, heading="1. Nhu cầu tuyển dụng", after=()) -> DocumentContent:
    blocks: list = []
    for item in [*head, heading, *needs_blocks, *tail, *after]:
        if isinstance(item, str):
            blocks.append(Paragraph(text=item, index=len(blocks)))
        elif isinstance(item, Table):
            item.index = len(blocks)
            blocks.append(item)
        else:
            t = table(item)
            t.index = len(blocks)
            blocks.append(t)
    return DocumentContent(media_type="test", blocks=blocks)


def needs(content) -> list[tuple]:
    reading = read_fields(content)
    return sorted((n.year, n.qualification, n.quantity, n.quantity_max) for n in reading.needs.needs)


def codes(content) -> set[str]:
    return {str(f.code) for f in run_checks(read_fields(content))}


# --- tables: headers ----------------------------------------------------------------------------------------

def test_a_merged_header_cell_spans_the_year_columns():
    content = letter([["STT", "Chức danh công việc", "Trình độ", "Số người cần tuyển", L, L],
                      [U, U, U, "2023", "2024", "2025"],
                      ["1", "Thợ sơn tĩnh điện", "Sơ cấp", "14", "10", "6"],
                      ["2", "Nhân viên thí nghiệm", "Cao đẳng", "3", "2", "2"]])
    assert needs(content) == [(2023, "college", 3, None), (2023, "elementary_vocational", 14, None),
                              (2024, "college", 2, None), (2024, "elementary_vocational", 10, None),
                              (2025, "college", 2, None), (2025, "elementary_vocational", 6, None)]
    assert codes(content) == set()


def test_year_headers_written_as_words_and_spans():
    content = letter([["Vị trí", "Trình độ", "Dự kiến năm 2023 (người)", "Dự kiến năm 2024 (người)"],
                      ["Công nhân cán thép", "LĐPT", "35", "40"],
                      ["Kỹ sư luyện kim", "Đại học", "2", "3"]])
    assert needs(content) == [(2023, "university", 2, None), (2023, "unskilled", 35, None),
                              (2024, "university", 3, None), (2024, "unskilled", 40, None)]


def test_half_years_are_summed_into_their_year():
    content = letter([["Vị trí", "Trình độ", "6 tháng đầu năm 2023", "6 tháng cuối năm 2023", "Năm 2024"],
                      ["Công nhân đóng tàu", "Sơ cấp", "20", "15", "30"],
                      ["Kỹ sư vỏ tàu", "Đại học", "1", "2", "2"]])
    assert needs(content) == [(2023, "elementary_vocational", 35, None), (2023, "university", 3, None),
                              (2024, "elementary_vocational", 30, None), (2024, "university", 2, None)]
    assert codes(content) == set()


def test_quarters_written_with_roman_numerals_and_a_slash():
    content = letter([["Vị trí", "Trình độ", "Quý II/2023", "Quý III/2023", "Quý IV/2023"],
                      ["Thợ may", "LĐPT", "40", "30", "–"],
                      ["Kỹ thuật chuyền", "Trung cấp", "2", "–", "1"]])
    assert needs(content) == [(2023, "intermediate_vocational", 3, None), (2023, "unskilled", 70, None)]


# --- tables: rows that are not needs ------------------------------------------------------------------------

def test_dash_cells_are_no_need_and_no_flag():
    content = letter([["TT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"],
                      ["1", "Thợ điện", "Trung cấp", "6", "–"],
                      ["2", "Kế toán kho", "Cao đẳng", "—", "1"]])
    assert needs(content) == [(2023, "intermediate_vocational", 6, None), (2024, "college", 1, None)]
    assert codes(content) == set()


def test_group_rows_name_a_group_and_numbering_restarts():
    content = letter([["STT", "Vị trí", "Trình độ", "2023", "2024"],
                      ["A", "Khối sản xuất", "", "", ""],
                      ["1", "Công nhân lắp ráp", "LĐPT", "60", "40"],
                      ["2", "Tổ trưởng chuyền", "Trung cấp", "3", "2"],
                      ["B", "Khối văn phòng", "", "", ""],
                      ["1", "Nhân viên nhân sự", "Đại học", "1", "1"]])
    assert needs(content) == [(2023, "intermediate_vocational", 3, None), (2023, "university", 1, None),
                              (2023, "unskilled", 60, None), (2024, "intermediate_vocational", 2, None),
                              (2024, "university", 1, None), (2024, "unskilled", 40, None)]
    assert codes(content) == set()


def test_a_group_row_holding_its_subtotal_is_checked_not_counted():
    content = letter([["STT", "Bộ phận / vị trí", "Trình độ", "Năm 2023"],
                      ["I", "Xưởng đúc", "", "27"],
                      ["1", "Thợ đúc", "Sơ cấp", "25"],
                      ["2", "Kỹ sư đúc", "Đại học", "2"],
                      ["II", "Xưởng gia công", "", "12"],
                      ["1", "Thợ phay CNC", "Trung cấp", "12"]])
    assert needs(content) == [(2023, "elementary_vocational", 25, None), (2023, "intermediate_vocational", 12, None),
                              (2023, "university", 2, None)]
    assert codes(content) == set()


def test_a_wrong_group_subtotal_is_flagged():
    content = letter([["STT", "Bộ phận / vị trí", "Trình độ", "Năm 2023"],
                      ["I", "Xưởng đúc", "", "30"],
                      ["1", "Thợ đúc", "Sơ cấp", "25"],
                      ["2", "Kỹ sư đúc", "Đại học", "2"]])
    assert needs(content) == [(2023, "elementary_vocational", 25, None), (2023, "university", 2, None)]
    assert "total_mismatch" in codes(content)


def test_subtotal_and_grand_total_rows_are_checked_never_needs():
    content = letter([["TT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"],
                      ["1", "Công nhân dệt", "LĐPT", "50", "60"],
                      ["2", "Thợ sửa máy dệt", "Trung cấp", "5", "4"],
                      ["", "Tổng cộng", "", "55", "64"]])
    assert needs(content) == [(2023, "intermediate_vocational", 5, None), (2023, "unskilled", 50, None),
                              (2024, "intermediate_vocational", 4, None), (2024, "unskilled", 60, None)]
    assert codes(content) == set()


def test_a_total_column_per_row_is_not_a_need():
    content = letter([["TT", "Vị trí", "Trình độ", "2023", "2024", "Tổng"],
                      ["1", "Nhân viên bán hàng", "Trung cấp", "4", "6", "10"],
                      ["2", "Lái xe nâng", "Sơ cấp", "2", "1", "3"]])
    assert needs(content) == [(2023, "elementary_vocational", 2, None), (2023, "intermediate_vocational", 4, None),
                              (2024, "elementary_vocational", 1, None), (2024, "intermediate_vocational", 6, None)]


def test_a_wrong_total_column_is_flagged():
    content = letter([["TT", "Vị trí", "Trình độ", "2023", "2024", "Tổng"],
                      ["1", "Nhân viên bán hàng", "Trung cấp", "4", "6", "12"]])
    assert "total_mismatch" in codes(content)


def test_a_current_staff_column_is_not_a_need():
    content = letter([["TT", "Vị trí", "Trình độ", "Số lao động hiện có", "Cần tuyển 2023", "Cần tuyển 2024"],
                      ["1", "Công nhân ép nhựa", "LĐPT", "1.350", "120", "150"],
                      ["2", "Kỹ sư khuôn", "Đại học", "18", "2", "3"]])
    assert needs(content) == [(2023, "university", 2, None), (2023, "unskilled", 120, None),
                              (2024, "university", 3, None), (2024, "unskilled", 150, None)]


def test_a_column_of_a_past_year_is_not_a_need():
    content = letter([["Vị trí", "Trình độ", "Đã tuyển năm 2022", "Năm 2023", "Năm 2024"],
                      ["Công nhân chế biến", "LĐPT", "210", "150", "180"],
                      ["Nhân viên QA", "Cao đẳng", "6", "4", "4"]])
    assert needs(content) == [(2023, "college", 4, None), (2023, "unskilled", 150, None),
                              (2024, "college", 4, None), (2024, "unskilled", 180, None)]


def test_numbers_in_a_notes_column_are_not_counts():
    content = letter([["TT", "Vị trí", "Trình độ", "2023", "Ghi chú"],
                      ["1", "Bảo vệ", "LĐPT", "4", "Làm 3 ca, dưới 45 tuổi"],
                      ["2", "Thủ kho", "Trung cấp", "1", "Tuyển trước 30/6"]])
    assert needs(content) == [(2023, "intermediate_vocational", 1, None), (2023, "unskilled", 4, None)]
    assert codes(content) == set()


def test_a_criteria_column_inside_the_needs_table():
    content = letter([["TT", "Vị trí", "Yêu cầu", "Số lượng 2023"],
                      ["1", "Kỹ sư điện", "Tốt nghiệp đại học, 2 năm kinh nghiệm", "3"],
                      ["2", "Thợ hàn", "Chứng chỉ sơ cấp, hàn 3G", "12"]])
    assert needs(content) == [(2023, "elementary_vocational", 12, None), (2023, "university", 3, None)]


# --- tables: years as rows, one table per year, continued tables ------------------------------------------------

def test_years_as_rows_with_a_vertically_merged_year_cell():
    content = letter([["Năm", "Vị trí", "Trình độ", "Số lượng"],
                      ["2023", "Công nhân cơ khí", "Sơ cấp", "18"],
                      [U, "Kỹ sư cơ khí", "Đại học", "2"],
                      ["2024", "Công nhân cơ khí", "Sơ cấp", "22"]])
    assert needs(content) == [(2023, "elementary_vocational", 18, None), (2023, "university", 2, None),
                              (2024, "elementary_vocational", 22, None)]


def test_one_table_per_year_with_the_year_in_the_heading_only():
    content = letter("a) Kế hoạch tuyển dụng năm 2024:",
                     [["TT", "Vị trí", "Trình độ", "Số lượng"], ["1", "Thợ điện lạnh", "Trung cấp", "5"]],
                     "b) Kế hoạch tuyển dụng năm 2025:",
                     [["TT", "Vị trí", "Trình độ", "Số lượng"], ["1", "Thợ điện lạnh", "Trung cấp", "7"]])
    assert needs(content) == [(2024, "intermediate_vocational", 5, None), (2025, "intermediate_vocational", 7, None)]


def test_a_continued_table_with_its_header_repeated_is_one_table_for_its_total():
    content = letter([["TT", "Vị trí", "Trình độ", "Năm 2023"],
                      ["1", "Công nhân xếp dỡ", "LĐPT", "30"], ["2", "Lái cẩu", "Sơ cấp", "4"]],
                     [["TT", "Vị trí", "Trình độ", "Năm 2023"],
                      ["3", "Kỹ sư cảng", "Đại học", "2"], ["", "Tổng cộng", "", "36"]])
    assert needs(content) == [(2023, "elementary_vocational", 4, None), (2023, "university", 2, None),
                              (2023, "unskilled", 30, None)]
    assert codes(content) == set()


def test_an_annex_table_after_the_signature():
    content = letter("Nhu cầu chi tiết xin gửi tại Phụ lục đính kèm.",
                     after=["PHỤ LỤC: NHU CẦU TUYỂN DỤNG",
                            [["TT", "Vị trí", "Trình độ", "2023", "2024"],
                             ["1", "Thợ lặn công trình", "Sơ cấp", "3", "2"]]])
    assert needs(content) == [(2023, "elementary_vocational", 3, None), (2024, "elementary_vocational", 2, None)]


def test_qualification_columns_with_a_total_column_and_a_total_row():
    content = letter([["Vị trí", "LĐPT", "Trung cấp", "Đại học", "Cộng"],
                      ["Bộ phận sản xuất", "40", "6", "–", "46"],
                      ["Bộ phận kỹ thuật", "–", "3", "2", "5"],
                      ["Tổng cộng", "40", "9", "2", "51"]])
    assert needs(content) == [(2023, "intermediate_vocational", 3, None), (2023, "intermediate_vocational", 6, None),
                              (2023, "university", 2, None), (2023, "unskilled", 40, None)]
    assert codes(content) == set()


# --- prose ----------------------------------------------------------------------------------------------------

def prose(*sentences, head=HEAD) -> DocumentContent:
    return letter(*sentences, head=head)


def test_prose_ranges_approximations_and_bounds():
    content = prose("Năm 2023 Công ty dự kiến tuyển từ 40 đến 60 công nhân may và khoảng 8 thợ cắt có chứng chỉ "
                    "sơ cấp; năm 2024 cần gần 90 công nhân may.")
    assert needs(content) == [(2023, "elementary_vocational", 8, None), (2023, "unspecified", 40, 60),
                              (2024, "unspecified", 90, None)]


def test_durations_are_not_counts():
    content = prose("Năm 2023 Công ty cần tuyển 25 công nhân vận hành; người mới được đào tạo 3 tuần và "
                    "thử việc 2 tháng.")
    assert needs(content) == [(2023, "unspecified", 25, None)] or needs(content) == [(2023, "unskilled", 25, None)]


def test_current_staff_and_last_years_hires_are_not_needs():
    content = prose("Hiện Công ty có 640 lao động, năm 2022 đã tuyển mới 85 người.",
                    "Năm 2023 Công ty cần tuyển thêm 30 công nhân đóng gói.")
    assert needs(content) == [(2023, "unspecified", 30, None)]


def test_trainees_and_interns_offered_are_not_needs():
    content = prose("Năm 2023 Công ty cần tuyển 12 thợ tiện trình độ trung cấp.",
                    "Công ty sẵn sàng nhận 20 sinh viên thực tập mỗi năm.")
    assert needs(content) == [(2023, "intermediate_vocational", 12, None)]


def test_percentages_are_not_counts():
    content = prose("Năm 2023 Công ty cần tuyển 50 công nhân; năm 2024 dự kiến tăng khoảng 20% so với năm 2023.")
    assert needs(content) == [(2023, "unskilled", 50, None)] or needs(content) == [(2023, "unspecified", 50, None)]


def test_a_need_without_a_year_takes_the_letters_year():
    content = prose("Trước mắt Công ty cần tuyển ngay 15 thợ hàn có chứng chỉ sơ cấp.")
    assert needs(content) == [(2023, "elementary_vocational", 15, None)]


def test_a_period_is_dated_by_its_first_year_and_flagged():
    content = prose("Giai đoạn 2025 – 2026: khoảng 90 lao động các loại.")
    assert needs(content) == [(2025, "unspecified", 90, None)]
    assert codes(content) - {"missing_letter_date"}


def test_digits_and_words_that_disagree_are_flagged():
    content = prose("Năm 2023 Công ty cần tuyển 18 (mười tám) thợ mộc và 24 (hai mươi) công nhân phun sơn.")
    assert (2023, "unskilled", 24, None) in needs(content) or (2023, "unspecified", 24, None) in needs(content)
    assert codes(content)


def test_a_decline_is_no_need_and_no_flag():
    content = prose("Trong năm 2023, Công ty chưa có nhu cầu tuyển thêm lao động do đơn hàng giảm.")
    assert needs(content) == []
    assert codes(content) == set()


def test_a_total_sentence_that_agrees_with_the_table_is_one_fact():
    content = letter("Tổng nhu cầu năm 2023 là 45 lao động, cụ thể như sau:",
                     [["TT", "Vị trí", "Trình độ", "2023"],
                      ["1", "Công nhân lắp ráp", "LĐPT", "40"], ["2", "Kỹ thuật viên", "Cao đẳng", "5"]])
    assert needs(content) == [(2023, "college", 5, None), (2023, "unskilled", 40, None)]
    assert codes(content) == set()


def test_a_total_sentence_that_disagrees_with_the_table_is_flagged():
    content = letter([["TT", "Vị trí", "Trình độ", "2023", "2024"],
                      ["1", "Công nhân lắp ráp", "LĐPT", "40", "50"], ["2", "Kỹ thuật viên", "Cao đẳng", "5", "5"]],
                     "Như vậy, tổng nhu cầu năm 2024 là 70 người.")
    assert needs(content) == [(2023, "college", 5, None), (2023, "unskilled", 40, None),
                              (2024, "college", 5, None), (2024, "unskilled", 50, None)]
    assert "conflicting_values" in codes(content)


def test_a_prose_total_over_listed_counts_is_checked():
    content = prose("Năm 2023 Công ty cần tuyển tổng cộng 60 lao động, gồm: 40 công nhân may, 10 thợ cắt có "
                    "chứng chỉ sơ cấp và 5 nhân viên kỹ thuật trình độ trung cấp.")
    assert "total_mismatch" in codes(content) or "conflicting_values" in codes(content)


def test_prose_needs_beside_a_table_of_other_positions_are_kept():
    content = letter("Năm 2023 Công ty cần tuyển khoảng 100 công nhân may.",
                     "Lao động gián tiếp:",
                     [["Vị trí", "Trình độ", "2023"], ["Nhân viên kế hoạch", "Đại học", "2"],
                      ["Nhân viên kho", "Trung cấp", "1"]])
    assert needs(content) == [(2023, "intermediate_vocational", 1, None), (2023, "university", 2, None),
                              (2023, "unspecified", 100, None)]
