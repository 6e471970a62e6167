"""The job a qckpt primitive returns.

qckpt runs a primitive's work in the caller's thread, before ``run``
returns: executions are started from the thread that owns them (their
``PR_SET_PDEATHSIG`` follows it, see the runtime's executor), and the
runtime's preemption handlers (SIGTERM, SIGUSR1) can only be installed in
the main thread. The job is therefore already final when the caller gets it.
"""

from __future__ import annotations

import uuid
from typing import Any

from qiskit.primitives import BasePrimitiveJob
from qiskit.providers import JobStatus


class FinishedJob(BasePrimitiveJob):
    """A primitive job whose result is already there."""

    def __init__(self, result: Any) -> None:
        super().__init__(str(uuid.uuid4()))
        self._result = result

    def result(self) -> Any:
        return self._result

    def status(self) -> JobStatus:
        return JobStatus.DONE

    def done(self) -> bool:
        return True

    def running(self) -> bool:
        return False

    def cancelled(self) -> bool:
        return False

    def in_final_state(self) -> bool:
        return True

    def cancel(self) -> None:
        """Nothing to cancel: the work is done."""
