"""The folder intake: archive after commit, duplicates, unsettled files, quarantine and retry, reprocess."""
from __future__ import annotations

import shutil
from collections import Counter
import threading
import time

import pytest
from sqlalchemy import select

from pipeline.intake import ExtractionStream, Intake, discover_items, ingest, reprocess, retry_quarantined
from pipeline.intake.files import discover
from pipeline.store import StoreUnavailable, open_store
from pipeline.store.corrections import add_correction
from pipeline.store.models import Document, QuarantineItem
from pipeline.store.queries import status_summary
from tests.support.replies import write_letters, write_reply
from tests.support.runs import sha, where_is_everything


def test_ingest_stores_archives_and_drops_byte_identical_duplicates(data_dir, db_url, settings_for):
    inbox = data_dir / "inbox"
    letters = write_letters(inbox, 4)
    shutil.copy(letters[0], inbox / "same_bytes_other_name.docx")
    (inbox / "sub").mkdir()
    write_reply(inbox / "sub" / "nested.docx", 9)
    (inbox / "notes.txt").write_text("không phải công văn")
    (inbox / "~$lock.docx").write_text("lock")                # an editor's lock file is never taken
    settings = settings_for(data_dir, db_url)
    progress = []
    report = ingest(settings, progress=lambda done, total: progress.append((done, total)))
    assert report.stored == 6 and report.duplicates == 1 and report.quarantined == 0
    assert report.by_status["rejected"] == 1 and progress[-1] == (6, 6)
    assert sorted(p.name for p in inbox.rglob("*") if p.is_file()) == ["~$lock.docx"]
    store = open_store(settings.database_url)
    with store.session() as s:
        docs = s.scalars(select(Document)).all()
        assert len(docs) == 6
        for doc in docs:
            archived = data_dir / doc.archive_path
            assert archived.is_file() and sha(archived) == doc.sha256
            assert archived.name == f"{doc.sha256}_{doc.file_name}" and doc.source_kind == "folder"
        assert status_summary(s)["by_status"]["extracted"] == 5
    # the same letter dropped in again later: no new record, and it leaves the inbox
    shutil.copy(data_dir / docs[0].archive_path, inbox / "again.docx")
    again = ingest(settings)
    assert again.stored == 0 and again.duplicates == 1 and not (inbox / "again.docx").exists()
    with store.session() as s:
        assert status_summary(s)["documents"] == 6
    store.dispose()


def test_files_still_being_written_are_left_for_the_next_run(tmp_path):
    inbox = tmp_path / "inbox"
    growing = inbox / "growing.docx"
    inbox.mkdir()
    write_reply(inbox / "done.docx", 1)
    growing.write_bytes(b"PK")
    stop = threading.Event()

    def writer():
        while not stop.is_set():
            with open(growing, "ab") as fh:
                fh.write(b"x" * 100)
            time.sleep(0.05)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        found, unsettled = discover(inbox, settle_seconds=0.5)
    finally:
        stop.set()
        thread.join()
    assert [c.path.name for c in found] == ["done.docx"] and unsettled == [growing]


def test_a_down_database_fails_cleanly_and_leaves_the_inbox_untouched(data_dir, settings_for):
    letters = write_letters(data_dir / "inbox", 3)
    before = {p: sha(p) for p in letters}
    settings = settings_for(data_dir, "postgresql+psycopg://postgres@127.0.0.1:1/replyflow")
    with pytest.raises(StoreUnavailable):
        ingest(settings)
    assert {p: sha(p) for p in letters} == before
    assert not (data_dir / "archive").exists() and not (data_dir / "quarantine").exists()


