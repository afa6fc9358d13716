"""Claims: how intake runs that share one backlog (several workers, one inbox, one store) split it without two runs
ever taking the same file.

A run claims a file by inserting its content hash into `intake_claims` (the primary key decides between two runs
that try at once), takes it in, and releases the claim once the file has left the inbox. A claim names its owner
(`host/pid/nonce`) and carries a lease that the owner renews while it works. A claim whose owner is gone - its
lease ran out (a machine that died), or its process on this machine no longer exists - is taken over by the next
run that meets it, with a compare-and-swap on the owner, and written to the audit log. Whatever the dead run left
(a file committed but not moved, a file never touched) then ends like any other: stored once, archived or
quarantined (pipeline/intake/process.py).
"""
from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
from collections.abc import Iterable

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from pipeline.store import Store
from pipeline.store.models import AuditEntry, IntakeClaim

#: How long a claim holds without being renewed: longer than a batch takes on a slow machine.
LEASE = dt.timedelta(minutes=15)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def pid_alive(pid: int) -> bool:
    """A process of this machine with that id exists (signal 0 checks without sending anything)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:                 # alive, another user's
        return True
    return True


def owner_is_gone(owner: str, expires_at: dt.datetime, *, now: dt.datetime | None = None) -> bool:
    """The claim's lease ran out, or its owner is a process of this machine that has died."""
    if expires_at <= (now or _now()):
        return True
    host, _, rest = owner.partition("/")
    pid = rest.partition("/")[0]
    return host == socket.gethostname() and pid.isdigit() and not pid_alive(int(pid))


class Claims:
    """The claims of one intake run."""

    def __init__(self, store: Store, *, lease: dt.timedelta = LEASE, actor: str = "intake"):
        self.store, self.lease, self.actor = store, lease, actor
        self.owner = f"{socket.gethostname()}/{os.getpid()}/{secrets.token_hex(4)}"
        self.taken_over = 0

    def claim(self, candidates: Iterable[tuple[str, str]], limit: int) -> list[str]:
        """Claim up to `limit` of the (sha256, path) candidates, in their order: the unclaimed ones and those whose
        owner is gone. Returns the hashes now ours."""
        mine: list[str] = []
        candidates = list(candidates)
        window = max(4 * limit, 100)                # looked up a window at a time: a backlog may be long
        for start in range(0, len(candidates), window):
            if len(mine) >= limit:
                break
            part = candidates[start:start + window]
            with self.store.session() as session:
                held = {sha: (owner, expires) for sha, owner, expires in session.execute(
                    select(IntakeClaim.sha256, IntakeClaim.owner, IntakeClaim.expires_at)
                    .where(IntakeClaim.sha256.in_([sha for sha, _ in part])))}
            now = _now()
            for sha, path in part:
                if len(mine) >= limit:
                    break
                if sha not in held:
                    if self._insert(sha, path, now):
                        mine.append(sha)
                elif held[sha][0] == self.owner:
                    mine.append(sha)
                elif owner_is_gone(*held[sha], now=now) and self._take_over(sha, path, held[sha][0], now):
                    mine.append(sha)
        return mine

    def _insert(self, sha: str, path: str, now: dt.datetime) -> bool:
        try:
            with self.store.session() as session:
                session.add(IntakeClaim(sha256=sha, owner=self.owner, path=path, claimed_at=now,
                                        expires_at=now + self.lease))
            return True
        except IntegrityError:              # another run claimed it a moment ago
            return False

    def _take_over(self, sha: str, path: str, old_owner: str, now: dt.datetime) -> bool:
        with self.store.session() as session:
            taken = session.execute(update(IntakeClaim)
                                    .where(IntakeClaim.sha256 == sha, IntakeClaim.owner == old_owner)
                                    .values(owner=self.owner, path=path, claimed_at=now,
                                            expires_at=now + self.lease)).rowcount
            if taken:
                session.add(AuditEntry(actor=self.actor, action="claim_taken_over",
                                       detail={"sha256": sha, "path": path, "from": old_owner, "to": self.owner}))
        self.taken_over += bool(taken)
        return bool(taken)

    def held_by_others(self, shas: Iterable[str]) -> set[str]:
        """Of `shas`, those claimed by another run that is still alive (its files are its own to finish)."""
        shas = list(shas)
        if not shas:
            return set()
        now = _now()
        with self.store.session() as session:
            rows = session.execute(select(IntakeClaim.sha256, IntakeClaim.owner, IntakeClaim.expires_at)
                                   .where(IntakeClaim.sha256.in_(shas), IntakeClaim.owner != self.owner)).all()
        return {sha for sha, owner, expires in rows if not owner_is_gone(owner, expires, now=now)}

    def renew(self) -> None:
        with self.store.session() as session:
            session.execute(update(IntakeClaim).where(IntakeClaim.owner == self.owner)
                            .values(expires_at=_now() + self.lease))

    def release(self, shas: Iterable[str] | None = None) -> None:
        """Drop our claims on `shas` (all of ours when None): their files have left the inbox."""
        q = delete(IntakeClaim).where(IntakeClaim.owner == self.owner)
        if shas is not None:
            shas = list(shas)
            if not shas:
                return
            q = q.where(IntakeClaim.sha256.in_(shas))
        with self.store.session() as session:
            session.execute(q)

    def sweep(self, in_inbox: Iterable[str]) -> int:
        """Drop the claims of gone owners whose files are no longer in the inbox (nothing left to take over)."""
        present = set(in_inbox)
        now = _now()
        with self.store.session() as session:
            rows = session.execute(select(IntakeClaim.sha256, IntakeClaim.owner, IntakeClaim.expires_at)).all()
            stale = [sha for sha, owner, expires in rows
                     if sha not in present and owner != self.owner and owner_is_gone(owner, expires, now=now)]
            for i in range(0, len(stale), 500):
                session.execute(delete(IntakeClaim).where(IntakeClaim.sha256.in_(stale[i:i + 500])))
        return len(stale)
