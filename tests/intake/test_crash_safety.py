"""Crash safety, proven: SIGKILL the intake anywhere, restart, and nothing is lost or stored twice; two intakes at
once on PostgreSQL store no duplicates."""
from __future__ import annotations

import os
import random
import signal
import time

import pytest
from sqlalchemy import func, select

from pipeline.store import open_store
from pipeline.store.models import Document, QuarantineItem
from tests.support.replies import write_letters
from tests.support.runs import check_invariants, sha, start_ingest

N_FILES = 50


def originals_in(data_dir):
    letters = write_letters(data_dir / "inbox", N_FILES)
    return {sha(p): p.name for p in letters}


def finish(data_dir, db_url, **extra) -> None:
    proc = start_ingest(data_dir, db_url, **extra)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()[-3000:]


def kill_group(proc) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


@pytest.mark.slow
def test_sigkill_at_random_points_then_restart_loses_and_duplicates_nothing(data_dir, db_url):
    originals = originals_in(data_dir)
    rnd = random.Random(int(os.environ.get("REPLYFLOW_TEST_SEED", "20250717")))
    store = open_store(db_url)
    for _ in range(6):
        proc = start_ingest(data_dir, db_url)
        time.sleep(rnd.uniform(0.2, 4.5))
        kill_group(proc)
        check_invariants(store, data_dir, originals)      # holds at every instant, not only at the end
    finish(data_dir, db_url)
    check_invariants(store, data_dir, originals)
    assert not any((data_dir / "inbox").iterdir())
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == N_FILES
    store.dispose()


@pytest.mark.parametrize("point", ["after_commit:1", "after_commit:17", "after_quarantine_commit:2"])
def test_killed_between_commit_and_move_the_restart_finishes_the_move(data_dir, point):
    db_url = f"sqlite:///{data_dir / 'replyflow.db'}"
    originals = originals_in(data_dir)
    quarantine = point.startswith("after_quarantine")
    timeouts = {"REPLYFLOW_TEST_TIMEOUT_NAMES": "reply_003.docx,reply_004.docx,reply_005.docx"} if quarantine else {}
    proc = start_ingest(data_dir, db_url, REPLYFLOW_CRASHPOINT=point, **timeouts)
    proc.wait(timeout=300)
    assert proc.returncode == -signal.SIGKILL
    kill_group(proc)                                       # its extraction workers too
    store = open_store(db_url)
    with store.session() as s:
        stored = s.scalar(select(func.count()).select_from(Document))
        held = s.scalar(select(func.count()).select_from(QuarantineItem))
    committed = stored + held
    assert (held if quarantine else stored) == int(point.split(":")[1])
    assert len(list((data_dir / "inbox").iterdir())) == N_FILES - committed + 1   # the last committed, not moved
    check_invariants(store, data_dir, originals)
    finish(data_dir, db_url, **timeouts)
    check_invariants(store, data_dir, originals)
    assert not any((data_dir / "inbox").iterdir())
    if quarantine:
        reasons = sorted(p.name for p in (data_dir / "quarantine").glob("*.reason.txt"))
        assert len(reasons) == 3 and all("timeout" in (data_dir / "quarantine" / r).read_text() for r in reasons)
    store.dispose()


@pytest.mark.slow
def test_two_intakes_at_once_on_postgresql_store_no_duplicates(data_dir, pg_url):
    originals = originals_in(data_dir)
    procs = [start_ingest(data_dir, pg_url) for _ in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()[-3000:]
    store = open_store(pg_url)
    check_invariants(store, data_dir, originals)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == N_FILES
    assert not any((data_dir / "inbox").iterdir())
    store.dispose()
