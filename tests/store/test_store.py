"""The central store on SQLite and on the real PostgreSQL server: schema, loading, enterprises, superseding,
resubmissions, corrections, review flags."""
from __future__ import annotations

import copy
import datetime as dt

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError

from pipeline.store import StoreUnavailable, open_store
from pipeline.store.corrections import add_correction, apply_corrections, corrections_of, resolve_flag
from pipeline.store.enterprises import name_key
from pipeline.store.load import RESUBMISSION, fill_document
from pipeline.store.models import Document, Enterprise, ReviewFlag
from pipeline.store.queries import needs_totals, review_queue, status_summary
from tests.support.records import load, result


def test_schema_is_migrated_and_migrating_again_is_a_no_op(store, db_url):
    insp = inspect(store.engine)
    assert {"documents", "enterprises", "hiring_needs", "criteria", "offers", "registrations", "proposals",
            "review_flags", "corrections", "audit_log", "mailbox_messages", "quarantine"} <= set(insp.get_table_names())
    assert "current_hiring_needs" in insp.get_view_names()
    open_store(db_url).dispose()


def test_a_document_is_stored_with_everything_read_from_it(store):
    doc_id = load(store, result(1))
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert doc.status == "extracted" and doc.letter_date == dt.date(2023, 3, 20)
        assert [(n.year, n.quantity, n.quantity_max) for n in doc.hiring_needs] == [(2023, 100, None), (2024, 5, 8)]
        assert doc.criteria[0].category == "language" and doc.offers[0].kind == "internship"
        assert doc.registration.channels == ["Cổng thông tin heza"] and doc.proposals[0].text
        assert doc.extraction["enterprise"]["tax_code"] == "0200010012"
        assert doc.enterprise.tax_code == "0200010012"
        summary = status_summary(s)
    assert summary["documents"] == 1 and summary["by_status"] == {"extracted": 1, "needs_review": 0, "rejected": 0}
    assert summary["open_flags"] == 0 and summary["quarantined"] == 0


def test_the_same_bytes_cannot_be_stored_twice(store):
    load(store, result(1))
    with pytest.raises(IntegrityError):
        load(store, result(1))
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 1


def test_enterprises_by_tax_code_or_normalised_name(store):
    load(store, result(1, tax=None, name="CÔNG TY TNHH  Hoà Bình."))
    load(store, result(2, tax=None, name="Cty TNHH Hòa Bình", number="16/CV"))
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Enterprise)) == 1
    load(store, result(3, tax="0200010012", name="Công ty TNHH Hoà Bình", number="17/CV"))   # tax code learnt
    load(store, result(4, tax="0200010012", name="Hoa Binh Co., Ltd", number="18/CV"))
    with store.session() as s:
        ents = s.scalars(select(Enterprise)).all()
        assert len(ents) == 1 and ents[0].tax_code == "0200010012"
        assert s.scalar(select(func.count()).select_from(Document).where(Document.enterprise_id == ents[0].id)) == 4
    assert name_key("CÔNG TY TNHH  Hoà Bình.") == name_key("Cty TNHH Hòa Bình")


def test_a_newer_reply_supersedes_the_older_in_totals_and_both_stay(store):
    old = load(store, result(1, date="2023-03-01", quantity=100, number="1/CV"))
    new = load(store, result(2, date="2023-04-01", quantity=70, number="2/CV"))
    other = load(store, result(3, tax="0100109106", name="Công ty B", quantity=30))
    with store.session() as s:
        assert s.get(Document, old).superseded_by_id == new
        assert s.get(Document, new).superseded_by_id is None and s.get(Document, other).superseded_by_id is None
        totals = {(t["year"], t["qualification"]): t["quantity"] for t in needs_totals(s)}
        assert totals[(2023, "unskilled")] == 70 + 30
        assert s.scalar(select(func.count()).select_from(Document)) == 3
    # a late-arriving older letter does not take over
    late = load(store, result(4, date="2023-02-01", quantity=999, number="0/CV"))
    with store.session() as s:
        assert s.get(Document, late).superseded_by_id == new
        assert {(t["year"], t["qualification"]): t["quantity"] for t in needs_totals(s)}[(2023, "unskilled")] == 100


