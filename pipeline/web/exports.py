"""Exports: an Excel workbook of needs, criteria, offers and proposals (one row per item, with the enterprise and
the source letter), and the Vietnamese summary report as DOCX, with tables by zone and by year."""
from __future__ import annotations

import datetime as dt
import io
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pipeline.store.models import Document
from pipeline.web import labels, queries

REPORT_TITLE = "Báo cáo tổng hợp nhu cầu tuyển dụng và liên kết đào tạo"
LETTER_COLS = ["Mã tài liệu", "Tệp", "Số công văn", "Ngày công văn", "Doanh nghiệp", "Mã số thuế", "Khu",
               "Tính vào tổng hợp"]


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
        ws.freeze_panes = "A2"
        for i, h in enumerate(header, start=1):
            width = max([len(str(h))] + [len(str(r[i - 1] or "")) for r in rows[:500]])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(10, width + 2))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value                          # never let a letter's text become a spreadsheet formula
    return value


def _letter_cols(doc: Document) -> list:
    ent = doc.enterprise
    ext = doc.extraction.get("enterprise") or {}
    return [doc.id, doc.file_name, doc.letter_number or "", doc.letter_date.isoformat() if doc.letter_date else "",
            (ent.name if ent else None) or ext.get("name") or "", (ent.tax_code if ent else None) or ext.get("tax_code")
            or "", queries.zone_of(doc), "Có" if doc.superseded_by_id is None else "Không (có văn bản mới hơn)"]


def items_workbook(session: Session) -> bytes:
    docs = session.scalars(select(Document).where(Document.status != "rejected")
                           .options(selectinload(Document.enterprise)).order_by(Document.id)).all()
    needs, crits, offers, props = [], [], [], []
    for doc in docs:
        base = _letter_cols(doc)
        ext = doc.extraction
        for n in ext.get("hiring_needs") or []:
            needs.append(base + [n.get("year"), n.get("position") or "",
                                 labels.QUALIFICATIONS.get(n.get("qualification"), n.get("qualification")),
                                 n.get("quantity"), n.get("quantity_max")])
        for c in ext.get("criteria") or []:
            crits.append(base + [labels.CRITERIA.get(c.get("category"), c.get("category")), c.get("text")])
        for o in ext.get("cooperation_offers") or []:
            offers.append(base + [labels.OFFERS.get(o.get("kind"), o.get("kind")), o.get("text")])
        for p in ext.get("proposals") or []:
            props.append(base + [p])
    return workbook_bytes([
        ("Nhu cầu tuyển dụng", LETTER_COLS + ["Năm", "Vị trí", "Trình độ", "Số lượng", "Số lượng tối đa"], needs),
        ("Tiêu chuẩn", LETTER_COLS + ["Nhóm tiêu chuẩn", "Nội dung"], crits),
        ("Hợp tác đào tạo", LETTER_COLS + ["Hình thức", "Nội dung"], offers),
        ("Kiến nghị", LETTER_COLS + ["Nội dung"], props),
    ])


def report_docx(session: Session, *, author: str | None = None) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    today = dt.date.today()
    doc = Docx()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.add_run("BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG").bold = True
    title = doc.add_heading(REPORT_TITLE, level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(f"Hải Phòng, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER

    total = queries.total_needs(session)
    letters = queries.counted_letters(session)
    doc.add_paragraph(
        f"Tổng hợp từ {letters} văn bản trả lời của doanh nghiệp trong các KCN, KKT (mỗi doanh nghiệp tính văn bản "
        f"mới nhất). Tổng nhu cầu tuyển dụng: {total:,} lao động.".replace(",", "."))

    rows = queries.register_status(session)
    if rows:
        doc.add_heading("1. Tình hình trả lời của doanh nghiệp", level=2)
        rates = queries.response_by_zone(rows)
        _table(doc, ["Khu", "Số doanh nghiệp", "Đã trả lời", "Tỷ lệ"],
               [[r["zone"], r["total"], r["replied"], f"{r['rate']:.0%}"] for r in rates])
    n = 2 if rows else 1
    years, zone_rows = queries.needs_zone_year(session)
    doc.add_heading(f"{n}. Nhu cầu tuyển dụng theo khu và theo năm", level=2)
    _table(doc, ["Khu"] + [str(y) for y in years] + ["Tổng"],
           [[z] + [cells.get(y, 0) for y in years] + [t] for z, cells, t in zone_rows]
           + [["Tổng"] + [sum(c.get(y, 0) for _, c, _ in zone_rows) for y in years] + [total]])
    years, qual_rows = queries.needs_year_qualification(session)
    doc.add_heading(f"{n + 1}. Nhu cầu tuyển dụng theo trình độ và theo năm", level=2)
    _table(doc, ["Trình độ"] + [str(y) for y in years] + ["Tổng"],
           [[labels.QUALIFICATIONS.get(q, q)] + [cells.get(y, 0) for y in years] + [t] for q, cells, t in qual_rows])
    doc.add_heading(f"{n + 2}. Các vị trí có nhu cầu lớn nhất", level=2)
    _table(doc, ["Vị trí", "Số lượng"], [[p, q] for p, q in queries.needs_by(session, "position")[:15]])
    doc.add_heading(f"{n + 3}. Tiêu chuẩn doanh nghiệp yêu cầu", level=2)
    _table(doc, ["Nhóm tiêu chuẩn", "Số doanh nghiệp nêu"],
           [[labels.CRITERIA.get(k, k), c] for k, c in queries.items_by(session, "criteria")])
    doc.add_heading(f"{n + 4}. Đề xuất hợp tác với cơ sở đào tạo", level=2)
    _table(doc, ["Hình thức hợp tác", "Số doanh nghiệp đề xuất"],
           [[labels.OFFERS.get(k, k), c] for k, c in queries.items_by(session, "offers")])
    end = doc.add_paragraph(f"Báo cáo được lập từ hệ thống replyflow ngày {today:%d/%m/%Y}"
                            + (f" bởi {author}." if author else "."))
    end.runs[0].italic = True
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _table(doc, header: list[str], rows: list[list]) -> None:  # noqa: ANN001
    if not rows:
        doc.add_paragraph("(Chưa có số liệu)")
        return
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)
