"""Corrections that delete items and edit list fields, tied to what they correct: a deleted need stays deleted
when a new reading reorders the needs, a deletion whose need is gone is flagged and applied nowhere; proposals
are items (edited, deleted, added by their text); the channels are corrected as a change of their members."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from pipeline.store.corrections import DELETE, CorrectionError, add_correction, corrections_of, describe
from pipeline.store.models import Document, ReviewFlag
from pipeline.store.rereading import reread
from tests.support.records import load, result

WELDER = (2023, "Thợ hàn", "elementary_vocational", 12)
SEWER = (2023, "Công nhân may", "unskilled", 100)
ENGINEER = (2024, "Kỹ sư cơ khí", "university", 5)


def _needs(*rows) -> list[dict]:
    return [{"year": y, "position": p, "qualification": q, "quantity": n, "quantity_max": None, "confidence": 0.9}
            for y, p, q, n in rows]


def _open(s, doc_id):  # noqa: ANN001, ANN202
    return s.scalars(select(ReviewFlag).where(ReviewFlag.document_id == doc_id, ReviewFlag.state == "open")).all()


def test_deleted_needs_stay_deleted_by_identity_and_a_lost_one_is_flagged_not_applied_elsewhere(store):
    res = result(1)
    res["hiring_needs"] = _needs(WELDER, SEWER, ENGINEER)
    doc_id = load(store, res)
    with store.session() as s:
        doc = s.get(Document, doc_id)
        # two rows deleted in one save: the later first, so the earlier pointer still designates its row
        add_correction(s, doc, "/hiring_needs/2", None, officer="lan", kind=DELETE)
        add_correction(s, doc, "/hiring_needs/0", None, officer="lan", kind=DELETE)
        assert [n["position"] for n in doc.extraction["hiring_needs"]] == ["Công nhân may"]
        assert [n.position for n in doc.hiring_needs] == ["Công nhân may"]             # the rows follow
        first = corrections_of(s, doc_id)[0]
        assert first.kind == "delete" and first.old_value["position"] == "Kỹ sư cơ khí" and first.new_value is None
        assert describe(first) == "Nhu cầu: xoá «Kỹ sư cơ khí» (Đại học, 2024)"
    # a new reading in another order: the same two needs are deleted, whatever their places
    new = result(1)
    new["hiring_needs"] = _needs(ENGINEER, SEWER, (2023, "Thợ hàn.", "elementary_vocational", 12))
    with store.session() as s:
        reread(s, s.get(Document, doc_id), new, extractor_version="test-2")
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert [n["position"] for n in doc.extraction["hiring_needs"]] == ["Công nhân may"]
        assert not _open(s, doc_id)
    # a reading without the engineers: that deletion finds nothing, is flagged, and deletes no other need
    newer = result(1)
    newer["hiring_needs"] = _needs(SEWER, WELDER)
    with store.session() as s:
        detail = reread(s, s.get(Document, doc_id), newer, extractor_version="test-3")
    with store.session() as s:
        doc = s.get(Document, doc_id)
        assert [n["position"] for n in doc.extraction["hiring_needs"]] == ["Công nhân may"]
        [flag] = _open(s, doc_id)
        assert flag.code == "correction_unplaced" and "xoá «Kỹ sư cơ khí»" in flag.message
        assert "→" not in flag.message and detail["corrections_lost"] == ["Nhu cầu: xoá «Kỹ sư cơ khí» (Đại học, 2024)"]


def test_a_deletion_of_one_of_two_same_rows_is_not_guessed_when_a_third_appears(store):
    res = result(1)
    res["hiring_needs"] = _needs(SEWER, SEWER)
    doc_id = load(store, res)
    with store.session() as s:
        add_correction(s, s.get(Document, doc_id), "/hiring_needs/1", None, officer="lan", kind=DELETE)
    new = result(1)
    new["hiring_needs"] = _needs(SEWER, SEWER, SEWER)
    with store.session() as s:
        reread(s, s.get(Document, doc_id), new, extractor_version="test-2")
    with store.session() as s:
        assert len(s.get(Document, doc_id).extraction["hiring_needs"]) == 3
        assert [f.code for f in _open(s, doc_id)] == ["correction_unplaced"]


def test_proposals_are_edited_deleted_and_added_by_their_text(store):
    res = result(1)
    res["proposals"] = ["Tổ chức ngày hội việc làm", "Hỗ trợ nhà ở cho công nhân", "Giảm thủ tục"]
    doc_id = load(store, res)
    with store.session() as s:
        doc = s.get(Document, doc_id)
        add_correction(s, doc, "/proposals/0", "Tổ chức ngày hội việc làm mỗi quý", officer="lan")
        add_correction(s, doc, "/proposals/2", None, officer="lan", kind=DELETE)
        add_correction(s, doc, "/proposals/-", "Mở lớp tiếng Hàn", officer="lan")
        assert doc.extraction["proposals"] == ["Tổ chức ngày hội việc làm mỗi quý", "Hỗ trợ nhà ở cho công nhân",
                                               "Mở lớp tiếng Hàn"]
        assert sorted(p.text for p in doc.proposals) == sorted(doc.extraction["proposals"])
        with pytest.raises(CorrectionError):
            add_correction(s, doc, "/proposals/7", "x", officer="lan")
    new = result(1)
    new["proposals"] = ["Giảm thủ tục", "Hỗ trợ nhà ở cho công nhân", "Tổ chức ngày hội việc làm."]
    with store.session() as s:
        reread(s, s.get(Document, doc_id), new, extractor_version="test-2")
    with store.session() as s:
        assert s.get(Document, doc_id).extraction["proposals"] == [
            "Hỗ trợ nhà ở cho công nhân", "Tổ chức ngày hội việc làm mỗi quý", "Mở lớp tiếng Hàn"]
        assert not _open(s, doc_id)


def test_channels_are_corrected_as_a_change_of_their_members(store):
    res = result(1)
    res["registration"] = {"frequency": "monthly", "channels": ["Cổng thông tin heza", "Zalo"]}
    doc_id = load(store, res)
    with store.session() as s:
        add_correction(s, s.get(Document, doc_id), "/registration/channels",
                       ["Cổng thông tin heza", "Sàn giao dịch việc làm Hải Phòng"], officer="lan")
    # a new reading that found one more channel: the officer's removal and addition apply, the new one stays
    new = result(1)
    new["registration"] = {"frequency": "monthly", "channels": ["Zalo", "Cổng thông tin heza", "Facebook"]}
    with store.session() as s:
        reread(s, s.get(Document, doc_id), new, extractor_version="test-2")
    with store.session() as s:
        assert s.get(Document, doc_id).extraction["registration"]["channels"] == [
            "Cổng thông tin heza", "Facebook", "Sàn giao dịch việc làm Hải Phòng"]
        assert not _open(s, doc_id)
    # a reading that no longer has the channel the officer removed: the correction is flagged, not forced
    newer = result(1)
    newer["registration"] = {"frequency": "monthly", "channels": ["Facebook"]}
    with store.session() as s:
        reread(s, s.get(Document, doc_id), newer, extractor_version="test-3")
    with store.session() as s:
        assert s.get(Document, doc_id).extraction["registration"]["channels"] == ["Facebook"]
        assert [f.code for f in _open(s, doc_id)] == ["correction_unplaced"]
