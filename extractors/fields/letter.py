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
    for text in head:
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
