"""Screenshots of the review app for the README: the queue, a letter beside its values, the dashboard; and a
day's work on 300 letters at 1366x768 (letters page, queue, dashboard, drill-down, exports); the letter's form at
1366x768 (rows deleted and added in one save, unsaved edits, proposals and channels, undo of a rejection, the audit
page, the users page).

Serves the app on a free loopback port against a temporary store loaded with sample_docs/, and drives Debian's
chromium with Playwright (no browser download):

    .venv/bin/python -m scripts.screenshots            # writes docs/screenshots/*.png
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from tests.support.live import browser, logged_in_page, serve
from tests.support.seed import PASSWORD, seed

ROOT = Path(__file__).resolve().parents[1]



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", choices=("all", "samples", "day", "forms"), default="all")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.only in ("all", "samples"):
        sample_screenshots(args.out)
    if args.only in ("all", "day"):
        for path in day_screenshots(args.out):
            print(path)
    if args.only in ("all", "forms"):
        for path in form_screenshots(args.out):
            print(path)


def _sample_app(tmp: str):  # noqa: ANN202
    from pipeline.config import get_settings
    from pipeline.web import create_app

    data_dir = Path(tmp) / "data"
    data_dir.mkdir()
    url = f"sqlite:///{data_dir / 'replyflow.db'}"
    seed(data_dir, url)
    return create_app(get_settings(data_dir=data_dir, database_url=url), secret_key="screenshots")


def sample_screenshots(out: Path) -> None:
    """The README's: the queue, a PDF and a DOCX letter beside their values, the dashboard (1400x900)."""
    with tempfile.TemporaryDirectory() as tmp:
        app = _sample_app(tmp)
        with serve(app) as base, browser() as b:
            page = logged_in_page(b, base, width=1400, height=900)
            page.screenshot(path=str(out / "queue.png"), full_page=True)
            pdf_row = page.locator("#queue tr[data-doc]", has_text=".pdf").first
            pdf_row.locator("a.btn").click()
            page.wait_for_load_state("networkidle")
            page.locator("tr[data-ref=hiring_needs-0] .pin").click()
            page.wait_for_timeout(600)
            page.screenshot(path=str(out / "letter.png"))
            page.goto(f"{base}/queue")
            page.locator("#queue tr[data-doc]", has_text=".docx").first.locator("a.btn").click()
            page.wait_for_load_state("networkidle")
            page.locator("tr[data-ref=hiring_needs-0] .pin").click()
            page.wait_for_timeout(600)
            page.screenshot(path=str(out / "letter_docx.png"))
            page.goto(f"{base}/dashboard")
            page.screenshot(path=str(out / "dashboard.png"), full_page=True)
        app.state.store.dispose()
    for name in ("queue", "letter", "letter_docx", "dashboard"):
        print(out / f"{name}.png")


def form_screenshots(out: Path) -> list[Path]:
    """The letter's form at 1366x768 on the sample letters: two needs rows ticked for deletion and two added (the
    unsaved edits marked and counted), proposals and channels editable with the shortcuts listed, the message
    offering to undo a rejection, a rejected letter with "Khôi phục", the audit page and the users page."""
    written = []

    def shot(page, name: str) -> None:  # noqa: ANN001
        page.screenshot(path=str(out / name))
        written.append(out / name)

    with tempfile.TemporaryDirectory() as tmp:
        app = _sample_app(tmp)
        with serve(app) as base, browser() as b:
            page = logged_in_page(b, base)
            page.goto(f"{base}/documents/1")
            for i in (2, 6):
                page.locator(f"input[name='hiring_needs.{i}.delete']").check()
            page.fill("input[name='hiring_needs.new.year']", "2025")
            page.fill("textarea[name='hiring_needs.new.position']", "Thợ hàn")
            page.fill("input[name='hiring_needs.new.quantity']", "15")
            page.click("#add-hiring_needs")
            page.keyboard.type("2025")
            page.fill("textarea[name='hiring_needs.new1.position']", "Lái xe nâng")
            page.select_option("select[name='hiring_needs.new1.qualification']", "elementary_vocational")
            page.fill("input[name='hiring_needs.new1.quantity']", "1.200")
            page.locator("tr[data-ref=hiring_needs-4]").scroll_into_view_if_needed()
            shot(page, "form_rows.png")
            page.fill("textarea[name='proposals.0.text']", "Đề nghị tổ chức hội chợ việc làm mỗi tháng")
            page.click("#add-proposals")
            page.keyboard.type("Hỗ trợ nhà ở cho công nhân")
            page.locator("#shortcuts").scroll_into_view_if_needed()
            shot(page, "form_proposals.png")
            page.click("#save")
            page.wait_for_load_state()
            page.locator("#corrections").scroll_into_view_if_needed()
            shot(page, "form_saved_history.png")
            page.goto(f"{base}/documents/4")
            page.on("dialog", lambda d: d.accept())
            page.fill("#reject input[name=reason]", "Gửi nhầm: trùng công văn đã nhận")
            page.click("#reject button[type=submit]")
            page.wait_for_url(f"{base}/queue")
            shot(page, "reject_undo.png")
            page.goto(f"{base}/documents/4")
            shot(page, "letter_rejected.png")
            page.context.close()
            admin = logged_in_page(b, base, "admin")
            admin.goto(f"{base}/audit")
            shot(admin, "audit.png")
            admin.goto(f"{base}/users")
            shot(admin, "users.png")
        app.state.store.dispose()
    return written


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
            page = logged_in_page(b, base)
            for name, path in DAY_PAGES.items():
                page.goto(base + path)
                page.screenshot(path=str(out / name))
                written.append(out / name)
        app.state.store.dispose()
    return written


if __name__ == "__main__":
    main()
