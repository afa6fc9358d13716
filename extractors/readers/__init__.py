"""Readers, one per format, and the one table of accepted formats. Adding a format = one reader module, one line
in `_build_readers` and one row of FORMATS (a test checks the two agree).

FORMATS is plain data, and the readers (pdfplumber, python-docx, the OCR: a second of imports) load on first
use, so the mailbox, the review app and the CLI read the table without paying for the parsers."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractors.model import DocumentContent, UnreadableDocument
from extractors.readers.base import Reader
from schemas import FlagCode


@dataclass(frozen=True)
class Format:
    media_type: str
    suffixes: tuple[str, ...]           # the first is given to an attachment whose name has none of them

    @property
    def is_image(self) -> bool:         # a scan or photo, read page by page by OCR
        return self.media_type.startswith("image/")


FORMATS: tuple[Format, ...] = (
    Format("application/pdf", (".pdf",)),
    Format("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    Format("image/jpeg", (".jpg", ".jpeg")),
    Format("image/png", (".png",)),
    Format("image/tiff", (".tif", ".tiff")),
)
SUFFIXES: tuple[str, ...] = tuple(s for f in FORMATS for s in f.suffixes)
IMAGE_SUFFIXES: tuple[str, ...] = tuple(s for f in FORMATS if f.is_image for s in f.suffixes)
LETTER_SUFFIXES: tuple[str, ...] = tuple(s for f in FORMATS if not f.is_image for s in f.suffixes)
SUFFIX_OF: dict[str, str] = {f.media_type: f.suffixes[0] for f in FORMATS}


@cache
def _build_readers() -> tuple[Reader, ...]:
    from extractors.readers.docx_reader import DocxReader
    from extractors.readers.image_reader import IMAGE_READERS
    from extractors.readers.pdf_text_reader import PdfTextReader

    return (PdfTextReader(), DocxReader(), *IMAGE_READERS)


def __getattr__(name: str):  # noqa: ANN202
    if name == "READERS":
        return _build_readers()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def reader_for(path: Path, head: bytes) -> Reader:
    """The reader for this file, judged from its first bytes (and name); raises UnreadableDocument if none."""
    if not head:
        raise UnreadableDocument(FlagCode.empty_file, "Tệp rỗng (0 byte).")
    for reader in _build_readers():
        if reader.accepts(path, head):
            return reader
    if path.suffix.lower() in LETTER_SUFFIXES:
        raise UnreadableDocument(FlagCode.corrupt_file,
                                 f"Tệp có đuôi {path.suffix.lower()} nhưng nội dung không đúng định dạng (tệp hỏng?).")
    raise UnreadableDocument(FlagCode.unsupported_format,
                             "Định dạng tệp không được hỗ trợ; chỉ nhận công văn dạng DOCX, PDF hoặc ảnh quét "
                             "(JPEG, PNG, TIFF).")


def read_document(path: Path, *, max_pages: int | None = None) -> tuple[Reader, DocumentContent]:
    with open(path, "rb") as fh:
        head = fh.read(2048)
    reader = reader_for(path, head)
    return reader, reader.read(path, max_pages=max_pages)


__all__ = ["FORMATS", "IMAGE_SUFFIXES", "LETTER_SUFFIXES", "READERS", "SUFFIXES", "SUFFIX_OF", "Format", "Reader",
           "reader_for", "read_document"]
