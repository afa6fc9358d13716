"""`replyflow serve`: the scheduled deployments in one long-running process."""
from __future__ import annotations

import click

from pipeline.cli.common import settings_from


@click.command("serve")
@click.option("--mailbox/--no-mailbox", default=None,
              help="Also poll the IMAP mailbox every 15 minutes (default: when REPLYFLOW_IMAP_HOST is set).")
def serve_command(mailbox: bool | None) -> None:
    """Serve the intake (nightly at 02:00 Asia/Ho_Chi_Minh) and the mailbox poll (every 15 minutes).

    Runs until interrupted. Set PREFECT_API_URL to use a Prefect server; see docs/operations.md for the
    scale-out path (prefect.yaml, a process work pool, PostgreSQL).
    """
    settings = settings_from()
    if mailbox is None:
        mailbox = bool(settings.imap_host)
    from flows.deployments import serve_all    # the CLI is the outer shell: only here does Prefect come in
    serve_all(with_mailbox=mailbox)