def test_a_possible_resubmission_is_flagged_not_dropped(store):
    load(store, result(1, number="15/CV"))
    again = load(store, result(2, number="15/CV", quantity=101))           # same tax code and letter number
    load(store, result(3, tax=None, name="Công ty C", number="7/CV"))
    copy_ = load(store, result(3, tax=None, name="Công ty C", number="7/CV", salt="rescan"))  # same text, other bytes
    with store.session() as s:
        for doc_id in (again, copy_):
            doc = s.get(Document, doc_id)
            assert doc.status == "needs_review"
            assert [f.code for f in doc.flags if f.state == "open"] == [RESUBMISSION]
        assert s.scalar(select(func.count()).select_from(Document)) == 4
        queue = {entry.document.id for entry in review_queue(s, spot_share=0.0)}
    assert queue == {again, copy_}


def test_corrections_survive_reextraction_and_resolving_flags_clears_review(store):
    flags = [{"field": "hiring_needs", "code": "total_mismatch", "message": "Tổng cộng 150 khác tổng các dòng 140"}]
    doc_id = load(store, result(1, status="needs_review", flags=flags))
    with store.session() as s:
        doc = s.get(Document, doc_id)
        add_correction(s, doc, "/hiring_needs/0/quantity", 140, officer="lan", note="đối chiếu bản gốc")
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert doc.hiring_needs[0].quantity == 140 and doc.status == "needs_review"
        resolve_flag(s, doc.flags[0].id, officer="lan", resolution="đã sửa")
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert doc.status == "extracted"
        # an upgraded extractor reads the letter again: the correction is re-applied, the settled flag stays settled
        fresh = result(1, status="needs_review", flags=flags, quantity=150)
        corrected, lost = apply_corrections(fresh, corrections_of(s, doc_id))
        assert not lost
        fill_document(s, doc, corrected)
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert doc.hiring_needs[0].quantity == 140 and doc.status == "extracted"
        assert s.scalar(select(func.count()).select_from(ReviewFlag).where(ReviewFlag.state == "open")) == 0


def test_rejected_documents_are_kept_without_an_enterprise(store):
    res = result(1, status="rejected", flags=[{"field": "source", "code": "not_a_reply", "message": "Không phải"}])
    res = copy.deepcopy(res)
    res["hiring_needs"] = []
    doc_id = load(store, res)
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert doc.enterprise_id is None and doc.status == "rejected"
        assert status_summary(s)["by_status"]["rejected"] == 1


def test_an_unreachable_database_raises_store_unavailable():
    with pytest.raises(StoreUnavailable):
        open_store("postgresql+psycopg://postgres@127.0.0.1:1/nothing")


# --- corrections tied to what they correct; re-reading after an upgrade -------------------------------------------

def _needs(*rows) -> list[dict]:
    return [{"year": y, "position": p, "qualification": q, "quantity": n, "quantity_max": None, "confidence": 0.9}
            for y, p, q, n in rows]


WELDER = (2023, "Thợ hàn", "elementary_vocational", 12)
SEWER = (2023, "Công nhân may", "unskilled", 100)
ENGINEER = (2024, "Kỹ sư cơ khí", "university", 5)


def _open_flags(s, doc_id):
    return [f for f in s.scalars(select(ReviewFlag).where(ReviewFlag.document_id == doc_id,
                                                          ReviewFlag.state == "open")).all()]


