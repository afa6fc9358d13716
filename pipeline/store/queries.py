"""Read-side queries: what is stored, the status summary, the review queue, current totals."""
from __future__ import annotations

from typing import Iterable

from sqlalchemy import and_, column, func, select, table
from sqlalchemy.orm import Session

from pipeline.store.models import Document, Enterprise, QuarantineItem, ReviewFlag

STATUSES = ("extracted", "needs_review", "rejected")

# The "current reply" rule, its one home in live code: the newest non-rejected reply of each enterprise counts in
# totals (enterprises.refresh_superseding points the older ones to it). Migration 0001 wrote the same condition
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


def review_queue(session: Session, limit: int = 100) -> list[dict]:
    """Documents with open flags, oldest first, each with its flags."""
    rows = session.execute(select(Document, ReviewFlag).join(ReviewFlag, ReviewFlag.document_id == Document.id)
                           .where(ReviewFlag.state == "open").order_by(Document.id, ReviewFlag.id)).all()
    queue: dict[int, dict] = {}
    for doc, flag in rows:
        item = queue.setdefault(doc.id, {"document": doc.id, "file_name": doc.file_name, "status": doc.status,
                                         "enterprise": (doc.extraction.get("enterprise") or {}).get("name"),
                                         "flags": []})
        item["flags"].append({"id": flag.id, "field": flag.field, "code": flag.code, "message": flag.message})
    return list(queue.values())[:limit]


def needs_totals(session: Session) -> list[dict]:
    """Hiring needs by year and qualification over the newest reply of each enterprise (the view)."""
    n = current_hiring_needs
    rows = session.execute(select(n.c.year, n.c.qualification, func.sum(n.c.quantity).label("quantity"))
                           .group_by(n.c.year, n.c.qualification).order_by(n.c.year, n.c.qualification)).mappings()
    return [dict(r) for r in rows]
