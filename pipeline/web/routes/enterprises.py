"""An enterprise's letter history: every letter it sent (or that carried its tax code), newest first, with its part
in the totals (counted, replaced by a newer one, held until an officer confirms it, rejected) and the audit of
each replacement."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import select

from pipeline.store.models import AuditEntry, Enterprise
from pipeline.store.supersession import letter_history, on_record
from pipeline.web.boundary import Id
from pipeline.web.pages import render

router = APIRouter()
REPLACEMENT_ACTIONS = ("supersedes", "superseded", "replacement_held")


@router.get("/enterprises/{enterprise_id}")
def enterprise_page(request: Request, enterprise_id: Id) -> Response:
    with request.app.state.store.session() as session:
        ent = session.get(Enterprise, enterprise_id)
        if ent is None:
            raise HTTPException(404, "Không có doanh nghiệp này")
        history = letter_history(session, ent.id)
        ids = [h["document"].id for h in history]
        audit = session.scalars(select(AuditEntry).where(AuditEntry.document_id.in_(ids),
                                                         AuditEntry.action.in_(REPLACEMENT_ACTIONS))
                                .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(200)).all() if ids else []
        return render(request, "enterprise.html", ent=ent, history=history, audit=audit,
                      record_names=on_record(session, ent))