def test_a_correction_follows_its_need_when_a_new_reading_reorders_and_drops_rows(store):
    from pipeline.store.rereading import reread

    res = result(1)
    res["hiring_needs"] = _needs(WELDER, SEWER, ENGINEER)
    doc_id = load(store, res)
    with store.session() as s:
        doc = s.get(Document, doc_id)
        add_correction(s, doc, "/hiring_needs/1/quantity", 140, officer="lan")       # the sewers
        add_correction(s, doc, "/hiring_needs/2/year", 2025, officer="lan")          # the engineers' year...
        add_correction(s, doc, "/hiring_needs/2/quantity", 6, officer="lan")         # ...then their count
        add_correction(s, doc, "/enterprise/name", "Công ty TNHH ABC", officer="lan")
        corr = corrections_of(s, doc_id)[0]
        assert (corr.section, corr.field, corr.target["position"], corr.target["year"]) == (
            "hiring_needs", "quantity", "Công nhân may", 2023)
    # an upgraded extractor reads the rows in another order and misses the welders' row
    new = result(1)
    new["hiring_needs"] = _needs(ENGINEER, (2023, "Cong nhan may.", "unskilled", 100))   # folded spelling
    with store.session() as s:
        reread(s, s.get(Document, doc_id), new, extractor_version="test-2")
    with store.session() as s:
        doc = s.get(Document, doc_id)
        by_position = {n["position"]: (n["year"], n["quantity"]) for n in doc.extraction["hiring_needs"]}
        assert by_position == {"Kỹ sư cơ khí": (2025, 6), "Cong nhan may.": (2023, 140)}
        assert doc.extraction["enterprise"]["name"] == "Công ty TNHH ABC" and not _open_flags(s, doc_id)
    # the next reading drops the sewers' row: their correction is applied nowhere and flagged
    newer = result(1)
    newer["hiring_needs"] = _needs(WELDER, ENGINEER)
    with store.session() as s:
        detail = reread(s, s.get(Document, doc_id), newer, extractor_version="test-3")
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert sorted((n["position"], n["quantity"]) for n in doc.extraction["hiring_needs"]) == [
            ("Kỹ sư cơ khí", 6), ("Thợ hàn", 12)]                     # the 140 went nowhere else
        flags = _open_flags(s, doc_id)
        assert [f.code for f in flags] == ["correction_unplaced"] and doc.status == "needs_review"
        assert "Công nhân may" in flags[0].message and "140" in flags[0].message
        assert len(detail["corrections_lost"]) == 1


def test_an_ambiguous_target_is_not_guessed(store):
    from pipeline.store.rereading import reread

    res = result(1)
    res["hiring_needs"] = _needs(SEWER, ENGINEER)
    doc_id = load(store, res)
    with store.session() as s:
        add_correction(s, s.get(Document, doc_id), "/hiring_needs/0/quantity", 90, officer="lan")
    new = result(1)
    new["hiring_needs"] = _needs(SEWER, ENGINEER, (2023, "Công nhân may", "unskilled", 30))   # now two rows
    with store.session() as s:
        reread(s, s.get(Document, doc_id), new, extractor_version="test-2")
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert sorted(n["quantity"] for n in doc.extraction["hiring_needs"]) == [5, 30, 100]
        assert [f.code for f in _open_flags(s, doc_id)] == ["correction_unplaced"]


def test_an_approved_letter_keeps_its_values_and_a_differing_reading_waits_beside_them(store):
    from pipeline.store.rereading import adopt_reading, reread
    from pipeline.web.review import approve

    res = result(1)
    res["hiring_needs"] = _needs(SEWER, ENGINEER)
    doc_id = load(store, res)
    with store.session() as s:
        doc = s.get(Document, doc_id)
        add_correction(s, doc, "/hiring_needs/0/quantity", 120, officer="lan")
        approve(s, doc, "lan", spot_check=False, corrected=True)
        version = doc.version
    same = result(1)
    same["hiring_needs"] = _needs(ENGINEER, SEWER)                  # same values, other order
    with store.session() as s:
        reread(s, s.get(Document, doc_id), same, extractor_version="test-2")
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert doc.pending_reading is None and doc.status == "extracted" and not _open_flags(s, doc_id)
    other = result(1, name="Công ty TNHH ABC Việt Nam (mới)")
    other["hiring_needs"] = _needs((2023, "Công nhân may", "unskilled", 80), (2024, "Kỹ sư cơ khí", "university", 7),
                                   WELDER)           # the officer's 120 still applies to the sewers
    with store.session() as s:
        reread(s, s.get(Document, doc_id), other, extractor_version="test-3")
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert sorted((n.position, n.quantity) for n in doc.hiring_needs) == [("Công nhân may", 120), ("Kỹ sư cơ khí", 5)]
        totals = {(t["year"], t["qualification"]): t["quantity"] for t in needs_totals(s)}
        assert totals[(2023, "unskilled")] == 120                    # the approved value still counts
        assert doc.pending_reading is not None and doc.status == "needs_review" and doc.version > version
        [flag] = _open_flags(s, doc_id)
        assert flag.code == "reading_differs"
        for part in ("«Kỹ sư cơ khí» (Đại học, 2024) · số lượng: 5 → 7", "«Thợ hàn» (Sơ cấp, 2023) (12): chỉ có",
                     "Doanh nghiệp · tên", "(3 chỗ)"):
            assert part in flag.message, part
        adopt_reading(s, doc, "lan")
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert sorted((n.position, n.quantity) for n in doc.hiring_needs) == [
            ("Công nhân may", 120), ("Kỹ sư cơ khí", 7), ("Thợ hàn", 12)]
        assert doc.pending_reading is None and doc.status == "needs_review" and doc.reviewed_outcome is None


