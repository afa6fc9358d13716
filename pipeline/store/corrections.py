"""Officers' corrections and flag resolution.

A correction is tied to what it corrects, never to a list index: the part of the letter (`section`), the item's
identity in that part (`target`: a need's year, position and qualification; a criterion's or an offer's text)
and the `field`. A new reading after an upgrade may read the needs in another order, or one more or one fewer:
the correction is re-applied to the item with the same identity, and when that item is gone (or has become
ambiguous) the correction is not applied anywhere: the caller flags it for an officer (`CORRECTION_UNPLACED`).

Identities are compared loosely (accents, case, punctuation and spacing folded: an OCR that reads "Cong nhan
may." for "Công nhân may" still finds it) but never guessed: a target must match as many items as it did when
the correction was made, else it counts as lost.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors import vocab
from extractors.text.normalize import fold
from pipeline.store.load import fill_document
from pipeline.store.models import AuditEntry, Correction, Document, FlagState, ReviewFlag
from schemas.flags import FlagCode

CORRECTION_UNPLACED = FlagCode.correction_unplaced

# The parts of a letter that are lists, and the fields that tell one item of such a list from another.
ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "hiring_needs": ("year", "position", "qualification"),
    "criteria": ("text",),
    "cooperation_offers": ("text",),
}
_PUNCT = re.compile(r"[^\w]+")
_MISSING = object()


class CorrectionError(ValueError):
    """A correction that cannot be made on the current values (no such place)."""


def _norm(key: str, value: Any) -> Any:
    if key == "qualification":
        return value or "unspecified"
    if isinstance(value, str):
        return " ".join(_PUNCT.sub(" ", fold(value)).split()) or None
    return value


def identity(section: str, item: dict) -> dict[str, Any]:
    """The fields that identify `item` in its part of the letter, as read."""
    return {k: item.get(k) for k in ITEM_KEYS[section]}


def _key(section: str, item: dict) -> tuple:
    return tuple(_norm(k, item.get(k)) for k in ITEM_KEYS[section])


def _matches(result: dict, section: str, target: dict) -> list[int]:
    key = _key(section, target)
    return [i for i, item in enumerate(result.get(section) or []) if isinstance(item, dict)
            and _key(section, item) == key]


# --- pointers (what the review form sends) -------------------------------------------------------------------

def _parts(path: str) -> list[str]:
    if not path.startswith("/"):
        raise CorrectionError(f"not a JSON pointer: {path!r}")
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def get_pointer(doc: Any, path: str) -> Any:
    for part in _parts(path):
        try:
            doc = doc[int(part)] if isinstance(doc, list) else doc[part]
        except (KeyError, IndexError, ValueError, TypeError):
            return _MISSING
    return doc


def tie(extraction: dict, path: str, value: Any) -> dict[str, Any]:
    """What a pointer into the current values designates: kind, section, field, target. Raises CorrectionError
    when it designates nothing that can be corrected."""
    parts = _parts(path)
    section = parts[0]
    if section in ITEM_KEYS:
        items = extraction.get(section) or []
        if len(parts) == 2 and parts[1] == "-":
            if not isinstance(value, dict):
                raise CorrectionError(f"{path}: an added item must be an object")
            return {"kind": "add", "section": section, "field": None,
                    "target": {**identity(section, value), "of": len(_matches(extraction, section, value))}}
        if len(parts) != 3 or not parts[1].isdigit() or int(parts[1]) >= len(items):
            raise CorrectionError(f"cannot correct {path}: no such item")
        index, item = int(parts[1]), items[int(parts[1])]
        same = _matches(extraction, section, item)
        return {"kind": "set", "section": section, "field": parts[2],
                "target": {**identity(section, item), "occurrence": same.index(index), "of": len(same)}}
    if len(parts) != 2:
        raise CorrectionError(f"cannot correct {path}: no such field")
    return {"kind": "set", "section": section, "field": parts[1], "target": None}


def find_target(result: dict, section: str, target: dict | None) -> int | None:
    """The index of the item a correction designates in `result`, or None when it is gone or ambiguous."""
    if not target:
        return None
    same = _matches(result, section, target)
    if len(same) != target.get("of", 1):
        return None
    occurrence = target.get("occurrence", 0)
    return same[occurrence] if 0 <= occurrence < len(same) else None


def apply_correction(result: dict, corr: Correction) -> bool:
    """Apply one correction to `result` in place. False (nothing changed) when its target is not there."""
    if corr.section is None:
        return False                          # never tied to a target (made before targets existed): not guessed
    if corr.section in ITEM_KEYS:
        items = result.get(corr.section)
        if items is None:
            items = result[corr.section] = []
        if corr.kind == "add":
            if len(_matches(result, corr.section, corr.target or {})) != (corr.target or {}).get("of", 0):
                return False                  # the new reading has this item itself: an officer must decide
            items.append(copy.deepcopy(corr.new_value))
            return True
        index = find_target(result, corr.section, corr.target)
        if index is None:
            return False
        items[index][corr.field] = copy.deepcopy(corr.new_value)
        return True
    part = result.get(corr.section)
    if part is None:
        part = result[corr.section] = {}
    if not isinstance(part, dict):
        return False
    part[corr.field] = copy.deepcopy(corr.new_value)
    return True


def apply_corrections(result: dict, corrections: Iterable[Correction]) -> tuple[dict, list[Correction]]:
    """A copy of `result` with the corrections applied in the order they were made, and those that found no
    target (not applied anywhere)."""
    out, lost = copy.deepcopy(result), []
    for corr in corrections:
        if not apply_correction(out, corr):
            lost.append(corr)
    return out, lost


def bump_version(doc: Document) -> int:
    doc.version = (doc.version or 0) + 1
    return doc.version


def add_correction(session: Session, doc: Document, path: str, value: Any, *, officer: str,
                   note: str | None = None) -> Correction:
    """Record an officer's correction of the value at `path` (a pointer into the current values, as the review
    form shows them) tied to its target, and rebuild the document's rows from the corrected values."""
    tied = tie(doc.extraction, path, value)
    old = get_pointer(doc.extraction, path) if tied["kind"] == "set" else None
    corr = Correction(document_id=doc.id, path=path, old_value=None if old is _MISSING else old, new_value=value,
                      officer=officer, note=note, **tied)
    corrected = copy.deepcopy(doc.extraction)
    if not apply_correction(corrected, corr):
        raise CorrectionError(f"cannot correct {path}: no such place in document #{doc.id}")
    session.add(corr)
    status = doc.status
    fill_document(session, doc, corrected)        # gives the document a new version
    doc.status = status                           # a correction alone never changes the review status
    corr.version = doc.version
    session.add(AuditEntry(actor=officer, action="corrected", document_id=doc.id,
                           detail={"path": path, "what": describe(corr), "old": corr.old_value, "new": value,
                                   "note": note, "version": doc.version}))
    return corr


