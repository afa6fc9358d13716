"""Sessions on the server and login throttling, attacked as in issue 10: a cookie copied before sign-out or before
the account was disabled, an account enabled again, a stranger typing wrong passwords for an officer's name, and
addresses behind a reverse proxy."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pipeline.store.web_models import LoginAttempt, User, WebSession
from pipeline.web.security import FIRST_DELAY, FREE_TRIES_PER_PAIR, client_address
from pipeline.web.sessions import COOKIE
from tests.support.seed import PASSWORD
from tests.support.webclient import csrf_of, sign_in

OFFICER = ("198.51.100.7", 40000)
STRANGER = ("203.0.113.66", 40001)
PROXY = ("10.0.0.2", 40002)


def _copy(app, client, address=("192.0.2.1", 1)) -> TestClient:
    """Another browser holding a copy of `client`'s session cookie (as one stolen from it would be)."""
    copy = TestClient(app, base_url="http://127.0.0.1", client=address)
    copy.cookies.set(COOKIE, client.cookies[COOKIE])
    return copy


def _signed_in(client) -> bool:
    return client.get("/queue", follow_redirects=False).status_code == 200


def _user_id(app, name: str) -> int:
    with app.state.store.session() as s:
        return s.scalar(select(User.id).where(User.name == name))


def _admin(app) -> TestClient:
    admin = TestClient(app, base_url="http://127.0.0.1")
    assert sign_in(admin, "admin").status_code == 303
    return admin


def test_the_cookie_holds_an_opaque_token_and_the_store_only_its_hash(app, client):
    sign_in(client, "canbo")
    token = client.cookies[COOKIE]
    csrf = csrf_of(client.get("/queue").text)
    with app.state.store.session() as s:
        user = s.scalar(select(User).where(User.name == "canbo"))
        rows = s.scalars(select(WebSession).where(WebSession.user_id == user.id)).all()
        pw_hash = user.password_hash
    assert len(rows) == 1
    assert rows[0].token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    assert len(token) >= 40 and "." not in token            # no payload, no signature: a random token
    for secret in (csrf, pw_hash[-16:], "canbo", str(user.id) + ","):
        assert secret not in token


def test_a_cookie_copied_before_sign_out_stops_working(app, client):
    sign_in(client, "canbo")
    copy = _copy(app, client)
    assert _signed_in(copy)                                  # the copy works while the session lives
    token = csrf_of(client.get("/queue").text)
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert not _signed_in(client)
    assert not _signed_in(copy)
    assert copy.get("/exports/items.xlsx", follow_redirects=False).status_code in (303, 401)


def test_disabling_an_account_ends_its_sessions_and_enabling_it_revives_none(app, client):
    sign_in(client, "canbo")
    copy = _copy(app, client)
    admin = _admin(app)
    uid = _user_id(app, "canbo")
    form = csrf_of(admin.get("/users").text)
    admin.post(f"/users/{uid}/active", data={"csrf_token": form})           # disabled
    assert not _signed_in(client) and not _signed_in(copy)
    admin.post(f"/users/{uid}/active", data={"csrf_token": form})           # enabled again
    with app.state.store.session() as s:
        assert s.get(User, uid).active
    assert not _signed_in(client) and not _signed_in(copy)                 # the old cookies stay dead
    assert sign_in(client, "canbo").status_code == 303 and _signed_in(client)   # a new sign-in works
    assert not _signed_in(copy)


def test_a_password_reset_ends_the_accounts_sessions(app, client):
    sign_in(client, "canbo")
    admin = _admin(app)
    form = csrf_of(admin.get("/users").text)
    admin.post(f"/users/{_user_id(app, 'canbo')}/password", data={"csrf_token": form, "password": "mat-khau-2"})
    assert not _signed_in(client)
    assert _signed_in(admin)                                 # other accounts keep theirs


