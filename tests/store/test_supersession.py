"""Supersession is never silent: a newer letter replaces an enterprise's counted figures only when its identity
agrees with the record (tax code, and the name: the register's where there is one, else the name first read);
otherwise it is held for review with a flag naming both letters. Every replacement and hold is in the audit log of
both letters. On SQLite and PostgreSQL."""
from __future__ import annotations

from sqlalchemy import select

from pipeline.store.models import AuditEntry, Document, ReviewFlag
from pipeline.store.queries import needs_totals
from pipeline.store.web_models import RegisterEntry
from pipeline.web.review import approve, reject
from tests.support.records import load, result

ABC = "Công ty TNHH ABC Việt Nam"
FAKE = "Công ty TNHH Giả Mạo"


def _unskilled_2023(s) -> int:
    return {(t["year"], t["qualification"]): t["quantity"] for t in needs_totals(s)}[(2023, "unskilled")]


def _audit(s, doc_id) -> list[tuple[str, int | None]]:
    return [(a.action, (a.detail or {}).get("other")) for a in s.scalars(
        select(AuditEntry).where(AuditEntry.document_id == doc_id).order_by(AuditEntry.id))
        if a.action in ("replacement_held", "superseded", "supersedes")]


def _open(s, doc_id) -> list[ReviewFlag]:
    return s.scalars(select(ReviewFlag).where(ReviewFlag.document_id == doc_id, ReviewFlag.state == "open")).all()


def test_a_letter_with_another_enterprises_tax_code_is_held_not_counted(store):
    """The attack: 'Công ty TNHH Giả Mạo' with ABC's tax code and a later date. ABC's 35 workers stay counted."""
    genuine = load(store, result(1, name=ABC, date="2023-03-01", quantity=35, number="1/CV"))
    fake = load(store, result(2, name=FAKE, date="2023-04-01", quantity=2, number="99/CV"))
    with store.session() as s:
        assert _unskilled_2023(s) == 35
        g, f = s.get(Document, genuine), s.get(Document, fake)
        assert g.superseded_by_id is None and f.superseded_by_id == genuine
        assert f.status == "needs_review"
        [flag] = _open(s, fake)
        assert flag.code == "unconfirmed_replacement"
        for part in (f"#{fake}", f"#{genuine}", "Giả Mạo", ABC, "chưa được tính"):
            assert part in flag.message, part
        assert _audit(s, fake) == [("replacement_held", genuine)] and _audit(s, genuine) == [("replacement_held", fake)]
    # an officer who checked with the enterprise approves it: now it replaces, and both letters say so
    with store.session() as s:
        approve(s, s.get(Document, fake), "lan", spot_check=False, corrected=False)
    with store.session() as s:
        assert _unskilled_2023(s) == 2
        assert s.get(Document, genuine).superseded_by_id == fake and s.get(Document, fake).superseded_by_id is None
        assert ("supersedes", genuine) in _audit(s, fake) and ("superseded", fake) in _audit(s, genuine)


def test_rejecting_the_held_letter_keeps_the_genuine_figures(store):
    genuine = load(store, result(1, name=ABC, date="2023-03-01", quantity=35, number="1/CV"))
    fake = load(store, result(2, name=FAKE, date="2023-04-01", quantity=2, number="99/CV"))
    with store.session() as s:
        reject(s, s.get(Document, fake), "lan", "giả mạo", spot_check=False)
    with store.session() as s:
        assert _unskilled_2023(s) == 35 and s.get(Document, genuine).superseded_by_id is None
        assert not _open(s, fake) and not _open(s, genuine)


def test_a_newer_letter_whose_identity_agrees_replaces_and_the_audit_says_so(store):
    old = load(store, result(1, name=ABC, date="2023-03-01", quantity=35, number="1/CV"))
    new = load(store, result(2, name="CTY TNHH ABC VIET NAM.", date="2023-04-01", quantity=40, number="2/CV"))
    with store.session() as s:
        assert _unskilled_2023(s) == 40 and not _open(s, new)
        assert s.get(Document, new).status == "extracted"
        assert _audit(s, new) == [("supersedes", old)] and _audit(s, old) == [("superseded", new)]


def test_the_register_is_the_record_where_it_has_the_tax_code(store):
    with store.session() as s:
        s.add(RegisterEntry(name=ABC, name_key="cong ty tnhh abc viet nam", tax_code="0200010012"))
    first = load(store, result(1, name=FAKE, date="2023-02-01", quantity=9, number="1/CV"))   # nothing to replace
    genuine = load(store, result(2, name=ABC, date="2023-03-01", quantity=35, number="2/CV"))
    fake = load(store, result(3, name=FAKE, date="2023-04-01", quantity=2, number="3/CV"))     # the record's name...
    with store.session() as s:                                                                # ...not the register's
        assert _unskilled_2023(s) == 35
        assert s.get(Document, first).superseded_by_id == genuine
        assert [f.code for f in _open(s, fake)] == ["unconfirmed_replacement"]
        assert "«Công ty TNHH ABC Việt Nam»" in _open(s, fake)[0].message


def test_a_newer_letter_without_the_tax_code_does_not_replace_by_name_alone(store):
    genuine = load(store, result(1, name=ABC, date="2023-03-01", quantity=35, number="1/CV"))
    nameonly = load(store, result(2, tax=None, name=ABC, date="2023-04-01", quantity=3, number="2/CV"))
    with store.session() as s:
        assert s.get(Document, nameonly).enterprise_id == s.get(Document, genuine).enterprise_id
        assert _unskilled_2023(s) == 35
        assert "unconfirmed_replacement" in [f.code for f in _open(s, nameonly)]
