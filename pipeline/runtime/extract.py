"""Extraction of one file into the contract record, and of many files in isolated worker processes.

`extract_path` runs in the current process and never raises for bad input: an unreadable file becomes a
`rejected` record with a reason flag. `extract_files` runs it in worker processes with time and memory
limits (pipeline/runtime/isolation.py), so one hostile file can neither hang nor crash a batch.
"""
from __future__ import annotations

import hashlib
import logging
import mimetypes
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

# The readers and field extractors (spaCy, pdfplumber: a second of imports) are imported where a document is
# read, inside the worker processes; the parent that only hands out files stays quick to start.
from schemas import Extraction, Flag, FlagCode, Source, Status
from schemas.flags import INFO_CODES, REJECTION_CODES

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "0.1.0"
MAX_FILE_BYTES = 200 * 1024 * 1024
# Replies run to a few pages. A longer document is first read this far, and read to the end only when those
# pages look like a reply: a 600-page manual is turned away in seconds instead of minutes.
PROBE_PAGES = 12
# Time asked for reading the fields once the pages are read (extractors/progress.py): spaCy and the structure.
FIELDS_SECONDS, FIELDS_SECONDS_PER_PAGE = 20.0, 1.0


class NotARegularFile(OSError):
    """A path that names a directory, a device, a FIFO or a socket: never read (a device such as /dev/zero never
    ends, a FIFO blocks until someone writes)."""


_KINDS = ((stat.S_ISDIR, "một thư mục"), (stat.S_ISCHR, "một thiết bị"), (stat.S_ISBLK, "một thiết bị"),
          (stat.S_ISFIFO, "một đường ống (FIFO)"), (stat.S_ISSOCK, "một socket"))


