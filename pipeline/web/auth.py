"""The signed-in user of a request, loaded from the session cookie (which holds the user id only)."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.store import Store
from pipeline.store.web_models import User


@dataclass(frozen=True)
class CurrentUser:
    id: int
    name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def session_version(user: User) -> str:
    """Changes when the password changes or the account is disabled: older sessions stop working."""
    return user.password_hash[-16:] + ("1" if user.active else "0")


def load_user(store: Store, uid: object, version: object) -> CurrentUser | None:
    if not isinstance(uid, int):
        return None
    with store.session() as session:
        user = session.get(User, uid)
        if user is None or not user.active or version != session_version(user):
            return None
        return CurrentUser(user.id, user.name, user.role)
