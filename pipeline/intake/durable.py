"""Durability paid per group of letters, not per letter (group commit).

Each document still gets its own small transaction (one bad result never takes its neighbours down, and a
concurrent intake's duplicate fails alone), but its commit does not wait for the disk: PostgreSQL commits it
with `synchronous_commit = off`, SQLite in WAL mode with `synchronous = NORMAL` never syncs at commit. After a
group of commits, `sync_store` makes them all durable at once (one WAL flush), and only then are the group's
originals moved and their directories synced, once per directory.

Why this is safe: an original leaves the inbox only after its record is durable, so no crash (of the intake,
the database server or the machine) can leave an archived file without its record. A record whose original
is still in the inbox (committed, not yet synced or moved) is settled by the next run as a copy of a stored
hash: the move is finished then. If the database lost that not yet durable commit, the file is simply new
again and is taken in again.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from pipeline.store import Store

#: Documents committed between two syncs. Small enough that a crash leaves few moves to finish; large enough
#: that the sync (a WAL flush, a few directory fsyncs) costs little per letter.
GROUP_SIZE = 16


def relax_commit(session: Session) -> None:
    """Let this transaction's commit return before the disk has it (sync_store makes it durable later)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL synchronous_commit TO OFF"))


def sync_store(store: Store) -> None:
    """Make every transaction committed so far durable."""
    engine = store.engine
    if engine.dialect.name == "postgresql":
        # A synchronous commit that writes a commit record flushes the WAL up to it, and with it every earlier
        # asynchronous commit. txid_current() gives the transaction an id, hence a commit record.
        with engine.begin() as conn:
            conn.execute(text("SET LOCAL synchronous_commit TO ON"))
            conn.execute(text("SELECT txid_current()"))
    elif engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:":
            # WAL mode, synchronous=NORMAL: a commit is appended to the -wal file unsynced; syncing that file is
            # what synchronous=FULL would do at every commit. A checkpointed WAL leaves the pages in the
            # database file, synced by the checkpoint itself.
            for path in (Path(database + "-wal"), Path(database)):
                fsync_path(path)


def fsync_path(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_dirs(dirs: Iterable[Path]) -> None:
    """Make renames into and out of these directories durable: one fsync per directory."""
    for d in sorted(set(dirs)):
        fsync_path(d)
