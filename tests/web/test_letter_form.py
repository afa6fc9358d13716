"""One letter's form in chromium at 1366x768: flagged values marked on the form and on the original, reached with
the keyboard; Vietnamese numbers and dates; messages from the app, never the browser; approve and open the next."""
from __future__ import annotations

import re
import shutil

import pytest
from sqlalchemy import select

from pipeline.store.models import Document, ReviewFlag
from tests.support.live import CHROMIUM, browser, logged_in_page, serve

pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None and not __import__("os").path.exists(CHROMIUM),
                                reason="Debian's chromium is not installed (scripts/setup.sh installs it)")
SAO_VIET = 4          # cv_sao_viet_tong_sai.docx: needs_review (total_mismatch)
THEP = 5              # cv_thep_bien_xanh_dong_nam.pdf: extracted, in the spot-check bucket


@pytest.fixture
def live(app):
    with serve(app) as base:
        yield base


@pytest.fixture
def page(live):
    with browser() as b:
        pg = logged_in_page(b, live)
        yield pg
        pg.context.close()


def test_a_flagged_value_is_marked_on_the_form_and_the_original_and_reached_by_keyboard(page, live, app):
    # the machine read the second need of the steel letter with low confidence (as a poor scan would give)
    with app.state.store.session() as s:
        doc = s.get(Document, THEP)
        ext = dict(doc.extraction)
        ext["hiring_needs"] = [dict(n) for n in ext["hiring_needs"]]
        ext["hiring_needs"][1]["confidence"] = 0.41
        doc.extraction, doc.status = ext, "needs_review"
        s.add(ReviewFlag(document_id=THEP, field="hiring_needs", code="low_confidence",
                         message="1 số liệu đọc được với độ tin cậy thấp; đề nghị đối chiếu bản gốc."))
    page.goto(f"{live}/documents/{THEP}")
    page.wait_for_load_state("networkidle")
    flagged = page.locator("#values .flagged")
    assert flagged.count() == 1
    assert flagged.first.get_attribute("name") == "hiring_needs.1.quantity"
    assert "độ tin cậy thấp" in flagged.first.get_attribute("title")
    box = page.locator(".box.flagbox")
    assert box.count() == 1 and box.get_attribute("data-ref") == "hiring_needs-1"
    colours = box.evaluate("b => getComputedStyle(b).borderTopColor")
    plain = page.locator(".box:not(.flagbox)").first.evaluate("b => getComputedStyle(b).borderTopColor")
    assert colours != plain                                      # another colour than the other boxes
    # Alt+N goes to the flagged value and shows its box on the original
    page.locator("input[name='enterprise.name']").focus()
    page.keyboard.press("Alt+n")
    assert page.evaluate("document.activeElement.name") == "hiring_needs.1.quantity"
    assert page.locator(".box.hl.flagbox").count() == 1
    assert "Alt" in page.locator("#shortcuts").inner_text()     # the shortcuts are listed on the page
    page.click("#next-flag")                                       # the button does the same (and wraps around)
    assert page.evaluate("document.activeElement.name") == "hiring_needs.1.quantity"


def test_vietnamese_numbers_and_dates_and_the_apps_own_messages(page, live, app):
    page.goto(f"{live}/documents/{SAO_VIET}")
    quantity = page.locator("input[name='hiring_needs.0.quantity']")
    assert quantity.get_attribute("type") == "text" and quantity.get_attribute("inputmode") == "numeric"
    date = page.locator("input[name='letter.date']")
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", date.input_value())
    new_date = "05/04/2023" if date.input_value() != "05/04/2023" else "06/04/2023"
    quantity.fill("1.200")
    date.fill(new_date)
    page.click("#save")
    assert "Đã lưu 2 thay đổi" in page.locator(".msg.ok").inner_text()
    assert page.locator("input[name='hiring_needs.0.quantity']").input_value() == "1.200"
    assert page.locator("input[name='letter.date']").input_value() == new_date
    with app.state.store.session() as s:
        ext = s.get(Document, SAO_VIET).extraction
        assert ext["hiring_needs"][0]["quantity"] == 1200 and ext["letter"]["date"] == f"2023-04-{new_date[:2]}"
    # a bad e-mail and an emptied name: the app answers in Vietnamese (the browser never blocks the form)
    page.fill("input[name='enterprise.contact_email']", "khong-phai-email")
    page.fill("input[name='enterprise.name']", "")
    page.click("#save")
    assert "Thư điện tử không đúng dạng" in page.content()
    assert "Bắt buộc: tên doanh nghiệp" in page.content()
    assert page.locator("input[aria-invalid=true]").count() == 2


def test_approve_and_open_the_next_letter(page, live, app):
    page.goto(f"{live}/documents/{SAO_VIET}")
    page.click("#approve-next")
    page.wait_for_url(f"{live}/documents/{THEP}")
    assert "Đã duyệt văn bản #4" in page.locator(".msg.ok").inner_text()
    with app.state.store.session() as s:
        assert s.get(Document, SAO_VIET).status == "extracted"
        assert not s.scalars(select(ReviewFlag).where(ReviewFlag.document_id == SAO_VIET,
                                                      ReviewFlag.state == "open")).all()
    # Alt+Enter approves this one too; nothing left in the queue: back to it
    page.locator("input[name='enterprise.name']").focus()
    page.keyboard.press("Alt+Enter")
    page.wait_for_url(f"{live}/queue")
    assert "Hàng chờ không còn văn bản nào khác" in page.content()


def test_pages_are_light_jpeg_loaded_on_demand_and_zoomed(page, live):
    page.goto(f"{live}/documents/{THEP}")
    image = page.locator(".page img").first
    assert image.get_attribute("loading") == "lazy" and image.get_attribute("src").endswith("/pages/1.jpg")
    page.wait_for_function("() => document.querySelector('.page img').naturalWidth > 500")
    before = page.locator(".page").first.evaluate("p => p.getBoundingClientRect().width")
    box_before = page.locator(".box").first.evaluate("b => b.getBoundingClientRect().width")
    page.click("[data-zoom='1']")
    assert page.locator("#zoom-level").inner_text() == "150%"
    after = page.locator(".page").first.evaluate("p => p.getBoundingClientRect().width")
    box_after = page.locator(".box").first.evaluate("b => b.getBoundingClientRect().width")
    assert after > before * 1.4 and box_after > box_before * 1.4        # the boxes follow the zoom
    page.click("[data-zoom='-1']")
    assert page.locator("#zoom-level").inner_text() == "100%"