def test_a_rejected_letter_stays_rejected_on_reprocess(store):
    from pipeline.store.rereading import reread
    from pipeline.web.review import reject

    doc_id = load(store, result(1))
    with store.session() as s:
        reject(s, s.get(Document, doc_id), "lan", "trùng", spot_check=False)
    with store.session() as s:
        reread(s, s.get(Document, doc_id), result(1, quantity=7), extractor_version="test-2")
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert doc.status == "rejected" and doc.extraction["hiring_needs"][0]["quantity"] == 100


def test_corrections_made_before_targets_existed_are_tied_by_the_migration(db_url):
    """A store at the previous schema with pointer-only corrections: the upgrade ties each to the item its index
    designated when it was made (replaying them backwards); one that cannot be tied is never applied."""
    from alembic import command
    from alembic.config import Config

    from pipeline.store.db import MIGRATIONS, make_engine
    from pipeline.store.rereading import reread

    engine = make_engine(db_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    values = result(1)
    values["hiring_needs"] = _needs((2024, "Công nhân may", "unskilled", 140), ENGINEER)   # year and count corrected
    with engine.begin() as conn:
        from sqlalchemy import text
        import json

        now = dt.datetime(2023, 4, 1, tzinfo=dt.timezone.utc)
        conn.execute(text("INSERT INTO documents (id, sha256, file_name, source_kind, processed_at, status, "
                          "extractor_version, extraction) VALUES (1, 'x', 'a.docx', 'folder', :t, 'extracted', "
                          "'old', :e)"), {"t": now, "e": json.dumps(values, ensure_ascii=False)})
        for path, old, new in (("/hiring_needs/0/year", 2023, 2024), ("/hiring_needs/0/quantity", 100, 140),
                               ("/hiring_needs/9/quantity", 1, 2)):
            conn.execute(text("INSERT INTO corrections (document_id, path, old_value, new_value, officer, created_at) "
                              "VALUES (1, :p, :o, :n, 'lan', :t)"),
                         {"p": path, "o": json.dumps(old), "n": json.dumps(new), "t": now})
    engine.dispose()
    store = open_store(db_url)
    try:
        with store.session() as s:
            corrs = corrections_of(s, 1)
            assert [(c.section, c.field, (c.target or {}).get("year")) for c in corrs[:2]] == [
                ("hiring_needs", "year", 2023), ("hiring_needs", "quantity", 2024)]
            assert corrs[2].section is None
            new = result(1)
            new["hiring_needs"] = _needs(ENGINEER, SEWER)
            reread(s, s.get(Document, 1), new, extractor_version="new")
        with store.session() as s:
            doc = s.get(Document, 1)
            assert sorted((n.year, n.position, n.quantity) for n in doc.hiring_needs) == [
                (2024, "Công nhân may", 140), (2024, "Kỹ sư cơ khí", 5)]
            assert [f.code for f in _open_flags(s, 1)] == ["correction_unplaced"]
    finally:
        store.dispose()
