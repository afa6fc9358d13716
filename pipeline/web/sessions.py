"""Sessions kept on the server: the cookie holds an opaque random token, nothing else.

A signed-in session is a row of `web_sessions` keyed by the SHA-256 of its token (pipeline/store/web_models.py),
with the user and the session's data (the CSRF token, flash messages). Ending a session deletes its row, so every
copy of the cookie stops working at once: sign-out ends the browser's own session, disabling an account or
resetting its password ends all of that account's sessions, and enabling it again revives none (the rows are
gone). Signing in always starts a new token (a token planted in the browser before sign-in is worth nothing).

A visitor who is not signed in (the login page) gets a token too but no row: the login form's CSRF token is an
HMAC of that token with the app's secret, so anonymous visitors cost the store nothing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
from http.cookies import SimpleCookie

from sqlalchemy import delete, select, update
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pipeline.store import Store
from pipeline.store.web_models import User, WebSession
from pipeline.web.auth import CurrentUser

COOKIE = "replyflow_session"
SIGNED_IN_HOURS = 10
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class ServerSession(dict):
    """`request.session`: the session's data as a dict, plus who is signed in (`user`, None for a visitor)."""

    def __init__(self, data: dict, *, token: str, user: CurrentUser | None, fresh_token: bool = False):
        super().__init__(data)
        self.token = token
        self.user = user
        self.fresh_token = fresh_token          # a visitor's new token: the response sets the cookie
        self.signing_in: int | None = None
        self.signing_out = False
        self._saved = json.dumps(data, sort_keys=True, default=str)

    def changed(self) -> bool:
        return json.dumps(self, sort_keys=True, default=str) != self._saved


def sign_in(session: ServerSession, user_id: int, csrf: str) -> None:
    """Start a new session for `user_id` when the response is sent (a new token; the visitor's is dropped)."""
    session.clear()
    session["csrf"] = csrf
    session.signing_in = user_id


def sign_out(session: ServerSession) -> None:
    session.clear()
    session.signing_out = True


class ServerSessionMiddleware:
    """Loads `scope["session"]` from the cookie's token before the app runs; stores what changed (and sets or
    clears the cookie) when the response starts."""

    def __init__(self, app: ASGIApp, *, store: Store, secret: str, https_only: bool = False) -> None:
        self.app, self.store, self.https_only = app, store, https_only
        self._secret = secret.encode("utf-8")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        session = await run_in_threadpool(self._load, _cookie_token(scope))
        scope["session"] = session

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                cookie = await run_in_threadpool(self._save, session)
                if cookie:
                    MutableHeaders(scope=message).append("set-cookie", cookie)
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _visitor_csrf(self, token: str) -> str:
        return hmac.new(self._secret, b"login-csrf:" + token.encode("ascii"), hashlib.sha256).hexdigest()

    def _load(self, token: str | None) -> ServerSession:
        if token is not None:
            with self.store.session() as db:
                row = db.execute(select(WebSession, User).join(User, User.id == WebSession.user_id)
                                 .where(WebSession.token_hash == token_hash(token), WebSession.expires_at > _now(),
                                        User.active.is_(True))).first()
                if row is not None:
                    ws, user = row
                    return ServerSession(dict(ws.data or {}), token=token,
                                         user=CurrentUser(user.id, user.name, user.role))
        fresh = token is None
        token = token or new_token()
        return ServerSession({"csrf": self._visitor_csrf(token)}, token=token, user=None, fresh_token=fresh)

    def _save(self, session: ServerSession) -> str | None:
        if session.signing_in is not None:
            token, now = new_token(), _now()
            with self.store.session() as db:
                db.execute(delete(WebSession).where(WebSession.expires_at <= now))
                db.execute(delete(WebSession).where(WebSession.token_hash == token_hash(session.token)))
                db.add(WebSession(token_hash=token_hash(token), user_id=session.signing_in, data=dict(session),
                                  created_at=now, expires_at=now + dt.timedelta(hours=SIGNED_IN_HOURS)))
            return self._cookie(token, SIGNED_IN_HOURS * 3600)
        if session.signing_out:
            with self.store.session() as db:
                db.execute(delete(WebSession).where(WebSession.token_hash == token_hash(session.token)))
            return self._cookie("", 0)
        if session.user is not None and session.changed():
            with self.store.session() as db:
                db.execute(update(WebSession).where(WebSession.token_hash == token_hash(session.token))
                           .values(data=dict(session)))
            return None
        if session.fresh_token:
            return self._cookie(session.token, None)
        return None

    def _cookie(self, value: str, max_age: int | None) -> str:
        parts = [f"{COOKIE}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
        if max_age is not None:
            parts.append(f"Max-Age={max_age}")
        if self.https_only:
            parts.append("Secure")
        return "; ".join(parts)


def _cookie_token(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            jar = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001  a malformed Cookie header: no session
                continue
            morsel = jar.get(COOKIE)
            if morsel is not None and _TOKEN.fullmatch(morsel.value):
                return morsel.value
    return None
