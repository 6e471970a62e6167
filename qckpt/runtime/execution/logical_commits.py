"""Committing logical checkpoints: window ends journaled by the run, datasets by a writer process.

Every window end (each time the decoder commits a region, ``DecoderConfig.commit``
rounds) is committed, in one of two tiers:

- a **window journal** beside the datasets (:mod:`qckpt.runtime.store.journal`'s
  file format: append-only, crc32-checked frames): one frame per window end,
  holding the decoder state alone (:func:`window_parts`). The run
  serialises the frame and appends it to the file itself, one ``writev``: once
  that returns, the frame survives a kill of the run (it is in the kernel's
  page cache), and the writer process fsyncs the journal with every dataset
  and at least every second, so a power loss loses at most the last second's
  window ends. Writing it from the run costs about 0.1 ms per window end at
  d = 5; handing it to the writer through a pipe cost the run as much in the
  send and the writer's wake-ups, and took a core's worth of those from the
  run whenever the machine had no idle core (``docs/logical.md``);
- **datasets** (decoder state, simulation aid, program, run description:
  self-describing, what ``qckpt resume`` and ``inspect`` need), written by a
  writer process (:mod:`~qckpt.runtime.execution.logical_writer`: a commit is
  some 60 file-system calls, tens of milliseconds) from the window end that
  finds no dataset in progress and ``min_interval`` passed since the last
  one was asked for. Each dataset starts a journal segment of its own
  (``windows.<dataset id>``); the run moves to it when the writer answers,
  so the window ends of the dataset's commit time are in the segment before.
  A process's first window end is a dataset it waits for: a journal needs a
  dataset before it to restore from.

A restore takes the newest intact dataset, then the newest intact frame later
than it in its segment or the segment before (:func:`windows_after`). A frame
is self-contained (a whole decoder state, not a delta), crc32-checked by the
journal and sha256-checked by the state; appends go only at the end, so a
kill leaves at most a torn last frame, which replay stops before: a kill at
any point leaves the last committed window end intact and restorable.
Segments of datasets the store no longer keeps are removed by the writer.

``flush()`` commits the newest round end offered as a dataset and waits until
it and every window end before it are on disk: a stop commits exactly the
round it stops at, and the final result is written.
"""

from __future__ import annotations

import fcntl
import json
import multiprocessing
import os
import re
import struct
import time

import numpy as np

from qckpt.diagnostics import QckptError
from qckpt.qec.decoder import DecoderState
from qckpt.qec.simulation import SimulatorFrame
from qckpt.runtime.execution import logical_writer
from qckpt.runtime.store import CheckpointStore
from qckpt.runtime.store.journal import Journal, frame_header

DECODER, AID, PROGRAM, RUN, OUTCOMES = "decoder", "simulation-aid", "program", "run.json", "outcomes"

WINDOW_FORMAT = "qckpt-logical-window"
SEGMENT = re.compile(r"^windows\.(\d{6,})$")


def segment_path(store_dir: str, dataset_id: int) -> str:
    """The window journal of the window ends committed after dataset ``dataset_id``."""
    return os.path.join(store_dir, f"windows.{dataset_id:06d}")


def window_frame(state: DecoderState, frame: SimulatorFrame) -> tuple[int, bytes]:
    """A round end as a dataset request's payload: a head line, the decoder state, the aid (kept apart)."""
    return state.layer, b"".join(window_parts(state)) + frame.to_bytes()


def window_parts(state: DecoderState) -> list[bytes | memoryview]:
    """A window end as a journal frame's payload, in parts (the run writes them with one
    writev): a head line and the decoder state, without the simulation aid. In
    simulation a restore from a window end rebuilds the aid by simulating again from
    the dataset before it (seeded per round, so the same qubits): the aid held two
    fifths of a distance-5 frame, and a window end's cost in the run is its packing."""
    body = memoryview(np.packbits(np.concatenate(state.arrays()), axis=1)).cast("B")
    decoder_head = state.head_line(body)
    head = f'{{"format": "{WINDOW_FORMAT}", "layer": {int(state.layer)}, "decoder": {len(decoder_head) + len(body)}}}\n'.encode()
    return [head, decoder_head, body]


def windows_after(store_dir: str, dataset_id: int, layer: int) -> list[tuple[int, bytes, bytes]]:
    """The intact window ends later than ``layer`` journaled in dataset
    ``dataset_id``'s segment or in the segment before it (where the run went
    on writing while that dataset was committed), newest first, as (layer,
    decoder state, aid); the aid is empty in the frames written since they
    leave it out (:func:`window_parts`)."""
    below = [k for k in segments(store_dir) if k < dataset_id]
    out = []
    for k in ([below[-1]] if below else []) + [dataset_id]:
        path = segment_path(store_dir, k)
        if not os.path.exists(path):
            continue
        for payload in Journal.replay(path):  # intact frames only: a torn tail is where replay stops
            try:
                at, decoder, aid = split_frame(bytes(payload))
            except ValueError:
                continue
            if at > layer:
                out.append((at, decoder, aid))
    return sorted(out, key=lambda f: f[0], reverse=True)


