"""The store's event log: what happened to a run, when, and on which worker.

One JSON object per line in ``STORE/events.jsonl``: ``t`` (Unix time),
``event`` (one of ``KINDS``), ``worker`` (host:pid), plus what the event
carries: a run's ``session`` and ``shots_done``, a failure's kind and batch,
a torn shot's resume record (``qckpt record STORE`` reads it back), a
workflow iteration's objective value (``qckpt plot objective``). Lines are only ever appended (one
``O_APPEND`` write each, so concurrent workers never interleave inside a
line), and nothing compacts or truncates the file: the journal's compaction
and the store's pruning touch their own files only. The timeline plot
(``qckpt plot timeline``) is drawn from it.

The log is a record for people, not state the run restarts from: a write
that fails (a full disk) is logged and dropped, never fails the run, and a
torn last line (a kill mid-write) is skipped when read.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from pathlib import Path

EVENTS = "events.jsonl"
KINDS = ("start", "resume", "commit", "failure", "torn-shot", "preempt", "interrupted", "complete", "failed", "iteration")

log = logging.getLogger(__name__)
WORKER = f"{socket.gethostname()}:{os.getpid()}"


def append_event(store_dir: str | os.PathLike[str], event: str, **fields: object) -> None:
    """Append one event; never raises (see the module docstring)."""
    line = json.dumps({"t": time.time(), "event": event, "worker": WORKER, **fields}, sort_keys=True) + "\n"
    try:
        fd = os.open(Path(store_dir) / EVENTS, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)
    except OSError as e:
        log.warning("event log: %s not recorded (%s)", event, e)


def read_events(store_dir: str | os.PathLike[str]) -> list[dict]:
    """Every intact event, in the order written; [] when there is no log."""
    try:
        text = (Path(store_dir) / EVENTS).read_text(errors="replace")
    except FileNotFoundError:
        return []
    out = []
    for ln in text.splitlines():
        try:
            ev = json.loads(ln)
        except json.JSONDecodeError:
            continue  # a line torn by a kill mid-write
        if isinstance(ev, dict) and "t" in ev and "event" in ev:
            out.append(ev)
    return out
