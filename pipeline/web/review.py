"""An officer's decisions on one letter: the edited values validated by the contract's pydantic models and
recorded as corrections (the machine's value is kept in each correction), then approve or reject. Every step is
written to the audit log."""
from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.text import taxcode
from pipeline.store.corrections import DELETE, add_correction, bump_version, resolve_flag
from pipeline.store.supersession import refresh_superseding
from pipeline.store.models import AuditEntry, Document, FlagState, ReviewFlag
from pipeline.store.web_models import SpotCheck
from pipeline.web import formats
from schemas.extraction import (MAX_QUANTITY, CooperationOffer, Criterion, Enterprise, HiringNeed, Letter,
                                Registration)
from schemas.text import LONG_TEXT, SHORT_TEXT

class Proposal(BaseModel):
    """A proposal as the form edits it (the contract keeps proposals as plain strings)."""
    text: str = Field(min_length=1)


# The values an officer may edit, per part of the extraction, with the model that validates them: every field of
# the contract's record.
EDITABLE: dict[str, tuple[type[BaseModel], tuple[str, ...]]] = {
    "enterprise": (Enterprise, ("name", "tax_code", "zone", "contact_name", "contact_phone", "contact_email")),
    "letter": (Letter, ("number", "date")),
    "hiring_needs": (HiringNeed, ("year", "position", "qualification", "quantity", "quantity_max")),
    "criteria": (Criterion, ("category", "text")),
    "cooperation_offers": (CooperationOffer, ("kind", "text")),
    "registration": (Registration, ("frequency", "channels")),
    "proposals": (Proposal, ("text",)),
}
LISTS = ("hiring_needs", "criteria", "cooperation_offers", "proposals")
NEW = "new"          # the index of the blank row that adds an item; more rows added on the page are new1, new2...
MAX_NEW_ROWS = 50    # new rows read from one form, per list
DELETE_MARK = "delete"                  # a row's checkbox "Xoá": hiring_needs.3.delete = 1
_NEW_ROW = re.compile(r"new\d{0,3}")


@dataclass
class Edit:
    changes: list[tuple[str, Any]] = field(default_factory=list)   # (JSON pointer, new value)
    deletions: list[str] = field(default_factory=list)             # pointers of the items deleted ("/criteria/2")
    errors: dict[str, str] = field(default_factory=dict)           # form field name -> Vietnamese message

    @property
    def count(self) -> int:
        return len(self.changes) + len(self.deletions)


def field_name(section: str, key: str, index: int | str | None = None) -> str:
    return f"{section}.{index}.{key}" if index is not None else f"{section}.{key}"


