"""Prefect's own records after a crash: a flow run whose process was killed stays `Running` forever.

Each intake and mailbox run tags itself with the process that runs it (`pid:<pid>@<host>`) and, before it
starts, marks `Crashed` the runs of the same flow that say they are running in a process of this machine that
no longer exists. Nothing in replyflow's store depends on this: the intake settles what a killed run left behind
on its own (docs/operations.md); this keeps the Prefect UI truthful.
"""
from __future__ import annotations

import os
import socket

from prefect import get_run_logger
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (FlowFilter, FlowFilterName, FlowRunFilter, FlowRunFilterState,
                                            FlowRunFilterStateType)
from prefect.client.schemas.objects import StateType
from prefect.context import get_run_context
from prefect.states import Crashed

from pipeline.intake.claims import pid_alive

PID_TAG = "pid:"


def _own_tag() -> str:
    return f"{PID_TAG}{os.getpid()}@{socket.gethostname()}"


def _dead_here(tags: list[str]) -> bool:
    """The run names a process of this machine, and that process is gone."""
    host = socket.gethostname()
    for tag in tags:
        if tag.startswith(PID_TAG) and tag.endswith("@" + host):
            try:
                pid = int(tag[len(PID_TAG):-len(host) - 1])
            except ValueError:
                return False
            if pid == os.getpid():
                return False
            return not pid_alive(pid)
    return False


def claim_run_and_settle_dead_ones(flow_name: str) -> int:
    """Tag the current flow run with its process; mark crashed the runs of `flow_name` whose process died.
    Returns how many were marked. Never fails the flow: this is bookkeeping."""
    try:
        current = get_run_context().flow_run
        with get_client(sync_client=True) as client:
            client.update_flow_run(current.id, tags=[*(current.tags or []), _own_tag()])
            running = client.read_flow_runs(
                flow_filter=FlowFilter(name=FlowFilterName(any_=[flow_name])),
                flow_run_filter=FlowRunFilter(state=FlowRunFilterState(
                    type=FlowRunFilterStateType(any_=[StateType.RUNNING]))))
            dead = [run for run in running if run.id != current.id and _dead_here(run.tags or [])]
            for run in dead:
                client.set_flow_run_state(run.id, Crashed(message="Its process was killed; a later run settled "
                                                                  "what it left."), force=True)
        if dead:
            get_run_logger().warning("marked %d earlier %s run(s) crashed: their process had died", len(dead),
                                     flow_name)
        return len(dead)
    except Exception as exc:  # noqa: BLE001
        get_run_logger().warning("could not settle earlier runs: %s", exc)
        return 0
