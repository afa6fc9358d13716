"""Accounts and request security: argon2 password hashes, the session secret, CSRF tokens, login throttling."""
from __future__ import annotations

import datetime as dt
import hmac
import os
import secrets
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from pipeline.store.web_models import LoginAttempt, User

ROLES = ("officer", "admin")
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_CLIENT = 20
THROTTLE_WINDOW = dt.timedelta(minutes=15)
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


def throttled(session: Session, name: str, client: str) -> bool:
    """True when too many sign-ins failed recently for this user name or from this client."""
    since = _now() - THROTTLE_WINDOW
    by_name = session.scalar(select(func.count()).select_from(LoginAttempt)
                             .where(LoginAttempt.name == name, LoginAttempt.at >= since))
    by_client = session.scalar(select(func.count()).select_from(LoginAttempt)
                               .where(LoginAttempt.client == client, LoginAttempt.at >= since))
    return by_name >= MAX_FAILURES_PER_NAME or by_client >= MAX_FAILURES_PER_CLIENT


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
    session.execute(delete(LoginAttempt).where(or_(LoginAttempt.name == name,
                                                   LoginAttempt.at < _now() - 2 * THROTTLE_WINDOW)))
    return user


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
