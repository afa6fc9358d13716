"""Showing an original: PDF pages rendered to PNG (pypdfium2) with the regions values were read from, scanned
images (JPEG, PNG, the pages of a TIFF) as they are, and DOCX letters as their text blocks with the source
snippets marked. Originals are found from the stored document only
(its archive path under the data directory), never from a path given by a request."""
from __future__ import annotations

import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from extractors.readers import IMAGE_SUFFIXES
from pipeline.store.models import Document

RENDER_SCALE = 1.6
MAX_PAGES_SHOWN = 30
IMAGE_WIDTH = 1400                    # pixels: a scan is shown at screen size, not at its 200-600 dpi
MAX_IMAGE_PIXELS = 40_000_000         # as the OCR's cap: a larger image is not decoded here either
SECTIONS = ("hiring_needs", "criteria", "cooperation_offers")
SINGLE = {"enterprise": ("name", "tax_code", "contact_name", "contact_phone", "contact_email"),
          "letter": ("number", "date")}
_pdf_lock = threading.Lock()          # pdfium is not thread-safe


class OriginalMissing(LookupError):
    """The document has no stored original, or its file is gone."""


def original_path(doc: Document, data_dir: Path) -> Path:
    """The archived original of `doc`, checked to lie inside the data directory."""
    if not doc.archive_path:
        raise OriginalMissing(f"document #{doc.id} has no stored original")
    root = Path(data_dir).resolve()
    path = (root / doc.archive_path).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise OriginalMissing(f"the original of document #{doc.id} is not in the archive")
    return path


def is_pdf(doc: Document) -> bool:
    return (doc.media_type or "").endswith("pdf") or doc.file_name.lower().endswith(".pdf")


def is_image(doc: Document) -> bool:
    return (doc.media_type or "").startswith("image/") or doc.file_name.lower().endswith(IMAGE_SUFFIXES)


def _open_image(path: Path):  # noqa: ANN202

    image = Image.open(path)
    if image.size[0] * image.size[1] > MAX_IMAGE_PIXELS:
        image.close()
        raise ValueError(f"ảnh quá lớn để hiển thị ({image.size[0]}×{image.size[1]} điểm ảnh)")
    return image


def image_page_count(path: Path) -> int:
    with _open_image(path) as image:
        return getattr(image, "n_frames", 1)


def image_boxes(path: Path, extraction: dict) -> list[Box]:
    """Where each value of a scanned image was read: its provenance bbox (points, as OCR saw the page)."""
    from extractors.readers.image_reader import page_size_points

    boxes: list[Box] = []
    sizes: dict[int, tuple[float, float]] = {}
    with _open_image(path) as image:
        frames = getattr(image, "n_frames", 1)
        for ref, item in sourced_items(extraction):
            prov = item.get("provenance") or {}
            page, bbox = prov.get("page"), prov.get("bbox")
            if not bbox or not page or not 1 <= page <= frames:
                continue
            if page not in sizes:
                image.seek(page - 1)
                sizes[page] = page_size_points(image)
            w, h = sizes[page]
            x0, top, x1, bottom = bbox
            boxes.append(Box(ref, page, x0 / w, top / h, (x1 - x0) / w, (bottom - top) / h))
    return boxes


def image_page_png(path: Path, page: int, cache_key: str, fmt: str = "PNG") -> bytes:
    """Frame `page` (1-based) of a scanned image as PNG (or JPEG), at screen width."""
    def render():
        with _open_image(path) as image:
            if not 1 <= page <= getattr(image, "n_frames", 1):
                raise IndexError(page)
            image.seek(page - 1)
            frame = ImageOps.exif_transpose(image).convert("RGB")       # upright, as OCR read it
        if frame.width > IMAGE_WIDTH:
            frame = frame.resize((IMAGE_WIDTH, round(frame.height * IMAGE_WIDTH / frame.width)))
        return frame
    return _cached_png((cache_key, page), render, pdfium_inside=False, fmt=fmt)


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    with _pdf_lock:
        pdf = pdfium.PdfDocument(str(path))
        try:
            return len(pdf)
        finally:
            pdf.close()


def page_png(path: Path, page: int, cache_key: str, fmt: str = "PNG") -> bytes:
    """Page `page` (1-based) of a PDF as PNG (or JPEG)."""
    import pypdfium2 as pdfium

    def render():
        pdf = pdfium.PdfDocument(str(path))
        try:
            if not 1 <= page <= len(pdf):
                raise IndexError(page)
            return pdf[page - 1].render(scale=RENDER_SCALE).to_pil()
        finally:
            pdf.close()
    return _cached_png((cache_key, page), render, pdfium_inside=True, fmt=fmt)


_png_cache: OrderedDict[tuple, bytes] = OrderedDict()
JPEG_QUALITY = 80        # the review page shows JPEG: a scanned page is 5-10 times lighter than as PNG


