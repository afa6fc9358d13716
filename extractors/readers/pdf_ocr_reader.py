"""OCR of the PDF pages that have no usable text layer (scans, or glyph-id garbage), for PdfTextReader.

Pages are rendered with pypdfium2 at 300 dpi (in this thread: pdfium is not thread-safe) and read by
extractors.ocr in parallel worker threads, each driving its own tesseract process.
"""
from __future__ import annotations

from pathlib import Path

from extractors.model import UnreadableDocument
from extractors.ocr import DPI, MAX_PAGE_PIXELS, OcrResult, document_key, ocr_available, read_pages
from schemas import FlagCode

MIN_DPI = 100                # a page that would exceed the pixel cap even at this resolution is refused


def page_dpi(width_pt: float, height_pt: float, dpi: int = DPI) -> int:
    """The rendering resolution for a page: `dpi`, lowered so the image stays under the pixel cap."""
    area_in2 = max(width_pt, 1.0) * max(height_pt, 1.0) / (72.0 * 72.0)
    fit = int((MAX_PAGE_PIXELS / area_in2) ** 0.5)
    if fit < MIN_DPI:
        raise UnreadableDocument(FlagCode.too_large, f"Trang PDF quá khổ ({width_pt / 72 * 2.54:.0f} × "
                                              f"{height_pt / 72 * 2.54:.0f} cm), không nhận dạng được.")
    return min(dpi, fit)


def ocr_pdf_pages(path: Path, pages: list[int], *, dpi: int = DPI) -> OcrResult | None:
    """The OCR reading of the given 1-based pages, or None when Tesseract (vie) is not installed."""
    if not pages or not ocr_available():
        return None
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        def renderer(number: int):
            def render():
                page = pdf[number - 1]
                try:
                    width, height = page.get_size()
                    page_res = page_dpi(width, height, dpi)
                    bitmap = page.render(scale=page_res / 72.0, grayscale=False)
                    image = bitmap.to_pil().convert("RGB")
                finally:
                    page.close()
                return image, page_res
            return render

        return read_pages(((n, renderer(n)) for n in pages), document=document_key(path, dpi))
    finally:
        pdf.close()
