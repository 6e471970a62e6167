"""The progress bar of a long run: shots done, checkpoints committed,
failures survived. On stderr, and only when stderr is a terminal, so logs,
pipes and CI output stay clean."""

from __future__ import annotations

import os
import sys
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
            self.bar = tqdm(total=shots, unit="shot", file=self.stream, ncols=cols, nrows=rows, leave=True, smoothing=0.1)
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
