"""The intake flow: one Prefect task to discover and plan, one per batch of documents, one to settle duplicates.

Orchestration costs per task, not per file (a task run costs about 100 ms here): extraction runs in the
pipeline's own pool of worker processes for the whole run, and the batch tasks only load and move.

`run_ingest()` is `replyflow ingest`: it starts the extraction *before* the flow, while Prefect's temporary API
server is still starting (10-25 s), and the flow's batch tasks then take the results from that stream.
"""
from __future__ import annotations

import threading
import time
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.common import batches, retry_on_io
from flows.housekeeping import claim_run_and_settle_dead_ones
from flows.server import TemporaryServer
from pipeline.config import Settings, get_settings
from pipeline.intake import (ExtractionStream, HeadStart, IngestReport, Intake, Item, Plan, discover_items,
                             head_start)
from pipeline.intake.process import Progress
from pipeline.store import Store, open_store


@dataclass
class _Head:
    """Work started before the flow run by run_ingest(): the store, the plan, and the extraction under way."""
    store: Store
    stream: ExtractionStream
    progress: Progress | None


_heads: dict[Path, _Head] = {}
_heads_lock = threading.Lock()

TASK_OPTIONS = dict(retries=2, retry_delay_seconds=[5, 30], retry_condition_fn=retry_on_io, cache_policy=NO_CACHE)


@task(name="open-store", **TASK_OPTIONS)
def open_store_task(database_url: str) -> Store:
    return open_store(database_url)


@task(name="discover-and-plan", **TASK_OPTIONS)
def discover_and_plan(intake: Intake, settings: Settings) -> tuple[Plan, IngestReport]:
    items, report = discover_items(settings)
    plan = intake.plan(items)
    return plan, report.merge(intake.settle_leftovers(plan.leftovers))


@task(name="extract-and-load-batch", **TASK_OPTIONS)
def load_batch(intake: Intake, batch: list[Item], stream: ExtractionStream) -> IngestReport:
    results = (r for _, r in stream.results([i.path for i in batch]))
    return intake.process(zip(batch, results))


@task(name="settle-duplicates", **TASK_OPTIONS)
def settle_duplicates(intake: Intake, copies: list[Item]) -> IngestReport:
    return intake.settle_copies(copies)


@flow(name="replyflow-intake", description="Inbox folder -> extraction -> central store -> archive/quarantine")
def intake_flow(inbox: str | None = None, jobs: int | None = None, batch_size: int | None = None) -> dict:
    started = time.monotonic()
    claim_run_and_settle_dead_ones("replyflow-intake")
    settings = get_settings(inbox=inbox, jobs=jobs, batch_size=batch_size)
    with _heads_lock:
        head = _heads.pop(Path(settings.inbox).resolve(), None)
    store = head.store if head else open_store_task(settings.database_url)
    intake = Intake(settings, store, progress=head.progress if head else None)
    stream = head.stream if head else None
    try:
        plan, report = discover_and_plan(intake, settings)
        stream = stream or ExtractionStream([i.path for i in plan.todo], jobs=settings.jobs)
        for batch in batches(plan.todo, settings.batch_size):
            report.merge(load_batch(intake, batch, stream))
        if plan.copies:                    # a task run costs client and server CPU: none for nothing to do
            report.merge(settle_duplicates(intake, plan.copies))
    finally:
        if stream is not None:
            stream.close()
        store.dispose()
    report.seconds = time.monotonic() - started
    get_run_logger().info("intake: %s", report.to_json())
    return report.to_json()


def _drain_to_api() -> None:
    """Send the flow's remaining logs and events to the API now (Prefect would at exit, server gone by then)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        try:
            worker.drain_all(timeout=10)
        except Exception:  # noqa: BLE001  bookkeeping only: the intake is done
            pass


def run_ingest(settings: Settings, *, progress: Progress | None = None, head: HeadStart | None = None,
               server: TemporaryServer | None = None) -> IngestReport:
    """One intake now, through the flow; extraction starts at once (or was started by the caller, see
    pipeline.intake.head_start), in parallel with Prefect's start-up (and with `server`'s, the temporary API
    server the caller started in a thread, see flows/server.py: the flow begins once it has started).

    Raises StoreUnavailable before anything is touched when the database is down."""
    started = time.monotonic()
    head = head or head_start(settings)
    key = Path(settings.inbox).resolve()
    with _heads_lock:
        _heads[key] = _Head(head.store, head.stream, progress)
    try:
        if server is not None:
            server.wait_ready()
        try:
            with server.run_settings() if server is not None else nullcontext():
                result = intake_flow(inbox=str(settings.inbox), jobs=settings.jobs, batch_size=settings.batch_size)
        finally:
            if server is not None:
                _drain_to_api()                    # before the caller stops the server
    finally:
        with _heads_lock:
            left = _heads.pop(key, None)
        if left is not None:                       # the flow never ran
            head.close()
    report = IngestReport(**{k: v for k, v in result.items() if k not in ("by_status", "seconds")})
    report.by_status.update(result["by_status"])
    report.seconds = time.monotonic() - started
    return report
