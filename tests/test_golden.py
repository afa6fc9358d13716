"""Golden tests: every letter in sample_docs/ gives its expected JSON (`python -m scripts.make_samples --golden`)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.runtime.extract import extract_path
from tests.support.samples import golden_view

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (ROOT / "sample_docs").iterdir() if p.suffix in (".pdf", ".docx"))


def test_every_sample_has_an_expected_file():
    assert SAMPLES, "sample_docs/ is empty"
    for path in SAMPLES:
        assert path.with_name(path.name + ".expected.json").exists(), path.name


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_sample_matches_golden(path):
    expected = json.loads(path.with_name(path.name + ".expected.json").read_text(encoding="utf-8"))
    assert golden_view(extract_path(path).contract_json()) == expected


def test_samples_cover_each_status():
    statuses = {json.loads(p.with_name(p.name + ".expected.json").read_text())["status"] for p in SAMPLES}
    assert statuses == {"extracted", "needs_review", "rejected"}
