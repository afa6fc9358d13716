"""Tables of the central store (SQLAlchemy 2). The schema itself is created by the Alembic migrations."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (JSON, BigInteger, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

JSONType = JSON().with_variant(JSONB(), "postgresql")


class TZDateTime(TypeDecorator):
    """Timezone-aware datetimes on every backend (SQLite keeps no zone: values are stored and read as UTC)."""
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:  # noqa: ANN001
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime: give a timezone")
        return value.astimezone(dt.timezone.utc) if value is not None and dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:  # noqa: ANN001
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value


class SourceKind(StrEnum):
    folder = "folder"
    mailbox = "mailbox"


class FlagState(StrEnum):
    open = "open"
    resolved = "resolved"


class MessageState(StrEnum):
    fetched = "fetched"            # attachments saved, documents not yet committed
    processed = "processed"        # every attachment's document committed
    no_attachments = "no_attachments"


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSONType, list[Any]: JSONType, dt.datetime: TZDateTime()}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Enterprise(Base):
    """One per tax code; one per normalised name where no tax code is known."""
    __tablename__ = "enterprises"
    id: Mapped[int] = mapped_column(primary_key=True)
    tax_code: Mapped[str | None] = mapped_column(String(20), unique=True)
    name: Mapped[str | None] = mapped_column(Text)
    name_key: Mapped[str | None] = mapped_column(String(500), index=True)
    zone: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    documents: Mapped[list[Document]] = relationship(back_populates="enterprise")
    __table_args__ = (Index("uq_enterprises_name_key_no_tax", "name_key", unique=True,
                            sqlite_where=tax_code.is_(None), postgresql_where=tax_code.is_(None)),)


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str | None] = mapped_column(String(100))
    source_kind: Mapped[str] = mapped_column(String(16), default=SourceKind.folder)
    source_path: Mapped[str | None] = mapped_column(Text)
    sender: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(Text)
    mailbox_message_id: Mapped[int | None] = mapped_column(ForeignKey("mailbox_messages.id"))
    received_at: Mapped[dt.datetime | None]
    processed_at: Mapped[dt.datetime] = mapped_column(default=_now)
    status: Mapped[str] = mapped_column(String(16), index=True)
    extractor_version: Mapped[str] = mapped_column(String(40))
    extraction: Mapped[dict[str, Any]]
    archive_path: Mapped[str | None] = mapped_column(Text)
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id"), index=True)
    letter_number: Mapped[str | None] = mapped_column(Text)
    letter_date: Mapped[dt.date | None] = mapped_column(Date)
    content_fingerprint: Mapped[str | None] = mapped_column(String(64), index=True)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    # Optimistic concurrency: every change of the values or of the review state gives a new version; a form
    # rendered at another version is refused (pipeline/web/routes/documents.py).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # An officer's decision (approved | rejected): reprocessing never overwrites it.
    reviewed_outcome: Mapped[str | None] = mapped_column(String(16))
    reviewed_by: Mapped[str | None] = mapped_column(Text)
    reviewed_at: Mapped[dt.datetime | None]
    # A later reading (corrections applied) that differs from the approved values, waiting beside them.
    pending_reading: Mapped[dict[str, Any] | None]
    enterprise: Mapped[Enterprise | None] = relationship(back_populates="documents")
    hiring_needs: Mapped[list[HiringNeed]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    criteria: Mapped[list[Criterion]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    offers: Mapped[list[Offer]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    registration: Mapped[Registration | None] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    proposals: Mapped[list[Proposal]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    flags: Mapped[list[ReviewFlag]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


def _doc_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)


class HiringNeed(Base):
    __tablename__ = "hiring_needs"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    year: Mapped[int] = mapped_column(Integer)
    position: Mapped[str | None] = mapped_column(Text)
    qualification: Mapped[str] = mapped_column(String(40))
    quantity: Mapped[int] = mapped_column(Integer)
    quantity_max: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float | None] = mapped_column(Float)


class _TextItem:
    """The columns of an item read as a sentence of a document: a criterion, an offer, a proposal."""
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    text: Mapped[str] = mapped_column(Text)


class Criterion(_TextItem, Base):
    __tablename__ = "criteria"
    category: Mapped[str] = mapped_column(String(40))


class Offer(_TextItem, Base):
    __tablename__ = "offers"
    kind: Mapped[str] = mapped_column(String(40))


class Registration(Base):
    __tablename__ = "registrations"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    frequency: Mapped[str | None] = mapped_column(String(20))
    channels: Mapped[list[Any]]


class Proposal(_TextItem, Base):
    __tablename__ = "proposals"


class ReviewFlag(Base):
    __tablename__ = "review_flags"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    field: Mapped[str | None] = mapped_column(String(100))
    code: Mapped[str] = mapped_column(String(60), index=True)
    message: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(20), default="extraction")   # extraction | store
    state: Mapped[str] = mapped_column(String(16), default=FlagState.open, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    resolved_at: Mapped[dt.datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(Text)
    resolution: Mapped[str | None] = mapped_column(Text)


class Correction(Base):
    """An officer's change to one value of a document's extraction, re-applied after every re-extraction. It is
    tied to what it corrects (pipeline/store/corrections.py): the part (`section`), the item's identity in that
    part (`target`: a need's year, position and qualification; a criterion's text) and the `field`; never to a
    list index, which a new reading may shift."""
    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    path: Mapped[str] = mapped_column(Text)    # where it was made, for people: /hiring_needs/0/quantity
    kind: Mapped[str] = mapped_column(String(8), default="set", server_default="set")    # set | add
    section: Mapped[str | None] = mapped_column(String(40))      # None: an old correction that could not be tied
    field: Mapped[str | None] = mapped_column(String(60))
    target: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    version: Mapped[int | None] = mapped_column(Integer)         # the document's version this correction made
    old_value: Mapped[Any | None] = mapped_column(JSONType)
    new_value: Mapped[Any | None] = mapped_column(JSONType)
    officer: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=_now, index=True)
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(40))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    detail: Mapped[dict[str, Any] | None]


class MailboxMessage(Base):
    __tablename__ = "mailbox_messages"
    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(Text)
    folder: Mapped[str] = mapped_column(Text)
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(20))
    message_id: Mapped[str | None] = mapped_column(Text)
    sender: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[dt.datetime | None]
    attachments: Mapped[list[Any]]
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    processed_at: Mapped[dt.datetime | None]
    __table_args__ = (UniqueConstraint("account", "folder", "uidvalidity", "uid", name="uq_mailbox_message_key"),)


class QuarantineItem(Base):
    """A file that could not be processed at all; it waits in DATA_DIR/quarantine for `replyflow retry`."""
    __tablename__ = "quarantine"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(Text)
    path: Mapped[str] = mapped_column(Text)            # relative to the data directory
    code: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text)
    source: Mapped[dict[str, Any] | None]              # mailbox metadata, to keep it across a retry
    state: Mapped[str] = mapped_column(String(16), default="quarantined", index=True)  # quarantined | released
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    resolved_at: Mapped[dt.datetime | None]


class IntakeClaim(Base):
    """A file (by content hash) that one intake run has taken on, so that runs sharing a backlog never take the same
    file (pipeline/intake/claims.py). `owner` names the run's machine and process; a claim whose owner is gone (its
    lease ran out, or its process on this machine died) is taken over by the next run that meets it."""
    __tablename__ = "intake_claims"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(200), index=True)
    path: Mapped[str] = mapped_column(Text)
    claimed_at: Mapped[dt.datetime] = mapped_column(default=_now)
    expires_at: Mapped[dt.datetime]
