"""Needs tables as HR departments make them (issue 11, red team of the tables): subtotal rows, rows that number
the columns, a title row over the header, 'Trong đó' rows, groups numbered 1 / 1.1, totals above their rows or
without a label, a year's own qualification column, bilingual headers. Each was read wrong without a flag before;
now each reads right, or a wrong figure in it is flagged."""
from __future__ import annotations

from pathlib import Path

import docx

from extractors.fields import read_fields
from extractors.fields.checks import run_checks
from extractors.readers import read_document
from tests.extractors.test_hiring_needs import codes, letter, needs

HEAD = ["STT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"]


def test_subtotal_rows_cong_khoi_are_totals_checked_against_their_own_rows():
    rows = [HEAD, ["1", "Công nhân may", "LĐPT", "150", "100"], ["2", "Công nhân cắt", "LĐPT", "30", "20"],
            ["", "Cộng khối sản xuất", "", "180", "120"], ["3", "Nhân viên kế toán", "Cao đẳng", "2", "1"],
            ["", "Cộng khối văn phòng", "", "2", "1"], ["", "Tổng cộng (I+II)", "", "182", "121"]]
    content = letter(rows)
    assert [n[1] for n in needs(content)].count("Cộng khối sản xuất") == 0
    assert len(needs(content)) == 6
    assert codes(content) == []
    wrong = [r[:] for r in rows]
    wrong[3][3] = "190"                              # the production block's subtotal does not add up
    assert codes(letter(wrong)) == ["total_mismatch"]


def test_a_cong_row_with_a_formula_is_a_total_but_cong_tac_vien_is_a_position():
    content = letter([HEAD, ["1", "Cộng tác viên bán hàng", "Cao đẳng", "5", "5"], ["2", "Thợ hàn", "Sơ cấp", "10", "8"],
                      ["", "Cộng (1+2)", "", "15", "13"]])
    assert needs(content) == [(2023, "Cộng tác viên bán hàng", "college", 5, None),
                              (2023, "Thợ hàn", "elementary_vocational", 10, None),
                              (2024, "Cộng tác viên bán hàng", "college", 5, None),
                              (2024, "Thợ hàn", "elementary_vocational", 8, None)]
    assert codes(content) == []


def test_a_row_numbering_the_columns_is_no_need():
    for numbers in (["(1)", "(2)", "(3)", "(4)", "(5)"], ["1", "2", "3", "4", "5"], ["A", "B", "1", "2", "3"]):
        content = letter([HEAD, numbers, ["1", "Công nhân lắp ráp", "LĐPT", "90", "60"]])
        assert needs(content) == [(2023, "Công nhân lắp ráp", "unskilled", 90, None),
                                  (2024, "Công nhân lắp ráp", "unskilled", 60, None)], numbers
        assert codes(content) == []


def test_a_title_row_spanning_the_table_names_no_column_and_its_one_year_dates_the_rows():
    title = ["BẢNG TỔNG HỢP NHU CẦU TUYỂN DỤNG GIAI ĐOẠN 2023 - 2025"] * 5
    content = letter([title, ["STT", "Vị trí", "Trình độ", "2023", "2024"],
                      ["1", "Công nhân vận hành", "LĐPT", "50", "40"]])
    assert needs(content) == [(2023, "Công nhân vận hành", "unskilled", 50, None),
                              (2024, "Công nhân vận hành", "unskilled", 40, None)]
    dated = letter([["KẾ HOẠCH TUYỂN DỤNG NĂM 2024", "", "", ""], ["STT", "Vị trí", "Trình độ", "Số lượng"],
                    ["1", "Thợ điện", "Trung cấp", "6"]])
    assert needs(dated) == [(2024, "Thợ điện", "intermediate_vocational", 6, None)]


