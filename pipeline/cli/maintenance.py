"""`replyflow retry` and `replyflow reprocess`."""
from __future__ import annotations

import json

import click

from pipeline.cli.common import fail_cleanly, progress_printer, settings_from
from pipeline.store import StoreUnavailable, open_store


def _run(fn, **kwargs) -> None:  # noqa: ANN001
    settings = settings_from(jobs=kwargs.pop("jobs"))
    try:
        store = open_store(settings.database_url)
    except StoreUnavailable as exc:
        raise fail_cleanly(exc) from exc
    try:
        report = fn(settings, store, progress=progress_printer(), **kwargs)
    finally:
        store.dispose()
    click.echo(json.dumps(report.to_json(), ensure_ascii=False))
    if report.errors:
        raise SystemExit(1)


@click.command("retry")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None)
@click.option("--timeout", type=click.FloatRange(1, 7200), default=None,
              help="Seconds allowed per file this time (default: the extraction's own limit).")
def retry_command(jobs: int | None, timeout: float | None) -> None:
    """Run the quarantined files (DATA_DIR/quarantine) through the intake again."""
    from pipeline.intake import retry_quarantined
    _run(retry_quarantined, jobs=jobs, timeout=timeout)


@click.command("reprocess")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None)
@click.option("--all", "everything", is_flag=True, help="Every stored document, not only older extractor versions.")
def reprocess_command(jobs: int | None, everything: bool) -> None:
    """Extract archived originals again after an extractor upgrade; officers' corrections are kept."""
    from pipeline.intake import reprocess
    _run(reprocess, jobs=jobs, everything=everything)
