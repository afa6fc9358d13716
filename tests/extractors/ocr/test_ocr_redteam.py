"""Scanned replies as other hands write them (red team, issue 11): a two-column table without rules, a letterhead
line of two words beside the national motto, a zone a seal garbled, a qualification column of abbreviations.
Scans are made here (tests/support/scans.py) and read by the real Tesseract; the reading rules are checked on the
block model directly."""
from __future__ import annotations

import dataclasses

import pytest

from extractors.fields import read_fields
from extractors.fields.checks import run_checks
from extractors.model import Cell, DocumentContent, Paragraph, Table
from extractors.ocr import engine, ocr_available
from extractors.ocr.page import _line_segments
from pipeline.runtime.extract import extract_path
from tests.support.letters import TableSpec
from tests.support.samples import THEP_BIEN
from tests.support.scans import save_pdf, scanned_pages

if not ocr_available():
    pytest.fail("Tesseract with the 'vie' model is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)",
                pytrace=False)


def needs_of(record) -> set:
    return {(n.year, str(n.qualification), n.quantity, n.quantity_max) for n in record.hiring_needs}


TWO_COLUMNS = dataclasses.replace(THEP_BIEN, body=[
    THEP_BIEN.body[0],
    "I. Nhu cầu tuyển dụng lao động",
    "Trong năm 2023, Công ty có nhu cầu tuyển dụng các vị trí sau:",
    TableSpec(rows=[["Vị trí, trình độ", "Số lượng (người)"],
                    ["Công nhân luyện thép (sơ cấp nghề)", "120"],
                    ["Kỹ thuật viên cơ khí (cao đẳng)", "8"],
                    ["Kỹ sư điện (đại học)", "3"]], rules="none"),
    *THEP_BIEN.body[3:]])


def test_a_two_column_table_without_rules_is_read_as_a_table(tmp_path):
    """Positions and their counts in two columns with no rule: the page's layout analysis reads the counts as a
    column of their own, away from their positions, and the needs came out garbled ('120 8 | 3') yet extracted.
    Rebuilt from the ink as a table of two columns, each count stays beside its position."""
    from extractors.readers import read_document

    path = save_pdf(scanned_pages(TWO_COLUMNS, tmp_path), tmp_path / "two_columns.pdf")
    _, content = read_document(path)
    table = next(content.tables())
    assert table.n_cols == 2 and len(table.rows) == 4
    record = extract_path(path)
    assert needs_of(record) == {(2023, "elementary_vocational", 120, None), (2023, "college", 8, None),
                                (2023, "university", 3, None)}
    assert str(record.status) == "extracted"


def _word(text: str, left: int, line: int = 1) -> engine.Word:
    return engine.Word(text=text, left=left, top=100, width=30 * len(text), height=30, conf=95.0,
                       block=1, par=1, line=line)


def test_a_line_of_two_words_far_apart_is_two_columns():
    """'CẦU' (the end of the company's name, left) and 'NAM' (the end of the motto, right) on one line: split
    there, so the name does not take the motto's word. A line of many words keeps its own measure."""
    words = [_word("CẦU", 300), _word("NAM", 1300)]
    assert [[w.text for w in seg] for seg in _line_segments(words)] == [["CẦU"], ["NAM"]]
    near = [_word("Kỹ", 300), _word("sư", 300 + 60 + 20)]
    assert len(_line_segments(near)) == 1


def _letter(head: list[str], tables: list[Table] = (), zone_line: str = "KCN Tràng Duệ") -> DocumentContent:
    texts = head + ["Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng",
                    f"Công ty TNHH Nội thất Tràng An (MST: 0201234569), địa chỉ Lô D5, {zone_line}, huyện An Dương, "
                    "phúc đáp Công văn số 812/BQL-LĐ như sau:", "1. Nhu cầu tuyển dụng"]
    blocks: list = [Paragraph(text=t, index=i, confidence=0.95) for i, t in enumerate(texts)]
    for t in tables:
        t.index = len(blocks)
        blocks.append(t)
    if not tables:
        blocks.append(Paragraph(text="Năm 2023 cần tuyển 20 công nhân lao động phổ thông.", index=len(blocks)))
    blocks += [Paragraph(text=t, index=len(blocks) + i, confidence=0.95) for i, t in enumerate(
        ["2. Tiêu chuẩn", "Sức khỏe tốt.", "3. Hợp tác", "Nhận sinh viên thực tập.", "4. Đăng ký",
         "Hằng tháng trên cổng heza.", "5. Kiến nghị", "Không."])]
    return DocumentContent(media_type="test", blocks=blocks, ocr_used=True)


