"""Signals that ask a run to stop: SIGINT (Ctrl-C), SIGTERM and SIGUSR1
(what a scheduler sends before it ends a job).

A handler only counts the signal; the run loop reads the count between two
steps, so a signal never cuts a commit short. The first signal asks the run
to stop at its executions' next shot ends and commit; a second one, of any
kind, asks it to stop at once (it still commits what it holds, so that what
is printed and what ``qckpt inspect`` shows agree).

The command line installs the handlers before it compiles the program, so a
signal that comes while the program compiles or the store opens is not lost:
the run then stops as soon as its loop starts.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

PREEMPT_SIGNALS = (signal.SIGTERM, signal.SIGUSR1)  # what a scheduler sends before it ends a job

# What a stopped run's status is, by the first signal it received.
STOP_SIGNALS: dict[int, str] = {
    signal.SIGINT: "interrupted",
    signal.SIGTERM: "preempted",
    signal.SIGUSR1: "preempted",
}


class StopRequests:
    """How many stop signals came, and which came first."""

    def __init__(self) -> None:
        self.count = 0
        self.first: int | None = None

    def request(self, signum: int) -> None:
        if self.first is None:
            self.first = signum
        self.count += 1

    @property
    def status(self) -> str:
        """The status a run stopped by these signals ends in."""
        return STOP_SIGNALS.get(self.first or signal.SIGTERM, "preempted")

    def _handler(self, signum: int, frame: object) -> None:
        self.request(signum)

    @contextmanager
    def installed(self, sigint: bool = True) -> Iterator[StopRequests]:
        """Count stop signals while the block runs (only the main thread can
        set handlers; elsewhere this does nothing and the caller's handlers
        stay). ``sigint=False`` leaves Ctrl-C to the caller (a library
        caller gets its KeyboardInterrupt, as from any other call)."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        caught = STOP_SIGNALS if sigint else PREEMPT_SIGNALS
        old = {s: signal.signal(s, self._handler) for s in caught}
        try:
            yield self
        finally:
            for s, h in old.items():
                signal.signal(s, h)