def test_unprocessable_files_are_quarantined_with_a_reason_and_retry_releases_them(data_dir, db_url, settings_for):
    from pipeline.runtime.extract import extract_files

    letters = write_letters(data_dir / "inbox", 3)
    settings = settings_for(data_dir, db_url)

    def flaky(paths, jobs):                                # the worker ran out of time on the second letter
        for path, result in extract_files(paths, jobs=jobs):
            if path.name == letters[1].name:
                result = {"source": result["source"], "status": "rejected",
                          "flags": [{"field": "source", "code": "timeout", "message": "Quá thời gian xử lý"}]}
            yield path, result

    store = open_store(settings.database_url)
    items, _ = discover_items(settings)
    intake = Intake(settings, store)
    plan = intake.plan(items)
    with ExtractionStream([i.path for i in plan.todo], jobs=2, extractor=flaky) as stream:
        report = intake.process(zip(plan.todo, (r for _, r in stream.results([i.path for i in plan.todo]))))
    assert report.stored == 2 and report.quarantined == 1
    held = list((data_dir / "quarantine").iterdir())
    assert sorted(p.name.endswith(".reason.txt") for p in held) == [False, True]
    assert "timeout" in next(p for p in held if p.name.endswith(".reason.txt")).read_text()
    with store.session() as s:
        assert status_summary(s)["quarantined"] == 1 and status_summary(s)["documents"] == 2
    retried = retry_quarantined(settings, store)
    assert retried.released == 1 and retried.stored == 1
    assert not any((data_dir / "quarantine").iterdir())
    with store.session() as s:
        assert status_summary(s)["quarantined"] == 0 and status_summary(s)["documents"] == 3
        assert s.scalars(select(QuarantineItem)).one().state == "released"
    assert sorted(where_is_everything(data_dir).values()) == [["archive"]] * 3
    store.dispose()


def test_reprocess_reads_stored_originals_again_and_keeps_corrections(data_dir, db_url, settings_for):
    write_letters(data_dir / "inbox", 2)
    settings = settings_for(data_dir, db_url)
    ingest(settings)
    store = open_store(settings.database_url)
    with store.session() as s:
        doc = s.scalars(select(Document).order_by(Document.id)).first()
        add_correction(s, doc, "/hiring_needs/0/quantity", 4321, officer="lan")
        doc_id = doc.id
    assert reprocess(settings, store).found == 0          # nothing read by another extractor version
    report = reprocess(settings, store, everything=True)
    assert report.stored == 2 and not report.errors
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert doc.hiring_needs[0].quantity == 4321 and doc.extraction["hiring_needs"][0]["quantity"] == 4321
    store.dispose()


