"""User management (admins only): add accounts, disable or enable them, reset passwords; the audit log."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from pipeline.store.models import AuditEntry
from pipeline.store.web_models import User
from pipeline.web.pages import flash, render, require_admin
from pipeline.web.security import AccountError, add_user, hash_password

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
def users_toggle(request: Request, user_id: int) -> Response:
    admin = request.state.user
    with request.app.state.store.session() as session:
        user = session.get(User, user_id)
        if user is None:
            raise HTTPException(404)
        if user.id == admin.id:
            flash(request, "Không thể tự khoá tài khoản của mình.", "error")
            return RedirectResponse("/users", status_code=303)
        user.active = not user.active
        session.add(AuditEntry(actor=admin.name, action="user_enabled" if user.active else "user_disabled",
                               detail={"user": user.name}))
        flash(request, f"Đã {'mở' if user.active else 'khoá'} tài khoản {user.name}.")
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{user_id}/password")
def users_password(request: Request, user_id: int, password: str = Form(...)) -> Response:
    admin = request.state.user.name
    if len(password) < 8:
        flash(request, "Mật khẩu phải có ít nhất 8 ký tự.", "error")
        return RedirectResponse("/users", status_code=303)
    with request.app.state.store.session() as session:
        user = session.get(User, user_id)
        if user is None:
            raise HTTPException(404)
        user.password_hash = hash_password(password)
        session.add(AuditEntry(actor=admin, action="password_reset", detail={"user": user.name}))
        flash(request, f"Đã đặt lại mật khẩu của {user.name}.")
    return RedirectResponse("/users", status_code=303)


@router.get("/audit")
def audit_page(request: Request) -> Response:
    with request.app.state.store.session() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(300)).all()
        return render(request, "audit.html", entries=entries)
