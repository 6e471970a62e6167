"""Checks of command-line values that argparse's types let through.

``type=float`` accepts ``nan`` and ``inf``, and ``type=int`` any size; a NaN
MTBF or heartbeat then passes every comparison and is used silently, and a
seed or shot count qir-runner cannot take comes back as "qir-runner failed".
:func:`check_args` runs once, before any command, over whatever options the
parsed command has, so a new option is covered without a line here unless
it needs a range of its own.
"""

from __future__ import annotations

import argparse
import math
import os
import stat

from qckpt.diagnostics import QckptError
from qckpt.runtime.execution.policy import MAX_WAIT_S

U64_MAX = 2**64 - 1  # qir-runner's -s and -r are unsigned 64-bit

# option (as argparse stores it) -> (lowest allowed, what to say)
_AT_LEAST = {
    "shots": (1, "at least 1"),
    "every": (1, "at least 1"),
    "workers": (1, "at least 1"),
    "batch_size": (1, "at least 1"),
    "flush_every": (1, "at least 1"),
    "max_postselect_bits": (0, ">= 0"),
    "max_replay_cost": (-1, ">= 0, or -1 for no limit"),
}
_POSITIVE_FLOATS = {"mtbf": "> 0 seconds", "sync_interval": ">= 0 seconds"}


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def check_args(args: argparse.Namespace) -> None:
    """Raise a one-line :class:`QckptError` for the first bad value."""
    for name, value in vars(args).items():
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, float):
            if not math.isfinite(value):
                raise QckptError(f"{_flag(name)} must be a finite number, got {value}")
            if name == "mtbf" and value <= 0 or name == "sync_interval" and value < 0:
                raise QckptError(f"{_flag(name)} must be {_POSITIVE_FLOATS[name]}, got {value:g}")
            if name in ("sync_interval", "progress_every") and value > MAX_WAIT_S:
                raise QckptError(f"{_flag(name)} must be at most {MAX_WAIT_S:g} seconds (about 30 years), got {value:g}")
        elif isinstance(value, int):
            low = _AT_LEAST.get(name)
            if low is not None and value < low[0]:
                raise QckptError(f"{_flag(name)} must be {low[1]}, got {value}")
            if name == "seed" and not 0 <= value <= U64_MAX:
                raise QckptError(f"--seed must be between 0 and {U64_MAX} (2**64-1), got {value}")
    for name in ("input", "program", "record", "files", "plan", "log", "source"):
        value = getattr(args, name, None)
        for path in value if isinstance(value, list) else [value]:
            if isinstance(path, str) and path not in ("-", "start"):
                _check_readable_file(path)
    shots = getattr(args, "shots", None)
    if isinstance(shots, int) and shots > U64_MAX and not getattr(args, "store", None):
        raise QckptError(
            f"--shots {shots} is more than qir-runner takes in one run (at most {U64_MAX}); "
            "with --store DIR the runtime runs any number of shots in batches"
        )


def _check_readable_file(path: str) -> None:
    """A device such as /dev/zero or /dev/full reads forever: refuse it (a
    pipe, as ``<(...)`` gives, is fine)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing or unreachable: the command says so in its own words
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise QckptError(f"{path}: is a device, not a file")


def finite_param(item: str, value: float) -> float:
    """A ``--param`` value: an angle or a classical input, never NaN or inf
    (they would reach the program as a gate angle nobody meant)."""
    if not math.isfinite(value):
        raise QckptError(f"--param {item!r}: the value must be a finite number")
    return value


def os_error_line(e: OSError, path: str | None = None) -> str:
    """``PATH: reason`` for an OSError, naming the path the system names."""
    where = e.filename if e.filename is not None else path
    reason = e.strerror or str(e)
    return f"{where}: {reason}" if where is not None else reason
