"""`replyflow user` and `replyflow web`, run as real subprocesses; the app on PostgreSQL."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from sqlalchemy import select

from tests.support.live import free_port

EXE = Path(sys.executable).with_name("replyflow")


def _env(tmp_path: Path) -> dict:
    return {**os.environ, "REPLYFLOW_DATA_DIR": str(tmp_path / "data")}


def test_user_add_reads_the_password_from_stdin_and_hashes_it(tmp_path):
    env = _env(tmp_path)
    proc = subprocess.run([str(EXE), "user", "add", "lan", "--role", "admin"], input="mat-khau-cua-lan\n",
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    again = subprocess.run([str(EXE), "user", "add", "lan"], input="mat-khau-khac\n", capture_output=True,
                           text=True, env=env, timeout=120)
    assert again.returncode != 0 and "đã có" in again.stderr
    short = subprocess.run([str(EXE), "user", "add", "binh"], input="ngan\n", capture_output=True, text=True,
                           env=env, timeout=120)
    assert short.returncode != 0 and "8 ký tự" in short.stderr
    listed = subprocess.run([str(EXE), "user", "list"], capture_output=True, text=True, env=env, timeout=120)
    assert listed.stdout.split() == ["lan", "admin", "active"]

    from pipeline.store import open_store
    from pipeline.store.web_models import User
    from pipeline.web.security import verify_password
    store = open_store(f"sqlite:///{tmp_path / 'data' / 'replyflow.db'}")
    with store.session() as s:
        user = s.scalar(select(User).where(User.name == "lan"))
        assert user.role == "admin" and user.password_hash.startswith("$argon2")
        assert verify_password(user.password_hash, "mat-khau-cua-lan")
        assert "mat-khau-cua-lan" not in user.password_hash
    store.dispose()


def test_web_serves_the_login_page_and_nothing_else_anonymously(tmp_path):
    port = free_port()
    proc = subprocess.Popen([str(EXE), "web", "--port", str(port)], env=_env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as resp:
                    assert "Đăng nhập" in resp.read().decode()
                    assert "httponly" in resp.headers["set-cookie"].lower()
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None and time.monotonic() < deadline, "replyflow web did not start"
                time.sleep(0.3)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/exports/items.xlsx", timeout=5)
            raise AssertionError("an anonymous export was served")
        except urllib.error.HTTPError as exc:
            assert exc.code == 401
        assert (tmp_path / "data" / "web_secret.key").stat().st_mode & 0o077 == 0
    finally:
        proc.terminate()
        proc.wait(20)


def test_the_app_is_built_by_its_factory_only():
    proc = subprocess.run([sys.executable, "-c", "import pipeline.web, pipeline.web.app, pipeline.web.routes.queue; "
                           "import pipeline.web.app as a; assert not hasattr(a, 'app')"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_review_on_postgresql(tmp_path):
    """The same review steps on the real PostgreSQL server (skipped when it is not running)."""
    from fastapi.testclient import TestClient

    from pipeline.config import get_settings
    from pipeline.store.models import Document
    from pipeline.web import create_app, queries
    from tests.support.databases import fresh_postgres
    from tests.support.seed import seed
    from tests.support.webclient import form_of, sign_in

    with fresh_postgres() as url:
        data_dir = tmp_path / "data"
        data_dir.mkdir()
        seed(data_dir, url)
        app = create_app(get_settings(data_dir=data_dir, database_url=url), secret_key="pg")
        try:
            with TestClient(app, base_url="http://127.0.0.1") as client:
                sign_in(client)
                assert 'data-doc="4"' in client.get("/queue?zone=KCN Đồ Sơn").text
                form = form_of(client.get("/documents/4").text)
                with app.state.store.session() as s:
                    total = queries.total_needs(s)
                client.post("/documents/4", data={**form, "action": "approve",
                                                  "hiring_needs.0.quantity": "205"})
                with app.state.store.session() as s:
                    assert s.get(Document, 4).status == "extracted"
                    assert queries.total_needs(s) == total + 5
                for path in ("/dashboard", "/dashboard/drill?year=2023", "/register", "/exports/items.xlsx",
                             "/exports/report.docx"):
                    assert client.get(path).status_code == 200, path
        finally:
            app.state.store.dispose()
