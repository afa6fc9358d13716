import os

import pytest

os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def env_settings(monkeypatch, data_dir):
    """The flows build their settings from REPLYFLOW_* variables, as a deployment would."""
    monkeypatch.setenv("REPLYFLOW_DATA_DIR", str(data_dir))
    monkeypatch.setenv("REPLYFLOW_JOBS", "2")
    monkeypatch.setenv("REPLYFLOW_SETTLE_SECONDS", "0")
    monkeypatch.delenv("REPLYFLOW_DATABASE_URL", raising=False)
    monkeypatch.delenv("REPLYFLOW_INBOX", raising=False)
    from pipeline.config import get_settings
    return get_settings()
