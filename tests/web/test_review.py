"""Review through the app (HTTP, no browser): queue and filters, locks, corrections keeping the machine's value,
approve and reject with audit entries, spot checks, register import and matching, exports."""
from __future__ import annotations

import html
import io
import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from pipeline.store.models import AuditEntry, Correction, Document, ReviewFlag
from pipeline.store.queries import spot_check_ids
from pipeline.store.web_models import SpotCheck
from pipeline.web import queries
from tests.support.webclient import csrf_of, form_of, sign_in

SAO_VIET = 4          # cv_sao_viet_tong_sai.docx: needs_review (total_mismatch)
THEP = 5              # cv_thep_bien_xanh_dong_nam.pdf: extracted, in the 5% spot-check bucket


def _queue_ids(html: str) -> list[int]:
    import re

    return [int(x) for x in re.findall(r'<tr data-doc="(\d+)"', html)]


def test_queue_lists_flagged_letters_oldest_first_with_spot_checks(client, app):
    sign_in(client)
    page = client.get("/queue")
    assert _queue_ids(page.text) == [SAO_VIET, THEP]
    assert "Tổng cộng không khớp với các dòng" in page.text and "Kiểm tra ngẫu nhiên" in page.text
    assert _queue_ids(client.get("/queue?flag=spot_check").text) == [THEP]
    assert _queue_ids(client.get("/queue?zone=KCN Đồ Sơn").text) == [SAO_VIET]
    assert _queue_ids(client.get("/queue?flag=total_mismatch&zone=KCN Nam Cầu Kiền").text) == []


def test_spot_check_share_is_a_setting_and_stable(app, seeded):
    with app.state.store.session() as s:
        assert spot_check_ids(s, 0.05) == {THEP}
        assert spot_check_ids(s, 0.0) == set()
        everything = spot_check_ids(s, 1.0)
        assert THEP in everything and SAO_VIET not in everything     # only auto-accepted letters


