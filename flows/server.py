"""Prefect's temporary API server for one `replyflow ingest`, run in a thread of the command's own process.

With no PREFECT_API_URL, Prefect starts a temporary server of its own on the first API call: a second Python
process that imports Prefect's whole server package (about 4 CPU-seconds: the Prefect core a second time, then
the server, FastAPI, the ORM models) only after the flow has begun, and the calling process imports that server
package too just to build its command line. Running the very same app (Prefect's `create_app` with the
"ephemeral" switches of its SubprocessASGIServer: no UI, only the services an ephemeral server runs) under
uvicorn in a thread of this process instead imports Prefect once for both the client and the server, starts
while the extraction is already running, and points this process at it through PREFECT_API_URL. Its run history
lands in the same database as Prefect's own temporary server's would, and it ends with the command, even a
killed one.

One thread imports at a time: the server thread imports Prefect while the main thread waits (`wait_imported`)
before importing the flows, so that no module is ever seen half-imported by the other thread.
"""
from __future__ import annotations

import os
import socket
import sys
import threading
import time
from pathlib import Path

API_URL = "PREFECT_API_URL"
_EPHEMERAL = {"PREFECT__SERVER_EPHEMERAL": "1"}
_FINAL = "PREFECT__SERVER_FINAL"
_TRIGGERS = "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED"


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
    """A Prefect API server on a loopback port of its own, in a thread of this process, for the life of this
    object."""

    def __init__(self) -> None:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))                        # the port is ours before anything listens on it
        sock.listen(128)
        self._socket = sock
        self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/api"
        self._server = None                                # the uvicorn.Server, once imported
        self.app = None                                    # Prefect's FastAPI app, once built
        self._imported = threading.Event()
        self._error: BaseException | None = None
        os.environ[API_URL] = self.url
        # Prefect's server imports docket, whose result store (py-key-value) has beartype wrap every function of
        # its package at import time to warn of type mismatches: 0.5-0.6 CPU s of the server's start-up here,
        # for warnings nobody reads. Its own switch turns that off (unless the environment says otherwise).
        os.environ.setdefault("PY_KEY_VALUE_DISABLE_BEARTYPE", "true")
        # The switches Prefect's own SubprocessASGIServer sets for its temporary server, read by `create_app()`.
        # Called with no arguments, the app lands in Prefect's app cache under the key that the server's own
        # in-process clients (its services build several) look up: built once, not once more for them.
        # Automations (the triggers service and the actions it sets off) watch the events of a standing server; a
        # temporary one lives for a single intake and is gone before any automation could act on what follows.
        # Their start-up alone builds two in-process API clients: 0.3-0.4 CPU s of every run.
        self._own_env = {k: v for k, v in {**_EPHEMERAL, _TRIGGERS: "false"}.items()
                         if k in _EPHEMERAL or k not in os.environ}
        os.environ.update(self._own_env)                   # taken back by stop()
        self._thread = threading.Thread(target=self._serve, name="prefect-temporary-server", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        try:
            import uvicorn
            from prefect.server.api import server

            # Prefect's SubprocessASGIServer also says "final": the app may drop the routers FastAPI copied, and
            # `create_app` then runs a full garbage collection to return their memory. FastAPI 0.137 and later
            # copies nothing (Prefect's own test, below), so all that would remain is the collection: a walk over
            # the million objects just imported (0.3-0.4 CPU s), for nothing. The main thread is waiting.
            if getattr(server, "_FASTAPI_COPIES_ROUTES_ON_INCLUDE", True):
                self._own_env[_FINAL] = "1"
                os.environ[_FINAL] = "1"
            self.app = server.create_app()
            config = uvicorn.Config(self.app, log_level="error", log_config=None, access_log=False, lifespan="on")
            self._server = uvicorn.Server(config)
        except BaseException as exc:  # noqa: BLE001  handed to the waiting thread
            self._error = exc
            return
        finally:
            self._imported.set()
        try:
            self._server.run(sockets=[self._socket])
        except BaseException as exc:  # noqa: BLE001
            self._error = exc
        finally:
            self._socket.close()

    def _check(self) -> None:
        if self._error is not None:
            raise RuntimeError(f"Prefect's temporary API server failed: {self._error!r}") from self._error
        if self._imported.is_set() and not self._thread.is_alive():
            raise RuntimeError("Prefect's temporary API server stopped")

    def wait_imported(self) -> None:
        """Block until the server's thread has imported Prefect (then this thread may import it too)."""
        self._imported.wait()
        self._check()

    def wait_ready(self) -> None:
        """Block until the server has started (its database migrated, its services running) and listens;
        raises if it failed or took too long."""
        limit = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS") or 120)
        deadline = time.monotonic() + limit
        self._imported.wait(limit)
        while time.monotonic() < deadline:
            self._check()
            if self._server is not None and self._server.started:
                return
            time.sleep(0.05)
        raise RuntimeError(f"Prefect's temporary API server did not start within {limit:.0f} s")

    @staticmethod
    def run_settings():  # noqa: ANN205  Prefect's settings context
        """Prefect's settings for a flow run recorded on this server: no heartbeats. They tell a standing server
        that a run is alive, for its automations to mark runs that stopped sending them as crashed; this server
        runs none and ends with the command (flows/housekeeping.py settles runs whose process died). And the
        engine joins the heartbeat thread, which sleeps in one-second steps, at the end of the run: up to 1 s
        of every intake's wall time."""
        from prefect.settings import temporary_settings

        return temporary_settings(updates={"flows.heartbeat_frequency": None})

    def stop(self) -> None:
        self._imported.wait(30)                            # the server thread may still add to the environment
        if os.environ.get(API_URL) == self.url:
            del os.environ[API_URL]
        for key, value in self._own_env.items():
            if os.environ.get(key) == value:
                del os.environ[key]
        if self._server is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
            if self._thread.is_alive():
                self._server.force_exit = True
                self._thread.join(timeout=5)
        if not self._thread.is_alive():
            self._socket.close()

    def __enter__(self) -> TemporaryServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def temporary_server() -> TemporaryServer | None:
    """Start a temporary server unless a Prefect server is configured."""
    return None if _prefect_configured() else TemporaryServer()
