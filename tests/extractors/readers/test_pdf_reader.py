"""The text-PDF reader: letterhead columns, ruled tables with merged cells, pages closed as read."""
from __future__ import annotations

import pytest

from extractors.model import Paragraph, Table, UnreadableDocument
from extractors.readers.pdf_text_reader import PdfTextReader
from tests.support.letters import LetterSpec, TableSpec, build_pdf

SPEC = LetterSpec(
    company_upper="CÔNG TY TNHH KỸ THUẬT CHÍNH XÁC BẠCH ĐẰNG HẢI PHÒNG",
    number="12/2023/CV-BĐ", subject="phúc đáp Công văn số 812/BQL-LĐ",
    place_date="Hải Phòng, ngày 3 tháng 4 năm 2023",
    body=["1. Nhu cầu tuyển dụng",
          TableSpec(rows=[["STT", "Vị trí", "Năm 2023", ""], ["", "", "Quý I", "Quý II"], ["1", "Thợ tiện", "4", "6"]],
                    merges=[(0, 2, 0, 3), (0, 0, 1, 0), (0, 1, 1, 1)])],
)


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    path = build_pdf(tmp_path_factory.mktemp("pdf") / "letter.pdf", SPEC)
    return PdfTextReader().read(path)


def test_letterhead_columns_are_split_at_the_motto(content):
    lines = [b.text for b in content.blocks if isinstance(b, Paragraph)]
    assert any(t.startswith("CÔNG TY TNHH KỸ THUẬT") for t in lines)
    assert not any("CÔNG TY" in t and "CỘNG HÒA" in t for t in lines)
    assert content.pages == 1 and not content.ocr_used


def test_ruled_table_with_merged_header(content):
    tables = [b for b in content.blocks if isinstance(b, Table)]
    needs = [t for t in tables if t.rows and t.rows[0][0].text == "STT"]
    assert needs, [t.texts() for t in tables]
    grid = needs[0].texts()
    assert grid[0] == ["STT", "Vị trí", "Năm 2023", "Năm 2023"]
    assert grid[1] == ["STT", "Vị trí", "Quý I", "Quý II"]
    assert grid[2] == ["1", "Thợ tiện", "4", "6"]
    assert needs[0].page == 1 and needs[0].bbox is not None


def test_image_only_page_is_reported_as_scanned(tmp_path):
    from PIL import Image
    image = tmp_path / "page.png"
    Image.new("RGB", (1240, 1754), "white").save(image)
    pdf = tmp_path / "scan.pdf"
    Image.open(image).save(pdf, "PDF", resolution=150)
    content = PdfTextReader().read(pdf)
    assert content.warnings == ["scanned_pages:1"]


def test_not_a_pdf_body(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"garbage " * 50)
    with pytest.raises(UnreadableDocument) as err:
        PdfTextReader().read(path)
    assert err.value.code in ("corrupt_file", "empty_file")


def _fallback_font_page(path, line: str, fallback_letters: str):
    """One line drawn as a renderer with a glyph missing does it: the letters in `fallback_letters` come from
    another font, placed right after the previous glyph, mid-word (LibreOffice takes 'ượ' from DejaVu when the
    letter's font lacks it)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("LiberationSerif", "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSerif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    c = canvas.Canvas(str(path))
    x = 72.0
    for ch in line:
        font = "DejaVuSerif" if ch in fallback_letters else "LiberationSerif"
        c.setFont(font, 12)
        c.drawString(x, 700, ch)
        x += pdfmetrics.stringWidth(ch, font, 12)
    c.save()
    return path


def test_a_glyph_from_a_fallback_font_does_not_cut_its_word(tmp_path):
    line = "Tuyển 15 dược sĩ trình độ cao đẳng"
    pdf = _fallback_font_page(tmp_path / "fallback.pdf", line, "ượểđẳộ")
    content = PdfTextReader().read(pdf)
    texts = [b.text for b in content.blocks if isinstance(b, Paragraph)]
    assert texts == [line]