def test_correct_a_quantity_then_approve(client, app):
    sign_in(client)
    before = client.get("/dashboard").text
    page = client.get(f"/documents/{SAO_VIET}")
    assert 'name="hiring_needs.0.quantity" type="text" value="200"' in page.text
    resp = client.post(f"/documents/{SAO_VIET}", data={**form_of(page.text), "action": "save",
                                                       "hiring_needs.0.quantity": "210"}, follow_redirects=False)
    assert resp.status_code == 303
    with app.state.store.session() as s:
        doc = s.get(Document, SAO_VIET)
        assert doc.extraction["hiring_needs"][0]["quantity"] == 210 and doc.status == "needs_review"
        corr = s.scalars(select(Correction).where(Correction.document_id == SAO_VIET)).one()
        assert (corr.path, corr.old_value, corr.new_value, corr.officer) == ("/hiring_needs/0/quantity", 200, 210,
                                                                              "canbo")
        audit = s.scalars(select(AuditEntry).where(AuditEntry.document_id == SAO_VIET,
                                                   AuditEntry.action == "corrected")).one()
        assert audit.actor == "canbo" and audit.detail["old"] == 200 and audit.detail["new"] == 210 and audit.at
    assert client.get("/dashboard").text != before
    page = client.get(f"/documents/{SAO_VIET}").text
    resp = client.post(f"/documents/{SAO_VIET}", data={**form_of(page), "action": "approve"},
                       follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"] == "/queue"
    with app.state.store.session() as s:
        assert s.get(Document, SAO_VIET).status == "extracted"
        flags = s.scalars(select(ReviewFlag).where(ReviewFlag.document_id == SAO_VIET)).all()
        assert flags and all(f.state == "resolved" and f.resolved_by == "canbo" for f in flags)
        assert s.scalar(select(AuditEntry).where(AuditEntry.document_id == SAO_VIET,
                                                 AuditEntry.action == "approved")).actor == "canbo"
    assert SAO_VIET not in _queue_ids(client.get("/queue").text)
    page = client.get(f"/documents/{SAO_VIET}").text
    assert "Các giá trị đã sửa" in page and "Nhu cầu dòng 1 – Số lượng: 200 → 210" in page


def test_invalid_values_are_refused_by_the_schema_and_nothing_is_saved(client, app):
    sign_in(client)
    form = form_of(client.get(f"/documents/{SAO_VIET}").text)
    for field, value in (("hiring_needs.0.quantity", "-5"), ("hiring_needs.0.quantity", "nhiều"),
                         ("hiring_needs.0.year", "1890"), ("hiring_needs.0.quantity_max", "10"),
                         ("letter.date", "32/13/2023"), ("hiring_needs.0.qualification", "tiến sĩ")):
        resp = client.post(f"/documents/{SAO_VIET}", data={**form, "action": "approve", field: value})
        assert resp.status_code == 422, (field, value)
        assert "không hợp lệ" in resp.text and "errtext" in resp.text
    with app.state.store.session() as s:
        assert s.get(Document, SAO_VIET).status == "needs_review"
        assert not s.scalars(select(Correction)).all()


def test_a_new_need_can_be_added(client, app):
    sign_in(client)
    form = form_of(client.get(f"/documents/{SAO_VIET}").text)
    client.post(f"/documents/{SAO_VIET}", data={
        **form, "action": "save", "hiring_needs.new.year": "2024", "hiring_needs.new.position": "Thợ hàn",
        "hiring_needs.new.qualification": "intermediate_vocational", "hiring_needs.new.quantity": "12"})
    with app.state.store.session() as s:
        needs = s.get(Document, SAO_VIET).extraction["hiring_needs"]
        assert needs[-1]["position"] == "Thợ hàn" and needs[-1]["quantity"] == 12
        assert s.scalars(select(Correction)).one().path == "/hiring_needs/-"


def test_opening_a_letter_does_not_lock_it_the_first_edit_does(app, client):
    from pipeline.store.web_models import DocumentLock

    sign_in(client, "canbo")
    page = client.get(f"/documents/{SAO_VIET}").text
    assert 'id="claim"' in page                                      # "Nhận xử lý" offered, nothing locked yet
    with app.state.store.session() as s:
        assert s.get(DocumentLock, SAO_VIET) is None
    other = TestClient(app, base_url="http://127.0.0.1")
    sign_in(other, "admin")
    assert 'value="approve"' in other.get(f"/documents/{SAO_VIET}").text
    # canbo's first edit takes the lock (what the page's script asks on the first keystroke)
    resp = client.post(f"/documents/{SAO_VIET}/lock", headers={"X-CSRF-Token": csrf_of(page)})
    assert resp.status_code == 200 and resp.json()["holder"] == "canbo"
    page = other.get(f"/documents/{SAO_VIET}").text
    assert "canbo đang xử lý văn bản này (đến" in page and 'value="approve"' not in page
    assert "canbo đang xử lý (đến" in other.get("/queue").text          # and the queue still offers "Mở"
    refused = other.post(f"/documents/{SAO_VIET}/lock", headers={"X-CSRF-Token": csrf_of(page)})
    assert refused.status_code == 409 and refused.json()["holder"] == "canbo"
    resp = other.post(f"/documents/{SAO_VIET}", data={**form_of(page), "action": "approve"})
    assert "chưa lưu được" in resp.text
    with app.state.store.session() as s:
        assert s.get(Document, SAO_VIET).status == "needs_review"
        lock = s.get(DocumentLock, SAO_VIET)                          # the lock expires
        lock.expires_at = queries.now() - queries.dt.timedelta(seconds=1)
    assert 'value="approve"' in other.get(f"/documents/{SAO_VIET}").text


def test_nhan_xu_ly_takes_the_lock_explicitly(app, client):
    from pipeline.store.web_models import DocumentLock

    sign_in(client, "canbo")
    page = client.get(f"/documents/{SAO_VIET}").text
    resp = client.post(f"/documents/{SAO_VIET}", data={"csrf_token": csrf_of(page), "action": "claim"},
                       follow_redirects=True)
    assert "Bạn đã nhận xử lý văn bản này" in resp.text and 'id="claim"' not in resp.text
    with app.state.store.session() as s:
        assert s.get(DocumentLock, SAO_VIET).user_name == "canbo"


def test_spot_check_approved_and_measured(client, app):
    sign_in(client)
    page = client.get(f"/documents/{THEP}").text
    assert "Kiểm tra ngẫu nhiên" in page
    client.post(f"/documents/{THEP}", data={**form_of(page), "action": "approve",
                                            "hiring_needs.1.quantity": "12"})
    with app.state.store.session() as s:
        mark = s.get(SpotCheck, THEP)
        assert mark.outcome == "corrected" and mark.checked_by == "canbo"
        assert queries.silent_error_rate(s) == {"checked": 1, "wrong": 1, "rate": 1.0}
    assert THEP not in _queue_ids(client.get("/queue").text)


def test_reject_takes_a_letter_out_of_the_totals(client, app):
    sign_in(client)
    with app.state.store.session() as s:
        total = queries.total_needs(s)
        own = sum(n["quantity"] for n in s.get(Document, SAO_VIET).extraction["hiring_needs"])
    form = form_of(client.get(f"/documents/{SAO_VIET}").text)
    client.post(f"/documents/{SAO_VIET}", data={**form, "action": "reject", "reason": "Gửi nhầm"})
    with app.state.store.session() as s:
        assert s.get(Document, SAO_VIET).status == "rejected"
        assert queries.total_needs(s) == total - own
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "rejected"))
        assert entry.detail["reason"] == "Gửi nhầm" and entry.detail["before"] == "needs_review"


