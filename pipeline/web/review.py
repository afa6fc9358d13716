"""An officer's decisions on one letter: the edited values validated by the contract's pydantic models and
recorded as corrections (the machine's value is kept in each correction), then approve or reject. Every step is
written to the audit log."""
from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.corrections import add_correction, bump_version, resolve_flag
from pipeline.store.enterprises import refresh_superseding
from pipeline.store.models import AuditEntry, Document, FlagState, ReviewFlag
from pipeline.store.web_models import SpotCheck
from schemas.extraction import CooperationOffer, Criterion, Enterprise, HiringNeed, Letter, Registration

# The values an officer may edit, per part of the extraction, with the model that validates them.
EDITABLE: dict[str, tuple[type[BaseModel], tuple[str, ...]]] = {
    "enterprise": (Enterprise, ("name", "tax_code", "zone", "contact_name", "contact_phone", "contact_email")),
    "letter": (Letter, ("number", "date")),
    "hiring_needs": (HiringNeed, ("year", "position", "qualification", "quantity", "quantity_max")),
    "criteria": (Criterion, ("category", "text")),
    "cooperation_offers": (CooperationOffer, ("kind", "text")),
    "registration": (Registration, ("frequency",)),
}
LISTS = ("hiring_needs", "criteria", "cooperation_offers")
NEW = "new"          # the index of the blank row that adds an item


@dataclass
class Edit:
    changes: list[tuple[str, Any]] = field(default_factory=list)   # (JSON pointer, new value)
    errors: dict[str, str] = field(default_factory=dict)           # form field name -> Vietnamese message


def field_name(section: str, key: str, index: int | str | None = None) -> str:
    return f"{section}.{index}.{key}" if index is not None else f"{section}.{key}"


