"""Letters whose file names are not valid UTF-8 (a Latin-1 'công văn' copied from an old share) go through the
intake on SQLite and PostgreSQL: stored once, named with U+FFFD where a byte could not be read, archived."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from sqlalchemy import select

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs"


def test_a_file_name_that_is_not_utf8_is_stored_and_archived(data_dir, db_url, settings_for):
    from pipeline.intake import ingest
    from pipeline.store import open_store
    from pipeline.store.models import AuditEntry, Document

    inbox = os.fsencode(data_dir / "inbox")
    shutil.copy(SAMPLES / "cv_an_phat_cot_nam.docx", os.path.join(inbox, b"c\xf4ng v\xe9n.docx"))
    report = ingest(settings_for(data_dir, db_url))
    assert report.stored == 1 and report.quarantined == 0
    store = open_store(db_url)
    try:
        with store.session() as s:
            doc = s.scalars(select(Document)).one()
            assert doc.file_name == "c\ufffdng v\ufffdn.docx" and doc.status != "rejected"
            assert "\ufffd" in doc.source_path
            assert (data_dir / doc.archive_path).is_file()
            assert s.scalars(select(AuditEntry).where(AuditEntry.action == "stored")).one()
    finally:
        store.dispose()
    assert os.listdir(inbox) == []


def test_fifos_devices_and_folders_behind_links_in_the_inbox_are_never_read(data_dir, settings_for):
    """A FIFO (reading it blocks until someone writes) and a link to /dev/zero (never ends) in the inbox used to hang
    the intake while hashing; they are left where they are and the letters beside them go through."""
    import threading

    from pipeline.intake import ingest

    inbox = data_dir / "inbox"
    shutil.copy(SAMPLES / "cv_an_phat_cot_nam.docx", inbox / "letter.docx")
    os.mkfifo(inbox / "pipe.pdf")
    (inbox / "zero.pdf").symlink_to("/dev/zero")
    (inbox / "folder.docx").symlink_to(data_dir)
    result = {}
    worker = threading.Thread(target=lambda: result.update(report=ingest(settings_for(
        data_dir, f"sqlite:///{data_dir / 'replyflow.db'}"))), daemon=True)
    worker.start()
    worker.join(timeout=240)
    assert not worker.is_alive(), "the intake hung on a FIFO or a device"
    assert result["report"].stored == 1
    assert sorted(p.name for p in inbox.iterdir()) == ["folder.docx", "pipe.pdf", "zero.pdf"]
