"""Text PDFs laid out by other tools (issue 11, red team of PDF geometry): tables set without rules whose cells
wrap and are centred in their row, notes columns holding sums of money, counts in rows that name no position."""
from __future__ import annotations

from extractors.fields import read_fields
from extractors.fields.checks import LOW_CONFIDENCE, run_checks
from extractors.readers.pdf_text_reader import PdfTextReader
from tests.extractors.readers.test_pdf_word_tables import _pdf, _tables
from tests.extractors.test_hiring_needs import letter

WRAPPED = [["STT", "Vị trí công việc", "Trình độ", "Năm 2023", "Năm 2024", "Ghi chú"],
           ["1", "Kỹ thuật viên bảo trì", "Trung cấp", "6", "5", "Lương 9.500.000"],
           ["2", "Công nhân vận hành máy ép nhựa", "Lao động phổ thông", "35", "30", "Tuổi 18-35, lương 7.000.000"],
           ["3", "Kỹ sư cơ khí", "Đại học", "3", "2", ""]]


def test_cells_wrapped_above_and_below_the_counts_of_their_row_stay_in_that_row(tmp_path):
    # position, qualification and notes wrap onto two lines centred on the row; the counts sit between the two
    # lines: three lines of the page, one row of the table (they were three rows: the counts under no position)
    path = _pdf(tmp_path / "wrapped.pdf", WRAPPED, rules="none", widths=[30, 110, 60, 55, 55, 110],
                before=["1. Nhu cầu tuyển dụng của Công ty như sau:"], after=["2. Tiêu chuẩn lao động"])
    tables = _tables(path)
    assert len(tables) == 1
    rows = tables[0]
    assert len(rows) == 4
    assert rows[2] == ["2", "Công nhân vận hành máy ép nhựa", "Lao động phổ thông", "35", "30",
                       "Tuổi 18-35, lương 7.000.000"]
    assert rows[3][1:5] == ["Kỹ sư cơ khí", "Đại học", "3", "2"]


def test_counts_in_a_row_without_a_position_are_flagged_not_read_as_a_need_of_no_one():
    # a position merged down over two rows leaves the second row's position cell empty in a table set without
    # rules: its count is kept but an officer sees it
    content = letter([["STT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"],
                      ["1", "Công nhân may", "LĐPT", "100", "80"], ["2", "", "", "20", "10"]])
    reading = read_fields(content)
    unnamed = [n for n in reading.needs.needs if not n.position]
    assert unnamed and all(n.confidence < LOW_CONFIDENCE for n in unnamed)
    assert "low_confidence" in [f.code for f in run_checks(reading)]
    named = letter([["STT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"], ["1", "Công nhân may", "LĐPT", "100", "80"],
                    ["2", "Thợ hàn", "Sơ cấp", "20", "10"]])
    assert [f.code for f in run_checks(read_fields(named))] == []
