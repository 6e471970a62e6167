"""Committing logical checkpoints, in line or from a background writer.

A durable dataset commit (files, manifest, index, each fsynced: some 60
file-system calls) takes tens of milliseconds on a shared file system; a
window of a distance-5 memory (5 rounds) takes about five. So a background
writer commits while the run goes on, and every window end (each time the
decoder commits a region, ``DecoderConfig.commit`` rounds) is committed in
two tiers:

- **window ends** go to a *window journal* beside the datasets
  (:mod:`qckpt.runtime.store.journal`: append-only, crc32-checked frames),
  one frame per window end holding the decoder state and the simulation aid;
  the writer appends every frame it has and fsyncs once (two system calls
  per batch, however many window ends queued while the disk was busy). The
  run serialises the frame itself (about 0.1 ms at d = 5, 0.4 ms at d = 11):
  that is its copy, and the writer holds the interpreter only to hand the
  bytes to ``write``;
- **datasets** (decoder state, simulation aid, program, run description:
  self-describing, what ``qckpt resume`` and ``inspect`` need) are written
  as before, of a round end the writer can start on at once: the writer is
  idle and ``min_interval`` has passed since its last dataset. Each dataset
  starts a journal segment of its own (``windows.<dataset id>``), holding
  the window ends after it.

A restore takes the newest intact dataset, then the newest intact frame of
its segment (:func:`windows_after`). A frame is self-contained (a whole
decoder state, not a delta), crc32-checked by the journal and sha256-checked
by the state, and a kill leaves at most a torn last frame, which replay
stops before: so a kill at any point leaves the last committed window end
(or dataset) intact and restorable. Segments of datasets the store no
longer keeps are removed.

``flush()`` always commits the newest round end offered as a dataset,
whatever the interval, and waits until it and every queued window end are
on disk: a stop commits exactly the round it stops at, and the final result
is written.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from dataclasses import replace

import numpy as np

from qckpt.qec.decoder import DecoderState
from qckpt.qec.simulation import SimulatorFrame
from qckpt.runtime.store import CheckpointStore
from qckpt.runtime.store.journal import Journal

DECODER, AID, PROGRAM, RUN, OUTCOMES = "decoder", "simulation-aid", "program", "run.json", "outcomes"

Snapshot = tuple[DecoderState, SimulatorFrame, "np.ndarray | None"]

WINDOW_FORMAT = "qckpt-logical-window"
_SEGMENT = re.compile(r"^windows\.(\d{6,})$")


def segment_path(store_dir: str, dataset_id: int) -> str:
    """The window journal of the window ends committed after dataset ``dataset_id``."""
    return os.path.join(store_dir, f"windows.{dataset_id:06d}")


def window_frame(state: DecoderState, frame: SimulatorFrame) -> tuple[int, bytes]:
    """A window end as one journal frame: a head line, the decoder state, the aid (kept apart)."""
    decoder = state.to_bytes()
    head = json.dumps({"format": WINDOW_FORMAT, "layer": state.layer, "decoder": len(decoder)}).encode()
    return state.layer, head + b"\n" + decoder + frame.to_bytes()


def windows_after(store_dir: str, dataset_id: int, layer: int) -> list[tuple[int, bytes, bytes]]:
    """The intact window ends journaled after dataset ``dataset_id`` that are
    later than ``layer``, newest first, as (layer, decoder state, aid)."""
    path = segment_path(store_dir, dataset_id)
    if not os.path.exists(path):
        return []
    out = []
    for payload in Journal.replay(path):  # intact frames only: a torn tail is where replay stops
        head_text, _, rest = bytes(payload).partition(b"\n")
        try:
            head = json.loads(head_text)
            if head.get("format") != WINDOW_FORMAT:
                continue
            n, at = int(head["decoder"]), int(head["layer"])
        except (ValueError, KeyError, TypeError):
            continue
        if at > layer:
            out.append((at, rest[:n], rest[n:]))
    return out[::-1]


def commit(store: CheckpointStore, state: DecoderState, frame: SimulatorFrame, outcomes: np.ndarray | None, program: bytes, run_json: bytes) -> int:
    """One dataset: the decoder state, the simulation aid apart from it, and what the run is. Its id."""
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
    return w.complete(valid=True).id


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
        self.committed: list[int] = []  # the round ends written as datasets, in order
        self.windows: list[int] = []  # the window ends journaled, in order
        self._frames: list[tuple[int, bytes]] = []  # window ends serialised, not yet handed to the journal
        self._journal: Journal | None = None  # the segment of the newest dataset this process committed
        self._ids: list[int] = []  # the datasets this process committed
        self._thread: threading.Thread | None = None
        if background:
            self._thread = threading.Thread(target=self._write_loop, name="qckpt-logical-commits", daemon=True)
            self._thread.start()

    def offer(self, state: DecoderState, frame: SimulatorFrame, outcomes: np.ndarray | None = None, window_end: bool = False) -> None:
        """A round end; in the background, journaled if it is a window end, and
        snapshotted for a dataset only if the writer can start on it now."""
        if not self.background:
            self._write((state, frame, outcomes))
            return
        self._latest = (state, frame, outcomes, state.layer)
        if window_end:
            item = window_frame(state, frame)
            with self._cond:
                self._raise()
                self._frames.append(item)
                self._cond.notify()
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
            while (self._pending is not None or self._frames or self._busy) and self._error is None:
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
        if self._journal is not None:
            self._journal.close()
            self._journal = None

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
        dataset = commit(self.store, state, frame, outcomes, self.program, self.run_json)
        self.committed.append(state.layer)
        if self.background:
            self._rotate(dataset)

    def _rotate(self, dataset: int) -> None:
        """Start the window journal of the dataset just committed; drop the
        segments of datasets the store no longer keeps."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        path = segment_path(self.store.path, dataset)
        if os.path.exists(path):  # a leftover of an earlier process under this id: not this dataset's
            os.unlink(path)
        self._journal = Journal.open(path, sync_interval=None)
        self._ids.append(dataset)
        keep = self.store.keep
        if keep is not None and len(self._ids) >= keep:
            for name in os.listdir(self.store.path):
                m = _SEGMENT.match(name)
                if m and int(m[1]) < self._ids[-keep]:
                    try:
                        os.unlink(os.path.join(self.store.path, name))
                    except FileNotFoundError:
                        pass

    def _journal_frames(self, frames: list[tuple[int, bytes]]) -> None:
        """Append window ends to the newest dataset's segment, one fsync for them all."""
        if not frames:
            return
        if self._journal is None:  # no dataset of this process yet: nothing to hang them on
            return
        for _, payload in frames:
            self._journal.append(payload)
        self._journal.sync()
        self.windows += [layer for layer, _ in frames]

    def _write_loop(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and not self._frames and not self._closing:
                    self._cond.wait()
                if self._pending is None and not self._frames:
                    return
                snap, frames = self._pending, self._frames
                self._pending, self._frames, self._busy = None, [], True
            try:
                if snap is None:
                    self._journal_frames(frames)
                else:
                    # Window ends before the dataset go into the previous segment; the one
                    # it is itself is in the dataset; the later ones follow it.
                    layer = snap[0].layer
                    self._journal_frames([f for f in frames if f[0] < layer])
                    self._write(snap)
                    self._journal_frames([f for f in frames if f[0] > layer])
            except BaseException as e:  # handed to the run's thread at its next offer or flush
                with self._cond:
                    self._error = e
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
