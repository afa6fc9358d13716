"""The data directory is private (issue 10, point 5): the folder, the database and the archived letters are created
0700/0600 whatever the umask, and a letter dropped world-readable into the inbox is not world-readable once
archived or quarantined."""
from __future__ import annotations

import os
import stat

import pytest

from tests.support.replies import write_letters


def _mode(path) -> int:  # noqa: ANN001
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0o022)                   # what a shell or a Prefect worker usually runs with
    yield
    os.umask(old)


def test_data_directory_database_and_archive_are_private(tmp_path, settings_for, open_umask):
    from pipeline.intake import ingest

    inbox = tmp_path / "inbox"
    letters = write_letters(inbox, 2)
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    for p in inbox.iterdir():
        os.chmod(p, 0o644)
    data_dir = tmp_path / "srv" / "replyflow"                  # neither exists yet
    settings = settings_for(data_dir, f"sqlite:///{data_dir / 'replyflow.db'}", inbox=inbox)
    report = ingest(settings)
    assert report.stored == 3
    assert _mode(tmp_path / "srv") == 0o700 and _mode(data_dir) == 0o700
    database = data_dir / "replyflow.db"
    assert _mode(database) == 0o600
    for side in ("replyflow.db-wal", "replyflow.db-shm"):
        if (data_dir / side).exists():
            assert _mode(data_dir / side) == 0o600, side
    archived = [p for p in (data_dir / "archive").rglob("*")]
    assert len([p for p in archived if p.is_file()]) == len(letters) + 1
    for p in archived:
        assert _mode(p) == (0o700 if p.is_dir() else 0o600), p
    for p in (data_dir / "archive").parents:
        if p == tmp_path:
            break
        assert _mode(p) == 0o700, p
