"""The mailbox source: DOCX/PDF attachments (inline ones too) of unseen IMAP messages into the intake.

A message is keyed by (account, folder, UIDVALIDITY, UID). Its attachments are staged in DATA_DIR/mailbox/ and
recorded (state "fetched"); the intake then stores them with the message's sender, subject, date and
Message-ID; only when every attachment's document is committed does the message become "processed" and get
the \\Seen flag on the server. A message without attachments is recorded once ("no_attachments") and never
fetched again. A run killed anywhere resumes from the staged files.
"""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import imaplib
import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import select

from extractors.readers import IMAGE_SUFFIXES, SUFFIX_OF, SUFFIXES
from pipeline.config import Settings
from pipeline.intake import ExtractionStream, IngestReport, Intake, Item
from pipeline.intake.files import Candidate, safe_name
from pipeline.intake.process import Progress
from pipeline.private import private_dirs, private_file
from pipeline.runtime.extract import sha256_file
from pipeline.store import Store
from pipeline.store.load import SourceInfo
from pipeline.store.models import MailboxMessage, MessageState

# A scanned or photographed page is hundreds of kilobytes; a logo or an icon in a signature is a few dozen.
MIN_IMAGE_BYTES = 40_000


class MailboxError(RuntimeError):
    """The IMAP server cannot be reached, refused the login, or has no such folder."""


@dataclass
class Attachment:
    name: str
    payload: bytes


@dataclass
class MailboxReport:
    messages: int = 0               # new messages looked at
    no_attachments: int = 0
    attachments: int = 0
    processed: int = 0              # messages marked processed (and \\Seen) in this run
    intake: IngestReport = field(default_factory=IngestReport)

    def to_json(self) -> dict:
        return {"messages": self.messages, "no_attachments": self.no_attachments, "attachments": self.attachments,
                "processed": self.processed, "intake": self.intake.to_json()}


def attachments_of(message: EmailMessage) -> list[Attachment]:
    """Every DOCX or PDF part, whether 'attachment' or 'inline', forwarded messages included; and every JPEG, PNG
    or TIFF image large enough to be a scanned page (not a logo in the sender's signature)."""
    found = []
    for part in message.walk():
        if part.is_multipart():
            continue
        name = part.get_filename() or ""
        ctype = part.get_content_type()
        suffix = Path(name).suffix.lower()
        if suffix not in SUFFIXES and ctype not in SUFFIX_OF:
            continue
        payload = part.get_payload(decode=True)
        if not payload:
            continue
        if (suffix in IMAGE_SUFFIXES or ctype.startswith("image/")) and len(payload) < MIN_IMAGE_BYTES:
            continue
        if suffix not in SUFFIXES:
            name = f"{Path(name).stem or 'attachment'}{SUFFIX_OF[ctype]}"
        found.append(Attachment(safe_name(Path(name).name), payload))
    return found


def _header(message: EmailMessage, name: str) -> str | None:
    try:
        value = message.get(name)
    except (ValueError, IndexError):   # a malformed header: keep what can be read
        value = message.get_all(name, failobj=[None])[0]
    return str(value).strip() if value is not None else None


def _sent_at(message: EmailMessage) -> dt.datetime | None:
    try:
        when = email.utils.parsedate_to_datetime(_header(message, "Date") or "")
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


@contextmanager
def imap_session(settings: Settings) -> Iterator[imaplib.IMAP4]:
    if not settings.imap_host or not settings.imap_user:
        raise MailboxError("no mailbox configured (REPLYFLOW_IMAP_HOST, REPLYFLOW_IMAP_USER)")
    password = settings.imap_password.get_secret_value() if settings.imap_password else ""
    try:
        context = ssl.create_default_context(cafile=settings.imap_ca_file)
        if settings.imap_security == "tls":
            imap = imaplib.IMAP4_SSL(settings.imap_host, settings.imap_port, ssl_context=context, timeout=60)
        else:
            imap = imaplib.IMAP4(settings.imap_host, settings.imap_port, timeout=60)
            if settings.imap_security == "starttls":
                imap.starttls(ssl_context=context)
        imap.login(settings.imap_user, password)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailboxError(f"cannot log in to {settings.imap_account}: {exc}") from exc
    try:
        yield imap
    finally:
        try:
            imap.logout()
        except (OSError, imaplib.IMAP4.error):
            pass


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _uidvalidity(imap: imaplib.IMAP4, folder: str) -> int:
    typ, _ = imap.select(_quote(folder))
    if typ != "OK":
        raise MailboxError(f"no folder {folder!r}")
    _, data = imap.response("UIDVALIDITY")
    return int(data[0])


def _unseen(imap: imaplib.IMAP4) -> list[int]:
    typ, data = imap.uid("SEARCH", None, "UNSEEN")
    if typ != "OK":
        raise MailboxError(f"UID SEARCH failed: {data}")
    return [int(u) for u in (data[0] or b"").split()]


def _fetch(imap: imaplib.IMAP4, uid: int) -> EmailMessage | None:
    typ, data = imap.uid("FETCH", str(uid), "(BODY.PEEK[])")     # PEEK: \\Seen only once processed
    raw = next((part[1] for part in data if isinstance(part, tuple)), None) if typ == "OK" else None
    return email.message_from_bytes(raw, policy=email.policy.default) if raw else None


