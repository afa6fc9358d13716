"""Downloads: the Excel workbook of every item and the Vietnamese summary report (DOCX)."""
from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import Response

from pipeline.store.models import AuditEntry
from pipeline.web import queries
from pipeline.web.pages import render
from pipeline.web.exports import items_workbook, report_docx

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@router.get("/exports")
def exports_page(request: Request) -> Response:
    with request.app.state.store.session() as session:
        return render(request, "exports.html", unreviewed=queries.unreviewed_letters(session),
                      counted={s: queries.counted_letters(session, s) for s in queries.SCOPES})


def _download(data: bytes, media: str, name: str) -> Response:
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/exports/items.xlsx")
def export_items(request: Request, scope: str | None = None) -> Response:
    scope = queries.scope_of(scope)
    with request.app.state.store.session() as session:
        data = items_workbook(session, scope)
        session.add(AuditEntry(actor=request.state.user.name, action="exported",
                               detail={"what": "items.xlsx", "scope": scope}))
    return _download(data, XLSX, f"nhu_cau_tuyen_dung_{dt.date.today():%Y%m%d}.xlsx")


@router.get("/exports/report.docx")
def export_report(request: Request, scope: str | None = None) -> Response:
    scope = queries.scope_of(scope)
    with request.app.state.store.session() as session:
        data = report_docx(session, author=request.state.user.name, scope=scope)
        session.add(AuditEntry(actor=request.state.user.name, action="exported",
                               detail={"what": "report.docx", "scope": scope}))
    return _download(data, DOCX, f"bao_cao_tong_hop_{dt.date.today():%Y%m%d}.docx")
