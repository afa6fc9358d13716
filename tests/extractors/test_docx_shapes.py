"""Letters made by other tools and typed in other shapes (red team `docxshape`): the whole letter in one table cell,
a needs table nested in a form's answer cell, columns aligned with tabs, several items per cell on lines broken by
hand, list items separated by soft breaks, "Vị trí (trình độ): N người" items, a merged header over "Năm | Số
lượng", a needs table that says there is no need, quarter columns under a dated caption, a year a need is
compared with. Each was read wrong (some silently) or lost before; each now reads right."""
from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from extractors.fields import read_fields
from extractors.fields.checks import run_checks
from extractors.readers.docx_reader import DocxReader
from tests.extractors.test_hiring_needs import HEAD, TAIL, codes, letter, needs

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _p(text: str) -> str:
    """A paragraph; "\\n" a soft break (w:br), "\\t" a tab."""
    runs = []
    for i, line in enumerate(text.split("\n")):
        if i:
            runs.append("<w:r><w:br/></w:r>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                runs.append("<w:r><w:tab/></w:r>")
            if piece:
                runs.append(f'<w:r><w:t xml:space="preserve">{piece}</w:t></w:r>')
    return f"<w:p>{''.join(runs)}</w:p>"


def _tbl(rows) -> str:
    """Rows of cells; a cell is a text (its paragraphs) or a list of raw blocks (nested content)."""
    out = []
    for row in rows:
        cells = []
        for cell in row:
            inner = "".join(cell) if isinstance(cell, list) else _p(cell)
            cells.append(f"<w:tc>{inner}<w:p/></w:tc>" if isinstance(cell, list) else f"<w:tc>{inner}</w:tc>")
        out.append("<w:tr>" + "".join(cells) + "</w:tr>")
    return "<w:tbl><w:tblPr/>" + "".join(out) + "</w:tbl>"


def _docx(tmp_path: Path, blocks: list[str]) -> Path:
    document = docx.Document()
    body = document.element.body
    for xml in blocks:
        body.insert(len(body) - 1, parse_xml(f"<w:body {W}>{xml}</w:body>")[0])
    path = tmp_path / "letter.docx"
    document.save(str(path))
    return path


def _fields(path: Path):
    return read_fields(DocxReader().read(path))


def _needs(fields) -> list[tuple]:
    return sorted((n.year, n.qualification, n.quantity, n.quantity_max) for n in fields.needs.needs)


def _codes(fields) -> list[str]:
    return sorted(f.code for f in run_checks(fields))


def _letter_blocks(needs_blocks: list[str]) -> list[str]:
    return [_p(t) for t in HEAD] + [_p("1. Nhu cầu tuyển dụng")] + needs_blocks + [_p(t) for t in TAIL]


YEAR_TABLE = [["STT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"], ["1", "Thợ hàn", "Trung cấp", "20", "25"]]
YEAR_NEEDS = [(2023, "intermediate_vocational", 20, None), (2024, "intermediate_vocational", 25, None)]


def test_a_letter_typed_in_one_table_cell_is_read_as_the_letter(tmp_path):
    # one cell around everything, the needs table nested in it: before, nothing of the letter was read
    path = _docx(tmp_path, [_tbl([[_letter_blocks([_tbl(YEAR_TABLE)])]])])
    fields = _fields(path)
    assert _needs(fields) == YEAR_NEEDS
    assert fields.enterprise.tax_code == "0201234569"
    assert _codes(fields) == []


def test_a_needs_table_nested_in_the_answer_cell_of_a_form(tmp_path):
    form = [["Nội dung", "Ý kiến của doanh nghiệp"],
            ["1. Nhu cầu tuyển dụng", [_tbl(YEAR_TABLE)]],
            ["2. Tiêu chuẩn lao động", "Sức khỏe tốt."],
            ["4. Đăng ký nhu cầu tuyển dụng", "Hằng tháng trên Cổng thông tin heza."]]
    path = _docx(tmp_path, [_p(t) for t in HEAD] + [_tbl(form), _p("Trân trọng./.")])
    fields = _fields(path)
    assert _needs(fields) == YEAR_NEEDS
    assert "needs_section_unread" not in _codes(fields)


def test_columns_aligned_with_tabs_are_a_table(tmp_path):
    # before: the counts after a tab were no count to the net, and a wrong need came out unflagged
    rows = ["Vị trí\tTrình độ\tNăm 2023\tNăm 2024", "Thợ hàn\tTrung cấp\t20\t25", "Thợ sơn\tSơ cấp\t8\t10"]
    fields = _fields(_docx(tmp_path, _letter_blocks([_p(r) for r in rows])))
    assert _needs(fields) == sorted(YEAR_NEEDS + [(2023, "elementary_vocational", 8, None),
                                                  (2024, "elementary_vocational", 10, None)])
    assert _codes(fields) == []


def test_several_items_per_cell_on_lines_broken_by_hand_are_rows(tmp_path):
    table = [["Vị trí", "Trình độ", "Năm 2023", "Năm 2024"], ["Thợ hàn\nThợ điện", "Trung cấp\nCao đẳng", "20\n15", "10\n5"]]
    fields = _fields(_docx(tmp_path, _letter_blocks([_tbl(table)])))
    assert _needs(fields) == [(2023, "college", 15, None), (2023, "intermediate_vocational", 20, None),
                              (2024, "college", 5, None), (2024, "intermediate_vocational", 10, None)]
    assert _codes(fields) == []
    # one count beside the listed positions: whose it is is not known; not split, flagged
    lone = [["Vị trí", "Trình độ", "Năm 2023", "Năm 2024"], ["Thợ hàn\nThợ điện", "Trung cấp\nCao đẳng", "20\n15", "30"]]
    assert _codes(_fields(_docx(tmp_path, _letter_blocks([_tbl(lone)])))) != []


def test_list_items_separated_by_soft_breaks_keep_their_own_levels(tmp_path):
    # before: each count took the level of the item after it, silently
    text = ("Năm 2023, Công ty có nhu cầu tuyển dụng như sau:\n- Công nhân may (lao động phổ thông): 120 người\n"
            "- Thợ cắt (trung cấp): 15 người\n- Nhân viên QC (cao đẳng): 8 người")
    fields = _fields(_docx(tmp_path, _letter_blocks([_p(text)])))
    assert _needs(fields) == [(2023, "college", 8, None), (2023, "intermediate_vocational", 15, None),
                              (2023, "unskilled", 120, None)]
    assert _codes(fields) == []


def test_items_whose_level_stands_in_brackets_before_the_count():
    content = letter("Năm 2023:", "- Thợ hàn (trung cấp): 20 người;", "- Thợ tiện (sơ cấp): 6 người.",
                     "Kỹ sư điện (đại học): 6 người năm 2024 và 8 người năm 2025;",
                     "Công nhân vận hành (lao động phổ thông): năm 2024 là 50 người, năm 2025 là 40 người.")
    assert needs(content) == [(2023, "Thợ hàn", "intermediate_vocational", 20, None),
                              (2023, "Thợ tiện", "elementary_vocational", 6, None),
                              (2024, "Công nhân vận hành", "unskilled", 50, None),
                              (2024, "Kỹ sư điện", "university", 6, None),
                              (2025, "Công nhân vận hành", "unskilled", 40, None),
                              (2025, "Kỹ sư điện", "university", 8, None)]
    assert codes(content) == []


def test_a_merged_header_over_year_and_count_columns_never_adds_the_year():
    # "Nhu cầu tuyển dụng" over "Năm | Số lượng": before, 2023 + 15 = 2038 came out as one need, unflagged
    content = letter([["Vị trí", "Trình độ", "Nhu cầu tuyển dụng", "Nhu cầu tuyển dụng"],
                      ["Vị trí", "Trình độ", "Năm", "Số lượng"],
                      ["Thợ cơ khí", "Trung cấp", "2023", "15"], ["Thợ cơ khí", "Trung cấp", "2024", "18"]])
    assert needs(content) == [(2023, "Thợ cơ khí", "intermediate_vocational", 15, None),
                              (2024, "Thợ cơ khí", "intermediate_vocational", 18, None)]
    assert codes(content) == []


def test_a_needs_table_that_says_there_is_no_need_is_a_decline():
    content = letter([["STT", "Vị trí", "Trình độ", "Số lượng"], ["Không có nhu cầu"] * 4])
    assert needs(content) == []
    assert codes(content) == []
    assert read_fields(content).needs.declined


def test_quarter_columns_under_a_caption_that_names_the_year():
    content = letter("Kế hoạch tuyển dụng năm 2024 theo quý như sau:",
                     [["Vị trí", "Trình độ", "Quý I", "Quý II", "Quý III", "Quý IV"],
                      ["Công nhân may", "Lao động phổ thông", "30", "30", "20", "20"]])
    assert needs(content) == [(2024, "Công nhân may", "unskilled", 100, None)]
    assert codes(content) == []


def test_the_year_a_need_is_compared_with_is_not_its_year():
    content = letter("Năm 2023, nhu cầu tuyển dụng của Công ty tăng 10% so với năm 2022, cụ thể: 45 công nhân may "
                     "(lao động phổ thông) và 5 nhân viên kỹ thuật (cao đẳng).")
    assert needs(content) == [(2023, "Công nhân may", "unskilled", 45, None),
                              (2023, "Nhân viên kỹ thuật", "college", 5, None)]
    assert codes(content) == []


def test_a_year_sub_heading_run_into_its_item_is_no_count():
    content = letter("Năm 2024", "Thợ vận hành cẩu (sơ cấp): 6 người.")
    assert needs(content) == [(2024, "Thợ vận hành cẩu", "elementary_vocational", 6, None)]
    assert codes(content) == []


def _cell_xml(inner_runs: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p>{inner_runs}</w:p></w:tc>"


def _r(text: str, hidden: bool = False) -> str:
    rpr = "<w:rPr><w:vanish/></w:rPr>" if hidden else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def test_hidden_text_and_rows_deleted_with_changes_tracked_are_not_read(tmp_path):
    head = "<w:tr>" + "".join(_cell_xml(_r(t)) for t in ["Vị trí", "Trình độ", "Năm 2023"]) + "</w:tr>"
    shown = "<w:tr>" + _cell_xml(_r("Thợ hàn")) + _cell_xml(_r("Trung cấp")) + \
        _cell_xml(_r("25 ", hidden=True) + _r("30")) + "</w:tr>"
    deleted = ('<w:tr><w:trPr><w:del w:id="9" w:author="HR" w:date="2023-03-20T10:00:00Z"/></w:trPr>'
               + "".join(_cell_xml(_r(t)) for t in ["Thợ sơn", "Sơ cấp", "7"]) + "</w:tr>")
    table = f"<w:tbl><w:tblPr/>{head}{shown}{deleted}</w:tbl>"
    fields = _fields(_docx(tmp_path, _letter_blocks([table])))
    assert _needs(fields) == [(2023, "intermediate_vocational", 30, None)]
    assert _codes(fields) == []


def test_a_count_merged_over_two_rows_is_read_once_and_flagged(tmp_path):
    # before: the merged "30" was read on both rows, 60 welders, unflagged
    head = "<w:tr>" + "".join(_cell_xml(_r(t)) for t in ["Vị trí", "Trình độ", "Năm 2023"]) + "</w:tr>"
    first = ("<w:tr>" + _cell_xml(_r("Thợ hàn"), '<w:vMerge w:val="restart"/>') + _cell_xml(_r("Sơ cấp"))
             + _cell_xml(_r("30"), '<w:vMerge w:val="restart"/>') + "</w:tr>")
    second = ("<w:tr>" + _cell_xml("", "<w:vMerge/>") + _cell_xml(_r("Trung cấp")) + _cell_xml("", "<w:vMerge/>")
              + "</w:tr>")
    fields = _fields(_docx(tmp_path, _letter_blocks([f"<w:tbl><w:tblPr/>{head}{first}{second}</w:tbl>"])))
    assert sum(n.quantity for n in fields.needs.needs) == 30
    assert "conflicting_values" in _codes(fields)


def test_ranges_written_with_a_division_sign():
    content = letter([["Vị trí", "Trình độ", "Năm 2023"], ["Công nhân đóng gói", "Lao động phổ thông", "10 ÷ 15"]],
                     "Năm 2024 cần thêm 5 ÷ 8 nhân viên kho (trung cấp).")
    assert needs(content) == [(2023, "Công nhân đóng gói", "unskilled", 10, 15),
                              (2024, "Nhân viên kho", "intermediate_vocational", 5, 8)]
    assert codes(content) == []


def test_items_without_bullets_on_lines_broken_by_hand(tmp_path):
    text = "Năm 2023:\nThợ hàn: 20 người\nThợ điện: 10 người\nNăm 2024:\nThợ hàn: 25 người"
    fields = _fields(_docx(tmp_path, _letter_blocks([_p(text)])))
    assert sorted((n.year, n.position, n.quantity) for n in fields.needs.needs) == [
        (2023, "Thợ hàn", 20), (2023, "Thợ điện", 10), (2024, "Thợ hàn", 25)]
    assert _codes(fields) == []


def test_records_of_named_fields_are_rows_of_a_table():
    # before: the positions were "Số lượng", the levels and years of the records lost (2024 read as 2023)
    content = letter("1. Vị trí: Thợ hàn", "- Số lượng: 20 người", "- Trình độ: Trung cấp", "- Thời gian: Quý II/2024",
                     "2. Vị trí: Thợ điện", "- Số lượng: 5 người", "- Trình độ: Cao đẳng", "- Thời gian: năm 2024")
    assert needs(content) == [(2024, "Thợ hàn", "intermediate_vocational", 20, None),
                              (2024, "Thợ điện", "college", 5, None)]
    assert codes(content) == []
    one_line = letter("- Vị trí: Thợ hàn, số lượng: 20 người, trình độ: trung cấp, thời gian: năm 2024;",
                      "- Vị trí: Kỹ sư; Số lượng: 2 người; Trình độ: đại học; Thời gian: năm 2025.")
    assert needs(one_line) == [(2024, "Thợ hàn", "intermediate_vocational", 20, None),
                               (2025, "Kỹ sư", "university", 2, None)]
    assert codes(one_line) == []


def test_a_count_per_year_over_a_period_named_after_it():
    content = letter("Công nhân may (lao động phổ thông): 50 người/năm trong giai đoạn 2023 - 2025.")
    assert needs(content) == [(y, "Công nhân may", "unskilled", 50, None) for y in (2023, 2024, 2025)]
    assert codes(content) == []
    # a period's count without "each year": dated by its first year, as a guess an officer confirms
    assert codes(letter("Công ty cần tuyển 50 công nhân trong giai đoạn 2023 - 2025.")) != []
