"""Prefect's temporary API server, started by `replyflow ingest` the moment it starts, without importing Prefect.

With no PREFECT_API_URL, Prefect starts a temporary server of its own on the first API call: only after the
flow has begun, and after importing its whole server package into the calling process too (2-3 CPU-seconds
spent only to build that command line). Starting the very same server (the same uvicorn app, settings and
"ephemeral" switches as Prefect's SubprocessASGIServer) here instead lets its start-up run alongside the
extraction from the first second, and points this process at it through PREFECT_API_URL before Prefect is
imported. Its run history lands in the same database as Prefect's own temporary server's would.
"""
from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

API_URL = "PREFECT_API_URL"


def _prefect_configured() -> bool:
    """An API URL set in the environment or in a Prefect profile: use that server, start none. Once Prefect is
    imported its settings are read (a test harness may have set them): leave it to Prefect then."""
    if os.environ.get(API_URL) or "prefect" in sys.modules:
        return True
    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect")
    profiles = Path(os.environ.get("PREFECT_PROFILES_PATH") or home / "profiles.toml")
    try:
        return API_URL in profiles.read_text(encoding="utf-8")
    except OSError:
        return False


class TemporaryServer:
    """A Prefect API server on a loopback port of its own, for the life of this object."""

    def __init__(self) -> None:
        spec = importlib.util.find_spec("prefect")         # finds the package without importing it
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError("prefect is not installed")
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))                        # the port is ours: the server is handed the socket
        sock.listen(128)
        self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/api"
        env = dict(os.environ, PREFECT_UI_ENABLED="0", PREFECT__SERVER_EPHEMERAL="1", PREFECT__SERVER_FINAL="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(spec.submodule_search_locations[0]).parent),
             "--factory", "prefect.server.api.server:create_app", "--fd", str(sock.fileno()),
             "--log-level", "error", "--lifespan", "on"],
            env=env, pass_fds=(sock.fileno(),), stdin=subprocess.DEVNULL)
        sock.close()
        os.environ[API_URL] = self.url

    def wait_ready(self) -> None:
        """Block until the server answers its health check (raises if it died or took too long)."""
        limit = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS") or 120)
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Prefect's temporary API server exited with code {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=5) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"Prefect's temporary API server did not answer within {limit:.0f} s")

    def stop(self) -> None:
        if os.environ.get(API_URL) == self.url:
            del os.environ[API_URL]
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> TemporaryServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def temporary_server() -> TemporaryServer | None:
    """Start a temporary server unless a Prefect server is configured."""
    return None if _prefect_configured() else TemporaryServer()
