"""A real Prefect deployment on loopback, as docs/operations.md sets one up: `prefect server start`, the process
work pool, `prefect deploy` from prefect.yaml, workers started with `prefect worker start --limit 1`. Used by
tests/flows/test_scale_out.py and scripts/bench_scale_out.py."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.support.live import free_port

ROOT = Path(__file__).resolve().parents[2]
PREFECT = str(Path(sys.executable).with_name("prefect"))
POOL = "replyflow"


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (read from /proc), children first."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


class Cluster:
    """Server, pool, deployments and workers; everything started is stopped by close()."""

    def __init__(self, home: Path, env: dict[str, str]):
        self.home = home
        self.port = free_port()
        self.api = f"http://127.0.0.1:{self.port}/api"
        self.env = {**env, "PREFECT_HOME": str(home), "PREFECT_API_URL": self.api, "PREFECT_UI_ENABLED": "false",
                    "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_WORKER_QUERY_SECONDS": "1",
                    "PREFECT_WORKER_PREFETCH_SECONDS": "0", "PREFECT_CLI_PROMPT": "false",
                    "REPLYFLOW_HOME": str(ROOT), "PYTHONPATH": str(ROOT),
                    "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
        self.server: subprocess.Popen | None = None
        self.workers: dict[str, subprocess.Popen] = {}
        self.logs = home / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)

    # -- start-up -------------------------------------------------------------------------------------------------
    def start_server(self, timeout: float = 180) -> float:
        started = time.monotonic()
        self.server = self._spawn("server", [PREFECT, "server", "start", "--host", "127.0.0.1",
                                             "--port", str(self.port)])
        while time.monotonic() - started < timeout:
            assert self.server.poll() is None, self.log("server")
            try:
                with urllib.request.urlopen(f"{self.api}/health", timeout=5) as resp:
                    if resp.status == 200:
                        return time.monotonic() - started
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        raise AssertionError(f"the Prefect server did not answer within {timeout} s\n{self.log('server')}")

    def prefect(self, *args: str, timeout: float = 180) -> str:
        proc = subprocess.run([PREFECT, *args], cwd=ROOT, env=self.env, capture_output=True, text=True,
                              timeout=timeout)
        assert proc.returncode == 0, f"prefect {' '.join(args)}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        return proc.stdout

    def deploy(self) -> None:
        self.prefect("work-pool", "create", POOL, "--type", "process")
        self.prefect("--no-prompt", "deploy", "--name", "nightly-intake", "--name", "intake-share")

    def start_worker(self, name: str) -> subprocess.Popen:
        self.workers[name] = self._spawn(name, [PREFECT, "worker", "start", "--pool", POOL, "--limit", "1",
                                                "--name", name])
        return self.workers[name]

    def _spawn(self, name: str, cmd: list[str]) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "w")  # noqa: SIM115  closed with the process's end
        return subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    # -- runs -----------------------------------------------------------------------------------------------------
    def run_deployment(self, name: str, **params: object) -> None:
        args = ["deployment", "run", name]
        for key, value in params.items():
            args += ["--param", f"{key}={json.dumps(value)}"]
        self.prefect(*args)

    def flow_runs(self) -> list[dict]:
        req = urllib.request.Request(f"{self.api}/flow_runs/filter", data=b"{}", method="POST",
                                     headers={"content-type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.loads(resp.read())

    # -- the end --------------------------------------------------------------------------------------------------
    def signal_worker(self, name: str, sig: int) -> list[int]:
        """Send `sig` to a worker and every process below it; returns their pids."""
        proc = self.workers[name]
        pids = [proc.pid, *descendants(proc.pid)]
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        return pids

    def kill_worker(self, name: str) -> list[int]:
        """SIGKILL a worker and every process below it (its flow run, that run's extraction workers): as if its
        machine died. Returns the pids killed."""
        pids = self.signal_worker(name, signal.SIGKILL)
        self.workers[name].wait(30)
        return pids

    def close(self) -> None:
        for proc in [*self.workers.values(), *([self.server] if self.server else [])]:
            if proc.poll() is None:
                pids = descendants(proc.pid)
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
                try:
                    proc.wait(20)
                except subprocess.TimeoutExpired:
                    pass
                for pid in [proc.pid, *pids]:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                proc.wait(10)
