"""How long the work a reader is starting may take, told to whoever watches the clock.

The runtime gives each file a small time budget to start with (scaled with its size) and lets the readers ask for
more as they go: a text page, an OCR page. A file that hangs the parser on its first page is then given up after
that small budget, not after the whole per-file limit; a long scan still gets the time its pages need (the runtime
caps every budget at the per-file limit). Outside a worker nobody listens and `allow` does nothing.
"""
from __future__ import annotations

from collections.abc import Callable

TEXT_PAGE_SECONDS = 15.0          # one text page read by pdfplumber (tables included): well under a second usually

_listener: Callable[[float], None] | None = None


def listen(listener: Callable[[float], None] | None) -> None:
    """Set (or clear, with None) the function told about every `allow`."""
    global _listener
    _listener = listener


def allow(seconds: float) -> None:
    """The work starting now may take up to `seconds`."""
    if _listener is not None:
        _listener(float(seconds))
