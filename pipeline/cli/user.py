"""`replyflow user add|list|disable|password`: accounts of the review app."""
from __future__ import annotations

import sys

import click


def _store():  # noqa: ANN202
    from pipeline.config import get_settings
    from pipeline.store import StoreUnavailable, open_store

    try:
        return open_store(get_settings().database_url)
    except StoreUnavailable as exc:
        raise click.ClickException(str(exc)) from exc


def _read_password(confirm: bool = True) -> str:
    if sys.stdin.isatty():
        return click.prompt("Mật khẩu", hide_input=True, confirmation_prompt=confirm)
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise click.ClickException("không có mật khẩu trên đầu vào chuẩn")
    return line


@click.group("user")
def user_command() -> None:
    """Accounts of the review app (`replyflow web`): officers and admins."""


@user_command.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["officer", "admin"]), default="officer", show_default=True)
def user_add(name: str, role: str) -> None:
    """Add the account NAME. The password is asked for (or read from the first line of standard input)."""
    from pipeline.store.models import AuditEntry
    from pipeline.web.security import AccountError, add_user

    password = _read_password()
    store = _store()
    try:
        with store.session() as session:
            user = add_user(session, name, password, role)
            session.add(AuditEntry(actor="cli", action="user_added", detail={"user": user.name, "role": role}))
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.dispose()
    click.echo(f"Đã tạo tài khoản {name} ({role}).")


@user_command.command("list")
def user_list() -> None:
    """List the accounts."""
    from sqlalchemy import select

    from pipeline.store.web_models import User

    store = _store()
    with store.session() as session:
        for u in session.scalars(select(User).order_by(User.name)):
            click.echo(f"{u.name}\t{u.role}\t{'active' if u.active else 'disabled'}")
    store.dispose()


@user_command.command("password")
@click.argument("name")
def user_password(name: str) -> None:
    """Set a new password for NAME (asked for, or read from standard input); signs out its sessions."""
    from sqlalchemy import select

    from pipeline.store.web_models import User
    from pipeline.web.security import end_sessions_of, hash_password

    password = _read_password()
    if len(password) < 8:
        raise click.ClickException("mật khẩu phải có ít nhất 8 ký tự")
    store = _store()
    with store.session() as session:
        user = session.scalar(select(User).where(User.name == name))
        if user is None:
            raise click.ClickException(f"không có người dùng {name!r}")
        user.password_hash = hash_password(password)
        end_sessions_of(session, user.id)
    store.dispose()
    click.echo(f"Đã đổi mật khẩu của {name}.")


@user_command.command("disable")
@click.argument("name")
def user_disable(name: str) -> None:
    """Disable the account NAME (its sessions stop working)."""
    from sqlalchemy import select

    from pipeline.store.web_models import User
    from pipeline.web.security import end_sessions_of

    store = _store()
    with store.session() as session:
        user = session.scalar(select(User).where(User.name == name))
        if user is None:
            raise click.ClickException(f"không có người dùng {name!r}")
        user.active = False
        end_sessions_of(session, user.id)
    store.dispose()
    click.echo(f"Đã khoá tài khoản {name}.")
