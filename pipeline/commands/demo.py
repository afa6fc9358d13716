"""`replyflow demo`: extract the sample letters and show, per letter, what was read and what was flagged."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import click

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_docs"


def summarise(result: dict) -> str:
    ent = result.get("enterprise") or {}
    letter = result.get("letter") or {}
    lines = [f"■ {result['source']['file_name']}  [{result['status']}]"]
    if ent.get("name") or ent.get("tax_code"):
        lines.append(f"  Doanh nghiệp: {ent.get('name') or '?'}  MST {ent.get('tax_code') or '-'}  "
                     f"{ent.get('zone') or ''}".rstrip())
    if letter.get("number") or letter.get("date"):
        lines.append(f"  Công văn số {letter.get('number') or '?'} ngày {letter.get('date') or '?'}")
    table: dict[tuple[int, str], int] = defaultdict(int)
    for need in result.get("hiring_needs") or []:
        table[(need["year"], need["qualification"])] += need["quantity"]
    for (year, qual), qty in sorted(table.items()):
        lines.append(f"  Nhu cầu {year}  {qual:<24} {qty:>6}")
    for flag in result.get("flags") or []:
        lines.append(f"  ⚑ {flag['code']}: {flag['message']}")
    return "\n".join(lines)


@click.command("demo")
@click.option("--samples", type=click.Path(exists=True, file_okay=False, path_type=Path), default=SAMPLE_DIR,
              show_default=True, help="Folder of letters to read.")
def demo_command(samples: Path) -> None:
    """Read the sample letters and print a readable summary of each."""
    from pipeline.extract import extract_files

    files = sorted(p for p in samples.iterdir() if p.suffix.lower() in (".pdf", ".docx"))
    if not files:
        raise click.ClickException(f"Không có tệp DOCX/PDF nào trong {samples}")
    for _, result in extract_files(files, jobs=2):
        click.echo(summarise(result))
        click.echo()