def test_trong_do_rows_break_down_the_row_above():
    content = letter([["STT", "Vị trí", "Trình độ", "Số lượng"], ["1", "Công nhân sản xuất", "LĐPT", "200"],
                      ["", "Trong đó: lao động nữ", "", "150"], ["2", "Kỹ thuật viên", "Cao đẳng", "12"],
                      ["", "- trong đó thợ điện", "", "5"]])
    assert needs(content) == [(2023, "Công nhân sản xuất", "unskilled", 200, None),
                              (2023, "Kỹ thuật viên", "college", 12, None)]
    assert codes(content) == []


def test_groups_numbered_1_over_items_1_1_are_subtotals():
    rows = [HEAD, ["1", "Bộ phận sản xuất", "", "130", "90"], ["1.1", "Công nhân đứng máy", "LĐPT", "100", "70"],
            ["1.2", "Tổ trưởng", "Trung cấp", "30", "20"], ["2", "Bộ phận kỹ thuật", "", "9", "6"],
            ["2.1", "Kỹ thuật viên", "Cao đẳng", "6", "4"], ["2.2", "Kỹ sư", "Đại học", "3", "2"]]
    content = letter(rows)
    assert {n[1] for n in needs(content)} == {"Công nhân đứng máy", "Tổ trưởng", "Kỹ thuật viên", "Kỹ sư"}
    assert codes(content) == []
    rows[4][3] = "19"
    assert codes(letter(rows)) == ["total_mismatch"]


def test_a_total_above_its_rows_is_checked_against_the_rows_below():
    rows = [HEAD, ["", "Tổng số", "", "115", "85"], ["1", "Công nhân", "LĐPT", "100", "75"],
            ["2", "Kỹ sư", "Đại học", "15", "10"]]
    content = letter(rows)
    assert len(needs(content)) == 4 and codes(content) == []
    rows[1][4] = "95"
    assert codes(letter(rows)) == ["total_mismatch"]


def test_a_row_of_counts_without_any_label_is_a_total_never_a_need():
    rows = [HEAD, ["1", "Công nhân đóng gói", "LĐPT", "40", "30"], ["2", "Nhân viên kho", "Trung cấp", "5", "5"],
            ["", "", "", "45", "35"]]
    content = letter(rows)
    assert len(needs(content)) == 4 and codes(content) == []
    rows[3][3] = "50"
    assert codes(letter(rows)) == ["total_mismatch"]


def test_a_year_over_count_and_qualification_columns():
    content = letter([["STT", "Vị trí", "Năm 2023", "Năm 2023", "Năm 2024", "Năm 2024"],
                      ["", "", "Số lượng", "Trình độ", "Số lượng", "Trình độ"],
                      ["1", "Kỹ thuật viên", "6", "Trung cấp", "4", "Cao đẳng"]])
    assert needs(content) == [(2023, "Kỹ thuật viên", "intermediate_vocational", 6, None),
                              (2024, "Kỹ thuật viên", "college", 4, None)]
    assert codes(content) == []


def test_bilingual_year_headers_and_positions():
    content = letter([["No.", "Vị trí / Position", "Trình độ / Qualification", "Năm 2023 / Year 2023",
                       "Năm 2024\nYear 2024"],
                      ["1", "Kỹ thuật viên / Technician", "College", "10", "8"],
                      ["2", "Trưởng phòng / Manager", "Master's degree", "1", ""]])
    assert needs(content) == [(2023, "Kỹ thuật viên", "college", 10, None), (2023, "Trưởng phòng", "postgraduate", 1, None),
                              (2024, "Kỹ thuật viên", "college", 8, None)]


def test_age_and_pay_columns_hold_no_counts():
    content = letter([["STT", "Vị trí", "Trình độ", "Số lượng", "Độ tuổi", "Mức lương (triệu đồng)"],
                      ["1", "Công nhân may", "LĐPT", "80", "18-35", "7-9"]])
    assert needs(content) == [(2023, "Công nhân may", "unskilled", 80, None)]
    assert codes(content) == []


