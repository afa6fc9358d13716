"""Vietnamese counts: "1.200" is 1200, "50 - 70" is a range, "mười lăm (15)" is 15, "khoảng 300" is 300."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors import vocab
from extractors.text.normalize import fold

# A count with Vietnamese ("1.200") or English ("1,200") thousands separators; the groups must be of three
# digits, otherwise "1,5" (a decimal) would be read as 15.
_INT = r"\d{1,3}(?:[.,]\d{3})+(?!\d)|\d+"
_DASH = r"\s*(?:-|–|—|‐|−|~|÷|den|toi|to)\s*"  # matched against fold()ed text: "đến" is "den"
_RANGE_RE = re.compile(rf"^(?:tu|from)?\s*({_INT}){_DASH}({_INT})$", re.I)
_SINGLE_RE = re.compile(rf"^({_INT})$")
_PAREN_RE = re.compile(rf"\(\s*({_INT})\s*\)")
_SPELLED_AFTER_RE = re.compile(rf"({_INT})\s*\(\s*([^()\d]+?)\s*\)")
_FOOTNOTE_MARK = re.compile(r"(?<=\d)\s*(?:\(\s*\*+\s*\)|\*+)$")
_COUNTED = vocab.load("units")          # extractors/vocab/units.toml
_APPROX = vocab.words(_COUNTED["approximate"])
_UNITS = vocab.words(_COUNTED["units"] + _COUNTED["position_nouns"])   # "30 công nhân" in a cell is 30
_EMPTY = {"", "-", "–", "—", "x", "0 -", "/", "...", "…", "n/a", "na", "none", "khong"}

_DIGITS = {"khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5,
           "sau": 6, "bay": 7, "tam": 8, "chin": 9}
_MULT = {"muoi": 10, "tram": 100, "nghin": 1000, "ngan": 1000}


@dataclass(frozen=True, slots=True)
class Quantity:
    low: int
    high: int | None = None
    approximate: bool = False

    @property
    def is_range(self) -> bool:
        return self.high is not None


def parse_int(token: str) -> int | None:
    """'1.200' -> 1200, '01' -> 1; None when it is not a whole count."""
    token = token.strip()
    if not re.fullmatch(_INT, token):
        return None
    return int(re.sub(r"[.,]", "", token))


def parse_number_words(text: str) -> int | None:
    """Vietnamese number words up to the thousands: 'mười lăm' -> 15, 'hai trăm linh năm' -> 205."""
    words = fold(text).replace("-", " ").split()
    if not words:
        return None
    total, current, seen = 0, 0, False
    for i, w in enumerate(words):
        if w in ("linh", "le"):
            continue
        if w == "muoi" and (i == 0 or words[i - 1] not in _DIGITS):
            current += 10          # "mười" alone is ten
            seen = True
        elif w in _DIGITS:
            current += _DIGITS[w] if not (w == "tu" and i == 0) else 4
            seen = True
        elif w in _MULT:
            mult = _MULT[w]
            if mult == 1000:
                total += max(current, 1) * 1000
                current = 0
            else:
                last = current % 10 if current % 10 else 1
                current = current - (current % 10) + last * mult if mult == 10 else (current - current % 10 + last * mult)
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_quantity(text: str | None) -> Quantity | None:
    """A count or range as written in a table cell or a phrase; None when the text states no count.

    Raises nothing: text that is not a count gives None, and the caller decides whether that is a doubt.
    """
    if text is None:
        return None
    raw = " ".join(str(text).split())
    raw = _FOOTNOTE_MARK.sub("", raw)               # "150*", "8 (*)": a footnote's mark beside the count
    key = fold(raw)
    if key in _EMPTY:
        return None
    paren = _PAREN_RE.search(raw)
    if paren and parse_number_words(raw[:paren.start()]) is not None:
        return Quantity(parse_int(paren.group(1)))  # "mười lăm (15)": the digits are authoritative
    spelled = _SPELLED_AFTER_RE.fullmatch(raw)
    if spelled:
        # "15 (mười lăm)": the count, then its words; words that say another number leave the count unread
        words = parse_number_words(spelled.group(2))
        if words is not None:
            digits = parse_int(spelled.group(1))
            return Quantity(digits) if digits == words else None
    approximate = False
    changed = True
    while changed:
        changed = False
        for word in _APPROX:
            if key.startswith(word + " ") or (word in "~≈" and key.startswith(word)):
                key = key[len(word):].strip()
                approximate = changed = True
        for unit in _UNITS:
            for suffix in (" " + unit, unit):
                if key.endswith(suffix) and len(key) > len(suffix):
                    key = key[: -len(suffix)].strip()
                    changed = True
                    break
        if key.startswith("(") and key.endswith(")"):
            key = key[1:-1].strip()
            changed = True
    m = _SINGLE_RE.match(key)
    if m:
        return Quantity(parse_int(m.group(1)), None, approximate)
    m = _RANGE_RE.match(key)
    if m:
        low, high = parse_int(m.group(1)), parse_int(m.group(2))
        if low is not None and high is not None:
            return Quantity(low, high, approximate)
    words = parse_number_words(key)
    if words is not None:
        return Quantity(words, None, approximate)
    return None
