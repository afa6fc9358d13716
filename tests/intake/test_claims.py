"""Claims of intake runs sharing a backlog (pipeline/intake/claims.py, shares.py), on SQLite and PostgreSQL: no two
runs claim the same file, a dead or expired owner's claims are taken over (and audited), a live one's never."""
from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys

from sqlalchemy import func, select

from pipeline.intake.claims import Claims
from pipeline.store import open_store
from pipeline.store.models import AuditEntry, Document, IntakeClaim
from tests.support.replies import write_letters
from tests.support.runs import check_invariants, sha

CANDIDATES = [(f"{n:064x}", f"inbox/{n}.docx") for n in range(40)]


def test_two_runs_never_claim_the_same_file(db_url):
    store = open_store(db_url)
    try:
        a, b = Claims(store), Claims(store)
        got_a, got_b = [], []
        while more := a.claim(CANDIDATES, 7) + b.claim(CANDIDATES, 5):
            got_a += [x for x in more[:7] if x not in got_a]
            got_b += [x for x in more[7:] if x not in got_b]
            a.release(got_a)               # done: released, and the runs move on (the plan marks them done)
            b.release(got_b)
            break
        rest = [c for c in CANDIDATES if c[0] not in set(got_a) | set(got_b)]
        got_a += a.claim(rest, 100)
        got_b += b.claim(rest, 100)       # all of `rest` is a's now: b gets none of it
        assert not set(got_a) & set(got_b)
        assert set(got_a) | set(got_b) == {sha for sha, _ in CANDIDATES}
        assert len(got_b) == 5
    finally:
        store.dispose()


def test_a_dead_or_expired_owners_claims_are_taken_over_a_live_ones_never(db_url):
    store = open_store(db_url)
    try:
        gone = subprocess.Popen([sys.executable, "-c", "pass"])
        gone.wait()
        live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        host, now = socket.gethostname(), dt.datetime.now(dt.timezone.utc)
        later = now + dt.timedelta(minutes=10)
        owners = {CANDIDATES[0][0]: (f"{host}/{gone.pid}/dead", later),             # its process died
                  CANDIDATES[1][0]: ("other-machine/1/x", now - dt.timedelta(seconds=1)),  # lease ran out
                  CANDIDATES[2][0]: (f"{host}/{live.pid}/alive", later),            # at work
                  CANDIDATES[3][0]: ("other-machine/2/y", later)}                    # at work elsewhere
        with store.session() as s:
            for digest, (owner, expires) in owners.items():
                s.add(IntakeClaim(sha256=digest, owner=owner, path="x", claimed_at=now, expires_at=expires))
        mine = Claims(store)
        got = mine.claim(CANDIDATES[:4], 10)
        assert got == [CANDIDATES[0][0], CANDIDATES[1][0]]
        assert mine.held_by_others(sha for sha, _ in CANDIDATES[:4]) == {CANDIDATES[2][0], CANDIDATES[3][0]}
        assert Claims(store).claim(CANDIDATES[:2], 10) == []                 # ours now, and we are alive
        with store.session() as s:
            taken = s.scalars(select(AuditEntry).where(AuditEntry.action == "claim_taken_over")).all()
            assert sorted(e.detail["sha256"] for e in taken) == sorted(got)
        live.kill()
        live.wait()
        assert Claims(store).claim(CANDIDATES[:4], 10) == [CANDIDATES[2][0]]
    finally:
        store.dispose()


def test_two_share_runs_drain_one_inbox_together(db_url, data_dir, settings_for):
    from pipeline.intake.shares import ShareRun

    paths = write_letters(data_dir / "inbox", 12)
    originals = {sha(p): p.name for p in paths}
    settings = settings_for(data_dir, db_url, batch_size=3)
    store = open_store(db_url)
    runs = [ShareRun(settings, store), ShareRun(settings, store)]
    runs[1].claims.owner += "-b"                         # two runs of one process: two owners
    try:
        states = [run.discover_and_plan() for run in runs]
        took = [0, 0]
        while True:                                      # the runs take turns, as two workers would
            batches = [run.next_batch(state) for run, state in zip(runs, states)]
            if not any(batches):
                break
            for k, (run, batch) in enumerate(zip(runs, batches)):
                took[k] += run.take(batch).stored
        for run, state in zip(runs, states):
            run.finish(state)
        assert took[0] > 0 and took[1] > 0 and sum(took) == 12
        check_invariants(store, data_dir, originals)
        assert not list((data_dir / "inbox").iterdir())
        with store.session() as s:
            assert s.scalar(select(func.count()).select_from(Document)) == 12
            assert s.scalar(select(func.count()).select_from(IntakeClaim)) == 0
    finally:
        for run in runs:
            run.close()
        store.dispose()
