"""Worker processes with time and memory limits, so that one hostile file can neither hang nor crash a batch.

Workers come from a fork server that has imported the extractors once (spaCy, pdfplumber), so starting or
replacing one is cheap. Each worker reads one file at a time, with the next one already waiting in its pipe
(QUEUE_DEPTH): a parent busy with other work (the intake loading results into the store, Prefect's client and
server in threads of the same process) answers late, and a worker that waited for it each time stood idle about
7 % of a run. The parent enforces a wall-clock deadline per file and replaces a worker that overruns it, dies (a
crash in a C library, the memory limit) or has handled many files (bounding any slow leak); files still queued
for a replaced worker go to another. Results come back in input order.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import os
import resource
import time
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path

DEFAULT_TIMEOUT = 90.0          # seconds per file; a 500-page PDF reads in well under this
# A file first gets a budget scaled with its size; the readers ask for more per page they start (extractors/
# progress.py), never beyond the limit above. A small file that hangs the parser on its first page is given up
# after START_SECONDS, not after the whole limit.
START_SECONDS = 20.0
SECONDS_PER_MB = 10.0
DEFAULT_MEMORY_MB = 1536        # address-space limit of a worker
FILES_PER_WORKER = 250          # replace a worker after this many files,
RECYCLE_RSS_MB = 300            # or once it has grown this large (page images of a scan): memory stays bounded
QUEUE_DEPTH = 2                 # files handed to a worker at once: the one it reads and the next

_CONTEXT = None


def _context():
    global _CONTEXT
    if _CONTEXT is None:
        _CONTEXT = mp.get_context("forkserver")
        _CONTEXT.set_forkserver_preload(["pipeline.runtime.preload"])
    return _CONTEXT


def start_fork_server() -> None:
    """Start the workers' fork server now, so that its preload (spaCy and the readers: seconds of one CPU) runs
    while the caller does other work (opening the store, hashing the inbox) instead of after it."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


def start_fork_server_for(folder: Path) -> None:
    """start_fork_server(), unless `folder` (an inbox) is empty or unreadable: a scheduled run with nothing to do
    starts no workers. Light to import, so that a command can call it before its own heavier imports."""
    try:
        with os.scandir(folder) as entries:
            if not any(True for _ in entries):
                return
    except OSError:
        return
    start_fork_server()


