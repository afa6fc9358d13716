"""Deployments: the intake nightly at 02:00 Asia/Ho_Chi_Minh, the mailbox every 15 minutes.

`replyflow serve` serves both from one long-running process (flow.serve); prefect.yaml deploys the same flows
to a process work pool for workers on several machines.
"""
from __future__ import annotations

import datetime as dt

from prefect import serve
from prefect.schedules import Cron, Interval

from flows.intake import intake_flow
from flows.mailbox import mailbox_flow

TIMEZONE = "Asia/Ho_Chi_Minh"
NIGHTLY = "0 2 * * *"
MAILBOX_EVERY = dt.timedelta(minutes=15)


def deployments(*, with_mailbox: bool = True) -> list:
    out = [intake_flow.to_deployment(name="nightly-intake", schedules=[Cron(NIGHTLY, timezone=TIMEZONE)],
                                     concurrency_limit=1, tags=["replyflow"])]
    if with_mailbox:
        out.append(mailbox_flow.to_deployment(name="mailbox-poll", concurrency_limit=1, tags=["replyflow"],
                                              schedules=[Interval(MAILBOX_EVERY, timezone=TIMEZONE)]))
    return out


def serve_all(*, with_mailbox: bool = True) -> None:
    serve(*deployments(with_mailbox=with_mailbox))
