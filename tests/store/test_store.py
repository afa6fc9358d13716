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
