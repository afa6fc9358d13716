"""Letters per minute of the scale-out (docs/operations.md): a Prefect server on loopback, the process work pool,
prefect.yaml's deployments, N workers (`--limit 1`), a backlog of text letters drained into a fresh PostgreSQL
database by N share runs.

    .venv/bin/python -m scripts.bench_scale_out --workers 1
    .venv/bin/python -m scripts.bench_scale_out --workers 2 --letters 200 --jobs 1

Prints one JSON line: wall seconds from the fan-out's start to the last file out of the inbox, and the drain rate
between the first and the last document stored (without the flow runs' start-up).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from tests.support.databases import fresh_postgres
from tests.support.prefect_cluster import Cluster
from tests.support.replies import write_letters
from tests.support.runs import env_for


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--letters", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=1, help="REPLYFLOW_JOBS of each worker's runs")
    parser.add_argument("--batch-size", type=int, default=10)
    args = parser.parse_args()

    from pipeline.store import open_store
    from pipeline.store.models import AuditEntry

    with tempfile.TemporaryDirectory() as tmp, fresh_postgres() as url:
        data_dir = Path(tmp) / "data"
        write_letters(data_dir / "inbox", args.letters)
        store = open_store(url)
        cluster = Cluster(Path(tmp) / "prefect", env_for(data_dir, url, REPLYFLOW_JOBS=str(args.jobs),
                                                         REPLYFLOW_BATCH_SIZE=str(args.batch_size),
                                                         REPLYFLOW_INBOX=str(data_dir / "inbox")))
        try:
            server_s = cluster.start_server()
            cluster.deploy()
            for n in range(args.workers):
                cluster.start_worker(f"worker-{n + 1}")
            started = time.monotonic()
            cluster.run_deployment("replyflow-intake-fanout/nightly-intake", shares=args.workers)
            while any((data_dir / "inbox").iterdir()):
                time.sleep(0.5)
            wall = time.monotonic() - started
            with store.session() as s:
                first, last, count = s.execute(select(func.min(AuditEntry.at), func.max(AuditEntry.at), func.count())
                                               .where(AuditEntry.action == "stored")).one()
                actors = dict(s.execute(select(AuditEntry.actor, func.count())
                                        .where(AuditEntry.action == "stored").group_by(AuditEntry.actor)).all())
        finally:
            cluster.close()
            store.dispose()
    drain = (last - first).total_seconds()
    print(json.dumps({"workers": args.workers, "jobs": args.jobs, "letters": args.letters, "stored": count,
                      "server_start_s": round(server_s, 1), "wall_s": round(wall, 1),
                      "letters_per_min_wall": round(count / wall * 60, 1),
                      "drain_s": round(drain, 1), "letters_per_min_drain": round((count - 1) / drain * 60, 1),
                      "stored_by_run": sorted(actors.values(), reverse=True)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
