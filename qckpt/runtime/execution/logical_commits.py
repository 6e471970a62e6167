"""Committing logical checkpoints, in line or from a background writer.

A durable commit (files, manifest, index, each fsynced) takes tens of
milliseconds on a shared file system; a round of a distance-5 memory takes
about one. Committing in line at every round end would make the run wait on
the disk most of the time, so a background writer commits while the run
goes on, and every committed dataset is a consistent round end: a restart
is as exact as with in-line commits, it may just start a few rounds earlier
(as SCR / VeloC flush asynchronously).

The run offers every round end; the committer takes a snapshot (a copy of
a few small arrays) only of a round end the writer can start on at once:
the writer is idle and ``min_interval`` has passed since its last commit.
Other round ends cost the run a clock read and are not written. Copying
every round end and waking the writer for each (to keep only the newest)
cost a distance-5 run a fifth of its rounds per second, to GIL hand-overs
more than to copying (``docs/benchmarks.md``). ``flush()`` always snapshots
the newest round end offered, whatever the interval, and waits until it is
on disk: a stop commits exactly the round it stops at, and the final result
is written.

``min_interval`` (seconds; ``qckpt run --sync-interval``, as for the
journal) spaces the commits: a commit holds the interpreter for some
milliseconds of serialising and hashing, and spacing them bounds what that
takes from the run, at the price of at most that long of rounds redone
after a kill.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import numpy as np

from qckpt.qec.decoder import DecoderState
from qckpt.qec.simulation import SimulatorFrame
from qckpt.runtime.store import CheckpointStore

DECODER, AID, PROGRAM, RUN, OUTCOMES = "decoder", "simulation-aid", "program", "run.json", "outcomes"

Snapshot = tuple[DecoderState, SimulatorFrame, "np.ndarray | None"]


def commit(store: CheckpointStore, state: DecoderState, frame: SimulatorFrame, outcomes: np.ndarray | None, program: bytes, run_json: bytes) -> None:
    """One dataset: the decoder state, the simulation aid apart from it, and what the run is."""
    w = store.start_output(f"round-{state.layer}" if outcomes is None else "final")
    try:
        w.write(DECODER, state.to_bytes())
        w.write(AID, frame.to_bytes())
        if outcomes is not None:
            w.write(OUTCOMES, np.packbits(outcomes, axis=1).tobytes())
        w.write(PROGRAM, program)
        w.write(RUN, run_json)
    except BaseException:
        w.abort()
        raise
    w.complete(valid=True)


def snapshot(state: DecoderState, frame: SimulatorFrame, outcomes: np.ndarray | None) -> Snapshot:
    """A copy of a round end that the run may go on mutating (the decoder updates its frame in place)."""
    return (
        replace(state, frame=state.frame.copy(), window=state.window.copy(), last_measurements=state.last_measurements.copy()),
        SimulatorFrame(frame.layer, frame.xs.copy(), frame.zs.copy()),
        None if outcomes is None else outcomes.copy(),
    )


class LogicalCommitter:
    """See the module docstring; ``background=False`` commits every offer in line."""

    def __init__(self, store: CheckpointStore, program: bytes, run_json: bytes, background: bool, min_interval: float = 0.0) -> None:
        self.store, self.program, self.run_json = store, program, run_json
        self.background = background
        self.min_interval = min_interval
        self._next = 0.0  # monotonic time before which no round end is snapshotted (unless flushed)
        self._cond = threading.Condition()
        self._pending: Snapshot | None = None
        self._busy = False  # the writer is committing (set and cleared under the condition)
        self._error: BaseException | None = None
        self._closing = False
        self._latest: tuple[DecoderState, SimulatorFrame, np.ndarray | None, int] | None = None  # the newest offer, not copied
        self._snapped = -1  # the layer of the newest snapshot handed to the writer
        self.snapshots = 0  # round ends copied for the writer (what the run paid for)
        self.committed: list[int] = []  # the round ends written, in order
        self._thread: threading.Thread | None = None
        if background:
            self._thread = threading.Thread(target=self._write_loop, name="qckpt-logical-commits", daemon=True)
            self._thread.start()

    def offer(self, state: DecoderState, frame: SimulatorFrame, outcomes: np.ndarray | None = None) -> None:
        """A round end; in the background, snapshotted only if the writer can start on it now."""
        if not self.background:
            self._write((state, frame, outcomes))
            return
        self._latest = (state, frame, outcomes, state.layer)
        # Unlocked reads: a stale value only moves a snapshot by one round end.
        if self._busy or self._pending is not None or time.monotonic() < self._next:
            if self._error is not None:
                with self._cond:
                    self._raise()
            return
        self._hand(urgent=False)

    def flush(self) -> None:
        """Commit the newest round end offered (called at that round end) and wait until it is on disk."""
        if not self.background:
            return
        with self._cond:
            self._raise()
        if self._latest is not None and self._latest[3] != self._snapped:
            self._hand(urgent=True)
        with self._cond:
            while (self._pending is not None or self._busy) and self._error is None:
                self._cond.wait()
            self._raise()

    def close(self) -> None:
        """Stop the writer after what it has (callers flush first when they need it written)."""
        if self._thread is None:
            return
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self._thread.join()
        self._thread = None

    def _hand(self, urgent: bool) -> None:
        state, frame, outcomes, layer = self._latest  # type: ignore[misc]
        if state.layer != layer or frame.layer != layer:
            raise RuntimeError(f"logical commits: the run moved on from round {layer} before it was snapshotted")
        snap = snapshot(state, frame, outcomes)
        self.snapshots += 1
        self._snapped = layer
        with self._cond:
            self._raise()
            self._pending = snap  # replaces an older one only when a flush overtakes it
            if not urgent:
                self._next = time.monotonic() + self.min_interval
            self._cond.notify()

    def _raise(self) -> None:
        if self._error is not None:
            err, self._error = self._error, None
            raise err

    def _write(self, snap: Snapshot) -> None:
        state, frame, outcomes = snap
        commit(self.store, state, frame, outcomes, self.program, self.run_json)
        self.committed.append(state.layer)

    def _write_loop(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and not self._closing:
                    self._cond.wait()
                if self._pending is None:
                    return
                snap, self._pending, self._busy = self._pending, None, True
            try:
                self._write(snap)
            except BaseException as e:  # handed to the run's thread at its next offer or flush
                with self._cond:
                    self._error = e
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
