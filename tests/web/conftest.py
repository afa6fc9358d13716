import warnings

import pytest

from tests.support.seed import seed

with warnings.catch_warnings():                 # starlette's TestClient still runs on httpx and says so on import
    warnings.simplefilter("ignore")
    import fastapi.testclient  # noqa: F401


@pytest.fixture
def seeded(tmp_path):
    """A data directory with the sample letters loaded into a SQLite store, and its settings."""
    from pipeline.config import get_settings

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    url = f"sqlite:///{data_dir / 'replyflow.db'}"
    seed(data_dir, url)
    return get_settings(data_dir=data_dir, database_url=url)


@pytest.fixture
def app(seeded):
    from pipeline.web import create_app

    app = create_app(seeded, secret_key="test-secret")
    yield app
    app.state.store.dispose()


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c
