"""Officers' corrections and flag resolution.

A correction is tied to what it corrects, never to a list index: the part of the letter (`section`), the item's
identity in that part (`target`: a need's year, position and qualification; a criterion's, an offer's or a
proposal's text) and the `field`. Its `kind` says what it does: `set` a field, `add` an item, `delete` an item. A new reading after an upgrade may read the needs in another order, or one more or one fewer:
the correction is re-applied to the item with the same identity, and when that item is gone (or has become
ambiguous) the correction is not applied anywhere: the caller flags it for an officer (`CORRECTION_UNPLACED`). A deletion is re-applied the same way: to the item of
that identity, or nowhere.

A list field (the registration's channels) is corrected as a change of its members: on a new reading the members
the officer removed are removed and those added are added; when a removed member is no longer there the correction
counts as lost, like an item's.

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
    "proposals": ("text",),                 # the items are plain strings: their text is the item
}
DELETE = "delete"
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


def _as_item(item: Any) -> dict | None:
    """An item as a dict of fields (a proposal, a plain string, is its `text`)."""
    if isinstance(item, str):
        return {"text": item}
    return item if isinstance(item, dict) else None


def identity(section: str, item: dict | str) -> dict[str, Any]:
    """The fields that identify `item` in its part of the letter, as read."""
    fields = _as_item(item) or {}
    return {k: fields.get(k) for k in ITEM_KEYS[section]}


def _key(section: str, item: dict | str) -> tuple:
    fields = _as_item(item) or {}
    return tuple(_norm(k, fields.get(k)) for k in ITEM_KEYS[section])


def _matches(result: dict, section: str, target: dict | str) -> list[int]:
    key = _key(section, target)
    return [i for i, item in enumerate(result.get(section) or []) if _as_item(item) is not None
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


def tie(extraction: dict, path: str, value: Any, *, kind: str = "set") -> dict[str, Any]:
    """What a pointer into the current values designates: kind, section, field, target. `kind` "delete" with the
    pointer of an item ("/hiring_needs/3") deletes it. Raises CorrectionError when it designates nothing that can
    be corrected."""
    parts = _parts(path)
    section = parts[0]
    if section in ITEM_KEYS:
        items = extraction.get(section) or []
        if len(parts) == 2 and parts[1] == "-":
            if _as_item(value) is None or kind != "set":
                raise CorrectionError(f"{path}: an added item must be an object (a proposal: its text)")
            return {"kind": "add", "section": section, "field": None,
                    "target": {**identity(section, value), "of": len(_matches(extraction, section, value))}}
        if not 2 <= len(parts) <= 3 or not parts[1].isdigit() or int(parts[1]) >= len(items):
            raise CorrectionError(f"cannot correct {path}: no such item")
        index, item = int(parts[1]), items[int(parts[1])]
        if len(parts) == 2 and kind == DELETE:
            field = None
        elif len(parts) == 2 and isinstance(item, str) and kind == "set":
            field = "text"                                  # a proposal: the item is its text
        elif len(parts) == 3 and kind == "set":
            field = parts[2]
        else:
            raise CorrectionError(f"cannot {kind} {path}")
        same = _matches(extraction, section, item)
        return {"kind": kind, "section": section, "field": field,
                "target": {**identity(section, item), "occurrence": same.index(index), "of": len(same)}}
    if kind != "set":
        raise CorrectionError(f"cannot {kind} {path}: only items of a list are deleted")
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
        if corr.kind == DELETE:
            del items[index]
        elif isinstance(items[index], str):
            items[index] = copy.deepcopy(corr.new_value)
        else:
            items[index][corr.field] = copy.deepcopy(corr.new_value)
        return True
    part = result.get(corr.section)
    if part is None:
        part = result[corr.section] = {}
    if not isinstance(part, dict):
        return False
    if isinstance(corr.new_value, list) and isinstance(corr.old_value, list):
        merged = _merge_members(part.get(corr.field) or [], corr.old_value, corr.new_value)
        if merged is None:
            return False
        part[corr.field] = merged
        return True
    part[corr.field] = copy.deepcopy(corr.new_value)
    return True


def _merge_members(current: list, old: list, new: list) -> list | None:
    """A list field after an officer changed `old` into `new`: exactly `new` when the reading still says `old`,
    else the reading with the members the officer removed taken out and those added put in. None when a member
    the officer removed is not in the reading (the correction no longer finds its target)."""
    def norm(v: Any) -> Any:
        return _norm("member", v)

    if [norm(v) for v in current] == [norm(v) for v in old]:
        return copy.deepcopy(new)
    kept_new = {norm(v) for v in new}
    removed = [v for v in old if norm(v) not in kept_new]
    had_old = {norm(v) for v in old}
    added = [v for v in new if norm(v) not in had_old]
    out = list(current)
    for gone in removed:
        at = next((i for i, v in enumerate(out) if norm(v) == norm(gone)), None)
        if at is None:
            return None
        del out[at]
    present = {norm(v) for v in out}
    out += [copy.deepcopy(v) for v in added if norm(v) not in present]
    return out


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
                   note: str | None = None, kind: str = "set") -> Correction:
    """Record an officer's correction of the value at `path` (a pointer into the current values, as the review
    form shows them) tied to its target, and rebuild the document's rows from the corrected values. `kind`
    "delete" deletes the item at `path` (its values are kept in the correction as the old value)."""
    tied = tie(doc.extraction, path, value, kind=kind)
    old = get_pointer(doc.extraction, path) if tied["kind"] in ("set", DELETE) else None
    if tied["kind"] == DELETE:
        value = None
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
                           detail={"path": path, "kind": corr.kind, "what": describe(corr), "old": corr.old_value,
                                   "new": value, "note": note, "version": doc.version}))
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
    "quantity_max": "số lượng tối đa", "category": "nhóm tiêu chuẩn", "kind": "hình thức", "text": "nội dung",
    "frequency": "tần suất", "channels": "kênh đăng ký",
}
SECTION_NAMES = {
    "enterprise": "Doanh nghiệp", "letter": "Công văn", "hiring_needs": "Nhu cầu", "criteria": "Tiêu chuẩn",
    "cooperation_offers": "Hợp tác", "registration": "Đăng ký nhu cầu", "proposals": "Kiến nghị",
}


def describe_item(section: str, item: dict | str) -> str:
    """A need as "«Công nhân may» (Lao động phổ thông, 2023)", a criterion, an offer or a proposal by its text."""
    item = _as_item(item) or {}
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
        if corr.kind == DELETE:
            return f"{section}: xoá {what}"
        if corr.section == "proposals":
            return f"{section} {what}"
        return f"{section} {what} · {FIELD_NAMES.get(corr.field or '', corr.field)}"
    if corr.section is None:
        return f"{corr.path} (sửa cũ, không rõ đối tượng)"
    return f"{section} · {FIELD_NAMES.get(corr.field or '', corr.field)}"
