"""Screenshots of the review app for the README: the queue, a letter beside its values, the dashboard; and a
day's work on 300 letters at 1366x768 (letters page, queue, dashboard, drill-down, exports).

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


def logged_in_page(b, base: str, width: int, height: int):
    """A new page of the browser at that size, logged in as the seeded officer, on the queue."""
    page = b.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
    page.goto(f"{base}/login")
    page.fill("input[name=name]", "canbo")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/queue")
    return page


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
            page = logged_in_page(b, base, 1400, 900)
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
    for path in day_screenshots(args.out):
        print(path)


DAY_PAGES = {
    "day_letters.png": "/letters?q=cong+ty+dien+tu",
    "day_queue.png": "/queue?sort=name",
    "day_dashboard.png": "/dashboard",
    "day_drill.png": "/dashboard/drill?year=2024",
    "day_exports.png": "/exports",
}


def day_screenshots(out: Path) -> list[Path]:
    """A day's work at 1366x768 on a store of 300 letters (seeded records, tests/support/many.py): the letters page
    with a search typed without accents, the queue sorted, the dashboard and a drill-down with their totals."""
    from pipeline.config import get_settings
    from pipeline.store import open_store
    from pipeline.web import create_app
    from pipeline.web.security import add_user
    from tests.support.many import seed_many

    written = []
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        data_dir.mkdir()
        url = f"sqlite:///{data_dir / 'replyflow.db'}"
        store = open_store(url)
        seed_many(store, 300)
        with store.session() as session:
            add_user(session, "canbo", PASSWORD, "officer")
        store.dispose()
        app = create_app(get_settings(data_dir=data_dir, database_url=url), secret_key="screenshots")
        with serve(app) as base, browser() as b:
            page = logged_in_page(b, base, 1366, 768)
            for name, path in DAY_PAGES.items():
                page.goto(base + path)
                page.screenshot(path=str(out / name))
                written.append(out / name)
        app.state.store.dispose()
    return written


if __name__ == "__main__":
    main()
