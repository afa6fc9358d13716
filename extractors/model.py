"""The block model every reader returns: paragraphs and tables in document order, with provenance.

Field extractors only ever see this model, so a new format is one new reader and nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from schemas.flags import FlagCode


@dataclass(slots=True)
class Paragraph:
    text: str
    index: int                      # position of the block in the document
    page: int | None = None         # 1-based page for PDFs and scans, None for DOCX
    confidence: float = 1.0         # OCR confidence (0-1); 1.0 for a text layer
    part: str = "body"              # body, header (page header), footer, textbox
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in points
    bold: bool = False              # all its text set in bold (a heading, where the reader can tell)


@dataclass(slots=True)
class Cell:
    text: str
    confidence: float = 1.0
    origin: bool = True             # False where the cell repeats a merged neighbour's text
    bbox: tuple[float, float, float, float] | None = None  # of the (merged) cell, in points, where the page has them


@dataclass(slots=True)
class Table:
    rows: list[list[Cell]]
    index: int
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    depth: int = 0                  # 0 for a top-level table, 1 and more for nested tables

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = Paragraph | Table


@dataclass(slots=True)
class DocumentContent:
    media_type: str
    blocks: list[Block]
    pages: int | None = None
    ocr_used: bool = False
    legacy_encoding: str | None = None      # "tcvn3" or "vni" when text was converted
    warnings: list[str] = field(default_factory=list)

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def plain_text(self) -> str:
        """All text in document order, table cells joined by tabs; for classification and search."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                out.append(block.text)
            else:
                out.extend("\t".join(c.text for c in row) for row in block.rows)
        return "\n".join(out)


class UnreadableDocument(Exception):
    """Processing cannot go on: the document is rejected with a stable flag code and a Vietnamese reason."""

    def __init__(self, code: FlagCode, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
