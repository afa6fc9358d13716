"""The items of an answer (criteria, offers, proposals): one per stated thing, on every list convention.

A list may be bullets ("-", "–", "•", "+", "*"), numbers or letters ("1.", "a)", "a/", "(1)", "(i)", "ii.", "3.1."), items in a
row on one line ("(i) ... (ii) ...", "... ; ... ; ..."), sentences of prose, or a table: a two-column table of
kind and requirement ("Sức khỏe | Không mắc bệnh tim mạch"), or a column of requirements in the needs table
("Tiêu chuẩn"). Each item keeps the letter's words; `Item.hint` carries words that help classify it (a table
row's kind) without being part of its text.

An item that states two things of different kinds ("trao học bổng ... và nhận sinh viên thực tập") is cut in
two by `split_mixed`, given the classifier; a piece that names no kind stays with its neighbour, so nothing is
dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from extractors.model import Table
from extractors.text.normalize import fold

_BULLET = re.compile(r"^\s*(?:[-–—•·*+►▪❖✓✔]|\(?(?:[a-zđ]|[ivx]{1,4}|\d{1,2}(?:\.\d{1,2})*)\)|\d{1,2}(?:\.\d{1,2})+\.?"
                     r"|\d{1,2}\.(?!\d)|[a-zđ]\.(?=\s)|[ivx]{2,4}\.(?=\s)|(?:[a-zđ]|\d{1,2})/(?=\s))\s*", re.I)
# Items in a row: "(i) a; (ii) b", "(1) a (2) b", "1) a 2) b", "a) ... b) ...".
_INLINE = re.compile(r"(?:(?<=\s)|^)\((?:[ivx]{1,4}|\d{1,2}|[a-h])\)\s+|(?:(?<=[\s;,.:])|^)(?:[a-h]|\d{1,2})\)\s+")
# A line of items each opened by "+" ("+ Nhận học sinh thực tập + Cam kết tuyển dụng ...").
_PLUS_ITEMS = re.compile(r"^\s*\+\s+\S.*\s\+\s+\S")
_TABLE_CRITERIA_HEAD = ("tieu chuan", "tieu chi", "yeu cau", "dieu kien", "requirement", "criteria")


@dataclass(slots=True)
class Item:
    text: str
    line: object                    # layout.Line it starts on
    hint: str = ""                  # words that help classify (a table row's kind), not part of the text


def split_items(lines: list, *, criteria_columns: bool = False) -> list[Item]:
    """The items of a section's lines (layout.Line), in order."""
    paragraphs: list[tuple[str, object, bool]] = []   # text, first line, starts with a list marker
    out: list[Item] = []
    for ln in lines:
        if ln.is_table:
            out.extend(_flush(paragraphs))
            paragraphs = []
            out.extend(table_items(ln.block, ln, criteria_columns=criteria_columns))
            continue
        bullet = bool(_BULLET.match(ln.text))
        text = _BULLET.sub("", ln.text, count=1).strip() if bullet else ln.text.strip()
        if paragraphs and not bullet and _continues(paragraphs[-1][0], text, ln):
            prev_text, prev_line, prev_bullet = paragraphs[-1]
            paragraphs[-1] = (prev_text + " " + text, prev_line, prev_bullet)
        elif _PLUS_ITEMS.match(ln.text):
            # "+ Tuổi 18–35 + Tổ trưởng có kinh nghiệm": items in a row, each opened by "+"
            paragraphs.extend((piece, ln, True) for piece in re.split(r"\s+\+\s+", text) if piece.strip())
        else:
            paragraphs.append((text, ln, bullet))
    out.extend(_flush(paragraphs))
    return [i for i in out if i.text]


def _flush(paragraphs: list[tuple[str, object, bool]]) -> list[Item]:
    out: list[Item] = []
    for text, ln, bullet in paragraphs:
        text = text.strip()
        if not text:
            continue
        if text.endswith(":") and len(text) < 200:
            continue                                  # an introduction to the list below
        if ":" in text[:-1]:
            head, tail = text.split(":", 1)
            if len(head) < 120 and tail.strip() and not _INLINE.search(head) and _is_intro(head, bullet):
                text = tail
        for piece in _inline_pieces(text):
            for clause in re.split(r";\s+|(?<=[a-zà-ỹ0-9)])\.\s+(?=[A-ZÀ-Ỹ(])", piece):
                clause = tidy(clause)
                if clause:
                    out.append(Item(clause, ln))
    return out


def _is_intro(head: str, bullet: bool) -> bool:
    """'Công ty có thể hợp tác theo các hình thức: a; b' -> the head introduces; 'Kỹ sư: tiếng Anh' labels."""
    key = fold(head)
    if bullet and len(head.split()) <= 4:
        return False                                  # "- Kỹ sư: ..." is a label that belongs to the item
    return len(head.split()) > 4 or any(w in key for w in ("sau", "nhu", "gom", "hinh thuc", "bao gom", "following"))


def _inline_pieces(text: str) -> list[str]:
    marks = list(_INLINE.finditer(text))
    if len(marks) < 2:
        return [text]
    pieces = [text[:marks[0].start()]]
    for m, nxt in zip(marks, marks[1:] + [None]):
        pieces.append(text[m.end(): nxt.start() if nxt else len(text)])
    head = pieces[0].strip()
    if head and not head.endswith(":") and len(head.split()) > 3:
        return [p for p in pieces if p.strip()]
    return [p for p in pieces[1:] if p.strip()]


