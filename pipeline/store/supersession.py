"""Which reply of an enterprise counts in the totals, and when a newer one may replace it.

The newest non-rejected reply of an enterprise counts; older ones point to it (`superseded_by_id`). A newer
reply replaces the counted one only when its identity agrees with what is on record: its tax code is the
enterprise's, and its name is the register's name for that tax code (where the register has one), else the
enterprise's name as first read. Otherwise anyone who can send a letter with another enterprise's tax code could
rewrite its figures: such a reply is held (it points to the reply that still counts, so its figures count
nowhere) and flagged `unconfirmed_replacement`, naming both letters, until an officer approves it (then it
replaces) or rejects it. Every replacement and every hold is written to the audit log of both letters.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.enterprises import name_key
from pipeline.store.models import AuditEntry, Document, Enterprise, FlagState, ReviewFlag
from pipeline.store.web_models import RegisterEntry
from schemas.flags import FlagCode

UNCONFIRMED = FlagCode.unconfirmed_replacement
ACTOR = "replyflow"


def newness(doc: Document) -> tuple:
    received = doc.received_at or doc.processed_at
    day = doc.letter_date or (received.date() if received else dt.date.min)
    return (day, received or dt.datetime.min.replace(tzinfo=dt.timezone.utc), doc.id)


def _identity(doc: Document) -> tuple[str | None, str | None]:
    data = (doc.extraction or {}).get("enterprise") or {}
    return data.get("tax_code") or None, data.get("name") or None


def on_record(session: Session, ent: Enterprise) -> list[str]:
    """The names an enterprise is known by: the register's for its tax code, else the one first read."""
    if ent.tax_code:
        names = session.scalars(select(RegisterEntry.name).where(RegisterEntry.tax_code == ent.tax_code)).all()
        if names:
            return list(dict.fromkeys(names))
    return [ent.name] if ent.name else []


def disagreement(session: Session, ent: Enterprise, doc: Document) -> str | None:
    """Why `doc`'s identity does not agree with the record of `ent` (Vietnamese), or None when it agrees."""
    tax, name = _identity(doc)
    if ent.tax_code and tax != ent.tax_code:
        return f"văn bản ghi mã số thuế {tax or '(không có)'}, hồ sơ ghi {ent.tax_code}"
    names = on_record(session, ent)
    if names and name_key(name) not in {name_key(n) for n in names}:
        return f"văn bản ghi tên «{name or '(không đọc được)'}», hồ sơ ghi «{'» / «'.join(names)}»"
    return None


def _audited(session: Session, doc_id: int, action: str, other: int) -> bool:
    for detail in session.scalars(select(AuditEntry.detail).where(AuditEntry.document_id == doc_id,
                                                                  AuditEntry.action == action)):
        if isinstance(detail, dict) and detail.get("other") == other:
            return True
    return False


def _audit_both(session: Session, actor: str, action_new: str, new: Document, action_old: str, old: Document,
                what_new: str, what_old: str, **extra) -> None:
    if _audited(session, new.id, action_new, old.id):
        return
    session.add(AuditEntry(actor=actor, action=action_new, document_id=new.id,
                           detail={"other": old.id, "what": what_new, **extra}))
    session.add(AuditEntry(actor=actor, action=action_old, document_id=old.id,
                           detail={"other": new.id, "what": what_old, **extra}))


def _hold(session: Session, new: Document, current: Document, reason: str, actor: str) -> None:
    exists = session.scalar(select(ReviewFlag.id).where(ReviewFlag.document_id == new.id, ReviewFlag.code == UNCONFIRMED,
                                                        ReviewFlag.state == FlagState.open).limit(1))
    tax, name = _identity(new)
    if exists is None:
        session.add(ReviewFlag(
            document_id=new.id, code=UNCONFIRMED, field="enterprise", origin="store",
            message=f"Văn bản này (#{new.id}, {new.file_name}) mới hơn văn bản #{current.id} ({current.file_name}) "
                    f"đang được tính cho doanh nghiệp MST {tax or '(không có)'}, nhưng thông tin doanh nghiệp không "
                    f"khớp hồ sơ: {reason}. Số liệu của văn bản này chưa được tính; nếu cán bộ duyệt, nó sẽ thay thế "
                    f"văn bản #{current.id}."))
    if new.status == "extracted":
        new.status = "needs_review"
    _audit_both(session, actor, "replacement_held", new, "replacement_held", current,
                f"Chưa thay thế văn bản #{current.id}: {reason}",
                f"Văn bản #{new.id} ({new.file_name}) chờ duyệt để thay thế văn bản này: {reason}")


def refresh_superseding(session: Session, enterprise_id: int, *, actor: str = ACTOR) -> Document | None:
    """Point every non-rejected reply of an enterprise to the one that counts (None for that one). Returns it."""
    ent = session.scalars(select(Enterprise).where(Enterprise.id == enterprise_id).with_for_update()).one()
    docs = sorted(session.scalars(select(Document).where(Document.enterprise_id == enterprise_id,
                                                         Document.status != "rejected")).all(),
                  key=newness, reverse=True)
    if not docs:
        return None
    before = {d.id: d.superseded_by_id for d in docs}
    current, held = docs[-1], []
    for doc in docs[:-1]:                     # newest first; the oldest counts when no newer one may replace it
        reason = None if doc.reviewed_outcome == "approved" else disagreement(session, ent, doc)
        if reason is None:
            current = doc
            break
        held.append((doc, reason))
    for doc in docs:
        doc.superseded_by_id = None if doc is current else current.id
    for doc, reason in held:
        _hold(session, doc, current, reason, actor)
    held_ids = {d.id for d, _ in held}
    for doc in docs:
        if doc is current or doc.id in held_ids:
            continue
        if before[doc.id] != current.id and newness(doc) < newness(current):
            _audit_both(session, actor, "supersedes", current, "superseded", doc,
                        f"Thay thế văn bản #{doc.id} ({doc.file_name}) trong tổng hợp",
                        f"Được thay bằng văn bản #{current.id} ({current.file_name}) trong tổng hợp")
    return current


def relations(session: Session, doc: Document) -> dict:
    """How a letter stands among its enterprise's letters, for its page: the newer letter that replaced it, or
    the counted one it waits to replace (held); the older letters it replaced; the newer ones held against it."""
    out: dict = {"replaced_by": None, "waits_for": None, "replaces": [], "held_against": []}
    if doc.superseded_by_id is not None:
        other = session.get(Document, doc.superseded_by_id)
        if other is not None:
            out["replaced_by" if newness(other) > newness(doc) else "waits_for"] = other
    for other in session.scalars(select(Document).where(Document.superseded_by_id == doc.id).order_by(Document.id)):
        out["held_against" if newness(other) > newness(doc) else "replaces"].append(other)
    return out


def letter_history(session: Session, enterprise_id: int) -> list[dict]:
    """Every letter of an enterprise, newest first, with its part in the totals."""
    docs = sorted(session.scalars(select(Document).where(Document.enterprise_id == enterprise_id)).all(),
                  key=newness, reverse=True)
    by_id = {d.id: d for d in docs}
    out = []
    for doc in docs:
        other = by_id.get(doc.superseded_by_id) if doc.superseded_by_id else None
        if doc.status == "rejected":
            role = "rejected"
        elif other is None:
            role = "counted"
        else:
            role = "replaced" if newness(other) > newness(doc) else "held"
        out.append({"document": doc, "role": role, "other": other})
    return out
