"""The data directory is private: letters, the database and the secrets are readable by the service's account only.

Folders are created 0700 and files 0600 whatever the process's umask (a Prefect worker, a shell with umask 022);
a letter moved in from the inbox keeps the mode it had there, so it is set again after the move."""
from __future__ import annotations

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dirs(path: Path) -> Path:
    """`path` and the parents it lacks, created 0700 (existing ones are left as they are)."""
    path = Path(path)
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:                  # another process made it first
            continue
        os.chmod(folder, DIR_MODE)               # mkdir's mode is filtered by the umask
    return path


def private_file(path: Path) -> Path:
    """`path` (an existing file) made readable and writable by its owner only."""
    os.chmod(path, FILE_MODE)
    return path


def create_private_file(path: Path) -> None:
    """An empty file at `path`, 0600, unless one is there (SQLite then opens it as a new database and gives its
    journal and WAL files the same mode)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)
    os.chmod(path, FILE_MODE)
