import pytest

from tests.rf_testkit.databases import fresh_postgres


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
    else:
        with fresh_postgres() as url:
            yield url


@pytest.fixture
def store(db_url):
    from pipeline.store import open_store

    st = open_store(db_url)
    yield st
    st.dispose()
