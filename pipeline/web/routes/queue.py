"""The review queue (letters with open flags and the spot checks, oldest first) and the letters page (every
document in the store, rejected and quarantined ones included): search, filters, sorting and pages."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from pipeline.web import letters, queries
from pipeline.web.pages import render

router = APIRouter()


def _listing(request: Request, rows: list[letters.LetterRow], *, q: str | None, status: str | None,
             zone: str | None, flag: str | None, reviewer: str | None, sort: str | None, desc: int,
             page: int) -> dict:
    everything = rows
    rows = letters.filtered(letters.search(rows, q), status=status or None, zone=zone or None, flag=flag or None,
                            reviewer=reviewer or None)
    rows = letters.sort(rows, sort, bool(desc))
    return {
        "result": letters.paged(rows, page), "everything": len(everything),
        "zones": sorted({r.zone for r in everything}), "codes": sorted({f["code"] for r in everything
                                                                        for f in r.flags}),
        "reviewers": sorted({r.reviewer for r in everything if r.reviewer}),
        "params": {"q": q or "", "status": status or "", "zone": zone or "", "flag": flag or "",
                   "reviewer": reviewer or "", "sort": sort if sort in letters.SORTS else "received",
                   "desc": 1 if desc else 0},
        "sorts": letters.SORTS, "statuses": letters.STATUS_LABELS, "me": request.state.user.name,
        "link": _linker(request.url.path, {"q": q, "status": status, "zone": zone, "flag": flag, "reviewer": reviewer,
                                           "sort": sort, "desc": desc, "page": page}),
    }


def _linker(path: str, params: dict):  # noqa: ANN202
    """`link(page=2)`: this listing's address with some parameters changed (empty ones left out)."""
    def link(**changes) -> str:  # noqa: ANN003
        merged = {**params, **changes}
        return path + "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "", 0) or k == "desc"})
    return link


@router.get("/queue")
def queue_page(request: Request, zone: str | None = None, flag: str | None = None, q: str | None = None,
               sort: str | None = None, desc: int = 0, page: int = 1) -> Response:
    settings = request.app.state.settings
    with request.app.state.store.session() as session:
        rows = letters.queue(session, spot_share=settings.review_spot_check_share)
        ctx = _listing(request, rows, q=q, status=None, zone=zone, flag=flag, reviewer=None, sort=sort, desc=desc,
                       page=page)
        return render(request, "queue.html", **ctx, share=settings.review_spot_check_share,
                      silent=queries.silent_error_rate(session))


@router.get("/letters")
def letters_page(request: Request, q: str | None = None, status: str | None = None, zone: str | None = None,
                 flag: str | None = None, reviewer: str | None = None, sort: str | None = None, desc: int = 1,
                 page: int = 1) -> Response:
    settings = request.app.state.settings
    with request.app.state.store.session() as session:
        rows = letters.all_letters(session, spot_share=settings.review_spot_check_share)
        ctx = _listing(request, rows, q=q, status=status, zone=zone, flag=flag, reviewer=reviewer, sort=sort,
                       desc=desc, page=page)
        return render(request, "letters.html", **ctx)
