"""Read-side queries of the review app: spot checks, locks, dashboard figures and their drill-down, the
enterprise register matched to replies (the letters page and the queue: pipeline/web/letters.py). Totals follow the
store's "current reply" rule (pipeline/store/queries.py: CURRENT_REPLY), optionally only over settled letters;
a figure and its drill-down are computed from the same rows, so they agree."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, case, delete, func, or_, select
from sqlalchemy.orm import Session

from pipeline.store.enterprises import name_key
from pipeline.store.models import Criterion, Document, Enterprise, FlagState, HiringNeed, Offer, ReviewFlag
from pipeline.store.queries import CURRENT_REPLY, SPOT_CHECK, SPOT_CHECK_MESSAGE, spot_check_ids  # noqa: F401
from pipeline.store.web_models import DocumentLock, RegisterEntry, SpotCheck
from pipeline.web import formats, labels
from schemas.extraction import MAX_QUANTITY

LOCK_MINUTES = 15


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def zone_of(doc: Document) -> str:
    """The zone rule of every figure (`ZONE`), for one loaded letter."""
    return (doc.enterprise.zone if doc.enterprise is not None else None) or labels.UNKNOWN_ZONE


# --- the queue ---------------------------------------------------------------------------------------------------

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
SCOPES = {"all": "Tất cả văn bản được tính", "approved": "Chỉ văn bản đã duyệt"}

# One zone rule for every figure and list: the zone of the letter's enterprise (the store gives an enterprise the
# zone its letters state), else "unknown". Never the letter's JSON in a query: reading it for every row of a sum
# costs ten times the sum itself on SQLite.
ZONE = func.coalesce(Enterprise.zone, labels.UNKNOWN_ZONE)


def scope_of(value: str | None) -> str:
    return value if value in SCOPES else "all"


def unsettled():  # noqa: ANN201
    """Letters still waiting for an officer: marked for review or with a flag left open."""
    open_flag = select(ReviewFlag.id).where(ReviewFlag.document_id == Document.id, ReviewFlag.state == FlagState.open)
    return or_(Document.status == "needs_review", open_flag.exists())


def counted(scope: str = "all"):  # noqa: ANN201
    """The letters a figure counts: the current replies (store rule), and only the settled ones for "approved"."""
    return and_(CURRENT_REPLY, ~unsettled()) if scope == "approved" else CURRENT_REPLY


def _bounded(quantity):  # noqa: ANN001, ANN202
    """A stored count within the schema's bounds (0..MAX_QUANTITY). The schema refuses any other, but a row written
    behind its back must not overflow a sum (SQLite fails on a 64-bit overflow) and break every figure: it counts
    as the bound, which shows in the figures instead of hiding."""
    return case((quantity > MAX_QUANTITY, MAX_QUANTITY), (quantity < 0, 0), else_=quantity)


def _needs(scope: str):  # noqa: ANN202
    """The hiring needs behind every figure, one row each, with the letter's zone (same rows as the store's view
    `current_hiring_needs` for scope "all")."""
    return (select(HiringNeed.id, HiringNeed.document_id, HiringNeed.year, HiringNeed.position,
                   HiringNeed.qualification, _bounded(HiringNeed.quantity).label("quantity"),
                   _bounded(func.coalesce(HiringNeed.quantity_max, HiringNeed.quantity)).label("high"),
                   ZONE.label("zone"))
            .join(Document, Document.id == HiringNeed.document_id)
            .outerjoin(Enterprise, Enterprise.id == Document.enterprise_id)
            .where(counted(scope)).subquery("needs"))


@dataclass(frozen=True)
class Figure:
    """A number of workers: ranges ("50-70 người") count at their lower bound; `high` counts them at the upper."""
    low: int
    high: int

    @property
    def ranged(self) -> bool:
        return self.high != self.low


class NeedsSummary:
    """The hiring needs of the counted letters summed by (year, qualification, zone, position) in one query; every
    figure of the dashboard and the report is a sum over these groups (so they all agree with each other)."""

    def __init__(self, session: Session, scope: str = "all"):
        n = _needs(scope)
        self.groups = [(year, qual, zone, pos, int(lo or 0), int(hi or 0)) for year, qual, zone, pos, lo, hi in
                       session.execute(select(n.c.year, n.c.qualification, n.c.zone, n.c.position,
                                              func.sum(n.c.quantity), func.sum(n.c.high))
                                       .group_by(n.c.year, n.c.qualification, n.c.zone, n.c.position))]

    @property
    def total(self) -> Figure:
        return Figure(sum(g[4] for g in self.groups), sum(g[5] for g in self.groups))

    def by(self, dim: str) -> list[tuple[str, Figure]]:
        """Summed by year, qualification, zone or position, largest first for the latter two."""
        at = {"year": 0, "qualification": 1, "zone": 2, "position": 3}[dim]
        lows: dict = defaultdict(int)
        highs: dict = defaultdict(int)
        for g in self.groups:
            key = NO_POSITION if dim == "position" and g[3] is None else g[at]
            lows[key] += g[4]
            highs[key] += g[5]
        rows = [(k, Figure(lows[k], highs[k])) for k in lows]
        if dim == "year":
            return sorted(rows, key=lambda r: r[0])
        if dim == "qualification":
            order = list(labels.QUALIFICATIONS)
            return sorted(rows, key=lambda r: order.index(r[0]) if r[0] in order else 99)
        return sorted(rows, key=lambda r: (-r[1].low, str(r[0])))

    def cross(self, dim: str) -> tuple[list[int], list[tuple[str, dict[int, int], int]]]:
        """Zone (or qualification) by year: the years, and rows (key, {year: workers}, total)."""
        at = 2 if dim == "zone" else 1
        cells: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for g in self.groups:
            cells[g[at]][g[0]] += g[4]
        rows = [(k, dict(c), sum(c.values())) for k, c in cells.items()]
        if dim == "zone":
            rows.sort(key=lambda r: (-r[2], r[0]))
        else:
            order = list(labels.QUALIFICATIONS)
            rows.sort(key=lambda r: order.index(r[0]) if r[0] in order else 99)
        return sorted({g[0] for g in self.groups}), rows


def needs_by(session: Session, dim: str, scope: str = "all") -> list[tuple[str, Figure]]:
    return NeedsSummary(session, scope).by(dim)


def needs_zone_year(session: Session, scope: str = "all") -> tuple[list[int], list[tuple[str, dict[int, int], int]]]:
    return NeedsSummary(session, scope).cross("zone")


def needs_year_qualification(session: Session, scope: str = "all") -> tuple[list[int], list[tuple[str, dict, int]]]:
    return NeedsSummary(session, scope).cross("qualification")


def total_needs(session: Session, scope: str = "all") -> int:
    return needs_total(session, scope).low


def needs_total(session: Session, scope: str = "all") -> Figure:
    return NeedsSummary(session, scope).total


def counted_letters(session: Session, scope: str = "all") -> int:
    return session.scalar(select(func.count()).select_from(Document).where(counted(scope))) or 0


def unreviewed_letters(session: Session) -> int:
    """Current replies an officer has not settled yet: counted under "all", left out under "approved"."""
    return session.scalar(select(func.count()).select_from(Document).where(CURRENT_REPLY, unsettled())) or 0


def items_by(session: Session, what: str, scope: str = "all") -> list[tuple[str, int]]:
    """Criteria by category or cooperation offers by kind, over the counted letters (letters counted)."""
    model, key = (Criterion, Criterion.category) if what == "criteria" else (Offer, Offer.kind)
    q = (select(key, func.count(func.distinct(model.document_id))).join(Document, Document.id == model.document_id)
         .where(counted(scope)).group_by(key))
    return sorted(((k, int(c)) for k, c in session.execute(q)), key=lambda r: (-r[1], r[0]))


DRILL_KEYS = ("year", "qualification", "zone", "position", "category", "kind")
DRILL_PAGE = 100


@dataclass
class Drill:
    """The items behind one figure: all of them counted (`count`, `total`, `letters`), one page of them listed."""
    section: str
    rows: list[dict]
    count: int
    letters: int
    total: Figure
    page: int
    pages: int


def drill_down(session: Session, filters: dict[str, str], scope: str = "all", page: int = 1,
               per_page: int = DRILL_PAGE) -> Drill:
    """The needs, criteria or offers of the counted letters matching `filters` (the same rows and the same rules
    as the figure they come from), with their letter, enterprise and source snippet; `page` of them listed."""
    if "category" in filters or "kind" in filters:
        section = "criteria" if "category" in filters else "cooperation_offers"
        model = Criterion if section == "criteria" else Offer
        key = Criterion.category if section == "criteria" else Offer.kind
        base = (select(model.id.label("id"), model.document_id.label("document_id"), ZONE.label("zone"))
                .join(Document, Document.id == model.document_id)
                .outerjoin(Enterprise, Enterprise.id == Document.enterprise_id)
                .where(counted(scope), key == filters.get("category", filters.get("kind"))))
        if "zone" in filters:
            base = base.where(ZONE == filters["zone"])
        items = base.subquery()
        count, letters = session.execute(select(func.count(), func.count(func.distinct(items.c.document_id)))).one()
        total = Figure(0, 0)
    else:
        section, model = "hiring_needs", HiringNeed
        n = _needs(scope)
        conds = []
        for k in ("year", "qualification", "zone", "position"):
            if k not in filters:
                continue
            value = filters[k]
            col = n.c[k]
            if k == "year":
                conds.append(col == (int(value) if str(value).isdigit() and len(value) <= 4 else -1))
            elif k == "position" and value == NO_POSITION:
                conds.append(col.is_(None))
            else:
                conds.append(col == value)
        items = select(n).where(*conds).subquery()
        count, letters, lo, hi = session.execute(select(
            func.count(), func.count(func.distinct(items.c.document_id)), func.coalesce(func.sum(items.c.quantity), 0),
            func.coalesce(func.sum(items.c.high), 0))).one()
        total = Figure(int(lo), int(hi))
    pages = max(1, -(-int(count) // per_page))
    page = min(max(1, page), pages)
    ids = session.execute(select(items.c.id, items.c.document_id, items.c.zone)
                          .order_by(items.c.document_id, items.c.id)
                          .offset((page - 1) * per_page).limit(per_page)).all()
    docs = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_({r[1] for r in ids})))}
    # an item's place in its letter's extraction: the rows were inserted in the extraction's order
    order: dict[int, list[int]] = defaultdict(list)
    for item_id, doc_id in session.execute(select(model.id, model.document_id).where(
            model.document_id.in_(docs)).order_by(model.id)):
        order[doc_id].append(item_id)
    rows = []
    for item_id, doc_id, zone in ids:
        doc = docs[doc_id]
        index = order[doc_id].index(item_id)
        listed = doc.extraction.get(section) or []
        item = listed[index] if index < len(listed) else {}
        prov = item.get("provenance") or {}
        rows.append({"document": doc, "zone": zone, "index": index, "item": item, "section": section,
                     "snippet": prov.get("snippet") or item.get("text") or "", "page": prov.get("page"),
                     "enterprise": enterprise_name(doc), "title": letter_title(doc)})
    return Drill(section, rows, int(count), int(letters), total, page, pages)


def enterprise_name(doc: Document) -> str | None:
    return (doc.enterprise.name if doc.enterprise else None) or (doc.extraction.get("enterprise") or {}).get("name")


def letter_title(doc: Document) -> str:
    return formats.letter_title(doc.letter_number, doc.letter_date, enterprise_name(doc), doc.file_name)


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
    documents: list            # rows with .id (the replies' document ids)
    matched_by: str | None

    @property
    def replied(self) -> bool:
        return bool(self.documents)


def register_status(session: Session) -> list[RegisterRow]:
    """Every register entry with the enterprise and the (non-rejected) replies matched to it: by tax code, else by
    normalised name."""
    entries = session.scalars(select(RegisterEntry).order_by(RegisterEntry.zone, RegisterEntry.name)).all()
    if not entries:
        return []
    replied = session.scalars(select(Enterprise).join(Document, Document.enterprise_id == Enterprise.id)
                              .where(Document.status != "rejected").distinct()).all()
    by_tax = {e.tax_code: e for e in replied if e.tax_code}
    by_base = {e.tax_code.split("-")[0]: e for e in replied if e.tax_code and "-" not in e.tax_code}
    by_name = {e.name_key: e for e in replied if e.name_key}
    docs = defaultdict(list)            # (id, enterprise_id) rows: the register needs no letter's values
    for d in session.execute(select(Document.id, Document.enterprise_id).where(
            Document.status != "rejected", Document.enterprise_id.is_not(None)).order_by(Document.id)):
        docs[d.enterprise_id].append(d)
    rows = []
    for entry in entries:
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