def _cached_png(key: tuple[str, int], render, *, pdfium_inside: bool, fmt: str = "PNG") -> bytes:  # noqa: ANN001
    """The page image as PNG or JPEG; a small in-process cache keeps recently viewed pages. pdfium is not
    thread-safe, so a PDF page is rendered under the lock; an image file is decoded outside it."""
    key = (*key, fmt)
    with _pdf_lock:
        if key in _png_cache:
            _png_cache.move_to_end(key)
            return _png_cache[key]
        image = render() if pdfium_inside else None
    if image is None:
        image = render()
    buf = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(buf, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    else:
        image.save(buf, format="PNG", optimize=True)
    with _pdf_lock:
        _png_cache[key] = buf.getvalue()
        while len(_png_cache) > 64:
            _png_cache.popitem(last=False)
    return buf.getvalue()


@dataclass
class Box:
    ref: str            # the form item it belongs to, e.g. "hiring_needs-0"
    page: int
    left: float         # fractions of the page (0-1), origin top-left
    top: float
    width: float
    height: float


def _candidates(item: dict) -> list[str]:
    """Texts to look for on the page: the snippet, else its longest cells, else the item's own words."""
    prov = item.get("provenance") or {}
    snippet = (prov.get("snippet") or "").strip()
    out = [snippet] if snippet and " | " not in snippet else []
    if " | " in snippet:
        cells = [c.strip() for c in snippet.split(" | ") if len(c.strip()) >= 3 and not c.strip().isdigit()]
        out += sorted(cells, key=len, reverse=True)[:1]
    for key in ("position", "text"):
        if item.get(key):
            out.append(str(item[key]))
    return [t[:200] for t in out if t]


def sourced_items(extraction: dict) -> list[tuple[str, dict]]:
    """(ref, item) for every value shown with its source: the items of the lists, and the enterprise's and the
    letter's fields (whose provenance is kept per field)."""
    out = [(f"{section}-{i}", item) for section in SECTIONS for i, item in enumerate(extraction.get(section) or [])]
    for part, names in SINGLE.items():
        holder = extraction.get(part) or {}
        for name in names:
            prov = (holder.get("provenance") or {}).get(name)
            if prov and holder.get(name) is not None:
                out.append((f"{part}-{name}", {"provenance": prov, "text": str(holder[name])}))
    return out


def pdf_boxes(path: Path, extraction: dict) -> list[Box]:
    """Where each need, criterion and offer was read: the provenance bbox when the reader gave one, else the
    first place its snippet is found on its page."""
    import pypdfium2 as pdfium

    boxes: list[Box] = []
    with _pdf_lock:
        pdf = pdfium.PdfDocument(str(path))
        try:
            pages: dict[int, tuple] = {}
            used: dict[tuple[int, str], int] = {}      # the same words found again: take the next occurrence
            for ref, item in sourced_items(extraction):
                prov = item.get("provenance") or {}
                page = prov.get("page")
                if not page or not 1 <= page <= len(pdf):
                    continue
                if page not in pages:
                    pg = pdf[page - 1]
                    pages[page] = (pg, pg.get_textpage(), *pg.get_size())
                pg, text, w, h = pages[page]
                if prov.get("bbox"):
                    x0, top, x1, bottom = prov["bbox"]
                    boxes.append(Box(ref, page, x0 / w, top / h, (x1 - x0) / w, (bottom - top) / h))
                    continue
                box = _search(text, _candidates(item), w, h, page, used)
                if box:
                    boxes.append(Box(ref, page, *box))
        finally:
            pdf.close()
    return boxes


def _search(textpage, needles: list[str], w: float, h: float, page: int,  # noqa: ANN001
            used: dict[tuple[int, str], int]) -> tuple[float, float, float, float] | None:
    for needle in needles:
        searcher = textpage.search(needle, match_case=False)
        hits = []
        while (hit := searcher.get_next()) and len(hits) < 200:
            hits.append(hit)
        if not hits:
            continue
        key = (page, needle.casefold())
        index, count = hits[min(used.get(key, 0), len(hits) - 1)]
        used[key] = used.get(key, 0) + 1
        n = textpage.count_rects(index, count)
        rects = [textpage.get_rect(k) for k in range(n)]
        if not rects:
            continue
        left = min(r[0] for r in rects)
        bottom = min(r[1] for r in rects)
        right = max(r[2] for r in rects)
        top = max(r[3] for r in rects)
        pad = 2.0
        return ((left - pad) / w, (h - top - pad) / h, (right - left + 2 * pad) / w, (top - bottom + 2 * pad) / h)
    return None


@dataclass
class ShownBlock:
    index: int
    kind: str                       # paragraph | table
    text: str = ""
    rows: list[list[str]] | None = None
    refs: list[str] | None = None   # form items read from this block


def docx_blocks(path: Path, extraction: dict) -> list[ShownBlock]:
    """The letter's blocks in order (paragraphs and tables), each knowing which values were read from it."""
    from extractors.model import Table
    from extractors.readers import read_document

    _, content = read_document(path)
    refs: dict[int, list[str]] = {}
    for ref, item in sourced_items(extraction):
        block = (item.get("provenance") or {}).get("block")
        if block is not None:
            refs.setdefault(block, []).append(ref)
    out = []
    for block in content.blocks:
        if isinstance(block, Table):
            out.append(ShownBlock(block.index, "table", rows=block.texts(), refs=refs.get(block.index)))
        elif block.text.strip():
            out.append(ShownBlock(block.index, "paragraph", text=block.text, refs=refs.get(block.index)))
    return out


def snippets(extraction: dict) -> dict[str, dict]:
    """For each form item: its source snippet and row (so the page can mark the right table row)."""
    out = {}
    for ref, item in sourced_items(extraction):
        prov = item.get("provenance") or {}
        out[ref] = {"snippet": prov.get("snippet"), "row": prov.get("row"), "block": prov.get("block"),
                    "page": prov.get("page")}
    return out
