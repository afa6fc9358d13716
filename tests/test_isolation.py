"""Worker processes: a file that overruns its time or kills its worker is rejected, the batch goes on."""
from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

from pipeline.runtime.isolation import IsolatedExtractor
from pipeline.runtime.isolation import _worker_main as _real_worker_main

SAMPLES = Path(__file__).resolve().parents[1] / "sample_docs"


def test_results_in_input_order_with_several_workers():
    files = sorted(SAMPLES.glob("*.docx")) * 3
    with IsolatedExtractor(jobs=2) as pool:
        out = list(pool.run(files))
    assert [p for p, _ in out] == files
    assert [r["source"]["file_name"] for _, r in out] == [p.name for p in files]


def test_overrunning_file_is_rejected_and_the_batch_continues():
    files = [SAMPLES / "cv_thep_bien_xanh_dong_nam.pdf", SAMPLES / "cv_an_phat_cot_nam.docx"]
    with IsolatedExtractor(jobs=1, timeout=0.001) as pool:
        out = [r for _, r in pool.run(files)]
    assert [r["status"] for r in out] == ["rejected", "rejected"]
    assert {r["flags"][0]["code"] for r in out} == {"timeout"}


def _long_pdf(path: Path, pages: int) -> Path:
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(path))
    for n in range(pages):
        for line in range(50):
            c.drawString(40, 800 - line * 15, f"Trang {n} dong {line} " + "chu " * 15)
        c.showPage()
    c.save()
    return path


def test_worker_killed_mid_file_is_reported_and_replaced(tmp_path):
    long_pdf = _long_pdf(tmp_path / "long.pdf", 300)
    files = [long_pdf, SAMPLES / "cv_an_phat_cot_nam.docx"]
    with IsolatedExtractor(jobs=1) as pool:
        def kill_busy_worker() -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                busy = [w for w in list(pool.workers) if w.job is not None]
                if busy:
                    time.sleep(0.5)     # let it start parsing
                    os.kill(busy[0].process.pid, signal.SIGKILL)
                    return
                time.sleep(0.01)
        killer = threading.Thread(target=kill_busy_worker)
        killer.start()
        out = [r for _, r in pool.run(files)]
        killer.join()
    assert out[0]["status"] == "rejected" and out[0]["flags"][0]["code"] == "resource_limit"
    assert out[1]["status"] == "extracted"


def test_memory_limit_turns_into_a_rejection_not_a_crash():
    files = [SAMPLES / "cv_an_phat_cot_nam.docx"] * 2
    with IsolatedExtractor(jobs=1, memory_mb=40) as pool:
        out = [r for _, r in pool.run(files)]
    assert [r["status"] for r in out] == ["rejected", "rejected"]
    assert all(r["flags"][0]["message"] for r in out)


def _slow_starting_worker(conn, memory_mb, ocr_threads):  # noqa: ANN001
    """A worker as a fresh fork server gives it on a loaded machine: libraries loaded, then seconds late."""
    import pipeline.runtime.preload  # noqa: F401  (what the fork server loads before any worker exists)

    time.sleep(4)
    _real_worker_main(conn, memory_mb, ocr_threads)


def test_a_workers_start_up_is_not_counted_against_the_files_budget(monkeypatch):
    # A genuine letter once came out "rejected: timeout" under load: its small starting budget had run out while
    # the new worker was still starting. The budget must count from the moment the worker begins the file.
    import multiprocessing as mp

    from pipeline.runtime import isolation

    monkeypatch.setattr(isolation, "START_SECONDS", 3.0)
    monkeypatch.setattr(isolation, "_worker_main", _slow_starting_worker)
    letter = SAMPLES / "cv_an_phat_cot_nam.docx"
    with IsolatedExtractor(jobs=1) as pool:
        pool.ctx = mp.get_context("fork")      # the patched worker runs in the child as it is
        started = time.monotonic()
        [(_, result)] = list(pool.run([letter]))
    assert time.monotonic() - started > 4          # the worker did start late
    assert result["status"] != "rejected", result["flags"]
    assert result["enterprise"]["name"]


def test_a_worker_that_never_begins_is_given_up_after_the_limit(monkeypatch):
    import multiprocessing as mp

    from pipeline.runtime import isolation

    def never_begins(conn, memory_mb, ocr_threads):  # noqa: ANN001
        time.sleep(60)

    monkeypatch.setattr(isolation, "_worker_main", never_begins)
    with IsolatedExtractor(jobs=1, timeout=2) as pool:
        pool.ctx = mp.get_context("fork")
        started = time.monotonic()
        [(_, result)] = list(pool.run([SAMPLES / "cv_an_phat_cot_nam.docx"]))
    assert 2 <= time.monotonic() - started < 20
    assert result["status"] == "rejected" and result["flags"][0]["code"] == "timeout"


def test_a_recycled_worker_answers_the_files_it_holds_before_it_goes(monkeypatch):
    # Each worker holds the next file while reading one (QUEUE_DEPTH); one due for replacement must not take a
    # file it would never read, nor be stopped with one still in its pipe.
    from pipeline.runtime import isolation

    monkeypatch.setattr(isolation, "FILES_PER_WORKER", 2)
    files = sorted(SAMPLES.glob("*.docx"))[:2] * 3
    spawned = []
    with IsolatedExtractor(jobs=1) as pool:
        real_spawn = pool._spawn
        monkeypatch.setattr(pool, "_spawn", lambda: spawned.append(1) or real_spawn())
        out = list(pool.run(files))
    assert [r["source"]["file_name"] for _, r in out] == [p.name for p in files]
    assert {r["status"] for _, r in out} <= {"extracted", "needs_review"}
    assert len(spawned) == 3


def test_a_run_left_early_does_not_hand_its_files_to_the_next_run():
    # A pool serves several runs (one per claimed batch, pipeline/intake/shares.py): a worker still holding a
    # file of a run its caller stopped reading would answer it to the next run.
    first, second = sorted(SAMPLES.glob("*.docx"))[:2]
    with IsolatedExtractor(jobs=1) as pool:
        run = pool.run([first, first, first])
        next(run)
        run.close()
        assert all(not w.jobs for w in pool.workers)
        out = list(pool.run([second]))
    assert [r["source"]["file_name"] for _, r in out] == [second.name]


def test_a_run_closed_late_leaves_a_later_runs_files_alone():
    # A generator left at its last result is closed when the garbage collector gets to it, perhaps while the
    # pool is reading the next run's files: closing it must not stop the workers holding those.
    a, b = sorted(SAMPLES.glob("*.docx"))[:2]
    with IsolatedExtractor(jobs=2) as pool:
        first = pool.run([a, a])
        [next(first), next(first)]                 # all read; the generator is still open
        second = pool.run([b, b, b, b])
        next(second)
        held = [w for w in pool.workers if w.jobs]
        first.close()
        assert held and all(w in pool.workers for w in held)
        rest = list(second)
    assert [r["source"]["file_name"] for _, r in rest] == [b.name] * 3
