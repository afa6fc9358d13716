"""One share of a backlog: an intake run that takes, batch by batch, the files no other run has claimed.

Several such runs (on several machines, or several workers of one) drain one inbox into one store together
(the fan-out of prefect.yaml, flows/fanout.py). Each run plans once, then repeatedly claims a batch
(pipeline/intake/claims.py), extracts it in its own pool of isolated workers, loads and moves it like any intake
(pipeline/intake/process.py) and releases the claims; a faster run simply claims more batches. Files another live
run holds are left to it; files of a run that died are taken over. At the end the run looks at the inbox once more
for what a dead run left behind.
"""
from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import Settings
from pipeline.intake.claims import Claims
from pipeline.intake.files import discover
from pipeline.intake.process import Intake, Item, Plan
from pipeline.intake.report import IngestReport
from pipeline.runtime.isolation import IsolatedExtractor
from pipeline.store import Store
from pipeline.store.load import SourceInfo


def share_actor() -> str:
    """Who stored a document, in the audit log: the intake on this machine, in this process."""
    return f"intake@{socket.gethostname()}/{os.getpid()}"


@dataclass
class ShareState:
    plan: Plan
    report: IngestReport
    done: set[str] = field(default_factory=set)        # hashes this run has dealt with


class ShareRun:
    def __init__(self, settings: Settings, store: Store, *, claims: Claims | None = None):
        self.settings, self.store = settings, store
        self.actor = share_actor()
        self.claims = claims or Claims(store, actor=self.actor)
        self.intake = Intake(settings, store, actor=self.actor)
        self._pool: IsolatedExtractor | None = None

    # -- the steps (the flow runs each as a task) ---------------------------------------------------------------
    def discover_and_plan(self) -> ShareState:
        inbox = Path(self.settings.inbox)
        found, unsettled = discover(inbox, settle_seconds=self.settings.settle_seconds)
        items = [Item(c, SourceInfo(kind="folder", path=str(c.path.relative_to(inbox)), received_at=c.received_at))
                 for c in found]
        report = IngestReport(found=len(found), unsettled=len(unsettled))
        plan = self.intake.plan(items)
        state = ShareState(plan, report)
        self._settle(state)
        return state

    def next_batch(self, state: ShareState) -> list[Item]:
        """Claim up to batch_size files of the plan that are not done, not held by a live run."""
        todo = [i for i in state.plan.todo if i.candidate.sha256 not in state.done]
        shas = set(self.claims.claim(((i.candidate.sha256, str(i.path)) for i in todo), self.settings.batch_size))
        batch = [i for i in todo if i.candidate.sha256 in shas]
        state.done.update(shas)
        return batch

    def take(self, batch: list[Item]) -> IngestReport:
        """Extract, load and move a claimed batch; then release its claims (its files have left the inbox)."""
        if not batch:
            return IngestReport()
        self.claims.renew()
        if self._pool is None:
            self._pool = IsolatedExtractor(jobs=self.settings.jobs).__enter__()
        results = (r for _, r in self._pool.run([i.path for i in batch]))
        report = self.intake.process(zip(batch, results))
        self.claims.release(i.candidate.sha256 for i in batch)
        return report

    def finish(self, state: ShareState) -> IngestReport:
        """Look at the inbox once more: files of a run that died meanwhile (claimed, or committed and not yet
        moved) are taken now; what a live run holds is its own."""
        again = self.discover_and_plan()
        report = again.report
        report.found = report.unsettled = 0                # counted by the first look
        while batch := self.next_batch(again):
            report.merge(self.take(batch))
        self.claims.sweep(i.candidate.sha256 for i in [*again.plan.todo, *again.plan.copies])
        return report

    def close(self) -> None:
        if self._pool is not None:
            self._pool.__exit__(None, None, None)
            self._pool = None
        self.claims.release()

    # -- what is not new ----------------------------------------------------------------------------------------
    def _settle(self, state: ShareState) -> None:
        """Finish the moves the plan found pending (copies of stored files, committed quarantines), except those of
        files a live run holds: it is about to move them itself."""
        plan, report = state.plan, state.report
        held = self.claims.held_by_others(i.candidate.sha256 for i in plan.copies)
        report.merge(self.intake.settle_copies([i for i in plan.copies if i.candidate.sha256 not in held]))
        held = self.claims.held_by_others(i.candidate.sha256 for i, _ in plan.leftovers)
        report.merge(self.intake.settle_leftovers([x for x in plan.leftovers if x[0].candidate.sha256 not in held]))
