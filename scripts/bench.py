#!/usr/bin/env python3
"""`make bench`: over the letters of ../shared/bench, split into a text batch (DOCX, PDFs with a text layer)
and a scan batch, time for each batch on its own the bare-parse floor, `replyflow extract --jobs N` and a cold
`replyflow ingest --jobs N` (a fresh data directory and store, settled letters, no Prefect server running
before, so Prefect's temporary API server starts inside the timing), and print all three with their ratios and
the peak memory of each run, sampled every 50 ms: PSS summed over its whole process tree, and the RSS of its
largest process. CPU seconds of each tree are printed too: they are steadier than wall times on a busy machine.

    .venv/bin/python -m scripts.bench --shared ../shared [--jobs 2] [--repeat 3] [--only text] [--limit 200]
        [--bench DIR] [--fresh-prefect-home]
"""
from __future__ import annotations

import argparse
import json
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


def batches_of(bench: Path, only: str | None) -> dict[str, list[Path]]:
    """The letters split into the text batch (DOCX and PDFs with a text layer) and the scan batch, by their
    truth files (`source.ocr_used`); letters without a truth file count as text."""
    out: dict[str, list[Path]] = {"text": [], "scan": []}
    for p in sorted(p for p in bench.iterdir() if p.suffix.lower() in (".docx", ".pdf")):
        truth = p.with_name(p.stem + ".truth.json")
        scanned = truth.exists() and bool((json.loads(truth.read_text(encoding="utf-8")).get("source") or {})
                                          .get("ocr_used"))
        out["scan" if scanned else "text"].append(p)
    return {k: v for k, v in out.items() if v and only in (None, k)}


def bench_batch(name: str, files: list[Path], args: argparse.Namespace, env: dict) -> tuple[float, float]:
    """Floor, extract and a cold ingest of `files`, interleaved `--repeat` times; prints the table, returns
    (ingest / extract by wall seconds, by CPU seconds), each from the fastest run."""
    jobs = str(args.jobs)
    with tempfile.TemporaryDirectory(prefix="replyflow-bench-") as tmp:
        letters = Path(tmp) / "letters"
        letters.mkdir()
        for f in files:
            os.link(f, letters / f.name) if _same_fs(f, letters) else shutil.copy2(f, letters / f.name)
        floor_cmd = [sys.executable, str(args.shared / "tools" / "floor.py"), "--jobs", jobs, str(letters)]
        extract_cmd = [str(BIN / "replyflow"), "extract", "--jobs", jobs, *(str(letters / f.name) for f in files)]
        ingest_cmd = [str(BIN / "replyflow"), "ingest", "--jobs", jobs]
        runs: dict[str, list] = {"floor": [], "extract": [], "ingest": []}
        archived = left = 0
        for i in range(args.repeat):          # interleaved, so that a busy spell hits all three alike
            runs["floor"].append(timed(floor_cmd, env=env))
            runs["extract"].append(timed(extract_cmd, env=env))
            data = Path(tmp) / f"data{i}"
            (data / "inbox").mkdir(parents=True)
            for f in files:
                shutil.copy2(f, data / "inbox" / f.name)          # copy2 keeps the mtime: settled letters
            ingest_env = dict(env, REPLYFLOW_DATA_DIR=str(data))   # a new store and archive: a cold intake
            if args.fresh_prefect_home:
                ingest_env["PREFECT_HOME"] = str(Path(tmp) / f"prefect-home{i}")
            runs["ingest"].append(timed(ingest_cmd, env=ingest_env))
            archived = sum(1 for p in (data / "archive").rglob("*") if p.is_file())
            left = sum(1 for p in (data / "inbox").rglob("*") if p.is_file())
            shutil.rmtree(data)
    best = {k: min(rs, key=lambda r: r[0]) for k, rs in runs.items()}
    cpu_best = {k: min(r[2] for r in rs) for k, rs in runs.items()}
    print(f"\n{name} batch: {len(files)} letters")
    if args.repeat > 1:
        for k, rs in runs.items():
            print(f"  {k} runs: " + ", ".join(f"{r[0]:.1f} s / {r[2]:.1f} CPU s" for r in rs))
    floor_s, extract_s, ingest_s = (best[k][0] for k in ("floor", "extract", "ingest"))
    mib = 1024 * 1024
    print(f"{'':28} {'seconds':>8} {'x floor':>8} {'x extract':>9} {'CPU s':>7} {'x extract':>9} {'tree MiB':>9} "
          f"{'1 proc MiB':>10}")
    for label, key in (("floor (floor.py)", "floor"), (f"replyflow extract --jobs {jobs}", "extract"),
                       (f"replyflow ingest --jobs {jobs}", "ingest")):
        s, mem, _, _ = best[key]
        print(f"{label:28} {s:8.1f} {s / floor_s:8.2f} {s / extract_s:9.2f} {cpu_best[key]:7.1f} "
              f"{cpu_best[key] / cpu_best['extract']:9.2f} {mem[0] / mib:9.0f} {mem[1] / mib:10.0f}")
    print(f"ingest: {archived} archived, {left} left in the inbox")
    ingest_mem = best["ingest"][1]
    print(f"every process < 1 GiB: {'PASS' if ingest_mem[1] < 1024 * mib else 'FAIL'}; "
          f"whole ingest tree < 1 GiB: {'PASS' if ingest_mem[0] < 1024 * mib else 'FAIL'}")
    return ingest_s / extract_s, cpu_best["ingest"] / cpu_best["extract"]


