"""Enterprises: one per tax code, or per normalised name where no tax code is known. Which of an enterprise's
replies counts: pipeline/store/supersession.py."""
from __future__ import annotations

import re

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from extractors.text.normalize import fold
from pipeline.store.models import Enterprise
from schemas.extraction import Enterprise as EnterpriseRecord

_PUNCT = re.compile(r"[^\w ]+")
_ABBREV = ((r"\bcty\b", "cong ty"), (r"\bcp\b", "co phan"), (r"\bco\.?,? ?ltd\b", "company limited"))


def name_key(name: str | None) -> str | None:
    """'CÔNG TY TNHH  ABC Việt Nam.' and 'Cty TNHH ABC Viet Nam' give the same key."""
    if not name:
        return None
    key = _PUNCT.sub(" ", fold(name))
    for pattern, repl in _ABBREV:
        key = re.sub(pattern, repl, key)
    key = " ".join(key.split())
    return key[:500] or None


def resolve_enterprise(session: Session, sender: EnterpriseRecord) -> Enterprise | None:
    """The enterprise a reply comes from, created when new. A tax code learnt later is attached to the
    enterprise known so far only by its name."""
    return resolve_or_create(session, sender)[0]


def resolve_or_create(session: Session, sender: EnterpriseRecord) -> tuple[Enterprise | None, bool]:
    """resolve_enterprise, and whether this call created the enterprise (in the caller's transaction: no other
    reply can point to it yet)."""
    tax, name, zone = sender.tax_code or None, sender.name or None, sender.zone or None
    key = name_key(name)
    if not tax and not key:
        return None, False
    created = False
    ent = None
    if tax:
        # One look-up for both: the enterprise of this tax code, else the one known so far only by this name.
        by_name = (Enterprise.name_key == key) & Enterprise.tax_code.is_(None) if key else None
        found = session.scalars(select(Enterprise).where(Enterprise.tax_code == tax if by_name is None
                                                         else or_(Enterprise.tax_code == tax, by_name))).all()
        ent = next((e for e in found if e.tax_code == tax), None)
        if ent is None and found:                          # known by its name only: lock it, then give it the code
            ent = session.scalar(select(Enterprise).where(by_name).with_for_update())
            if ent is not None:
                ent.tax_code = tax
    else:
        ent = session.scalar(select(Enterprise).where(Enterprise.name_key == key, Enterprise.tax_code.is_(None)))
        if ent is None:
            known = session.scalars(select(Enterprise).where(Enterprise.name_key == key).limit(2)).all()
            ent = known[0] if len(known) == 1 else None
    if ent is None:
        ent, created = _create(session, tax, name, key, zone)
    if name and not ent.name:
        ent.name = name
    if zone and not ent.zone:
        ent.zone = zone
    return ent, created


def _create(session: Session, tax: str | None, name: str | None, key: str | None,
            zone: str | None) -> tuple[Enterprise, bool]:
    """Insert in a savepoint; when a concurrent intake inserted the same enterprise first, use theirs. SQLite
    needs no savepoint: its transactions begin IMMEDIATE (pipeline/store/db.py), so no other writer can insert
    anything between the caller's look-up and this insert."""
    if session.get_bind().dialect.name == "sqlite":
        ent = Enterprise(tax_code=tax, name=name, name_key=key, zone=zone)
        session.add(ent)
        session.flush()
        return ent, True
    try:
        with session.begin_nested():
            ent = Enterprise(tax_code=tax, name=name, name_key=key, zone=zone)
            session.add(ent)
            session.flush()
        return ent, True
    except IntegrityError:
        cond = Enterprise.tax_code == tax if tax else (Enterprise.name_key == key) & Enterprise.tax_code.is_(None)
        return session.scalars(select(Enterprise).where(cond)).one(), False
