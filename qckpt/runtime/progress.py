"""The progress bar of a long run: shots done, checkpoints committed,
failures survived. On stderr, and only when stderr is a terminal, so logs,
pipes and CI output stay clean."""

from __future__ import annotations

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

            self.bar = tqdm(total=shots, unit="shot", file=self.stream, dynamic_ncols=True, leave=True, smoothing=0.1)
        self.bar.n = shots_done
        self.bar.set_postfix_str(f"{commits} checkpoints, {failures} failures survived", refresh=False)
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
