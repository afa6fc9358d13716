"""Security of the review app: deny by default (every route enumerated from the app), CSRF on every form, admin
pages, login throttling, and originals served by stored id only."""
from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import select

from tests.support.seed import PASSWORD
from tests.support.webclient import csrf_of, sign_in

PUBLIC = {("/login", "GET"), ("/login", "POST")}


def _walk(routes, prefix=""):
    """Every endpoint of the app, through included routers (FastAPI may keep them as lazy wrappers)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        elif hasattr(route, "original_router"):
            yield from _walk(route.original_router.routes, prefix + (route.include_context.prefix or ""))
        else:
            raise AssertionError(f"unexpected route {route!r}: mounts and plain routes bypass the guard")


def _routes(app):
    for path, route in _walk(app.routes):
        for method in sorted(route.methods - {"HEAD"}):
            yield path, method


def _fill(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_every_route_refuses_an_anonymous_request(app, client):
    routes = list(_routes(app))
    assert len(routes) >= 20
    assert PUBLIC <= set(routes)
    for path, method in routes:
        if (path, method) in PUBLIC:
            continue
        for accept in ("text/html", "application/json"):
            resp = client.request(method, _fill(path), headers={"accept": accept}, follow_redirects=False,
                                  data={"csrf_token": "x"} if method == "POST" else None)
            assert resp.status_code in (303, 401), (method, path, resp.status_code)
            if resp.status_code == 303:
                assert resp.headers["location"].startswith("/login"), (method, path)
            assert "Công ty" not in resp.text and "%PDF" not in resp.text


def test_the_interactive_docs_and_schema_are_not_served(client):
    for path in ("/docs", "/redoc", "/openapi.json", "/static/app.css"):
        assert client.get(path, follow_redirects=False).status_code in (303, 401, 404)


def test_a_signed_in_user_reaches_every_page(client):
    assert sign_in(client).status_code == 303
    for path in ("/queue", "/dashboard", "/dashboard/drill?year=2023", "/register", "/exports", "/documents/1"):
        assert client.get(path).status_code == 200, path


def test_login_sets_an_httponly_samesite_session_cookie(client):
    resp = sign_in(client)
    cookie = resp.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert resp.headers["x-frame-options"] == "DENY"


def test_forms_without_a_valid_csrf_token_are_refused(client, app):
    page = client.get("/login")
    token = csrf_of(page.text)
    # the login form itself
    assert client.post("/login", data={"name": "canbo", "password": PASSWORD}).status_code == 403
    assert client.post("/login", data={"name": "canbo", "password": PASSWORD, "csrf_token": "forged"}
                       ).status_code == 403
    assert client.post("/login", data={"name": "canbo", "password": PASSWORD, "csrf_token": token},
                       follow_redirects=False).status_code == 303
    # every state-changing route, signed in
    posts = [p for p, m in _routes(app) if m == "POST" and p != "/login"]
    assert {"/logout", "/documents/{doc_id}", "/register/import", "/users"} <= set(posts)
    for path in posts:
        for data in ({}, {"csrf_token": "forged"}, {"csrf_token": ""}):
            resp = client.post(_fill(path), data={**data, "action": "approve", "reason": "x"},
                               follow_redirects=False)
            assert resp.status_code == 403, (path, data, resp.status_code)
    # nothing happened: still signed in, letter 4 still waiting for review
    assert client.get("/queue").status_code == 200
    with app.state.store.session() as s:
        from pipeline.store.models import Document
        assert s.get(Document, 4).status == "needs_review"


def test_a_token_from_another_session_is_refused(app, client):
    from fastapi.testclient import TestClient

    sign_in(client)
    other = TestClient(app, base_url="http://127.0.0.1")
    sign_in(other, "admin")
    foreign = csrf_of(other.get("/queue").text)
    assert client.post("/documents/4", data={"csrf_token": foreign, "action": "approve"}).status_code == 403


def test_an_officer_cannot_reach_admin_pages(client, app):
    sign_in(client, "canbo")
    token = csrf_of(client.get("/queue").text)
    assert "/users" not in client.get("/queue").text
    assert client.get("/users").status_code == 403
    assert client.get("/audit").status_code == 403
    resp = client.post("/users", data={"csrf_token": token, "name": "moi", "password": "12345678x",
                                       "role": "admin"})
    assert resp.status_code == 403
    assert client.post("/users/1/active", data={"csrf_token": token}).status_code == 403
    assert client.post("/users/1/password", data={"csrf_token": token, "password": "12345678x"}).status_code == 403
    from pipeline.store.web_models import User
    with app.state.store.session() as s:
        assert s.scalar(select(User).where(User.name == "moi")) is None
        assert s.scalar(select(User).where(User.name == "admin")).active


def test_an_admin_manages_users_and_a_disabled_user_is_signed_out(app, client):
    from fastapi.testclient import TestClient

    officer = TestClient(app, base_url="http://127.0.0.1")
    sign_in(officer, "canbo")
    assert officer.get("/queue").status_code == 200
    sign_in(client, "admin")
    page = client.get("/users")
    assert page.status_code == 200 and "canbo" in page.text
    token = csrf_of(page.text)
    assert client.post("/users", data={"csrf_token": token, "name": "moi", "password": "mat-khau-moi",
                                       "role": "officer"}).status_code == 200
    from pipeline.store.web_models import User
    with app.state.store.session() as s:
        canbo = s.scalar(select(User).where(User.name == "canbo")).id
    client.post(f"/users/{canbo}/active", data={"csrf_token": token})
    assert officer.get("/queue", follow_redirects=False).status_code in (303, 401)
    fresh = TestClient(app, base_url="http://127.0.0.1")
    assert sign_in(fresh, "moi", "mat-khau-moi").status_code == 303


def test_failed_logins_are_throttled(client):
    from pipeline.web.security import FREE_TRIES_PER_PAIR

    for _ in range(FREE_TRIES_PER_PAIR):
        assert sign_in(client, "canbo", "sai-mat-khau").status_code == 401
    resp = sign_in(client, "canbo", PASSWORD)          # the right password, but too soon (tests/web/test_sessions.py)
    assert resp.status_code == 429 and "thử lại sau" in resp.text
    assert sign_in(client, "admin", PASSWORD).status_code == 303   # other accounts are not locked out


def test_unknown_users_and_wrong_passwords_get_the_same_answer(client):
    a = sign_in(client, "khong-co-ai", "abcdefgh123")
    b = sign_in(client, "canbo", "abcdefgh123")
    assert a.status_code == b.status_code == 401
    assert "không đúng" in a.text and "không đúng" in b.text


def test_logout_ends_the_session(client):
    sign_in(client)
    token = csrf_of(client.get("/queue").text)
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert client.get("/queue", follow_redirects=False).status_code in (303, 401)


def test_originals_are_served_by_stored_id_only(app, client, seeded):
    sign_in(client)
    resp = client.get("/documents/2/original")
    assert resp.status_code == 200 and resp.content.startswith(b"%PDF")
    assert client.get("/documents/2/pages/1.png").content.startswith(b"\x89PNG")
    # a path in the request is never used: traversal attempts and query parameters find nothing
    for path in ("/documents/..%2F..%2Fetc%2Fpasswd/original", "/documents/2/original?path=/etc/passwd",
                 "/documents/%2Fetc%2Fpasswd/original", "/documents/999/original", "/documents/2/pages/0.png",
                 "/documents/2/pages/..%2F..%2Freplyflow.db.png", "/documents/2/pages/99.png"):
        resp = client.get(path)
        assert resp.status_code in (404, 422) or resp.content.startswith(b"%PDF"), path
        assert b"root:" not in resp.content and b"SQLite format" not in resp.content
    # a stored archive path that points outside the data directory is refused too
    from pipeline.store.models import Document
    secret = seeded.data_dir.parent / "secret.txt"
    secret.write_text("bí mật")
    with app.state.store.session() as s:
        s.get(Document, 2).archive_path = "../secret.txt"
    assert client.get("/documents/2/original").status_code == 404
    with app.state.store.session() as s:
        s.get(Document, 2).archive_path = str(secret)
    assert client.get("/documents/2/original").status_code == 404


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_login_never_redirects_off_site(client, target):
    page = client.get("/login")
    resp = client.post("/login", data={"name": "canbo", "password": PASSWORD, "csrf_token": csrf_of(page.text),
                                       "next": target}, follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"] == "/queue"
