"""DOCX documents typed in pre-Unicode Vietnamese encodings, built from Unicode lines."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

import docx

from extractors.text.legacy import encode

TCVN3_FONT = ".VnTime"
TCVN3_CAPS_FONT = ".VnTimeH"


def _needs_caps_font(ch: str) -> bool:
    """A capital with Vietnamese marks that the plain TCVN3 font cannot hold (only the H font can)."""
    if not ch.isupper():
        return False
    try:
        encode(ch, "tcvn3")
    except ValueError:
        return True
    return False


def _tcvn3_runs(line: str, font: str, caps_font: str) -> list[tuple[str, str]]:
    """(TCVN3 text, font name) runs for one Unicode line, as a typist with the ABC keyboard would leave them."""
    line = unicodedata.normalize("NFC", line)
    if any(_needs_caps_font(c) for c in line) and line == line.upper():
        return [(encode(line, "tcvn3", uppercase=True), caps_font)]
    runs: list[tuple[str, str]] = []
    for ch in line:
        caps = _needs_caps_font(ch)
        text = encode(ch, "tcvn3", uppercase=caps)
        name = caps_font if caps else font
        if runs and runs[-1][1] == name:
            runs[-1] = (runs[-1][0] + text, name)
        else:
            runs.append((text, name))
    return runs


def make_tcvn3_docx(path: str | Path, lines: Iterable[str], *, font: str = TCVN3_FONT,
                    caps_font: str = TCVN3_CAPS_FONT) -> Path:
    """Write a DOCX whose paragraphs are ``lines`` (Unicode) typed in TCVN3 with .VnTime runs.

    Capitals with tone marks (which .VnTime cannot hold) go in .VnTimeH runs, written with the lowercase codes as
    the ABC keyboard does; a line wholly in capitals is one .VnTimeH run.  Decoding every run with
    ``extractors.text.legacy`` (uppercase for the H font) gives the lines back.
    """
    path = Path(path)
    document = docx.Document()
    for line in lines:
        paragraph = document.add_paragraph()
        for text, name in _tcvn3_runs(line, font, caps_font):
            run = paragraph.add_run(text)
            run.font.name = name
    document.save(str(path))
    return path
