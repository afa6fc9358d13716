"""End to end in a real browser: Debian's chromium driven by Playwright against the app served by uvicorn on a
free loopback port, over a SQLite store loaded with the sample letters."""
from __future__ import annotations

import io
import re
import shutil

import pytest

from tests.support.live import CHROMIUM, browser, serve
from tests.support.seed import PASSWORD

pytestmark = pytest.mark.skipif(shutil.which(CHROMIUM) is None and not __import__("os").path.exists(CHROMIUM),
                                reason="Debian's chromium is not installed (scripts/setup.sh installs it)")


@pytest.fixture
def live(app):
    with serve(app) as base:
        yield base


@pytest.fixture
def page(live):
    with browser() as b:
        context = b.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
        pg = context.new_page()
        pg.set_default_timeout(20_000)
        yield pg
        context.close()


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def test_officer_corrects_a_quantity_approves_and_exports(page, live, app):
    # sign in (the first page asked for leads to the login page and back)
    page.goto(f"{live}/dashboard")
    assert page.url.startswith(f"{live}/login")
    page.fill("input[name=name]", "canbo")
    page.fill("input[name=password]", "sai-mat-khau")
    page.click("button[type=submit]")
    assert "không đúng" in page.locator("[role=alert]").inner_text()
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live}/dashboard")
    total_before = _number(page.locator("#total-needs").inner_text())

    # the queue: the flagged letter, its flag in plain Vietnamese
    page.click("text=Hàng chờ duyệt")
    row = page.locator("#queue tr[data-doc]", has_text="cv_sao_viet_tong_sai.docx")
    assert "Tổng cộng không khớp với các dòng" in row.inner_text()
    row.locator("a", has_text="Mở").click()
    page.wait_for_url(re.compile(r"/documents/\d+$"))

    # the letter beside its values: the source row is marked when the value is focused
    assert page.locator(".docx table tr.src").count() >= 2
    quantity = page.locator('input[name="hiring_needs.0.quantity"]')
    assert quantity.input_value() == "200"
    quantity.focus()
    assert page.locator(".docx tr.hl").inner_text().startswith("1")
    quantity.fill("210")
    page.click("button[value=save]")
    assert "Đã lưu 1 thay đổi" in page.locator(".msg.ok").inner_text()
    corrections = page.locator("#corrections").inner_text()
    assert "Nhu cầu dòng 1 – Số lượng: 200 → 210" in corrections

    # approve: back to the queue, the letter is gone from it
    page.click("#approve")
    page.wait_for_url(f"{live}/queue")
    assert "Đã duyệt" in page.locator(".msg.ok").inner_text()
    assert page.locator("#queue tr[data-doc]", has_text="cv_sao_viet_tong_sai.docx").count() == 0

    # the dashboard total moved by the correction, and the figure drills down to the corrected letter
    page.click("text=Tổng hợp")
    assert _number(page.locator("#total-needs").inner_text()) == total_before + 10
    page.locator("#chart-zone a", has_text="KCN Đồ Sơn").click()
    page.wait_for_url(re.compile(r"/dashboard/drill\?zone="))
    assert "cv_sao_viet_tong_sai.docx" in page.locator("#drill").inner_text()
    assert "210" in page.locator("#drill").inner_text()

    # downloads: the Excel workbook and the DOCX report
    page.click("text=Xuất báo cáo")
    with page.expect_download() as info:
        page.click("#export-xlsx")
    xlsx = info.value
    assert xlsx.suggested_filename.endswith(".xlsx")
    from openpyxl import load_workbook
    wb = load_workbook(io.BytesIO(open(xlsx.path(), "rb").read()))
    rows = list(wb["Nhu cầu tuyển dụng"].iter_rows(values_only=True))
    header = rows[0]
    qty = header.index("Số lượng")
    sao = [r for r in rows[1:] if r[1] == "cv_sao_viet_tong_sai.docx"]
    assert sao and sao[0][qty] == 210 and sao[0][4] == "Công ty TNHH Điện tử Sao Việt"
    assert sum(r[qty] for r in rows[1:] if r[header.index("Tính vào tổng hợp")] == "Có") == total_before + 10
    assert {"Tiêu chuẩn", "Hợp tác đào tạo", "Kiến nghị"} <= set(wb.sheetnames)

    with page.expect_download() as info:
        page.click("#export-docx")
    report = info.value
    assert report.suggested_filename.endswith(".docx")
    from docx import Document as Docx
    doc = Docx(io.BytesIO(open(report.path(), "rb").read()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text and "Tổng hợp nhu cầu tuyển dụng và liên kết đào tạo" in text
    assert f"{total_before + 10:,}".replace(",", ".") in text
    by_zone = next(t for t in doc.tables if t.rows[0].cells[0].text == "Khu")
    cells = [[c.text for c in r.cells] for r in by_zone.rows]
    assert cells[0][0] == "Khu" and "2023" in cells[0]
    do_son = next(r for r in cells if r[0] == "KCN Đồ Sơn")
    assert do_son[cells[0].index("2023")] == "230"            # 210 + 20 after the correction

    # sign out: pages need signing in again
    page.click("header button[type=submit]")
    page.wait_for_url(re.compile(r"/login"))
    page.goto(f"{live}/queue")
    assert page.url.startswith(f"{live}/login")


def test_pdf_pages_show_where_values_were_read(page, live):
    page.goto(f"{live}/login")
    page.fill("input[name=name]", "canbo")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live}/queue")
    page.locator("#queue tr[data-doc]", has_text=".pdf").first.locator("a", has_text="Mở").click()
    page.wait_for_load_state("networkidle")
    image = page.locator(".page img").first
    assert image.evaluate("img => img.complete && img.naturalWidth > 500")
    assert page.locator(".box").count() >= 3
    page.locator("tr[data-ref=hiring_needs-0] .pin").click()
    assert page.locator(".box.hl").count() == 1
    # the letter's date and the tax code show where they were read too
    for ref in ("letter-date", "enterprise-tax_code"):
        page.locator(f"#values [data-ref={ref}]").hover()
        box = page.locator(f".box.hl[data-ref={ref}]")
        assert box.count() == 1 and box.evaluate("b => b.offsetWidth > 20 && b.offsetHeight > 5")


def test_an_officer_does_not_see_admin_pages_in_the_browser(page, live):
    page.goto(f"{live}/login")
    page.fill("input[name=name]", "canbo")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live}/queue")
    assert page.locator("header nav a", has_text="Người dùng").count() == 0
    response = page.goto(f"{live}/users")
    assert response.status == 403 and "Không có quyền" in page.content()
