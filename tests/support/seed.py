"""A data directory and store for the review app's tests and screenshots: the letters of sample_docs/ extracted
(pipeline.runtime.extract.extract_path), archived like the intake does and loaded with the store's load_document."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_docs"
PASSWORD = "mat-khau-thu-nghiem"
_cache: dict[str, dict] = {}


def extract_samples() -> list[tuple[Path, dict]]:
    """(path, contract JSON) for every sample letter, extracted once per test session."""
    from pipeline.runtime.extract import extract_path

    out = []
    for path in sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in (".pdf", ".docx")):
        if path.name not in _cache:
            _cache[path.name] = json.loads(json.dumps(extract_path(path).contract_json()))
        out.append((path, json.loads(json.dumps(_cache[path.name]))))
    return out


def seed(data_dir: Path, database_url: str, *, users: dict[str, str] | None = None) -> None:
    """Archive and load the sample letters (received a day apart, oldest first) and add the accounts."""
    from pipeline.runtime.extract import EXTRACTOR_VERSION
    from pipeline.store import open_store
    from pipeline.store.load import SourceInfo, load_document
    from pipeline.web.security import add_user

    store = open_store(database_url)
    start = dt.datetime(2023, 4, 1, 8, 0, tzinfo=dt.timezone.utc)
    try:
        for n, (path, result) in enumerate(extract_samples()):
            sha = result["source"]["sha256"]
            rel = f"archive/2023/04/{sha}_{path.name}"
            (data_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, data_dir / rel)
            with store.session() as session:
                load_document(session, result, source=SourceInfo(kind="folder", path=str(path),
                                                                 received_at=start + dt.timedelta(days=n)),
                              extractor_version=EXTRACTOR_VERSION, archive_path=rel)
        with store.session() as session:
            for name, role in (users or {"admin": "admin", "canbo": "officer"}).items():
                add_user(session, name, PASSWORD, role)
    finally:
        store.dispose()