def test_a_quarters_table_with_the_year_total_column():
    content = letter([["STT", "Vị trí", "Trình độ", "Năm 2024", "Năm 2024", "Năm 2024", "Năm 2024", "Năm 2024"],
                      ["", "", "", "Quý I", "Quý II", "Quý III", "Quý IV", "Cộng"],
                      ["1", "Nhân viên kho", "Trung cấp", "5", "", "10", "5", "20"]])
    assert needs(content) == [(2024, "Nhân viên kho", "intermediate_vocational", 20, None)]


def test_a_qualification_that_cannot_be_mapped_is_flagged_and_thcs_is_unskilled():
    content = letter([["STT", "Vị trí", "Trình độ", "Số lượng"], ["1", "Công nhân", "Tốt nghiệp THCS trở lên", "150"],
                      ["2", "Thợ sơn", "Chứng chỉ nghề sơn tĩnh điện", "4"]])
    assert needs(content)[0] == (2023, "Công nhân", "unskilled", 150, None)
    assert codes(content) == ["low_confidence"]


def test_a_period_total_in_prose_that_the_table_adds_up_is_no_need():
    content = letter("Giai đoạn 2023 - 2025, Công ty dự kiến tuyển 270 lao động, cụ thể:",
                     [["STT", "Vị trí", "Trình độ", "2023", "2024", "2025"], ["1", "Công nhân", "LĐPT", "100", "100", "50"],
                      ["2", "Kỹ thuật viên", "Cao đẳng", "10", "5", "5"]])
    assert len(needs(content)) == 6 and codes(content) == []


def _docx(path: Path) -> Path:
    """A reply whose needs table has a title row merged across it, a row numbering the columns, and subtotals."""
    doc = docx.Document()
    for text in ["CÔNG TY TNHH THỬ NGHIỆM BẢNG", "Số: 3/CV-TNB", "Hải Phòng, ngày 20 tháng 3 năm 2023",
                 "Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
                 "Công ty TNHH Thử nghiệm Bảng (MST: 0201234569), KCN Đình Vũ, phúc đáp Công văn số 812/BQL-LĐ:",
                 "1. Nhu cầu tuyển dụng"]:
        doc.add_paragraph(text)
    rows = [["NHU CẦU TUYỂN DỤNG 2023 - 2024"] * 5, HEAD, ["(1)", "(2)", "(3)", "(4)", "(5)"],
            ["1", "Công nhân may", "LĐPT", "150", "100"], ["2", "Công nhân cắt", "LĐPT", "30", "20"],
            ["", "Cộng khối sản xuất", "", "180", "120"], ["3", "Kế toán", "Cao đẳng", "2", "1"],
            ["", "Cộng khối văn phòng", "", "2", "1"]]
    table = doc.add_table(rows=len(rows), cols=5)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(0, 4)).text = rows[0][0]
    for text in ["2. Tiêu chuẩn lao động", "- Sức khỏe tốt.", "3. Hợp tác đào tạo", "- Nhận sinh viên thực tập.",
                 "4. Đăng ký nhu cầu tuyển dụng", "Hằng quý trên Cổng thông tin heza.", "5. Kiến nghị", "- Không.",
                 "Trân trọng./."]:
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


def test_a_docx_table_with_a_merged_title_column_numbers_and_subtotals(tmp_path):
    _, content = read_document(_docx(tmp_path / "bang.docx"))
    fields = read_fields(content)
    got = sorted((n.year, n.position, n.quantity) for n in fields.needs.needs)
    assert got == [(2023, "Công nhân cắt", 30), (2023, "Công nhân may", 150), (2023, "Kế toán", 2),
                   (2024, "Công nhân cắt", 20), (2024, "Công nhân may", 100), (2024, "Kế toán", 1)]
    assert [f.code for f in run_checks(fields)] == []


