"""`replyflow extract FILE...`: JSON Lines as the contract says, one object per input, in input order."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from pipeline.runtime.isolation import default_jobs


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--pretty", is_flag=True, help="Indented JSON for people, instead of one line per file.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes (default: the number of cores, at most 8).")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=None,
              help="Seconds allowed per file before it is rejected (default 90).")
@click.option("--stats", is_flag=True,
              help="After the run, print timing and peak worker memory (slowest and largest files) on stderr.")
def extract_command(files: tuple[Path, ...], pretty: bool, jobs: int | None, timeout: float | None,
                    stats: bool) -> None:
    """Read reply letters (DOCX, PDF, scanned PDF or image) and print one JSON object per FILE.

    Every input yields exactly one object, in input order; a file that cannot be read comes out with
    status "rejected" and a flag saying why. The exit status is 0 even then.

    \b
    Examples:
      replyflow extract reply.pdf
      replyflow extract --pretty sample_docs/*.docx
      replyflow extract --jobs 2 inbox/* > out.jsonl
    """
    from pipeline.runtime.extract import extract_files

    jobs = jobs or min(default_jobs(), max(1, len(files)))
    show_progress = sys.stderr.isatty() and len(files) > 20

    def progress(done: int, total: int) -> None:
        if show_progress:
            click.echo(f"\r{done}/{total} tệp", err=True, nl=False)

    measured: dict[int, dict] = {}
    started = time.monotonic()
    for _, result in extract_files(list(files), jobs=jobs, progress=progress, timeout=timeout, stats=measured):
        line = json.dumps(result, ensure_ascii=False, indent=2 if pretty else None)
        click.echo(line)
    if show_progress:
        click.echo("", err=True)
    if stats:
        _print_stats(files, measured, time.monotonic() - started, jobs)


def _print_stats(files: tuple[Path, ...], measured: dict[int, dict], wall: float, jobs: int) -> None:
    if not measured:
        click.echo("stats: no file was measured (all timed out or crashed)", err=True)
        return
    slowest = max(measured, key=lambda i: measured[i]["seconds"])
    largest = max(measured, key=lambda i: measured[i]["max_rss_mb"])
    click.echo(f"stats: files={len(files)} jobs={jobs} wall_s={wall:.1f} "
               f"busy_s={sum(m['seconds'] for m in measured.values()):.1f} "
               f"slowest={measured[slowest]['seconds']:.1f}s ({files[slowest].name}) "
               f"peak_worker_rss_mb={measured[largest]['max_rss_mb']:.0f} ({files[largest].name})", err=True)
