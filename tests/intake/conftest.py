import pytest


@pytest.fixture
def settings_for():
    from pipeline.config import get_settings

    def make(data_dir, db_url, **kw):
        return get_settings(data_dir=data_dir, database_url=db_url, jobs=2, settle_seconds=0, **kw)
    return make
