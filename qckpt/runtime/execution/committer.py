"""The commits of a run, made off its loop (:class:`Committer`).

A run's loop reads the record streams of its executions; a commit fsyncs
several files. Done on the loop's thread, the fsyncs would stall the reading,
and with it qir-runner, whose pipe would fill.
"""

from __future__ import annotations

import threading
import time

from qckpt.runtime.store import CheckpointStore


class Committer:
    """Commits the ledger from a thread of its own, so that the fsyncs of a
    commit (tens of ms on a busy disk) do not stall the reading of the
    record streams, and with it qir-runner, whose pipe would fill. The
    ledger is cumulative, so a commit still waiting when a newer one comes is
    replaced by it. Only this thread touches the store while it runs;
    :meth:`flush` waits until it is idle."""

    def __init__(self, store: CheckpointStore, program: bytes):
        self.store = store
        self.program = program
        self.commits = 0
        self.seconds: list[float] = []
        self.bytes = 0
        self._pending: tuple[str, bytes, bool] | None = None
        self._busy = False
        self._error: BaseException | None = None
        self._closed = False
        self._cv = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="qckpt-commit", daemon=True)
        self._thread.start()

    def submit(self, name: str, ledger: bytes, flush: bool = False) -> None:
        with self._cv:
            self.check()
            self._pending = (name, ledger, flush)
            self._cv.notify_all()

    def flush(self) -> None:
        with self._cv:
            while (self._pending is not None or self._busy) and self._error is None:
                self._cv.wait()
            self.check()

    def check(self) -> None:
        """Raise, in the caller's thread, the error of a failed commit."""
        if self._error is not None:
            err, self._error = self._error, None
            raise err

    def close(self) -> None:
        """Let a commit in progress finish (never cut one short); drop any
        that has not begun."""
        with self._cv:
            self._pending = None
            self._closed = True
            self._cv.notify_all()
        self._thread.join()

    def _run(self) -> None:
        while True:
            with self._cv:
                while self._pending is None and not self._closed:
                    self._cv.wait()
                if self._pending is None:
                    return
                name, ledger, flush = self._pending
                self._pending = None
                self._busy = True
            try:
                t0 = time.perf_counter()
                w = self.store.start_output(name)
                w.write("ledger", ledger)
                w.write("program", self.program)
                info = w.complete(valid=True, flush=flush)
                self.seconds.append(time.perf_counter() - t0)
                self.bytes += info.bytes
                self.commits += 1
            except BaseException as e:  # raised in the loop's thread by check()
                with self._cv:
                    self._error = e
                    self._pending = None
            finally:
                with self._cv:
                    self._busy = False
                    self._cv.notify_all()
