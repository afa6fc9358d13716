"""What every page handler uses: rendering a template with the common context, flash messages, the
public-route mark, the admin check and the errors the app turns into responses.

Routes (pipeline/web/routes/) and the app factory (app.py) both import this module and never each other."""
from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from pipeline.web import labels
from pipeline.web.auth import CurrentUser
from pipeline.web.security import new_token


class NotSignedIn(Exception):
    pass


class Forbidden(Exception):
    def __init__(self, message: str = "Bạn không có quyền xem trang này."):
        super().__init__(message)
        self.message = message


class CsrfRejected(Exception):
    pass


def public(endpoint):  # noqa: ANN001, ANN201
    """Mark a route as reachable without signing in (only the login page)."""
    endpoint.public = True
    return endpoint


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = new_token()
    return token


def require_admin(request: Request) -> CurrentUser:
    user = request.state.user
    if user.role != "admin":
        raise Forbidden("Chỉ quản trị viên được quản lý người dùng.")
    return user


def render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    flashes = request.session.pop("flash", []) if "session" in request.scope else []
    return templates.TemplateResponse(request, template, {
        "user": getattr(request.state, "user", None), "csrf_token": csrf_token(request), "flashes": flashes,
        "labels": labels, "csp_nonce": getattr(request.state, "csp_nonce", ""), **context}, status_code=status_code)


def flash(request: Request, message: str, kind: str = "ok", *, undo: int | None = None) -> None:
    """A message for the next page; `undo`: the id of a letter just rejected (the message offers to undo it)."""
    entry = {"kind": kind, "message": message}
    if undo is not None:
        entry["undo"] = undo
    request.session.setdefault("flash", []).append(entry)
    request.session["flash"] = request.session["flash"]