HEAD = ["CÔNG TY TNHH NỘI THẤT TRÀNG AN", "Số: 05/CV-NTTA", "Hải Phòng, ngày 05 tháng 4 năm 2023"]


def test_a_zone_not_in_the_list_is_checked_on_a_scan_kept_in_a_text_letter():
    """A seal over 'KCN An Dương' reads 'KCN An Sao': on a scan an unlisted zone goes to an officer; a text letter
    keeps an unlisted zone as written. A listed zone is no doubt."""
    garbled = read_fields(_letter(HEAD, zone_line="KCN An Sao"))
    assert garbled.enterprise.zone == "KCN An Sao"
    assert "enterprise.zone" in {f.field for f in run_checks(garbled, ocr_used=True)}
    assert "enterprise.zone" not in {f.field for f in run_checks(garbled, ocr_used=False)}
    listed = read_fields(_letter(HEAD))
    assert listed.enterprise.zone == "KCN Tràng Duệ"
    assert "enterprise.zone" not in {f.field for f in run_checks(listed, ocr_used=True)}


def _table(rows: list[list[str]]) -> Table:
    return Table(rows=[[Cell(c, confidence=0.95) for c in row] for row in rows], index=0)


def test_a_qualification_column_of_abbreviations_and_one_not_understood():
    """'TC' alone in the qualification column is trung cấp (in a position's title, 'phòng TC-KT' is a
    department, not a level); a level the letter states and we cannot map is never taken as 'unspecified'
    silently."""
    rows = [["TT", "Vị trí", "Trình độ", "Năm 2023"], ["1", "Thợ sơn", "TC", "12"],
            ["2", "Nhân viên phòng TC-KT", "Cao đẳng", "2"], ["3", "Thợ mộc", "LĐPT", "50"]]
    reading = read_fields(_letter(HEAD, [_table(rows)]))
    assert sorted((str(n.qualification), n.quantity) for n in reading.needs.needs) == [
        ("college", 2), ("intermediate_vocational", 12), ("unskilled", 50)]
    assert not [f for f in run_checks(reading, ocr_used=True) if f.field == "hiring_needs"]
    rows[1][2] = "Bậc 3/7"
    doubted = read_fields(_letter(HEAD, [_table(rows)]))
    assert "low_confidence" in {str(f.code) for f in run_checks(doubted, ocr_used=True)}


def test_a_level_column_whose_header_a_scan_garbled_is_read_by_its_cells():
    """The header 'TĐ' read as 'TP': the column is still one of levels, as its cells say ('LĐPT', 'CĐ', 'TC');
    a cell of it that names no level sends the need to review rather than making it 'unspecified'."""
    rows = [["TT", "Vị trí", "TP", "SL 2023"], ["1", "Thợ mộc", "LĐPT", "50"], ["2", "Thợ sơn PU", "TC", "12"],
            ["3", "Nhân viên thiết kế", "CĐ", "3"]]
    reading = read_fields(_letter(HEAD, [_table(rows)]))
    assert sorted((str(n.qualification), n.quantity) for n in reading.needs.needs) == [
        ("college", 3), ("intermediate_vocational", 12), ("unskilled", 50)]
    assert "low_confidence" not in {str(f.code) for f in run_checks(reading, ocr_used=True)}
    rows[2][2] = "T€"
    doubted = read_fields(_letter(HEAD, [_table(rows)]))
    assert "low_confidence" in {str(f.code) for f in run_checks(doubted, ocr_used=True)}


def test_a_letterhead_with_a_stray_mark_is_the_body_s_company():
    """'HÓA CHẤT NAM' read as 'HÓA CHẤTNAM_': letters and digits are those of the body's name, which is taken."""
    head = ["CÔNG TY CỔ PHẦN HÓA CHẤTNAM_ CẦU", "Số: 88/HCNC-TC", "Hải Phòng, ngày 18 tháng 3 năm 2023"]
    content = _letter(head)
    content.blocks[4].text = content.blocks[4].text.replace("Công ty TNHH Nội thất Tràng An",
                                                            "Công ty Cổ phần Hóa chất Nam Cầu")
    reading = read_fields(content)
    assert reading.enterprise.name == "Công ty Cổ phần Hóa chất Nam Cầu"


