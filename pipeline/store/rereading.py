"""A stored letter read again by an upgraded extractor (`replyflow reprocess`).

The officers' corrections are re-applied to the new reading by what they correct (pipeline/store/corrections.py);
one that no longer finds its target is applied nowhere and flagged (`correction_unplaced`). A letter an officer
approved keeps its approved values: a new reading that differs from them is kept beside them
(`Document.pending_reading`) and flagged (`reading_differs`) with the differences listed, until an officer keeps
the approved values (approves again) or takes the new reading (`adopt_reading`). A letter an officer rejected
stays rejected.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.corrections import (CORRECTION_UNPLACED, FIELD_NAMES, ITEM_KEYS, SECTION_NAMES, _key,
                                        apply_corrections, bump_version, corrections_of, describe, describe_item)
from pipeline.store.load import fill_document
from pipeline.store.models import AuditEntry, Correction, Document, FlagState, ReviewFlag
from schemas.flags import FlagCode

READING_DIFFERS = FlagCode.reading_differs
APPROVED, REJECTED = "approved", "rejected"

SCALARS = {"enterprise": ("name", "tax_code", "zone", "contact_name", "contact_phone", "contact_email"),
           "letter": ("number", "date"), "registration": ("frequency", "channels")}
ITEM_VALUES = {"hiring_needs": ("quantity", "quantity_max"), "criteria": ("category",),
               "cooperation_offers": ("kind",)}
MAX_LISTED = 40


def _show(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def differences(old: dict, new: dict) -> list[str]:
    """What a new reading says differently from the values on record, one line per difference (Vietnamese)."""
    out: list[str] = []
    if (new.get("status") == "rejected") != (old.get("status") == "rejected"):
        reason = next((f.get("message") for f in new.get("flags") or []), "") if new.get("status") == "rejected" else ""
        out.append(f"Trạng thái: {old.get('status')} → {new.get('status')}" + (f" ({reason})" if reason else ""))
    for section, keys in SCALARS.items():
        a, b = old.get(section) or {}, new.get(section) or {}
        for k in keys:
            if (a.get(k) or None) != (b.get(k) or None):
                out.append(f"{SECTION_NAMES[section]} · {FIELD_NAMES.get(k, k)}: {_show(a.get(k))} → {_show(b.get(k))}")
    for section, keys in ITEM_VALUES.items():
        olds, news = defaultdict(list), defaultdict(list)
        for item in old.get(section) or []:
            olds[_key(section, item)].append(item)
        for item in new.get(section) or []:
            news[_key(section, item)].append(item)
        for key in list(olds) + [k for k in news if k not in olds]:
            a_items, b_items = olds.get(key, []), news.get(key, [])
            for a, b in zip(a_items, b_items):
                for k in keys:
                    if a.get(k) != b.get(k):
                        out.append(f"{SECTION_NAMES[section]} {describe_item(section, a)} · "
                                   f"{FIELD_NAMES.get(k, k)}: {_show(a.get(k))} → {_show(b.get(k))}")
            for a in a_items[len(b_items):]:
                out.append(f"{SECTION_NAMES[section]} {describe_item(section, a)}"
                           + (f" ({_show(a.get('quantity'))})" if section == "hiring_needs" else "")
                           + ": không còn trong bản đọc mới")
            for b in b_items[len(a_items):]:
                out.append(f"{SECTION_NAMES[section]} {describe_item(section, b)}"
                           + (f" ({_show(b.get('quantity'))})" if section == "hiring_needs" else "")
                           + ": chỉ có trong bản đọc mới")
    a_props, b_props = old.get("proposals") or [], new.get("proposals") or []
    out += [f"Kiến nghị «{p[:60]}»: không còn trong bản đọc mới" for p in a_props if p not in b_props]
    out += [f"Kiến nghị «{p[:60]}»: chỉ có trong bản đọc mới" for p in b_props if p not in a_props]
    return out


def _resolved(session: Session, doc_id: int) -> set:
    return set(session.execute(select(ReviewFlag.code, ReviewFlag.field).where(
        ReviewFlag.document_id == doc_id, ReviewFlag.state == FlagState.resolved)))


def _flag(session: Session, doc: Document, code: str, field: str, message: str) -> None:
    session.add(ReviewFlag(document_id=doc.id, code=code, field=field, message=message, origin="store"))
    if doc.status == "extracted":
        doc.status = "needs_review"


def _flag_lost(session: Session, doc: Document, lost: list[Correction]) -> list[str]:
    resolved = _resolved(session, doc.id)
    session.execute(ReviewFlag.__table__.delete().where(ReviewFlag.document_id == doc.id,
                                                        ReviewFlag.code == CORRECTION_UNPLACED,
                                                        ReviewFlag.state == FlagState.open))
    out = []
    for corr in lost:
        field = f"correction:{corr.id}"
        out.append(describe(corr))
        if (CORRECTION_UNPLACED, field) in resolved:
            continue                                 # an officer has settled this one already
        change = "" if corr.kind == "delete" else f": {_show(corr.old_value)} → {_show(corr.new_value)}"
        _flag(session, doc, CORRECTION_UNPLACED, field,
              f"Sửa của cán bộ {corr.officer} ({describe(corr)}{change}) "
              "không tìm thấy đúng chỗ trong bản đọc mới nên chưa được áp dụng. Hãy đối chiếu bản gốc và sửa lại "
              "nếu cần.")
    return out


def reread(session: Session, doc: Document, result: dict, *, extractor_version: str, actor: str = "reprocess") -> dict:
    """Apply a new reading of `doc` (locked by the caller). Returns the audit detail it wrote."""
    result.setdefault("source", {})["file_name"] = doc.file_name
    corrected, lost = apply_corrections(result, corrections_of(session, doc.id))
    detail: dict[str, Any] = {"from_version": doc.extractor_version, "to_version": extractor_version}
    if doc.reviewed_outcome == REJECTED:
        detail["kept"] = "rejected by an officer"
    elif doc.reviewed_outcome == APPROVED:
        diffs = differences(doc.extraction, corrected)
        detail["differences"] = diffs[:MAX_LISTED]
        session.execute(ReviewFlag.__table__.delete().where(ReviewFlag.document_id == doc.id,
                                                            ReviewFlag.code == READING_DIFFERS,
                                                            ReviewFlag.state == FlagState.open))
        if diffs:
            doc.pending_reading = corrected
            listed = "; ".join(diffs[:MAX_LISTED]) + (f"; và {len(diffs) - MAX_LISTED} khác" if len(diffs) > MAX_LISTED
                                                      else "")
            message = (f"Bản đọc mới (phiên bản {extractor_version}) khác với giá trị đã duyệt ({len(diffs)} chỗ): "
                       f"{listed}. Giá trị đã duyệt vẫn được dùng cho đến khi cán bộ chọn.")
            dismissed = session.scalar(select(ReviewFlag.id).where(
                ReviewFlag.document_id == doc.id, ReviewFlag.code == READING_DIFFERS,
                ReviewFlag.state == FlagState.resolved, ReviewFlag.message == message).limit(1))
            if dismissed is None:                    # the same new reading, already turned down by an officer
                _flag(session, doc, READING_DIFFERS, "reading", message)
            else:
                doc.pending_reading = None
            detail["corrections_lost"] = [describe(c) for c in lost]
        else:
            doc.pending_reading = None
        detail["kept"] = "approved values"
    else:
        fill_document(session, doc, corrected)
        detail["corrections_lost"] = _flag_lost(session, doc, lost)
    doc.extractor_version, doc.processed_at = extractor_version, dt.datetime.now(dt.timezone.utc)
    if doc.reviewed_outcome is not None:
        bump_version(doc)
    detail["status"], detail["version"] = doc.status, doc.version
    session.add(AuditEntry(actor=actor, action="reprocessed", document_id=doc.id, detail=detail))
    return detail


def adopt_reading(session: Session, doc: Document, officer: str) -> None:
    """An officer takes the new reading kept beside the approved values: it becomes the letter's values and the
    letter waits for approval again."""
    if doc.pending_reading is None:
        raise ValueError(f"document #{doc.id} has no new reading waiting")
    reading, doc.pending_reading = doc.pending_reading, None
    for flag in session.scalars(select(ReviewFlag).where(ReviewFlag.document_id == doc.id,
                                                         ReviewFlag.code == READING_DIFFERS,
                                                         ReviewFlag.state == FlagState.open)):
        flag.state, flag.resolved_by, flag.resolution = FlagState.resolved, officer, "adopted the new reading"
        flag.resolved_at = dt.datetime.now(dt.timezone.utc)
    doc.reviewed_outcome = doc.reviewed_by = doc.reviewed_at = None
    fill_document(session, doc, reading)
    if doc.status == "extracted":
        doc.status = "needs_review"                  # new values: an officer approves them again
    session.add(AuditEntry(actor=officer, action="reading_adopted", document_id=doc.id,
                           detail={"version": doc.version}))
