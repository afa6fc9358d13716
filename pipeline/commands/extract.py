"""`replyflow extract FILE...`: JSON Lines as the contract says, one object per input, in input order."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pipeline.isolation import default_jobs


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--pretty", is_flag=True, help="Indented JSON for people, instead of one line per file.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None,
              help="Worker processes (default: the number of cores, at most 8).")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=None,
              help="Seconds allowed per file before it is rejected (default 90).")
def extract_command(files: tuple[Path, ...], pretty: bool, jobs: int | None, timeout: float | None) -> None:
    """Extract reply letters (DOCX or PDF) and print one JSON object per FILE.

    Every input yields exactly one object, in input order; a file that cannot be read comes out with
    status "rejected" and a flag saying why. The exit status is 0 even then.

    \b
    Examples:
      replyflow extract reply.pdf
      replyflow extract --pretty sample_docs/*.docx
      replyflow extract --jobs 2 inbox/* > out.jsonl
    """
    from pipeline.extract import extract_files

    jobs = jobs or min(default_jobs(), max(1, len(files)))
    show_progress = sys.stderr.isatty() and len(files) > 20

    def progress(done: int, total: int) -> None:
        if show_progress:
            click.echo(f"\r{done}/{total} tệp", err=True, nl=False)

    for _, result in extract_files(list(files), jobs=jobs, progress=progress, timeout=timeout):
        line = json.dumps(result, ensure_ascii=False, indent=2 if pretty else None)
        click.echo(line)
    if show_progress:
        click.echo("", err=True)
