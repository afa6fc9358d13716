"""Tables set without vertical rules in text PDFs (tab stops, or a rule under each row only) are read as tables,
their cells where the words stand; two columns of ordinary text stay text."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.model import Paragraph, Table
from extractors.readers.pdf_text_reader import PdfTextReader
from tests.support.letters import FONT_DIR


def _pdf(path: Path, rows: list[list[str]], *, rules: str, widths: list[float], span_header: str | None = None,
         before: list[str] = (), after: list[str] = ()) -> Path:
    """A page with prose lines and one table drawn by reportlab: rules 'none' or 'under' (a rule under each row)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph as P, SimpleDocTemplate, Spacer, Table as T, TableStyle

    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        # both faces, as tests/support/letters.py does: whichever module registers first, the other finds its bold
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT_DIR / "DejaVuSerif.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))
    normal = ParagraphStyle("n", fontName="DejaVuSerif", fontSize=10.5, leading=14)
    cell = ParagraphStyle("c", parent=normal, fontSize=9.5, leading=11)
    data = [[P(text, cell) for text in row] for row in rows]
    style = [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if rules == "under":
        style += [("LINEABOVE", (0, 0), (-1, 0), 0.6, colors.black),
                  ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.black)]
    if span_header:
        data.insert(0, [P("", cell)] * (len(rows[0]) - 3) + [P(span_header, cell), "", ""])
        style += [("SPAN", (len(rows[0]) - 3, 0), (-1, 0))]
        if rules == "under":
            style += [("LINEBELOW", (len(rows[0]) - 3, 0), (-1, 0), 0.4, colors.black)]
    table = T(data, colWidths=widths)
    table.setStyle(TableStyle(style))
    story = [P(t, normal) for t in before] + [Spacer(1, 6), table, Spacer(1, 6)] + [P(t, normal) for t in after]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


ROWS = [["TT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"],
        ["1", "Công nhân xử lý nước thải", "Sơ cấp", "12", "8"],
        ["2", "Kỹ sư môi trường", "Đại học", "2", "–"],
        ["3", "Nhân viên vận hành lò đốt chất thải công nghiệp", "Trung cấp", "4", "3"]]
WIDTHS = [30, 190, 80, 70, 70]


def _tables(path: Path) -> list[list[list[str]]]:
    content = PdfTextReader().read(path)
    return [[[" ".join(c.text.split()) for c in row] for row in b.rows] for b in content.blocks if isinstance(b, Table)]


@pytest.mark.parametrize("rules", ["none", "under"])
def test_a_table_without_vertical_rules(tmp_path, rules):
    path = _pdf(tmp_path / f"t_{rules}.pdf", ROWS, rules=rules, widths=WIDTHS,
                before=["1. Nhu cầu tuyển dụng của Công ty như sau:"], after=["2. Tiêu chuẩn lao động"])
    tables = _tables(path)
    assert len(tables) == 1
    assert tables[0][0] == ["TT", "Vị trí", "Trình độ", "Năm 2023", "Năm 2024"]
    assert tables[0][2] == ["2", "Kỹ sư môi trường", "Đại học", "2", "–"]
    assert tables[0][3][1] == "Nhân viên vận hành lò đốt chất thải công nghiệp"
    assert tables[0][3][3:] == ["4", "3"]


def test_a_header_spanning_the_year_columns_over_rules_under_rows(tmp_path):
    rows = [["TT", "Vị trí", "2023", "2024", "2025"], ["1", "Thợ hàn", "10", "12", "15"],
            ["2", "Thợ sơn", "4", "4", "6"], ["3", "Kỹ sư", "1", "1", "2"]]
    path = _pdf(tmp_path / "span.pdf", rows, rules="under", widths=[30, 180, 70, 70, 70],
                span_header="Số lượng dự kiến (người)")
    tables = _tables(path)
    assert len(tables) == 1
    assert tables[0][0][2:4] == ["Số lượng dự kiến (người)"] * 2       # one merged cell over the years
    assert tables[0][1][2:] == ["2023", "2024", "2025"]
    assert tables[0][-1][1:] == ["Kỹ sư", "1", "1", "2"]


def test_two_columns_of_ordinary_text_stay_text(tmp_path):
    rows = [["Nơi nhận:", "GIÁM ĐỐC"], ["- Như trên;", ""], ["- Lưu: VT, NS.", "(đã ký)"], ["", "Trần Văn Bình"]]
    path = _pdf(tmp_path / "sign.pdf", rows, rules="none", widths=[200, 200])
    content = PdfTextReader().read(path)
    assert not [b for b in content.blocks if isinstance(b, Table)]
    assert any(isinstance(b, Paragraph) and "GIÁM ĐỐC" in b.text for b in content.blocks)
