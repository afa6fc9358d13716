"""The letter's own number ("Số: 15/2023/CV-ABC") and date ("Hải Phòng, ngày 20 tháng 3 năm 2023")."""
from __future__ import annotations

import re

from extractors.fields.layout import LetterView, header_texts
from extractors.text.dates import find_dates
from schemas import Letter

_NUMBER = re.compile(r"^(?:S[ốoỐO]|No\.?|Ref\.?)\s*[:.]?\s*([0-9][\w./\-–]*[\w])", re.I)
_PLACE_DATE = re.compile(r"^[A-ZĐÀ-Ỹ][\wÀ-ỹđ .]{1,30},\s*(ng[àa]y|date|\d)", re.I)


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
        dates = find_dates(text)
        if dates:
            date = dates[0][0]
            break
    if date is None:
        # Some letters put the place and date under the addressee or at the end, above the signature.
        for ln in view.lines:
            if not ln.is_table and _PLACE_DATE.match(ln.text):
                dates = find_dates(ln.text)
                if dates:
                    date = dates[0][0]
                    break
    return Letter(number=number, date=date)