def test_signing_in_starts_a_new_token(app, client):
    client.get("/login")
    planted = client.cookies[COOKIE]                         # a visitor's token, e.g. one an attacker planted
    sign_in(client, "canbo")
    assert client.cookies[COOKIE] != planted
    planter = TestClient(app, base_url="http://127.0.0.1")
    planter.cookies.set(COOKIE, planted)
    assert not _signed_in(planter)


def test_visitors_cost_the_store_nothing(app, client):
    for _ in range(5):
        TestClient(app, base_url="http://127.0.0.1").get("/login")
    with app.state.store.session() as s:
        assert s.scalars(select(WebSession)).all() == []


def _age_failures(app, seconds: float) -> None:
    """Let time pass for the throttle: every failure recorded so far moves `seconds` into the past."""
    with app.state.store.session() as s:
        for attempt in s.scalars(select(LoginAttempt)):
            attempt.at -= dt.timedelta(seconds=seconds)


def test_a_strangers_wrong_passwords_slow_the_stranger_not_the_officer(app):
    stranger = TestClient(app, base_url="http://127.0.0.1", client=STRANGER)
    officer = TestClient(app, base_url="http://127.0.0.1", client=OFFICER)
    for _ in range(FREE_TRIES_PER_PAIR):
        assert sign_in(stranger, "canbo", "doan-bua-1").status_code == 401
    refused = sign_in(stranger, "canbo", PASSWORD)           # even the right password waits its turn
    assert refused.status_code == 429 and "thử lại sau" in refused.text
    first_wait = int(refused.headers["retry-after"])
    assert 1 <= first_wait <= FIRST_DELAY.total_seconds()
    # the officer, from her own address, signs in at once, as many times as she likes
    assert sign_in(officer, "canbo").status_code == 303 and _signed_in(officer)
    # the stranger's waits grow with each failure
    waits = []
    for _ in range(4):
        _age_failures(app, 3600)
        assert sign_in(stranger, "canbo", "doan-bua-2").status_code == 401
        waits.append(int(sign_in(stranger, "canbo", "doan-bua-3").headers["retry-after"]))
    assert waits == sorted(waits) and waits[-1] >= 8 * first_wait
    # a try during the wait is not counted against anyone, and the officer is still never slowed
    assert sign_in(officer, "canbo").status_code == 303


def test_one_address_trying_many_accounts_is_slowed_too(app):
    from pipeline.web.security import FREE_TRIES_PER_CLIENT

    sprayer = TestClient(app, base_url="http://127.0.0.1", client=STRANGER)
    for n in range(FREE_TRIES_PER_CLIENT):
        assert sign_in(sprayer, f"ten-{n}", "doan-bua").status_code == 401
    assert sign_in(sprayer, "ten-moi", "doan-bua").status_code == 429
    assert sign_in(TestClient(app, base_url="http://127.0.0.1", client=OFFICER), "canbo").status_code == 303


@pytest.fixture
def proxied(seeded):
    """The app behind a reverse proxy at 10.0.0.2 (REPLYFLOW_TRUSTED_PROXIES)."""
    from pipeline.web import create_app

    app = create_app(seeded.model_copy(update={"trusted_proxies": ["10.0.0.0/24"]}), secret_key="test-secret")
    yield app
    app.state.store.dispose()


def _via_proxy(app, forwarded_for: str) -> TestClient:
    return TestClient(app, base_url="http://127.0.0.1", client=PROXY, headers={"x-forwarded-for": forwarded_for})


def test_behind_a_trusted_proxy_each_user_keeps_their_own_address(proxied):
    stranger = _via_proxy(proxied, STRANGER[0])
    for _ in range(FREE_TRIES_PER_PAIR):
        assert sign_in(stranger, "canbo", "doan-bua").status_code == 401
    assert sign_in(stranger, "canbo", "doan-bua").status_code == 429
    # the officer behind the same proxy is not slowed: her forwarded address is her own
    assert sign_in(_via_proxy(proxied, OFFICER[0]), "canbo").status_code == 303
    # a stranger cannot dodge the wait by writing an address of their choice before the proxy's
    spoofing = _via_proxy(proxied, f"192.0.2.99, {STRANGER[0]}")
    assert sign_in(spoofing, "canbo", "doan-bua").status_code == 429
    with proxied.state.store.session() as s:
        assert set(s.scalars(select(LoginAttempt.client))) == {STRANGER[0]}


