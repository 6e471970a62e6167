"""The progress of a long run: shots done, checkpoints committed, failures
survived. On stderr: a bar on a terminal, plain lines in a batch job's log
(``--progress=auto|bar|log|none``), nothing in pipes and CI output."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


class ProgressBar:
    def __init__(self, stream: TextIO | None = None, force: bool = False):
        self.stream = stream or sys.stderr
        self.bar = None
        self.enabled = force or (hasattr(self.stream, "isatty") and self.stream.isatty())

    def update(self, shots_done: int, shots: int, commits: int, failures: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            from tqdm import tqdm

            cols, rows = _size(self.stream)
            # initial: a resumed run's restored shots are not counted in its rate
            self.bar = tqdm(total=shots, initial=shots_done, unit="shot", file=self.stream, ncols=cols, nrows=rows, leave=True, smoothing=0.1)
        self.bar.n = shots_done
        self.bar.set_postfix_str(f"{commits} checkpoints, {failures} failures survived", refresh=False)
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _size(stream: TextIO) -> tuple[int, int]:
    """The terminal's size; one that reports none (0 x 0, as a pty nobody
    sized does) counts as 100 x 24, where tqdm would draw nothing."""
    try:
        size = os.get_terminal_size(stream.fileno())
        cols, rows = size.columns, size.lines
    except (OSError, ValueError, AttributeError):
        cols, rows = 0, 0
    return cols or 100, rows or 24


class ProgressLog:
    """Progress for batch logs (a Slurm job's output file): one plain line
    every ``every`` seconds, and one at the end, each flushed at once, with
    no terminal control codes."""

    def __init__(self, every: float = 30.0, stream: TextIO | None = None, clock=time.monotonic):
        self.stream = stream or sys.stderr
        self.every = every
        self.clock = clock
        self.start = clock()
        self.last: float | None = None
        self.state: tuple[int, int, int, int] | None = None
        self.resumed_at: int | None = None  # shots already done when this start began

    def update(self, shots_done: int, shots: int, commits: int, failures: int) -> None:
        first = self.state is None
        if self.resumed_at is None:
            self.resumed_at = shots_done
        self.state = (shots_done, shots, commits, failures)
        now = self.clock()
        if first or now - (self.last or 0.0) >= self.every:
            self._line(now)

    def close(self) -> None:
        if self.state is not None and self.last != self.clock():
            self._line(self.clock())
        self.state = None

    def _line(self, now: float) -> None:
        assert self.state is not None
        done, shots, commits, failures = self.state
        self.last = now
        elapsed = now - self.start
        # the rate of this start: a resumed run's restored shots were not run now (counting them
        # printed millions of shots per second in the first line after a requeue)
        rate = (done - (self.resumed_at or 0)) / elapsed if elapsed > 0 else 0.0
        pct = 100.0 * done / shots if shots else 100.0
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        self.stream.write(
            f"progress {stamp}: {done} of {shots} shots ({pct:.1f}%), {commits} checkpoints, "
            f"{failures} failures survived, {elapsed:.0f} s, {rate:.0f} shots/s\n"
        )
        self.stream.flush()


PROGRESS_MODES = ("auto", "bar", "log", "none")


def make_progress(mode: str, every: float = 30.0, stream: TextIO | None = None, environ=None):
    """``auto``: a bar on a terminal, log lines in a Slurm job's output,
    nothing otherwise (pipes and CI logs stay clean)."""
    stream = stream or sys.stderr
    env = os.environ if environ is None else environ
    if mode == "auto":
        if hasattr(stream, "isatty") and stream.isatty():
            mode = "bar"
        else:
            mode = "log" if env.get("SLURM_JOB_ID") else "none"
    if mode == "bar":
        return ProgressBar(stream, force=True)
    if mode == "log":
        return ProgressLog(every, stream)
    return None
