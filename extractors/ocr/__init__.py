"""OCR of page images with Tesseract (`vie`): pages in parallel, each with a time limit and a pixel cap.

`read_pages` takes page images lazily (an iterator, so that a long scan is never all in memory) and returns the
blocks of every page it could read. The readers (extractors/readers/pdf_ocr_reader.py, image_reader.py) turn
PDF pages and image files into those page images.
"""
from __future__ import annotations

import copy
import os
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from PIL import Image

from extractors import progress
from extractors.model import Paragraph, Table
from extractors.ocr.engine import OcrError, OcrTimeout, install_hint, ocr_available
from extractors.ocr.page import PageReading, read_page

DPI = 200                    # measured against 300 on the scan corpora: as accurate, half the time
PAGE_TIMEOUT = 45.0          # seconds of OCR per page
MAX_PAGE_PIXELS = 40_000_000  # a page image above this is rendered smaller; A4 at 300 dpi is 8.7 million
LOW_QUALITY = 0.80           # mean word confidence under which a page is reported as a poor scan

# Pillow refuses to decode larger images outright (DecompressionBombError); we check sizes before that.
Image.MAX_IMAGE_PIXELS = MAX_PAGE_PIXELS


@dataclass(slots=True)
class OcrResult:
    pages: dict[int, list[Paragraph | Table]] = field(default_factory=dict)
    failed: list[int] = field(default_factory=list)          # pages not read: too slow, or nothing legible
    low_quality: list[int] = field(default_factory=list)
    readings: list[PageReading] = field(default_factory=list)

    def warnings(self) -> list[str]:
        out = []
        if self.low_quality:
            out.append("ocr_low_quality:" + ",".join(map(str, self.low_quality)))
        return out


_PAGE_THREADS: int | None = None


def set_page_threads(n: int | None) -> None:
    """How many pages one process OCRs at once (default: the CPU count). A pool of N extraction processes sets
    CPUs / N, so that the machine is busy without each process holding several page images at a time."""
    global _PAGE_THREADS
    _PAGE_THREADS = max(1, n) if n else None


def workers() -> int:
    return _PAGE_THREADS or max(1, min(os.cpu_count() or 1, 8))


class _RecentPages:
    """The readings of the last document's pages, for one more read of the same file.

    A long scan is probed first (its first pages, to see whether it is a reply at all) and then read whole; its
    first pages must not be OCR'd twice. Only one document is kept: a worker reads one file at a time.
    """

    def __init__(self) -> None:
        self.document: Hashable = None
        self.pages: dict[int, PageReading | None] = {}      # None: the page could not be read

    def get(self, document: Hashable, number: int) -> tuple[bool, PageReading | None]:
        if document is None or document != self.document or number not in self.pages:
            return False, None
        reading = self.pages[number]
        return True, copy.deepcopy(reading)          # the reader renumbers the blocks it is given

    def put(self, document: Hashable, number: int, reading: PageReading | None) -> None:
        if document is None:
            return
        if document != self.document:
            self.document, self.pages = document, {}
        self.pages[number] = copy.deepcopy(reading)


_recent = _RecentPages()


def document_key(path, dpi: int) -> Hashable:  # noqa: ANN001
    """What identifies a file's page readings: the same path, bytes (size and modification time) and resolution."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (os.fspath(path), st.st_size, st.st_mtime_ns, dpi)


def read_pages(pages: Iterable[tuple[int, Callable[[], tuple[Image.Image, int]]]], *,
               timeout: float = PAGE_TIMEOUT, jobs: int | None = None, document: Hashable = None) -> OcrResult:
    """OCR (page number, render) pairs; `render()` gives the page image and its dpi, called when a worker is free.

    At most `jobs` pages are in flight (rendered and being read), so memory stays bounded on long scans.
    `document` identifies the file (path, size, modification time): pages of it read just before are not read
    again.
    """
    jobs = jobs or workers()
    result = OcrResult()
    pending: dict[Future, int] = {}

    def record(number: int, reading: PageReading | None) -> None:
        _recent.put(document, number, reading)
        if reading is None:
            result.failed.append(number)
            return
        result.readings.append(reading)
        if not reading.blocks:          # nothing legible (or a blank page): left unread, as without OCR
            result.failed.append(number)
            return
        result.pages[number] = reading.blocks
        if reading.mean_confidence < LOW_QUALITY:
            result.low_quality.append(number)

    renders: dict[int, Callable[[], tuple[Image.Image, int]]] = {}     # pages in flight, to read again
    timed_out: list[int] = []

    def collect(done) -> None:
        for fut in done:
            number = pending.pop(fut)
            render = renders.pop(number)
            try:
                reading = fut.result()
            except OcrTimeout:
                # Out of time while other pages shared the machine (a loaded machine, not a bad page, as a
                # rule): read once more on its own below, before the page is given up.
                renders[number] = render
                timed_out.append(number)
                continue
            except OcrError:
                reading = None
            record(number, reading)

    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="ocr") as pool:
        for number, render in pages:
            known, reading = _recent.get(document, number)
            if known:
                record(number, reading)
                continue
            while len(pending) >= jobs:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                collect(done)
            progress.allow(timeout * 2)     # rendered, then read; pages read in parallel share the machine
            image, dpi = render()
            pending[pool.submit(read_page, image, number, dpi, timeout=timeout)] = number
            renders[number] = render
            del image
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            collect(done)
    for number in timed_out:             # alone now, with twice the time; a page that still overruns is failed
        progress.allow(timeout * 3)
        image, dpi = renders.pop(number)()
        try:
            reading = read_page(image, number, dpi, timeout=timeout * 2)
        except OcrError:
            reading = None
        del image
        record(number, reading)
    result.failed.sort()
    result.low_quality.sort()
    result.readings.sort(key=lambda r: r.page)
    return result


__all__ = ["DPI", "MAX_PAGE_PIXELS", "OcrError", "OcrResult", "document_key", "install_hint", "ocr_available",
           "read_pages"]
