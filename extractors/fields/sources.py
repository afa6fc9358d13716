"""Where the letter's own facts were read: the line that holds the enterprise's tax code, the letter's date...

The enterprise and letter fields are found in joined text (a letterhead spans lines, columns and, in DOCX, a
borderless table), so their source is located afterwards: the first line, letterhead cells and page margins
included, that holds the value. Its provenance carries the reading's OCR confidence, for the checks.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from extractors.fields.layout import LetterView
from extractors.model import Table
from extractors.text.dates import find_dates
from extractors.text.normalize import fold
from schemas import Enterprise, Letter, Provenance

Holds = Callable[[str], bool]


def locate(view: LetterView, holds: Holds) -> Provenance | None:
    for ln in [*view.lines, *view.margins]:
        block = ln.block
        if isinstance(block, Table):
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    if cell.origin and cell.text and holds(cell.text):
                        return Provenance(page=block.page, block=block.index, table=block.index, row=r, column=c,
                                          snippet=cell.text[:300], confidence=_certain_or(cell.confidence))
        elif holds(ln.text):
            return Provenance(page=block.page, block=block.index, bbox=block.bbox, snippet=ln.text[:300],
                              confidence=_certain_or(block.confidence))
    return None


def _certain_or(confidence: float) -> float | None:
    return None if confidence >= 1.0 else round(confidence, 3)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _contains_digits(value: str) -> Holds:
    wanted = _digits(value)
    return lambda text: bool(wanted) and wanted in _digits(text)


def _contains_words(value: str) -> Holds:
    wanted = fold(value)[:30]
    return lambda text: bool(wanted) and wanted in fold(text)


def enterprise_sources(view: LetterView, enterprise: Enterprise) -> dict[str, Provenance] | None:
    tests: dict[str, Holds] = {}
    if enterprise.name:
        tests["name"] = _contains_words(enterprise.name)
    if enterprise.tax_code:
        tests["tax_code"] = _contains_digits(enterprise.tax_code)
    if enterprise.contact_phone:
        # "+84 225 ..." is read as "0225...": the digits after the trunk 0 are what the page holds
        tests["contact_phone"] = _contains_digits(enterprise.contact_phone.removeprefix("0"))
    if enterprise.contact_email:
        tests["contact_email"] = lambda text, e=enterprise.contact_email.lower(): e in text.lower()
    return _found(view, tests)


def letter_sources(view: LetterView, letter: Letter) -> dict[str, Provenance] | None:
    tests: dict[str, Holds] = {}
    if letter.number:
        tests["number"] = _contains_words(letter.number)
    if letter.date:
        tests["date"] = lambda text, d=letter.date: any(found == d for found, _ in find_dates(text))
    return _found(view, tests)


def _found(view: LetterView, tests: dict[str, Holds]) -> dict[str, Provenance] | None:
    out = {name: prov for name, test in tests.items() if (prov := locate(view, test)) is not None}
    return out or None
