#!/usr/bin/env python3
"""`make bench`: over the letters of ../shared/bench, time the bare-parse floor, `replyflow extract --jobs N`
and a cold `replyflow ingest --jobs N` (a fresh data directory and store, no Prefect server running before, so
Prefect's temporary API server starts inside the timing), and print all three with their ratios and the peak
memory of each whole process tree (PSS summed over every process of the run, sampled every 50 ms).

    .venv/bin/python scripts/bench.py --shared ../shared [--jobs 2] [--fresh-prefect-home]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PAGE = os.sysconf("SC_PAGE_SIZE")


def _session_pss(sid: int) -> int:
    """Proportional set size summed over the processes of session `sid`: shared pages (the fork server's
    preloaded libraries in every worker) count once in total, not once per process as RSS would."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                if int(fh.read().rsplit(b")", 1)[1].split()[3]) != sid:      # field 6 of stat: the session id
                    continue
            with open(f"/proc/{entry.name}/smaps_rollup", "rb") as fh:
                for line in fh:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except (OSError, IndexError, ValueError):
            continue
    return total


def timed(cmd: list[str], *, env: dict | None = None, stdout=subprocess.DEVNULL) -> tuple[float, int, str]:  # noqa: ANN001
    """Wall seconds, peak PSS of the whole process tree (bytes), and stderr."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=stdout, stderr=subprocess.PIPE, start_new_session=True)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _session_pss(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.monotonic() - started
    done.set()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd[:4])} ...\n{err.decode()[-3000:]}")
    return elapsed, peak[0], err.decode()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--fresh-prefect-home", action="store_true",
                    help="Also give Prefect an empty PREFECT_HOME (its own database is created and migrated too).")
    args = ap.parse_args()
    bench = args.shared.resolve() / "bench"
    files = sorted(p for p in bench.iterdir() if p.suffix.lower() in (".docx", ".pdf"))
    if not files:
        sys.exit(f"no DOCX/PDF letters in {bench}")
    jobs = str(args.jobs)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REPLYFLOW_", "PREFECT_API_URL"))}
    print(f"{len(files)} letters in {bench}, {jobs} processes, {os.cpu_count()} CPUs", flush=True)

    floor_s, floor_mem, _ = timed([sys.executable, str(args.shared / "tools" / "floor.py"), "--jobs", jobs, str(bench)],
                                  env=env)
    extract_s, extract_mem, _ = timed([str(BIN / "replyflow"), "extract", "--jobs", jobs, *map(str, files)], env=env)

    with tempfile.TemporaryDirectory(prefix="replyflow-bench-") as tmp:
        data = Path(tmp) / "data"
        (data / "inbox").mkdir(parents=True)
        for f in files:
            shutil.copy2(f, data / "inbox" / f.name)
        ingest_env = dict(env, REPLYFLOW_DATA_DIR=str(data))
        if args.fresh_prefect_home:
            ingest_env["PREFECT_HOME"] = str(Path(tmp) / "prefect-home")
        ingest_s, ingest_mem, err = timed([str(BIN / "replyflow"), "ingest", "--jobs", jobs], env=ingest_env)
        archived = sum(1 for p in (data / "archive").rglob("*") if p.is_file())
        left = sum(1 for p in (data / "inbox").rglob("*") if p.is_file())

    mib = 1024 * 1024
    print(f"{'':28} {'seconds':>8} {'x floor':>8} {'x extract':>9} {'peak MiB':>9}  (PSS of the process tree)")
    for name, s, mem in (("floor (floor.py)", floor_s, floor_mem), (f"replyflow extract --jobs {jobs}", extract_s,
                                                                     extract_mem),
                         (f"replyflow ingest --jobs {jobs}", ingest_s, ingest_mem)):
        print(f"{name:28} {s:8.1f} {s / floor_s:8.2f} {s / extract_s:9.2f} {mem / mib:9.0f}")
    print(f"ingest: {archived} archived, {left} left in the inbox"
          f"{', fresh PREFECT_HOME' if args.fresh_prefect_home else ''}")
    ok = ingest_s <= 1.5 * extract_s and max(floor_mem, extract_mem, ingest_mem) < 1024 * mib
    print(f"acceptance (ingest <= 1.5 x extract, peak < 1 GiB): {'PASS' if ok else 'FAIL'}")


if __name__ == "__main__":
    main()
