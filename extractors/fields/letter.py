"""The letter's own number ("Số: 15/2023/CV-ABC") and date ("Hải Phòng, ngày 20 tháng 3 năm 2023").

The date is the one of the letter's date line: a line that holds a date and nothing else but the place before it
("Hải Phòng, ngày 5 tháng 4 năm 2023", "Hai Phong, 10 April 2023", "Hải Phòng, 05/4/2023"). The letterhead's date
line comes first, then another date of the letterhead that is neither in its subject line nor the date of a
document it cites, then a date line elsewhere (under the addressee, above the signature). A date inside a sentence
("Tại Hải Phòng, ngày 15/6/2016 Công ty được cấp ...") is never the letter's.
"""
from __future__ import annotations

import re

from extractors import vocab
from extractors.fields.layout import LetterView, header_texts
from extractors.text.dates import find_date_spans
from extractors.text.normalize import fold
from schemas import Letter

_PARTS = vocab.load("letter_parts")
_NUMBER = re.compile(r"^(?:S[ốoỐO]|No\.?|Ref\.?)\s*[:.]?\s*([0-9][\w./\-–]*[\w])", re.I)
# "... Công văn số 812/BQL-LĐ ngày 08/03/2023", "V/v trả lời văn bản ngày 08/3/2023": the date of the document
# cited, not of this letter.
_CITED = re.compile(r"\bso\s*:?\s*[\w./-]*\d[\w./-]*\s*(?:cua\s+[^,;]{0,60}?\s*)?(?:ngay|,)?\s*$"
                    r"|\b(?:" + "|".join(_PARTS["cited_document_patterns"]) + r")\b[^.;]{0,60}?\bngay\s*$")
_SUBJECT = re.compile(r"^\s*(?:" + "|".join(_PARTS["subject_patterns"]) + ")")
# What may stand before the date on its line: the place and a comma, then "ngày" / "date".
_BEFORE_DATE = re.compile(r"^\s*(?:[a-z][a-z .]{0,30},\s*)?(?:(?:ngay|dated?)\s*[:.]?\s*)?$")
_PLACE_BEFORE = re.compile(r"^\s*[a-z][a-z .]{0,30},\s*(?:(?:ngay|dated?)\s*[:.]?\s*)?$")
# "Hải Phòng, ngày 29 tháng 03 năm" whose year went onto the next line of a narrow letterhead column.
_UNFINISHED_DATE = re.compile(r"\bngay(?:\s+\d{1,2}(?:\s+thang(?:\s+\d{1,2}(?:\s+nam)?)?)?)?\s*$")


def _own_dates(text: str) -> list:
    """The dates in a line that are not the date of a document it cites."""
    key = fold(text)
    return [d for d, start, _ in find_date_spans(text) if not _CITED.search(key[:start])]


def date_line(text: str, placed: bool = False):
    """The date of a date line (a date with at most the place before it and nothing after it), or None.
    `placed`: the place must be written ("Hải Phòng, ..."), or the date in words ("ngày 5 tháng 4 năm 2023")."""
    key = fold(text)
    spans = find_date_spans(text)
    if not spans:
        return None
    d, start, end = spans[0]
    before, after = key[:start], key[end:]
    if not _BEFORE_DATE.match(before) or len(after.strip(" .,;:()").split()) > 1:
        return None
    if placed and not (_PLACE_BEFORE.match(before) or key[start:].startswith("ngay")):
        return None
    return d


def _joined(texts: list[str]) -> list[str]:
    """The texts, each line that ends in an unfinished date ("Hải Phòng, ngày 06 tháng 4") joined with the next
    (its year, "năm 2023", under it in the same cell or column)."""
    out = []
    for i, text in enumerate(texts):
        if i + 1 < len(texts) and _UNFINISHED_DATE.search(fold(text)):
            out.append(f"{text} {texts[i + 1]}")
        else:
            out.append(text)
    return out


def extract_letter(view: LetterView) -> Letter:
    head = header_texts(view)
    number = None
    for text in head:
        m = _NUMBER.match(text.strip())
        if m:
            number = m.group(1).replace("–", "-")
            break
    candidates = _joined(head) + _rejoined_dates(view.header)
    date = next((d for d in map(date_line, candidates) if d is not None), None)
    if date is None:
        for text in candidates:
            dates = [] if _SUBJECT.match(fold(text)) else _own_dates(text)
            if dates:
                date = dates[0]
                break
    if date is None:
        # Some letters put the place and date under the addressee or at the end, above the signature (in the
        # signature table's cell, where the place or the date in words says what the line is).
        for ln in view.lines:
            if ln.is_table:
                cells = [t for row in ln.block.rows for c in row if c.origin for t in c.text.split("\n") if t.strip()]
                date = next((d for d in (date_line(t, placed=True) for t in _joined(cells)) if d), None)
            else:
                date = date_line(ln.text)
            if date is not None:
                break
    if date is None:
        # A PDF's signature column: "Hải Phòng, ngày 14 tháng 4" over "năm 2023", the recipients' lines between.
        date = next((d for d in map(date_line, _rejoined_dates(view.lines)) if d is not None), None)
    return Letter(number=number, date=date)


def _rejoined_dates(lines) -> list[str]:
    """Place-and-date lines cut by a narrow letterhead column, joined with the line under them in that column.

    A PDF letterhead is two columns of short lines; "Hải Phòng, ngày 29 tháng 03 năm" may end its line and
    "2023" stand alone under it (left-aligned or centred), with the other column's lines between them in reading
    order.
    """
    out = []
    paragraphs = [ln for ln in lines if not ln.is_table and ln.block.bbox]
    for i, ln in enumerate(paragraphs):
        if not _UNFINISHED_DATE.search(fold(ln.text)):
            continue
        x0, bottom, x1 = ln.block.bbox[0], ln.block.bbox[3], ln.block.bbox[2]
        for nxt in paragraphs[i + 1:i + 4]:
            nx0, nx1 = nxt.block.bbox[0], nxt.block.bbox[2]
            # under it in its column: aligned on its left edge, or centred under it (a centred letterhead column)
            under = abs(nx0 - x0) < 5 or (nx0 >= x0 - 5 and nx1 <= x1 + 5 and abs((nx0 + nx1) - (x0 + x1)) / 2 < 10)
            if under and 0 <= nxt.block.bbox[1] - bottom < 2 * (bottom - ln.block.bbox[1]):
                out.append(f"{ln.text} {nxt.text}")
                break
    return out
