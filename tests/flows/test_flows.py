"""The Prefect flows (on a temporary Prefect server) and their deployments."""
from __future__ import annotations

import datetime as dt
import time

from sqlalchemy import func, select

from flows.common import batches, retry_on_io
from pipeline.store import open_store
from pipeline.store.models import Document
from tests.support.replies import write_letters, write_reply


def count_documents(settings) -> int:
    store = open_store(settings.database_url)
    try:
        with store.session() as s:
            return s.scalar(select(func.count()).select_from(Document))
    finally:
        store.dispose()


def test_intake_flow_takes_the_inbox_in_batches(prefect_harness, env_settings, monkeypatch):
    from flows.intake import intake_flow

    write_letters(env_settings.inbox, 5)
    monkeypatch.setenv("REPLYFLOW_BATCH_SIZE", "2")                    # three batch tasks
    report = intake_flow()
    assert report["stored"] == 5 and report["found"] == 5
    assert not any(env_settings.inbox.iterdir()) and count_documents(env_settings) == 5
    assert intake_flow()["stored"] == 0                                 # nothing twice


def _task_names(state, expected: list[str]) -> list[str]:
    """The names of the flow run's task runs, as the server recorded them (from events: asked again for a while
    until they are the expected ones)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    only_this_run = FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id]))
    deadline = time.monotonic() + 15
    with get_client(sync_client=True) as client:
        while True:
            names = sorted(r.name.rsplit("-", 1)[0] for r in client.read_task_runs(flow_run_filter=only_this_run))
            if names == expected or time.monotonic() > deadline:
                return names
            time.sleep(0.2)


def test_duplicates_get_a_task_only_when_there_are_some(prefect_harness, env_settings):
    from flows.intake import intake_flow

    first, _ = write_letters(env_settings.inbox, 2)
    state = intake_flow(return_state=True)
    assert state.result()["duplicates"] == 0
    expected = ["discover-and-plan", "extract-and-load-batch", "open-store"]
    assert _task_names(state, expected) == expected
    (env_settings.inbox / "again.docx").write_bytes(next(env_settings.data_dir.glob("archive/*/*/*")).read_bytes())
    state = intake_flow(return_state=True)
    assert state.result()["duplicates"] == 1 and not any(env_settings.inbox.iterdir())
    expected = ["discover-and-plan", "open-store", "settle-duplicates"]
    assert _task_names(state, expected) == expected


def test_run_ingest_extracts_ahead_of_the_flow_and_reports_progress(prefect_harness, env_settings):
    from flows.intake import _heads, run_ingest

    write_letters(env_settings.inbox, 4)
    seen = []
    report = run_ingest(env_settings, progress=lambda done, total: seen.append((done, total)))
    assert report.stored == 4 and seen[-1] == (4, 4) and not _heads
    assert count_documents(env_settings) == 4


def test_mailbox_flow_polls_the_real_imap_server(prefect_harness, env_settings, imap_server, monkeypatch, tmp_path):
    from email.message import EmailMessage

    from flows.mailbox import mailbox_flow

    msg = EmailMessage()
    msg["From"], msg["Subject"], msg["Message-ID"] = "hr@a.vn", "Phúc đáp", "<f1@a.vn>"
    msg.set_content("Gửi kèm công văn.")
    msg.add_attachment(write_reply(tmp_path / "A.docx", 1).read_bytes(), maintype="application",
                       subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename="A.docx")
    imap_server.deliver(msg.as_bytes())
    for key, value in dict(IMAP_HOST=imap_server.host, IMAP_PORT=str(imap_server.port), IMAP_SECURITY="none",
                           IMAP_USER=imap_server.user, IMAP_PASSWORD=imap_server.password).items():
        monkeypatch.setenv(f"REPLYFLOW_{key}", value)
    report = mailbox_flow()
    assert report["processed"] == 1 and report["intake"]["stored"] == 1
    assert count_documents(env_settings) == 1


def test_deployments_are_scheduled_nightly_and_every_15_minutes():
    from flows.deployments import deployments

    intake, mailbox = deployments()
    assert intake.name == "nightly-intake" and mailbox.name == "mailbox-poll"
    cron = intake.schedules[0].schedule
    assert (cron.cron, cron.timezone) == ("0 2 * * *", "Asia/Ho_Chi_Minh")
    assert mailbox.schedules[0].schedule.interval == dt.timedelta(minutes=15)


def test_only_io_failures_are_retried():
    class State:
        def __init__(self, exc):
            self.exc = exc

        def result(self):
            raise self.exc

    from sqlalchemy.exc import OperationalError

    assert retry_on_io(None, None, State(OSError("disk")))
    assert retry_on_io(None, None, State(OperationalError("x", {}, Exception("db gone"))))
    assert not retry_on_io(None, None, State(ValueError("bug")))
    assert list(batches(list(range(5)), 2)) == [[0, 1], [2, 3], [4]]
