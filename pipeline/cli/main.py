"""The `replyflow` command line. A thin shell over the pipeline: every command calls pipeline functions."""
from __future__ import annotations

import importlib

import click

# One line per command: its name and where it lives in pipeline/cli/. A command's module is imported only when
# that command runs (or for --help): `replyflow extract` does not load the store (SQLAlchemy), the review app or
# Prefect, and neither does each of its worker processes, which multiprocessing starts by importing this module
# again as the parent's main module (about a CPU second per process otherwise).
COMMANDS = {
    "extract": "pipeline.cli.extract:extract_command",
    "demo": "pipeline.cli.demo:demo_command",
    "ingest": "pipeline.cli.ingest:ingest_command",
    "status": "pipeline.cli.status:status_command",
    "retry": "pipeline.cli.maintenance:retry_command",
    "reprocess": "pipeline.cli.maintenance:reprocess_command",
    "serve": "pipeline.cli.serve:serve_command",
    "web": "pipeline.cli.web:web_command",
    "user": "pipeline.cli.user:user_command",
}


class LazyGroup(click.Group):
    """A group whose commands (COMMANDS) are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attr = COMMANDS[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="replyflow")
def cli() -> None:
    """replyflow: reads enterprises' replies to the Hai Phong Economic Zone Authority into a central store.

    Start with `replyflow extract FILE` to see what is read from one letter, `replyflow ingest` to take an
    inbox into the store, and `replyflow web` for the officers' review app. Settings come from REPLYFLOW_*
    environment variables (REPLYFLOW_DATA_DIR, default ./data; REPLYFLOW_DATABASE_URL; see docs/operations.md).
    """


def main() -> None:
    cli()