def test_register_import_matches_replies_and_exports_the_missing(client, app):
    sign_in(client)
    token = csrf_of(client.get("/register").text)
    csv_text = ("Tên doanh nghiệp;Mã số thuế;KCN;Người liên hệ\n"
                "CÔNG TY TNHH ĐIỆN TỬ SAO VIỆT;200110112;KCN Đồ Sơn;Chị Lan 0912\n"          # tax code, zero lost
                "Cty CP Thép Biển Xanh;;KCN Nam Cầu Kiền;\n"                                 # by normalised name
                "Công ty TNHH Chưa Trả Lời;0209876543;KCN Đồ Sơn;a@b.vn\n")
    resp = client.post("/register/import", data={"csrf_token": token, "replace": "1"},
                       files={"file": ("danh_sach.csv", csv_text.encode("utf-8"), "text/csv")})
    assert resp.status_code == 200 and "Đã nhập 3 doanh nghiệp" in resp.text
    with app.state.store.session() as s:
        rows = {r.entry.name: r for r in queries.register_status(s)}
    assert rows["CÔNG TY TNHH ĐIỆN TỬ SAO VIỆT"].matched_by == "tax_code"
    assert rows["Cty CP Thép Biển Xanh"].matched_by == "name"
    assert not rows["Công ty TNHH Chưa Trả Lời"].replied
    page = client.get("/register").text
    assert "Chưa Trả Lời" in page and "67%" in page
    missing = client.get("/register/missing.csv").content.decode("utf-8-sig")
    assert "Chưa Trả Lời" in missing and "Sao Việt" not in missing.upper().title()
    from openpyxl import load_workbook
    wb = load_workbook(io.BytesIO(client.get("/register/missing.xlsx").content))
    assert [c.value for c in wb.active[2]][:2] == ["Công ty TNHH Chưa Trả Lời", "0209876543"]
    # Excel input too
    from pipeline.web.exports import workbook_bytes
    data = workbook_bytes([("DN", ["Tên công ty", "MST", "Khu"], [["Công ty TNHH Logistics Cảng Xanh", "0200287134",
                                                                    "KKT Đình Vũ - Cát Hải"]])])
    client.post("/register/import", data={"csrf_token": token, "replace": "1"},
                files={"file": ("ds.xlsx", data, "application/octet-stream")})
    with app.state.store.session() as s:
        assert [r.replied for r in queries.register_status(s)] == [True]


def test_a_bad_register_file_is_explained(client):
    sign_in(client)
    token = csrf_of(client.get("/register").text)
    resp = client.post("/register/import", data={"csrf_token": token},
                       files={"file": ("x.csv", b"a,b\n1,2\n", "text/csv")})
    assert "Không tìm thấy cột tên doanh nghiệp" in resp.text


def test_drill_down_shows_the_letters_behind_a_figure(client, app):
    sign_in(client)
    page = client.get("/dashboard/drill?year=2023&zone=KCN Đồ Sơn").text
    assert "cv_sao_viet_tong_sai.docx" in page and "Công nhân sản xuất" in page
    assert "1 | Công nhân sản xuất | LĐPT | 200 | 150" in page
    assert "cv_logistics" not in page
    assert "Nhận sinh viên thực tập" in client.get("/dashboard/drill?kind=internship").text


