"""Commands run one at a time in their own processes: what each cost (wall
time, CPU time with its children, qir-runner executions and shots), and
runs killed with SIGKILL at a chosen point of their progress."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from .measure import children_cpu


class CountingRunner:
    """Runs commands one at a time, each in its own session, and measures
    each: wall time, CPU time with the children it waited for, and the
    qir-runner executions it made (with their shots), counted by a wrapper
    script put in front of qir-runner through ``QCKPT_QIR_RUNNER``. A run
    can be SIGKILLed once its progress reaches a point, to measure what a
    failure there costs."""

    def __init__(self, tmp: Path) -> None:
        from qckpt.runtime.qir_runner import qir_runner_binary

        self.tmp = tmp
        self.n = 0
        self.wrapper = tmp / "qir-runner-counting"
        self.wrapper.write_text(
            "#!/bin/sh\n"
            'prev=""; shots=""\n'
            'for a in "$@"; do [ "$prev" = "-s" ] && shots="$a"; prev="$a"; done\n'
            'echo "$shots" >> "$QCKPT_BENCH_CALLS"\n'
            f'exec "{qir_runner_binary()}" "$@"\n'
        )
        self.wrapper.chmod(0o755)

    def fresh(self, name: str) -> Path:
        self.n += 1
        return self.tmp / f"{self.n:03d}-{name}"

    def start(self, cmd: list[str]) -> tuple[subprocess.Popen, Path, float]:
        self.n += 1
        calls = self.tmp / f"calls-{self.n}"
        calls.write_text("")
        env = dict(os.environ, QCKPT_QIR_RUNNER=str(self.wrapper), QCKPT_BENCH_CALLS=str(calls))
        self._cpu0 = children_cpu()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        return proc, calls, t0

    def _cpu(self) -> float:
        """CPU time of the process just waited for and the qir-runners it
        waited for (one process runs at a time)."""
        return children_cpu() - self._cpu0

    @staticmethod
    def _calls(path: Path) -> list[int]:
        return [int(x) for x in path.read_text().split()]

    def run(self, cmd: list[str]) -> dict:
        proc, calls, t0 = self.start(cmd)
        out, err = proc.communicate()
        seconds = time.perf_counter() - t0
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.strip()}")
        return {"seconds": seconds, "cpu": self._cpu(), "calls": self._calls(calls)}

    def run_killed(self, cmd: list[str], progress: Any, after: int, rng: random.Random) -> dict:
        """Run ``cmd`` and SIGKILL it once ``progress()`` reports ``after``
        iterations done, plus up to 50 ms."""
        proc, calls, t0 = self.start(cmd)
        try:
            while proc.poll() is None:
                if progress() >= after:
                    time.sleep(rng.uniform(0.0, 0.05))
                    os.kill(proc.pid, signal.SIGKILL)
                    break
                time.sleep(0.005)
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.communicate()
        if proc.returncode != -signal.SIGKILL:
            raise SystemExit(f"{' '.join(cmd)} ended ({proc.returncode}) before the failure at iteration {after}")
        return {"seconds": time.perf_counter() - t0, "cpu": self._cpu(), "calls": self._calls(calls)}
