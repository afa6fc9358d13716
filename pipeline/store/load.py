"""Loading one extraction result into the store, inside the caller's transaction.

A result enters as the contract JSON (from a worker process, or corrected by an officer) and is validated by the
schema once, here (`as_record`): the rows are built from the typed record, never from loose dict lookups."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from pipeline.store.enterprises import resolve_or_create
from pipeline.store.supersession import refresh_superseding
from pipeline.store.models import (AuditEntry, Criterion, Document, FlagState, HiringNeed, Offer, Proposal,
                                   Registration, ReviewFlag)
from schemas import Extraction, FlagCode
from schemas.text import clean_text

RESUBMISSION = FlagCode.possible_resubmission


@dataclass(frozen=True)
class SourceInfo:
    """Where a file came from. Mailbox documents carry the message's sender, subject, date and Message-ID."""
    kind: str = "folder"
    path: str | None = None
    received_at: dt.datetime | None = None
    sender: str | None = None
    subject: str | None = None
    message_id: str | None = None
    mailbox_message_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in ("kind", "path", "sender", "subject", "message_id", "mailbox_message_id")}
        out["received_at"] = self.received_at.isoformat() if self.received_at else None
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> SourceInfo:
        data = dict(data or {})
        if data.get("received_at"):
            data["received_at"] = dt.datetime.fromisoformat(data["received_at"])
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def as_record(result: Extraction | dict) -> Extraction:
    """The result as the contract's record. Raises ValueError (pydantic's ValidationError) for one that breaks
    the contract: the intake then quarantines the file with the reason, nothing half-loaded."""
    return result if isinstance(result, Extraction) else Extraction.model_validate(result)


def fingerprint(result: dict) -> str | None:
    """A hash of what a letter says (not of its bytes): the same letter saved or scanned again gives the same."""
    keys = ("enterprise", "letter", "hiring_needs", "criteria", "cooperation_offers", "registration", "proposals")
    content = {k: result.get(k) for k in keys}
    content["hiring_needs"] = [{k: n.get(k) for k in ("year", "position", "qualification", "quantity", "quantity_max")}
                               for n in result.get("hiring_needs") or []]
    for k in ("criteria", "cooperation_offers"):
        content[k] = [{a: b for a, b in item.items() if a in ("category", "kind", "text")} for item in content[k] or []]
    if not any(content[k] for k in keys):
        return None
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def load_document(session: Session, result: Extraction | dict, *, source: SourceInfo, extractor_version: str,
                  archive_path: str | None, actor: str = "intake") -> Document:
    """Insert the document and everything read from it. Raises IntegrityError when its sha256 is stored already
    (flushed first, so a concurrent intake's duplicate fails before anything else is written)."""
    record = as_record(result)
    data = record.contract_json()
    src = record.source
    text = _printable
    # The row goes in whole: what fill_document() derives from the record (letter, fingerprint, enterprise) is
    # set before the INSERT, so the document is written once, not inserted and then updated. A duplicate sha256
    # still fails at this first flush (the enterprise created meanwhile is rolled back with the transaction).
    derived, resolved_enterprise = _derived(session, record, data)
    doc = Document(sha256=src.sha256, file_name=src.file_name, media_type=src.media_type,
                   source_kind=source.kind, source_path=text(source.path), sender=text(source.sender),
                   subject=text(source.subject), message_id=text(source.message_id), mailbox_message_id=source.mailbox_message_id,
                   received_at=source.received_at, status=record.status,
                   extractor_version=extractor_version, extraction=data, archive_path=archive_path, **derived)
    session.add(doc)
    session.flush()
    fill_document(session, doc, record, fresh=True, data=data, resolved_enterprise=resolved_enterprise)
    session.execute(insert(AuditEntry.__table__).values(
        actor=actor, action="stored", document_id=doc.id,
        detail={"file_name": doc.file_name, "status": doc.status,
                "source": {k: text(v) for k, v in source.to_json().items()}}))
    return doc


def _printable(value: str | None) -> str | None:
    """A path or a mail header as the store can hold it: a file name's undecodable bytes (lone surrogates) and
    control characters cannot be encoded for PostgreSQL."""
    return clean_text(value) if isinstance(value, str) else value


def _derived(session: Session, record: Extraction, data: dict) -> tuple[dict, tuple]:
    """The document's columns derived from its record, and its enterprise as resolve_or_create gives it."""
    status = record.status
    ent, created = resolve_or_create(session, record.enterprise) if status != "rejected" else (None, False)
    return dict(letter_number=record.letter.number, letter_date=record.letter.date,
                content_fingerprint=fingerprint(data) if status != "rejected" else None,
                enterprise_id=ent.id if ent else None), (ent, created)


