"""A letter's history and the audit log in words officers use: "Nhu cầu dòng 1 – Số lượng: 200 → 210", not a JSON
pointer and a Python dict."""
from __future__ import annotations

from typing import Any

from pipeline.store.corrections import FIELD_NAMES, SECTION_NAMES
from pipeline.web import formats, labels
from schemas import FlagCode

# The store's names of sections and fields (one list, shared with the re-reading's differences), capitalised.
SECTIONS = SECTION_NAMES
FIELDS = {key: name[:1].upper() + name[1:] for key, name in FIELD_NAMES.items()}
# Every action the audit log records, in Vietnamese (labels.ACTIONS has those of a letter's own page).
ACTIONS = {
    **labels.ACTIONS, "exported": "Tải báo cáo", "register_imported": "Nhập danh sách doanh nghiệp",
    "user_added": "Thêm người dùng", "user_enabled": "Mở khoá người dùng", "user_disabled": "Khoá người dùng",
    "password_reset": "Đặt lại mật khẩu", "quarantined": "Cách ly tệp", "duplicate_removed": "Bỏ bản trùng",
    "claim_taken_over": "Nhận tiếp tệp của lượt nhập đã dừng",
}
_CHOICES = {"qualification": labels.QUALIFICATIONS, "category": labels.CRITERIA, "kind": labels.OFFERS,
            "frequency": labels.FREQUENCIES}


def where(path: str | None) -> str:
    """"/hiring_needs/0/quantity" -> "Nhu cầu dòng 1 – Số lượng"; "/hiring_needs/-" -> "Nhu cầu – thêm dòng"."""
    parts = [p for p in (path or "").split("/") if p]
    if not parts:
        return path or ""
    section = SECTIONS.get(parts[0], parts[0])
    if len(parts) == 2 and parts[1] == "-":
        return f"{section} – thêm dòng"
    if len(parts) == 2 and parts[1].isdigit():
        return f"{section} dòng {int(parts[1]) + 1}"
    if len(parts) == 3 and parts[1].isdigit():
        return f"{section} dòng {int(parts[1]) + 1} – {FIELDS.get(parts[2], parts[2])}"
    return f"{section} – {FIELDS.get(parts[-1], parts[-1])}"


def value(v: Any, field: str | None = None) -> str:
    """A value as officers read it: numbers "1.200", dates dd/mm/yyyy, codes by their label, an added row as its
    fields, nothing as "—"."""
    if v is None or v == "" or v == []:
        return "—"
    if isinstance(v, bool):
        return "có" if v else "không"
    if isinstance(v, int):
        return str(v) if field == "year" else formats.number(v)
    if isinstance(v, list):
        return "; ".join(value(x) for x in v)
    if isinstance(v, dict):
        keys = ("year", "position", "qualification", "quantity", "quantity_max", "category", "kind", "text")
        shown = [value(v[k], k) for k in keys if v.get(k) not in (None, "")]
        return " · ".join(shown)
    if field in _CHOICES:
        return _CHOICES[field].get(v, v)
    if field == "date" or (isinstance(v, str) and len(v) == 10 and v[4] == "-" and v[7] == "-"):
        return formats.date(v)
    return str(v)


def field_of(path: str | None) -> str | None:
    parts = [p for p in (path or "").split("/") if p]
    return parts[-1] if parts and not parts[-1].isdigit() and parts[-1] != "-" else None


def change(path: str | None, old: Any, new: Any, kind: str | None = None) -> str:
    """"Nhu cầu dòng 1 – Số lượng: 200 → 210"; "Nhu cầu dòng 3 – xoá: 2024 · Thợ hàn · …"."""
    field = field_of(path)
    if (path or "").endswith("/-"):
        return f"{where(path)}: {value(new, field)}"
    if kind == "delete":
        return f"{where(path)} – xoá: {value(old, field)}"
    return f"{where(path)}: {value(old, field)} → {value(new, field)}"


def audit_detail(action: str, detail: dict | None) -> str:
    """One audit entry's detail in words."""
    d = detail if isinstance(detail, dict) else {}
    if action == "corrected":
        text = (change(d.get("path"), d.get("old"), d.get("new"), d.get("kind"))
                + (f" ({d['what']})" if d.get("what") else ""))
    elif action == "approved":
        bits = ["có sửa giá trị" if d.get("corrected") else "không sửa giá trị"]
        if d.get(FlagCode.spot_check):                      # the approval of a spot-checked letter
            bits.append("kiểm tra ngẫu nhiên")
        text = ", ".join(bits)
    elif action == "rejected":
        text = f"Lý do: {d.get('reason') or '—'}"
    elif action == "reinstated":
        text = (f"Trở lại: {labels.STATUSES.get(d.get('status'), d.get('status') or '—')}"
                + (f" (đã bị từ chối vì: {d['rejected_for']})" if d.get("rejected_for") else ""))
    elif action == "stored":
        status = labels.STATUSES.get(d.get("status"), d.get("status") or "")
        text = f"Tệp {d.get('file_name') or '—'} ({status})"
    elif action == "flag_resolved":
        text = f"{labels.flag_label(str(d.get('code') or ''))}" + (f": {d['resolution']}" if d.get("resolution")
                                                                   else "")
    elif action in ("supersedes", "superseded", "replacement_held"):   # what the store wrote, in words already
        text = str(d.get("what") or "")
    elif action == "exported":
        what = {"items.xlsx": "bảng tính Excel", "report.docx": "báo cáo Word"}.get(d.get("what"), d.get("what"))
        scope = {"approved": "chỉ văn bản đã duyệt", "all": "tất cả văn bản"}.get(d.get("scope"), "")
        text = f"Tải {what}" + (f" ({scope})" if scope else "")
    else:
        text = "; ".join(f"{FIELDS.get(k, k)}: {value(v)}" for k, v in d.items()
                         if v not in (None, "", [], {}) and not isinstance(v, dict))
    if d.get("note") and action != "rejected":
        text += f" · Ghi chú: {d['note']}"
    return text
