"""`replyflow ingest [INBOX]`: one intake now, with progress."""
from __future__ import annotations

import gc
import json
from pathlib import Path

import click

from pipeline.cli.common import fail_cleanly, imports_without_gc, progress_printer, settings_from
from pipeline.runtime.isolation import start_fork_server_for


@click.command("ingest")
@click.argument("inbox", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, help="Extraction processes (default: CPUs).")
@click.option("--prefect/--no-prefect", default=True, show_default=True,
              help="Run as a Prefect flow (recorded on the Prefect server) or directly.")
@click.option("--json", "as_json", is_flag=True, help="Print the run's report as JSON.")
def ingest_command(inbox: Path | None, jobs: int | None, prefect: bool, as_json: bool) -> None:
    """Take every settled file of the inbox into the central store, then archive it.

    INBOX defaults to REPLYFLOW_INBOX (DATA_DIR/inbox). Each file gets one document record, whatever its status,
    and is moved to DATA_DIR/archive/YYYY/MM/ after its record is committed; a file that could not be processed
    at all goes to DATA_DIR/quarantine/ with a reason file (see `replyflow retry`). Byte-identical copies of a
    stored file add nothing and leave the inbox.
    """
    settings = settings_from(inbox=inbox, jobs=jobs)
    start_fork_server_for(settings.inbox)          # first of all: the workers' preload overlaps all that follows
    from pipeline.store import StoreUnavailable
    progress = progress_printer()
    try:
        if prefect:
            from flows.server import temporary_server
            from pipeline.intake import head_start
            head = head_start(settings)            # extraction starts at once, before Prefect is even imported,
            server = None
            try:
                with imports_without_gc():
                    server = temporary_server()    # and Prefect's API server in a thread (unless one is configured)
                    if server is not None:
                        server.wait_imported()     # one thread imports Prefect at a time
                    from flows.intake import run_ingest  # the CLI is the outer shell: only here does Prefect come in
            except BaseException:
                if server is not None:
                    server.stop()
                head.close()
                raise
            try:
                report = run_ingest(settings, progress=progress, head=head, server=server)
            finally:
                if server is not None:
                    server.stop()
        else:
            from pipeline.intake import ingest
            report = ingest(settings, progress=progress)
    except StoreUnavailable as exc:
        raise fail_cleanly(exc) from exc
    gc.freeze()      # the work is done: the interpreter's last collection at exit need not walk all it built (0.3 s)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False))
        return
    by_status = ", ".join(f"{k} {v}" for k, v in sorted(report.by_status.items())) or "none"
    click.echo(f"{report.stored} documents stored ({by_status}); {report.duplicates} duplicates dropped; "
               f"{report.quarantined} quarantined; {report.unsettled} still being written; {report.seconds:.1f} s")
    for error in report.errors:
        click.echo(f"warning: {error}", err=True)
