"""The app factory: `create_app(settings)` opens the store, sets up sessions, templates and the routes.

Deny by default: one app-wide dependency (`guard`) requires a signed-in user on every route except those marked
public (the login page), and a valid CSRF token on every request that changes something."""
from __future__ import annotations

import datetime as dt
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from pipeline.config import Settings
from pipeline.store import Store, open_store
from pipeline.web import formats, labels
from pipeline.web.boundary import Boundary, invalid_request
from pipeline.web.pages import CsrfRejected, Forbidden, NotSignedIn, render
from pipeline.web.routes import auth, dashboard, documents, enterprises, exports, queue, register, users
from pipeline.web.security import content_security_policy, new_nonce, same_token, session_secret
from pipeline.web.sessions import ServerSessionMiddleware
from schemas.text import clean_text

TEMPLATES = Path(__file__).with_name("templates")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


async def guard(request: Request) -> None:
    endpoint = request.scope.get("endpoint")
    if not getattr(endpoint, "public", False):
        user = request.session.user                 # loaded with the session: an active account's live session
        if user is None:
            raise NotSignedIn()
        request.state.user = user
    if request.method not in SAFE_METHODS:
        given = request.headers.get("x-csrf-token")
        if given is None:
            form = await request.form()
            given = form.get("csrf_token")
        if not same_token(request.session.get("csrf"), given if isinstance(given, str) else None):
            raise CsrfRejected()


def create_app(settings: Settings, *, store: Store | None = None, secret_key: str | None = None,
               secure_cookies: bool = False) -> FastAPI:
    own_store = store is None
    store = store or open_store(settings.database_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        yield
        if own_store:
            store.dispose()

    app = FastAPI(title="replyflow", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan,
                  dependencies=[Depends(guard)])
    app.state.settings = settings
    app.state.store = store
    templates = Jinja2Templates(directory=str(TEMPLATES))
    templates.env.filters["num"] = formats.number
    templates.env.filters["vndate"] = formats.date
    templates.env.filters["figure"] = lambda f: formats.number_range(f.low, f.high)
    templates.env.filters["pct"] = lambda v: "–" if v is None else f"{v * 100:.0f}%".replace(".", ",")
    templates.env.filters["vntime"] = _vn_time
    templates.env.globals["flag_label"] = labels.flag_label
    templates.env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": True}
    templates.env.finalize = _printable          # a stored value with a lone surrogate must not break a page
    app.state.templates = templates

    app.add_middleware(ServerSessionMiddleware, store=store, https_only=secure_cookies,
                       secret=secret_key or session_secret(settings.data_dir))

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # noqa: ANN001, ANN202
        # A fresh nonce per response: the pages' own <script> and <style> elements carry it (pages.render), so
        # the policy needs no 'unsafe-inline' and a script injected into a page would not run.
        nonce = request.state.csp_nonce = new_nonce()
        response: Response = await call_next(request)
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Content-Security-Policy", content_security_policy(nonce))
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.exception_handler(NotSignedIn)
    async def _not_signed_in(request: Request, exc: NotSignedIn) -> Response:
        if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        return HTMLResponse("Cần đăng nhập.", status_code=401)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> Response:
        return render(request, "error.html", 403, title="Không có quyền", message=exc.message)

    @app.exception_handler(CsrfRejected)
    async def _csrf(request: Request, exc: CsrfRejected) -> Response:
        return render(request, "error.html", 403, title="Yêu cầu bị từ chối",
                      message="Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Hãy tải lại trang và thử lại.")

    app.add_exception_handler(RequestValidationError, invalid_request)
    # Outermost: allowed hosts, clean input, security headers on every response (errors included).
    app.add_middleware(Boundary, allowed_hosts=settings.allowed_hosts)
    for module in (auth, queue, documents, enterprises, register, dashboard, exports, users):
        app.include_router(module.router)
    return app


def _printable(value: object) -> object:
    """What a template prints, without control characters or lone surrogates (UTF-8 cannot encode those)."""
    if isinstance(value, Markup):
        return Markup(clean_text(str(value)))
    return clean_text(value) if isinstance(value, str) else value


def _vn_time(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        local = value.astimezone(dt.timezone(dt.timedelta(hours=7)))
        return local.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")
