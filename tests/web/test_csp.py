"""The Content-Security-Policy without 'unsafe-inline': each response carries a fresh nonce, every <script> and
<style> of the app's pages carries it, no page has an inline event handler or a style attribute (the policy would
block them), and in chromium the pages' scripts still run with no violation reported."""
from __future__ import annotations

import re
import shutil

import pytest

from tests.support.live import CHROMIUM, browser, serve
from tests.support.seed import PASSWORD
from tests.support.webclient import sign_in

PAGES = ("/queue", "/letters", "/dashboard", "/dashboard/drill?year=2023", "/register", "/exports", "/users",
         "/audit", "/documents/1", "/documents/4", "/documents/5", "/enterprises/1", "/documents/999999")
_ELEMENT = re.compile(r"<(script|style)\b([^>]*)>", re.I)


def _nonce(policy: str, directive: str) -> str:
    part = next(p.strip() for p in policy.split(";") if p.strip().startswith(directive + " "))
    assert "'unsafe-inline'" not in part and "'unsafe-eval'" not in part, part
    return re.search(r"'nonce-([A-Za-z0-9_-]{16,})'", part).group(1)


def _check(resp) -> str:  # noqa: ANN001
    policy = resp.headers["content-security-policy"]
    assert "unsafe-inline" not in policy
    nonce = _nonce(policy, "script-src")
    assert _nonce(policy, "style-src") == nonce
    html = resp.text
    for kind, attrs in _ELEMENT.findall(html):
        assert f'nonce="{nonce}"' in attrs, (kind, attrs)
    assert not re.search(r"\sstyle=\"", html), "a style attribute (blocked by the policy)"
    assert not re.search(r"<[^>]+\son[a-z]+=", html), "an inline event handler (blocked by the policy)"
    return nonce


def test_every_page_has_a_policy_without_unsafe_inline_and_a_fresh_nonce(client):
    login = client.get("/login")
    first = _check(login)
    assert _check(client.get("/login")) != first                  # a new nonce for every response
    assert sign_in(client, "admin").status_code == 303
    for path in PAGES:
        resp = client.get(path)
        assert resp.status_code in (200, 404), path
        _check(resp)
    # responses that are no page carry the policy too
    for path in ("/documents/1/original", "/exports/items.xlsx", "/documents/1/pages/1.jpg"):
        assert "unsafe-inline" not in client.get(path).headers["content-security-policy"]


@pytest.mark.skipif(shutil.which(CHROMIUM) is None and not __import__("os").path.exists(CHROMIUM),
                    reason="Debian's chromium is not installed (scripts/setup.sh installs it)")
def test_the_pages_scripts_run_under_the_policy_in_chromium(app):
    with serve(app) as base, browser() as b:
        context = b.new_context(viewport={"width": 1366, "height": 768})
        page = context.new_page()
        page.set_default_timeout(20_000)
        violations: list[str] = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                             "console.log('Content Security Policy violation: ' + e.violatedDirective))")
        page.goto(f"{base}/login")
        page.fill("input[name=name]", "admin")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/queue")
        for path in PAGES[:-1]:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
        assert violations == []

        # the scripts ran: the export links follow the chosen scope, the letter's values point at the original,
        # the boxes on a PDF page are placed (their rules are in the page's nonce'd style element), zoom works
        page.goto(f"{base}/exports")
        page.check("#export-scope input[value=approved]")
        assert page.locator("#export-xlsx").get_attribute("href").endswith("scope=approved")
        page.goto(f"{base}/documents/4")
        page.locator("input[name='hiring_needs.0.quantity']").focus()
        assert page.locator(".docx tr.hl").count() == 1
        page.goto(f"{base}/documents/5")
        page.wait_for_load_state("networkidle")
        box = page.locator(".box").first
        assert box.evaluate("b => b.offsetWidth > 5 && b.offsetHeight > 3 && b.offsetTop > 0")
        page.click("[data-zoom='1']")
        assert page.locator("#zoom-level").inner_text() == "150%"
        # confirmations are the app's own script too: dismissing one keeps the letter as it was
        page.on("dialog", lambda d: d.dismiss())
        page.fill("#reject input[name=reason]", "Gửi nhầm")
        page.click("#reject button[type=submit]")
        assert page.url.endswith("/documents/5")
        assert violations == []
        context.close()
