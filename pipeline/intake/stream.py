"""Extraction running ahead of the loading: one pool of isolated workers for a whole run.

The stream starts extracting as soon as it is created (in a background thread feeding on
pipeline.runtime.extract.extract_files) and hands results out by path, so loading and moving can go on meanwhile in
whatever order and batches the caller likes; e.g. `replyflow ingest` starts it before Prefect's API is up.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pipeline.runtime.extract import extract_files

Extractor = Callable[..., Iterator[tuple[Path, dict]]]


class ExtractionStream:
    def __init__(self, paths: Iterable[Path], *, jobs: int, extractor: Extractor = extract_files):
        self.paths = [Path(p) for p in paths]
        self.jobs = jobs
        self._extractor = extractor
        self._results: dict[Path, dict] = {}
        self._pending = set(self.paths)
        self._cond = threading.Condition()
        self._error: BaseException | None = None
        self._stop = False
        self._done = not self.paths
        self._thread = threading.Thread(target=self._run, name="extraction-stream", daemon=True)
        if self.paths:
            self._thread.start()

    def _run(self) -> None:
        gen = self._extractor(self.paths, jobs=self.jobs)
        try:
            for path, result in gen:
                with self._cond:
                    self._results[Path(path)] = result
                    self._pending.discard(Path(path))
                    self._cond.notify_all()
                    if self._stop:
                        break
        except BaseException as exc:  # handed to the consumer, who decides
            self._error = exc
        finally:
            gen.close()
            with self._cond:
                self._done = True
                self._cond.notify_all()

    def results(self, paths: Iterable[Path]) -> Iterator[tuple[Path, dict]]:
        """(path, result) for `paths`, in order, as soon as each is ready; paths this stream was not started
        with are extracted on the spot."""
        paths = [Path(p) for p in paths]
        extra = [p for p in paths if p not in self._pending and p not in self._results]
        extra_results = dict(self._extractor(extra, jobs=min(self.jobs, len(extra)))) if extra else {}
        for path in paths:
            if path in extra_results:
                yield path, extra_results.pop(path)
                continue
            with self._cond:                               # never yield while holding the lock
                while path not in self._results and not self._done:
                    self._cond.wait()
                result = self._results.pop(path, None)
                if result is None and self._error is not None:
                    raise RuntimeError("extraction failed") from self._error
            yield path, result if result is not None else dict(self._extractor([path], jobs=1))[path]

    def close(self) -> None:
        """Stop extracting (the worker pool is shut down after the file at hand)."""
        with self._cond:
            self._stop = True
        if self._thread.is_alive():
            self._thread.join()

    def __enter__(self) -> ExtractionStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
