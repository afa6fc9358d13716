#!/usr/bin/env python3
"""`make bench`: over the letters of ../shared/bench, time the bare-parse floor, `replyflow extract --jobs N`
and a cold `replyflow ingest --jobs N` (a fresh data directory and store, no Prefect server running before, so
Prefect's temporary API server starts inside the timing), and print all three with their ratios and the peak
memory of each run, sampled every 50 ms: PSS summed over its whole process tree, and the RSS of its largest
process. CPU seconds of each tree are printed too: they are steadier than wall times on a busy machine.

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


TICK = os.sysconf("SC_CLK_TCK")


def _session_sample(sid: int, cpu: dict[int, float]) -> tuple[int, int]:
    """(PSS summed over the processes of session `sid`, largest RSS of one of them), in bytes; updates `cpu`
    (pid -> CPU seconds so far). PSS counts shared pages (the fork server's preloaded libraries in every
    worker) once in total, not once per process as RSS would."""
    total = largest = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            if int(fields[3]) != sid:                         # field 6 of stat: the session id
                continue
            cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / TICK     # utime + stime
            largest = max(largest, int(fields[21]) * PAGE)    # field 24: resident pages
            with open(f"/proc/{entry.name}/smaps_rollup", "rb") as fh:
                for line in fh:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except (OSError, IndexError, ValueError):
            continue
    return total, largest


def timed(cmd: list[str], *, env: dict | None = None,
          stdout=subprocess.DEVNULL) -> tuple[float, tuple[int, int], float, str]:  # noqa: ANN001
    """Wall seconds, peak memory (PSS of the whole process tree, RSS of its largest process; bytes), CPU
    seconds of the tree (sampled: a process living less than 50 ms is missed), and stderr."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=stdout, stderr=subprocess.PIPE, start_new_session=True)
    peak = [0, 0]
    cpu: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            tree, one = _session_sample(proc.pid, cpu)
            peak[0], peak[1] = max(peak[0], tree), max(peak[1], one)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.monotonic() - started
    done.set()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd[:4])} ...\n{err.decode()[-3000:]}")
    return elapsed, (peak[0], peak[1]), sum(cpu.values()), err.decode()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1, help="Run each N times, interleaved; report the fastest.")
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
    load_before = f"{os.getloadavg()[0]:.1f}"

    floor_cmd = [sys.executable, str(args.shared / "tools" / "floor.py"), "--jobs", jobs, str(bench)]
    extract_cmd = [str(BIN / "replyflow"), "extract", "--jobs", jobs, *map(str, files)]
    ingest_cmd = [str(BIN / "replyflow"), "ingest", "--jobs", jobs]
    runs: dict[str, list] = {"floor": [], "extract": [], "ingest": []}
    for _ in range(args.repeat):                 # interleaved, so that a busy spell hits all three alike
        runs["floor"].append(timed(floor_cmd, env=env))
        runs["extract"].append(timed(extract_cmd, env=env))
        with tempfile.TemporaryDirectory(prefix="replyflow-bench-") as tmp:
            data = Path(tmp) / "data"
            (data / "inbox").mkdir(parents=True)
            for f in files:
                shutil.copy2(f, data / "inbox" / f.name)
            ingest_env = dict(env, REPLYFLOW_DATA_DIR=str(data))   # a new store and archive: a cold intake
            if args.fresh_prefect_home:
                ingest_env["PREFECT_HOME"] = str(Path(tmp) / "prefect-home")
            runs["ingest"].append(timed(ingest_cmd, env=ingest_env))
            archived = sum(1 for p in (data / "archive").rglob("*") if p.is_file())
            left = sum(1 for p in (data / "inbox").rglob("*") if p.is_file())
    best = {k: min(rs, key=lambda r: r[0]) for k, rs in runs.items()}
    floor_s, floor_mem, floor_cpu, _ = best["floor"]
    extract_s, extract_mem, extract_cpu, _ = best["extract"]
    ingest_s, ingest_mem, ingest_cpu, _ = best["ingest"]
    if args.repeat > 1:
        for k, rs in runs.items():
            print(f"{k} runs: " + ", ".join(f"{r[0]:.1f}" for r in rs) + " s (the fastest is reported)")

    mib = 1024 * 1024
    print(f"{'':28} {'seconds':>8} {'x floor':>8} {'x extract':>9} {'CPU s':>7} {'tree MiB':>9} "
          f"{'1 proc MiB':>10}")
    for name, s, cpu, mem in (("floor (floor.py)", floor_s, floor_cpu, floor_mem),
                              (f"replyflow extract --jobs {jobs}", extract_s, extract_cpu, extract_mem),
                              (f"replyflow ingest --jobs {jobs}", ingest_s, ingest_cpu, ingest_mem)):
        print(f"{name:28} {s:8.1f} {s / floor_s:8.2f} {s / extract_s:9.2f} {cpu:7.1f} {mem[0] / mib:9.0f} "
              f"{mem[1] / mib:10.0f}")
    print("tree MiB: peak PSS summed over the whole process tree; 1 proc MiB: peak RSS of its largest process")
    print(f"load average before/after: {load_before} / {os.getloadavg()[0]:.1f} (other work on the machine "
          "skews the wall times; CPU seconds are steadier)")
    print(f"ingest: {archived} archived, {left} left in the inbox"
          f"{', fresh PREFECT_HOME' if args.fresh_prefect_home else ''}")
    speed_ok = ingest_s <= 1.5 * extract_s
    print(f"ingest <= 1.5 x extract: {'PASS' if speed_ok else 'FAIL'} ({ingest_s / extract_s:.2f}); "
          f"every process < 1 GiB: {'PASS' if ingest_mem[1] < 1024 * mib else 'FAIL'}; "
          f"whole ingest tree < 1 GiB: {'PASS' if ingest_mem[0] < 1024 * mib else 'FAIL'}")


if __name__ == "__main__":
    main()
