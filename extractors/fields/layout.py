"""The shape of a reply letter: its letterhead, the five numbered answers, and the closing.

The Board's letter asked five questions, and replies answer them under numbered headings ("1.", "I.",
"Mục 1", or bilingual "1. Nhu cầu tuyển dụng / Recruitment needs"). We find those headings by their words, not
by their exact wording, and cut the letter into sections; each field extractor then reads its own section.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors import vocab
from extractors.fields.structure import Structure, build_structure, part_lines
from extractors.model import DocumentContent, Paragraph, Table
from extractors.text.language import has_vietnamese_letters, looks_english
from extractors.text.normalize import fold

NEEDS, CRITERIA, COOPERATION, REGISTRATION, PROPOSALS = "needs", "criteria", "cooperation", "registration", "proposals"
SECTION_KEYS = (NEEDS, CRITERIA, COOPERATION, REGISTRATION, PROPOSALS)

# Heading words per section, folded, in the order they are tried (extractors/vocab/headings.toml).
_HEADING_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (section, vocab.words(entry["words"])) for section, entry in vocab.load("headings").items())
_PARTS = vocab.load("letter_parts")
_NUMBERED = re.compile(r"^\s*(?:(?:" + vocab.either(_PARTS["heading_part_words"])
                       + r")\s+)?(\d{1,2}|i{1,3}|iv|v|vi|[a-e])\s*[.):/-]\s*(.*)$")
# Unnumbered headings: "Về nhu cầu tuyển dụng:", "Thứ hai, về tiêu chuẩn lao động", "NHU CẦU TUYỂN DỤNG".
_UNNUMBERED = re.compile(r"^\s*(?:(?:" + vocab.either(_PARTS["heading_ordinals"]) + r")\s*[,:]?\s*)?((?:"
                         + vocab.either(_PARTS["heading_lead_ins"]) + r")\s.*)$")
_ADDRESSEE = re.compile("^(" + "|".join(_PARTS["addressee_patterns"]) + ")")
_CLOSING = re.compile("^(" + vocab.either(_PARTS["closing"]) + ")")
_CONTACT = re.compile("^(" + vocab.either(_PARTS["contact"]) + ")")
_BULLET = re.compile(r"^\s*(?:[-–—•·*+]|[a-zđ]\)|\d{1,2}\)|\(\d{1,2}\))\s*", re.I)


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
    """The section a heading line opens, or None. `key_text` is folded, `text` the line as written."""
    m = _NUMBERED.match(key_text)
    if m:
        rest = m.group(2)
    else:
        short = len(key_text) <= 90 and not key_text.rstrip().endswith(".")
        unnumbered = _UNNUMBERED.match(key_text)
        shouting = bool(text) and text.isupper() and len(text.split()) >= 2
        if not (short and (unnumbered or shouting or key_text.rstrip().endswith(":"))):
            return None
        rest = unnumbered.group(1) if unnumbered else key_text
    if len(rest) > 160 or not rest:
        return None
    for section, words in _HEADING_WORDS:
        if any(w in rest for w in words):
            return section
    return None


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
            lines.append(Line(block.text, block, fold(block.text)))
        elif isinstance(block, Table) and block.depth == 0:
            lines.append(Line("", block, ""))
    start = _addressee_at(lines)
    if start is None:
        # No addressee line: the letterhead is what stands before the first paragraph of running text.
        start = next((i for i, ln in enumerate(lines) if len(ln.key) > 80), 0)
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
    """The letterhead as lines of text, table cells included (DOCX letterheads sit in a borderless table)."""
    out: list[str] = []
    for ln in view.header:
        if ln.is_table:
            for row in ln.block.rows:
                for cell in row:
                    if cell.origin:
                        out.extend(t for t in cell.text.split("\n") if t.strip())
        else:
            out.append(ln.text)
    return out


def items(lines: list[Line]) -> list[tuple[str, Line]]:
    """The stated items of a section: bullet lines, or sentences/clauses of running prose.

    PDF lines are joined back into paragraphs first; an intro ending with ':' is not an item.
    """
    paragraphs: list[tuple[str, Line, bool]] = []   # text, first line, starts with a bullet
    for ln in lines:
        if ln.is_table:
            continue
        bullet = bool(_BULLET.match(ln.text))
        text = _BULLET.sub("", ln.text, count=1).strip() if bullet else ln.text.strip()
        if paragraphs and not bullet and _continues(paragraphs[-1][0], text, ln):
            prev_text, prev_line, prev_bullet = paragraphs[-1]
            paragraphs[-1] = (prev_text + " " + text, prev_line, prev_bullet)
        else:
            paragraphs.append((text, ln, bullet))
    out: list[tuple[str, Line]] = []
    for text, ln, bullet in paragraphs:
        text = text.strip()
        if not text:
            continue
        if bullet:
            out.append((_tidy_item(text), ln))
            continue
        if text.endswith(":"):
            continue
        # Prose: "... sau: a; b; c." or "Người lao động cần a; b; c."
        if ":" in text[:-1]:
            head, tail = text.split(":", 1)
            if len(head) < 120 and tail.strip():
                text = tail
        for clause in re.split(r";\s+|(?<=[a-zà-ỹ)])\.\s+(?=[A-ZÀ-Ỹ])", text):
            clause = _tidy_item(clause)
            if clause:
                out.append((clause, ln))
    return [(t, ln) for t, ln in out if t]


def _continues(previous: str, text: str, ln: Line) -> bool:
    """Whether a PDF line continues the previous line's paragraph (DOCX paragraphs never do)."""
    if ln.block.page is None:
        return False
    if previous.endswith((";", ":")):
        return False
    if previous.endswith(".") and text[:1].isupper():
        return False
    return True


def _tidy_item(text: str) -> str:
    text = " ".join(text.split()).strip(" ;.,")
    return text[:1].upper() + text[1:] if text else text


def split_bilingual(text: str) -> str:
    """'Sức khỏe tốt / Good health' -> 'Sức khỏe tốt' (the Vietnamese half of a bilingual item)."""
    if " / " in text:
        left, right = (part.strip() for part in text.split(" / ", 1))
        if has_vietnamese_letters(left) and (looks_english(right) or not has_vietnamese_letters(right)):
            return left
    return text
