"""Measuring: stage clocks that see the garbage collector, memory readings,
CPU time of children, best-of-N, and child processes that report one JSON
result line.

Why child processes: a measurement in a fresh interpreter pays its own
start-up and imports, and its peak RSS is its own."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TypeVar

RESULT_TAG = "BENCH-RESULT "
T = TypeVar("T")


# ------------------------------------------------------------------ memory


def rss_peak_mib() -> float:
    """Peak RSS of this process (``ru_maxrss``; Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def rss_now_mib() -> float | None:
    """Current RSS (not the peak): what a stage left alive."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


def hwm_mib() -> float | None:
    """VmHWM: the peak RSS of this process's own address space. ru_maxrss
    also counts the parent's RSS at the moment of fork/exec (Linux folds the
    old mm's high-water mark into it), so drivers keep themselves small and
    workers report both."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


# ------------------------------------------------------------------ CPU time


def children_cpu() -> float:
    """CPU seconds of the children waited for so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def self_and_children_cpu() -> float:
    """CPU seconds of this process (all its threads) and of its children
    waited for so far: a driver and the processes it ran."""
    a = resource.getrusage(resource.RUSAGE_SELF)
    return a.ru_utime + a.ru_stime + children_cpu()


# ------------------------------------------------------------------ clocks


class StageClock:
    """Wall and CPU time per stage, and how much of it the cyclic garbage
    collector took.

    The objects made by the imports are frozen first (``gc.freeze()``), so
    no collection walks them. Otherwise the collector runs as it would: a
    stage closed with ``lap(name, collect=True)`` ends with a full
    ``gc.collect()`` counted in it, so that the code of that stage pays for
    its own cyclic garbage instead of whichever stage next trips the
    collector's threshold. CPU time is the figure to trust on a busy machine."""

    def __init__(self) -> None:
        import gc

        self._gc = gc
        gc.collect()
        gc.freeze()
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.gc_s: dict[str, float] = {}
        self.gc_final_s: dict[str, float] = {}  # of gc_s: the full collection that closes the stage
        self._in_gc = 0.0
        self._gc_start = 0.0
        gc.callbacks.append(self._on_gc)
        self._w, self._c, self._g = time.perf_counter(), time.process_time(), 0.0

    def _on_gc(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            self._in_gc += time.perf_counter() - self._gc_start

    def lap(self, name: str, collect: bool = False) -> None:
        if collect:
            before = self._in_gc
            self._gc.collect()
            self.gc_final_s[name] = self._in_gc - before
        w, c = time.perf_counter(), time.process_time()
        self.wall[name], self.cpu[name], self.gc_s[name] = w - self._w, c - self._c, self._in_gc - self._g
        self._w, self._c, self._g = w, c, self._in_gc

    def total(self) -> float:
        return sum(self.wall.values())

    def total_cpu(self) -> float:
        return sum(self.cpu.values())

    def summary(self) -> dict:
        """The clock's figures under the keys the reports read."""
        return {
            "convert_s": self.total(),
            "convert_cpu_s": self.total_cpu(),
            "stages_cpu": dict(self.cpu),
            "stages_gc": dict(self.gc_s),
            "stages_gc_final": dict(self.gc_final_s),
        }


def time_calls(owner: object, name: str) -> list[float]:
    """Wrap ``owner.name`` so that every call's duration is appended to the
    returned list: a stage inside another function, timed where that
    function looks it up at call time. If the attribute is gone, the list
    stays empty and the report reads "n/a" rather than a wrong number."""
    spent: list[float] = []
    fn = getattr(owner, name, None)
    if fn is None:
        return spent

    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - t)

    setattr(owner, name, wrapper)
    return spent


def side_by_side(
    repeat: int, runs: dict[str, Callable[[], T]], around: Callable[[], AbstractContextManager] | None = None
) -> tuple[dict[str, float], dict[str, T]]:
    """Each of ``runs`` in turn, for ``repeat`` rounds, so that a change of
    load hits them alike; returns the best wall time of each (the run least
    disturbed by other work) and its last result. ``around`` (e.g. the
    pipeline's ``gc_paused``) is entered outside the clock."""
    best = {name: float("inf") for name in runs}
    last: dict[str, T] = {}
    for _ in range(repeat):
        for name, fn in runs.items():
            with around() if around is not None else nullcontext():
                t = time.perf_counter()
                last[name] = fn()
                best[name] = min(best[name], time.perf_counter() - t)
    return best, last


# ------------------------------------------------------------------ child processes that report back


def report_result(res: dict) -> None:
    """A child's one result line, which ``run_child`` reads back."""
    print(RESULT_TAG + json.dumps(res), flush=True)


def error_result(e: BaseException, **extra: object) -> dict:
    """A failure as a result (rendered in the table, never a crash of the run)."""
    msg = " ".join(str(e).split())[:300]
    return {"ok": False, "status": "error", "error": f"{type(e).__name__}: {msg}", **extra}


def run_child(script: str, args: list[str], timeout: float) -> dict:
    """Run ``script`` in a fresh interpreter and return the result it reported;
    a timeout or a crash is a result too."""
    cmd = [sys.executable, os.path.abspath(script), *args]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:  # subprocess.run kills the child
        return {"ok": False, "status": "timeout", "error": f"timeout after {timeout:.0f} s"}
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_TAG):
            return json.loads(line[len(RESULT_TAG) :])
    tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
    return {"ok": False, "status": "crash", "error": f"exit {proc.returncode}: {tail[:300]}"}


def log(msg: str) -> None:
    """Progress goes to stderr; stdout holds the report."""
    print(msg, file=sys.stderr, flush=True)
