"""The dashboard: hiring needs by year, qualification and zone, top positions, criteria and offers by kind; every
figure links to the letters and snippets behind it."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from pipeline.web import labels, queries
from pipeline.web.pages import render

router = APIRouter()


@router.get("/dashboard")
def dashboard(request: Request) -> Response:
    with request.app.state.store.session() as session:
        years, zone_rows = queries.needs_zone_year(session)
        reg = queries.register_status(session)
        ctx = {
            "total": queries.total_needs(session), "letters": queries.counted_letters(session),
            "by_year": [(str(y), y, q) for y, q in queries.needs_by(session, "year")],
            "by_qual": [(labels.QUALIFICATIONS.get(k, k), k, q) for k, q in queries.needs_by(session, "qualification")],
            "by_zone": [(k, k, q) for k, q in queries.needs_by(session, "zone")],
            "top_positions": [(k, k, q) for k, q in queries.needs_by(session, "position")[:10]],
            "criteria": [(labels.CRITERIA.get(k, k), k, c) for k, c in queries.items_by(session, "criteria")],
            "offers": [(labels.OFFERS.get(k, k), k, c) for k, c in queries.items_by(session, "offers")],
            "years": years, "zone_rows": zone_rows,
            "pending": len(queries.review_queue(session,
                                                spot_share=request.app.state.settings.review_spot_check_share)),
            "response": queries.response_by_zone(reg)[-1] if reg else None,
            "silent": queries.silent_error_rate(session),
        }
        return render(request, "dashboard.html", **ctx)


@router.get("/dashboard/drill")
def drill(request: Request) -> Response:
    filters = {k: v for k, v in request.query_params.items() if k in queries.DRILL_KEYS and v}
    with request.app.state.store.session() as session:
        items = queries.drill_down(session, filters)
        total = sum(i["item"].get("quantity") or 0 for i in items if i["section"] == "hiring_needs")
        return render(request, "drill.html", items=items, filters=filters, total=total)
