"""Sign in and out."""
from __future__ import annotations

import datetime as dt
import math

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from pipeline.web.pages import public, render
from pipeline.web.security import authenticate, client_address, login_wait, new_token
from pipeline.web.sessions import sign_in, sign_out

router = APIRouter()


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/queue"


@router.get("/login")
@public
def login_page(request: Request, next: str | None = None) -> Response:  # noqa: A002
    return render(request, "login.html", next=_safe_next(next))


def request_client(request: Request) -> str:
    """The client's address, through the reverse proxies named in REPLYFLOW_TRUSTED_PROXIES."""
    peer = request.client.host if request.client else None
    return client_address(peer, request.headers.getlist("x-forwarded-for"),
                          request.app.state.settings.trusted_proxies)[:100]


def _wait_words(wait: dt.timedelta) -> str:
    seconds = max(1, math.ceil(wait.total_seconds()))
    return f"{seconds} giây" if seconds < 120 else f"{math.ceil(seconds / 60)} phút"


@router.post("/login")
@public
def login(request: Request, name: str = Form(""), password: str = Form(""), next: str = Form("/queue")) -> Response:  # noqa: A002
    client = request_client(request)
    store = request.app.state.store
    with store.session() as session:
        wait = login_wait(session, name.strip()[:100], client)
        if wait.total_seconds() > 0:                 # refused unseen: a try during the wait costs nothing
            resp = render(request, "login.html", 429, next=_safe_next(next), name=name,
                          error=f"Đăng nhập sai nhiều lần. Hãy thử lại sau {_wait_words(wait)}.")
            resp.headers["Retry-After"] = str(max(1, math.ceil(wait.total_seconds())))
            return resp
        user = authenticate(session, name, password, client)
        uid = user.id if user is not None else None
    if uid is None:
        return render(request, "login.html", 401, next=_safe_next(next), name=name,
                      error="Tên đăng nhập hoặc mật khẩu không đúng.")
    sign_in(request.session, uid, new_token())
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    sign_out(request.session)
    return RedirectResponse("/login", status_code=303)


@router.get("/")
def home(request: Request) -> Response:
    return RedirectResponse("/queue", status_code=303)
