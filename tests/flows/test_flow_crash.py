"""SIGKILL `replyflow ingest` while its Prefect flow is loading batches, restart: nothing lost, nothing stored twice.

tests/intake/test_crash_safety.py kills the plain intake at random points; this kills the real command, flow and
task runs included, once files are being archived by the flow's batch tasks. The child processes use the test
harness's Prefect server, so that each run does not wait for a temporary server of its own.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pipeline.store import open_store
from pipeline.store.models import Document
from tests.support.replies import write_letters
from tests.support.runs import check_invariants, env_for, sha

# Enough letters that the third kill (at 21 archived) leaves several batch tasks to do: a faster intake finished
# the last 9 between two looks of a loaded test process at the archive (the run was over before its kill).
N_FILES = 40
REPLYFLOW = [sys.executable, "-c", "from pipeline.cli.main import main; main()"]


def archived(data_dir: Path) -> int:
    root = data_dir / "archive"
    return sum(1 for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")) if root.exists() else 0


def start(env: dict) -> subprocess.Popen:
    return subprocess.Popen([*REPLYFLOW, "ingest"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


@pytest.mark.slow
def test_killing_the_prefect_ingest_inside_its_batch_tasks_loses_and_duplicates_nothing(prefect_harness, data_dir):
    import prefect.settings

    db_url = f"sqlite:///{data_dir / 'replyflow.db'}"
    originals = {sha(p): p.name for p in write_letters(data_dir / "inbox", N_FILES)}
    env = env_for(data_dir, db_url, REPLYFLOW_BATCH_SIZE="4",
                  PREFECT_API_URL=str(prefect.settings.PREFECT_API_URL.value()))
    store = open_store(db_url)
    runs_before = len(_intake_flow_runs())
    kills = 0
    for target in (2, 11, 21):                 # archived files at which to kill: inside a batch task
        proc = start(env)
        deadline = time.monotonic() + 180
        while archived(data_dir) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
        check_invariants(store, data_dir, originals)
    assert kills == 3, "the ingest finished before it could be killed"
    assert archived(data_dir) < N_FILES
    proc = start(env)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()[-3000:]
    check_invariants(store, data_dir, originals)
    assert not any((data_dir / "inbox").iterdir())
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == N_FILES
    store.dispose()
    runs = _intake_flow_runs()                  # newest first: these runs went through the flow
    assert len(runs) - runs_before == 4 and runs[0] == "COMPLETED"
    assert runs[1:4] == ["CRASHED"] * 3         # the killed runs, marked by the runs after them


def _intake_flow_runs() -> list[str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=["replyflow-intake"])),
                                     sort=FlowRunSort.START_TIME_DESC)
    return [str(run.state_type.value) for run in runs]


def test_only_runs_of_dead_processes_on_this_machine_count_as_dead():
    import socket

    from flows.housekeeping import _dead_here

    host = socket.gethostname()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    assert _dead_here(["nightly", f"pid:{gone.pid}@{host}"])
    assert not _dead_here([f"pid:{os.getpid()}@{host}"])                 # alive
    assert not _dead_here([f"pid:{gone.pid}@another-host"])              # not ours to judge
    assert not _dead_here(["nightly"])
