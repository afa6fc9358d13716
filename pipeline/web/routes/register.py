"""Who has replied: the enterprise register imported from CSV/Excel, response rate by zone, the follow-up list."""
from __future__ import annotations

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from pipeline.store.models import AuditEntry
from pipeline.web import queries
from pipeline.web.pages import flash, render
from pipeline.web.register import RegisterFormatError, import_register, missing_csv, missing_xlsx

router = APIRouter()
MAX_UPLOAD = 10 * 1024 * 1024


@router.get("/register")
def register_page(request: Request, show: str = "missing") -> Response:
    with request.app.state.store.session() as session:
        rows = queries.register_status(session)
        shown = rows if show == "all" else [r for r in rows if not r.replied]
        return render(request, "register.html", rows=shown, total=len(rows), show=show,
                      rates=queries.response_by_zone(rows), replied=sum(r.replied for r in rows))


@router.post("/register/import")
async def register_import(request: Request, file: UploadFile = File(...), replace: str = Form("")) -> Response:
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        flash(request, "Tệp quá lớn (tối đa 10 MB).", "error")
        return RedirectResponse("/register", status_code=303)
    from starlette.concurrency import run_in_threadpool

    def work() -> int:
        with request.app.state.store.session() as session:
            n = import_register(session, data, file.filename or "", officer=request.state.user.name,
                                replace=bool(replace))
            session.add(AuditEntry(actor=request.state.user.name, action="register_imported",
                                   detail={"file_name": file.filename, "rows": n, "replace": bool(replace)}))
            return n
    try:
        n = await run_in_threadpool(work)
    except RegisterFormatError as exc:
        flash(request, str(exc), "error")
        return RedirectResponse("/register", status_code=303)
    flash(request, f"Đã nhập {n} doanh nghiệp vào danh sách.")
    return RedirectResponse("/register?show=all", status_code=303)


#: The follow-up list as a download: its builder, media type and file name, by format.
MISSING_DOWNLOADS = {
    "csv": (missing_csv, "text/csv; charset=utf-8", "chua_tra_loi.csv"),
    "xlsx": (missing_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "chua_tra_loi.xlsx"),
}


def _missing_download(request: Request, fmt: str) -> Response:
    build, media_type, file_name = MISSING_DOWNLOADS[fmt]
    with request.app.state.store.session() as session:
        data = build(queries.register_status(session))
    return Response(data, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{file_name}"'})


@router.get("/register/missing.csv")
def register_missing_csv(request: Request) -> Response:
    return _missing_download(request, "csv")


@router.get("/register/missing.xlsx")
def register_missing_xlsx(request: Request) -> Response:
    return _missing_download(request, "xlsx")
