"""Accounts and request security: argon2 password hashes, the app's secret, CSRF tokens, login throttling, and
the client's address behind a reverse proxy."""
from __future__ import annotations

import datetime as dt
import hmac
import ipaddress
import os
import secrets
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session

from pipeline.store.web_models import LoginAttempt, User, WebSession

ROLES = ("officer", "admin")
#: Failed sign-ins are remembered this long; the delays below grow with their number.
FAILURE_MEMORY = dt.timedelta(hours=24)
#: Per account and address: a few free tries (typos), then a wait before the next try that doubles with each
#: failure, up to the cap. An officer signing in from another address is not slowed by a stranger's failures.
FREE_TRIES_PER_PAIR = 3
#: Per address, over all accounts (one address trying many names): more free tries, the same doubling waits.
FREE_TRIES_PER_CLIENT = 20
FIRST_DELAY = dt.timedelta(seconds=2)
MAX_DELAY = dt.timedelta(minutes=10)
SECRET_FILE = "web_secret.key"

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("replyflow-dummy-password")   # verified against when the user does not exist


class AccountError(ValueError):
    """A user name, role or password that cannot be accepted."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def add_user(session: Session, name: str, password: str, role: str) -> User:
    name = name.strip()
    if not name or len(name) > 100 or any(c.isspace() for c in name):
        raise AccountError("tên đăng nhập không hợp lệ (1-100 ký tự, không có khoảng trắng)")
    if role not in ROLES:
        raise AccountError(f"vai trò phải là một trong {', '.join(ROLES)}")
    if len(password) < 8:
        raise AccountError("mật khẩu phải có ít nhất 8 ký tự")
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise AccountError(f"người dùng {name!r} đã có")
    user = User(name=name, password_hash=hash_password(password), role=role, active=True)
    session.add(user)
    session.flush()
    return user


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _delay(failures: int, free: int) -> dt.timedelta:
    if failures < free:
        return dt.timedelta(0)
    return min(MAX_DELAY, FIRST_DELAY * 2 ** min(failures - free, 20))


def _failures(session: Session, *conditions) -> tuple[int, dt.datetime | None]:  # noqa: ANN002
    since = _now() - FAILURE_MEMORY
    count, last = session.execute(select(func.count(), func.max(LoginAttempt.at))
                                  .where(LoginAttempt.at >= since, *conditions)).one()
    if last is not None and last.tzinfo is None:           # SQLite hands back what it was given: UTC
        last = last.replace(tzinfo=dt.timezone.utc)
    return count, last


def login_wait(session: Session, name: str, client: str) -> dt.timedelta:
    """How long this client must wait before it may try this account again (zero: it may now). Counts the
    failures of this account from this address, and of this address on any account: never of the account from
    elsewhere, so nobody can lock a named officer out by typing wrong passwords for her name."""
    wait = dt.timedelta(0)
    for conditions, free in (((LoginAttempt.name == name, LoginAttempt.client == client), FREE_TRIES_PER_PAIR),
                             ((LoginAttempt.client == client,), FREE_TRIES_PER_CLIENT)):
        count, last = _failures(session, *conditions)
        if last is not None:
            wait = max(wait, last + _delay(count, free) - _now())
    return wait


def authenticate(session: Session, name: str, password: str, client: str) -> User | None:
    """The active user whose password matches, or None (and the failure is counted). Unknown names cost the same
    time as known ones."""
    name = name.strip()[:100]
    user = session.scalar(select(User).where(User.name == name))
    ok = verify_password(user.password_hash if user else _DUMMY_HASH, password) and user is not None and user.active
    if not ok:
        session.add(LoginAttempt(name=name, client=client[:100]))
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = _now()
    session.execute(delete(LoginAttempt).where(or_(and_(LoginAttempt.name == name, LoginAttempt.client == client[:100]),
                                                   LoginAttempt.at < _now() - FAILURE_MEMORY)))
    return user


def end_sessions_of(session: Session, user_id: int) -> int:
    """End every session of an account (disabled, password reset): each copy of its cookies stops working at
    once (pipeline/web/sessions.py)."""
    return session.execute(delete(WebSession).where(WebSession.user_id == user_id)).rowcount or 0


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_nonce() -> str:
    return secrets.token_urlsafe(18)


def content_security_policy(nonce: str) -> str:
    """Scripts and styles from the app itself or carrying this response's nonce; never 'unsafe-inline' (inline
    event handlers and style attributes are not used: pages set positions through the CSSOM)."""
    return (f"default-src 'self'; img-src 'self' data:; style-src 'self' 'nonce-{nonce}'; "
            f"script-src 'self' 'nonce-{nonce}'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            "form-action 'self'")


def same_token(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


def session_secret(data_dir: Path) -> str:
    """REPLYFLOW_SECRET_KEY, else a random key kept in DATA_DIR/web_secret.key (created once, mode 0600)."""
    env = os.environ.get("REPLYFLOW_SECRET_KEY")
    if env:
        return env
    path = Path(data_dir) / SECRET_FILE
    if path.is_file():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:                      # another process wrote it first
        return path.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_address(peer: str | None, forwarded_for: list[str], trusted_proxies: list[str]) -> str:
    """The address a request came from. `peer` is the connection's; only when it is a trusted proxy is its
    X-Forwarded-For believed, read from the right (each proxy appends the address it saw): the first address that
    is not a trusted proxy is the client. A client cannot choose its address by sending the header itself."""
    networks = [ipaddress.ip_network(n, strict=False) for n in trusted_proxies]

    def trusted(addr: ipaddress.IPv4Address | ipaddress.IPv6Address | None) -> bool:
        return addr is not None and any(addr in net for net in networks)

    peer = peer or "?"
    if not trusted(_ip(peer)):
        return peer
    hops = [h.strip() for value in forwarded_for for h in value.split(",") if h.strip()]
    client = peer
    for hop in reversed(hops):
        addr = _ip(hop)
        if addr is None:                 # garbage in the header: the last address we can vouch for
            return client
        client = str(addr)
        if not trusted(addr):
            return client
    return client