def _worker_main(conn: Connection, memory_mb: int, ocr_threads: int) -> None:
    limit = memory_mb * 1024 * 1024
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass
    # Parsers log every oddity of a broken file; the record's flags say what matters, stderr stays quiet.
    for noisy in ("pdfminer", "pdfplumber", "PIL", "docx"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    from extractors import progress
    from extractors.ocr import set_page_threads
    from pipeline.runtime.extract import extract_path, rejected
    from schemas import FlagCode

    set_page_threads(ocr_threads)

    def ask_for_time(seconds: float) -> None:
        try:
            conn.send(("allow", seconds))
        except (OSError, ValueError):
            pass

    progress.listen(ask_for_time)

    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        index, path_str, sha = job
        path = Path(path_str)
        try:
            conn.send(("begin",))      # the file's clock starts now, not while this worker was starting up
        except (OSError, ValueError):
            return
        started = time.monotonic()
        try:
            result = extract_path(path, sha256=sha).contract_json()
        except MemoryError:
            result = rejected(path, FlagCode.resource_limit, "Tệp cần quá nhiều bộ nhớ để đọc.", sha256=sha).contract_json()
        except BaseException as exc:  # noqa: BLE001 - a worker must always answer
            result = rejected(path, FlagCode.internal_error,
                              f"Lỗi không mong đợi khi đọc tệp ({type(exc).__name__}).", sha256=sha).contract_json()
        stats = {"seconds": round(time.monotonic() - started, 3),
                 "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
        try:
            conn.send((index, result, stats))
        except (OSError, ValueError):
            return


class _Job:
    __slots__ = ("index", "path", "budget")

    def __init__(self, index: int, path: Path, budget: float):
        self.index, self.path, self.budget = index, path, budget


class _Worker:
    def __init__(self, ctx, memory_mb: int, ocr_threads: int):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, memory_mb, ocr_threads), daemon=True)
        self.process.start()
        child.close()
        self.jobs: deque[_Job] = deque()   # handed over, not yet answered; the first is the one being read
        self.deadline = 0.0
        self.limit = 0.0              # the deadline no request for more time goes past
        self.timeout = 0.0            # the per-file limit, counted from the worker's "begin"
        self.handled = 0
        self.retiring = False         # takes no more files; replaced once it has answered those it holds

    @property
    def job(self) -> _Job | None:
        """The file the worker is reading (or about to begin), if any."""
        return self.jobs[0] if self.jobs else None

    def give(self, index: int, path: Path, sha: str | None, timeout: float, size: int = 0) -> None:
        self.conn.send((index, str(path), sha))
        self.jobs.append(_Job(index, path, START_SECONDS + SECONDS_PER_MB * size / (1024 * 1024)))
        self.timeout = timeout
        self.handled += 1
        if len(self.jobs) == 1:
            self._await_begin(time.monotonic())

    def _await_begin(self, now: float) -> None:
        # Until the worker says it has begun the file, it may still be starting up (a fresh fork server imports
        # spaCy and the readers: seconds on a loaded machine) or finishing the file before; that wait is ours, not
        # the file's, so the file's small starting budget counts from "begin". A worker that never begins is given
        # up after the limit.
        self.begin(now, budget=self.timeout)

    def begin(self, now: float, budget: float | None = None) -> None:
        """The current file's clocks start at `now`: its whole limit, and its starting budget within it."""
        self.limit = now + self.timeout
        self.deadline = min(self.limit, now + (self.jobs[0].budget if budget is None else budget))

    def allow(self, seconds: float) -> None:
        """The worker started work that may take `seconds` (a page): the deadline moves, within the limit."""
        self.deadline = min(self.limit, max(self.deadline, time.monotonic() + seconds))

    def answered(self) -> _Job:
        """The current file is done: the next one held (if any) is now awaited."""
        job = self.jobs.popleft()
        if self.jobs:
            self._await_begin(time.monotonic())
        return job

    def receive(self):  # noqa: ANN201
        """The worker's answer (index, result, stats) once it came, after the requests for time before it; None
        while there is none yet. Raises EOFError/OSError when the worker died."""
        while self.conn.poll():
            message = self.conn.recv()
            if isinstance(message, tuple) and message and message[0] == "allow":
                self.allow(message[1])
                continue
            if isinstance(message, tuple) and message == ("begin",):
                self.begin(time.monotonic())
                continue
            return message
        return None

    def stop(self, kill: bool = False) -> None:
        if kill and self.process.is_alive():
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


