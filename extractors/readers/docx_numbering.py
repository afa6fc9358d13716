"""Word's automatic numbering, rendered: "1.", "II.", "a)", "-" as the reader of the letter sees them.

Headings such as "1. Nhu cầu tuyển dụng" are often numbered by Word itself (w:numPr), so the number is not in
the paragraph's text. We follow numbering.xml (abstract numbering definitions, level formats and start values,
level overrides) and keep a counter per list and level, like Word does.
"""
from __future__ import annotations

import re

from docx.oxml.ns import qn

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(ord("a") + r) + s
    return s


def _format(n: int, fmt: str) -> str:
    if fmt in ("upperRoman",):
        return _roman(n).upper()
    if fmt in ("lowerRoman",):
        return _roman(n)
    if fmt in ("upperLetter",):
        return _letter(n).upper()
    if fmt in ("lowerLetter",):
        return _letter(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class Numbering:
    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}   # (numId, ilvl) -> (fmt, text, start)
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            numbering = None
        if numbering is not None:
            self._load(numbering)
        try:
            for style in document.styles.element.findall(qn("w:style")):
                num_pr = style.find(qn("w:pPr") + "/" + qn("w:numPr"))
                if num_pr is not None:
                    num_id = num_pr.find(qn("w:numId"))
                    ilvl = num_pr.find(qn("w:ilvl"))
                    if num_id is not None:
                        self.style_num[style.get(qn("w:styleId"))] = (
                            num_id.get(qn("w:val")), int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0)
        except (AttributeError, ValueError):
            pass

    def _load(self, numbering) -> None:
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in numbering.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in an.findall(qn("w:lvl")):
                levels[_int(lvl.get(qn("w:ilvl")), 0)] = _level(lvl)
            abstract[an.get(qn("w:abstractNumId"))] = levels
        for num in numbering.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            ref = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(ref.get(qn("w:val")) if ref is not None else "", {}))
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")), 0)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, _int(start.get(qn("w:val")), 1))
            for ilvl, level in levels.items():
                self.levels[(num_id, ilvl)] = level

    def label(self, p, style: str | None) -> str:
        """The rendered label of paragraph `p` ("2.", "II.", "a)", "-"), or "" when it is not numbered."""
        ppr = p.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id, ilvl = None, 0
        if num_pr is not None:
            nid = num_pr.find(qn("w:numId"))
            lvl = num_pr.find(qn("w:ilvl"))
            num_id = nid.get(qn("w:val")) if nid is not None else None
            ilvl = _int(lvl.get(qn("w:val")), 0) if lvl is not None else 0
        elif style in self.style_num:
            num_id, ilvl = self.style_num[style]
        if not num_id or num_id == "0" or (num_id, ilvl) not in self.levels:
            return ""
        fmt, text, start = self.levels[(num_id, ilvl)]
        counters = self.counters.setdefault(num_id, [0] * 9)
        ilvl = max(0, min(ilvl, 8))
        if counters[ilvl] == 0:
            counters[ilvl] = start
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt in ("bullet", "none"):
            return "-" if fmt == "bullet" else ""

        def sub(m: re.Match) -> str:
            level = int(m.group(1)) - 1
            if not 0 <= level <= 8:
                return ""
            value = counters[level] or self.levels.get((num_id, level), ("decimal", "", 1))[2]
            return _format(value, self.levels.get((num_id, level), (fmt, "", 1))[0])
        return re.sub(r"%(\d)", sub, text).strip()


def _level(lvl) -> tuple[str, str, int]:
    fmt_el, text_el, start_el = lvl.find(qn("w:numFmt")), lvl.find(qn("w:lvlText")), lvl.find(qn("w:start"))
    fmt = fmt_el.get(qn("w:val"), "decimal") if fmt_el is not None else "decimal"
    text = text_el.get(qn("w:val"), "") if text_el is not None else ""
    start = _int(start_el.get(qn("w:val")), 1) if start_el is not None else 1
    return fmt, text, start


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