def test_without_trusted_proxies_the_forwarded_header_is_ignored(app):
    stranger = TestClient(app, base_url="http://127.0.0.1", client=STRANGER)
    for n in range(FREE_TRIES_PER_PAIR):
        assert sign_in(stranger, "canbo", "doan-bua").status_code == 401
    rotating = TestClient(app, base_url="http://127.0.0.1", client=STRANGER,
                          headers={"x-forwarded-for": "192.0.2.123"})
    assert sign_in(rotating, "canbo", "doan-bua").status_code == 429


@pytest.mark.parametrize("peer, header, trusted, expected", [
    ("203.0.113.5", ["1.2.3.4"], [], "203.0.113.5"),                       # no proxy trusted: the peer
    ("10.0.0.2", ["1.2.3.4"], ["10.0.0.2"], "1.2.3.4"),
    ("10.0.0.2", ["9.9.9.9, 1.2.3.4"], ["10.0.0.2"], "1.2.3.4"),             # the left part is the client's word
    ("10.0.0.2", ["1.2.3.4, 10.0.0.3"], ["10.0.0.0/24"], "1.2.3.4"),        # two proxies
    ("10.0.0.2", ["1.2.3.4", "10.0.0.3"], ["10.0.0.0/24"], "1.2.3.4"),       # the header twice
    ("10.0.0.2", ["nonsense, 1.2.3.4"], ["10.0.0.2"], "1.2.3.4"),
    ("10.0.0.2", ["1.2.3.4, nonsense"], ["10.0.0.2"], "10.0.0.2"),          # garbage from the proxy: stop there
    ("10.0.0.2", [], ["10.0.0.2"], "10.0.0.2"),
    ("::1", ["2001:db8::5"], ["::1"], "2001:db8::5"),
    ("testclient", ["1.2.3.4"], ["10.0.0.2"], "testclient"),
])
def test_client_address(peer, header, trusted, expected):
    assert client_address(peer, header, trusted) == expected


def test_sessions_end_everywhere_on_sqlite_and_postgresql(db_url, data_dir):
    """The same attacks on both stores, the account disabled by `replyflow user disable` in another process."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from pipeline.config import get_settings
    from pipeline.store import open_store
    from pipeline.web import create_app
    from pipeline.web.security import add_user

    store = open_store(db_url)
    with store.session() as s:
        add_user(s, "canbo", PASSWORD, "officer")
    store.dispose()
    app = create_app(get_settings(data_dir=data_dir, database_url=db_url), secret_key="both")
    try:
        with TestClient(app, base_url="http://127.0.0.1") as client:
            sign_in(client)
            copy = _copy(app, client)
            client.post("/logout", data={"csrf_token": csrf_of(client.get("/queue").text)})
            assert not _signed_in(copy)
            sign_in(client)
            copy = _copy(app, client)
            proc = subprocess.run([str(Path(sys.executable).with_name("replyflow")), "user", "disable", "canbo"],
                                  env={**os.environ, "REPLYFLOW_DATA_DIR": str(data_dir),
                                       "REPLYFLOW_DATABASE_URL": db_url},
                                  capture_output=True, text=True, timeout=120)
            assert proc.returncode == 0, proc.stderr
            with app.state.store.session() as s:
                s.scalar(select(User).where(User.name == "canbo")).active = True     # enabled again
                assert s.scalars(select(WebSession)).all() == []
            assert not _signed_in(client) and not _signed_in(copy)
            assert sign_in(client).status_code == 303 and _signed_in(client)
    finally:
        app.state.store.dispose()
