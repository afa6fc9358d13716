"""Scans sent as image files (JPEG, PNG, TIFF, multi-page TIFF): every frame is a page read by OCR.

The image header is read first and its size checked against the pixel cap before any pixel is decoded, so a
decompression bomb is refused, not opened. A low-resolution scan is enlarged to about 300 dpi for tesseract.
"""
from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from extractors.model import DocumentContent, UnreadableDocument
from extractors.ocr import DPI, MAX_PAGE_PIXELS, document_key, install_hint, ocr_available, read_pages
from schemas import FlagCode

MAX_FRAMES = 200
A4_WIDTH_IN = 8.27


class ImageReader:
    """One instance per image format, so that `media_type` names the format read."""

    def __init__(self, media_type: str, formats: tuple[str, ...], magics: tuple[bytes, ...]):
        self.media_type = media_type
        self.formats = formats
        self.magics = magics

    def accepts(self, path: Path, head: bytes) -> bool:
        return any(head.startswith(m) for m in self.magics)

    def read(self, path: Path, *, max_pages: int | None = None) -> DocumentContent:
        if not ocr_available():
            raise UnreadableDocument(FlagCode.no_text_layer, "Tệp ảnh cần nhận dạng ký tự (OCR) nhưng máy chủ chưa cài "
                                                      "Tesseract tiếng Việt. " + install_hint())
        try:
            with warnings.catch_warnings():      # sizes are checked below, frame by frame, against our own cap
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                image = Image.open(path)
        except Image.DecompressionBombError as exc:
            raise _too_large() from exc
        except (UnidentifiedImageError, OSError) as exc:
            raise UnreadableDocument(FlagCode.corrupt_file, "Tệp ảnh bị hỏng, không mở được.") from exc
        with image:
            if image.format not in self.formats:
                raise UnreadableDocument(FlagCode.unsupported_format,
                                         f"Định dạng ảnh {image.format} không được hỗ trợ.")
            n_frames = getattr(image, "n_frames", 1)
            if n_frames > MAX_FRAMES:
                raise UnreadableDocument(FlagCode.too_large, f"Tệp ảnh có quá nhiều trang ({n_frames}).")

            def frames():
                for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                    if max_pages is not None and number > max_pages:
                        return
                    if frame.width * frame.height > MAX_PAGE_PIXELS:
                        raise _too_large(frame.width, frame.height)
                    yield number, _renderer(frame.copy(), frame.info.get("dpi"))

            try:
                result = read_pages(frames(), document=document_key(path, DPI))
            except Image.DecompressionBombError as exc:
                raise _too_large() from exc
            except (OSError, SyntaxError, ValueError) as exc:
                raise UnreadableDocument(FlagCode.corrupt_file, "Tệp ảnh bị hỏng, không đọc hết được.") from exc
        blocks = [b for n in sorted(result.pages) for b in result.pages[n]]
        for i, b in enumerate(blocks):
            b.index = i
        content = DocumentContent(media_type=self.media_type, blocks=blocks, pages=n_frames,
                                  ocr_used=bool(result.pages), warnings=result.warnings())
        if result.failed:
            content.warnings.append("scanned_pages:" + ",".join(map(str, result.failed)))
        return content


def _too_large(width: int | None = None, height: int | None = None) -> UnreadableDocument:
    size = f" ({width} × {height} điểm ảnh)" if width and height else ""
    return UnreadableDocument(FlagCode.too_large, f"Ảnh quá lớn{size}, vượt giới hạn {MAX_PAGE_PIXELS // 1_000_000} "
                                           "triệu điểm ảnh mỗi trang.")


def _renderer(frame: Image.Image, dpi_info):
    def render() -> tuple[Image.Image, int]:
        image = ImageOps.exif_transpose(frame)
        image = image.convert("RGB") if image.mode not in ("L", "RGB") else image
        dpi = _dpi(image, dpi_info)
        if dpi < DPI * 0.8:       # enlarge a coarse scan: tesseract reads best at ~300 dpi
            factor = min(DPI / dpi, (MAX_PAGE_PIXELS / max(1, image.width * image.height)) ** 0.5)
            if factor > 1.05:
                image = image.resize((round(image.width * factor), round(image.height * factor)), Image.BICUBIC)
                dpi = round(dpi * factor)
        return image, int(dpi)
    return render


def page_size_points(frame: Image.Image) -> tuple[float, float]:
    """A frame's size in points as OCR saw it (upright, at its resolution), the unit of its values' bboxes."""
    dpi = _dpi(frame, frame.info.get("dpi"))
    upright = ImageOps.exif_transpose(frame)
    return upright.width * 72.0 / dpi, upright.height * 72.0 / dpi


def _dpi(image: Image.Image, info) -> float:
    """The scan's resolution: as the file states it when plausible, else as if the page were A4 wide."""
    try:
        stated = float(info[0]) if info else 0.0
    except (TypeError, ValueError, IndexError):
        stated = 0.0
    guessed = min(image.width, image.height) / A4_WIDTH_IN
    if 70 <= stated <= 1200 and 0.5 <= guessed / stated <= 2.0:
        return stated
    return max(50.0, min(600.0, guessed))


IMAGE_READERS = (
    ImageReader("image/jpeg", ("JPEG", "MPO"), (b"\xff\xd8\xff",)),
    ImageReader("image/png", ("PNG",), (b"\x89PNG\r\n\x1a\n",)),
    ImageReader("image/tiff", ("TIFF",), (b"II*\x00", b"MM\x00*")),
)
