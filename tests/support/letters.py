"""Builders of realistic reply letters (DOCX with python-docx, PDF with reportlab) for tests and sample_docs/.

A letter is described by a `LetterSpec`: letterhead, numbered sections of paragraphs / bullets / tables, and
a closing. The same spec renders to DOCX (letterhead in a borderless two-column table, as Vietnamese letters
do) or to a text PDF (ruled tables).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass
class TableSpec:
    rows: list[list[str]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row0, col0, row1, col1) inclusive
    rules: str = "grid"          # in the PDF: "grid", "horizontal" (a rule under each row only) or "none"


@dataclass
class LetterSpec:
    company_upper: str
    number: str
    subject: str
    place_date: str
    body: list[object]                       # str paragraphs, ("bullet", str) items, ("bold", str), or TableSpec
    signer_title: str = "GIÁM ĐỐC"
    signer: str = "Nguyễn Văn An"
    title: str | None = None                 # e.g. "GIẤY MỜI" instead of a numbered reply
    footer: str | None = None


def build_docx(path: Path, spec: LetterSpec) -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.text = f"{spec.company_upper}\n\nSố: {spec.number}\nV/v {spec.subject}"
    right.text = f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n{spec.place_date}"
    if spec.title:
        p = doc.add_paragraph(spec.title)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng")
    for item in spec.body:
        if isinstance(item, TableSpec):
            n_cols = max(len(r) for r in item.rows)
            table = doc.add_table(rows=len(item.rows), cols=n_cols)
            table.style = "Table Grid"
            for r, row in enumerate(item.rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
            for r0, c0, r1, c1 in item.merges:
                merged = table.cell(r0, c0).merge(table.cell(r1, c1))
                merged.text = item.rows[r0][c0]
        elif isinstance(item, tuple) and item[0] == "bold":
            doc.add_paragraph().add_run(item[1]).bold = True
        elif isinstance(item, tuple):
            doc.add_paragraph("- " + item[1])
        else:
            doc.add_paragraph(str(item))
    sign = doc.add_table(rows=1, cols=2)
    sign.rows[0].cells[0].text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    sign.rows[0].cells[1].text = f"{spec.signer_title}\n\n\n{spec.signer}"
    if spec.footer:
        doc.sections[0].footer.paragraphs[0].text = spec.footer
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def build_pdf(path: Path, spec: LetterSpec) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT_DIR / "DejaVuSerif.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))
    normal = ParagraphStyle("n", fontName="DejaVuSerif", fontSize=11, leading=15)
    bold = ParagraphStyle("b", parent=normal, fontName="DejaVuSerif-Bold")
    cell = ParagraphStyle("c", parent=normal, fontSize=10, leading=12)
    story: list = []
    head = Table([[Paragraph(spec.company_upper, bold), Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold)],
                  [Paragraph(f"Số: {spec.number}", normal), Paragraph("Độc lập - Tự do - Hạnh phúc", bold)],
                  [Paragraph(f"V/v {spec.subject}", normal), Paragraph(spec.place_date, normal)]],
                 colWidths=[8 * cm, 9 * cm])
    story += [head, Spacer(1, 12)]
    if spec.title:
        story.append(Paragraph(spec.title, bold))
    story.append(Paragraph("Kính gửi: Ban Quản lý Khu kinh tế Hải Phòng", normal))
    for item in spec.body:
        if isinstance(item, TableSpec):
            data = [[Paragraph(text, cell) for text in row] for row in item.rows]
            table = Table(data, repeatRows=1)
            commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            if item.rules == "grid":
                commands.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
            elif item.rules == "horizontal":
                commands += [("LINEABOVE", (0, 0), (-1, 0), 0.6, colors.black),
                             ("LINEBELOW", (0, 0), (-1, -1), 0.6, colors.black)]
            commands += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in item.merges]
            table.setStyle(TableStyle(commands))
            story += [Spacer(1, 4), table, Spacer(1, 4)]
        elif isinstance(item, tuple) and item[0] == "bold":
            story.append(Paragraph(item[1], bold))
        elif isinstance(item, tuple):
            story.append(Paragraph("- " + item[1], normal))
        else:
            story.append(Paragraph(str(item), normal))
    story += [Spacer(1, 12), Table([[Paragraph("Nơi nhận:<br/>- Như trên;<br/>- Lưu: VT.", normal),
                                     Paragraph(f"{spec.signer_title}<br/><br/><br/>{spec.signer}", bold)]])]

    def footer(canvas, _doc):
        if spec.footer:
            canvas.setFont("DejaVuSerif", 8)
            canvas.drawString(2 * cm, 1.2 * cm, spec.footer)

    path.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.5 * cm,
                      bottomMargin=2 * cm).build(story, onFirstPage=footer, onLaterPages=footer)
    return path
