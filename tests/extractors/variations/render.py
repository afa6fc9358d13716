"""Render a `Letter` (model.py) as a DOCX (python-docx) or a text PDF (reportlab), laid out as Vietnamese official
letters are: letterhead in a borderless two-column table, "Kính gửi", body, closing, "Nơi nhận" beside the
signature, then any annex after the signature.
"""
from __future__ import annotations

from pathlib import Path

from tests.extractors.variations.model import (ROMAN, Annex, Block, Grid, Items, Letter, NeedsTable, Para,
                                               period_label)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
ORDINALS = ("Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy")
ROMAN_LOWER = tuple(r.lower() for r in ROMAN)


def number_label(style: str, i: int) -> str:
    """The number of the i-th answer (0-based) in a numbering style."""
    return {"arabic": f"{i + 1}.", "arabic_paren": f"{i + 1})", "roman": f"{ROMAN[i]}.", "alpha": f"{'abcdefg'[i]})",
            "upper_alpha": f"{'ABCDEFG'[i]}.", "paren": f"({i + 1})", "ordinal": f"{ORDINALS[i]},",
            "none": ""}[style]


def heading_line(letter: Letter, i: int, heading: str) -> str:
    if letter.numbering == "ordinal":               # "Thứ nhất, về nhu cầu tuyển dụng:"
        return f"{number_label('ordinal', i)} {heading[0].lower()}{heading[1:]}:"
    label = number_label(letter.numbering, i)
    return f"{label} {heading}" if label else heading


def item_marker(marker: str, i: int) -> str:
    return {"(i)": f"({ROMAN_LOWER[i]})", "a)": f"{'abcdefghij'[i]})", "(1)": f"({i + 1})"}.get(marker, marker)


def item_lines(block: Items) -> list[tuple[str, bool]]:
    """(text, is_english) lines of a list: each item with its marker and the punctuation of lists (";" then ".")."""
    lines = []
    for i, text in enumerate(block.items):
        end = "." if i == len(block.items) - 1 else ";"
        lines.append((f"{item_marker(block.marker, i)} {text}{end}", False))
        if block.english:
            lines.append((block.english[i] + end, True))
    return lines


def needs_grid(table: NeedsTable) -> Grid:
    """The cells of a needs table in its layout (see NeedsTable)."""
    if table.layout == "rows":
        return _rows_grid(table)
    two_rows = table.merged_header or any(kind != "Y" for _, kind, _ in table.periods)
    split_header = table.merged_header and two_rows
    head0: list[str] = []
    head1: list[str] = []
    merges: list[tuple[int, int, int, int]] = []
    for role in table.order + (("notes",) if table.notes and "notes" not in table.order else ()):
        c = len(head0)
        if role == "periods":
            if not split_header:
                head0 += [period_label(p) for p in table.periods]
                head1 += [""] * len(table.periods)
                continue
            groups: dict[str, list] = {}
            for p in table.periods:
                key = table.group_label if p[1] == "Y" else period_label((p[0], "Y", 0))
                groups.setdefault(key, []).append(p)
            for key, ps in groups.items():
                head0 += [key] + [""] * (len(ps) - 1)
                head1 += [period_label(p, short=p[1] != "Y") for p in ps]
                if len(ps) > 1:
                    merges.append((0, len(head0) - len(ps), 0, len(head0) - 1))
            continue
        if role == "notes" and not table.notes:
            continue
        head0.append(table.label(role))
        head1.append("")
        if split_header:
            merges.append((0, c, 1, c))
    rows = [head0, head1] if split_header else [head0]
    roles = [r for r in table.order if r != "notes"] + (["notes"] if table.notes else [])
    group = ""
    for n, row in enumerate(table.rows, 1):
        if row.group != group:                      # a group row: "I | Khối sản xuất" and no counts
            group = row.group
            n_groups = len({r.group for r in table.rows[:n]})
            rows.append([ROMAN[n_groups - 1] if role == "stt" else row.group if role == "position" else ""
                         for role in roles for _ in (table.periods if role == "periods" else [None])])
        cells: list[str] = []
        for role in roles:
            cells += ([row.count(p) or "-" for p in table.periods] if role == "periods"
                      else [{"stt": str(n), "position": row.position, "level": row.level, "notes": row.note}[role]])
        rows.append(cells)
    if table.total:
        totals = dict(table.total)
        cells = []
        for role in roles:
            cells += ([totals.get(p, "-") for p in table.periods] if role == "periods"
                      else [table.total_label if role == "position" else ""])
        rows.append(cells)
    return Grid(tuple(tuple(r) for r in rows), tuple(merges))


