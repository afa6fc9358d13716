"""Vietnamese formats of the review app, one home for them: numbers shown and typed with a dot for thousands
("1.200" = 1200), dates dd/mm/yyyy, ranges "50–70", a letter's title "Công văn số … ngày … – Công ty …"."""
from __future__ import annotations

import datetime as dt
import math
import re


def number(value: int | float | None) -> str:
    """1200 -> "1.200"; anything that is no finite number (a damaged stored value) is shown as it is."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:,.2f}".split(".")
        return whole.replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")


def number_range(low: int | None, high: int | None) -> str:
    """"50–70" for a range, "50" otherwise."""
    if low is None:
        return ""
    return f"{number(low)}–{number(high)}" if high is not None and high != low else number(low)


def date(value: dt.date | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, dt.date):
        return str(value)
    return value.strftime("%d/%m/%Y")


_INT = re.compile(r"[+-]?\d{1,3}(?:[.\s]\d{3})+|[+-]?\d+")


def parse_int(text: str) -> int | None:
    """An integer as officers type it: "1200", "1.200", "1 200" (thousands separated by a dot or a space).
    None when it is not one (a comma is a decimal mark in Vietnamese: "1,5" is not an integer)."""
    text = text.strip()
    if not _INT.fullmatch(text):
        return None
    return int(re.sub(r"[.\s]", "", text))


_DATE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")


def parse_date(text: str) -> dt.date | None:
    """A date typed dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or ISO yyyy-mm-dd; None when not a real date."""
    text = text.strip()
    try:
        m = _DATE.fullmatch(text)
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        return None
    return None


def letter_title(number_: str | None, date_: dt.date | None, enterprise: str | None, file_name: str) -> str:
    """How officers name a letter: "Công văn số 15/2023/CV-ABC ngày 20/03/2023 – Công ty TNHH ABC"; the file
    name only when the letter says neither its number, its date nor who wrote it."""
    if not (number_ or date_ or enterprise):
        return file_name
    head = "Công văn" + (f" số {number_}" if number_ else " (không rõ số)") + (f" ngày {date(date_)}" if date_ else "")
    return f"{head} – {enterprise}" if enterprise else head