def test_a_workforce_table_under_its_caption_is_no_needs_table():
    content = letter("a) Cơ cấu lao động hiện nay của Công ty:",
                     [["Trình độ", "Số lượng"], ["Đại học", "45"], ["Cao đẳng", "90"], ["Lao động phổ thông", "765"]],
                     "b) Nhu cầu tuyển dụng năm 2023:",
                     [["STT", "Vị trí", "Trình độ", "Số lượng"], ["1", "Công nhân", "LĐPT", "120"]])
    assert needs(content) == [(2023, "Công nhân", "unskilled", 120, None)]
    assert codes(content) == []


def test_trinh_do_merged_over_one_column_per_qualification():
    content = letter([["Năm", "Trình độ", "Trình độ", "Trình độ"], ["", "Đại học", "Cao đẳng", "LĐPT"],
                      ["2023", "4", "6", "120"]])
    assert needs(content) == [(2023, None, "college", 6, None), (2023, None, "university", 4, None),
                              (2023, None, "unskilled", 120, None)]


def test_a_footnote_mark_beside_a_count():
    content = letter([HEAD, ["1", "Công nhân", "LĐPT", "150*", "100 (*)"]], "(*) Có thể thay đổi theo đơn hàng.")
    assert needs(content) == [(2023, "Công nhân", "unskilled", 150, None), (2024, "Công nhân", "unskilled", 100, None)]


def test_a_period_in_the_year_cell_is_dated_by_its_first_year_and_flagged():
    content = letter([["STT", "Vị trí", "Trình độ", "Số lượng", "Năm"], ["1", "Công nhân", "LĐPT", "100", "2023"],
                      ["2", "Kỹ sư", "Đại học", "10", "2024-2025"]])
    assert needs(content) == [(2023, "Công nhân", "unskilled", 100, None), (2024, "Kỹ sư", "university", 10, None)]
    assert codes(content) == ["low_confidence"]


def test_a_total_labelled_in_the_qualification_column():
    content = letter([HEAD, ["1", "Công nhân", "LĐPT", "40", "30"], ["2", "Nhân viên kho", "Trung cấp", "5", "5"],
                      ["", "", "Tổng cộng", "45", "36"]])
    assert len(needs(content)) == 4
    assert codes(content) == ["total_mismatch"]


def test_count_columns_without_years_under_one_merged_header_are_summed_others_flagged():
    split = letter([["STT", "Vị trí", "Trình độ", "Số lượng cần tuyển", "Số lượng cần tuyển"], ["", "", "", "Nam", "Nữ"],
                    ["1", "Công nhân may", "LĐPT", "20", "180"], ["2", "Thợ điện", "Trung cấp", "5", ""]])
    assert needs(split) == [(2023, "Công nhân may", "unskilled", 200, None),
                            (2023, "Thợ điện", "intermediate_vocational", 5, None)]
    assert codes(split) == []
    # two count columns that no header joins: which is the need is unknown, the other's counts are shown
    apart = letter([["STT", "Vị trí", "Trình độ", "Số lượng", "Nhu cầu đào tạo"], ["1", "Công nhân may", "LĐPT", "20", "180"]])
    assert codes(apart) == ["unaccounted_count"]


