"""The review app's door (issue 10, points 2 and 5): what a form or a URL carries is cleaned or refused before any
route sees it, every response carries the security headers (errors too), ids out of the store's range are 404,
redirects never go to the host a request named, downloads never hand a spreadsheet a formula."""
from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from pipeline.store.models import AuditEntry, Correction, Document
from tests.support.webclient import form_of, sign_in

SAO_VIET = 4
HEADERS = ("x-frame-options", "x-content-type-options", "content-security-policy", "referrer-policy")


def _has_security_headers(resp) -> bool:  # noqa: ANN001
    return all(h in resp.headers for h in HEADERS)


def test_control_characters_typed_in_a_form_are_removed_and_the_officer_told(client, app):
    sign_in(client)
    page = client.get(f"/documents/{SAO_VIET}").text
    resp = client.post(f"/documents/{SAO_VIET}", data={**form_of(page), "action": "save",
                                                       "hiring_needs.0.position": "Thợ hàn\x00\x1b điện"})
    assert resp.status_code == 200                       # followed the redirect back to the letter
    assert "Đã bỏ ký tự điều khiển" in resp.text and "hiring_needs.0.position" in resp.text
    with app.state.store.session() as s:
        assert s.get(Document, SAO_VIET).extraction["hiring_needs"][0]["position"] == "Thợ hàn điện"
    for path in ("/exports/items.xlsx", "/exports/report.docx", "/dashboard", "/queue"):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("quantity", [str(2 ** 63 - 1), "1" + "0" * 30, "1.000.001"])
def test_an_impossible_quantity_is_refused_with_a_vietnamese_message(client, app, quantity):
    sign_in(client)
    page = client.get(f"/documents/{SAO_VIET}").text
    resp = client.post(f"/documents/{SAO_VIET}", data={**form_of(page), "action": "save",
                                                       "hiring_needs.0.quantity": quantity})
    assert resp.status_code == 422 and "Số lượng quá lớn: tối đa 1.000.000" in resp.text
    with app.state.store.session() as s:
        assert s.get(Document, SAO_VIET).extraction["hiring_needs"][0]["quantity"] == 200
        assert s.scalars(select(Correction)).all() == []
    for path in ("/dashboard", "/exports/items.xlsx", "/exports/report.docx"):
        assert client.get(path).status_code == 200, path


def test_text_fields_have_length_limits(client, app):
    sign_in(client)
    page = client.get(f"/documents/{SAO_VIET}").text
    resp = client.post(f"/documents/{SAO_VIET}", data={**form_of(page), "action": "save",
                                                       "hiring_needs.0.position": "x" * 5000})
    assert resp.status_code == 422 and "Quá dài: tối đa 1.000 ký tự" in resp.text
    resp = client.post(f"/documents/{SAO_VIET}", data={**form_of(page), "action": "save",
                                                       "criteria.0.text": "y" * (1024 * 1024)})
    assert resp.status_code == 413 and "tối đa 1 MB" in resp.text and _has_security_headers(resp)
    with app.state.store.session() as s:
        assert s.scalars(select(Correction)).all() == []


def test_the_follow_up_csv_never_starts_a_formula(client, app):
    sign_in(client, "admin")
    from pipeline.store.web_models import RegisterEntry
    hostile = ['=HYPERLINK("http://evil.example","Bấm")', "+cmd", "-2+3", "@SUM(A1)", "\t=1", "Công ty An Phát"]
    with app.state.store.session() as s:
        for i, name in enumerate(hostile):
            s.add(RegisterEntry(name=name, name_key=f"k{i}", tax_code=f"99{i}", zone="=1+1", contact="@x",
                                imported_by="admin"))
    resp = client.get("/register/missing.csv")
    assert resp.status_code == 200
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    names = [r[0] for r in rows[1:]]
    for name in hostile:
        assert ("'" + name if name[0] in "=+-@\t" else name) in names
    assert all(not cell.startswith(("=", "+", "-", "@", "\t")) for row in rows[1:] for cell in row)


