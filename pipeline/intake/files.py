"""Files of the intake: discovery of settled files, hashing, and crash-safe moves to archive or quarantine.

A move never loses the original: on one file system it is an atomic rename; across file systems the copy is
written beside its target, synced, renamed into place, and only then is the source removed.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.private import FILE_MODE, private_dirs, private_file
from pipeline.runtime.extract import NotARegularFile, sha256_file

#: Names that are never letters: editors' lock files, partial downloads and uploads.
_SKIP_PREFIXES = (".", "~$")
_SKIP_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", ".swp", ".reason.txt")
_COPY_CHUNK = 1 << 20


@dataclass(frozen=True)
class Candidate:
    path: Path
    size: int
    mtime_ns: int
    sha256: str

    @property
    def received_at(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.mtime_ns / 1e9, dt.timezone.utc)


def _listed(inbox: Path) -> list[Path]:
    out = []
    for root, dirs, files in os.walk(inbox):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(Path(root, f) for f in sorted(files)
                   if not f.startswith(_SKIP_PREFIXES) and not f.lower().endswith(_SKIP_SUFFIXES))
    return out


def inbox_files(inbox: Path) -> list[Path]:
    """The files of the inbox the intake would look at (not hashed, not checked for being settled)."""
    return _listed(Path(inbox)) if Path(inbox).is_dir() else []


def discover(inbox: Path, *, settle_seconds: float = 2.0) -> tuple[list[Candidate], list[Path]]:
    """Settled files of the inbox (recursively) with their hashes, and the files skipped as still being written.

    A file is settled when its size and modification time are the same before and after hashing and it was not
    modified during the last `settle_seconds` (younger files are waited for once, then looked at again).
    """
    if not inbox.is_dir():
        return [], []
    paths = _listed(inbox)
    now = time.time()
    stats = {}
    for p in paths:
        try:
            stats[p] = p.stat()
        except FileNotFoundError:
            continue
    young = [p for p, st in stats.items() if now - st.st_mtime < settle_seconds]
    if young:
        time.sleep(max(0.0, settle_seconds - min(now - stats[p].st_mtime for p in young)))
    found, unsettled = [], []
    for p, st in stats.items():
        try:
            if p in young and _changed(st, p.stat()):
                unsettled.append(p)
                continue
            digest = sha256_file(p)
            after = p.stat()
        except (FileNotFoundError, NotARegularFile):
            continue                    # gone, or a FIFO, a device, a directory behind a link: nothing to take
        except PermissionError:
            unsettled.append(p)
            continue
        if _changed(st, after):
            unsettled.append(p)
        else:
            found.append(Candidate(p, after.st_size, after.st_mtime_ns, digest))
    return found, unsettled


def _changed(before: os.stat_result, after: os.stat_result) -> bool:
    return (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns)


def safe_name(name: str) -> str:
    keep = "".join(c if c.isalnum() or c in "._- " else "_" for c in name).strip() or "file"
    return keep[-150:]


def archive_relpath(sha256: str, file_name: str, when: dt.datetime) -> str:
    return f"archive/{when:%Y}/{when:%m}/{sha256}_{safe_name(file_name)}"


def quarantine_relpath(sha256: str, file_name: str) -> str:
    return f"quarantine/{sha256}_{safe_name(file_name)}"


def move_into_place(src: Path, dst: Path) -> bool:
    """Move `src` to `dst` without a moment where neither holds the bytes. False if `src` is gone already
    (a concurrent intake moved it). An existing `dst` (a finished earlier move) is kept and `src` removed."""
    private_dirs(dst.parent)
    if dst.exists():
        try:
            src.unlink()
        except FileNotFoundError:
            return False
        return True
    try:
        os.rename(src, dst)
    except FileNotFoundError:
        return False
    except OSError as exc:
        if exc.errno != 18:              # EXDEV: another file system
            raise
    else:
        with contextlib.suppress(OSError):
            private_file(dst)            # a rename keeps the inbox's mode: the archive is private
        return True
    tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
    try:
        with open(src, "rb") as fin, os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                                                       FILE_MODE), "wb") as fout:
            shutil.copyfileobj(fin, fout, _COPY_CHUNK)
            fout.flush()
            os.fsync(fout.fileno())
    except FileNotFoundError:
        tmp.unlink(missing_ok=True)
        return False
    os.replace(tmp, dst)
    _fsync_dir(dst.parent)
    src.unlink(missing_ok=True)
    return True


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_reason(target: Path, text: str) -> None:
    reason = target.with_name(target.name + ".reason.txt")
    private_dirs(reason.parent)
    tmp = reason.with_name("." + reason.name + ".tmp")
    tmp.write_bytes((text + "\n").encode("utf-8", "replace"))      # a path's undecodable bytes: "?"
    private_file(tmp)
    os.replace(tmp, reason)
