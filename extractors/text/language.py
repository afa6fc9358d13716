"""Telling the English half of a bilingual line from Vietnamese ('Kế toán / Accountant', 'Kỹ thuật viên\\nTechnician')."""
from __future__ import annotations

import re

from extractors.text.legacy import is_vietnamese_syllable

_VIETNAMESE_LETTER = re.compile(r"[à-ỹđ]")   # on lower-cased text; no re.I: "i" would match "İ"


def has_vietnamese_letters(text: str) -> bool:
    return bool(_VIETNAMESE_LETTER.search(text.lower()))


def looks_english(text: str) -> bool:
    """ASCII text with at least one real word that is no Vietnamese syllable: 'Accountant', 'QC staff'.

    'quan' (a Vietnamese syllable without marks), 'CNC' (an acronym) and '(R&D)' are not English by themselves.
    """
    if has_vietnamese_letters(text) or not re.fullmatch(r"[A-Za-z0-9 ,.&()'/+-]+", text.strip()):
        return False
    words = re.findall(r"[A-Za-z]{3,}", text)
    return any(not w.isupper() and not is_vietnamese_syllable(w) for w in words)