def test_exports_hold_every_item_with_its_letter(client, app):
    from docx import Document as Docx
    from openpyxl import load_workbook

    sign_in(client)
    wb = load_workbook(io.BytesIO(client.get("/exports/items.xlsx").content))
    assert wb.sheetnames == ["Nhu cầu tuyển dụng", "Tiêu chuẩn", "Hợp tác đào tạo", "Kiến nghị"]
    needs = list(wb["Nhu cầu tuyển dụng"].iter_rows(values_only=True))
    with app.state.store.session() as s:
        expected = sum(len(d.extraction.get("hiring_needs") or []) for d in
                       s.scalars(select(Document).where(Document.status != "rejected")))
    assert len(needs) - 1 == expected
    row = next(r for r in needs if r[1] == "cv_sao_viet_tong_sai.docx")
    assert row[4] == "Công ty TNHH Điện tử Sao Việt" and row[5] == "0200110112" and row[6] == "KCN Đồ Sơn"
    report = Docx(io.BytesIO(client.get("/exports/report.docx").content))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "BÁO CÁO" in text and "Tổng hợp nhu cầu tuyển dụng và liên kết đào tạo" in text
    tables = ["\n".join(c.text for r in t.rows for c in r.cells) for t in report.tables]
    assert any("KCN Đồ Sơn" in t and "2023" in t for t in tables)
    assert any("Lao động phổ thông" in t for t in tables)


def test_a_scanned_image_is_shown_page_by_page(client, app, seeded, tmp_path):
    """A TIFF scan of two pages (as a scanner sends it by e-mail) is shown as its pages, not as OCR text."""
    import copy
    import hashlib

    from PIL import Image, ImageDraw

    from pipeline.runtime.extract import EXTRACTOR_VERSION
    from pipeline.store.load import SourceInfo, load_document

    pages = [Image.new("RGB", (1654, 2339), "white") for _ in range(2)]
    for n, page in enumerate(pages, start=1):
        ImageDraw.Draw(page).text((200, 200), f"Trang {n}", fill="black")
    tiff = tmp_path / "scan.tif"
    pages[0].save(tiff, save_all=True, append_images=pages[1:], compression="tiff_lzw", dpi=(200, 200))
    sha = hashlib.sha256(tiff.read_bytes()).hexdigest()
    rel = f"archive/2023/04/{sha}_scan.tif"
    (seeded.data_dir / rel).parent.mkdir(parents=True, exist_ok=True)
    (seeded.data_dir / rel).write_bytes(tiff.read_bytes())
    with app.state.store.session() as s:
        record = copy.deepcopy(s.get(Document, SAO_VIET).extraction)
        record["source"].update(file_name="scan.tif", sha256=sha, media_type="image/tiff", pages=2, ocr_used=True)
        doc = load_document(s, record, source=SourceInfo(kind="mailbox"), extractor_version=EXTRACTOR_VERSION,
                            archive_path=rel)
        doc_id = doc.id
    sign_in(client)
    html = client.get(f"/documents/{doc_id}").text
    assert f'src="/documents/{doc_id}/pages/1.jpg"' in html and f'src="/documents/{doc_id}/pages/2.jpg"' in html
    assert 'loading="lazy"' in html
    jpeg = client.get(f"/documents/{doc_id}/pages/1.jpg")
    assert jpeg.headers["content-type"] == "image/jpeg" and jpeg.content[:3] == b"\xff\xd8\xff"
    for n in (1, 2):
        png = client.get(f"/documents/{doc_id}/pages/{n}.png")
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
        shown = Image.open(io.BytesIO(png.content))
        assert shown.width == 1400                                  # screen size, not the scan's 200 dpi
    assert client.get(f"/documents/{doc_id}/pages/3.png").status_code == 404


