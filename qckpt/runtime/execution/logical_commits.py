"""Committing logical checkpoints, in line or from a background writer process.

A durable dataset commit (files, manifest, index, each fsynced: some 60
file-system calls) takes tens of milliseconds on a shared file system; a
window of a distance-5 memory (5 rounds) takes about five. So a writer
process (:mod:`~qckpt.runtime.execution.logical_writer`) commits while the
run goes on, and every window end (each time the decoder commits a region,
``DecoderConfig.commit`` rounds) is committed, in one of two tiers:

- a **window journal** beside the datasets (:mod:`qckpt.runtime.store.journal`:
  append-only, crc32-checked frames): one frame per window end, holding the
  decoder state and, apart from it, the simulation aid. The writer appends
  every frame that queued and fsyncs once. The run serialises the frame
  (about 0.1 ms at d = 5, 0.4 ms at d = 11: its copy of the state) and
  writes it into a pipe;
- **datasets** (decoder state, simulation aid, program, run description:
  self-describing, what ``qckpt resume`` and ``inspect`` need), of a window
  end that finds the writer idle with ``min_interval`` passed since its last
  dataset. Each dataset starts a journal segment of its own
  (``windows.<dataset id>``) for the window ends after it.

A restore takes the newest intact dataset, then the newest intact frame of
its segment (:func:`windows_after`). A frame is self-contained (a whole
decoder state, not a delta), crc32-checked by the journal and sha256-checked
by the state, and a kill leaves at most a torn last frame, which replay
stops before: so a kill at any point leaves the last committed window end
intact and restorable. Segments of datasets the store no longer keeps are
removed.

``flush()`` commits the newest round end offered as a dataset, whatever the
interval, and waits until it and every window end before it are on disk: a
stop commits exactly the round it stops at, and the final result is written.
"""

from __future__ import annotations

import fcntl
import json
import multiprocessing
import os
import re
import struct

import numpy as np

from qckpt.diagnostics import QckptError
from qckpt.qec.decoder import DecoderState
from qckpt.qec.simulation import SimulatorFrame
from qckpt.runtime.execution import logical_writer
from qckpt.runtime.store import CheckpointStore
from qckpt.runtime.store.journal import Journal

DECODER, AID, PROGRAM, RUN, OUTCOMES = "decoder", "simulation-aid", "program", "run.json", "outcomes"

WINDOW_FORMAT = "qckpt-logical-window"
SEGMENT = re.compile(r"^windows\.(\d{6,})$")


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
        try:
            at, decoder, aid = split_frame(bytes(payload))
        except ValueError:
            continue
        if at > layer:
            out.append((at, decoder, aid))
    return out[::-1]


def commit(store: CheckpointStore, state: DecoderState, frame: SimulatorFrame, outcomes: np.ndarray | None, program: bytes, run_json: bytes) -> int:
    """One dataset: the decoder state, the simulation aid apart from it, and what the run is. Its id."""
    packed = None if outcomes is None else np.packbits(outcomes, axis=1).tobytes()
    return commit_bytes(store, state.layer, state.to_bytes(), frame.to_bytes(), packed, program, run_json)


def commit_bytes(store: CheckpointStore, layer: int, decoder: bytes, aid: bytes, outcomes: bytes | None, program: bytes, run_json: bytes) -> int:
    """:func:`commit` of a state already serialised (the writer process has only bytes)."""
    w = store.start_output(f"round-{layer}" if outcomes is None else "final")
    try:
        w.write(DECODER, decoder)
        w.write(AID, aid)
        if outcomes is not None:
            w.write(OUTCOMES, outcomes)
        w.write(PROGRAM, program)
        w.write(RUN, run_json)
    except BaseException:
        w.abort()
        raise
    return w.complete(valid=True).id


