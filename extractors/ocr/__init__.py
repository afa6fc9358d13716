"""OCR of page images with Tesseract (`vie`): pages in parallel, each with a time limit and a pixel cap.

`read_pages` takes page images lazily (an iterator, so that a long scan is never all in memory) and returns the
blocks of every page it could read. The readers (extractors/readers/pdf_ocr_reader.py, image_reader.py) turn
PDF pages and image files into those page images.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from PIL import Image

from extractors.model import Paragraph, Table
from extractors.ocr.engine import OcrError, install_hint, ocr_available
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


def read_pages(pages: Iterable[tuple[int, Callable[[], tuple[Image.Image, int]]]], *,
               timeout: float = PAGE_TIMEOUT, jobs: int | None = None) -> OcrResult:
    """OCR (page number, render) pairs; `render()` gives the page image and its dpi, called when a worker is free.

    At most `jobs` pages are in flight (rendered and being read), so memory stays bounded on long scans.
    """
    jobs = jobs or workers()
    result = OcrResult()
    pending: dict[Future, int] = {}

    def collect(done) -> None:
        for fut in done:
            number = pending.pop(fut)
            try:
                reading = fut.result()
            except OcrError:
                result.failed.append(number)
                continue
            result.readings.append(reading)
            if not reading.blocks:          # nothing legible (or a blank page): left unread, as without OCR
                result.failed.append(number)
                continue
            result.pages[number] = reading.blocks
            if reading.mean_confidence < LOW_QUALITY:
                result.low_quality.append(number)

    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="ocr") as pool:
        for number, render in pages:
            while len(pending) >= jobs:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                collect(done)
            image, dpi = render()
            pending[pool.submit(read_page, image, number, dpi, timeout=timeout)] = number
            del image
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            collect(done)
    result.failed.sort()
    result.low_quality.sort()
    result.readings.sort(key=lambda r: r.page)
    return result


__all__ = ["DPI", "MAX_PAGE_PIXELS", "OcrError", "OcrResult", "install_hint", "ocr_available", "read_pages"]
