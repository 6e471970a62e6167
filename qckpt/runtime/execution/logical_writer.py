"""The writer process of a logical run's commits (``logical_commits``).

A writer *thread* took a twentieth to a third of a distance-5 run's rounds
per second once every window end was committed: each of a commit's file
operations hands the interpreter lock back and forth with the decoding
thread, and on a loaded machine each hand-over waits for the scheduler. A
forked process has an interpreter of its own; the run only serialises a
window end and writes it into a pipe.

Messages on the pipe (``Connection.send_bytes``), one byte of kind first:

- ``W`` + a window frame (``logical_commits.window_frame``): a window end.
  Journaled in the newest dataset's segment, or written as a dataset when
  the writer has nothing else queued and ``min_interval`` has passed since
  its last dataset;
- ``D`` + a byte (1: outcomes follow) + 8 bytes of frame length + a frame
  + the packed outcomes: commit this round end as a dataset now (a stop, the final
  result), after everything before it; answered;
- ``Q``: journal what is queued, answer and exit.

Answers on the other pipe: ``A`` + JSON ``{"committed": [...], "windows":
[...]}`` (round ends written as datasets, window ends committed), or ``E`` +
the error's message, after which the writer exits. The writer dies with the
run (``PR_SET_PDEATHSIG``): a kill -9 of the run kills it where it is, as a
kill of a run that wrote in line would, and the store's commit protocol
covers both.
"""

from __future__ import annotations

import json
import os
import struct
import time
from multiprocessing.connection import Connection

from qckpt.runtime.execution.executor import die_with_parent
from qckpt.runtime.store import CheckpointStore
from qckpt.runtime.store.journal import Journal

class Writer:
    def __init__(self, store: CheckpointStore, program: bytes, run_json: bytes, min_interval: float) -> None:
        from qckpt.runtime.execution import logical_commits as lc

        self.lc = lc
        self.store, self.program, self.run_json, self.min_interval = store, program, run_json, min_interval
        self.journal: Journal | None = None
        self.ids: list[int] = []
        self.committed: list[int] = []
        self.windows: list[int] = []
        self.last = float("-inf")  # monotonic time of the last dataset

    def dataset(self, payload: bytes, outcomes: bytes | None) -> None:
        layer, decoder, aid = self.lc.split_frame(payload)
        dataset = self.lc.commit_bytes(self.store, layer, decoder, aid, outcomes, self.program, self.run_json)
        self.last = time.monotonic()
        self.committed.append(layer)
        self.rotate(dataset)

    def rotate(self, dataset: int) -> None:
        """Start the window journal of the dataset just committed; drop the
        segments of datasets the store no longer keeps."""
        if self.journal is not None:
            self.journal.close()
            self.journal = None
        path = self.lc.segment_path(self.store.path, dataset)
        if os.path.exists(path):  # a leftover of an earlier process under this id: not this dataset's
            os.unlink(path)
        self.journal = Journal.open(path, sync_interval=None)
        self.ids.append(dataset)
        keep = self.store.keep
        if keep is not None and len(self.ids) >= keep:
            for name in os.listdir(self.store.path):
                m = self.lc.SEGMENT.match(name)
                if m and int(m[1]) < self.ids[-keep]:
                    try:
                        os.unlink(os.path.join(self.store.path, name))
                    except FileNotFoundError:
                        pass

    def frames(self, frames: list[tuple[int, bytes]], idle: bool) -> None:
        """Window ends, each committed: with no dataset of this process yet to
        journal after, the oldest becomes one; then the rest are journaled with
        one fsync, and the newest becomes a dataset instead if one is due and
        the writer is idle."""
        if frames and self.journal is None:
            self.dataset(frames[0][1], None)
            self.windows.append(frames[0][0])
            frames = frames[1:]
        if not frames:
            return
        due = idle and time.monotonic() - self.last >= self.min_interval
        head = frames[:-1] if due else frames
        if head:
            assert self.journal is not None
            for _, payload in head:
                self.journal.append(payload)
            self.journal.sync()
            self.windows += [layer for layer, _ in head]
        if due:
            self.dataset(frames[-1][1], None)
            self.windows.append(frames[-1][0])

    def answer(self, out: Connection) -> None:
        out.send_bytes(b"A" + json.dumps({"committed": self.committed, "windows": self.windows}).encode())


def main(inbox: Connection, out: Connection, parent: int, store: CheckpointStore, program: bytes, run_json: bytes, min_interval: float) -> None:
    """The writer process's loop (see the module docstring)."""
    die_with_parent(parent)
    w = Writer(store, program, run_json, min_interval)
    try:
        while True:
            try:
                batch = [inbox.recv_bytes()]
                while inbox.poll(0):
                    batch.append(inbox.recv_bytes())
            except EOFError:  # the run closed its end without a Q: it is gone
                batch = [b"Q"]
            frames: list[tuple[int, bytes]] = []
            for msg in batch:
                kind, body = msg[:1], msg[1:]
                if kind == b"W":
                    frames.append((w.lc.split_frame(body)[0], body))
                    continue
                w.frames(frames, idle=False)
                frames = []
                if kind == b"D":
                    final, n = struct.unpack_from("<BQ", body)
                    w.dataset(body[9 : 9 + n], body[9 + n :] if final else None)
                    w.answer(out)
                elif kind == b"Q":
                    if w.journal is not None:
                        w.journal.close()
                    w.answer(out)
                    return
            w.frames(frames, idle=not inbox.poll(0))
    except BaseException as e:  # noqa: BLE001 - told to the run, which raises it
        try:
            out.send_bytes(b"E" + (str(e) or e.__class__.__name__).encode())
        except OSError:
            pass
