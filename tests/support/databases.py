"""Databases for tests: a SQLite file, or a fresh uniquely-named database on the real PostgreSQL server
(127.0.0.1:5432, trust authentication), dropped afterwards."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ADMIN_URLS = [os.environ.get("REPLYFLOW_TEST_PG_ADMIN_URL", ""),
              "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
              "postgresql+psycopg://root@127.0.0.1:5432/postgres"]
REQUIRE = os.environ.get("REPLYFLOW_TEST_REQUIRE_POSTGRES") == "1"
_admin: str | None = None


def admin_url() -> str | None:
    """The first admin URL that connects, or None (CI sets REPLYFLOW_TEST_REQUIRE_POSTGRES=1: then fail)."""
    global _admin
    if _admin is None:
        for url in filter(None, ADMIN_URLS):
            try:
                with create_engine(url, connect_args={"connect_timeout": 3}).connect():
                    _admin = url
                    break
            except Exception:  # noqa: BLE001
                continue
        else:
            _admin = ""
    return _admin or None


@contextmanager
def fresh_postgres() -> Iterator[str]:
    admin = admin_url()
    if admin is None:
        if REQUIRE:
            pytest.fail("PostgreSQL at 127.0.0.1:5432 is required (REPLYFLOW_TEST_REQUIRE_POSTGRES=1) but down")
        pytest.skip("PostgreSQL at 127.0.0.1:5432 is not reachable")
    name = f"replyflow_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
