"""Word-box geometry shared by the readers that place words themselves (text PDFs and OCR'd pages)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

W = TypeVar("W")


def split_where(words: Sequence[W], breaks: Callable[[W, W], bool]) -> list[list[W]]:
    """The words of one line cut into runs wherever `breaks(previous, word)` holds (a column gap, a divider).

    Both readers cut lines into segments this way; only what counts as a gap differs (pdfplumber's `x0`/`x1`,
    Tesseract's `left`/`right`, the national motto's column in a letterhead).
    """
    if not words:
        return []
    runs = [[words[0]]]
    for prev, word in zip(words, words[1:]):
        if breaks(prev, word):
            runs.append([word])
        else:
            runs[-1].append(word)
    return runs
