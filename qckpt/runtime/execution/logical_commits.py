"""Committing logical checkpoints, in line or from a background writer.

A durable commit (files, manifest, index, each fsynced) takes tens of
milliseconds on a shared file system; a round of a distance-5 memory takes
about one. Committing in line at every round end would make the run wait on
the disk most of the time. The background writer takes a snapshot of the
state at each round end (a copy of a few small arrays) and always writes the
newest one it has been offered: when the disk is slower than the rounds,
round ends in between are not written (latest wins), as SCR / VeloC flush
asynchronously. Every committed dataset is a consistent round end, so a
restart is as exact as with in-line commits; it may just start a few rounds
earlier. ``flush()`` waits for the newest snapshot to be on disk (before a
stop, and for the final result).

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


class LogicalCommitter:
    """See the module docstring; ``background=False`` commits every offer in line."""

    def __init__(self, store: CheckpointStore, program: bytes, run_json: bytes, background: bool, min_interval: float = 0.0) -> None:
        self.store, self.program, self.run_json = store, program, run_json
        self.background = background
        self.min_interval = min_interval
        self._next = 0.0  # monotonic time before which the writer waits (unless flushed)
        self._urgent = False
        self._cond = threading.Condition()
        self._pending: tuple | None = None
        self._busy = False
        self._error: BaseException | None = None
        self._closing = False
        self.committed: list[int] = []  # the round ends written, in order
        self._thread: threading.Thread | None = None
        if background:
            self._thread = threading.Thread(target=self._write_loop, name="qckpt-logical-commits", daemon=True)
            self._thread.start()

    def offer(self, state: DecoderState, frame: SimulatorFrame, outcomes: np.ndarray | None = None) -> None:
        snap = (
            replace(state, frame=state.frame.copy(), window=state.window.copy(), last_measurements=state.last_measurements.copy()),
            SimulatorFrame(frame.layer, frame.xs.copy(), frame.zs.copy()),
            None if outcomes is None else outcomes.copy(),
        )
        if not self.background:
            self._write(snap)
            return
        with self._cond:
            self._raise()
            self._pending = snap
            self._cond.notify_all()

    def flush(self) -> None:
        if not self.background:
            return
        with self._cond:
            self._urgent = True
            self._cond.notify_all()
            while (self._pending is not None or self._busy) and self._error is None:
                self._cond.wait()
            self._urgent = False
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

    def _raise(self) -> None:
        if self._error is not None:
            err, self._error = self._error, None
            raise err

    def _write(self, snap: tuple) -> None:
        state, frame, outcomes = snap
        commit(self.store, state, frame, outcomes, self.program, self.run_json)
        self.committed.append(state.layer)

    def _write_loop(self) -> None:
        while True:
            with self._cond:
                while not self._closing:
                    wait = None if self._pending is None else (0.0 if self._urgent else self._next - time.monotonic())
                    if wait is not None and wait <= 0:
                        break
                    self._cond.wait(wait)
                if self._pending is None:
                    return
                snap, self._pending, self._busy = self._pending, None, True
                self._next = time.monotonic() + self.min_interval
            try:
                self._write(snap)
            except BaseException as e:  # handed to the run's thread at its next offer or flush
                with self._cond:
                    self._error = e
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
