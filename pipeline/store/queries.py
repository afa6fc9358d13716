"""Read-side queries: what is stored, the status summary, the review queue (of the CLI and the review app),
current totals."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from sqlalchemy import and_, column, func, or_, select, table
from sqlalchemy.orm import Session

from pipeline.store.models import Document, Enterprise, FlagState, QuarantineItem, ReviewFlag
from pipeline.store.web_models import SpotCheck
from schemas import FlagCode

STATUSES = ("extracted", "needs_review", "rejected")
#: The queue's own entry for a letter picked for a spot check (not a flag of the extraction).
SPOT_CHECK = FlagCode.spot_check
SPOT_CHECK_MESSAGE = "Văn bản được chấp nhận tự động, chọn ngẫu nhiên để cán bộ đối chiếu"

# The "current reply" rule, its one home in live code: the newest non-rejected reply of each enterprise counts in
# totals (supersession.refresh_superseding points the older ones to it). Migration 0001 wrote the same condition
# into the view `current_hiring_needs`, which operators may query directly; tests/store checks the two agree.
CURRENT_REPLY = and_(Document.superseded_by_id.is_(None), Document.status != "rejected")
current_hiring_needs = table("current_hiring_needs", column("id"), column("document_id"), column("year"),
                             column("position"), column("qualification"), column("quantity"),
                             column("quantity_max"), column("enterprise_id"))


def stored_hashes(session: Session, hashes: Iterable[str]) -> dict[str, Document]:
    """Documents among `hashes` that are stored already, by sha256."""
    hashes = list(dict.fromkeys(hashes))
    out: dict[str, Document] = {}
    for i in range(0, len(hashes), 500):
        chunk = hashes[i:i + 500]
        out.update((d.sha256, d) for d in session.scalars(select(Document).where(Document.sha256.in_(chunk))))
    return out


def quarantined(session: Session, hashes: Iterable[str]) -> dict[str, QuarantineItem]:
    hashes = list(dict.fromkeys(hashes))
    rows = session.scalars(select(QuarantineItem).where(QuarantineItem.sha256.in_(hashes),
                                                        QuarantineItem.state == "quarantined")) if hashes else []
    return {q.sha256: q for q in rows}


def status_summary(session: Session) -> dict:
    by_status = dict.fromkeys(STATUSES, 0)
    by_status.update(session.execute(select(Document.status, func.count()).group_by(Document.status)).all())
    return {
        "documents": session.scalar(select(func.count()).select_from(Document)),
        "by_status": by_status,
        "open_flags": session.scalar(select(func.count()).select_from(ReviewFlag).where(ReviewFlag.state == "open")),
        "quarantined": session.scalar(select(func.count()).select_from(QuarantineItem)
                                      .where(QuarantineItem.state == "quarantined")),
        "enterprises": session.scalar(select(func.count()).select_from(Enterprise)),
        "superseded": session.scalar(select(func.count()).select_from(Document)
                                     .where(Document.superseded_by_id.is_not(None))),
    }


def spot_bucket(sha256: str) -> float:
    """A stable number in [0, 1) from the file's hash: the letters below the share are spot-checked."""
    try:
        return int(sha256[:8], 16) / 2**32
    except ValueError:
        return 1.0


def spot_check_ids(session: Session, share: float) -> set[int]:
    """Auto-accepted letters (no open flag) picked for a spot check and not checked yet."""
    if share <= 0:
        return set()
    open_flag = select(ReviewFlag.id).where(ReviewFlag.document_id == Document.id, ReviewFlag.state == FlagState.open)
    checked = select(SpotCheck.document_id).where(SpotCheck.document_id == Document.id)
    rows = session.execute(select(Document.id, Document.sha256).where(
        Document.status == "extracted", ~open_flag.exists(), ~checked.exists())).all()
    return {doc_id for doc_id, sha in rows if spot_bucket(sha) < share}


def is_spot_check(session: Session, doc: Document, share: float) -> bool:
    return doc.id in spot_check_ids(session, share) if spot_bucket(doc.sha256) < share else False


@dataclass
class QueueEntry:
    """A letter waiting for an officer, with its open flags (and the spot check's own entry when picked)."""
    document: Document
    flags: list[dict] = field(default_factory=list)      # id, code, field, message
    spot_check: bool = False

    @property
    def received(self) -> dt.datetime:
        return self.document.received_at or self.document.processed_at

    def to_json(self) -> dict:
        doc = self.document
        return {"document": doc.id, "file_name": doc.file_name, "status": doc.status,
                "enterprise": (doc.extraction.get("enterprise") or {}).get("name"), "spot_check": self.spot_check,
                "flags": self.flags}


def review_queue(session: Session, *, spot_share: float) -> list[QueueEntry]:
    """The one review queue (`replyflow status --queue`, the review app): letters needing review or with open
    flags (rejected ones aside), then a share of the auto-accepted ones as spot checks; oldest first (received,
    else processed)."""
    open_flags = select(ReviewFlag.document_id).where(ReviewFlag.state == FlagState.open)
    flagged = set(session.scalars(select(Document.id).where(
        Document.status != "rejected", or_(Document.status == "needs_review", Document.id.in_(open_flags)))))
    spots = spot_check_ids(session, spot_share)
    ids = flagged | spots
    if not ids:
        return []
    flags = defaultdict(list)
    for f in session.scalars(select(ReviewFlag).where(ReviewFlag.document_id.in_(ids),
                                                      ReviewFlag.state == FlagState.open).order_by(ReviewFlag.id)):
        flags[f.document_id].append({"id": f.id, "code": f.code, "field": f.field, "message": f.message})
    entries = []
    for doc in session.scalars(select(Document).where(Document.id.in_(ids))):
        entry = QueueEntry(doc, flags[doc.id], spot_check=doc.id in spots)
        if entry.spot_check:
            entry.flags.append({"id": None, "code": SPOT_CHECK, "field": None, "message": SPOT_CHECK_MESSAGE})
        entries.append(entry)
    entries.sort(key=lambda e: (e.received, e.document.id))
    return entries


def needs_totals(session: Session) -> list[dict]:
    """Hiring needs by year and qualification over the newest reply of each enterprise (the view)."""
    n = current_hiring_needs
    rows = session.execute(select(n.c.year, n.c.qualification, func.sum(n.c.quantity).label("quantity"))
                           .group_by(n.c.year, n.c.qualification).order_by(n.c.year, n.c.qualification)).mappings()
    return [dict(r) for r in rows]
