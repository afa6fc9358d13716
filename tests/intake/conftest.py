import pytest

from tests.rf_testkit.databases import fresh_postgres


@pytest.fixture
def data_dir(tmp_path):
    (tmp_path / "data" / "inbox").mkdir(parents=True)
    return tmp_path / "data"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, data_dir):
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
def settings_for():
    from pipeline.config import get_settings

    def make(data_dir, db_url, **kw):
        return get_settings(data_dir=data_dir, database_url=db_url, jobs=2, settle_seconds=0, **kw)
    return make
