"""User management (admins only): add accounts, disable or enable them, reset passwords; the audit log."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import func, select

from pipeline.store.models import AuditEntry
from pipeline.store.web_models import User
from pipeline.web import formats, history
from pipeline.web.boundary import MAX_ID, Id
from pipeline.web.pages import flash, render, require_admin
from pipeline.web.security import AccountError, add_user, end_sessions_of, hash_password

router = APIRouter(dependencies=[Depends(require_admin)])


@router.get("/users")
def users_page(request: Request) -> Response:
    with request.app.state.store.session() as session:
        users = session.scalars(select(User).order_by(User.name)).all()
        return render(request, "users.html", users=users)


@router.post("/users")
def users_add(request: Request, name: str = Form(...), password: str = Form(...), role: str = Form("officer")) -> Response:
    admin = request.state.user.name
    try:
        with request.app.state.store.session() as session:
            user = add_user(session, name, password, role)
            session.add(AuditEntry(actor=admin, action="user_added", detail={"user": user.name, "role": role}))
    except AccountError as exc:
        flash(request, f"Không tạo được tài khoản: {exc}", "error")
        return RedirectResponse("/users", status_code=303)
    flash(request, f"Đã tạo tài khoản {name.strip()}.")
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{user_id}/active")
def users_toggle(request: Request, user_id: Id) -> Response:
    admin = request.state.user
    with request.app.state.store.session() as session:
        user = session.get(User, user_id)
        if user is None:
            raise HTTPException(404)
        if user.id == admin.id:
            flash(request, "Không thể tự khoá tài khoản của mình.", "error")
            return RedirectResponse("/users", status_code=303)
        user.active = not user.active
        if not user.active:                         # every copy of its cookies stops working now
            end_sessions_of(session, user.id)
        session.add(AuditEntry(actor=admin.name, action="user_enabled" if user.active else "user_disabled",
                               detail={"user": user.name}))
        flash(request, f"Đã {'mở' if user.active else 'khoá'} tài khoản {user.name}.")
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{user_id}/password")
def users_password(request: Request, user_id: Id, password: str = Form(...)) -> Response:
    admin = request.state.user.name
    if len(password) < 8:
        flash(request, "Mật khẩu phải có ít nhất 8 ký tự.", "error")
        return RedirectResponse("/users", status_code=303)
    with request.app.state.store.session() as session:
        user = session.get(User, user_id)
        if user is None:
            raise HTTPException(404)
        user.password_hash = hash_password(password)
        end_sessions_of(session, user.id)           # whoever knew the old password is signed out
        session.add(AuditEntry(actor=admin, action="password_reset", detail={"user": user.name}))
        flash(request, f"Đã đặt lại mật khẩu của {user.name}.")
    return RedirectResponse("/users", status_code=303)


AUDIT_PAGE = 100


@router.get("/audit")
def audit_page(request: Request, actor: str | None = None, action: str | None = None, document: str | None = None,
               since: str | None = None, until: str | None = None, page: int = 1) -> Response:
    """The audit log, newest first, in words; filtered by who, what, which letter and the days (dd/mm/yyyy)."""
    q = select(AuditEntry)
    if actor:
        q = q.where(AuditEntry.actor == actor)
    if action:
        q = q.where(AuditEntry.action == action)
    if document and document.strip().lstrip("#").isdigit():
        number = int(document.strip().lstrip("#"))
        q = q.where(AuditEntry.document_id == (number if number <= MAX_ID else -1))   # no overflow in the store
    local = dt.timezone(dt.timedelta(hours=7))
    start, end = formats.parse_date(since or ""), formats.parse_date(until or "")
    if start:
        q = q.where(AuditEntry.at >= dt.datetime.combine(start, dt.time(), local))
    if end:
        q = q.where(AuditEntry.at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), local))
    with request.app.state.store.session() as session:
        total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
        pages = max(1, -(-total // AUDIT_PAGE))
        page = min(max(1, page), pages)
        entries = session.scalars(q.order_by(AuditEntry.id.desc()).offset((page - 1) * AUDIT_PAGE)
                                  .limit(AUDIT_PAGE)).all()
        actors = sorted(session.scalars(select(AuditEntry.actor).distinct()))
        params = {"actor": actor or "", "action": action or "", "document": document or "", "since": since or "",
                  "until": until or ""}
        return render(request, "audit.html", entries=entries, total=total, page=page, pages=pages, actors=actors,
                      actions=history.ACTIONS, params=params, detail=history.audit_detail,
                      query=urlencode({k: v for k, v in params.items() if v}))
