"""Taking files into the store: plan (skip what is stored), load each document in its own transaction, and only
after the commit is durable move the original to the archive, or to the quarantine with a reason file beside it.
Durability is paid per group of documents (pipeline/intake/durable.py)."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from pipeline.config import Settings
from pipeline.intake.durable import GROUP_SIZE, relax_commit, sync_dirs, sync_store
from pipeline.intake.faults import crashpoint
from pipeline.intake.files import Candidate, archive_relpath, move_into_place, quarantine_relpath, write_reason
from pipeline.intake.report import IngestReport
from pipeline.runtime.extract import EXTRACTOR_VERSION
from pipeline.store import Store
from pipeline.store.load import SourceInfo, load_document
from pipeline.store.models import AuditEntry, Document, QuarantineItem
from pipeline.store.queries import quarantined, stored_hashes
from schemas.flags import QUARANTINE_CODES
from schemas.text import clean_text

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


def unprocessable(result: dict) -> dict | None:
    """The flag of a result saying that the file could not be processed at all (a QUARANTINE_CODES rejection:
    the intake quarantines the file, reprocessing keeps the earlier reading), else None."""
    flags = result.get("flags") or [{}]
    if result.get("status") == "rejected" and flags[0].get("code") in QUARANTINE_CODES:
        return flags[0]
    return None


@dataclass(frozen=True)
class Item:
    """A settled file to take in, where it came from, and whether it is a quarantined file being retried."""
    candidate: Candidate
    source: SourceInfo = field(default_factory=SourceInfo)
    retry: bool = False

    @property
    def path(self) -> Path:
        return self.candidate.path


@dataclass
class Plan:
    todo: list[Item] = field(default_factory=list)          # to extract: the first file of each new hash
    copies: list[Item] = field(default_factory=list)        # byte-identical to a todo item or a stored document
    leftovers: list[tuple[Item, tuple[str, str]]] = field(default_factory=list)  # quarantined: (target, reason)


class Intake:
    def __init__(self, settings: Settings, store: Store, *, progress: Progress | None = None,
                 actor: str = "intake"):
        self.settings, self.store, self.progress, self.actor = settings, store, progress, actor
        self.done = 0
        self.total = 0
        self._unmoved: list[tuple[Path, Path, bool]] = []  # committed, not yet durable: (original, target, retry)

    # -- planning ----------------------------------------------------------------------------------------------
    def plan(self, items: Iterable[Item]) -> Plan:
        items = list(items)
        hashes = [i.candidate.sha256 for i in items]
        with self.store.session() as session:
            stored = set(stored_hashes(session, hashes))
            held = {sha: (q.path, f"{q.code}: {q.reason}") for sha, q in quarantined(session, hashes).items()}
        plan, seen = Plan(), set()
        for item in items:
            sha = item.candidate.sha256
            if sha in stored or sha in seen:
                plan.copies.append(item)
            elif sha in held and not item.retry:
                plan.leftovers.append((item, held[sha]))
            else:
                seen.add(sha)
                plan.todo.append(item)
        self.total += len(plan.todo)
        return plan

    def settle_copies(self, items: Iterable[Item]) -> IngestReport:
        """Files whose bytes are stored: finish an interrupted move, or drop a byte-identical duplicate."""
        report = IngestReport()
        items = list(items)
        if not items:
            return report
        with self.store.session() as session:
            docs = stored_hashes(session, [i.candidate.sha256 for i in items])
        sync_store(self.store)                             # their records may be recent commits of our own
        for item in items:
            doc = docs.get(item.candidate.sha256)
            if doc is None or not doc.archive_path:        # its twin of this run failed to be stored
                continue
            self._settle_copy(item, doc, report)
        sync_dirs(d for i in items for d in (i.path.parent, self._archive_dir(docs.get(i.candidate.sha256))))
        return report

    def _archive_dir(self, doc: Document | None) -> Path:
        return (self.settings.data_dir / (doc.archive_path if doc and doc.archive_path else "archive")).parent

    def _settle_copy(self, item: Item, doc: Document, report: IngestReport) -> None:
        target = self.settings.data_dir / doc.archive_path
        if item.retry:                                  # stored meanwhile: the quarantine has done its job
            with self.store.session() as session:
                q = session.scalar(select(QuarantineItem).where(QuarantineItem.sha256 == doc.sha256))
                if q is not None and q.state != "released":
                    q.state, q.resolved_at = "released", dt.datetime.now(dt.timezone.utc)
        if target.exists():
            with self.store.session() as session:
                session.add(AuditEntry(actor=self.actor, action="duplicate_removed", document_id=doc.id,
                                       detail={"path": str(item.path), "source": item.source.to_json()}))
            if move_into_place(item.path, target):
                report.duplicates += 1
        elif move_into_place(item.path, target):
            report.completed += 1
        if item.retry:
            item.path.with_name(item.path.name + ".reason.txt").unlink(missing_ok=True)

    def settle_leftovers(self, leftovers: Iterable[tuple[Item, tuple[str, str]]]) -> IngestReport:
        """Files quarantined by an interrupted run (committed, not yet moved): finish the move."""
        report = IngestReport()
        for item, (rel, reason) in leftovers:
            target = self.settings.data_dir / rel
            write_reason(target, f"{reason}\nTệp gốc: {item.path}\nNguồn: {item.source.kind}")
            if move_into_place(item.path, target):
                report.completed += 1
        return report

    # -- taking in -----------------------------------------------------------------------------------------------
    def process(self, results: Iterable[tuple[Item, dict]]) -> IngestReport:
        """Load each (item, extraction result) and move its file once its group's commits are durable.
        Database errors propagate: the file at hand and all after it stay where they are (and the committed
        files before it are moved if the store can still make them durable, else by the next run)."""
        report = IngestReport()
        try:
            for item, result in results:
                self._take(item, result, report)
                self.done += 1
                if self.progress:
                    self.progress(self.done, self.total)
        finally:
            self.flush()
        return report

    def flush(self) -> None:
        """Make the commits so far durable (one sync), then move their originals and sync the directories
        touched (once each)."""
        if not self._unmoved:
            return
        sync_store(self.store)
        unmoved, self._unmoved = self._unmoved, []
        for src, target, retry in unmoved:
            if move_into_place(src, target) and retry:
                src.with_name(src.name + ".reason.txt").unlink(missing_ok=True)
        sync_dirs(d for src, target, _ in unmoved for d in (src.parent, target.parent))

    def _take(self, item: Item, result: dict, report: IngestReport) -> None:
        cand = item.candidate
        src = result.setdefault("source", {})
        if src.get("sha256") and src["sha256"] != cand.sha256:
            report.unsettled += 1                         # changed since it was hashed: next run
            return
        src["sha256"] = cand.sha256
        src.setdefault("file_name", cand.path.name)
        failure = unprocessable(result)
        if failure is not None:
            self._quarantine(item, failure["code"], failure.get("message") or failure["code"], report)
            return
        try:
            self._store(item, result, report)
        except (KeyError, TypeError, ValueError) as exc:  # a result the store cannot take: keep the file aside
            log.warning("cannot store %s: %r", cand.path, exc)
            self._quarantine(item, "invalid_result", f"Kết quả trích xuất không hợp lệ: {exc!r}", report)

    def _store(self, item: Item, result: dict, report: IngestReport) -> None:
        cand = item.candidate
        rel = archive_relpath(cand.sha256, cand.path.name, dt.datetime.now(dt.timezone.utc))
        try:
            with self.store.session() as session:
                relax_commit(session)
                load_document(session, result, source=item.source, extractor_version=EXTRACTOR_VERSION,
                              archive_path=rel, actor=self.actor)
                if item.retry:
                    q = session.scalar(select(QuarantineItem).where(QuarantineItem.sha256 == cand.sha256))
                    if q is not None:
                        q.state, q.resolved_at = "released", dt.datetime.now(dt.timezone.utc)
        except IntegrityError:
            with self.store.session() as session:
                doc = stored_hashes(session, [cand.sha256]).get(cand.sha256)
            if doc is None:
                raise
            self._settle_copy(item, doc, report)          # a concurrent intake stored it first
            return
        crashpoint("after_commit")
        report.stored += 1
        report.by_status[result.get("status")] += 1
        report.released += item.retry
        self._unmoved.append((cand.path, self.settings.data_dir / rel, item.retry))
        if len(self._unmoved) >= GROUP_SIZE:
            self.flush()

    def _quarantine(self, item: Item, code: str, message: str, report: IngestReport) -> None:
        """Rare: made durable and moved at once (after the group before it)."""
        self.flush()
        cand = item.candidate
        rel = quarantine_relpath(cand.sha256, cand.path.name)
        try:
            with self.store.session() as session:
                q = session.scalar(select(QuarantineItem).where(QuarantineItem.sha256 == cand.sha256))
                name = clean_text(cand.path.name)     # undecodable bytes of a name: PostgreSQL refuses them
                if q is None:
                    session.add(QuarantineItem(sha256=cand.sha256, file_name=name, path=rel, code=code,
                                               reason=message, source={k: clean_text(v) if isinstance(v, str) else v
                                                                       for k, v in item.source.to_json().items()}))
                else:
                    q.state, q.code, q.reason, q.attempts = "quarantined", code, message, q.attempts + 1
                    rel = q.path
                session.add(AuditEntry(actor=self.actor, action="quarantined",
                                       detail={"file_name": name, "sha256": cand.sha256, "code": code}))
        except IntegrityError:
            pass                                          # a concurrent intake quarantined it first
        crashpoint("after_quarantine_commit")
        target = self.settings.data_dir / rel
        write_reason(target, f"{code}: {message}\nTệp gốc: {item.path}\nNguồn: {item.source.kind}")
        report.quarantined += 1
        if item.path != target:
            move_into_place(item.path, target)