def test_a_photographed_letter_shows_where_its_numbers_were_read(client, app, seeded, tmp_path):
    """A PNG scan read by OCR: the page is shown with a box on the very cell each need was read from."""
    import re

    from PIL import Image

    from extractors.ocr import engine
    from pipeline.runtime.extract import EXTRACTOR_VERSION, extract_path
    from pipeline.store.load import SourceInfo, load_document
    from tests.support.samples import AN_PHAT
    from tests.support.scans import scanned_pages

    page = scanned_pages(AN_PHAT, tmp_path)[0]
    png = tmp_path / "anh_chup.png"
    page.save(png, dpi=(200, 200))
    record = extract_path(png).contract_json()
    rel = f"archive/2023/04/{record['source']['sha256']}_anh_chup.png"
    (seeded.data_dir / rel).parent.mkdir(parents=True, exist_ok=True)
    (seeded.data_dir / rel).write_bytes(png.read_bytes())
    with app.state.store.session() as s:
        doc_id = load_document(s, record, source=SourceInfo(kind="mailbox"), extractor_version=EXTRACTOR_VERSION,
                               archive_path=rel).id
    index = next(i for i, n in enumerate(record["hiring_needs"]) if (n["year"], n["quantity"]) == (2024, 800))
    sign_in(client)
    html = client.get(f"/documents/{doc_id}").text
    box_id = re.search(rf'class="box" data-ref="hiring_needs-{index}" id="([^"]+)"', html).group(1)
    style = re.search(rf"#{box_id} {{([^}}]+)}}", html).group(1)          # its rule in the page's style element
    left, top, width, height = (float(v) / 100 for v in re.findall(r":([\d.]+)%", style))
    word = next(w for w in engine.run_tsv(page.convert("L"), psm=3, dpi=200) if w.text == "800")
    cx, cy = word.cx / page.width, word.cy / page.height
    assert left < cx < left + width and top < cy < top + height
    assert width < 0.15 and height < 0.06                            # the cell, not the table
    assert 'class="box" data-ref="letter-date"' in html                 # the letter's facts are outlined too
    shown = Image.open(io.BytesIO(client.get(f"/documents/{doc_id}/pages/1.png").content))
    assert abs(shown.height / shown.width - page.height / page.width) < 0.01


def test_a_stale_form_is_refused_and_shows_what_changed_meanwhile(app, client):
    """The lost update: A's lock expires, B corrects a quantity and the name, then A submits her old form with one
    field edited. Nothing of A's is saved, B's corrections stay, and A sees what B changed."""
    from pipeline.store.web_models import DocumentLock

    sign_in(client, "canbo")                                     # officer A
    page_a = client.get(f"/documents/{SAO_VIET}").text
    client.post(f"/documents/{SAO_VIET}/lock", headers={"X-CSRF-Token": csrf_of(page_a)})      # her first edit
    with app.state.store.session() as s:
        s.get(DocumentLock, SAO_VIET).expires_at = queries.now() - queries.dt.timedelta(seconds=1)
        name = s.get(Document, SAO_VIET).extraction["enterprise"]["name"]
    b = TestClient(app, base_url="http://127.0.0.1")
    sign_in(b, "admin")                                          # officer B
    page_b = b.get(f"/documents/{SAO_VIET}").text
    resp = b.post(f"/documents/{SAO_VIET}", data={**form_of(page_b), "action": "save", "hiring_needs.0.quantity": "215",
                                                  "enterprise.name": "Công ty CP Sao Việt (đã sửa)"})
    assert resp.status_code == 200 and "Đã lưu 2 thay đổi" in resp.text
    b.post(f"/documents/{SAO_VIET}", data={**form_of(resp.text), "action": "release"})
    # A's form still holds every value as she saw it: 200 and the old name, plus her one edit
    values_a = dict(re.findall(r'name="([a-z_]+\.[a-z0-9_]+(?:\.[a-z_]+)?)" type="[a-z]+" value="([^"]*)"', page_a))
    assert values_a["hiring_needs.0.quantity"] == "200"
    resp = client.post(f"/documents/{SAO_VIET}", data={**values_a, **form_of(page_a), "action": "save",
                                                       "hiring_needs.1.quantity": "3"})
    assert resp.status_code == 409
    assert "Văn bản đã được thay đổi sau khi bạn mở nó; chưa lưu gì của bạn." in resp.text
    stale = resp.text[resp.text.index('id="stale"'):]
    stale = stale[:stale.index("</div>")]
    assert "admin" in stale and "200 → 215" in stale and f"{html.escape(name, quote=False)} → Công ty CP Sao Việt" in stale
    assert 'name="hiring_needs.0.quantity" type="text" value="215"' in resp.text      # the current values shown
    with app.state.store.session() as s:
        doc = s.get(Document, SAO_VIET)
        assert doc.extraction["hiring_needs"][0]["quantity"] == 215
        assert doc.extraction["enterprise"]["name"] == "Công ty CP Sao Việt (đã sửa)"
        assert doc.extraction["hiring_needs"][1]["quantity"] != 3
        assert len(s.scalars(select(Correction)).all()) == 2
    # approving or rejecting from the old form is refused too; a form without a version as well
    for extra in ({"action": "approve"}, {"action": "reject", "reason": "x"}):
        assert client.post(f"/documents/{SAO_VIET}", data={**form_of(page_a), **extra}).status_code == 409
    assert client.post(f"/documents/{SAO_VIET}", data={"csrf_token": csrf_of(page_a), "action": "approve"}
                       ).status_code == 409
    # with the page shown again (the current version) A's edit goes through
    resp = client.post(f"/documents/{SAO_VIET}", data={**form_of(resp.text), "action": "save",
                                                       "hiring_needs.1.quantity": "3"})
    assert "Đã lưu 1 thay đổi" in resp.text
    with app.state.store.session() as s:
        assert s.get(Document, SAO_VIET).extraction["hiring_needs"][0]["quantity"] == 215


