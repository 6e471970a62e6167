"""The commits of a run, made off its loop (:class:`Committer`).

A run's loop reads the record streams of its executions; a commit fsyncs
several files. Done on the loop's thread, the fsyncs would stall the reading,
and with it qir-runner, whose pipe would fill. Each commit also closes the
journal segment it replaces and removes the segments no kept dataset needs.
"""

from __future__ import annotations

import threading
import time

from qckpt.runtime.store import CheckpointStore, journal_segments
from qckpt.runtime.store.journal import Journal

# The run's checkpointed program in qckpt IR, kept beside its QIR when the run
# was compiled from source: resuming on a narrower executor re-cuts it into
# segments (qckpt.runtime.execution.narrow_resume); QIR alone cannot be re-cut.
SOURCE_OBJECT = "source.mlir"


class Committer:
    """Commits the ledger from a thread of its own, so that the fsyncs of a
    commit (tens of ms on a busy disk) do not stall the reading of the
    record streams, and with it qir-runner, whose pipe would fill. The
    ledger is cumulative, so a commit still waiting when a newer one comes is
    replaced by it. Only this thread touches the store while it runs;
    :meth:`flush` waits until it is idle."""

    def __init__(self, store: CheckpointStore, program: bytes, store_dir: str, source: bytes | None = None):
        self.store = store
        self.program = program
        self.source = source
        self.store_dir = store_dir
        self._retired: list[Journal] = []  # journal segments rotated out: closed (synced) before the next commit
        self._segments: list[int] = []  # journal_from of each commit of this session
        self.commits = 0
        self.seconds: list[float] = []
        self.bytes = 0
        self._pending: tuple[str, bytes, bool, int] | None = None
        self._busy = False
        self._error: BaseException | None = None
        self._closed = False
        self._cv = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="qckpt-commit", daemon=True)
        self._thread.start()

    def submit(self, name: str, ledger: bytes, retired: Journal, journal_from: int, flush: bool = False) -> None:
        with self._cv:
            self._retired.append(retired)
            self.check()
            self._pending = (name, ledger, flush, journal_from)
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
        self._close_retired()

    def _close_retired(self) -> None:
        with self._cv:
            retired, self._retired = self._retired, []
        for j in retired:
            j.close()

    def _forget_segments(self, journal_from: int) -> None:
        """Remove the journal segments no kept dataset needs: once this
        session has committed ``keep`` datasets, they are the ones the store
        keeps, and the oldest of them holds every shot of the segments
        before its ``journal_from``."""
        self._segments.append(journal_from)
        keep = self.store.keep
        if keep is None or len(self._segments) < keep:
            return
        journal_segments.remove_before(self.store_dir, self._segments[-keep])

    def _run(self) -> None:
        while True:
            with self._cv:
                while self._pending is None and not self._closed:
                    self._cv.wait()
                if self._pending is None:
                    return
                name, ledger, flush, journal_from = self._pending
                self._pending = None
                self._busy = True
            try:
                t0 = time.perf_counter()
                self._close_retired()
                w = self.store.start_output(name)
                w.write("ledger", ledger)
                w.write("program", self.program)
                if self.source is not None:  # every dataset carries it: pruning drops the older ones
                    w.write(SOURCE_OBJECT, self.source)
                info = w.complete(valid=True, flush=flush)
                self.seconds.append(time.perf_counter() - t0)
                self.bytes += info.bytes
                self.commits += 1
                self._forget_segments(journal_from)
            except BaseException as e:  # raised in the loop's thread by check()
                with self._cv:
                    self._error = e
                    self._pending = None
            finally:
                with self._cv:
                    self._busy = False
                    self._cv.notify_all()