def _continues(previous: str, text: str, ln) -> bool:
    """Whether a PDF line continues the previous line's paragraph (DOCX paragraphs never do)."""
    if ln.block.page is None:
        return False
    if previous.endswith((";", ":")):
        return False
    if previous.endswith(".") and text[:1].isupper():
        return False
    return True


def tidy(text: str) -> str:
    text = " ".join(text.split()).strip(" ;.,")
    return text[:1].upper() + text[1:] if text else text


def table_items(table: Table, line, *, criteria_columns: bool = False) -> list[Item]:
    """Items of a table: a two-column table of kind and what is said of it gives one item a row (the kind is the
    hint); a wider table gives the cells of its requirement column ("Tiêu chuẩn", "Yêu cầu") when asked."""
    rows = [[c.text.strip() for c in row if c.origin] for row in table.rows]
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    wrapped = table.page is not None              # a PDF cell's line breaks are mostly wrapping
    width = max(len(r) for r in rows)
    out: list[Item] = []
    if width == 2:
        start = 1 if _is_header(rows[0]) else 0
        for row in rows[start:]:
            if len(row) < 2:
                continue
            kind, said = row[0], row[1]
            if not said:
                continue
            for piece in (p for para in cell_paragraphs(said, wrapped) for p in re.split(r";\s+", para)):
                piece = tidy(piece)
                if piece:
                    out.append(Item(piece, line, hint=kind))
        return out
    if criteria_columns:
        head = [fold(t) for t in rows[0]]
        cols = [i for i, h in enumerate(head) if any(w in h for w in _TABLE_CRITERIA_HEAD)]
        seen: set[str] = set()
        for col in cols:
            for row in rows[1:]:
                if col < len(row) and row[col] and not re.fullmatch(r"[\d.,\s–-]*", row[col]):
                    for piece in (p for para in cell_paragraphs(row[col], wrapped) for p in re.split(r";\s+", para)):
                        piece = tidy(piece)
                        if piece and fold(piece) not in seen:
                            seen.add(fold(piece))
                            out.append(Item(piece, line))
    return out


def cell_paragraphs(text: str, wrapped: bool) -> list[str]:
    """The paragraphs of a table cell: in a PDF a line break inside a cell is wrapping, unless a list marker or
    a new sentence starts the next line; in a DOCX it is a paragraph."""
    lines = [t.strip() for t in text.split("\n") if t.strip()]
    if not wrapped:
        return lines
    out: list[str] = []
    for t in lines:
        starts_item = bool(re.match(r"^[-–—•·*+☐☒☑□■]|^\(?\w{1,4}[.)]\s", t))
        if out and not starts_item and not (out[-1].endswith((".", ";", ":")) and t[:1].isupper()):
            out[-1] += " " + t
        else:
            out.append(t)
    return out


def _is_header(row: list[str]) -> bool:
    key = fold(" ".join(row))
    return any(w in key for w in ("tieu chi", "noi dung", "yeu cau", "hinh thuc", "loai", "kind", "criteria",
                                  "requirement", "muc", "stt"))


# Where an item that states several things is cut: commas, "và", "and", semicolons, "đồng thời".
_PIECE_CUTS = re.compile(r",\s+|\s+và\s+|\s+and\s+|;\s+|,?\s+đồng thời\s+")


def pieces_of(text: str) -> list[str]:
    """The pieces of an item between its commas, "và", semicolons and "đồng thời"."""
    return [p for p in _PIECE_CUTS.split(text) if p.strip()]


def split_mixed(items: list[Item], classify: Callable[[str], str | None]) -> list[Item]:
    """Items that state several things of different kinds, cut at "và", commas or "đồng thời"; `classify` gives the
    kind a piece's words name, or None when they name none (`other` is a kind when named: "không có tiền án"). A
    piece that names no kind, or the kind of the piece before it, stays with that piece (or with the one after it,
    when first)."""
    out: list[Item] = []
    for item in items:
        pieces = pieces_of(item.text)
        if len(pieces) < 2:
            out.append(item)
            continue
        # A piece of one word is no item of its own; one of two words is when it names a kind by a word of its own
        # ("chăm chỉ"), not by a generic one ("và nhà xưởng": `classify` says so).
        kinds = [classify(p) if len(p.split()) >= 2 else None for p in pieces]
        if len({k for k in kinds if k is not None}) < 2 or classify(item.hint + " " + item.text) is None:
            out.append(item)
            continue
        groups: list[list[str]] = []
        group_kinds: list[str | None] = []
        for piece, kind in zip(pieces, kinds):
            if groups and (kind is None or kind == group_kinds[-1]):
                groups[-1].append(piece)            # nothing of its own, or more of the same kind
            elif kind is not None and groups and group_kinds[-1] is None:
                groups[-1].append(piece)
                group_kinds[-1] = kind
            else:
                groups.append([piece])
                group_kinds.append(kind)
        texts = [_rejoin(item.text, g) for g in groups]
        out.extend(Item(tidy(t), item.line, item.hint) for t in texts if tidy(t))
    return out


def _rejoin(text: str, pieces: list[str]) -> str:
    """The stretch of `text` from the first piece to the end of the last, as written."""
    start = text.find(pieces[0])
    end = text.find(pieces[-1], max(start, 0)) + len(pieces[-1])
    return text[start:end] if start >= 0 and end > start else ", ".join(pieces)
