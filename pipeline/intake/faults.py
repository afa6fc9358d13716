"""Fault injection for the crash-safety tests: REPLYFLOW_CRASHPOINT="after_commit:7" SIGKILLs this process right
after the 7th document commit (before its original is moved). Unset in production: a dictionary look-up."""
from __future__ import annotations

import os
import signal
from collections import Counter

_hits: Counter[str] = Counter()


def crashpoint(name: str) -> None:
    spec = os.environ.get("REPLYFLOW_CRASHPOINT")
    if not spec:
        return
    point, _, nth = spec.partition(":")
    if point == name:
        _hits[name] += 1
        if _hits[name] == int(nth or 1):
            os.kill(os.getpid(), signal.SIGKILL)
