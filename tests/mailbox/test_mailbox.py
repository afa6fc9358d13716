"""The mailbox source against a real IMAP server (dovecot on loopback)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pipeline.intake.mailbox import MIN_IMAGE_BYTES, MailboxError, attachments_of, poll
from pipeline.store import open_store
from pipeline.store.models import Document, MailboxMessage
from tests.support.replies import write_reply

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def message(subject: str, sender: str, attachments: list[tuple[Path, str]] = (), msgid: str | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, "bql@heza.gov.vn", subject
    msg["Date"] = "Mon, 20 Mar 2023 09:15:00 +0700"
    msg["Message-ID"] = msgid or f"<{abs(hash(subject))}@example.vn>"
    msg.set_content("Kính gửi Ban Quản lý, Công ty gửi công văn phúc đáp kèm theo.")
    for path, disposition in attachments:
        msg.add_attachment(path.read_bytes(), maintype="application", subtype=DOCX.split("/")[1],
                           filename=path.name, disposition=disposition)
    return msg.as_bytes()


def seen(server) -> dict[int, bool]:
    return {uid: b"\\Seen" in line for uid, line in server.flags().items()}


def test_attachments_inline_ones_too_are_taken_in_once_and_marked_seen(tmp_path, imap_server, mail_settings):
    a, b = write_reply(tmp_path / "phuc_dap_A.docx", 1), write_reply(tmp_path / "phuc_dap_B.docx", 2)
    imap_server.deliver(message("Phúc đáp CV 812/BQL-LĐ", "Công ty A <hr@a.vn>", [(a, "attachment"), (b, "inline")],
                                msgid="<m1@a.vn>"))
    imap_server.deliver(message("Hỏi thăm", "someone@b.vn"))
    imap_server.deliver(message("Gửi lại", "hr@a.vn", [(a, "attachment")], msgid="<m3@a.vn>"))   # same bytes again
    store = open_store(mail_settings.database_url)
    report = poll(mail_settings, store)
    assert (report.messages, report.no_attachments, report.attachments, report.processed) == (3, 1, 3, 2)
    assert report.intake.stored == 2 and report.intake.duplicates == 1
    with store.session() as s:
        docs = s.scalars(select(Document).order_by(Document.file_name)).all()
        assert [d.file_name for d in docs] == ["phuc_dap_A.docx", "phuc_dap_B.docx"]
        for d in docs:
            assert d.source_kind == "mailbox" and d.sender == "Công ty A <hr@a.vn>" and d.message_id == "<m1@a.vn>"
            assert d.subject == "Phúc đáp CV 812/BQL-LĐ" and d.received_at.isoformat() == "2023-03-20T02:15:00+00:00"
            assert (mail_settings.data_dir / d.archive_path).is_file()
        states = dict(s.execute(select(MailboxMessage.uid, MailboxMessage.state)).all())
    assert states == {1: "processed", 2: "no_attachments", 3: "processed"}
    assert seen(imap_server) == {1: True, 2: True, 3: True}
    assert not any(p.is_file() for p in (mail_settings.data_dir / "mailbox").rglob("*"))
    # nothing is fetched twice, even when a message is marked unread again by someone
    imap = imap_server.client()
    imap.select("INBOX")
    imap.uid("STORE", "2", "-FLAGS", r"(\Seen)")
    imap.logout()
    again = poll(mail_settings, store)
    assert again.messages == 0 and again.intake.stored == 0
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(MailboxMessage)) == 3
    assert seen(imap_server)[2]
    store.dispose()


def test_a_message_is_marked_processed_only_after_its_documents_are_committed(tmp_path, imap_server, mail_settings):
    a, b = write_reply(tmp_path / "A.docx", 1), write_reply(tmp_path / "B.docx", 2)
    imap_server.deliver(message("Phúc đáp", "hr@a.vn", [(a, "attachment"), (b, "attachment")]))
    code = ("from pipeline.config import get_settings; from pipeline.store import open_store; "
            "from pipeline.intake.mailbox import poll; s = get_settings(); poll(s, open_store(s.database_url))")
    env = dict(os.environ, REPLYFLOW_DATA_DIR=str(mail_settings.data_dir), REPLYFLOW_JOBS="2",
               REPLYFLOW_SETTLE_SECONDS="0", REPLYFLOW_IMAP_HOST=imap_server.host,
               REPLYFLOW_IMAP_PORT=str(imap_server.port), REPLYFLOW_IMAP_SECURITY="none",
               REPLYFLOW_IMAP_USER=imap_server.user, REPLYFLOW_IMAP_PASSWORD=imap_server.password,
               REPLYFLOW_CRASHPOINT="after_commit:1")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=300,
                          start_new_session=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    store = open_store(mail_settings.database_url)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 1
        assert s.scalars(select(MailboxMessage)).one().state == "fetched"
    assert seen(imap_server) == {1: False}                 # not yet: one document is still missing
    report = poll(mail_settings, store)                    # resumes from the staged attachments
    assert report.messages == 0 and report.intake.stored == 1 and report.processed == 1
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 2
        assert s.scalars(select(MailboxMessage)).one().state == "processed"
    assert seen(imap_server) == {1: True}
    store.dispose()


def test_a_wrong_password_or_missing_server_is_a_clean_error(mail_settings):
    store = open_store(mail_settings.database_url)
    with pytest.raises(MailboxError):
        poll(mail_settings.model_copy(update={"imap_password": None}), store)
    with pytest.raises(MailboxError):
        poll(mail_settings.model_copy(update={"imap_port": 1}), store)
    store.dispose()


def test_pdf_docx_and_scanned_image_parts_are_recognised_by_name_or_type():
    msg = EmailMessage()
    msg.set_content("x")
    msg.add_attachment(b"%PDF-1.4 ...", maintype="application", subtype="pdf")                 # no file name
    msg.add_attachment(b"PK..", maintype="application", subtype="octet-stream", filename="cv.DOCX")
    msg.add_attachment(b"GIF89a", maintype="image", subtype="gif", filename="logo.gif")
    msg.add_attachment(b"\x89PNG" + bytes(2000), maintype="image", subtype="png", filename="logo.png",
                       disposition="inline")                                                 # a signature's logo
    msg.add_attachment(b"\xff\xd8\xff" + bytes(MIN_IMAGE_BYTES), maintype="image", subtype="jpeg")    # a photo
    msg.add_attachment(b"II*\x00" + bytes(MIN_IMAGE_BYTES), maintype="application", subtype="octet-stream",
                       filename="scan.TIFF")
    assert [a.name for a in attachments_of(msg)] == ["attachment.pdf", "cv.DOCX", "attachment.jpg", "scan.TIFF"]


def test_a_scan_sent_as_a_jpeg_is_read_with_ocr(tmp_path, imap_server, mail_settings):
    from tests.support.samples import AN_PHAT
    from tests.support.scans import scanned_pages

    page = scanned_pages(AN_PHAT, tmp_path)[0]
    jpeg = tmp_path / "IMG_2031.jpg"
    page.save(jpeg, quality=85)
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "hr@anphat.vn", "bql@heza.gov.vn", "Phúc đáp (ảnh chụp)"
    msg.set_content("Gửi Ban ảnh chụp công văn.")
    msg.add_attachment(jpeg.read_bytes(), maintype="image", subtype="jpeg", filename=jpeg.name)
    imap_server.deliver(msg.as_bytes())
    store = open_store(mail_settings.database_url)
    report = poll(mail_settings, store)
    assert report.processed == 1 and report.intake.stored == 1
    with store.session() as s:
        doc = s.scalars(select(Document)).one()
        assert doc.file_name == "IMG_2031.jpg" and doc.source_kind == "mailbox"
        assert doc.status in ("extracted", "needs_review") and doc.extraction["source"]["ocr_used"] is True
    store.dispose()


def test_mail_over_implicit_tls_and_starttls_with_the_servers_certificate(tmp_path, tls_imap_server):
    from pipeline.config import get_settings

    server = tls_imap_server
    base = dict(data_dir=tmp_path / "data", jobs=2, settle_seconds=0, imap_host=server.host, imap_user=server.user,
                imap_password=server.password, imap_folder="INBOX", imap_ca_file=server.ca_file)
    implicit = get_settings(imap_security="tls", imap_port=server.tls_port, **base)
    starttls = get_settings(imap_security="starttls", imap_port=server.port, **base)
    store = open_store(implicit.database_url)
    for n, settings in enumerate((implicit, starttls), start=1):
        letter = write_reply(tmp_path / f"phuc_dap_{n}.docx", n)
        server.deliver(message(f"Phúc đáp {n}", "hr@a.vn", [(letter, "attachment")], msgid=f"<tls{n}@a.vn>"))
        report = poll(settings, store)
        assert report.processed == 1 and report.intake.stored == 1
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 2
    store.dispose()


def test_a_certificate_that_is_not_trusted_is_refused_and_nothing_is_fetched(tmp_path, tls_imap_server):
    from pipeline.config import get_settings

    server = tls_imap_server
    letter = write_reply(tmp_path / "phuc_dap.docx", 1)
    server.deliver(message("Phúc đáp", "hr@a.vn", [(letter, "attachment")]))
    for security, port in (("tls", server.tls_port), ("starttls", server.port)):
        settings = get_settings(data_dir=tmp_path / "data", jobs=2, settle_seconds=0, imap_host=server.host,
                                imap_port=port, imap_security=security, imap_user=server.user,
                                imap_password=server.password, imap_folder="INBOX")      # system CAs only
        store = open_store(settings.database_url)
        with pytest.raises(MailboxError, match="certificate verify failed"):
            poll(settings, store)
        store.dispose()
    assert seen(server) == {1: False}
