"""`retry` (quarantined files through the intake again) and `reprocess` (stored originals through an upgraded
extractor, keeping officers' corrections and settled flags)."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from sqlalchemy import select

from pipeline.config import Settings
from pipeline.intake.files import Candidate
from pipeline.intake.process import Intake, Item, Progress, unprocessable
from pipeline.intake.report import IngestReport
from pipeline.intake.stream import ExtractionStream
from pipeline.runtime.extract import EXTRACTOR_VERSION, extract_files, sha256_file
from pipeline.store import Store
from pipeline.store.load import SourceInfo
from pipeline.store.models import Document, QuarantineItem
from pipeline.store.rereading import reread


def retry_quarantined(settings: Settings, store: Store, *, timeout: float | None = None,
                      progress: Progress | None = None) -> IngestReport:
    """Run every quarantined file through extraction again (optionally with a longer time limit)."""
    started = time.monotonic()
    report = IngestReport()
    with store.session() as session:
        held = session.scalars(select(QuarantineItem).where(QuarantineItem.state == "quarantined")).all()
    items = []
    for q in held:
        path = settings.data_dir / q.path
        try:
            st = path.stat()
            items.append(Item(Candidate(path, st.st_size, st.st_mtime_ns, sha256_file(path)),
                              SourceInfo.from_json(q.source), retry=True))
        except FileNotFoundError:
            report.errors.append(f"missing from the quarantine: {path}")
    report.found = len(items)
    intake = Intake(settings, store, progress=progress, actor="retry")
    plan = intake.plan(items)
    extractor = partial(extract_files, timeout=timeout) if timeout else extract_files
    with ExtractionStream([i.path for i in plan.todo], jobs=settings.jobs, extractor=extractor) as stream:
        results = (r for _, r in stream.results([i.path for i in plan.todo]))
        report.merge(intake.process(zip(plan.todo, results)))
    report.merge(intake.settle_copies(plan.copies))
    report.seconds = time.monotonic() - started
    return report


def reprocess(settings: Settings, store: Store, *, everything: bool = False, progress: Progress | None = None,
              extractor: Callable[..., Iterable[tuple[Path, dict]]] = extract_files) -> IngestReport:
    """Extract stored originals again: those read by another extractor version (or all). Officers' corrections
    are re-applied by what they correct, approved values are kept (pipeline/store/rereading.py)."""
    started = time.monotonic()
    report = IngestReport()
    with store.session() as session:
        query = select(Document.id, Document.archive_path)
        if not everything:
            query = query.where(Document.extractor_version != EXTRACTOR_VERSION)
        rows = session.execute(query.order_by(Document.id)).all()
    paths = {}
    for doc_id, rel in rows:
        path = settings.data_dir / (rel or "")
        if rel and path.is_file():
            paths[path] = doc_id
        else:
            report.errors.append(f"document #{doc_id}: original missing ({rel})")
    report.found = len(paths)
    for done, (path, result) in enumerate(extractor(list(paths), jobs=settings.jobs), start=1):
        failure = unprocessable(result)
        if failure is not None:
            report.errors.append(f"document #{paths[path]}: {failure.get('message')} (kept the earlier reading)")
        else:
            with store.session() as session:
                doc = session.get_one(Document, paths[path], with_for_update=True)
                reread(session, doc, result, extractor_version=EXTRACTOR_VERSION)
                report.by_status[doc.status] += 1
            report.stored += 1
        if progress:
            progress(done, len(paths))
    report.seconds = time.monotonic() - started
    return report
