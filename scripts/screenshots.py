"""Screenshots of the review app for the README: the queue, a letter beside its values, the dashboard.

Serves the app on a free loopback port against a temporary store loaded with sample_docs/, and drives Debian's
chromium with Playwright (no browser download):

    .venv/bin/python -m scripts.screenshots            # writes docs/screenshots/*.png
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from tests.support.live import browser, serve
from tests.support.seed import PASSWORD, seed

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from pipeline.config import get_settings
    from pipeline.web import create_app

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        url = f"sqlite:///{data_dir / 'replyflow.db'}"
        seed(data_dir, url)
        app = create_app(get_settings(data_dir=data_dir, database_url=url), secret_key="screenshots")
        with serve(app) as base, browser() as b:
            page = b.new_page(viewport={"width": 1400, "height": 900}, device_scale_factor=1)
            page.goto(f"{base}/login")
            page.fill("input[name=name]", "canbo")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/queue")
            page.screenshot(path=str(args.out / "queue.png"), full_page=True)
            pdf_row = page.locator("#queue tr[data-doc]", has_text=".pdf").first
            pdf_row.locator("a.btn").click()
            page.wait_for_load_state("networkidle")
            page.locator("tr[data-ref=hiring_needs-0] .pin").click()
            page.wait_for_timeout(600)
            page.screenshot(path=str(args.out / "letter.png"))
            page.goto(f"{base}/queue")
            page.locator("#queue tr[data-doc]", has_text=".docx").first.locator("a.btn").click()
            page.wait_for_load_state("networkidle")
            page.locator("tr[data-ref=hiring_needs-0] .pin").click()
            page.wait_for_timeout(600)
            page.screenshot(path=str(args.out / "letter_docx.png"))
            page.goto(f"{base}/dashboard")
            page.screenshot(path=str(args.out / "dashboard.png"), full_page=True)
        app.state.store.dispose()
    for name in ("queue", "letter", "letter_docx", "dashboard"):
        print(args.out / f"{name}.png")


if __name__ == "__main__":
    main()