def _blank(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


NUMBERS = ("year", "quantity", "quantity_max")
NOT_A_NUMBER = "Phải là một số nguyên (ví dụ 1.200 hoặc 1200)"
NOT_A_DATE = "Ngày không hợp lệ: nhập ngày/tháng/năm, ví dụ 05/04/2023"
NAME_REQUIRED = "Bắt buộc: tên doanh nghiệp gửi văn bản"
TAX_SHAPE = "Mã số thuế gồm 10 chữ số; chi nhánh thêm 3 chữ số (ví dụ 0201234569 hoặc 0201234569-001)"
TAX_CHECK_DIGIT = ("Chữ số kiểm tra của mã số thuế không khớp. Hãy đối chiếu với bản gốc; nếu văn bản ghi đúng như "
                   "vậy, đánh dấu «Giữ mã số thuế này» rồi lưu lại")
TAX_CONFIRM = "confirm.enterprise.tax_code"
EMAIL_SHAPE = "Thư điện tử không đúng dạng (ví dụ: nhansu@congty.vn)"
PHONE_SHAPE = "Số điện thoại không đúng dạng (9 đến 11 chữ số, ví dụ 0225 3123 456 hoặc 0912 345 678)"
_EMAIL = re.compile(r"[^@\s,;]+@[^@\s,;]+\.[^@\s,;.]+")
_PHONE_PART = re.compile(r"\+?[\d\s.()-]+")


TOO_LONG = "Quá dài: tối đa {} ký tự"
TOO_LARGE = f"Số lượng quá lớn: tối đa {formats.number(MAX_QUANTITY)}"


def _typed(key: str, value: Any) -> tuple[Any, str | None]:
    """A typed value as the contract wants it, from what an officer types the Vietnamese way: numbers with a dot
    for thousands ("1.200"), dates day/month/year. (value, None) or (None, a Vietnamese message). Texts longer
    than the schema keeps are refused (SHORT_TEXT, LONG_TEXT for an item's text)."""
    if value is None or not isinstance(value, str):
        return value, None
    limit = LONG_TEXT if key == "text" else SHORT_TEXT
    if len(value) > limit:
        return None, TOO_LONG.format(formats.number(limit))
    if key in NUMBERS:
        number = formats.parse_int(value)
        return (number, None) if number is not None else (None, NOT_A_NUMBER)
    if key == "date":
        date = formats.parse_date(value)
        return (date.isoformat(), None) if date is not None else (None, NOT_A_DATE)
    if key == "tax_code":
        return re.sub(r"[\s.]", "", value), None
    if key == "channels":
        return [c.strip() for c in re.split(r"[\n;]", value) if c.strip()], None
    return value, None


def _enterprise_checks(data: dict, form: dict[str, str], edit: Edit) -> None:
    """What the contract leaves open but an officer must not save: no name, a tax code of the wrong shape or with
    a wrong check digit (a warning the officer may confirm: some letters print a wrong code), an e-mail address or
    a phone number that cannot be one."""
    def err(key: str, message: str) -> None:
        edit.errors.setdefault(field_name("enterprise", key), message)

    if not data.get("name"):
        err("name", NAME_REQUIRED)
    tax = data.get("tax_code")
    if tax and not re.fullmatch(r"\d{10}(-\d{3})?", tax):
        err("tax_code", TAX_SHAPE)
    elif tax and not taxcode.is_valid(tax) and form.get(TAX_CONFIRM) != "1":
        err("tax_code", TAX_CHECK_DIGIT)
    email = data.get("contact_email")
    if email and not all(_EMAIL.fullmatch(part.strip()) for part in re.split(r"[,;]", email) if part.strip()):
        err("contact_email", EMAIL_SHAPE)
    phone = data.get("contact_phone")
    if phone:
        parts = [p.strip() for p in re.split(r"[,;/]", phone) if p.strip()]
        if not parts or not all(_PHONE_PART.fullmatch(p) and 9 <= sum(c.isdigit() for c in p) <= 12 for p in parts):
            err("contact_phone", PHONE_SHAPE)


def _message(err: dict) -> str:
    kind = err.get("type", "")
    if kind.startswith("int") or kind.startswith("float"):
        return NOT_A_NUMBER
    if kind == "greater_than_equal":
        return "Không được âm"
    if kind == "less_than_equal":
        return TOO_LARGE
    if kind.startswith("date"):
        return NOT_A_DATE
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


def new_rows(section: str, form: dict[str, str]) -> list[str]:
    """The indices of the new rows of a list the form sends ("new", "new1", ... as the page added them)."""
    found = {key.split(".")[1] for key in form if key.startswith(section + ".") and key.count(".") == 2}
    rows = sorted((k for k in found if _NEW_ROW.fullmatch(k)), key=lambda k: int(k[3:] or 0))
    return rows[:MAX_NEW_ROWS]


def parse_form(extraction: dict, form: dict[str, str]) -> Edit:
    """Compare the submitted values with the extraction; each changed value becomes a (pointer, value) pair after
    its whole item passed the schema's validation. Rows ticked "Xoá" become deletions (their other fields are not
    read); filled new rows become added items."""
    edit = Edit()
    for section, (model, keys) in EDITABLE.items():
        if section in LISTS:
            items = extraction.get(section) or []
            for i, item in enumerate(items):
                if form.get(field_name(section, DELETE_MARK, i)) == "1":
                    edit.deletions.append(f"/{section}/{i}")
                    continue
                if section == "proposals":
                    _compare_proposal(item, i, form, edit)
                    continue
                _compare(section, model, keys, item, i, form, edit, f"/{section}/{i}")
            for new in new_rows(section, form):
                _new_item(section, model, keys, form, edit, new)
        else:
            _compare(section, model, keys, extraction.get(section) or {}, None, form, edit, f"/{section}")
    return edit


def _compare(section: str, model: type[BaseModel], keys: tuple[str, ...], item: dict, index: int | None,
             form: dict[str, str], edit: Edit, pointer: str) -> None:
    submitted = {k: _blank(form[field_name(section, k, index)]) for k in keys
                 if field_name(section, k, index) in form}
    if not submitted:
        return
    if not _convert(section, index, submitted, edit):
        return
    data = {**item, **submitted}
    if section == "enterprise":
        _enterprise_checks(data, form, edit)
    if section == "hiring_needs" and data.get("qualification") is None:
        data["qualification"] = "unspecified"
    checked = _validate(model, data, index, section, keys, edit)
    if checked is None:
        return
    for key in submitted:
        if key == "channels" and not checked.get(key) and not item.get(key):
            continue                                  # no channel before, none now
        if checked.get(key) != item.get(key):
            edit.changes.append((f"{pointer}/{key}", checked.get(key)))


def _compare_proposal(item: str, index: int, form: dict[str, str], edit: Edit) -> None:
    name = field_name("proposals", "text", index)
    if name not in form:
        return
    text, problem = _typed("text", _blank(form[name]))
    if problem:
        edit.errors[name] = problem
    elif text is None:
        edit.errors[name] = "Bắt buộc (đánh dấu «Xoá» để bỏ kiến nghị này)"
    elif text != item:
        edit.changes.append((f"/proposals/{index}", text))


def _convert(section: str, index: int | str | None, submitted: dict, edit: Edit) -> bool:
    """Typed values in place; False (with the messages) when one of them cannot be read."""
    ok = True
    for key, value in submitted.items():
        if key == "channels" and value is None:
            submitted[key] = []
            continue
        submitted[key], problem = _typed(key, value)
        if problem:
            edit.errors.setdefault(field_name(section, key, index), problem)
            ok = False
    return ok


def _new_item(section: str, model: type[BaseModel], keys: tuple[str, ...], form: dict[str, str],
              edit: Edit, new: str = NEW) -> None:
    submitted = {k: _blank(form.get(field_name(section, k, new))) for k in keys}
    main = "quantity" if section == "hiring_needs" else "text"
    if submitted.get(main) is None:
        if section == "hiring_needs" and (submitted.get("position") or submitted.get("year")):
            edit.errors[field_name(section, main, new)] = "Bắt buộc: số lượng của dòng mới"
        return                                       # the blank row was left blank
    if not _convert(section, new, submitted, edit):
        return
    if section == "proposals":
        edit.changes.append(("/proposals/-", submitted["text"]))
        return
    data = {k: v for k, v in submitted.items() if v is not None}
    if section == "hiring_needs":
        data.setdefault("qualification", "unspecified")    # not chosen: unknown, never a guess
    checked = _validate(model, data, new, section, keys, edit)
    if checked is not None:
        value = {k: v for k, v in checked.items() if k in keys or k == "confidence"}
        value["confidence"] = 1.0
        value["provenance"] = {"snippet": "(cán bộ bổ sung)"}
        edit.changes.append((f"/{section}/-", value))


def apply_edit(session: Session, doc: Document, edit: Edit, officer: str, note: str | None = None) -> int:
    """Record the edit as corrections, in an order that keeps every pointer of the form valid: changed values
    first, then deletions from the last row up, then the added items (appended at the end)."""
    added = [(p, v) for p, v in edit.changes if p.endswith("/-")]
    for path, value in edit.changes:
        if not path.endswith("/-"):
            add_correction(session, doc, path, value, officer=officer, note=note)
    for path in sorted(edit.deletions, key=lambda p: (p.split("/")[1], -int(p.split("/")[2]))):
        add_correction(session, doc, path, None, officer=officer, note=note, kind=DELETE)
    for path, value in added:
        add_correction(session, doc, path, value, officer=officer, note=note)
    return edit.count


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
    if doc.enterprise_id is not None:
        refresh_superseding(session, doc.enterprise_id, actor=officer)    # an approved letter may now replace
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
        refresh_superseding(session, doc.enterprise_id, actor=officer)
    session.add(AuditEntry(actor=officer, action="rejected", document_id=doc.id,
                           detail={"reason": reason, "before": before, "after": "rejected", "version": doc.version}))


def can_reinstate(doc: Document) -> bool:
    """Only a letter an officer rejected is reinstated here (one rejected at intake is re-read, not undone)."""
    return doc.status == "rejected" and doc.reviewed_outcome == "rejected"


def reinstate(session: Session, doc: Document, officer: str) -> str:
    """Undo an officer's rejection: the letter gets back the status it had, the flags the rejection closed are
    open again, it waits for review and counts as it did before. Returns the status it is back in."""
    if not can_reinstate(doc):
        raise ValueError(f"document #{doc.id} was not rejected by an officer")
    rejection = session.scalars(select(AuditEntry).where(AuditEntry.document_id == doc.id,
                                                         AuditEntry.action == "rejected")
                                .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(1)).first()
    before = (rejection.detail or {}).get("before") if rejection is not None else None
    reopened = 0
    for flag in session.scalars(select(ReviewFlag).where(ReviewFlag.document_id == doc.id,
                                                         ReviewFlag.state == FlagState.resolved,
                                                         ReviewFlag.resolution.like("rejected: %"))).all():
        flag.state, flag.resolved_by, flag.resolution, flag.resolved_at = FlagState.open, None, None, None
        reopened += 1
    doc.status = before if before in ("extracted", "needs_review") else "needs_review"
    if reopened and doc.status == "extracted":
        doc.status = "needs_review"
    reason = (rejection.detail or {}).get("reason") if rejection is not None else None
    doc.reviewed_outcome = doc.reviewed_by = doc.reviewed_at = None
    bump_version(doc)
    mark = session.get(SpotCheck, doc.id)
    if mark is not None and mark.outcome == "rejected":
        session.delete(mark)                          # back in the spot-check bucket it was drawn from
    session.flush()
    if doc.enterprise_id is not None:
        refresh_superseding(session, doc.enterprise_id, actor=officer)
    session.add(AuditEntry(actor=officer, action="reinstated", document_id=doc.id,
                           detail={"status": doc.status, "rejected_for": reason, "version": doc.version}))
    return doc.status


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
                if isinstance(item, str):                      # a proposal
                    out[field_name(section, "text", i)] = item
                    continue
                for k in keys:
                    out[field_name(section, k, i)] = shown(k, item.get(k))
        else:
            part = extraction.get(section) or {}
            for k in keys:
                out[field_name(section, k)] = shown(k, part.get(k))
    return out


def shown(key: str, value: Any) -> Any:
    """A value as the form shows it: quantities "1.200", dates dd/mm/yyyy."""
    if key in ("quantity", "quantity_max") and isinstance(value, int):
        return formats.number(value)
    if key == "date" and value:
        return formats.date(value)
    if key == "channels" and isinstance(value, list):
        return "\n".join(str(c) for c in value)
    return value


def with_submitted(extraction: dict, form: dict[str, str]) -> dict[str, Any]:
    """Form values to show again after a refused submission: what the officer typed wins."""
    values = form_values(copy.deepcopy(extraction))
    values.update({k: v for k, v in form.items() if "." in k})
    return values
