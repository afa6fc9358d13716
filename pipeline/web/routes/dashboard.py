"""The dashboard: hiring needs by year, qualification and zone, top positions, criteria and offers by kind; every
figure links to the letters and snippets behind it (all of them, paged, with the same total). The officer chooses
whether letters not reviewed yet count ("all") or not ("approved")."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from pipeline.web import labels, letters, queries
from pipeline.web.pages import render

router = APIRouter()


@router.get("/dashboard")
def dashboard(request: Request, scope: str | None = None) -> Response:
    scope = queries.scope_of(scope)
    with request.app.state.store.session() as session:
        needs = queries.NeedsSummary(session, scope)
        years, zone_rows = needs.cross("zone")
        reg = queries.register_status(session)
        ctx = {
            "scope": scope, "total": needs.total,
            "letters": queries.counted_letters(session, scope),
            "unreviewed": queries.unreviewed_letters(session),
            "by_year": [(str(y), y, f) for y, f in needs.by("year")],
            "by_qual": [(labels.QUALIFICATIONS.get(k, k), k, f) for k, f in needs.by("qualification")],
            "by_zone": [(k, k, f) for k, f in needs.by("zone")],
            "top_positions": [(k, k, f) for k, f in needs.by("position")[:10]],
            "criteria": [(labels.CRITERIA.get(k, k), k, c) for k, c in queries.items_by(session, "criteria", scope)],
            "offers": [(labels.OFFERS.get(k, k), k, c) for k, c in queries.items_by(session, "offers", scope)],
            "years": years, "zone_rows": zone_rows,
            "pending": letters.queue_size(session, spot_share=request.app.state.settings.review_spot_check_share),
            "response": queries.response_by_zone(reg)[-1] if reg else None,
            "silent": queries.silent_error_rate(session),
        }
        return render(request, "dashboard.html", **ctx)


@router.get("/dashboard/drill")
def drill(request: Request, scope: str | None = None, page: int = 1) -> Response:
    scope = queries.scope_of(scope)
    filters = {k: v for k, v in request.query_params.items() if k in queries.DRILL_KEYS and v}
    with request.app.state.store.session() as session:
        result = queries.drill_down(session, filters, scope, page)
        return render(request, "drill.html", drill=result, filters=filters, scope=scope,
                      unreviewed=queries.unreviewed_letters(session))
