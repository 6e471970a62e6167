"""A run's journal as a sequence of segment files, rotated at each commit.

One journal file kept for the whole run grows by a frame per shot forever,
and resume and inspect had to read all of it (5 M shots: 180 MB, minutes and
gigabytes). Instead, each commit starts a new segment, and the committed
ledger names the first segment it does not already hold (``journal_from``):
resume and inspect read only the segments from there, that is the shots
finished since the last commit. Segments older than every dataset the store
keeps are removed, so the disk holds O(uncommitted + keep commits) of them.

Names, in the store directory::

    journal              segment 0: the single journal of stores written before segments
    journal.000001 ...   segment k

Segments are plain journals (:mod:`qckpt.runtime.store.journal`); each one
is appended by one process only, and a segment is never appended to again
once a newer one exists.
"""

from __future__ import annotations

import os
import re

from qckpt.diagnostics import QckptError
from qckpt.runtime.store.journal import Journal, Replay

LEGACY = "journal"
_SEGMENT = re.compile(r"^journal\.(\d{6,})$")


def segment_path(store_dir: str, k: int) -> str:
    return os.path.join(store_dir, LEGACY if k == 0 else f"{LEGACY}.{k:06d}")


def segments(store_dir: str) -> list[int]:
    """The segment numbers present, in order (0 is the legacy file)."""
    out = []
    try:
        names = os.listdir(store_dir)
    except OSError:
        return []
    for n in names:
        if n == LEGACY:
            out.append(0)
        elif m := _SEGMENT.match(n):
            out.append(int(m[1]))
    return sorted(out)


def next_segment(store_dir: str) -> int:
    return max(segments(store_dir), default=0) + 1


def replay_from(store_dir: str, first: int) -> list[tuple[int, Replay]]:
    """Each segment from ``first`` on, replayed (intact frames up to the
    first torn or corrupt one), in order. Does not modify any file. A
    segment that a running commit removes meanwhile (``inspect`` reads a
    live store) is one the store no longer needs: it is skipped."""
    out = []
    for k in segments(store_dir):
        if k < first:
            continue
        path = segment_path(store_dir, k)
        try:
            out.append((k, Journal.replay(path)))
        except QckptError:
            if os.path.exists(path):
                raise
    return out


def remove_before(store_dir: str, first: int) -> list[str]:
    """Remove the segments older than ``first``; the problems, if any (a
    segment left behind costs disk, not correctness)."""
    problems = []
    for k in segments(store_dir):
        if k >= first:
            break
        try:
            os.unlink(segment_path(store_dir, k))
        except FileNotFoundError:
            pass
        except OSError as e:
            problems.append(f"could not remove journal segment {segment_path(store_dir, k)}: {e.strerror or e}")
    return problems
