"""Helpers of the store commands: settings from options, progress on stderr, clean errors."""
from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from pipeline.config import Settings, get_settings

if TYPE_CHECKING:
    from pipeline.store import StoreUnavailable


def settings_from(**options: object) -> Settings:
    try:
        return get_settings(**options)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


def progress_printer(label: str = "tệp") -> Callable[[int, int], None]:
    """'120/300 tệp, 21.4 tệp/s' on stderr: in place on a terminal, every 10 % otherwise."""
    started = time.monotonic()
    tty = sys.stderr.isatty()
    last = [-1]

    def show(done: int, total: int) -> None:
        rate = done / max(time.monotonic() - started, 1e-6)
        step = max(1, total // 10)
        if tty:
            click.echo(f"\r{done}/{total} {label}, {rate:.1f} {label}/s", err=True, nl=done == total)
        elif done == total or done // step != last[0]:
            last[0] = done // step
            click.echo(f"{done}/{total} {label}, {rate:.1f} {label}/s", err=True)
    return show


def fail_cleanly(exc: StoreUnavailable) -> click.ClickException:
    return click.ClickException(f"{exc}\nNothing was changed: the inbox is untouched.")


@contextmanager
def imports_without_gc() -> Iterator[None]:
    """Run an import-heavy start-up (Prefect's client and server: about a million objects) with the cyclic garbage
    collector off, then freeze what it built.

    Imports make almost no garbage, yet the collector runs every 700 allocations and its full passes walk the
    whole, growing heap: a quarter of the import's CPU time here. Frozen objects are skipped by every later
    collection, the one at the interpreter's exit included (about 1 CPU s for Prefect's heap). The collector is
    process-wide: anything other threads allocate meanwhile is simply collected later."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
