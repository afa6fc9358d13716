"""`replyflow ingest` with no Prefect server configured starts Prefect's temporary API server itself (flows/server.py),
records its flow run there, and leaves no process behind."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.support.replies import write_letters
from tests.support.runs import env_for

REPLYFLOW = [sys.executable, "-c", "from pipeline.cli.main import main; main()"]


def session_ends(sid: int, within: float = 30.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(sid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
def test_ingest_without_a_prefect_server_records_its_run_on_its_own_temporary_server(data_dir, tmp_path):
    write_letters(data_dir / "inbox", 3)
    env = env_for(data_dir, f"sqlite:///{data_dir / 'replyflow.db'}", PREFECT_HOME=str(tmp_path / "prefect-home"))
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen([*REPLYFLOW, "ingest", "--json"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()[-3000:]
    assert '"stored": 3' in out.decode()
    assert "All connection attempts failed" not in err.decode()      # logs and events sent before the stop
    assert session_ends(proc.pid)                     # the server is gone with the command (its other children
                                                      # exit once they see the command gone)
    db = sqlite3.connect(tmp_path / "prefect-home" / "prefect.db")
    runs = db.execute("SELECT flow.name, flow_run.state_type FROM flow_run JOIN flow ON flow.id = flow_run.flow_id")
    assert runs.fetchall() == [("replyflow-intake", "COMPLETED")]
    db.close()


def test_no_server_is_started_when_one_is_configured(monkeypatch):
    from flows.server import temporary_server

    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    assert temporary_server() is None


SERVE_IN_PROCESS = """
import os, sys, urllib.request, urllib.error
from flows.server import TemporaryServer
server = TemporaryServer()
assert os.environ["PREFECT_API_URL"] == server.url
server.wait_imported()
server.wait_ready()
with urllib.request.urlopen(server.url + "/health", timeout=30) as resp:
    assert resp.status == 200
from prefect.server.api.server import create_app
print("same app", create_app() is server.app)  # what the server's own in-process clients get: no second app
from prefect.settings import get_current_settings
with server.run_settings():                      # its flow runs: no heartbeat thread to join at their end
    print("heartbeats", get_current_settings().flows.heartbeat_frequency)
children = [c for t in os.listdir("/proc/self/task")
            for c in open(f"/proc/self/task/{t}/children").read().split()]
print("children", children)
server.stop()
assert "PREFECT_API_URL" not in os.environ
assert "PREFECT__SERVER_EPHEMERAL" not in os.environ       # the process's environment as it was
try:
    urllib.request.urlopen(server.url + "/health", timeout=5)
    print("still answering")
except (urllib.error.URLError, OSError):
    print("stopped")
"""


@pytest.mark.slow
def test_the_temporary_server_runs_in_the_commands_own_process_and_stops_with_it(tmp_path):
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect-home"))
    env.pop("PREFECT_API_URL", None)
    out = subprocess.run([sys.executable, "-c", SERVE_IN_PROCESS], env=env, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "children []" in out.stdout                  # no second Python process for the server
    assert "same app True" in out.stdout
    assert "heartbeats None" in out.stdout
    assert "stopped" in out.stdout
