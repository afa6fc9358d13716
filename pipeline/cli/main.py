"""The `replyflow` command line. A thin shell over the pipeline: every command calls pipeline functions."""
from __future__ import annotations

import click

from pipeline.cli.demo import demo_command
from pipeline.cli.extract import extract_command
from pipeline.cli.ingest import ingest_command
from pipeline.cli.maintenance import reprocess_command, retry_command
from pipeline.cli.serve import serve_command
from pipeline.cli.status import status_command
from pipeline.cli.user import user_command
from pipeline.cli.web import web_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="replyflow")
def cli() -> None:
    """replyflow: reads enterprises' replies to the Hai Phong Economic Zone Authority into a central store.

    Start with `replyflow extract FILE` to see what is read from one letter, `replyflow ingest` to take an
    inbox into the store, and `replyflow web` for the officers' review app. Settings come from REPLYFLOW_*
    environment variables (REPLYFLOW_DATA_DIR, default ./data; REPLYFLOW_DATABASE_URL; see docs/operations.md).
    """


# One line per command; each lives in pipeline/cli/.
cli.add_command(extract_command)
cli.add_command(demo_command)
cli.add_command(ingest_command)
cli.add_command(status_command)
cli.add_command(retry_command)
cli.add_command(reprocess_command)
cli.add_command(serve_command)
cli.add_command(web_command)
cli.add_command(user_command)


def main() -> None:
    cli()
