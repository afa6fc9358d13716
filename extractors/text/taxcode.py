"""Vietnamese tax codes (mã số thuế, MST): ten digits whose last one is a check digit, plus an optional
three-digit branch suffix ("0201234569-001"). The ten digits may be written in groups, split by spaces, dots or
dashes ("0201 234 569", "0201.234.569", "0201-234-569")."""
from __future__ import annotations

import re

_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_TAX_RE = re.compile(r"(?<![\d.])(\d(?:[ .\-]?\d){9})(?:\s*-\s*(\d{3}))?(?![\d])")


def check_digit(first_nine: str) -> int | None:
    """The check digit of a tax code's first nine digits; None where no valid code has these digits."""
    total = sum(int(d) * w for d, w in zip(first_nine, _WEIGHTS))
    digit = 10 - total % 11
    return None if digit == 10 else digit


def is_valid(code: str) -> bool:
    """True for '0201234569' or '0201234569-001' with a correct check digit."""
    m = re.fullmatch(r"(\d{10})(?:-(\d{3}))?", code or "")
    if not m:
        return False
    return check_digit(m.group(1)[:9]) == int(m.group(1)[9])


def normalise(text: str) -> str | None:
    """Digits and the branch dash only: '0201 234 569 - 001' -> '0201234569-001'; None if not a tax code."""
    m = _TAX_RE.search(text or "")
    if not m:
        return None
    main = re.sub(r"\D", "", m.group(1))
    return f"{main}-{m.group(2)}" if m.group(2) else main