def test_the_end_of_a_wrapped_motto_is_no_part_of_the_name():
    """'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT' wraps its 'NAM' onto the next line beside the company's name: that 'NAM'
    belongs to the motto, not to 'CÔNG TY CỔ PHẦN HÓA CHẤT NAM CẦU'."""
    head = ["CÔNG TY CỔ PHẦN HÓA CHẤT NAM", "CẦU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", "NAM",
            "Số: 88/HCNC-TC", "Hải Phòng, ngày 18 tháng 3 năm 2023"]
    content = _letter(head)
    content.blocks[7].text = content.blocks[7].text.replace("Công ty TNHH Nội thất Tràng An (MST: 0201234569)",
                                                            "Nhà máy (MST: 0201234569)")
    reading = read_fields(content)
    assert reading.enterprise.name.casefold() == "công ty cổ phần hóa chất nam cầu"


def _booktabs_page(rows: list[list[str]]) -> "Image.Image":
    """A table ruled only above and under its header and under its last row, as a word processor's 'simple'
    table style draws it; a cell's '\\n' wraps its text onto a second line."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 30)
    page = Image.new("RGB", (1654, 1000), "white")
    draw = ImageDraw.Draw(page)
    xs = [200, 700, 1050, 1300]
    y = 150
    draw.line((180, y - 15, 1480, y - 15), fill="black", width=3)
    for k, row in enumerate(rows):
        lines = max(len(c.split("\n")) for c in row)
        for x, cell in zip(xs, row):
            for i, part in enumerate(cell.split("\n")):
                draw.text((x, y + 45 * i), part, font=font, fill="black")
        y += 45 * lines + 10
        if k == 0:
            draw.line((180, y, 1480, y), fill="black", width=2)
            y += 15
    draw.line((180, y, 1480, y), fill="black", width=3)
    return page


def _row_ruled(page) -> list:
    from extractors.ocr.grid import line_masks, row_ruled_grids
    from extractors.ocr.preprocess import ink_masks

    ink, rule_ink = ink_masks(page.convert("L"))
    hmask, _ = line_masks(rule_ink, 200)
    return row_ruled_grids(hmask, ink, [], 200)


def test_a_table_ruled_only_around_its_header_has_a_row_per_line():
    """Three rules (top, under the header, bottom) and the rows between them unruled: each line of the body is a
    row of its own, as its cells are read one by one (they came out as one row: three positions, one count)."""
    rows = [["Vị trí", "Trình độ", "2023", "2024"], ["Công nhân ép", "Phổ thông", "60", "80"],
            ["Kỹ thuật viên", "Cao đẳng", "6", "8"], ["Nhân viên QA", "Đại học", "2", "3"]]
    grids = _row_ruled(_booktabs_page(rows))
    assert [(g.n_rows, g.n_cols) for g in grids] == [(4, 4)]


def test_a_wrapped_cell_between_rules_stays_one_row():
    """A rule under every row, a position that wraps onto a second line: that line is no row of its own."""
    rows = [["Vị trí", "Trình độ", "2023", "2024"], ["Công nhân\nép nhựa", "Phổ thông", "60", "80"],
            ["Kỹ thuật viên", "Cao đẳng", "6", "8"], ["Nhân viên QA", "Đại học", "2", "3"]]
    page = _booktabs_page(rows)
    from PIL import ImageDraw
    draw = ImageDraw.Draw(page)
    for y in (300, 365):              # a rule under each body row but the last (which the bottom rule closes)
        draw.line((180, y, 1480, y), fill="black", width=2)
    grids = _row_ruled(page)
    assert [(g.n_rows, g.n_cols) for g in grids] == [(4, 4)]


def test_a_notes_column_naming_a_level_now_and_then_is_no_level_column():
    """'Ghi chú' holds a level in some rows and other remarks in others: a row whose note names none keeps its
    need without a level and without a doubt, as before."""
    rows = [["TT", "Vị trí", "Năm 2023", "Ghi chú"], ["1", "Thợ điện", "4", "Cao đẳng trở lên"],
            ["2", "Thợ hàn", "6", "Trung cấp"], ["3", "Công nhân kho", "10", "Ưu tiên nữ"],
            ["4", "Bảo vệ", "2", "Nam, dưới 45 tuổi"]]
    reading = read_fields(_letter(HEAD, [_table(rows)]))
    assert sorted((str(n.qualification), n.quantity) for n in reading.needs.needs) == [
        ("college", 4), ("intermediate_vocational", 6), ("unspecified", 2), ("unspecified", 10)]
    assert "low_confidence" not in {str(f.code) for f in run_checks(reading, ocr_used=True)}
