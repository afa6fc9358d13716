"""Letter dates: 'ngày 20 tháng 3 năm 2023', '20/03/2023', 'March 20, 2023'."""
from __future__ import annotations

import datetime as dt
import re

from extractors.text.normalize import fold

# "tháng" and "năm" as a scan reads them too ("thúng", "thảng", "nãm" fold to thung, thang, nam): after
# "ngày" and a day number nothing else is written like that.
_VI_RE = re.compile(r"ngay\s*(\d{1,2})\s*(?:th[a-z]{1,2}ng|/|-|\.)\s*(\d{1,2})\s*(?:n[a-z]m|/|-|\.)\s*(\d{4})")
_NUM_RE = re.compile(r"(?<!\d)(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)")
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_EN_RE = re.compile(r"(" + "|".join(_MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_EN2_RE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTHS) + r"),?\s+(\d{4})")


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_date_spans(text: str) -> list[tuple[dt.date, int, int]]:
    """Every valid date in the text with where it starts and ends (in the folded text), in order of appearance."""
    key = fold(text)
    found: list[tuple[dt.date, int, int]] = []
    for m in _VI_RE.finditer(key):
        d = _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            found.append((d, m.start(), m.end()))
    for m in _NUM_RE.finditer(key):
        d = _make(int(m.group(4)), int(m.group(3)), int(m.group(1)))
        if d and not any(abs(pos - m.start()) < 12 for _, pos, _ in found):
            found.append((d, m.start(), m.end()))
    for m in _EN_RE.finditer(key):
        d = _make(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)))
        if d:
            found.append((d, m.start(), m.end()))
    for m in _EN2_RE.finditer(key):
        d = _make(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
        if d:
            found.append((d, m.start(), m.end()))
    return sorted(found, key=lambda x: x[1])


def find_dates(text: str) -> list[tuple[dt.date, int]]:
    """Every valid date in the text with its position (in the folded text), in order of appearance."""
    return [(d, start) for d, start, _ in find_date_spans(text)]


def parse_date(text: str) -> dt.date | None:
    """The first date written in the text, or None."""
    dates = find_dates(text)
    return dates[0][0] if dates else None