def fill_document(session: Session, doc: Document, result: Extraction | dict, *, fresh: bool = False,
                  data: dict | None = None, resolved_enterprise: tuple | None = None) -> None:
    """(Re)build the rows read from `result`: enterprise link, needs, criteria, offers, registration, proposals,
    open flags; then the store's own checks (resubmission, spot check) and superseding. `fresh`: a new
    document, nothing to replace (rows go in with one multi-row INSERT per table: loading is cheap). `data`:
    `result`'s contract JSON when the caller has it already; `resolved_enterprise`: (enterprise, created) when
    the caller resolved it already for this very record (load_document)."""
    resolved: set = set()
    if not fresh:
        for model in (HiringNeed, Criterion, Offer, Registration, Proposal):
            session.execute(delete(model).where(model.document_id == doc.id))
        session.execute(delete(ReviewFlag).where(ReviewFlag.document_id == doc.id,
                                                 ReviewFlag.state != FlagState.resolved))
        resolved = set(session.execute(select(ReviewFlag.code, ReviewFlag.field).where(
            ReviewFlag.document_id == doc.id, ReviewFlag.state == FlagState.resolved)))
    record = as_record(result)
    data = data if data is not None else record.contract_json()
    old_enterprise = doc.enterprise_id
    if not fresh:
        doc.version = (doc.version or 0) + 1      # the values shown change: forms rendered before are stale
    doc.extraction, doc.status = data, record.status
    if resolved_enterprise is None:
        derived, (ent, created) = _derived(session, record, data)
        for column, value in derived.items():
            setattr(doc, column, value)
    else:
        ent, created = resolved_enterprise
    reg = record.registration
    rows = {
        HiringNeed: [dict(document_id=doc.id, year=n.year, position=n.position, qualification=n.qualification,
                          quantity=n.quantity, quantity_max=n.quantity_max, confidence=n.confidence)
                     for n in record.hiring_needs],
        Criterion: [dict(document_id=doc.id, category=c.category, text=c.text) for c in record.criteria],
        Offer: [dict(document_id=doc.id, kind=o.kind, text=o.text) for o in record.cooperation_offers],
        Registration: [dict(document_id=doc.id, frequency=reg.frequency, channels=reg.channels)]
        if reg.frequency or reg.channels else [],
        Proposal: [dict(document_id=doc.id, text=t) for t in record.proposals],
    }
    flag_state = "info" if doc.status == "extracted" else FlagState.open
    rows[ReviewFlag] = [dict(document_id=doc.id, field=f.field, code=f.code, message=f.message,
                             state=flag_state, origin="extraction", created_at=dt.datetime.now(dt.timezone.utc))
                        for f in record.flags
                        if (f.code, f.field) not in resolved]     # an officer settled it already
    for model, values in rows.items():
        if values:       # into the table, past the ORM: its bulk path costs more than the rows (about a tenth)
            session.execute(insert(model.__table__), values)
    session.expire(doc, ["hiring_needs", "criteria", "offers", "registration", "proposals", "flags"])
    if doc.status == "needs_review" and resolved and not (rows[ReviewFlag] and flag_state == FlagState.open):
        doc.status = "extracted"
    if doc.status != "rejected":
        _store_checks(session, doc, resolved)
    session.flush()
    for eid in {old_enterprise, doc.enterprise_id} - {None}:
        if created and eid == ent.id:
            continue                      # a new enterprise: this is its only reply, nothing to point to another
        refresh_superseding(session, eid)


def _store_checks(session: Session, doc: Document, resolved: set) -> None:
    ent_tax = doc.extraction.get("enterprise", {}).get("tax_code")
    same = [Document.content_fingerprint == doc.content_fingerprint] if doc.content_fingerprint else []
    if ent_tax and doc.letter_number:
        same.append((Document.enterprise_id == doc.enterprise_id) & (Document.letter_number == doc.letter_number))
    twin = same and session.execute(select(Document.id, Document.file_name, Document.letter_number)
                                    .where(Document.id != doc.id, or_(*same)).order_by(Document.id).limit(1)).first()
    if twin and (RESUBMISSION, None) not in resolved:
        _flag(session, doc, RESUBMISSION, f"Có thể là văn bản gửi lại: trùng với tài liệu #{twin.id} "
                                          f"({twin.file_name}, số {twin.letter_number or 'không rõ'})")


def _flag(session: Session, doc: Document, code: str, message: str) -> None:
    session.add(ReviewFlag(document_id=doc.id, code=code, message=message, origin="store"))
    if doc.status == "extracted":
        doc.status = "needs_review"
