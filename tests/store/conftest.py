import pytest


@pytest.fixture
def store(db_url):
    from pipeline.store import open_store

    st = open_store(db_url)
    yield st
    st.dispose()