def split_frame(payload: bytes) -> tuple[int, bytes, bytes]:
    """A window frame's (layer, decoder state, aid); ValueError if it is not one."""
    head_text, _, rest = payload.partition(b"\n")
    try:
        head = json.loads(head_text)
        if head.get("format") != WINDOW_FORMAT:
            raise ValueError(f"not a {WINDOW_FORMAT}")
        n, layer = int(head["decoder"]), int(head["layer"])
    except (KeyError, TypeError, AttributeError) as e:
        raise ValueError(str(e)) from None
    return layer, rest[:n], rest[n:]


class LogicalCommitter:
    """See the module docstring; ``background=False`` commits every offer in line."""

    def __init__(self, store: CheckpointStore, program: bytes, run_json: bytes, background: bool, min_interval: float = 0.0) -> None:
        self.store, self.program, self.run_json = store, program, run_json
        self.background = background
        self.snapshots = 0  # round ends serialised for the writer (what the run paid for)
        self.committed: list[int] = []  # the round ends written as datasets, in order
        self.windows: list[int] = []  # the window ends committed (journaled, or as a dataset), in order
        self._latest: tuple[DecoderState, SimulatorFrame, np.ndarray | None] | None = None  # the newest offer, not copied
        self._proc = None
        self._failed = False  # the writer reported an error (and exited)
        if background:
            ctx = multiprocessing.get_context("fork")  # the child inherits the open store and its lock
            inbox, self._send = ctx.Pipe(duplex=False)
            self._recv, out = ctx.Pipe(duplex=False)
            _widen(self._send)
            self._proc = ctx.Process(
                target=logical_writer.main, args=(inbox, out, os.getpid(), store, program, run_json, min_interval), name="qckpt-logical-writer", daemon=True
            )
            self._proc.start()
            inbox.close()
            out.close()

    def offer(self, state: DecoderState, frame: SimulatorFrame, outcomes: np.ndarray | None = None, window_end: bool = False) -> None:
        """A round end; in the background, sent to the writer if it is a window end."""
        if not self.background:
            commit(self.store, state, frame, outcomes, self.program, self.run_json)
            self.committed.append(state.layer)
            return
        self._latest = (state, frame, outcomes)
        if window_end:
            if self._recv.poll():  # the writer failed (checked here only: a poll is a system call)
                self._answer()
            self._send_bytes(b"W" + window_frame(state, frame)[1])
            self.snapshots += 1

    def flush(self) -> None:
        """Commit the newest round end offered as a dataset (called at that round end) and wait until it
        and every window end before it are on disk."""
        if not self.background or self._latest is None:
            return
        state, frame, outcomes = self._latest
        payload = window_frame(state, frame)[1]
        packed = b"" if outcomes is None else np.packbits(outcomes, axis=1).tobytes()
        self._send_bytes(b"D" + struct.pack("<BQ", outcomes is not None, len(payload)) + payload + packed)
        self.snapshots += 1
        self._answer()

    def close(self) -> None:
        """Stop the writer after what it has (callers flush first when they need a dataset)."""
        if self._proc is None:
            return
        proc, self._proc = self._proc, None
        try:
            if not self._failed:  # a failed writer has exited, and its error was raised already
                self._send_bytes(b"Q")
                self._answer()
        finally:
            self._send.close()
            proc.join()
            self._recv.close()

    def _send_bytes(self, msg: bytes) -> None:
        try:
            self._send.send_bytes(msg)
        except OSError:
            self._answer()  # the writer is gone: say why
            raise QckptError("logical commits: the writer process is gone") from None

    def _answer(self) -> None:
        try:
            msg = self._recv.recv_bytes()
        except (EOFError, OSError):
            self._failed = True
            raise QckptError("logical commits: the writer process ended without a word (killed?)") from None
        if msg[:1] == b"E":
            self._failed = True
            raise QckptError(msg[1:].decode(errors="replace"))
        doc = json.loads(msg[1:])
        self.committed, self.windows = doc["committed"], doc["windows"]


def _widen(conn) -> None:
    """A pipe of 1 MiB instead of 64 KiB: tens of window frames queue while a dataset is written,
    where a full pipe would stall the run (Linux; elsewhere the default stays)."""
    try:
        fcntl.fcntl(conn.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except OSError:
        pass
