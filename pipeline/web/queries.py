"""Read-side queries of the review app: the queue (flags and spot checks), locks, dashboard figures and their
drill-down, the enterprise register matched to replies. Totals follow the store's "current reply" rule
(pipeline/store/queries.py: CURRENT_REPLY and the `current_hiring_needs` view)."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pipeline.store.enterprises import name_key
from pipeline.store.models import Criterion, Document, Enterprise, Offer
from pipeline.store.queries import CURRENT_REPLY, current_hiring_needs
from pipeline.store.queries import review_queue as store_queue
from pipeline.store.web_models import DocumentLock, RegisterEntry, SpotCheck
from pipeline.web import labels

LOCK_MINUTES = 15


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def zone_of(doc: Document) -> str:
    zone = doc.enterprise.zone if doc.enterprise is not None else None
    return zone or (doc.extraction.get("enterprise") or {}).get("zone") or labels.UNKNOWN_ZONE


# --- the queue ---------------------------------------------------------------------------------------------------

@dataclass
class QueueItem:
    document: Document
    zone: str
    flags: list[dict] = field(default_factory=list)
    spot_check: bool = False
    locked_by: str | None = None
    lock_expires: dt.datetime | None = None

    @property
    def received(self) -> dt.datetime:
        return self.document.received_at or self.document.processed_at


def review_queue(session: Session, *, spot_share: float, zone: str | None = None,
                 flag: str | None = None) -> list[QueueItem]:
    """The store's review queue (pipeline/store/queries.py), with labels, zones and locks, filtered by zone and
    flag."""
    entries = store_queue(session, spot_share=spot_share)
    locks = {lk.document_id: lk for lk in session.scalars(select(DocumentLock).where(
        DocumentLock.document_id.in_([e.document.id for e in entries]), DocumentLock.expires_at > now()))}
    items = []
    for entry in entries:
        doc = entry.document
        flags = [{**f, "label": labels.flag_label(f["code"])} for f in entry.flags]
        item = QueueItem(doc, zone_of(doc), flags, spot_check=entry.spot_check)
        if doc.id in locks:
            item.locked_by, item.lock_expires = locks[doc.id].user_name, locks[doc.id].expires_at
        items.append(item)
    if zone:
        items = [i for i in items if i.zone == zone]
    if flag:
        items = [i for i in items if any(f["code"] == flag for f in i.flags)]
    return items


def silent_error_rate(session: Session) -> dict:
    """Of the spot-checked letters, how many an officer had to correct or reject (the machine's silent errors)."""
    rows = dict(session.execute(select(SpotCheck.outcome, func.count()).group_by(SpotCheck.outcome)).all())
    checked = sum(rows.values())
    wrong = rows.get("corrected", 0) + rows.get("rejected", 0)
    return {"checked": checked, "wrong": wrong, "rate": (wrong / checked) if checked else None}


# --- locks -------------------------------------------------------------------------------------------------------

def lock_holder(session: Session, document_id: int) -> DocumentLock | None:
    lock = session.get(DocumentLock, document_id)
    return lock if lock is not None and lock.expires_at > now() else None


def acquire_lock(session: Session, document_id: int, user: str, minutes: int = LOCK_MINUTES) -> DocumentLock | None:
    """Take or renew the lock for `user`; None when another user holds a live lock."""
    lock = session.get(DocumentLock, document_id, with_for_update=True)
    t = now()
    if lock is not None and lock.expires_at > t and lock.user_name != user:
        return None
    if lock is None:
        lock = DocumentLock(document_id=document_id, user_name=user, acquired_at=t)
        session.add(lock)
    elif lock.user_name != user or lock.expires_at <= t:
        lock.user_name, lock.acquired_at = user, t
    lock.expires_at = t + dt.timedelta(minutes=minutes)
    session.flush()
    return lock


def release_lock(session: Session, document_id: int, user: str) -> None:
    session.execute(delete(DocumentLock).where(DocumentLock.document_id == document_id,
                                               DocumentLock.user_name == user))


# --- dashboard ---------------------------------------------------------------------------------------------------

NO_POSITION = "(không ghi vị trí)"


def needs_by(session: Session, dim: str) -> list[tuple[str, int]]:
    """Hiring needs (current replies) summed by year, qualification, zone or position, largest first for the
    latter two."""
    n = current_hiring_needs
    key = {"year": n.c.year, "qualification": n.c.qualification, "zone": Enterprise.zone,
           "position": n.c.position}[dim]
    q = (select(key.label("k"), func.sum(n.c.quantity).label("q")).select_from(n)
         .outerjoin(Enterprise, Enterprise.id == n.c.enterprise_id).group_by(key))
    blank = {"zone": labels.UNKNOWN_ZONE, "position": NO_POSITION}.get(dim)
    sums: dict = defaultdict(int)
    for r in session.execute(q):
        sums[blank if r.k is None and blank else r.k] += int(r.q or 0)
    rows = list(sums.items())
    if dim == "year":
        return sorted(rows)
    if dim == "qualification":
        order = list(labels.QUALIFICATIONS)
        return sorted(rows, key=lambda r: order.index(r[0]) if r[0] in order else 99)
    return sorted(rows, key=lambda r: (-r[1], str(r[0])))


def needs_zone_year(session: Session) -> tuple[list[int], list[tuple[str, dict[int, int], int]]]:
    n = current_hiring_needs
    q = (select(Enterprise.zone, n.c.year, func.sum(n.c.quantity).label("q")).select_from(n)
         .outerjoin(Enterprise, Enterprise.id == n.c.enterprise_id).group_by(Enterprise.zone, n.c.year))
    cells: dict[str, dict[int, int]] = defaultdict(dict)
    years: set[int] = set()
    for zone, year, qty in session.execute(q):
        zone = zone or labels.UNKNOWN_ZONE
        cells[zone][year] = cells[zone].get(year, 0) + int(qty or 0)
        years.add(year)
    rows = sorted(((z, c, sum(c.values())) for z, c in cells.items()), key=lambda r: (-r[2], r[0]))
    return sorted(years), rows


def needs_year_qualification(session: Session) -> tuple[list[int], list[tuple[str, dict[int, int], int]]]:
    n = current_hiring_needs
    q = select(n.c.qualification, n.c.year, func.sum(n.c.quantity)).group_by(n.c.qualification, n.c.year)
    cells: dict[str, dict[int, int]] = defaultdict(dict)
    years: set[int] = set()
    for qual, year, qty in session.execute(q):
        cells[qual][year] = int(qty or 0)
        years.add(year)
    order = list(labels.QUALIFICATIONS)
    rows = sorted(((k, c, sum(c.values())) for k, c in cells.items()),
                  key=lambda r: order.index(r[0]) if r[0] in order else 99)
    return sorted(years), rows


def total_needs(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(current_hiring_needs.c.quantity), 0))) or 0)