def corrections_of(session: Session, document_id: int) -> list[Correction]:
    return list(session.scalars(select(Correction).where(Correction.document_id == document_id)
                                .order_by(Correction.id)))


def resolve_flag(session: Session, flag_id: int, *, officer: str, resolution: str | None = None) -> ReviewFlag:
    flag = session.get_one(ReviewFlag, flag_id)
    flag.state, flag.resolved_by, flag.resolution = FlagState.resolved, officer, resolution
    flag.resolved_at = dt.datetime.now(dt.timezone.utc)
    open_left = session.scalar(select(ReviewFlag.id).where(ReviewFlag.document_id == flag.document_id,
                                                           ReviewFlag.state == FlagState.open).limit(1))
    doc = session.get_one(Document, flag.document_id)
    if open_left is None and doc.status == "needs_review":
        doc.status = "extracted"
    session.add(AuditEntry(actor=officer, action="flag_resolved", document_id=doc.id,
                           detail={"flag": flag_id, "code": flag.code, "resolution": resolution}))
    return flag


# --- for people ------------------------------------------------------------------------------------------------

FIELD_NAMES = {
    "name": "tên", "tax_code": "mã số thuế", "zone": "khu", "contact_name": "người liên hệ",
    "contact_phone": "điện thoại", "contact_email": "thư điện tử", "number": "số công văn", "date": "ngày",
    "year": "năm", "position": "vị trí", "qualification": "trình độ", "quantity": "số lượng",
    "quantity_max": "số tối đa", "category": "loại", "kind": "hình thức", "text": "nội dung",
    "frequency": "tần suất",
}
SECTION_NAMES = {
    "enterprise": "Doanh nghiệp", "letter": "Công văn", "hiring_needs": "Nhu cầu", "criteria": "Tiêu chuẩn",
    "cooperation_offers": "Hợp tác", "registration": "Đăng ký nhu cầu", "proposals": "Kiến nghị",
}


def describe_item(section: str, item: dict) -> str:
    """A need as "«Công nhân may» (Lao động phổ thông, 2023)", a criterion or an offer by its text."""
    if section == "hiring_needs":
        qual = vocab.labels("qualifications").get(item.get("qualification") or "unspecified",
                                                  item.get("qualification"))
        return f"«{item.get('position') or 'không rõ vị trí'}» ({qual}, {item.get('year')})"
    text = str(item.get("text") or "")
    return f"«{text[:60]}{'…' if len(text) > 60 else ''}»"


def describe(corr: Correction) -> str:
    """What a correction changes, for officers: "Nhu cầu «Thợ hàn» (Sơ cấp, 2023) · số lượng"."""
    section = SECTION_NAMES.get(corr.section or "", corr.section or corr.path)
    if corr.section in ITEM_KEYS:
        what = describe_item(corr.section, corr.target or {})
        if corr.kind == "add":
            return f"{section}: thêm {describe_item(corr.section, corr.new_value or {})}"
        return f"{section} {what} · {FIELD_NAMES.get(corr.field or '', corr.field)}"
    if corr.section is None:
        return f"{corr.path} (sửa cũ, không rõ đối tượng)"
    return f"{section} · {FIELD_NAMES.get(corr.field or '', corr.field)}"
