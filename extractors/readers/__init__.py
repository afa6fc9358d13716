"""Readers, one per format, listed in one explicit tuple. Adding a format = one module + one line here."""
from __future__ import annotations

from pathlib import Path

from extractors.model import DocumentContent, UnreadableDocument
from extractors.readers.base import Reader
from extractors.readers.docx_reader import DocxReader
from extractors.readers.image_reader import IMAGE_READERS
from extractors.readers.pdf_text_reader import PdfTextReader
from schemas import FlagCode

READERS: tuple[Reader, ...] = (PdfTextReader(), DocxReader(), *IMAGE_READERS)


def reader_for(path: Path, head: bytes) -> Reader:
    """The reader for this file, judged from its first bytes (and name); raises UnreadableDocument if none."""
    if not head:
        raise UnreadableDocument(FlagCode.empty_file, "Tệp rỗng (0 byte).")
    for reader in READERS:
        if reader.accepts(path, head):
            return reader
    if path.suffix.lower() in (".pdf", ".docx"):
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


__all__ = ["READERS", "Reader", "reader_for", "read_document"]
