"""What the flows share: which failures are worth a retry (I/O only), and batching."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from prefect.client.schemas.objects import TaskRun
from prefect.states import State
from sqlalchemy.exc import InterfaceError, OperationalError

from pipeline.intake.mailbox import MailboxError
from pipeline.store import StoreUnavailable

T = TypeVar("T")

#: I/O: a file system hiccup, a database or mail server that went away. Anything else is a bug or bad data,
#: and retrying it would only repeat it.
IO_ERRORS = (OSError, OperationalError, InterfaceError, StoreUnavailable, MailboxError)


def retry_on_io(task, task_run: TaskRun, state: State) -> bool:  # noqa: ANN001
    try:
        state.result()
    except IO_ERRORS:
        return True
    except BaseException:  # noqa: BLE001
        return False
    return False


def batches(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield list(items[i:i + size])
