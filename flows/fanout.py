"""A backlog spread over several workers: the fan-out flow starts N share runs; each claims batches of files until
none is left (pipeline/intake/shares.py), so a faster worker takes more and no two take the same file.

prefect.yaml deploys both: `nightly-intake` (the fan-out, on the schedule) and `intake-share` (its runs, picked up
by the workers of the pool, one at a time per worker: `prefect worker start --pool replyflow --limit 1`).
"""
from __future__ import annotations

import time

from prefect import flow, get_run_logger, task
from prefect.deployments import run_deployment

from flows.housekeeping import claim_run_and_settle_dead_ones
from flows.intake import TASK_OPTIONS
from pipeline.config import get_settings
from pipeline.intake import IngestReport
from pipeline.intake.files import inbox_files
from pipeline.intake.process import Item
from pipeline.intake.shares import ShareRun, ShareState
from pipeline.store import open_store

SHARE_DEPLOYMENT = "replyflow-intake-share/intake-share"


@task(name="discover-and-plan-share", **TASK_OPTIONS)
def plan_share(share: ShareRun) -> ShareState:
    return share.discover_and_plan()


@task(name="claim-batch", **TASK_OPTIONS)
def claim_batch(share: ShareRun, state: ShareState) -> list[Item]:
    return share.next_batch(state)


@task(name="extract-and-load-claimed-batch", **TASK_OPTIONS)
def take_batch(share: ShareRun, batch: list[Item]) -> IngestReport:
    return share.take(batch)


@task(name="finish-share", **TASK_OPTIONS)
def finish_share(share: ShareRun, state: ShareState) -> IngestReport:
    return share.finish(state)


@flow(name="replyflow-intake-share", description="One share of the inbox's backlog: claim, extract, load, repeat")
def intake_share_flow(jobs: int | None = None, batch_size: int | None = None) -> dict:
    started = time.monotonic()
    claim_run_and_settle_dead_ones("replyflow-intake-share")
    settings = get_settings(jobs=jobs, batch_size=batch_size)
    store = open_store(settings.database_url)
    share = ShareRun(settings, store)
    try:
        state = plan_share(share)
        report = state.report
        while batch := claim_batch(share, state):
            report.merge(take_batch(share, batch))
        report.merge(finish_share(share, state))
    finally:
        share.close()
        store.dispose()
    report.seconds = time.monotonic() - started
    out = {**report.to_json(), "actor": share.actor, "taken_over": share.claims.taken_over}
    get_run_logger().info("intake share: %s", out)
    return out


@flow(name="replyflow-intake-fanout", description="Spread the inbox's backlog over the workers: start N share runs")
def intake_fanout_flow(shares: int = 2, jobs: int | None = None, batch_size: int | None = None) -> dict:
    """Start `shares` runs of the intake-share deployment (one per worker is right) and return at once: waiting
    would hold a worker that a share could use."""
    settings = get_settings()
    files = inbox_files(settings.inbox)
    runs = []
    if files:
        for n in range(max(1, min(shares, len(files)))):
            run = run_deployment(SHARE_DEPLOYMENT, timeout=0, as_subflow=False,
                                 parameters={"jobs": jobs, "batch_size": batch_size},
                                 flow_run_name=f"share-{n + 1}-of-{shares}")
            runs.append(str(run.id))
    out = {"files": len(files), "share_runs": runs}
    get_run_logger().info("intake fan-out: %s", out)
    return out
