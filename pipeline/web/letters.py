"""Every letter in the store as one light row (no extraction JSON loaded), for the letters page and the queue:
search (enterprise name without accents, tax code, letter number, file name), filters, sorting and pages.

Files that could not be processed at all (quarantine) are rows too: nothing received is out of sight."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from extractors.text.normalize import fold
from pipeline.store.models import AuditEntry, Document, Enterprise, FlagState, QuarantineItem, ReviewFlag
from pipeline.store.web_models import DocumentLock
from pipeline.web import formats, labels, queries

PER_PAGE = 50
QUARANTINED = "quarantined"
STATUS_LABELS = {**labels.STATUSES, QUARANTINED: "Cách ly (không xử lý được)"}
SORTS = {
    "received": "Ngày nhận", "name": "Doanh nghiệp", "date": "Ngày công văn", "number": "Số công văn",
    "status": "Trạng thái", "flags": "Số cảnh báo", "id": "Mã",
}
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


@lru_cache(maxsize=50_000)
def _folded(text: str) -> str:
    """Folding accents is the costly part of a search over every letter; the same names come back every request."""
    return fold(text)


@dataclass
class LetterRow:
    id: int | None                      # None for a file in quarantine
    file_name: str
    number: str | None
    date: dt.date | None
    name: str | None
    tax_code: str | None
    zone: str
    status: str
    received: dt.datetime | None
    superseded_by: int | None = None
    flags: list[dict] = field(default_factory=list)
    spot_check: bool = False
    reviewer: str | None = None
    locked_by: str | None = None
    lock_expires: dt.datetime | None = None
    reason: str | None = None           # quarantine: why the file could not be processed

    @property
    def title(self) -> str:
        return formats.letter_title(self.number, self.date, self.name, self.file_name)

    @property
    def haystack(self) -> str:
        return _folded(" ".join(x for x in (self.name, self.tax_code, self.number, self.file_name) if x))


def all_letters(session: Session, *, spot_share: float) -> list[LetterRow]:
    """Every stored document and every quarantined file, with open flags, reviewer, live lock, spot check."""
    q = (select(Document.id, Document.file_name, Document.letter_number, Document.letter_date, Enterprise.name,
                Enterprise.tax_code, queries.ZONE, Document.status,
                func.coalesce(Document.received_at, Document.processed_at), Document.superseded_by_id)
         .outerjoin(Enterprise, Enterprise.id == Document.enterprise_id))
    rows: dict[int, LetterRow] = {}
    for i, fname, num, date, ename, etax, zone, status, received, superseded in session.execute(q):
        rows[i] = LetterRow(i, fname, num, date, ename, etax, zone, status, received, superseded)
    # letters without an enterprise (rejected ones mostly): the name and tax code they give, if any
    for i, ename, etax in session.execute(select(
            Document.id, Document.extraction[("enterprise", "name")].as_string(),
            Document.extraction[("enterprise", "tax_code")].as_string()).where(Document.enterprise_id.is_(None))):
        rows[i].name, rows[i].tax_code = ename, etax
    for doc_id, code, message, fld in session.execute(
            select(ReviewFlag.document_id, ReviewFlag.code, ReviewFlag.message, ReviewFlag.field)
            .where(ReviewFlag.state == FlagState.open).order_by(ReviewFlag.id)):
        if doc_id in rows:
            rows[doc_id].flags.append({"code": code, "label": labels.flag_label(code), "message": message,
                                       "field": fld})
    for doc_id in queries.spot_check_ids(session, spot_share):
        row = rows.get(doc_id)
        if row is not None:
            row.spot_check = True
            row.flags.append({"code": queries.SPOT_CHECK, "label": labels.flag_label(queries.SPOT_CHECK),
                              "field": None, "message": "Văn bản được chấp nhận tự động, chọn ngẫu nhiên để cán bộ "
                                                        "đối chiếu"})
    for doc_id, actor in session.execute(select(AuditEntry.document_id, AuditEntry.actor).where(
            AuditEntry.action.in_(("approved", "rejected")), AuditEntry.document_id.is_not(None))
            .order_by(AuditEntry.id)):
        if doc_id in rows:
            rows[doc_id].reviewer = actor
    for lock in session.scalars(select(DocumentLock).where(DocumentLock.expires_at > queries.now())):
        if lock.document_id in rows:
            rows[lock.document_id].locked_by, rows[lock.document_id].lock_expires = lock.user_name, lock.expires_at
    out = list(rows.values())
    for item in session.scalars(select(QuarantineItem).where(QuarantineItem.state == "quarantined")):
        out.append(LetterRow(None, item.file_name, None, None, None, None, labels.UNKNOWN_ZONE, QUARANTINED,
                             item.created_at, flags=[{"code": item.code, "label": labels.flag_label(item.code),
                                                      "message": item.reason, "field": None}], reason=item.reason))
    return out


def in_queue(row: LetterRow) -> bool:
    """Waiting for an officer: marked for review or with an open flag (not rejected), or picked for a spot check."""
    if row.status in ("rejected", QUARANTINED):
        return False
    return row.status == "needs_review" or bool(row.flags)


def search(rows: list[LetterRow], text: str | None) -> list[LetterRow]:
    """Every word of `text` (accents and case folded) in the enterprise name, tax code, letter number or file name;
    a tax code typed with spaces or dots is found too."""
    words = fold(text or "").split()
    if not words:
        return rows
    digits = "".join(ch for ch in (text or "") if ch.isdigit())
    out = []
    for row in rows:
        hay = row.haystack
        if all(w in hay for w in words) or (len(digits) >= 6 and digits in (row.tax_code or "").replace("-", "")):
            out.append(row)
    return out


def filtered(rows: list[LetterRow], *, status: str | None = None, zone: str | None = None, flag: str | None = None,
             reviewer: str | None = None) -> list[LetterRow]:
    if status == "unreviewed":
        rows = [r for r in rows if in_queue(r)]
    elif status:
        rows = [r for r in rows if r.status == status]
    if zone:
        rows = [r for r in rows if r.zone == zone]
    if flag:
        rows = [r for r in rows if any(f["code"] == flag for f in r.flags)]
    if reviewer:
        rows = [r for r in rows if r.reviewer == reviewer]
    return rows


def sort(rows: list[LetterRow], key: str | None, descending: bool = False) -> list[LetterRow]:
    key = key if key in SORTS else "received"

    def value(r: LetterRow) -> tuple:
        main = {"received": r.received or _EPOCH, "name": fold(r.name or "\uffff"), "date": r.date or dt.date.min,
                "number": r.number or "", "status": STATUS_LABELS.get(r.status, r.status), "flags": len(r.flags),
                "id": r.id or 0}[key]
        return (main, r.received or _EPOCH, r.id or 0)

    return sorted(rows, key=value, reverse=descending)


@dataclass
class Page:
    rows: list[LetterRow]
    total: int
    page: int
    pages: int


def paged(rows: list[LetterRow], page: int, per_page: int = PER_PAGE) -> Page:
    pages = max(1, -(-len(rows) // per_page))
    page = min(max(1, page), pages)
    return Page(rows[(page - 1) * per_page: page * per_page], len(rows), page, pages)


def queue(session: Session, *, spot_share: float) -> list[LetterRow]:
    return [r for r in all_letters(session, spot_share=spot_share) if in_queue(r)]


def queue_size(session: Session, *, spot_share: float) -> int:
    """How many letters wait in the queue (the same rule as `in_queue`, counted in the database)."""
    waiting = session.scalar(select(func.count()).select_from(Document).where(
        Document.status != "rejected", queries.unsettled())) or 0
    return waiting + len(queries.spot_check_ids(session, spot_share))


def next_in_queue(session: Session, *, spot_share: float, after: int, user: str) -> int | None:
    """The letter to open after approving `after`: the oldest in the queue that nobody else is working on."""
    session.flush()
    for row in sort(queue(session, spot_share=spot_share), "received"):
        if row.id != after and (row.locked_by is None or row.locked_by == user):
            return row.id
    return None