def counted_letters(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Document).where(CURRENT_REPLY)) or 0


def items_by(session: Session, what: str) -> list[tuple[str, int]]:
    """Criteria by category or cooperation offers by kind, over the current replies (letters counted)."""
    model, key = (Criterion, Criterion.category) if what == "criteria" else (Offer, Offer.kind)
    q = (select(key, func.count(func.distinct(model.document_id))).join(Document, Document.id == model.document_id)
         .where(CURRENT_REPLY).group_by(key))
    return sorted(((k, int(c)) for k, c in session.execute(q)), key=lambda r: (-r[1], r[0]))


DRILL_KEYS = ("year", "qualification", "zone", "position", "category", "kind")


def drill_down(session: Session, filters: dict[str, str], limit: int = 1000) -> list[dict]:
    """The items behind a figure: each need, criterion or offer of a current reply matching `filters`, with its
    letter, enterprise and source snippet."""
    section = "criteria" if "category" in filters else "cooperation_offers" if "kind" in filters else "hiring_needs"
    docs = session.scalars(select(Document).where(CURRENT_REPLY).order_by(Document.id)).all()
    out: list[dict] = []
    for doc in docs:
        zone = zone_of(doc)
        if "zone" in filters and zone != filters["zone"]:
            continue
        for i, item in enumerate(doc.extraction.get(section) or []):
            if not _matches(item, filters):
                continue
            prov = item.get("provenance") or {}
            out.append({"document": doc, "zone": zone, "index": i, "item": item, "section": section,
                        "snippet": prov.get("snippet") or item.get("text") or "", "page": prov.get("page"),
                        "enterprise": (doc.enterprise.name if doc.enterprise else None)
                        or (doc.extraction.get("enterprise") or {}).get("name")})
            if len(out) >= limit:
                return out
    return out


