"""The reader protocol: one reader per format, all returning the same block model."""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from extractors.model import DocumentContent


class Reader(Protocol):
    #: The media type this reader produces in `source.media_type`.
    media_type: str

    def accepts(self, path: Path, head: bytes) -> bool:
        """True when the file (its name and first bytes) is of this reader's format."""

    def read(self, path: Path, *, max_pages: int | None = None) -> DocumentContent:
        """The document's blocks (of its first `max_pages` pages, where pages apply; `pages` stays the total).

        Raises UnreadableDocument when processing cannot go on."""
