"""The mailbox flow: one poll of the IMAP folder (fetch, take in, mark processed) as a single retried task."""
from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.common import retry_on_io
from flows.housekeeping import claim_run_and_settle_dead_ones
from pipeline.config import get_settings
from pipeline.intake import mailbox
from pipeline.store import open_store


@task(name="poll-mailbox", retries=2, retry_delay_seconds=[10, 60], retry_condition_fn=retry_on_io,
      cache_policy=NO_CACHE)
def poll_mailbox(folder: str | None) -> dict:
    settings = get_settings(imap_folder=folder)
    store = open_store(settings.database_url)
    try:
        return mailbox.poll(settings, store).to_json()
    finally:
        store.dispose()


@flow(name="replyflow-mailbox", description="Unseen IMAP messages -> attachments -> central store")
def mailbox_flow(folder: str | None = None) -> dict:
    claim_run_and_settle_dead_ones("replyflow-mailbox")
    report = poll_mailbox(folder)
    get_run_logger().info("mailbox: %s", report)
    return report
