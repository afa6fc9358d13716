"""Tables of the review app (pipeline/web): accounts, their sessions, login throttling, edit locks, spot-check
marks and the enterprise register. Same declarative Base as the store; created by migrations 0002 and 0004."""
from __future__ import annotations

import datetime as dt

from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pipeline.store.models import Base, _now


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))              # officer | admin
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    last_login_at: Mapped[dt.datetime | None]


class WebSession(Base):
    """A signed-in session. The browser's cookie holds only a random token; the row is keyed by its SHA-256, so
    neither the cookie nor the table shows anything else. Deleting the row ends the session on every copy of the
    cookie (sign-out, an account disabled or its password reset)."""
    __tablename__ = "web_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    data: Mapped[dict[str, Any]]                                # the CSRF token, flash messages
    created_at: Mapped[dt.datetime] = mapped_column(default=_now)
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)


class LoginAttempt(Base):
    """Failed sign-ins, counted per user name and client address (and per address) to slow guessing down."""
    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_name_client", "name", "client", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    client: Mapped[str] = mapped_column(String(100), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=_now, index=True)


class DocumentLock(Base):
    """A letter being edited by one officer; others see it locked until it expires or is released."""
    __tablename__ = "document_locks"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    user_name: Mapped[str] = mapped_column(String(100))
    acquired_at: Mapped[dt.datetime] = mapped_column(default=_now)
    expires_at: Mapped[dt.datetime]


class SpotCheck(Base):
    """An auto-accepted letter checked by an officer: `corrected` outcomes measure the machine's silent errors."""
    __tablename__ = "spot_checks"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    checked_by: Mapped[str] = mapped_column(String(100))
    checked_at: Mapped[dt.datetime] = mapped_column(default=_now)
    outcome: Mapped[str] = mapped_column(String(16))           # ok | corrected | rejected


class RegisterEntry(Base):
    """One enterprise the Board wrote to (imported from CSV/Excel): matched to replies by tax code, else name."""
    __tablename__ = "enterprise_register"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str | None] = mapped_column(String(500), index=True)
    tax_code: Mapped[str | None] = mapped_column(String(20), index=True)
    zone: Mapped[str | None] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[dt.datetime] = mapped_column(default=_now)
    imported_by: Mapped[str | None] = mapped_column(String(100))