def _mark_seen(imap: imaplib.IMAP4, uids: list[int]) -> None:
    for i in range(0, len(uids), 200):
        imap.uid("STORE", ",".join(map(str, uids[i:i + 200])), "+FLAGS.SILENT", r"(\Seen)")


def poll(settings: Settings, store: Store, *, progress: Progress | None = None) -> MailboxReport:
    """One pass over the mailbox folder: fetch new messages, take their attachments in, mark them processed."""
    report = MailboxReport()
    account, folder = settings.imap_account, settings.imap_folder
    with imap_session(settings) as imap:
        uidvalidity = _uidvalidity(imap, folder)
        unseen = _unseen(imap)
        with store.session() as session:
            known = dict(session.execute(select(MailboxMessage.uid, MailboxMessage.state).where(
                MailboxMessage.account == account, MailboxMessage.folder == folder,
                MailboxMessage.uidvalidity == uidvalidity)).all())
        _mark_seen(imap, [u for u in unseen if known.get(u) in (MessageState.processed, MessageState.no_attachments)])
        for uid in (u for u in unseen if u not in known):
            _stage(imap, store, settings, account, folder, uidvalidity, uid, report)
        report.intake = _take_staged(settings, store, account, folder, progress)
        done = _finish(settings, store, account, folder, uidvalidity)
        _mark_seen(imap, done)
        report.processed = len(done)
    return report


def _stage(imap: imaplib.IMAP4, store: Store, settings: Settings, account: str, folder: str, uidvalidity: int,
           uid: int, report: MailboxReport) -> None:
    message = _fetch(imap, uid)
    if message is None:
        return
    report.messages += 1
    files = attachments_of(message)
    staged = []
    box = settings.mail_dir / f"{safe_name(account)}" / f"{uidvalidity}_{uid}"
    for i, att in enumerate(files):
        path = box / str(i) / att.name                    # one folder each: the name stays the sender's
        private_dirs(path.parent)
        tmp = path.with_name("." + path.name + ".tmp")
        tmp.write_bytes(att.payload)
        private_file(tmp)
        tmp.replace(path)
        staged.append({"name": att.name, "path": str(path.relative_to(settings.data_dir))})
    report.attachments += len(staged)
    report.no_attachments += not staged
    with store.session() as session:
        session.add(MailboxMessage(
            account=account, folder=folder, uidvalidity=uidvalidity, uid=uid,
            state=MessageState.fetched if staged else MessageState.no_attachments,
            message_id=_header(message, "Message-ID"), sender=_header(message, "From"),
            subject=_header(message, "Subject"), sent_at=_sent_at(message), attachments=staged,
            processed_at=None if staged else dt.datetime.now(dt.timezone.utc)))
    if not staged:
        _mark_seen(imap, [uid])


def _staged_items(settings: Settings, store: Store, account: str, folder: str) -> list[Item]:
    with store.session() as session:
        rows = session.scalars(select(MailboxMessage).where(
            MailboxMessage.account == account, MailboxMessage.folder == folder,
            MailboxMessage.state == MessageState.fetched)).all()
    items = []
    for row in rows:
        source = SourceInfo(kind="mailbox", path=f"{row.folder}/{row.uidvalidity}/{row.uid}",
                            received_at=row.sent_at or row.created_at, sender=row.sender, subject=row.subject,
                            message_id=row.message_id, mailbox_message_id=row.id)
        for att in row.attachments:
            path = settings.data_dir / att["path"]
            try:
                st = path.stat()
                items.append(Item(Candidate(path, st.st_size, st.st_mtime_ns, sha256_file(path)), source))
            except FileNotFoundError:
                continue                                   # taken in already by an interrupted run
    return items


def _take_staged(settings: Settings, store: Store, account: str, folder: str,
                 progress: Progress | None) -> IngestReport:
    started = time.monotonic()
    items = _staged_items(settings, store, account, folder)
    intake = Intake(settings, store, progress=progress, actor="mailbox")
    plan = intake.plan(items)
    report = intake.settle_leftovers(plan.leftovers)
    with ExtractionStream([i.path for i in plan.todo], jobs=min(settings.jobs, max(1, len(plan.todo)))) as stream:
        results = (r for _, r in stream.results([i.path for i in plan.todo]))
        report.merge(intake.process(zip(plan.todo, results)))
    report.merge(intake.settle_copies(plan.copies))
    report.found = len(items)
    report.seconds = time.monotonic() - started
    return report


def _finish(settings: Settings, store: Store, account: str, folder: str, uidvalidity: int) -> list[int]:
    """Messages whose staged attachments have all left the staging folder (their documents are committed)."""
    done = []
    with store.session() as session:
        rows = session.scalars(select(MailboxMessage).where(
            MailboxMessage.account == account, MailboxMessage.folder == folder,
            MailboxMessage.state == MessageState.fetched)).all()
        for row in rows:
            if not any((settings.data_dir / a["path"]).exists() for a in row.attachments):
                row.state, row.processed_at = MessageState.processed, dt.datetime.now(dt.timezone.utc)
                if row.uidvalidity == uidvalidity:
                    done.append(row.uid)
    return done
