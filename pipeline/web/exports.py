"""Exports: an Excel workbook of needs, criteria, offers and proposals (one row per item, with the enterprise and
the source letter), and the Vietnamese summary report as DOCX, with tables by zone and by year."""
from __future__ import annotations

import datetime as dt
import io
import json
import math
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pipeline.store.models import AuditEntry, Document
from pipeline.web import formats, labels, queries
from schemas.text import clean_text

REPORT_TITLE = "Báo cáo tổng hợp nhu cầu tuyển dụng và liên kết đào tạo"
LETTER_COLS = ["Mã tài liệu", "Tệp", "Số công văn", "Ngày công văn", "Doanh nghiệp", "Mã số thuế", "Khu",
               "Tính vào tổng hợp", "Trạng thái duyệt"]
DATE_FORMAT = "DD/MM/YYYY"


def workbook_bytes(sheets: Iterable[tuple[str, list[str], list[list]]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title[:31])
        ws.append(header)
        for c in ws[1]:
            c.font = Font(bold=True)
        for row in rows:
            ws.append([_cell(v) for v in row])
        for col in ws.iter_cols(min_row=2):
            for c in col:
                if isinstance(c.value, dt.date):
                    c.number_format = DATE_FORMAT
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, len(rows) + 1)}"
        for i, h in enumerate(header, start=1):
            width = max([len(str(h))] + [len(str(r[i - 1] or "")) for r in rows[:500]])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(10, width + 2))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_CHARS = 32_767
EXCEL_DIGITS = 15


def neutral_text(value: str) -> str:
    """A text that no spreadsheet reads as a formula (a leading =, +, -, @, tab or return gets a quote), without
    the characters XML forbids, at most one Excel cell long. For the .xlsx and the .csv downloads alike."""
    value = clean_text(value)[:EXCEL_CELL_CHARS - 1]
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value: object) -> object:
    """A value as an Excel cell, whatever was stored: numbers Excel cannot hold exactly (beyond 15 digits,
    infinite) and values of other types are written as text."""
    if value is None or isinstance(value, (bool, dt.date)):
        return value
    if isinstance(value, (int, float)):
        if math.isfinite(value) and abs(value) < 10 ** EXCEL_DIGITS:
            return value
        return str(value)
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False, default=str)
    return neutral_text(value)


def _letter_cols(doc: Document, review: str) -> list:
    ent = doc.enterprise
    ext = doc.extraction.get("enterprise") or {}
    return [doc.id, doc.file_name, doc.letter_number or "", doc.letter_date,
            (ent.name if ent else None) or ext.get("name") or "", (ent.tax_code if ent else None) or ext.get("tax_code")
            or "", queries.zone_of(doc), "Có" if doc.superseded_by_id is None else "Không (có văn bản mới hơn)",
            review]


REVIEW_STATES = {"unsettled": "Chưa duyệt", "approved": "Đã duyệt", "auto": "Chấp nhận tự động (không có cảnh báo)"}


def review_states(session: Session) -> dict[int, str]:
    """Each non-rejected letter's review state: still waiting for an officer, approved by one, or accepted
    automatically (read with nothing flagged)."""
    waiting = set(session.scalars(select(Document.id).where(Document.status != "rejected", queries.unsettled())))
    approved = set(session.scalars(select(AuditEntry.document_id).where(AuditEntry.action == "approved")))
    out = {}
    for (doc_id,) in session.execute(select(Document.id).where(Document.status != "rejected")):
        out[doc_id] = ("unsettled" if doc_id in waiting else "approved" if doc_id in approved else "auto")
    return out


def _items(extraction: dict, part: str) -> list[dict]:
    """The items of a part of a stored letter; whatever is no item (a damaged row) is left out of the lists."""
    items = extraction.get(part)
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _label(table: dict, value: object) -> object:
    return table.get(value, value) if isinstance(value, str) else value


def items_workbook(session: Session, scope: str = "all") -> bytes:
    """Every item of every non-rejected letter (older replies too, marked as not counted); under "approved" the
    letters still waiting for review are left out."""
    states = review_states(session)
    docs = session.scalars(select(Document).where(Document.status != "rejected")
                           .options(selectinload(Document.enterprise)).order_by(Document.id)).all()
    needs, crits, offers, props = [], [], [], []
    for doc in docs:
        if scope == "approved" and states[doc.id] == "unsettled":
            continue
        base = _letter_cols(doc, REVIEW_STATES[states[doc.id]])
        ext = doc.extraction if isinstance(doc.extraction, dict) else {}
        for n in _items(ext, "hiring_needs"):
            needs.append(base + [n.get("year"), n.get("position") or "",
                                 _label(labels.QUALIFICATIONS, n.get("qualification")),
                                 n.get("quantity"), n.get("quantity_max")])
        for c in _items(ext, "criteria"):
            crits.append(base + [_label(labels.CRITERIA, c.get("category")), c.get("text")])
        for o in _items(ext, "cooperation_offers"):
            offers.append(base + [_label(labels.OFFERS, o.get("kind")), o.get("text")])
        props.extend(base + [p] for p in (ext.get("proposals") if isinstance(ext.get("proposals"), list) else []))
    return workbook_bytes([
        ("Nhu cầu tuyển dụng", LETTER_COLS + ["Năm", "Vị trí", "Trình độ", "Số lượng", "Số lượng tối đa"], needs),
        ("Tiêu chuẩn", LETTER_COLS + ["Nhóm tiêu chuẩn", "Nội dung"], crits),
        ("Hợp tác đào tạo", LETTER_COLS + ["Hình thức", "Nội dung"], offers),
        ("Kiến nghị", LETTER_COLS + ["Nội dung"], props),
    ])


def report_docx(session: Session, *, author: str | None = None, scope: str = "all") -> bytes:
    """The report in the administrative format (pipeline/web/report.py), stating what its figures count."""
    from pipeline.web import report

    figure = queries.needs_total(session, scope)
    lines = basis(queries.counted_letters(session, scope), queries.unreviewed_letters(session), figure, scope)
    return report.report_docx(session, author=author, scope=scope, basis=lines)


def basis(letters: int, unreviewed: int, total: queries.Figure, scope: str) -> list[str]:
    """What the figures are counted from, in the report's words: the letters, the ones not reviewed yet, ranges."""
    n = formats.number
    lines = [f"Số liệu tổng hợp từ {n(letters)} văn bản trả lời của doanh nghiệp trong các KCN, KKT (mỗi doanh nghiệp "
             f"tính văn bản mới nhất). Tổng nhu cầu tuyển dụng: {n(total.low)} lao động."]
    if unreviewed and scope == "approved":
        lines.append(f"Chỉ tính các văn bản đã được cán bộ duyệt; {n(unreviewed)} văn bản chưa duyệt không được tính.")
    elif unreviewed:
        lines.append(f"Trong đó {n(unreviewed)} văn bản chưa được cán bộ duyệt; số liệu của các văn bản này có thể "
                     f"còn thay đổi.")
    else:
        lines.append("Tất cả văn bản được tính đã được duyệt.")
    if total.ranged:
        lines.append(f"Nhu cầu doanh nghiệp ghi dạng khoảng (ví dụ “50–70 người”) được cộng theo số nhỏ nhất; nếu tính "
                     f"theo số lớn nhất, tổng nhu cầu là {n(total.high)} lao động.")
    return lines