@pytest.mark.parametrize("path", ["/documents/9223372036854775808", "/documents/99999999999999999999999",
                                  "/documents/9223372036854775808/original", "/documents/0",
                                  "/documents/9223372036854775808/pages/1.png", "/enterprises/18446744073709551616",
                                  "/documents/-1"])
def test_out_of_range_ids_are_404_with_the_headers(client, path):
    sign_in(client, "admin")
    resp = client.get(path)
    assert resp.status_code == 404 and _has_security_headers(resp), (path, resp.status_code)


def test_out_of_range_numbers_in_queries_are_no_500(client):
    sign_in(client, "admin")
    for path in ("/audit?document=99999999999999999999999", "/dashboard/drill?year=99999999999999999999999",
                 "/queue?page=99999999999999999999999", "/letters?page=-5&desc=7"):
        resp = client.get(path)
        assert resp.status_code in (200, 422) and _has_security_headers(resp), (path, resp.status_code)
    assert client.post("/users/9223372036854775808/active", data={"csrf_token": "x"}).status_code in (403, 404)


def test_page_images_of_a_corrupt_original_are_no_500(client, app, seeded):
    sign_in(client)
    with app.state.store.session() as s:
        doc = s.get(Document, 2)                               # a PDF letter
        (seeded.data_dir / doc.archive_path).write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100)
    for path in ("/documents/2/pages/1.png", "/documents/2/pages/1.jpg"):
        resp = client.get(path)
        assert resp.status_code in (404, 422) and _has_security_headers(resp), (path, resp.status_code)
    assert client.get("/documents/2").status_code == 200        # the values are still shown


def test_an_unexpected_error_is_a_500_page_with_the_headers(app, client, monkeypatch):
    from fastapi.testclient import TestClient

    from pipeline.web import queries

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("a bug")
    sign_in(client)
    monkeypatch.setattr(queries, "silent_error_rate", broken)
    quiet = TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False, cookies=client.cookies)
    resp = quiet.get("/queue")
    assert resp.status_code == 500 and _has_security_headers(resp) and "Lỗi hệ thống" in resp.text
    assert "RuntimeError" not in resp.text and "Traceback" not in resp.text


def test_a_forged_host_is_never_redirected_to(client):
    sign_in(client)
    resp = client.get("/queue/", headers={"host": "evil.example"}, follow_redirects=False)
    assert resp.status_code in (307, 308, 303, 404)
    assert "evil.example" not in resp.headers.get("location", "")
    assert resp.headers.get("location", "/").startswith("/")


def test_allowed_hosts_refuse_other_hosts(seeded):
    from fastapi.testclient import TestClient

    from pipeline.config import get_settings
    from pipeline.web import create_app

    settings = get_settings(data_dir=seeded.data_dir, database_url=seeded.database_url,
                            allowed_hosts="replyflow.heza.gov.vn, 127.0.0.1")
    app = create_app(settings, secret_key="test-secret")
    try:
        with TestClient(app, base_url="http://127.0.0.1") as client:
            assert client.get("/login").status_code == 200
            for host in ("evil.example", "replyflow.heza.gov.vn.evil.example", "localhost"):
                resp = client.get("/queue/", headers={"host": host}, follow_redirects=False)
                assert resp.status_code == 400 and _has_security_headers(resp), host
                assert "location" not in resp.headers
            assert client.get("/login", headers={"host": "replyflow.heza.gov.vn:443"}).status_code == 200
    finally:
        app.state.store.dispose()


def test_audit_log_keeps_nothing_of_a_refused_form(client, app):
    sign_in(client)
    page = client.get(f"/documents/{SAO_VIET}").text
    client.post(f"/documents/{SAO_VIET}", data={**form_of(page), "action": "save", "hiring_needs.0.quantity": "-1"})
    with app.state.store.session() as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "corrected")).all() == []