def _same_fs(a: Path, b: Path) -> bool:
    return a.stat().st_dev == b.stat().st_dev


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--bench", type=Path, default=None,
                    help="Folder of letters (default: SHARED/bench), e.g. one made by SHARED/tools/make_bench.py.")
    ap.add_argument("--only", choices=("text", "scan"), default=None, help="Only this batch.")
    ap.add_argument("--limit", type=int, default=None, help="At most this many letters per batch.")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1, help="Run each N times, interleaved; report the fastest.")
    ap.add_argument("--fresh-prefect-home", action="store_true",
                    help="Also give Prefect an empty PREFECT_HOME (its own database is created and migrated too).")
    args = ap.parse_args()
    args.shared = args.shared.resolve()
    bench = (args.bench or args.shared / "bench").resolve()
    groups = {k: v[:args.limit] for k, v in batches_of(bench, args.only).items()}
    if not groups:
        sys.exit(f"no DOCX/PDF letters in {bench}")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REPLYFLOW_", "PREFECT_API_URL"))}
    print(f"{bench}: " + ", ".join(f"{len(v)} {k}" for k, v in groups.items())
          + f"; {args.jobs} processes, {os.cpu_count()} CPUs; each batch timed on its own", flush=True)
    load_before = f"{os.getloadavg()[0]:.1f}"
    ratios = {name: bench_batch(name, files, args, env) for name, files in groups.items()}
    print("\ntree MiB: peak PSS summed over the whole process tree; 1 proc MiB: peak RSS of its largest process")
    print(f"load average before/after: {load_before} / {os.getloadavg()[0]:.1f} (other work on the machine "
          "skews the wall times; CPU seconds are steadier)")
    if "text" in ratios:
        wall, cpu = ratios["text"]
        print(f"text batch: ingest <= 1.25 x extract: {'PASS' if wall <= 1.25 else 'FAIL'} ({wall:.2f} by wall "
              f"seconds, {cpu:.2f} by CPU seconds)")
    if "scan" in ratios:
        wall, cpu = ratios["scan"]
        print(f"scan batch: ingest <= 1.5 x extract: {'PASS' if wall <= 1.5 else 'FAIL'} ({wall:.2f} by wall "
              f"seconds, {cpu:.2f} by CPU seconds)")


if __name__ == "__main__":
    main()