def test_reprocess_with_an_extractor_that_reorders_and_drops_rows(data_dir, db_url, settings_for):
    """The real extractor on real letters, except that the 'upgraded' one reads the needs in reverse order and
    misses the 2025 column: each correction (a deletion too) lands on its own need or nowhere (flagged), and the
    approved letter keeps its approved figures with the new reading waiting beside them."""
    from pipeline.runtime.extract import extract_files
    from pipeline.store.queries import needs_totals
    from pipeline.web.review import approve

    write_letters(data_dir / "inbox", 3)
    settings = settings_for(data_dir, db_url)
    ingest(settings)
    store = open_store(settings.database_url)
    with store.session() as s:
        corrected, dropped, approved = s.scalars(select(Document).order_by(Document.id)).all()
        needs = corrected.extraction["hiring_needs"]
        assert len(needs) == 6 and {n["year"] for n in needs} == {2023, 2024, 2025}
        first = next(i for i, n in enumerate(needs) if n["year"] == 2023)
        target = dict(needs[first])
        add_correction(s, corrected, f"/hiring_needs/{first}/quantity", 4321, officer="lan")
        deleted = next(i for i, n in enumerate(needs) if n["year"] == 2024)     # an officer deleted a 2024 row
        deleted_key = tuple(needs[deleted][k] for k in ("year", "position", "qualification"))
        add_correction(s, corrected, f"/hiring_needs/{deleted}", None, officer="lan", kind="delete")
        gone = next(i for i, n in enumerate(dropped.extraction["hiring_needs"]) if n["year"] == 2025)
        add_correction(s, dropped, f"/hiring_needs/{gone}/quantity", 777, officer="lan")
        approve(s, approved, "lan", spot_check=False, corrected=False)
        ids = corrected.id, dropped.id, approved.id
        approved_needs = sorted((n.year, n.position, n.quantity) for n in approved.hiring_needs)
        totals_before = needs_totals(s)

    def upgraded(paths, **kw):
        for path, res in extract_files(paths, **kw):
            res["hiring_needs"] = [n for n in reversed(res["hiring_needs"]) if n["year"] != 2025]
            yield path, res

    report = reprocess(settings, store, everything=True, extractor=upgraded)
    assert report.stored == 3 and not report.errors
    with store.session() as s:
        doc = s.get(Document, ids[0])
        [now] = [n for n in doc.extraction["hiring_needs"] if n["quantity"] == 4321]
        assert (now["year"], now["position"], now["qualification"]) == (
            target["year"], target["position"], target["qualification"])
        assert doc.extraction["hiring_needs"].index(now) != first          # it moved, the correction followed
        keys = [tuple(n[k] for k in ("year", "position", "qualification")) for n in doc.extraction["hiring_needs"]]
        assert deleted_key not in keys and len(keys) == 3                  # 6 - two 2025 rows - the deleted one
        assert not [f for f in doc.flags if f.state == "open"]
        doc = s.get(Document, ids[1])
        assert 777 not in [n.quantity for n in doc.hiring_needs]          # applied nowhere else
        assert [f.code for f in doc.flags if f.state == "open"] == ["correction_unplaced"]
        assert doc.status == "needs_review"
        doc = s.get(Document, ids[2])
        assert sorted((n.year, n.position, n.quantity) for n in doc.hiring_needs) == approved_needs
        [flag] = [f for f in doc.flags if f.state == "open"]
        assert flag.code == "reading_differs" and flag.message.count("không còn trong bản đọc mới") == 2
        assert doc.pending_reading is not None and doc.status == "needs_review"
        totals_after = {(t["year"], t["qualification"]): t["quantity"] for t in needs_totals(s)}
    # the other letters lost their 2025 rows: 2025 now counts the approved letter's approved figures, and only them
    approved_2025 = Counter()
    for year, position, quantity in approved_needs:
        if year == 2025:
            approved_2025[(2025, next(n["qualification"] for n in doc.extraction["hiring_needs"]
                                      if n["position"] == position and n["year"] == 2025))] += quantity
    assert {k: v for k, v in totals_after.items() if k[0] == 2025} == dict(approved_2025)
    assert sum(t["quantity"] for t in totals_before if t["year"] == 2025) > sum(approved_2025.values())
    store.dispose()


def test_a_forged_letter_with_another_enterprises_tax_code_does_not_replace_its_figures(data_dir, db_url,
                                                                                       settings_for):
    """The attack of issue 10, through the real intake on real letters: 'Công ty TNHH Giả Mạo' sends a reply with
    enterprise 1's tax code and a later date. Enterprise 1's figures stay counted; the forged letter waits for an
    officer with a flag naming both letters."""
    from pipeline.store.queries import CURRENT_REPLY, needs_totals
    from tests.support.replies import tax_code

    inbox = data_dir / "inbox"
    write_reply(inbox / "genuine.docx", 1, day=10, needs=[35, 35, 35])
    settings = settings_for(data_dir, db_url)
    ingest(settings)
    store = open_store(settings.database_url)
    with store.session() as s:
        before = needs_totals(s)
    write_reply(inbox / "forged.docx", 2, company="CÔNG TY TNHH GIẢ MẠO", tax=tax_code(1001), day=25, needs=[2, 2, 2])
    ingest(settings)
    with store.session() as s:
        genuine, forged = s.scalars(select(Document).order_by(Document.id)).all()
        assert genuine.enterprise_id == forged.enterprise_id
        assert needs_totals(s) == before
        assert s.scalars(select(Document.id).where(CURRENT_REPLY)).all() == [genuine.id]
        assert forged.status == "needs_review"
        [flag] = [f for f in forged.flags if f.code == "unconfirmed_replacement"]
        assert f"#{genuine.id}" in flag.message and f"#{forged.id}" in flag.message and "giả mạo" in flag.message.lower()
    store.dispose()
