"""Intake runs in a child process (to be killed), and checks of where every file ended up."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

INGEST = "from pipeline.config import get_settings; from pipeline.intake import ingest; ingest(get_settings())"

#: As INGEST, but the files named in REPLYFLOW_TEST_TIMEOUT_NAMES come back from the workers as timed out.
INGEST_WITH_TIMEOUTS = """
import os, pipeline.runtime.extract as ex
real, names = ex.extract_files, set(os.environ["REPLYFLOW_TEST_TIMEOUT_NAMES"].split(","))
def flaky(paths, jobs=1, **kw):
    for path, result in real(paths, jobs=jobs, **kw):
        if path.name in names:
            result = {"source": result["source"], "status": "rejected",
                      "flags": [{"field": "source", "code": "timeout", "message": "Quá thời gian"}]}
        yield path, result
ex.extract_files = flaky
""" + INGEST


def env_for(data_dir: Path, db_url: str, **extra: str) -> dict:
    env = dict(os.environ, REPLYFLOW_DATA_DIR=str(data_dir), REPLYFLOW_DATABASE_URL=db_url, REPLYFLOW_JOBS="2",
               REPLYFLOW_SETTLE_SECONDS="0")
    env.pop("REPLYFLOW_CRASHPOINT", None)
    env.update(extra)
    return env


def start_ingest(data_dir: Path, db_url: str, **extra: str) -> subprocess.Popen:
    code = INGEST_WITH_TIMEOUTS if "REPLYFLOW_TEST_TIMEOUT_NAMES" in extra else INGEST
    return subprocess.Popen([sys.executable, "-c", code], env=env_for(data_dir, db_url, **extra),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def where_is_everything(data_dir: Path) -> dict[str, list[str]]:
    """sha256 -> the places (inbox / archive / quarantine) holding those bytes (temporary files ignored)."""
    places: dict[str, list[str]] = {}
    for area in ("inbox", "archive", "quarantine"):
        root = data_dir / area
        for p in sorted(root.rglob("*")) if root.exists() else []:
            if p.is_file() and not p.name.startswith(".") and not p.name.endswith(".reason.txt"):
                places.setdefault(sha(p), []).append(area)
    return places


def check_invariants(store, data_dir: Path, originals: dict[str, str]) -> None:
    """Every original in exactly one place, no duplicate rows, every stored document's original present."""
    from pipeline.store.models import Document

    places = where_is_everything(data_dir)
    assert set(places) == set(originals), "a file was lost or appeared"
    for digest, where in places.items():
        assert len(where) == 1, f"{originals[digest]} is in {where}"
    with store.session() as s:
        rows = s.execute(select(Document.sha256, Document.archive_path)).all()
        assert s.scalar(select(func.count(func.distinct(Document.sha256)))) == len(rows)
    for digest, rel in rows:
        assert places.get(digest) in (["archive"], ["inbox"]), originals.get(digest)
        if places[digest] == ["archive"]:
            assert (data_dir / rel).is_file() and sha(data_dir / rel) == digest