def test_groups_over_lettered_or_dashed_rows_and_the_rows_under_trong_do():
    lettered = letter([HEAD, ["1", "Khối sản xuất", "", "130", "90"], ["a", "Công nhân", "LĐPT", "100", "70"],
                       ["b", "Tổ trưởng", "Trung cấp", "30", "20"], ["2", "Khối văn phòng", "", "2", "1"],
                       ["a", "Kế toán", "Cao đẳng", "2", "1"]])
    assert {n[1] for n in needs(lettered)} == {"Công nhân", "Tổ trưởng", "Kế toán"} and codes(lettered) == []
    dashed = letter([HEAD, ["1", "Khối sản xuất", "", "130", "90"], ["", "- Công nhân", "LĐPT", "100", "70"],
                     ["", "- Tổ trưởng", "Trung cấp", "30", "20"], ["2", "Khối văn phòng", "", "2", "1"],
                     ["", "- Kế toán", "Cao đẳng", "2", "2"]])
    assert {n[1] for n in needs(dashed)} == {"Công nhân", "Tổ trưởng", "Kế toán"}
    assert codes(dashed) == ["total_mismatch"]               # the office block says 1 for 2024, its row 2
    under = letter([["STT", "Vị trí", "Trình độ", "Số lượng"], ["1", "Công nhân", "LĐPT", "200"], ["", "Trong đó:", "", ""],
                    ["", "- Nữ", "", "150"], ["", "- Nam", "", "50"], ["2", "Kỹ sư", "Đại học", "5"]])
    assert needs(under) == [(2023, "Công nhân", "unskilled", 200, None), (2023, "Kỹ sư", "university", 5, None)]
    assert codes(under) == []


def test_counts_per_month_or_shift_in_a_header_or_caption_are_flagged():
    per_month = letter([["STT", "Vị trí", "Số lượng cần tuyển mỗi tháng"], ["1", "Công nhân may", "20"],
                        ["2", "Thợ cắt", "5"]])
    per_shift = letter([["Vị trí", "Số ca", "Số người/ca"], ["Công nhân vận hành", "3", "10"]])
    per_quarter = letter("Nhu cầu tuyển dụng hằng quý của Công ty như sau:",
                         [["Vị trí", "Số lượng"], ["Công nhân may", "20"], ["Thợ cắt", "5"]])
    for content in (per_month, per_shift, per_quarter):
        assert needs(content) and "low_confidence" in codes(content)
    # a caption that names the year, or a note that the company recruits every month, changes nothing
    plain = letter("Nhu cầu tuyển dụng năm 2023 như sau:",
                   [["Vị trí", "Số lượng (người)"], ["Công nhân may", "20"], ["Thợ cắt", "5"]])
    assert needs(plain) == [(2023, "Công nhân may", "unspecified", 20, None), (2023, "Thợ cắt", "unspecified", 5, None)]
    assert codes(plain) == []


def test_an_empty_year_cell_takes_the_year_above_and_stays_doubted():
    # a year cell merged down over the rows of its year (a PDF draws it once): the year above, shown to an officer
    content = letter([["Năm", "Vị trí", "Trình độ", "Số lượng"], ["2023", "Kỹ sư điện", "Đại học", "3"],
                      ["", "Công nhân", "Phổ thông", "40"], ["2024", "Kỹ sư điện", "Đại học", "4"],
                      ["", "Công nhân", "Phổ thông", "45"]])
    assert needs(content) == [(2023, "Công nhân", "unskilled", 40, None), (2023, "Kỹ sư điện", "university", 3, None),
                              (2024, "Công nhân", "unskilled", 45, None), (2024, "Kỹ sư điện", "university", 4, None)]
    assert "low_confidence" in codes(content)


def test_a_level_said_in_words_no_rule_maps_is_flagged_in_a_table():
    content = letter([["STT", "Vị trí", "Số lượng", "Yêu cầu"], ["1", "Thợ điện", "4", "Có chứng chỉ nghề điện"],
                      ["2", "Công nhân (thợ bậc 3/7)", "30", "Sức khỏe tốt"]])
    assert [n[2] for n in needs(content)] == ["unspecified", "unspecified"]
    assert "low_confidence" in codes(content)
    # a requirement that names a level maps, and one that names none is no doubt
    content = letter([["STT", "Vị trí", "Số lượng", "Yêu cầu"], ["1", "Thợ điện", "4", "Tốt nghiệp trung cấp điện"],
                      ["2", "Công nhân", "30", "Sức khỏe tốt"]])
    assert [n[2] for n in needs(content)] == ["unspecified", "intermediate_vocational"] and codes(content) == []