def test_vietnamese_formats_and_enterprise_checks(client, app):
    """"1.200" is 1200, dates are day/month/year, a name is required, a tax code's check digit is checked (the
    officer may confirm a code printed wrong in the letter), e-mail and phone must look like one; all in Vietnamese."""
    from extractors.text.taxcode import check_digit

    sign_in(client)
    page = client.get(f"/documents/{SAO_VIET}").text
    assert 'name="hiring_needs.0.quantity" type="number"' not in page and 'type="date"' not in page
    token = csrf_of(page)

    def post(**fields):  # noqa: ANN003, ANN202
        form = form_of(client.get(f"/documents/{SAO_VIET}").text)      # the letter's current version
        return client.post(f"/documents/{SAO_VIET}", data={**form, "action": "save", **fields},
                           follow_redirects=False)

    for field, value, message in (
            ("enterprise.name", "  ", "Bắt buộc: tên doanh nghiệp"),
            ("enterprise.tax_code", "12345", "Mã số thuế gồm 10 chữ số"),
            ("enterprise.contact_email", "khong-phai-email", "Thư điện tử không đúng dạng"),
            ("enterprise.contact_phone", "gọi bảo vệ", "Số điện thoại không đúng dạng"),
            ("hiring_needs.0.quantity", "1,5", "Phải là một số nguyên"),
            ("letter.date", "04/31/2023", "Ngày không hợp lệ: nhập ngày/tháng/năm")):
        resp = post(**{field: value})
        assert resp.status_code == 422 and message in resp.text, (field, value)
    wrong = "020011011" + str((check_digit("020011011") + 1) % 10)
    resp = post(**{"enterprise.tax_code": wrong})
    assert resp.status_code == 422 and "Chữ số kiểm tra của mã số thuế không khớp" in resp.text
    assert 'name="confirm.enterprise.tax_code"' in resp.text
    with app.state.store.session() as s:
        assert not s.scalars(select(Correction)).all()

    assert post(**{"hiring_needs.0.quantity": "1.200", "letter.date": "5/4/2023",
                   "enterprise.contact_phone": "0225.3123.456 / 0912 345 678",
                   "enterprise.contact_email": "nhansu@saoviet.vn"}).status_code == 303
    assert post(**{"enterprise.tax_code": wrong, "confirm.enterprise.tax_code": "1"}).status_code == 303
    with app.state.store.session() as s:
        ext = s.get(Document, SAO_VIET).extraction
        assert ext["hiring_needs"][0]["quantity"] == 1200 and ext["letter"]["date"] == "2023-04-05"
        assert ext["enterprise"]["tax_code"] == wrong
    page = client.get(f"/documents/{SAO_VIET}").text
    assert 'name="hiring_needs.0.quantity" type="text" value="1.200"' in page
    assert 'name="letter.date" type="text" value="05/04/2023"' in page


