"""The letter's own number ("Số: 15/2023/CV-ABC") and date ("Hải Phòng, ngày 20 tháng 3 năm 2023")."""
from __future__ import annotations

import re

from extractors.fields.layout import LetterView, header_texts
from extractors.text.dates import find_dates
from extractors.text.normalize import fold
from schemas import Letter

_NUMBER = re.compile(r"^(?:S[ốoỐO]|No\.?|Ref\.?)\s*[:.]?\s*([0-9][\w./\-–]*[\w])", re.I)
# "... Công văn số 812/BQL-LĐ ngày 08/03/2023": the date of the document cited, not of this letter.
_CITED = re.compile(r"\bso\s*:?\s*[\w./-]*\d[\w./-]*\s*(?:cua\s+[^,;]{0,60}?\s*)?(?:ngay|,)?\s*$")
_PLACE_DATE = re.compile(r"^[A-ZĐÀ-Ỹ][\wÀ-ỹđ .]{1,30},\s*(ng[àa]y|date|\d)", re.I)
# "Hải Phòng, ngày 29 tháng 03 năm" whose year went onto the next line of a narrow letterhead column.
_UNFINISHED_DATE = re.compile(r"\bngay(?:\s+\d{1,2}(?:\s+thang(?:\s+\d{1,2}(?:\s+nam)?)?)?)?\s*$")


def _own_dates(text: str) -> list:
    """The dates in a line that are not the date of a document it cites."""
    key = fold(text)
    return [d for d, pos in find_dates(text) if not _CITED.search(key[:pos])]


def extract_letter(view: LetterView) -> Letter:
    head = header_texts(view)
    number = None
    for text in head:
        m = _NUMBER.match(text.strip())
        if m:
            number = m.group(1).replace("–", "-")
            break
    date = None
    for text in head + _rejoined_dates(view.header):
        dates = _own_dates(text)
        if dates:
            date = dates[0]
            break
    if date is None:
        # Some letters put the place and date under the addressee or at the end, above the signature.
        for ln in view.lines:
            if not ln.is_table and _PLACE_DATE.match(ln.text):
                dates = _own_dates(ln.text)
                if dates:
                    date = dates[0]
                    break
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
