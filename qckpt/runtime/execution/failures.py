"""The failure detector's vocabulary: what can go wrong with one execution of
a batch, and how to tell from what the backend left behind.

qir-runner's exit code says little (``__quantum__rt__fail`` aborts it, a
program error may still exit 0), so the record stream is the main evidence:
a shot that began and never reached ``END``, fewer shots than asked, a shot
whose output records do not have the program's shape.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass

# kinds
SIGNAL = "signal"  # the backend died of a signal (SIGKILL, qir-runner's abort)
EXIT = "exit"  # it exited non-zero
TORN_SHOT = "torn-shot"  # it ended in the middle of a shot (no END)
MISSING_SHOTS = "missing-shots"  # it exited 0 with fewer shots than asked
BAD_RECORDS = "bad-records"  # a shot's output records are missing or malformed
HANG = "hang"  # no record within the heartbeat timeout
BACKEND = "backend"  # the backend binary is missing or cannot be run

PERMANENT = frozenset({BACKEND})  # retrying cannot help


@dataclass(frozen=True)
class Failure:
    kind: str
    detail: str
    batch: int = -1
    shots_done: int = 0  # shots of this execution that finished before it failed

    def describe(self) -> str:
        where = f"batch {self.batch}: " if self.batch >= 0 else ""
        return f"{where}{self.kind}: {self.detail}"

    def to_json(self) -> dict:
        return {"kind": self.kind, "detail": self.detail, "batch": self.batch, "shots_done": self.shots_done}


def signal_name(num: int) -> str:
    try:
        return signal.Signals(num).name
    except ValueError:
        return f"signal {num}"


def classify_end(returncode: int, shots_seen: int, shots_asked: int, torn: bool, stderr_tail: str) -> Failure | None:
    """The failure an ended execution shows, or None if it did its job."""
    tail = f" ({stderr_tail})" if stderr_tail else ""
    if returncode < 0:
        return Failure(SIGNAL, f"the backend was killed by {signal_name(-returncode)} after {shots_seen} of {shots_asked} shots{tail}")
    if torn:
        return Failure(TORN_SHOT, f"shot {shots_seen + 1} of {shots_asked} began but never reached END (exit {returncode}){tail}")
    if returncode != 0:
        return Failure(EXIT, f"the backend exited with code {returncode} after {shots_seen} of {shots_asked} shots{tail}")
    if shots_seen < shots_asked:
        return Failure(MISSING_SHOTS, f"the backend exited 0 after {shots_seen} of {shots_asked} shots{tail}")
    return None