class IsolatedExtractor:
    def __init__(self, jobs: int = 1, timeout: float | None = None, memory_mb: int | None = None):
        self.jobs = max(1, int(jobs))
        self.timeout = timeout or DEFAULT_TIMEOUT
        self.memory_mb = memory_mb or DEFAULT_MEMORY_MB
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self._runs = 0                # run() calls so far
        #: per input index: {"seconds": ..., "max_rss_mb": ...} as measured by the worker (peak RSS of the
        #: worker process so far, so it bounds the memory this file needed)
        self.stats: dict[int, dict] = {}

    def __enter__(self) -> IsolatedExtractor:
        return self

    def __exit__(self, *exc) -> None:
        for worker in self.workers:
            worker.stop(kill=exc[0] is not None or bool(worker.jobs))   # a file still held: no waiting for it
        self.workers.clear()

    def _spawn(self) -> _Worker:
        worker = _Worker(self.ctx, self.memory_mb, max(1, (os.cpu_count() or 1) // self.jobs))
        self.workers.append(worker)
        return worker

    def _replace(self, worker: _Worker, kill: bool) -> None:
        self.workers.remove(worker)
        worker.stop(kill=kill)

    def _taker(self) -> _Worker | None:
        """The worker to hand the next file to: an idle one, else a new one while there are fewer than `jobs`,
        else one whose current file is the only one it holds; None when all are full."""
        open_ = [w for w in self.workers if not w.retiring]
        idle = next((w for w in open_ if not w.jobs), None)
        if idle is not None:
            return idle
        if len(self.workers) < self.jobs:
            return self._spawn()
        return next((w for w in open_ if len(w.jobs) < QUEUE_DEPTH and w.handled < FILES_PER_WORKER), None)

    def _give_back(self, worker: _Worker, pending: list[tuple[int, Path]]) -> None:
        """The files a replaced worker held beyond the one it was reading go to the others, first in line."""
        for job in reversed(list(worker.jobs)[1:]):
            pending.append((job.index, job.path))

    def run(self, paths: list[Path], progress: Callable[[int, int], None] | None = None) -> Iterator[tuple[Path, dict]]:
        from pipeline.runtime.extract import rejected, sha256_file
        from schemas import FlagCode

        self._runs += 1
        run = self._runs
        # Files still held from a run whose caller stopped reading it before its end (its generator not closed
        # yet): their answers must not reach this run.
        for worker in [w for w in self.workers if w.jobs]:
            self._replace(worker, kill=True)
        total = len(paths)
        pending = list(enumerate(paths))[::-1]
        results: dict[int, dict] = {}
        next_out = done = 0
        try:
            while next_out < total:
                # hand out work
                while pending and (taker := self._taker()) is not None:
                    index, path = pending.pop()
                    try:
                        sha = sha256_file(path)          # only regular files are read (a FIFO, /dev/zero: not)
                        size = path.stat().st_size
                    except OSError:
                        sha, size = None, 0
                    try:
                        taker.give(index, path, sha, self.timeout, size)
                    except (OSError, ValueError):   # the worker died: the file goes to another
                        pending.append((index, path))
                        if taker.jobs:
                            taker.retiring = True   # the loop below reports the file it died on
                        else:
                            self._replace(taker, kill=True)
                busy = [w for w in self.workers if w.jobs]
                if busy:
                    now = time.monotonic()
                    wait_for = max(0.0, min(w.deadline for w in busy) - now)
                    ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=wait_for)
                    for worker in busy:
                        job = worker.job
                        answer = None
                        died = False
                        if worker.conn in ready:
                            try:
                                answer = worker.receive()
                            except (EOFError, OSError):
                                died = True     # the worker died: its pipe closed without an answer
                        if answer is not None:
                            got_index, result, stats = answer
                            results[got_index] = result
                            self.stats[got_index] = stats
                            worker.answered()
                            done += 1
                            if worker.handled >= FILES_PER_WORKER or stats["max_rss_mb"] > RECYCLE_RSS_MB:
                                worker.retiring = True      # it finishes the file it may hold, then goes
                            if worker.retiring and not worker.jobs:
                                self._replace(worker, kill=False)
                        elif died or worker.process.sentinel in ready or not worker.process.is_alive():
                            results[job.index] = rejected(job.path, FlagCode.resource_limit,
                                                          "Tiến trình đọc tệp bị dừng (vượt giới hạn bộ nhớ hoặc lỗi thư viện).").contract_json()
                            done += 1
                            self._give_back(worker, pending)
                            self._replace(worker, kill=True)
                        elif time.monotonic() >= worker.deadline:
                            spent = time.monotonic() - (worker.limit - self.timeout)
                            results[job.index] = rejected(job.path, FlagCode.timeout,
                                                          f"Đọc tệp quá {spent:.0f} giây (thời gian cho phép theo cỡ tệp "
                                                          f"và số trang), đã dừng.").contract_json()
                            done += 1
                            self._give_back(worker, pending)
                            self._replace(worker, kill=True)
                    if progress:
                        progress(done, total)
                while next_out in results:
                    yield paths[next_out], results.pop(next_out)
                    next_out += 1
        finally:
            # Left early (the caller stopped reading): the workers still holding its files stop reading them. Not
            # once a later run has begun (a generator left unfinished may be closed late, by the garbage
            # collector): the files held then are that run's, and it replaced any left from this one at its start.
            if self._runs == run:
                for worker in [w for w in self.workers if w.jobs]:
                    self._replace(worker, kill=True)


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
