"""The review queue: letters with open flags and the spot checks, oldest first, filtered by zone and flag."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from pipeline.web import queries
from pipeline.web.pages import render

router = APIRouter()


@router.get("/queue")
def queue_page(request: Request, zone: str | None = None, flag: str | None = None) -> Response:
    settings = request.app.state.settings
    with request.app.state.store.session() as session:
        everything = queries.review_queue(session, spot_share=settings.review_spot_check_share)
        items = queries.review_queue(session, spot_share=settings.review_spot_check_share, zone=zone or None,
                                     flag=flag or None)
        zones = sorted({i.zone for i in everything})
        codes = sorted({f["code"] for i in everything for f in i.flags})
        silent = queries.silent_error_rate(session)
        me = request.state.user.name
        return render(request, "queue.html", items=items, zones=zones, codes=codes, zone=zone or "",
                      flag=flag or "", total=len(everything), silent=silent, me=me,
                      share=settings.review_spot_check_share)
