"""Draft the next store migration from the models (docs/store-migrations.md):

    .venv/bin/python -m scripts.new_migration "registrations: a note column"

Builds a scratch SQLite database at the current head, compares it with the models (pipeline/store/models.py and
web_models.py) and writes pipeline/store/migrations/versions/NNNN_<slug>.py with the next number. Read the draft
and finish it by hand: Alembic does not see renames, data moves or views.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config

from pipeline.store.db import MIGRATIONS


def next_revision() -> str:
    numbers = [int(m.group(1)) for p in (MIGRATIONS / "versions").glob("*.py")
               if (m := re.match(r"(\d{4})_", p.name))]
    return f"{max(numbers, default=0) + 1:04d}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("message", help="what the migration changes, in a few words")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.set_main_option("sqlalchemy.url", f"sqlite:///{Path(scratch) / 'head.db'}")
        command.upgrade(cfg, "head")
        command.revision(cfg, message=args.message, autogenerate=True, rev_id=next_revision())
    return 0


if __name__ == "__main__":
    sys.exit(main())
