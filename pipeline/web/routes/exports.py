"""Downloads: the Excel workbook of every item and the Vietnamese summary report (DOCX)."""
from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import Response

from pipeline.store.models import AuditEntry
from pipeline.web.exports import items_workbook, report_docx
from pipeline.web.pages import render

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@router.get("/exports")
def exports_page(request: Request) -> Response:
    return render(request, "exports.html")


def _download(data: bytes, media: str, name: str) -> Response:
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/exports/items.xlsx")
def export_items(request: Request) -> Response:
    with request.app.state.store.session() as session:
        data = items_workbook(session)
        session.add(AuditEntry(actor=request.state.user.name, action="exported", detail={"what": "items.xlsx"}))
    return _download(data, XLSX, f"nhu_cau_tuyen_dung_{dt.date.today():%Y%m%d}.xlsx")


@router.get("/exports/report.docx")
def export_report(request: Request) -> Response:
    with request.app.state.store.session() as session:
        data = report_docx(session, author=request.state.user.name)
        session.add(AuditEntry(actor=request.state.user.name, action="exported", detail={"what": "report.docx"}))
    return _download(data, DOCX, f"bao_cao_tong_hop_{dt.date.today():%Y%m%d}.docx")
