#!/usr/bin/env python3
"""OCR time per page: replyflow's OCR (clean-up, deskew, grid, tesseract calls) beside bare `tesseract` on the
same page images.

    .venv/bin/python scripts/bench_ocr.py FILE_OR_DIR [...] [--pages N] [--json]

Each PDF page (or image frame) is rendered once at the pipeline's resolution and saved as PNG; then, page by
page and one at a time (no parallelism on either side), `tesseract PAGE.png - -l vie --psm 3 tsv` is timed
against extractors.ocr.page.read_page on the same image. `bench_ocr(paths)` is the function for scripts/bench.py.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageSequence

from extractors.ocr import DPI
from extractors.ocr.engine import LANG, tesseract_path
from extractors.ocr.page import read_page


def page_images(path: Path, limit: int) -> list[tuple[str, Image.Image, int]]:
    out = []
    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium
        pdf = pdfium.PdfDocument(str(path))
        for i in range(min(len(pdf), limit)):
            out.append((f"{path.name}#{i + 1}", pdf[i].render(scale=DPI / 72).to_pil().convert("RGB"), DPI))
        pdf.close()
    else:
        with Image.open(path) as img:
            for i, frame in enumerate(ImageSequence.Iterator(img)):
                if i >= limit:
                    break
                dpi = int((frame.info.get("dpi") or (DPI, DPI))[0]) or DPI
                out.append((f"{path.name}#{i + 1}", frame.convert("RGB"), dpi))
    return out


def bench_ocr(paths: list[Path], *, pages_per_file: int = 3) -> dict:
    """{"pages": n, "ours_s": mean seconds per page, "bare_s": ..., "ratio": ours/bare, "rows": [...]}"""
    files: list[Path] = []
    for p in paths:
        files += sorted(x for x in p.iterdir() if x.suffix.lower() in (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")) \
            if p.is_dir() else [p]
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            for name, image, dpi in page_images(f, pages_per_file):
                png = Path(tmp) / "page.png"
                image.save(png, dpi=(dpi, dpi))
                t0 = time.perf_counter()
                subprocess.run([tesseract_path() or "tesseract", str(png), "-", "-l", LANG, "--psm", "3",
                                "--dpi", str(dpi), "tsv"], capture_output=True, env=env, check=True)
                bare = time.perf_counter() - t0
                t0 = time.perf_counter()
                read_page(Image.open(png), 1, dpi)
                ours = time.perf_counter() - t0
                rows.append({"page": name, "bare_s": round(bare, 3), "ours_s": round(ours, 3)})
    if not rows:
        return {"pages": 0, "rows": []}
    bare = statistics.mean(r["bare_s"] for r in rows)
    ours = statistics.mean(r["ours_s"] for r in rows)
    return {"pages": len(rows), "bare_s": round(bare, 3), "ours_s": round(ours, 3), "ratio": round(ours / bare, 2),
            "rows": rows}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--pages", type=int, default=3, help="pages per file (default 3)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = bench_ocr(args.paths, pages_per_file=args.pages)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for r in result["rows"]:
        print(f"{r['page']:<40} tesseract {r['bare_s']:6.2f}s   replyflow {r['ours_s']:6.2f}s")
    if result["pages"]:
        print(f"ocr per page: tesseract {result['bare_s']:.2f}s, replyflow {result['ours_s']:.2f}s, "
              f"ratio {result['ratio']:.2f} over {result['pages']} pages (dpi {DPI})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