def test_the_audit_log_is_in_words_and_filtered(client, app):
    sign_in(client)
    token = csrf_of(client.get(f"/documents/{SAO_VIET}").text)
    client.post(f"/documents/{SAO_VIET}", data={**form_of(client.get(f"/documents/{SAO_VIET}").text), "action": "save",
                                                "hiring_needs.0.quantity": "1.210"})
    client.post(f"/documents/{SAO_VIET}", data={**form_of(client.get(f"/documents/{SAO_VIET}").text),
                                                "action": "reject", "reason": "Gửi nhầm"})
    sign_in(client, "admin")
    page = client.get("/audit").text
    assert "Nhu cầu dòng 1 – Số lượng: 200 → 1.210" in page and "Lý do: Gửi nhầm" in page
    assert "{&#39;" not in page and "{&quot;" not in page and "&#34;path" not in page     # no raw JSON
    assert "Lưu vào kho" in page and ">stored<" not in page
    only = client.get("/audit?action=corrected").text
    assert only.count('data-action="corrected"') == 1 and 'data-action="rejected"' not in only
    assert 'data-action="stored"' not in client.get(f"/audit?actor=canbo&document={SAO_VIET}").text
    assert "Không có mục nào khớp" in client.get("/audit?since=01/01/2000&until=31/12/2000").text


def test_several_rows_added_in_one_save_and_channels_edited(client, app):
    sign_in(client)
    token = csrf_of(client.get(f"/documents/{SAO_VIET}").text)
    resp = client.post(f"/documents/{SAO_VIET}", data={
        **form_of(client.get(f"/documents/{SAO_VIET}").text), "action": "save",
        "hiring_needs.new.year": "2024", "hiring_needs.new.position": "Thợ hàn", "hiring_needs.new.quantity": "12",
        "hiring_needs.new1.year": "2025", "hiring_needs.new1.position": "Kỹ sư điện",
        "hiring_needs.new1.qualification": "university", "hiring_needs.new1.quantity": "1.500",
        "criteria.new.category": "language", "criteria.new.text": "Tiếng Anh giao tiếp",
        "registration.channels": "Cổng thông tin việc làm Hải Phòng\nSàn giao dịch việc làm heza"},
        follow_redirects=False)
    assert resp.status_code == 303
    with app.state.store.session() as s:
        ext = s.get(Document, SAO_VIET).extraction
        added = [(n["year"], n["position"], n["qualification"], n["quantity"]) for n in ext["hiring_needs"][-2:]]
        assert added == [(2024, "Thợ hàn", "unspecified", 12), (2025, "Kỹ sư điện", "university", 1500)]
        assert ext["criteria"][-1]["text"] == "Tiếng Anh giao tiếp"
        assert ext["registration"]["channels"] == ["Cổng thông tin việc làm Hải Phòng", "Sàn giao dịch việc làm heza"]


