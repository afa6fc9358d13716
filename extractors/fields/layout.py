"""The shape of a reply letter: its letterhead, the answers to the Board's five questions, and the frame.

`build_view` finds the letterhead (before the addressee line) and hands the body to structure.py, which cuts it
into answers and frame from its structure first (numbering of every kind, headings, order, the end of the body,
an annex) and its words and content second. The view keeps what the field extractors read: `sections` (one per
answered question, its lines), `closing`, `header`, `body`, and the full `structure` (parts, introduction,
contact, annex, problems) for whoever needs to know which block is what.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors import vocab
from extractors.fields.structure import (Structure, Unit, build_structure, heading_keys, marker, part_lines,
                                         split_heading, unnumbered_heading)
from extractors.model import DocumentContent, Paragraph, Table
from extractors.text.language import has_vietnamese_letters, looks_english
from extractors.text.normalize import fold

NEEDS, CRITERIA, COOPERATION, REGISTRATION, PROPOSALS = "needs", "criteria", "cooperation", "registration", "proposals"
SECTION_KEYS = (NEEDS, CRITERIA, COOPERATION, REGISTRATION, PROPOSALS)

_PARTS = vocab.load("letter_parts")
_ADDRESSEE = re.compile("^(" + "|".join(_PARTS["addressee_patterns"]) + ")")
_MOTTO = re.compile("|".join(vocab.load("letterhead")["motto_patterns"]))


@dataclass(slots=True)
class Line:
    """A line of running text (a DOCX paragraph, a PDF line segment) or a table, in document order."""
    text: str
    block: Paragraph | Table
    key: str = ""                 # fold(text)

    @property
    def is_table(self) -> bool:
        return isinstance(self.block, Table)


@dataclass(slots=True)
class Section:
    key: str
    heading: Line
    lines: list[Line] = field(default_factory=list)

    def tables(self) -> list[Table]:
        return [ln.block for ln in self.lines if ln.is_table]

    def text_lines(self) -> list[Line]:
        return [ln for ln in self.lines if not ln.is_table]


@dataclass(slots=True)
class LetterView:
    content: DocumentContent
    lines: list[Line]
    header: list[Line]                        # letterhead: before "Kính gửi"
    body: list[Line]                          # after the letterhead
    sections: dict[str, Section]
    closing: list[Line]                       # from "Trân trọng" / "Nơi nhận" on, and contact lines
    margins: list[Line] = field(default_factory=list)   # page headers and footers (company address, MST)
    structure: Structure | None = None                  # the parts and frame (extractors/fields/structure.py)

    def section_lines(self, key: str) -> list[Line]:
        section = self.sections.get(key)
        return section.lines if section else []


def heading_section(key_text: str, text: str = "") -> str | None:
    """The answer a heading line opens, or None: numbered ("2.", "II -", "Câu 3", "Thứ tư") or heading-like
    ("Về tiêu chuẩn lao động:", upper case). `key_text` is folded, `text` the line as written."""
    text = text or key_text
    m = marker(text, key_text)
    if m is not None:
        title, _ = split_heading(m.rest_raw)
        keys = heading_keys(fold(title))
        return keys[0] if keys else None
    found = unnumbered_heading(Unit([Line(text, Paragraph(text, 0), key_text)], text, key_text))
    return found[2][0] if found else None


def build_view(content: DocumentContent) -> LetterView:
    lines: list[Line] = []
    margins: list[Line] = []
    for block in content.blocks:
        if isinstance(block, Paragraph):
            if not block.text:
                continue
            if block.part in ("header", "footer"):
                margins.append(Line(block.text, block, fold(block.text)))
                continue
            lines.extend(Line(text, piece, fold(text)) for text, piece in _soft_lines(block))
        elif isinstance(block, Table) and block.depth == 0:
            lines.append(Line("", block, ""))
    start = _addressee_at(lines)
    if start is None:
        # No addressee line: the letterhead is what stands before the first paragraph of running text.
        start = next((i for i, ln in enumerate(lines) if len(ln.key) > 80), 0)
        if start == 0 and lines and lines[0].is_table and _is_letterhead_table(lines[0].block):
            start = 1                       # a form under a letterhead table ("PHIẾU CUNG CẤP THÔNG TIN ...")
    header, body = lines[:start], lines[start:]
    structure = build_structure(body, synthetic_line)
    sections: dict[str, Section] = {}
    for part in structure.parts:
        for key in part.keys:
            part_own = part_lines(part, key, synthetic_line)
            section = sections.get(key)
            if section is None:
                heading = part.heading if part.heading is not None else (part_own[0] if part_own else None)
                if heading is None:
                    continue
                sections[key] = section = Section(key, heading)
            section.lines.extend(part_own)
    closing = structure.contact + structure.closing
    view = LetterView(content, lines, header, body, sections, closing, margins)
    view.structure = structure
    return view


_ITEM = re.compile(r"^\s*[-–—•·*+▪●◦]")


def _soft_lines(block: Paragraph) -> list[tuple[str, Paragraph]]:
    """A paragraph whose lines were broken by hand (a soft break, <br>): each line that starts an item of its own
    (a bullet, a number, or after a line that ended a sentence or a lead-in) is a line of its own, as a PDF line
    would be; lines that go on the sentence stay together."""
    if "\n" not in block.text:
        return [(block.text, block)]
    groups: list[list[str]] = []
    for piece in (p.strip() for p in block.text.split("\n")):
        if not piece:
            continue
        starts = _ITEM.match(piece) or marker(piece, fold(piece)) is not None
        ended = bool(groups) and groups[-1][-1].endswith((":", ";", ".")) and (piece[:1].isupper() or starts)
        if not groups or starts or ended:
            groups.append([])
        groups[-1].append(piece)
    if len(groups) == 1:
        return [(block.text, block)]
    out = []
    for group in groups:
        text = "\n".join(group)
        out.append((text, Paragraph(text, block.index, block.page, block.confidence, block.part, block.bbox,
                                    block.bold)))
    return out


def _is_letterhead_table(table: Table) -> bool:
    """A table whose cells hold the national motto: the two columns of a letterhead."""
    text = fold(" ".join(cell.text for row in table.rows[:2] for cell in row))
    return bool(_MOTTO.search(text))


def _addressee_at(lines: list[Line]) -> int | None:
    """The addressee line ("Kính gửi:"), also when a PDF broke it after its first word."""
    for i, ln in enumerate(lines):
        if ln.is_table:
            continue
        if _ADDRESSEE.match(ln.key):
            return i
        if i + 1 < len(lines) and not lines[i + 1].is_table and len(ln.key) <= 12 \
                and _ADDRESSEE.match(ln.key + " " + lines[i + 1].key):
            return i
    return None


def synthetic_line(text: str, base: Line) -> Line:
    """A piece of a line or of a table cell, as a line of its own with the provenance of its source."""
    b = base.block
    confidence = b.confidence if isinstance(b, Paragraph) else 1.0
    part = b.part if isinstance(b, Paragraph) else "body"
    block = Paragraph(text, b.index, b.page, confidence, part, b.bbox)
    return Line(text, block, fold(text))


def header_texts(view: LetterView) -> list[str]:
    """The letterhead as lines of text, table cells included (DOCX letterheads sit in a borderless table), read
    column by column where its lines are set in columns side by side (a PDF or a scan gives them row by row)."""
    out: list[str] = []
    for ln in by_columns(view.header):
        if ln.is_table:
            for row in ln.block.rows:
                for cell in row:
                    if cell.origin:
                        out.extend(t for t in cell.text.split("\n") if t.strip())
        else:
            out.append(ln.text)
    return out


def split_bilingual(text: str) -> str:
    """'Sức khỏe tốt / Good health' -> 'Sức khỏe tốt' (the Vietnamese half of a bilingual item)."""
    if " / " in text:
        left, right = (part.strip() for part in text.split(" / ", 1))
        if has_vietnamese_letters(left) and (looks_english(right) or not has_vietnamese_letters(right)):
            return left
    return text


#: Columns of a letterhead stand at least this far apart (points); a line cut at the motto's edge is one line.
COLUMN_GAP = 10.0


def by_columns(lines: list[Line]) -> list[Line]:
    """Placed lines (a PDF's or a scan's, with boxes) in reading order: where rows hold segments side by side with a
    clear gap between them, and the lines under them keep out of those gaps, the band is read column by column
    (the company, its number and subject on the left; the motto and the date on the right; three columns with a
    logo). A line across a gap ends the band; lines outside bands keep their order. Lines without boxes (a DOCX)
    are returned as they are."""
    if len(lines) < 3 or any(ln.is_table or not ln.block.bbox for ln in lines):
        return lines
    rows: list[list[Line]] = []
    for ln in lines:
        b = ln.block
        if rows and rows[-1][0].block.page == b.page and abs(rows[-1][0].block.bbox[1] - b.bbox[1]) <= 3:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    out: list[Line] = []
    band: list[list[Line]] = []
    gaps: list[tuple[float, float]] = []

    def flush():
        bounds = sorted((lo + hi) / 2 for lo, hi in gaps)
        columns: dict[int, list[Line]] = {}
        for row in band:
            for ln in row:
                centre = (ln.block.bbox[0] + ln.block.bbox[2]) / 2
                columns.setdefault(sum(centre > x for x in bounds), []).append(ln)
        for i in sorted(columns):
            out.extend(columns[i])

    for row in rows:
        row = sorted(row, key=lambda ln: ln.block.bbox[0])
        if gaps:
            narrowed = _narrowed(gaps, row)
            if narrowed is not None:
                gaps = narrowed
                band.append(row)
                continue
            flush()
            band, gaps = [], []
        own = [(a.block.bbox[2], b.block.bbox[0]) for a, b in zip(row, row[1:])
               if b.block.bbox[0] - a.block.bbox[2] >= COLUMN_GAP]
        if own:
            band, gaps = [row], own
        else:
            out.extend(row)
    if gaps:
        flush()
    return out


def _narrowed(gaps: list[tuple[float, float]], row: list[Line]) -> list[tuple[float, float]] | None:
    """The gaps between columns left free by a row's lines, or None when a line crosses one."""
    out = []
    for lo, hi in gaps:
        for ln in row:
            x0, x1 = ln.block.bbox[0], ln.block.bbox[2]
            if x1 <= lo or x0 >= hi:
                continue
            if x0 <= lo:
                lo = x1
            elif x1 >= hi:
                hi = x0
            else:
                return None                     # a line inside the gap: no column edge here
        if hi - lo < 1:
            return None
        out.append((lo, hi))
    return out
