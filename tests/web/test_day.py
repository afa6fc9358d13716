"""A day's work on a store of 300+ letters, in chromium at 1366x768: totals that agree with their drill-downs,
the letters page (search without accents, filters, sorting, pages), the queue paged, locks on the first edit.
The store is seeded directly with records (tests/support/many.py), not extracted from files."""
from __future__ import annotations

import re
import shutil

import pytest
from sqlalchemy import func, select

from extractors.text.normalize import fold
from tests.support.live import CHROMIUM, browser, logged_in_page, serve
from tests.support.many import enterprise_name, seed_many
from tests.support.seed import PASSWORD

pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None and not __import__("os").path.exists(CHROMIUM),
                                reason="Debian's chromium is not installed (scripts/setup.sh installs it)")
LETTERS = 300


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """Settings of a store with 300 letters (and rejected letters, quarantined files), two officers, an admin."""
    from pipeline.config import get_settings
    from pipeline.store import open_store
    from pipeline.web.security import add_user

    data_dir = tmp_path_factory.mktemp("day") / "data"
    data_dir.mkdir()
    url = f"sqlite:///{data_dir / 'replyflow.db'}"
    store = open_store(url)
    seed_many(store, LETTERS)
    with store.session() as session:
        for name, role in (("canbo", "officer"), ("lan", "officer"), ("admin", "admin")):
            add_user(session, name, PASSWORD, role)
    store.dispose()
    return get_settings(data_dir=data_dir, database_url=url)


@pytest.fixture(scope="module")
def live(big):
    from pipeline.web import create_app

    app = create_app(big, secret_key="day")
    with serve(app) as base:
        yield base, app
    app.state.store.dispose()


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def test_every_drill_down_lists_all_its_rows_and_totals_its_headline(live, chromium):
    base, app = live
    page = logged_in_page(chromium, base)
    page.goto(f"{base}/dashboard")
    headline = _number(page.locator("#total-needs").inner_text())
    assert "chưa được duyệt" in page.locator("#unreviewed-note").inner_text()
    page.click("text=xem chi tiết")
    page.wait_for_url(re.compile(r"/dashboard/drill"))
    assert _number(page.locator("#drill-total").inner_text()) == headline
    count = _number(page.locator("#drill-count").inner_text())
    assert count > 100                                             # more rows than one page: paged, all counted
    listed = 0
    while True:
        listed += page.locator("#drill tbody tr").count()
        following = page.locator("#next-page")
        if following.count() == 0:
            break
        following.click()
        page.wait_for_load_state()
        assert _number(page.locator("#drill-total").inner_text()) == headline
    assert listed == count

    # every bar of every needs chart drills down to its own figure
    for chart in ("chart-year", "chart-zone", "chart-qualification", "chart-position"):
        page.goto(f"{base}/dashboard")
        bars = page.locator(f"#{chart} a")
        expected = [(bars.nth(i).get_attribute("href"), int(bars.nth(i).get_attribute("data-value")))
                    for i in range(min(bars.count(), 4))]
        for href, value in expected:
            page.goto(base + href)
            assert int(page.locator("#drill-total").get_attribute("data-value")) == value, href

    # the same under "approved only": smaller, and it says the unreviewed letters are left out
    page.goto(f"{base}/dashboard")
    page.click("#scope a")
    page.wait_for_url(re.compile(r"scope=approved"))
    approved = _number(page.locator("#total-needs").inner_text())
    assert approved < headline and "không được tính" in page.locator("#unreviewed-note").inner_text()
    page.click("text=xem chi tiết")
    assert _number(page.locator("#drill-total").inner_text()) == approved
    page.context.close()


def test_the_letters_page_finds_a_letter_by_a_name_typed_without_accents(live, chromium):
    base, app = live
    page = logged_in_page(chromium, base)
    page.click("header nav a:text-is('Văn bản')")
    page.wait_for_url(f"{base}/letters")
    heading = page.locator("h1").inner_text()
    assert f"/ {LETTERS + 5 + 3}" in heading.replace(".", "")   # letters, rejected ones and quarantined files
    name = enterprise_name(41)                                     # "Công ty TNHH MTV Điện tử Đông Á 042"
    typed = "cong ty tnhh mtv dien tu dong a 042"
    assert name.lower() != typed and fold(name) == typed
    page.fill("#search", typed)
    page.press("#search", "Enter")
    page.wait_for_url(re.compile(r"q=cong"))
    rows = page.locator("#letters tbody tr")
    assert rows.count() >= 1 and all(name in rows.nth(i).inner_text() for i in range(rows.count()))
    title = rows.first.locator("a.title").inner_text()
    assert re.match(r"Công văn số \S+ ngày \d\d/\d\d/\d{4} – " + re.escape(name), title)
    # by tax code and by file name
    with app.state.store.session() as s:
        from pipeline.store.models import Document
        doc = s.scalars(select(Document).where(Document.file_name.like("cv_0042_%"))).one()
        tax = doc.extraction["enterprise"]["tax_code"]
    page.fill("#search", tax)
    page.press("#search", "Enter")
    page.wait_for_load_state()
    assert name in page.locator("#letters tbody").inner_text()
    page.fill("#search", "cv_0042")
    page.press("#search", "Enter")
    page.wait_for_load_state()
    assert page.locator("#letters tbody tr").count() == 1

    # rejected letters and quarantined files are there, filtered by status
    page.goto(f"{base}/letters?status=rejected")
    assert page.locator("#letters tbody tr").count() == 5 and "giay_moi_001.pdf" in page.content()
    page.goto(f"{base}/letters?status=quarantined")
    assert page.locator("#letters tbody tr[data-quarantine]").count() == 3
    assert "Tệp PDF bị hỏng" in page.locator("#letters").inner_text()


