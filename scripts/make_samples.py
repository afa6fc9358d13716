#!/usr/bin/env python3
"""Render sample_docs/ from tests/support/samples.py and (with --golden) write each letter's expected JSON.

    .venv/bin/python -m scripts.make_samples --docs     # rebuild the documents (new bytes: commit on purpose)
    .venv/bin/python -m scripts.make_samples --golden   # rewrite NAME.expected.json from today's output

Expected files are regenerated on purpose only, then reviewed as a diff (git diff sample_docs/).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tests.support.letters import build_docx, build_pdf
from tests.support.samples import SAMPLES, golden_view

ROOT = Path(__file__).resolve().parents[1]

SAMPLE_DIR = ROOT / "sample_docs"


def _build_scan(path: Path, spec) -> None:  # noqa: ANN001
    """The letter printed, stamped, signed and scanned at 200 dpi: an image-only PDF, as many replies arrive."""
    import tempfile

    from tests.support.scans import save_pdf, scanned_pages

    with tempfile.TemporaryDirectory() as tmp:
        save_pdf(scanned_pages(spec, Path(tmp)), path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", action="store_true", help="rebuild the documents from tests/support/samples.py")
    ap.add_argument("--golden", action="store_true", help="rewrite the expected JSON beside each document")
    args = ap.parse_args()
    if not (args.docs or args.golden):
        ap.error("say what to regenerate: --docs, --golden or both")
    SAMPLE_DIR.mkdir(exist_ok=True)
    if args.docs:
        for name, (fmt, spec) in SAMPLES.items():
            path = SAMPLE_DIR / name
            if fmt == "scan":
                _build_scan(path, spec)
            else:
                (build_docx if fmt == "docx" else build_pdf)(path, spec)
            print(f"wrote {path.relative_to(ROOT)}")
        corrupt = SAMPLE_DIR / "hong_bi_cat_cut.pdf"
        corrupt.write_bytes((SAMPLE_DIR / "cv_thep_bien_xanh_dong_nam.pdf").read_bytes()[:700])
        print(f"wrote {corrupt.relative_to(ROOT)} (a truncated PDF)")
    if args.golden:
        from pipeline.runtime.extract import extract_path
        for path in sorted(SAMPLE_DIR.iterdir()):
            if path.suffix in (".pdf", ".docx"):
                result = golden_view(extract_path(path).contract_json())
                out = path.with_name(path.name + ".expected.json")
                out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
                print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