def segments(store_dir: str) -> list[int]:
    """The window-journal segments present, by dataset id."""
    try:
        names = os.listdir(store_dir)
    except OSError:
        return []
    return sorted(int(m[1]) for m in map(SEGMENT.match, names) if m)


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
    """See the module docstring; ``background=False`` commits every offer in line, as a dataset."""

    def __init__(self, store: CheckpointStore, program: bytes, run_json: bytes, background: bool, min_interval: float = 0.0) -> None:
        self.store, self.program, self.run_json = store, program, run_json
        self.background, self.min_interval = background, min_interval
        self.snapshots = 0  # round ends serialised (what the run paid for)
        self.committed: list[int] = []  # the round ends written as datasets, in order
        self.windows: list[int] = []  # the window ends committed (journaled, or as a dataset), in order
        self._latest: tuple[DecoderState, SimulatorFrame, np.ndarray | None] | None = None  # the newest offer, not copied
        self._proc = None
        self._failed = False  # the writer reported an error, or went away (it has exited: close() asks it nothing)
        self._segment: tuple[int, str] | None = None  # the window journal appended to: (fd, path)
        self._pending = False  # a dataset asked for and not answered yet
        self._asked = float("-inf")  # monotonic time the last dataset was asked for
        if background:
            ctx = multiprocessing.get_context("fork")  # the child inherits the open store and its lock
            inbox, self._send = ctx.Pipe(duplex=False)
            self._recv, out = ctx.Pipe(duplex=False)
            _widen(self._send)
            self._proc = ctx.Process(
                target=logical_writer.main, args=(inbox, out, os.getpid(), store, program, run_json), name="qckpt-logical-writer", daemon=True
            )
            self._proc.start()
            inbox.close()
            out.close()

    def offer(self, state: DecoderState, frame: SimulatorFrame, outcomes: np.ndarray | None = None, window_end: bool = False) -> None:
        """A round end; in the background, committed if it is a window end."""
        if not self.background:
            commit(self.store, state, frame, outcomes, self.program, self.run_json)
            self.committed.append(state.layer)
            return
        self._latest = (state, frame, outcomes)
        if not window_end:
            return
        if self._pending and self._recv.poll():  # the answer (or the writer's error); a failing
            self._answer()  # writer is heard at the next dataset asked for, within min_interval
        parts = window_parts(state)
        self.snapshots += 1
        if self._segment is None:  # no dataset of this process yet to journal after: this one is
            self._ask(b"".join(parts) + frame.to_bytes())
            self._answer()
        else:
            self._journal(parts)
            if not self._pending and time.monotonic() - self._asked >= self.min_interval:
                self._ask(b"".join(parts) + frame.to_bytes())
        self.windows.append(state.layer)

    def flush(self) -> None:
        """Commit the newest round end offered as a dataset (called at that round end) and wait until it
        and every window end before it are on disk."""
        if not self.background or self._latest is None:
            return
        if self._pending:
            self._answer()
        state, frame, outcomes = self._latest
        self._ask(window_frame(state, frame)[1], None if outcomes is None else np.packbits(outcomes, axis=1).tobytes())
        self.snapshots += 1
        self._answer()

    def close(self) -> None:
        """Stop the writer after what it has (callers flush first when they need a dataset)."""
        if self._proc is None:
            return
        proc, self._proc = self._proc, None
        try:
            if not self._failed:  # a failed writer has exited, and its error was raised already
                if self._pending:
                    self._answer()
                self._send_bytes(b"Q")
                self._answer()
        finally:
            self._send.close()
            proc.join()
            self._recv.close()
            if self._segment is not None:
                os.close(self._segment[0])
                self._segment = None

    def _ask(self, payload: bytes, outcomes: bytes | None = None) -> None:
        """Ask the writer for a dataset of this round end (it answers when it is on disk)."""
        self._send_bytes(b"D" + struct.pack("<BQ", outcomes is not None, len(payload)) + payload + (outcomes or b""))
        self._pending, self._asked = True, time.monotonic()

    def _journal(self, parts: list[bytes]) -> None:
        assert self._segment is not None
        fd, path = self._segment
        chunks = [frame_header(parts), *parts]
        try:
            n = os.writev(fd, chunks)
            if n < sum(map(len, chunks)):  # a short write (a full disk, a signal): the rest, in order
                view = memoryview(b"".join(chunks))[n:]
                while view:
                    view = view[os.write(fd, view) :]
        except OSError as e:  # a frame cut short is a torn tail: nothing may follow it (the run stops here)
            raise QckptError(f"logical commits: cannot append to the window journal {path}: {e.strerror or e}") from None

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
        if "dataset" in doc:  # a dataset is on disk, and its segment exists: journal there from now on
            self._pending = False
            self.committed.append(doc["layer"])
            path = segment_path(self.store.path, doc["dataset"])
            try:
                fd = os.open(path, os.O_WRONLY | os.O_APPEND)
            except OSError as e:
                raise QckptError(f"logical commits: cannot open the window journal {path}: {e.strerror or e}") from None
            if self._segment is not None:
                os.close(self._segment[0])
            self._segment = (fd, path)


def _widen(conn) -> None:
    """A pipe of 1 MiB instead of 64 KiB: a distance-11 dataset request (a window end of some
    45 KB with its aid) fits whole, and the run does not wait on the pipe (Linux; elsewhere the default stays)."""
    try:
        fcntl.fcntl(conn.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except OSError:
        pass