def test_the_report_is_in_the_administrative_format_on_a4(client, app):
    """Decree 30/2020/NĐ-CP: A4, the Board and the national motto, number and date to fill, "Kính gửi", tables
    with totals rows and right-aligned Vietnamese numbers, "Nơi nhận", the signature block; what it counts."""
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    sign_in(client)
    report = Docx(io.BytesIO(client.get("/exports/report.docx?scope=all").content))
    section = report.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.05) and abs(section.page_height - Cm(29.7)) < Cm(0.05)
    header = "\n".join(c.text for r in report.tables[0].rows for c in r.cells)
    for words in ("BAN QUẢN LÝ KHU KINH TẾ HẢI PHÒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                  "Độc lập - Tự do - Hạnh phúc", "Số: ……/BC-BQL", "Hải Phòng, ngày …… tháng …… năm"):
        assert words in header, words
    text = "\n".join(p.text for p in report.paragraphs)
    assert "Kính gửi: Ủy ban nhân dân thành phố Hải Phòng" in text
    assert "chưa được cán bộ duyệt" in text                      # the sample store has letters to review
    closing = "\n".join(c.text for r in report.tables[-1].rows for c in r.cells)
    assert "Nơi nhận:" in closing and "TRƯỞNG BAN" in closing and "Ký, ghi rõ họ tên" in closing
    assert not any(p.style.name.startswith("Heading") for p in report.paragraphs)   # no Word blue headings
    zone = next(t for t in report.tables if t.rows[0].cells[0].text == "Khu")
    last = zone.rows[-1].cells
    with app.state.store.session() as s:
        total = queries.total_needs(s)
    assert last[0].text == "Tổng cộng" and last[-1].text == f"{total:,}".replace(",", ".")
    assert last[-1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT and last[-1].paragraphs[0].runs[0].bold
    approved = Docx(io.BytesIO(client.get("/exports/report.docx?scope=approved").content))
    assert "văn bản chưa duyệt không được tính" in "\n".join(p.text for p in approved.paragraphs)


def test_the_workbook_has_filters_review_status_and_real_dates(client, app):
    import datetime as dt

    from openpyxl import load_workbook

    sign_in(client)
    wb = load_workbook(io.BytesIO(client.get("/exports/items.xlsx").content))
    ws = wb["Nhu cầu tuyển dụng"]
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    header = [c.value for c in ws[1]]
    status, date = header.index("Trạng thái duyệt"), header.index("Ngày công văn")
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert {r[status] for r in rows} >= {"Chưa duyệt"}
    dated = [r[date] for r in rows if r[date]]
    assert dated and all(isinstance(d, dt.datetime) for d in dated)
    assert ws.cell(row=2, column=date + 1).number_format == "DD/MM/YYYY"
    approved = load_workbook(io.BytesIO(client.get("/exports/items.xlsx?scope=approved").content))
    kept = list(approved["Nhu cầu tuyển dụng"].iter_rows(min_row=2, values_only=True))
    assert len(kept) < len(rows) and "Chưa duyệt" not in {r[status] for r in kept}


def test_a_held_replacement_is_visible_on_both_letters_and_in_the_history(client, app):
    """A letter with Sao Việt's tax code, another name and a later date: held (not counted), named on both pages,
    in the enterprise's history; once an officer approves it, it replaces, and both pages say so."""
    import copy
    import datetime as dt
    import hashlib

    from pipeline.store.load import SourceInfo, load_document

    with app.state.store.session() as s:
        genuine = s.get(Document, SAO_VIET)
        fake = copy.deepcopy(genuine.extraction)
        fake["source"]["sha256"] = hashlib.sha256(b"fake").hexdigest()
        fake["source"]["file_name"] = "gia_mao.docx"
        fake["enterprise"]["name"] = "Công ty TNHH Giả Mạo"
        fake["letter"].update(number="99/GM", date="2023-12-30")
        fake["hiring_needs"] = [{**fake["hiring_needs"][0], "quantity": 2}]
        fake["status"], fake["flags"] = "extracted", []
        total = queries.total_needs(s)
        fake_id = load_document(s, fake, source=SourceInfo(received_at=dt.datetime.now(dt.timezone.utc)),
                                extractor_version="test", archive_path=None).id
        enterprise = genuine.enterprise_id
    sign_in(client)
    with app.state.store.session() as s:
        assert queries.total_needs(s) == total
    page = client.get(f"/documents/{fake_id}").text
    assert 'id="waits-for"' in page and f"#{SAO_VIET}" in page and "Thay thế số liệu chưa được xác nhận" in page
    page = client.get(f"/documents/{SAO_VIET}").text
    assert "held-against" in page and f"#{fake_id} gia_mao.docx" in page
    history = client.get(f"/enterprises/{enterprise}").text
    assert "đang được tính" in history and f"chờ duyệt để thay thế <a href=\"/documents/{SAO_VIET}\">" in history
    assert fake_id in _queue_ids(client.get("/queue").text)
    page = client.get(f"/documents/{fake_id}").text
    client.post(f"/documents/{fake_id}", data={**form_of(page), "action": "approve"})
    with app.state.store.session() as s:
        assert queries.total_needs(s) != total
        assert s.get(Document, SAO_VIET).superseded_by_id == fake_id
    assert 'id="replaced-by"' in client.get(f"/documents/{SAO_VIET}").text
    assert 'id="replaces"' in client.get(f"/documents/{fake_id}").text
    history = client.get(f"/enterprises/{enterprise}").text
    assert "Thay thế văn bản cũ" in history and "Bị thay thế" in history
    assert client.get(f"/enterprises/{enterprise}").status_code == 200 and client.get("/enterprises/999999").status_code == 404