def not_regular(mode: int) -> str | None:
    """What a file of this mode is, in Vietnamese, when it is not a regular file; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "không phải tệp thông thường")


def open_regular(path: Path):  # noqa: ANN201
    """`path` opened for reading in binary, only if it is a regular file (a symbolic link is followed to what it
    points at). Raises NotARegularFile without reading anything otherwise: opened non-blocking (a FIFO does not
    wait for a writer), then checked on the open descriptor (no swap between the check and the read)."""
    kind = not_regular(os.stat(path).st_mode)      # devices are not even opened (opening some has effects)
    if kind is None:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        kind = not_regular(os.fstat(fd).st_mode)
        if kind is None:
            os.set_blocking(fd, True)
            return os.fdopen(fd, "rb")
        os.close(fd)
    raise NotARegularFile(f"{os.fsdecode(path)}: {kind}")


def sha256_file(path: Path) -> str:
    """The file's identity everywhere (intake, store, review app): the hex SHA-256 of its bytes. Raises
    NotARegularFile (an OSError) for anything but a regular file."""
    digest = hashlib.sha256()
    with open_regular(path) as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def guess_media_type(path: Path) -> str | None:
    try:
        with open_regular(path) as fh:
            head = fh.read(8)
    except OSError:
        return None
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if head.startswith(b"PK"):
        return mimetypes.guess_type(path.name)[0] or "application/zip"
    return mimetypes.guess_type(path.name)[0]


def rejected(path: Path, code: str, message: str, *, sha256: str | None = None, field: str = "source",
             media_type: str | None = None, pages: int | None = None) -> Extraction:
    if sha256 is None:
        try:
            sha256 = sha256_file(path)
        except OSError:
            sha256 = ""
    return Extraction(
        source=Source(file_name=path.name, sha256=sha256, media_type=media_type or guess_media_type(path),
                      pages=pages),
        status=Status.rejected,
        flags=[Flag(field=field, code=code, message=message)],
    )


def extract_path(path: Path, *, sha256: str | None = None) -> Extraction:
    """The contract record of one file. Never raises for bad input."""
    from extractors.fields import read_fields
    from extractors.model import UnreadableDocument
    from extractors.readers import read_document
    from extractors.fields.checks import run_checks
    from extractors.fields.reply import not_a_reply

    from extractors import progress

    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        return rejected(path, FlagCode.not_found, "Không tìm thấy tệp.", sha256="")
    except OSError as exc:
        return rejected(path, FlagCode.corrupt_file, f"Không đọc được tệp ({exc.strerror}).", sha256="")
    kind = not_regular(st.st_mode)
    if kind is not None:
        return rejected(path, FlagCode.unsupported_format, f"Không phải là tệp thông thường ({kind}), không đọc.",
                        sha256="")
    size = st.st_size
    if size == 0:
        return rejected(path, FlagCode.empty_file, "Tệp rỗng (0 byte).", sha256=sha256)
    if size > MAX_FILE_BYTES:
        return rejected(path, FlagCode.too_large, f"Tệp quá lớn ({size // (1024 * 1024)} MB).", sha256=sha256)
    try:
        sha256 = sha256 or sha256_file(path)
    except NotARegularFile as exc:                   # swapped for a device or a FIFO after the check above
        return rejected(path, FlagCode.unsupported_format, f"Không phải là tệp thông thường ({exc}), không đọc.",
                        sha256="")
    try:
        reader, content = read_document(path, max_pages=PROBE_PAGES)
        probed = None                                # the reading of a long document's first pages, kept
        if content.pages and content.pages > PROBE_PAGES:
            first = read_fields(content) if any(True for _ in content.paragraphs()) else None
            probe = not_a_reply(first) if first is not None else None
            if probe is not None:
                return Extraction(source=Source(file_name=path.name, sha256=sha256, media_type=reader.media_type,
                                                pages=content.pages), status=Status.rejected, flags=[probe])
            if first is not None and first.reply_doubt is not None:
                # A long document whose first pages only might be a reply (no citation of 812, not addressed to
                # the Board): an officer decides from those pages; reading the rest of a manual of hundreds of
                # pages would only run into the time limit.
                probed = first
            else:
                reader, content = read_document(path)
    except UnreadableDocument as exc:
        return rejected(path, exc.code, exc.message, sha256=sha256)
    except MemoryError:
        return rejected(path, FlagCode.resource_limit, "Tệp cần quá nhiều bộ nhớ để đọc.", sha256=sha256)
    except RecursionError:
        return rejected(path, FlagCode.corrupt_file, "Cấu trúc tệp lồng nhau quá sâu, không đọc được.", sha256=sha256)
    except Exception as exc:  # a parser bug on a hostile file: reject with a reason, never a traceback
        log.debug("reader failed on %s", path, exc_info=True)
        return rejected(path, FlagCode.corrupt_file,
                        f"Tệp bị hỏng hoặc không đúng định dạng ({type(exc).__name__}).", sha256=sha256)
    source = Source(file_name=path.name, sha256=sha256, media_type=reader.media_type, pages=content.pages,
                    ocr_used=content.ocr_used)
    scanned = [w for w in content.warnings if w.startswith("scanned_pages:")]
    if not any(True for _ in content.paragraphs()) and not any(True for _ in content.tables()):
        if scanned:
            return rejected(path, FlagCode.no_text_layer,
                            "Bản quét (PDF không có lớp chữ); cần nhận dạng ký tự (OCR) hoặc nhập tay.",
                            sha256=sha256, media_type=reader.media_type, pages=content.pages)
        return rejected(path, FlagCode.empty_file, "Tài liệu không có nội dung chữ.", sha256=sha256,
                        media_type=reader.media_type, pages=content.pages)
    progress.allow(FIELDS_SECONDS + FIELDS_SECONDS_PER_PAGE * (content.pages or 1))
    try:
        reading = probed or read_fields(content)
    except Exception as exc:
        log.debug("field extraction failed on %s", path, exc_info=True)
        return rejected(path, FlagCode.internal_error,
                        f"Lỗi khi phân tích nội dung ({type(exc).__name__}); đề nghị nhập tay.", sha256=sha256,
                        media_type=reader.media_type, pages=content.pages)
    refusal = not_a_reply(reading)
    if refusal is not None:
        return Extraction(source=source, status=Status.rejected, flags=[refusal])
    flags = run_checks(reading, ocr_used=content.ocr_used)
    if probed is not None:
        flags.append(Flag(field="source", code=FlagCode.reply_unclear,
                          message=f"Tài liệu dài {content.pages} trang, chưa chắc là văn bản trả lời: mới đọc "
                                  f"{PROBE_PAGES} trang đầu."))
    if scanned:
        flags.append(Flag(field="source", code=FlagCode.no_text_layer,
                          message=f"Một số trang là bản quét, chưa được đọc ({scanned[0].split(':')[1]})."))
    low_ocr = [w.split(":", 1)[1] for w in content.warnings if w.startswith("ocr_low_quality:")]
    if low_ocr:
        flags.append(Flag(field="source", code=FlagCode.ocr_low_quality,
                          message=f"Bản quét kém rõ (trang {low_ocr[0]}); đề nghị đối chiếu bản gốc."))
    if content.legacy_encoding:
        flags.append(Flag(field="source", code=FlagCode.legacy_encoding,
                          message=f"Văn bản gõ bằng bảng mã cũ ({content.legacy_encoding.upper()}), đã chuyển sang Unicode."))
    return Extraction(
        source=source,
        status=status_for(flags),
        enterprise=reading.enterprise,
        letter=reading.letter,
        hiring_needs=reading.needs.needs,
        criteria=reading.criteria,
        cooperation_offers=reading.cooperation,
        registration=reading.registration,
        proposals=reading.proposals,
        flags=flags,
    )


def status_for(flags: list[Flag]) -> Status:
    codes = {f.code for f in flags}
    if codes & REJECTION_CODES - {FlagCode.no_text_layer}:
        return Status.rejected
    if codes - INFO_CODES:
        return Status.needs_review
    return Status.extracted


def extract_files(paths: Iterable[Path], *, jobs: int = 1, progress: Callable[[int, int], None] | None = None,
                  timeout: float | None = None, memory_mb: int | None = None,
                  stats: dict[int, dict] | None = None) -> Iterator[tuple[Path, dict]]:
    """(path, contract dict) for every path, in input order, each parsed in an isolated worker process.

    `stats`, when given, is filled with each input's worker measurements (seconds, peak RSS in MB) by index.
    """
    from pipeline.runtime.isolation import IsolatedExtractor

    paths = [Path(p) for p in paths]
    with IsolatedExtractor(jobs=jobs, timeout=timeout, memory_mb=memory_mb) as pool:
        if stats is not None:
            pool.stats = stats
        yield from pool.run(paths, progress=progress)
