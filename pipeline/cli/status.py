"""`replyflow status [--json]`: what the central store holds."""
from __future__ import annotations

import json

import click

from pipeline.cli.common import fail_cleanly, settings_from
from pipeline.store import StoreUnavailable, open_store
from pipeline.store.queries import review_queue, status_summary


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="One JSON object: documents, by_status, open_flags, ...")
@click.option("--queue", "queue_size", type=click.IntRange(0, 10_000), default=0,
              help="Also list the first N documents waiting for review.")
def status_command(as_json: bool, queue_size: int) -> None:
    """Documents by status, open review flags and quarantined files of the central store."""
    settings = settings_from()
    try:
        store = open_store(settings.database_url)
    except StoreUnavailable as exc:
        raise fail_cleanly(exc) from exc
    try:
        with store.session() as session:
            summary = status_summary(session)
            queue = [entry.to_json() for entry in review_queue(
                session, spot_share=settings.review_spot_check_share)[:queue_size]] if queue_size else []
    finally:
        store.dispose()
    if as_json:
        if queue_size:
            summary["review_queue"] = queue
        click.echo(json.dumps(summary, ensure_ascii=False))
        return
    by = summary["by_status"]
    click.echo(f"{summary['documents']} documents: {by['extracted']} extracted, {by['needs_review']} needs review, "
               f"{by['rejected']} rejected; {summary['open_flags']} open flags; {summary['quarantined']} "
               f"quarantined; {summary['enterprises']} enterprises ({summary['superseded']} superseded replies)")
    for item in queue:
        click.echo(f"  #{item['document']} {item['file_name']} ({item['enterprise'] or '?'}):")
        for flag in item["flags"]:
            click.echo(f"      [{flag['code']}] {flag['message']}")