def _rows_grid(table: NeedsTable) -> Grid:
    order = [r for r in table.order if r != "notes"] + (["notes"] if table.notes else [])
    rows = [[table.label(r) for r in order]]
    merges = []
    totals = dict(table.total or ())
    n = 0
    for p in table.periods:
        first = len(rows)
        for row in table.rows:
            value = row.count(p)
            if value is None or value.strip() in ("", "-"):
                continue
            n += 1
            year = period_label(p, short=True) if p[1] == "Y" else period_label(p)
            rows.append([{"stt": str(n), "year": "" if table.merge_years and len(rows) > first else year,
                          "position": row.position, "level": row.level, "quantity": value,
                          "notes": row.note}[r] for r in order])
        if table.merge_years and len(rows) - first > 1:
            c = order.index("year")
            merges.append((first, c, len(rows) - 1, c))
        if p in totals:
            rows.append([{"position": f"Cộng {period_label(p).lower()}", "quantity": totals[p]}.get(r, "")
                         for r in order])
    return Grid(tuple(tuple(r) for r in rows), tuple(merges))


# -- DOCX -----------------------------------------------------------------------------------------------------------

def build_docx(path: Path, letter: Letter) -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.text = "\n".join([*letter.letterhead_above, letter.company_upper, *letter.letterhead, "",
                           f"Số: {letter.number}", f"V/v {letter.subject}"])
    right.text = f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n{letter.place_date}"
    if letter.title:
        doc.add_paragraph(letter.title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(letter.recipient)

    def add_blocks(blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, Para):
                p = doc.add_paragraph()
                run = p.add_run(block.text)
                run.italic, run.bold = block.english, block.bold
            elif isinstance(block, Items):
                for text, english in item_lines(block):
                    doc.add_paragraph().add_run(text).italic = english
            else:
                _docx_table(doc, needs_grid(block) if isinstance(block, NeedsTable) else block)

    add_blocks(letter.intro)
    for i, section in enumerate(letter.sections):
        if letter.run_in:
            add_blocks(_run_in_blocks(section.heading, section.blocks))
            continue
        if letter.word_numbering:
            p = doc.add_paragraph(style="List Number")
            p.add_run(section.heading).bold = True
        else:
            p = doc.add_paragraph()
            p.add_run(heading_line(letter, i, section.heading)).bold = True
        add_blocks(section.blocks)
    add_blocks(letter.closing)
    sign = doc.add_table(rows=1, cols=2)
    sign.rows[0].cells[0].text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    sign.rows[0].cells[1].text = f"{letter.signer_title}\n\n\n{letter.signer}"
    for annex in letter.annexes:
        doc.add_page_break()
        for line in annex.title.split("\n"):
            doc.add_paragraph().add_run(line).bold = True
        add_blocks(annex.blocks)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _docx_table(doc, grid: Grid) -> None:  # noqa: ANN001
    n_cols = max(len(r) for r in grid.rows)
    table = doc.add_table(rows=len(grid.rows), cols=n_cols)
    table.style = "Table Grid"
    for row, texts in zip(table.rows, grid.rows):     # row by row: table.cell() walks the whole table each time
        for cell, text in zip(row.cells, texts):
            cell.text = text
    for r0, c0, r1, c1 in grid.merges:
        merged = table.cell(r0, c0).merge(table.cell(r1, c1))
        merged.text = grid.rows[r0][c0]


def _run_in_blocks(heading: str, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """An answer without a heading line: its first paragraph (or its list, joined) opens with "Về <heading>: "."""
    lead = f"Về {heading[0].lower()}{heading[1:]}"
    out: list[Block] = []
    for block in blocks:
        if lead and isinstance(block, Para) and not block.english:
            out.append(Para(f"{lead}: {block.text}"))
            lead = ""
        elif lead and isinstance(block, Items):
            out.append(Para(f"{lead}: " + "; ".join(block.items) + "."))
            lead = ""
        elif lead and isinstance(block, (NeedsTable, Grid)):
            out.append(Para(f"{lead}, Công ty xin gửi bảng dưới đây."))
            out.append(block)
            lead = ""
        else:
            out.append(block)
    return tuple(out)


# -- PDF ------------------------------------------------------------------------------------------------------------

def build_pdf(path: Path, letter: Letter) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", str(FONT_DIR / "DejaVuSerif.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))
    if "DejaVuSerif-Italic" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif-Italic", str(FONT_DIR / "DejaVuSerif-Italic.ttf")))
    normal = ParagraphStyle("n", fontName="DejaVuSerif", fontSize=11, leading=15)
    bold = ParagraphStyle("b", parent=normal, fontName="DejaVuSerif-Bold")
    italic = ParagraphStyle("i", parent=normal, fontName="DejaVuSerif-Italic")

    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def flow(blocks: tuple[Block, ...]) -> list:
        out: list = []
        for block in blocks:
            if isinstance(block, Para):
                out.append(Paragraph(esc(block.text), italic if block.english else bold if block.bold else normal))
            elif isinstance(block, Items):
                out += [Paragraph(esc(text), italic if english else normal) for text, english in item_lines(block)]
            else:
                grid = needs_grid(block) if isinstance(block, NeedsTable) else block
                n_cols = max(len(r) for r in grid.rows)
                size = 10 if n_cols <= 7 else 7
                cell = ParagraphStyle("c", parent=normal, fontSize=size, leading=size + 2)
                table = Table([[Paragraph(esc(t).replace("\n", "<br/>"), cell) for t in row] for row in grid.rows],
                              repeatRows=1,
                              colWidths=[17 * cm / n_cols] * n_cols if n_cols > 7 else None)
                commands = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
                commands += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in grid.merges]
                table.setStyle(TableStyle(commands))
                out += [Spacer(1, 4), table, Spacer(1, 4)]
        return out

    left = [*letter.letterhead_above, letter.company_upper, *letter.letterhead]
    head_rows = [[Paragraph(esc(line), bold), Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" if i == 0 else "", bold)]
                 for i, line in enumerate(left)]
    head = Table(head_rows + [[Paragraph(f"Số: {esc(letter.number)}", normal),
                               Paragraph("Độc lập - Tự do - Hạnh phúc", bold)],
                              [Paragraph(f"V/v {esc(letter.subject)}", normal),
                               Paragraph(esc(letter.place_date), normal)]], colWidths=[8 * cm, 9 * cm])
    story: list = [head, Spacer(1, 12)]
    if letter.title:
        story.append(Paragraph(esc(letter.title), bold))
    story.append(Paragraph(esc(letter.recipient), normal))
    story += flow(letter.intro)
    for i, section in enumerate(letter.sections):
        if letter.run_in:
            story += flow(_run_in_blocks(section.heading, section.blocks))
            continue
        number = number_label("arabic", i) if letter.word_numbering else None
        line = f"{number} {section.heading}" if number else heading_line(letter, i, section.heading)
        story.append(Paragraph(esc(line), bold))
        story += flow(section.blocks)
    story += flow(letter.closing)
    story += [Spacer(1, 12), Table([[Paragraph("Nơi nhận:<br/>- Như trên;<br/>- Lưu: VT.", normal),
                                     Paragraph(f"{esc(letter.signer_title)}<br/><br/><br/>{esc(letter.signer)}",
                                               bold)]])]
    for annex in letter.annexes:
        story.append(PageBreak())
        story += [Paragraph(esc(line), bold) for line in annex.title.split("\n")]
        story += flow(annex.blocks)
    path.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.5 * cm,
                      bottomMargin=2 * cm).build(story)
    return path


def build(path: Path, letter: Letter, fmt: str) -> Path:
    return (build_docx if fmt == "docx" else build_pdf)(path, letter)


__all__ = ["Annex", "build", "build_docx", "build_pdf", "heading_line", "needs_grid", "number_label"]
