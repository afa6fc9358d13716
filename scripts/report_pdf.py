"""The summary report ("Báo cáo tổng hợp", Decree 30/2020/NĐ-CP on A4) rendered to PDF for the docs: the report the
review app downloads (pipeline/web/report.py), made from a store loaded with sample_docs/, converted by LibreOffice
and its first page drawn as PNG by pdftoppm. The app itself does not need LibreOffice: this is for the docs only.

    apt-get install libreoffice-writer-nogui poppler-utils      # once
    .venv/bin/python -m scripts.report_pdf                       # writes docs/report/bao_cao_tong_hop.{docx,pdf}
                                                                 # and docs/screenshots/report_page1.png
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.support.seed import seed

ROOT = Path(__file__).resolve().parents[1]
NAME = "bao_cao_tong_hop"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report")
    parser.add_argument("--png", type=Path, default=ROOT / "docs" / "screenshots" / "report_page1.png")
    args = parser.parse_args()
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        raise SystemExit("needs LibreOffice (soffice) and poppler-utils (pdftoppm): "
                         "apt-get install libreoffice-writer-nogui poppler-utils")

    from pipeline.store import open_store
    from pipeline.web.report import report_docx

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        url = f"sqlite:///{data_dir / 'replyflow.db'}"
        seed(data_dir, url)
        store = open_store(url)
        try:
            with store.session() as session:
                data = report_docx(session, author="canbo", scope="all")
        finally:
            store.dispose()
        docx = args.out / f"{NAME}.docx"
        docx.write_bytes(data)
        # a private LibreOffice profile: never the user's, and no clash with another conversion running
        profile = Path(tmp) / "lo-profile"
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(args.out), str(docx)], check=True, capture_output=True, timeout=180)
    pdf = args.out / f"{NAME}.pdf"
    args.png.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(args.png.with_suffix(""))], check=True, timeout=60)
    for path in (docx, pdf, args.png):
        print(path)


if __name__ == "__main__":
    main()
