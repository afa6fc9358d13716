"""Fixtures shared by several test folders: a data directory, the store's database URL (SQLite and the real
PostgreSQL), a fresh PostgreSQL database, a real IMAP server. Helpers live in tests/support/."""
import pytest

from tests.support.databases import fresh_postgres
from tests.support.dovecot import running_dovecot


@pytest.fixture
def data_dir(tmp_path):
    (tmp_path / "data" / "inbox").mkdir(parents=True)
    return tmp_path / "data"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, data_dir):
    """Each test that takes it runs twice: on a SQLite file in the data directory and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{data_dir / 'replyflow.db'}"
    else:
        with fresh_postgres() as url:
            yield url


@pytest.fixture
def pg_url():
    with fresh_postgres() as url:
        yield url


@pytest.fixture
def imap_server():
    with running_dovecot() as server:
        yield server