def _matches(item: dict, filters: dict[str, str]) -> bool:
    for key in ("year", "qualification", "position", "category", "kind"):
        if key not in filters:
            continue
        value = item.get(key)
        if key == "position" and value is None:
            value = NO_POSITION
        if str(value) != str(filters[key]):
            return False
    return True


def zones(session: Session) -> list[str]:
    found = {z for (z,) in session.execute(select(Enterprise.zone).where(Enterprise.zone.is_not(None)).distinct())}
    found |= {z for (z,) in session.execute(select(RegisterEntry.zone).where(RegisterEntry.zone.is_not(None))
                                            .distinct())}
    return sorted(found)


# --- the register ------------------------------------------------------------------------------------------------

def clean_tax_code(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d+\.0", text):          # a number cell read from Excel
        text = text[:-2]
    code = re.sub(r"[^\d-]", "", text).strip("-")
    if code.isdigit() and len(code) == 9:      # a leading zero lost in a spreadsheet
        code = "0" + code
    return code or None


@dataclass
class RegisterRow:
    entry: RegisterEntry
    enterprise: Enterprise | None
    documents: list[Document]
    matched_by: str | None

    @property
    def replied(self) -> bool:
        return bool(self.documents)


def register_status(session: Session) -> list[RegisterRow]:
    """Every register entry with the enterprise and the (non-rejected) replies matched to it: by tax code, else by
    normalised name."""
    replied = session.scalars(select(Enterprise).join(Document, Document.enterprise_id == Enterprise.id)
                              .where(Document.status != "rejected").distinct()).all()
    by_tax = {e.tax_code: e for e in replied if e.tax_code}
    by_base = {e.tax_code.split("-")[0]: e for e in replied if e.tax_code and "-" not in e.tax_code}
    by_name = {e.name_key: e for e in replied if e.name_key}
    docs = defaultdict(list)
    for d in session.scalars(select(Document).where(Document.status != "rejected",
                                                    Document.enterprise_id.is_not(None)).order_by(Document.id)):
        docs[d.enterprise_id].append(d)
    rows = []
    for entry in session.scalars(select(RegisterEntry).order_by(RegisterEntry.zone, RegisterEntry.name)):
        ent, how = None, None
        if entry.tax_code and (entry.tax_code in by_tax or entry.tax_code in by_base):
            ent, how = by_tax.get(entry.tax_code) or by_base[entry.tax_code], "tax_code"
        elif entry.name_key and entry.name_key in by_name:
            ent, how = by_name[entry.name_key], "name"
        rows.append(RegisterRow(entry, ent, docs[ent.id] if ent else [], how))
    return rows


def response_by_zone(rows: list[RegisterRow]) -> list[dict]:
    total, answered = Counter(), Counter()
    for r in rows:
        zone = r.entry.zone or labels.UNKNOWN_ZONE
        total[zone] += 1
        answered[zone] += r.replied
    out = [{"zone": z, "total": total[z], "replied": answered[z], "rate": answered[z] / total[z]}
           for z in sorted(total)]
    if out:
        t, a = sum(total.values()), sum(answered.values())
        out.append({"zone": "Tổng", "total": t, "replied": a, "rate": a / t})
    return out


def register_key(name: str) -> str | None:
    return name_key(name)
