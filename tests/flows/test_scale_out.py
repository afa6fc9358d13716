"""Scale-out for real: a Prefect server on loopback, the process work pool, the deployments of prefect.yaml, two
workers, a backlog of 200 letters drained into PostgreSQL by share runs that claim their files; one worker is
killed (with its flow run and extraction workers, as if its machine died) while it holds claims. Nothing is lost:
every file is stored exactly once and ends in exactly one place, both workers did part of the work, and the killed
worker's claimed files are taken over by the other."""
from __future__ import annotations

import signal
import time

import pytest
from sqlalchemy import func, select

from tests.support.databases import fresh_postgres
from tests.support.prefect_cluster import Cluster, descendants
from tests.support.replies import write_letters
from tests.support.runs import check_invariants, env_for, sha

LETTERS = 200
BATCH = 10


def _stored_by(store) -> dict[str, int]:
    from pipeline.store.models import AuditEntry
    with store.session() as s:
        return dict(s.execute(select(AuditEntry.actor, func.count()).where(AuditEntry.action == "stored")
                              .group_by(AuditEntry.actor)).all())


def _pid(actor: str) -> int:
    return int(actor.rsplit("/", 1)[1])          # intake@host/pid (pipeline/intake/shares.py)


def _claims_of(store, pids: list[int]) -> set[str]:
    from pipeline.store.models import IntakeClaim
    with store.session() as s:
        return {sha256 for sha256, owner in s.execute(select(IntakeClaim.sha256, IntakeClaim.owner))
                if _pid(owner.rsplit("/", 1)[0]) in pids}


def _stored_shas(store) -> set[str]:
    from pipeline.store.models import Document
    with store.session() as s:
        return set(s.scalars(select(Document.sha256)))


@pytest.mark.slow
def test_two_workers_drain_a_backlog_and_a_killed_one_loses_nothing(data_dir, tmp_path):
    from pipeline.store import open_store
    from pipeline.store.models import AuditEntry, Document, IntakeClaim

    paths = write_letters(data_dir / "inbox", LETTERS)
    originals = {sha(p): p.name for p in paths}
    with fresh_postgres() as url:
        store = open_store(url)                   # migrated once here, not by both workers at once
        cluster = Cluster(tmp_path / "prefect", env_for(data_dir, url, REPLYFLOW_JOBS="1",
                                                        REPLYFLOW_BATCH_SIZE=str(BATCH),
                                                        REPLYFLOW_INBOX=str(data_dir / "inbox")))
        try:
            cluster.start_server()
            cluster.deploy()
            cluster.start_worker("worker-a")
            cluster.start_worker("worker-b")
            cluster.run_deployment("replyflow-intake-fanout/nightly-intake", shares=2)

            # both workers at work (a batch stored each): worker A is frozen; if it holds claims on files it has
            # not stored yet, it is killed (with its flow run and extraction workers), else it goes on, and we look
            # again. Before 60 % of the backlog is done.
            deadline, killed, by_worker = time.monotonic() + 400, None, {}
            while killed is None:
                assert time.monotonic() < deadline, cluster.log("worker-a") + cluster.log("worker-b")
                by_actor = _stored_by(store)
                assert sum(by_actor.values()) < LETTERS * 0.6, f"no moment to kill worker A came: {by_worker}"
                trees = {name: set(descendants(w.pid)) for name, w in cluster.workers.items()}
                by_worker = {name: sum(n for actor, n in by_actor.items() if _pid(actor) in tree)
                             for name, tree in trees.items()}
                if min(by_worker.values()) >= BATCH:
                    frozen = cluster.signal_worker("worker-a", signal.SIGSTOP)
                    claimed = _claims_of(store, frozen)
                    unfinished = claimed - _stored_shas(store)
                    if unfinished:
                        killed = cluster.kill_worker("worker-a")
                        break
                    cluster.signal_worker("worker-a", signal.SIGCONT)
                time.sleep(0.5)
            stored_at_kill = dict(by_worker)

            # worker B finishes the backlog, taking over A's claims
            while any((data_dir / "inbox").iterdir()):
                assert time.monotonic() < deadline, cluster.log("worker-b")
                time.sleep(1)
            while True:                           # and its share run completes (claims swept)
                runs = [r for r in cluster.flow_runs() if (r.get("name") or "").startswith("share-")]
                done = [r for r in runs if r["state_type"] == "COMPLETED"]
                if len(done) == len(runs) - 1:
                    break
                assert time.monotonic() < deadline, cluster.log("worker-b")
                time.sleep(1)
        except BaseException:
            cluster.close()
            store.dispose()
            raise
        cluster.close()

        check_invariants(store, data_dir, originals)
        with store.session() as s:
            assert s.scalar(select(func.count()).select_from(Document)) == LETTERS
            stored = s.scalars(select(AuditEntry.document_id).where(AuditEntry.action == "stored")).all()
            assert len(stored) == len(set(stored)) == LETTERS          # stored once each, never twice
            taken = s.scalars(select(AuditEntry).where(AuditEntry.action == "claim_taken_over")).all()
            assert all(_pid(e.detail["from"].rsplit("/", 1)[0]) in killed for e in taken)
            # what A had claimed and not stored was taken over by B, and stored once (check_invariants: archived)
            assert unfinished <= {e.detail["sha256"] for e in taken}
            assert unfinished <= _stored_shas(store) and claimed <= _stored_shas(store)
            assert s.scalar(select(func.count()).select_from(IntakeClaim)) == 0
        assert all(n >= BATCH for n in stored_at_kill.values()), stored_at_kill
        by_actor = _stored_by(store)
        by_a = sum(n for actor, n in by_actor.items() if _pid(actor) in killed)
        assert stored_at_kill["worker-a"] <= by_a < LETTERS * 0.6     # A stored nothing after its death
        assert LETTERS - by_a > LETTERS * 0.4                          # worker B did the rest
        print(f"stored when A was killed: {stored_at_kill}; by A in all: {by_a}; A's claims: {len(claimed)}, "
              f"{len(unfinished)} not stored; claims taken over: {len(taken)}")
        store.dispose()
