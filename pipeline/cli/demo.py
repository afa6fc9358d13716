"""`replyflow demo`: the sample letters through the whole path, inbox to store, and what came out.

Copies sample_docs/ into the inbox, runs one intake into the embedded store (SQLite under DATA_DIR), then prints
per letter the enterprise, its needs by year and qualification and its flags, the store's status and review
queue, and how to open the review app. Running it again adds nothing: the letters are stored already.
"""
from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import click

from extractors.readers import SUFFIXES
from pipeline.cli.common import fail_cleanly, progress_printer, settings_from
from pipeline.store import StoreUnavailable
from pipeline.web.formats import date as vn_date

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_docs"


def summarise(result: dict) -> str:
    """A letter's record in a few lines for people."""
    ent = result.get("enterprise") or {}
    letter = result.get("letter") or {}
    how = "  (scan, read by OCR)" if result["source"].get("ocr_used") else ""
    lines = [f"■ {result['source']['file_name']}  [{result['status']}]{how}"]
    if ent.get("name") or ent.get("tax_code"):
        lines.append(f"  Doanh nghiệp: {ent.get('name') or '?'}  MST {ent.get('tax_code') or '-'}  "
                     f"{ent.get('zone') or ''}".rstrip())
    if letter.get("number") or letter.get("date"):
        lines.append(f"  Công văn số {letter.get('number') or '?'} ngày {vn_date(letter.get('date')) or '?'}")
    table: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for need in result.get("hiring_needs") or []:
        cell = table[(need["year"], need["qualification"])]
        cell[0] += need["quantity"]
        cell[1] += need["quantity_max"] if need.get("quantity_max") is not None else need["quantity"]
    for (year, qual), (low, high) in sorted(table.items()):
        count = f"{low}" if low == high else f"{low}-{high}"
        lines.append(f"  Nhu cầu {year}  {qual:<24} {count:>9}")
    for flag in result.get("flags") or []:
        lines.append(f"  ⚑ {flag['code']}: {flag['message']}")
    return "\n".join(lines)


@click.command("demo")
@click.option("--samples", type=click.Path(exists=True, file_okay=False, path_type=Path), default=SAMPLE_DIR,
              show_default=True, help="Folder of letters to put into the inbox.")
@click.option("--prefect/--no-prefect", default=True, show_default=True,
              help="Run the intake as a Prefect flow (as the nightly schedule does) or directly.")
def demo_command(samples: Path, prefect: bool) -> None:
    """Put the sample letters into the inbox, ingest them, and show what was read and what needs review."""
    from sqlalchemy import select

    from pipeline.store import open_store
    from pipeline.store.models import Document
    from pipeline.store.queries import review_queue, status_summary

    settings = settings_from()
    letters = sorted(p for p in samples.iterdir() if p.suffix.lower() in SUFFIXES)
    if not letters:
        raise click.ClickException(f"Không có tệp DOCX/PDF nào trong {samples}")
    settings.inbox.mkdir(parents=True, exist_ok=True)
    for path in letters:
        shutil.copy2(path, settings.inbox / path.name)
    click.echo(f"{len(letters)} sample letters copied into {settings.inbox}; ingesting "
               f"({'Prefect flow' if prefect else 'direct'})...", err=True)
    try:
        if prefect:
            from pipeline.intake import head_start
            head = head_start(settings)
            from flows.intake import run_ingest     # the CLI is the outer shell: only here does Prefect come in
            report = run_ingest(settings, progress=progress_printer(), head=head)
        else:
            from pipeline.intake import ingest
            report = ingest(settings, progress=progress_printer())
        store = open_store(settings.database_url)
    except StoreUnavailable as exc:
        raise fail_cleanly(exc) from exc
    names = {p.name for p in letters}
    try:
        with store.session() as session:
            documents = session.scalars(select(Document).where(Document.file_name.in_(names))
                                        .order_by(Document.file_name)).all()
            for document in documents:
                click.echo(summarise(document.extraction))
                click.echo()
            summary = status_summary(session)
            queue = [entry.to_json() for entry in review_queue(
                session, spot_share=settings.review_spot_check_share)[:20]]
    finally:
        store.dispose()
    by = summary["by_status"]
    click.echo(f"This run: {report.stored} stored, {report.duplicates} already there, {report.quarantined} "
               f"quarantined ({report.seconds:.1f} s).")
    click.echo(f"Store ({settings.database_url}): {summary['documents']} documents — {by['extracted']} extracted, "
               f"{by['needs_review']} need review, {by['rejected']} rejected; {summary['open_flags']} open flags; "
               f"{summary['quarantined']} quarantined.")
    if queue:
        click.echo("Review queue (oldest first):")
        for item in queue:
            codes = ", ".join(flag["code"] for flag in item["flags"])
            click.echo(f"  #{item['document']} {item['file_name']} — {item['enterprise'] or '?'}: {codes}")
    click.echo("\nReview app: create an account, then start the app and open http://127.0.0.1:8000/")
    click.echo("  .venv/bin/replyflow user add admin --role admin")
    click.echo("  .venv/bin/replyflow web")
