"""Sign in and out."""
from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from pipeline.web.auth import session_version
from pipeline.web.pages import public, render
from pipeline.web.security import authenticate, new_token, throttled

router = APIRouter()


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/queue"


@router.get("/login")
@public
def login_page(request: Request, next: str | None = None) -> Response:  # noqa: A002
    return render(request, "login.html", next=_safe_next(next))


@router.post("/login")
@public
def login(request: Request, name: str = Form(""), password: str = Form(""), next: str = Form("/queue")) -> Response:  # noqa: A002
    client = request.client.host if request.client else "?"
    store = request.app.state.store
    with store.session() as session:
        if throttled(session, name.strip()[:100], client):
            return render(request, "login.html", 429, next=_safe_next(next), name=name,
                          error="Đăng nhập sai quá nhiều lần. Hãy thử lại sau 15 phút.")
        user = authenticate(session, name, password, client)
        if user is not None:
            uid, version = user.id, session_version(user)
    if user is None:
        return render(request, "login.html", 401, next=_safe_next(next), name=name,
                      error="Tên đăng nhập hoặc mật khẩu không đúng.")
    request.session.clear()
    request.session.update({"uid": uid, "ver": version, "csrf": new_token()})
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/")
def home(request: Request) -> Response:
    return RedirectResponse("/queue", status_code=303)