def test_letters_and_queue_are_sorted_and_paged(live, chromium):
    base, app = live
    page = logged_in_page(chromium, base)
    # the queue: 50 a page, oldest first; sorted by enterprise name on a click
    total = _number(page.locator("h1 .muted").inner_text().split("/")[0])
    assert total > 50 and page.locator("#queue tbody tr").count() == 50
    first_ids = [int(x) for x in page.locator("#queue tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.doc)")]
    assert first_ids == sorted(first_ids)                        # received in the order they were loaded
    page.click("#next-page")
    page.wait_for_url(re.compile(r"page=2"))
    assert page.locator("#queue tbody tr").count() == min(50, total - 50)
    page.click("#queue th a[data-sort=name]")
    page.wait_for_url(re.compile(r"sort=name"))
    names = page.locator("#queue tbody tr a.title").all_inner_texts()
    keys = [fold(n.split(" – ", 1)[1]) for n in names]
    assert keys == sorted(keys)
    # the letters page: filtered by zone and flag, sorted by letter date, newest first
    page.goto(f"{base}/letters?zone=KCN Nomura&flag=low_confidence&sort=date&desc=1")
    rows = page.locator("#letters tbody tr")
    assert rows.count() >= 1
    assert all("KCN Nomura" in t and "Độ tin cậy thấp" in t for t in rows.all_inner_texts())
    dates = [re.search(r"\d\d/\d\d/\d{4}", t).group(0) for t in rows.all_inner_texts()]
    assert dates == sorted(dates, key=lambda d: d[6:] + d[3:5] + d[:2], reverse=True)


def test_opening_a_letter_does_not_lock_it_the_first_edit_does(live, chromium):
    from pipeline.store.web_models import DocumentLock

    base, app = live
    canbo = logged_in_page(chromium, base, "canbo")
    lan = logged_in_page(chromium, base, "lan")
    doc_id = int(canbo.locator("#queue tbody tr").nth(3).get_attribute("data-doc"))
    canbo.goto(f"{base}/documents/{doc_id}")
    assert canbo.locator("#claim").is_visible()
    with app.state.store.session() as s:
        assert s.get(DocumentLock, doc_id) is None
    lan.goto(f"{base}/queue?page=1")
    assert lan.locator(f"#queue tr[data-doc='{doc_id}'] .lock").count() == 0
    # the first keystroke takes the lock; the page says until when
    field = canbo.locator("input[name='enterprise.contact_name']")
    field.fill("Trần Thị Bình")
    canbo.wait_for_selector("#lockinfo:has-text('Bạn đang giữ')")
    with app.state.store.session() as s:
        assert s.get(DocumentLock, doc_id).user_name == "canbo"
    # lan sees who holds it and until when, in the queue and on the letter, and can still open it to read
    lan.goto(f"{base}/queue")
    lock = lan.locator(f"#queue tr[data-doc='{doc_id}'] .lock")
    assert re.search(r"canbo đang xử lý \(đến \d\d/\d\d/\d{4} \d\d:\d\d\)", lock.inner_text())
    lan.locator(f"#queue tr[data-doc='{doc_id}'] a.btn").click()
    assert "canbo đang xử lý văn bản này" in lan.locator("#locked").inner_text()
    assert lan.locator("#approve").count() == 0
    # "Trả lại hàng chờ" releases it (the edit was never saved: the page asks first)
    asked = []
    canbo.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    canbo.click("button[value=release]")
    canbo.wait_for_url(f"{base}/queue")
    assert "1 thay đổi chưa lưu" in asked[0]
    with app.state.store.session() as s:
        assert s.scalar(select(func.count()).select_from(DocumentLock)) == 0
    canbo.context.close()
    lan.context.close()


def test_the_queue_pages_follow_the_stores_one_queue_rule(live):
    """The queue page's light rows and the store's review queue (what `replyflow status --queue` lists) name the
    same letters."""
    from pipeline.store.queries import review_queue
    from pipeline.web import letters

    base, app = live
    share = app.state.settings.review_spot_check_share
    with app.state.store.session() as s:
        light = {r.id for r in letters.queue(s, spot_share=share)}
        assert light == {e.document.id for e in review_queue(s, spot_share=share)}
        assert letters.queue_size(s, spot_share=share) == len(light)
