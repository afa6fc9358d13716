"""The review app's door: what every request and every response goes through, whatever the route.

- Requests: the Host header must be one of the allowed hosts (`REPLYFLOW_ALLOWED_HOSTS`); query strings and
  form bodies are cleaned of control characters (schemas/text.py) before any route reads them, the names of
  the fields that changed kept in `request.state.cleaned_fields`; a form body larger than MAX_FORM_BYTES is
  refused (413).
- Responses: the security headers on every one, errors included (a route's own headers, such as the pages'
  nonce'd policy, win); an unexpected exception becomes a Vietnamese 500 page with them, never a bare one;
  redirects point at a path of this site, never at the host a request named.
- Ids: `Id` bounds a path's number to the store's integers, and a path that names nothing answers 404 (an id
  of 2^63 or more must not reach the database, which would fail on it).
"""
from __future__ import annotations

import html
import logging
from typing import Annotated
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from fastapi import Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from schemas.text import clean_text

log = logging.getLogger(__name__)

MAX_ID = 2 ** 63 - 1                     # the store's integer ids (BIGINT, SQLite INTEGER)
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
MAX_FORM_BYTES = 1024 * 1024             # a letter's whole form is a few kB; a field of 1 MB is no value
FORM_TYPE = b"application/x-www-form-urlencoded"

#: Headers every response carries unless the route set its own.
SECURITY_HEADERS = {
    b"x-frame-options": b"DENY",
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"same-origin",
    b"content-security-policy": b"default-src 'none'; frame-ancestors 'none'; form-action 'self'",
    b"cache-control": b"no-store",
}


def _page(status: int, title: str, message: str) -> tuple[list[tuple[bytes, bytes]], bytes]:
    body = (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
            f"<body><h1>{html.escape(title)}</h1><p>{html.escape(message)}</p></body></html>").encode()
    return [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())], body


def host_allowed(host_header: str, allowed: list[str]) -> bool:
    """Is the Host header (a name or address, with or without a port) one of `allowed` ("*" = any; "*.example.vn"
    = any name under example.vn)?"""
    if "*" in allowed:
        return True
    host = host_header.strip().lower()
    if host.startswith("["):                                   # [::1]:8000
        host = host[1:].split("]", 1)[0]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    host = host.rstrip(".")
    for name in allowed:
        name = name.strip().lower().strip("[]")
        if host == name or (name.startswith("*.") and host.endswith(name[1:])):
            return True
    return False


def clean_query(raw: bytes, changed: list[str]) -> bytes:
    """A query string or form body with control characters taken out of every name and value; the names of the
    fields that changed are added to `changed`. Unchanged input is returned as it was."""
    if not raw:
        return raw
    pairs = parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True, encoding="utf-8", errors="replace")
    cleaned = [(clean_text(k), clean_text(v)) for k, v in pairs]
    dirty = [k for (k, v), (ck, cv) in zip(pairs, cleaned) if (k, v) != (ck, cv)]
    if not dirty:
        return raw
    changed.extend(clean_text(k) for k in dirty)
    return urlencode(cleaned).encode("ascii")


def _relative(location: bytes) -> bytes:
    """A redirect's target as a path of this site: scheme and host dropped (they come from the request)."""
    parts = urlsplit(location.decode("latin-1"))
    if not (parts.scheme or parts.netloc):
        return location
    return urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)).encode("latin-1")


class Boundary:
    """The outermost middleware of the app (see the module's docstring)."""

    def __init__(self, app, allowed_hosts: list[str]):  # noqa: ANN001
        self.app = app
        self.allowed_hosts = list(allowed_hosts) or ["*"]

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message) -> None:  # noqa: ANN001
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS.items() if k not in present]
                if 300 <= message["status"] < 400:
                    headers = [(k, _relative(v) if k.lower() == b"location" else v) for k, v in headers]
                message = {**message, "headers": headers}
            await send(message)

        async def answer(status: int, title: str, text: str) -> None:
            headers, body = _page(status, title, text)
            await send_with_headers({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        headers = dict(scope.get("headers") or [])
        if not host_allowed(headers.get(b"host", b"").decode("latin-1"), self.allowed_hosts):
            await answer(400, "Yêu cầu không hợp lệ", "Địa chỉ máy chủ trong yêu cầu không được phép.")
            return
        changed: list[str] = []
        scope = dict(scope, query_string=clean_query(scope.get("query_string", b""), changed))
        if headers.get(b"content-type", b"").split(b";")[0].strip().lower() == FORM_TYPE:
            body, more = b"", True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body += message.get("body", b"")
                more = message.get("more_body", False)
                if len(body) > MAX_FORM_BYTES:
                    await answer(413, "Biểu mẫu quá lớn", "Nội dung gửi lên quá lớn (tối đa 1 MB); không có gì được "
                                                         "lưu.")
                    return
            body = clean_query(body, changed)
            scope["headers"] = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-length"]
            scope["headers"].append((b"content-length", str(len(body)).encode()))
            replayed = False

            async def receive():  # noqa: ANN202
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return {"type": "http.disconnect"}

        scope.setdefault("state", {})["cleaned_fields"] = changed
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("review app: unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await answer(500, "Lỗi hệ thống", "Đã có lỗi khi xử lý yêu cầu; lỗi đã được ghi lại. Hãy thử lại "
                                                  "hoặc báo cho quản trị viên.")


async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
    """A path whose number names nothing (out of range, not a number) is 404; other invalid parameters 422."""
    if any((err.get("loc") or ("",))[0] == "path" for err in exc.errors()):
        return JSONResponse({"detail": "Không tìm thấy"}, status_code=404)
    return JSONResponse({"detail": "Tham số không hợp lệ"}, status_code=422)


_OBJECT_PARTS = ("source", "enterprise", "letter", "registration")
_LIST_PARTS = ("hiring_needs", "criteria", "cooperation_offers", "flags")


def shaped(extraction: object) -> dict:
    """A stored letter's values in the contract's shape, for showing: its parts objects or lists of objects, an
    item's provenance an object. A damaged stored value (a string where an item should be) is left out of what
    pages show instead of failing them; the values themselves are shown as they are (templates escape them)."""
    data = dict(extraction) if isinstance(extraction, dict) else {}
    for part in _OBJECT_PARTS:
        data[part] = data.get(part) if isinstance(data.get(part), dict) else {}
    for part in _LIST_PARTS:
        items = data.get(part) if isinstance(data.get(part), list) else []
        data[part] = [dict(i, provenance=i.get("provenance") if isinstance(i.get("provenance"), dict) else None)
                      for i in items if isinstance(i, dict)]
    proposals = data.get("proposals") if isinstance(data.get("proposals"), list) else []
    data["proposals"] = [p if isinstance(p, str) else str(p) for p in proposals if p is not None]
    for part in ("enterprise", "letter"):
        prov = data[part].get("provenance")
        data[part] = dict(data[part], provenance={k: v for k, v in prov.items() if isinstance(v, dict)}
                          if isinstance(prov, dict) else None)
    channels = data["registration"].get("channels")
    data["registration"] = dict(data["registration"], channels=[str(c) for c in channels if c is not None]
                                if isinstance(channels, list) else [])
    return data