def _blank(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _message(err: dict) -> str:
    kind = err.get("type", "")
    if kind.startswith("int") or kind.startswith("float"):
        return "Phải là một số nguyên"
    if kind == "greater_than_equal":
        return "Không được âm"
    if kind.startswith("date"):
        return "Ngày không hợp lệ (định dạng YYYY-MM-DD)"
    if kind == "enum":
        return "Giá trị không có trong danh sách"
    if kind == "missing":
        return "Bắt buộc"
    msg = str(err.get("msg", "Không hợp lệ"))
    if "outside" in msg:
        return "Năm nằm ngoài khoảng 2000-2100"
    if "quantity_max" in msg:
        return "Số tối đa nhỏ hơn số lượng"
    return msg.removeprefix("Value error, ")


def _validate(model: type[BaseModel], data: dict, prefix_index: int | str | None, section: str,
              keys: tuple[str, ...], edit: Edit) -> dict | None:
    try:
        return model.model_validate(data).model_dump(mode="json")
    except ValidationError as exc:
        for err in exc.errors():
            loc = err.get("loc") or ()
            key = str(loc[0]) if loc and str(loc[0]) in keys else ("quantity_max" if section == "hiring_needs"
                                                                     else keys[0])
            edit.errors.setdefault(field_name(section, key, prefix_index), _message(err))
        return None


def parse_form(extraction: dict, form: dict[str, str]) -> Edit:
    """Compare the submitted values with the extraction; each changed value becomes a (pointer, value) pair after
    its whole item passed the schema's validation."""
    edit = Edit()
    for section, (model, keys) in EDITABLE.items():
        if section in LISTS:
            items = extraction.get(section) or []
            for i, item in enumerate(items):
                _compare(section, model, keys, item, i, form, edit, f"/{section}/{i}")
            _new_item(section, model, keys, form, edit)
        else:
            _compare(section, model, keys, extraction.get(section) or {}, None, form, edit, f"/{section}")
    return edit


def _compare(section: str, model: type[BaseModel], keys: tuple[str, ...], item: dict, index: int | None,
             form: dict[str, str], edit: Edit, pointer: str) -> None:
    submitted = {k: _blank(form[field_name(section, k, index)]) for k in keys
                 if field_name(section, k, index) in form}
    if not submitted:
        return
    data = {**item, **submitted}
    if section == "hiring_needs" and data.get("qualification") is None:
        data["qualification"] = "unspecified"
    checked = _validate(model, data, index, section, keys, edit)
    if checked is None:
        return
    for key in submitted:
        if checked.get(key) != item.get(key):
            edit.changes.append((f"{pointer}/{key}", checked.get(key)))


def _new_item(section: str, model: type[BaseModel], keys: tuple[str, ...], form: dict[str, str],
              edit: Edit) -> None:
    submitted = {k: _blank(form.get(field_name(section, k, NEW))) for k in keys}
    main = "quantity" if section == "hiring_needs" else "text"
    if submitted.get(main) is None:
        return                                       # the blank row was left blank
    data = {k: v for k, v in submitted.items() if v is not None}
    checked = _validate(model, data, NEW, section, keys, edit)
    if checked is not None:
        value = {k: v for k, v in checked.items() if k in keys or k == "confidence"}
        value["confidence"] = 1.0
        value["provenance"] = {"snippet": "(cán bộ bổ sung)"}
        edit.changes.append((f"/{section}/-", value))


def apply_edit(session: Session, doc: Document, edit: Edit, officer: str, note: str | None = None) -> int:
    for path, value in edit.changes:
        add_correction(session, doc, path, value, officer=officer, note=note)
    return len(edit.changes)


def approve(session: Session, doc: Document, officer: str, *, spot_check: bool, corrected: bool,
            note: str | None = None) -> None:
    """Settle the letter: its open flags are resolved, it counts as read correctly (status `extracted`)."""
    for flag in session.scalars(select(ReviewFlag).where(ReviewFlag.document_id == doc.id,
                                                         ReviewFlag.state == FlagState.open)).all():
        resolve_flag(session, flag.id, officer=officer, resolution=note or "approved")
    if doc.status == "needs_review":
        doc.status = "extracted"
    kept_pending = doc.pending_reading is not None
    doc.pending_reading = None                        # a new reading waiting beside the values: turned down
    doc.reviewed_outcome, doc.reviewed_by, doc.reviewed_at = "approved", officer, dt.datetime.now(dt.timezone.utc)
    bump_version(doc)
    if spot_check:
        _mark_spot_check(session, doc, officer, "corrected" if corrected else "ok")
    session.add(AuditEntry(actor=officer, action="approved", document_id=doc.id,
                           detail={"note": note, "corrected": corrected, "spot_check": spot_check,
                                   "new_reading_turned_down": kept_pending, "version": doc.version}))


def reject(session: Session, doc: Document, officer: str, reason: str, *, spot_check: bool) -> None:
    """Not a usable reply (wrong letter, unreadable, duplicate): kept, but out of every total."""
    before = doc.status
    for flag in session.scalars(select(ReviewFlag).where(ReviewFlag.document_id == doc.id,
                                                         ReviewFlag.state == FlagState.open)).all():
        flag.state, flag.resolved_by, flag.resolution = FlagState.resolved, officer, f"rejected: {reason}"
        flag.resolved_at = dt.datetime.now(dt.timezone.utc)
    doc.status = "rejected"
    doc.pending_reading = None
    doc.reviewed_outcome, doc.reviewed_by, doc.reviewed_at = "rejected", officer, dt.datetime.now(dt.timezone.utc)
    bump_version(doc)
    if spot_check:
        _mark_spot_check(session, doc, officer, "rejected")
    session.flush()
    if doc.enterprise_id is not None:
        doc.superseded_by_id = None
        refresh_superseding(session, doc.enterprise_id)
    session.add(AuditEntry(actor=officer, action="rejected", document_id=doc.id,
                           detail={"reason": reason, "before": before, "after": "rejected", "version": doc.version}))


def _mark_spot_check(session: Session, doc: Document, officer: str, outcome: str) -> None:
    mark = session.get(SpotCheck, doc.id)
    if mark is None:
        session.add(SpotCheck(document_id=doc.id, checked_by=officer, outcome=outcome))
    else:
        mark.checked_by, mark.outcome = officer, outcome
        mark.checked_at = dt.datetime.now(dt.timezone.utc)


def form_values(extraction: dict) -> dict[str, Any]:
    """The current values by form field name (what the form shows)."""
    out: dict[str, Any] = {}
    for section, (_, keys) in EDITABLE.items():
        if section in LISTS:
            for i, item in enumerate(extraction.get(section) or []):
                for k in keys:
                    out[field_name(section, k, i)] = item.get(k)
        else:
            part = extraction.get(section) or {}
            for k in keys:
                out[field_name(section, k)] = part.get(k)
    return out


def with_submitted(extraction: dict, form: dict[str, str]) -> dict[str, Any]:
    """Form values to show again after a refused submission: what the officer typed wins."""
    values = form_values(copy.deepcopy(extraction))
    values.update({k: v for k, v in form.items() if "." in k})
    return values
