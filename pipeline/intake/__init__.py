"""The intake: files from the inbox folder (or staged mail attachments) into the store, then archive/quarantine.

`ingest(settings)` runs one whole intake without Prefect (the flows call the same pieces in batches).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import Settings
from pipeline.intake.files import Candidate, discover
from pipeline.intake.maintenance import reprocess, retry_quarantined
from pipeline.intake.process import Intake, Item, Plan, Progress
from pipeline.intake.report import IngestReport
from pipeline.intake.stream import ExtractionStream
from pipeline.runtime.isolation import start_fork_server_for
from pipeline.store import Store, open_store
from pipeline.store.load import SourceInfo

__all__ = ["Candidate", "ExtractionStream", "HeadStart", "IngestReport", "Intake", "Item", "Plan", "discover_items",
           "head_start", "ingest",
           "reprocess", "retry_quarantined", "run_plan"]


def discover_items(settings: Settings, inbox: Path | None = None) -> tuple[list[Item], IngestReport]:
    """Settled files of the inbox as intake items, and a report counting what was found and left unsettled."""
    inbox = Path(inbox or settings.inbox)
    found, unsettled = discover(inbox, settle_seconds=settings.settle_seconds)
    items = [Item(c, SourceInfo(kind="folder", path=str(c.path.relative_to(inbox)), received_at=c.received_at))
             for c in found]
    return items, IngestReport(found=len(found), unsettled=len(unsettled))


def run_plan(intake: Intake, plan: Plan, stream: ExtractionStream) -> IngestReport:
    report = intake.settle_leftovers(plan.leftovers)
    results = (r for _, r in stream.results([i.path for i in plan.todo]))
    report.merge(intake.process(zip(plan.todo, results)))
    return report.merge(intake.settle_copies(plan.copies))


@dataclass
class HeadStart:
    """An intake whose extraction is already running: what `replyflow ingest` starts before importing Prefect."""
    store: Store
    plan: Plan
    stream: ExtractionStream

    def close(self) -> None:
        self.stream.close()
        self.store.dispose()


def head_start(settings: Settings) -> HeadStart:
    """Open the store, discover and plan, and start extracting the new files at once.
    Raises StoreUnavailable (nothing touched) when the database is down."""
    start_fork_server_for(Path(settings.inbox))   # its preload overlaps the store's opening and the hashing
    store = open_store(settings.database_url)
    try:
        items, _ = discover_items(settings)
        plan = Intake(settings, store).plan(items)
    except BaseException:
        store.dispose()
        raise
    return HeadStart(store, plan, ExtractionStream([i.path for i in plan.todo], jobs=settings.jobs))


def ingest(settings: Settings, *, inbox: Path | None = None, progress: Progress | None = None,
           store: Store | None = None) -> IngestReport:
    """One intake of the inbox, start to end. Raises StoreUnavailable (inbox untouched) when the database is down."""
    started = time.monotonic()
    own = store is None
    start_fork_server_for(Path(inbox or settings.inbox))   # its preload overlaps the store's opening
    store = store or open_store(settings.database_url)
    try:
        items, report = discover_items(settings, inbox)
        intake = Intake(settings, store, progress=progress)
        plan = intake.plan(items)
        with ExtractionStream([i.path for i in plan.todo], jobs=settings.jobs) as stream:
            report.merge(run_plan(intake, plan, stream))
    finally:
        if own:
            store.dispose()
    report.seconds = time.monotonic() - started
    return report
