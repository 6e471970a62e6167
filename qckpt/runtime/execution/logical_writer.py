"""The writer process of a logical run's datasets (``logical_commits``).

The run appends its window ends to the window journal itself; the writer
commits datasets (at most one every ``--sync-interval``), starts their
journal segments and fsyncs the segments the run appends to. A writer
*thread* took a twentieth to a third of a distance-5 run's rounds per
second when every window end went through it: each of a commit's file
operations hands the interpreter lock back and forth with the decoding
thread, and on a loaded machine each hand-over waits for the scheduler. A
forked process has an interpreter of its own. (What the fork costs the run
instead: pages of its heap written after the fork are copied on their first
write, some 20,000 more page faults in a d = 11 run of 1,000 rounds.)

Messages on the pipe (``Connection.send_bytes``), one byte of kind first:

- ``D`` + a byte (1: outcomes follow) + 8 bytes of frame length + a window
  frame (``logical_commits.window_frame``) + the packed outcomes: fsync the
  window journal, commit this round end as a dataset, create its (empty,
  fsynced) segment, remove the segments of datasets the store no longer
  keeps; answered ``A`` + JSON ``{"dataset": id, "layer": layer}``;
- ``Q``: fsync the window journal, answer ``A{}`` and exit.

With no message for a second, the writer fsyncs the window journal. On an
error it sends ``E`` + the message and exits. The writer dies with the run
(``PR_SET_PDEATHSIG``): a kill -9 of the run kills it where it is, as a kill
of a run that wrote in line would, and the store's commit protocol covers
both.
"""

from __future__ import annotations

import json
import os
import struct
from multiprocessing.connection import Connection

from qckpt.diagnostics import QckptError
from qckpt.runtime.execution.executor import die_with_parent
from qckpt.runtime.store import CheckpointStore
from qckpt.runtime.store.journal import Journal

SYNC_EVERY = 1.0  # seconds without a message before the window journal is fsynced


class Writer:
    def __init__(self, store: CheckpointStore, program: bytes, run_json: bytes) -> None:
        from qckpt.runtime.execution import logical_commits as lc

        self.lc = lc
        self.store, self.program, self.run_json = store, program, run_json
        self.ids: list[int] = []  # datasets this process committed, in order
        self.live: list[str] = []  # the segments the run may be appending to: the newest two

    def dataset(self, payload: bytes, outcomes: bytes | None) -> dict:
        self.sync()  # the window ends before this dataset are on disk no later than it
        layer, decoder, aid = self.lc.split_frame(payload)
        dataset = self.lc.commit_bytes(self.store, layer, decoder, aid, outcomes, self.program, self.run_json)
        self.start_segment(dataset)
        return {"dataset": dataset, "layer": layer}

    def start_segment(self, dataset: int) -> None:
        """The window journal of the dataset just committed, empty; drop the
        segments of datasets the store no longer keeps, but never the one
        before it (the run appends there until it hears of this one)."""
        path = self.lc.segment_path(self.store.path, dataset)
        if os.path.exists(path):  # a leftover of an earlier process under this id: not this dataset's
            os.unlink(path)
        Journal.open(path, sync_interval=None).close()  # header and directory entry fsynced
        self.ids.append(dataset)
        self.live = [*self.live[-1:], path]
        keep = self.store.keep
        if keep is not None and len(self.ids) >= keep:
            for k in self.lc.segments(self.store.path):
                old = self.lc.segment_path(self.store.path, k)
                if k < self.ids[-keep] and old not in self.live:
                    try:
                        os.unlink(old)
                    except FileNotFoundError:
                        pass

    def sync(self) -> None:
        """fsync the segments the run appends to (an fsync of any descriptor flushes the file)."""
        for path in self.live:
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                continue
            try:
                os.fsync(fd)
            except OSError as e:
                raise QckptError(f"logical commits: cannot fsync the window journal {path}: {e.strerror or e}") from None
            finally:
                os.close(fd)


def main(inbox: Connection, out: Connection, parent: int, store: CheckpointStore, program: bytes, run_json: bytes) -> None:
    """The writer process's loop (see the module docstring)."""
    die_with_parent(parent)
    w = Writer(store, program, run_json)
    try:
        while True:
            if not inbox.poll(SYNC_EVERY):
                w.sync()
                continue
            try:
                msg = inbox.recv_bytes()
            except EOFError:  # the run closed its end without a Q: it is gone
                msg = b"Q"
            kind, body = msg[:1], msg[1:]
            if kind == b"D":
                final, n = struct.unpack_from("<BQ", body)
                answer = w.dataset(body[9 : 9 + n], body[9 + n :] if final else None)
                out.send_bytes(b"A" + json.dumps(answer).encode())
            elif kind == b"Q":
                w.sync()
                out.send_bytes(b"A{}")
                return
            else:
                raise QckptError(f"logical commits: the writer got a message of unknown kind {kind!r}")
    except BaseException as e:  # noqa: BLE001 - told to the run, which raises it
        try:
            out.send_bytes(b"E" + (str(e) or e.__class__.__name__).encode())
        except OSError:
            pass
