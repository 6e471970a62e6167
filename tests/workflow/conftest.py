"""Running the workflow examples as real processes: a qir-runner wrapper
that counts every execution that reaches the simulator, and a SIGKILL at a
chosen iteration, watched through the session's own log."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from qckpt.diagnostics import QckptError
from qckpt.runtime.qir_runner import qir_runner_binary
from qckpt.workflow import execution_log
from qckpt.workflow.execution_log import LOG_NAME

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    calls: list[int]  # shots of each qir-runner invocation, in order
    doc: dict = field(default_factory=dict)  # the --out file, if the run wrote one
    killed_after: int | None = None  # iterations in the log when the kill was sent


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Examples:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.wrapper = root / "qir-runner-counting"
        self.wrapper.write_text(
            "#!/bin/sh\n"
            "# Log the shot count of every run, then become the real qir-runner.\n"
            'prev=""; shots=""\n'
            'for a in "$@"; do [ "$prev" = "-s" ] && shots="$a"; prev="$a"; done\n'
            'echo "$shots" >> "$QCKPT_TEST_CALLS"\n'
            "# A handled signal for the test: sent from here, so it lands while the run is inside an execution.\n"
            'if [ -n "$QCKPT_TEST_SIGNAL_AT" ] && [ "$(wc -l < "$QCKPT_TEST_CALLS")" -eq "$QCKPT_TEST_SIGNAL_AT" ]; then kill -s "$QCKPT_TEST_SIGNAL" "$PPID"; fi\n'
            '[ -n "$QCKPT_TEST_RUN_DELAY" ] && sleep "$QCKPT_TEST_RUN_DELAY"\n'
            f'exec "{qir_runner_binary()}" "$@"\n'
        )
        self.wrapper.chmod(0o755)
        self.n = 0

    def _start(self, example: str, store: Path, args: list[str], out: Path | None, run_delay: float = 0.0, signal_at: tuple[int, int] | None = None) -> tuple[subprocess.Popen, Path]:
        self.n += 1
        calls = self.root / f"calls-{self.n}"
        calls.write_text("")
        env = dict(os.environ, QCKPT_QIR_RUNNER=str(self.wrapper), QCKPT_TEST_CALLS=str(calls))
        if run_delay:
            env["QCKPT_TEST_RUN_DELAY"] = str(run_delay)
        if signal_at is not None:  # (the execution whose start sends it, the signal)
            env["QCKPT_TEST_SIGNAL_AT"], env["QCKPT_TEST_SIGNAL"] = str(signal_at[0]), signal.Signals(signal_at[1]).name[3:]
        cmd = [sys.executable, str(EXAMPLES / f"{example}.py"), "--store", str(store), "--quiet", *args]
        if out is not None:
            cmd += ["--out", str(out)]
        # SIGINT back to its default first, as in a terminal's foreground job: a test run started in the
        # background by a shell without job control (CI, a script's `make test &`) inherits SIGINT ignored,
        # Python then installs no KeyboardInterrupt handler, and the Ctrl-C test's signal did nothing.
        proc = subprocess.Popen(
            cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=_default_sigint
        )
        return proc, calls

    @staticmethod
    def _calls(path: Path) -> list[int]:
        return [int(line) for line in path.read_text().split()]

    def run(self, example: str, store: Path, args: list[str], timeout: float = 240) -> Run:
        out = self.root / f"out-{self.n + 1}.json"
        proc, calls = self._start(example, store, args, out)
        stdout, stderr = proc.communicate(timeout=timeout)
        doc = json.loads(out.read_text()) if out.exists() else {}
        return Run(proc.returncode, stdout, stderr, self._calls(calls), doc)

    def run_killed(
        self, example: str, store: Path, args: list[str], after_iteration: int, rng: random.Random, timeout: float = 240, sig: int = signal.SIGKILL
    ) -> Run:
        """Start the example and send it ``sig`` (SIGKILL) once the log shows
        ``after_iteration`` committed iterations, plus a random delay so the
        kill lands anywhere in the next iteration (in qir-runner, in a commit,
        in Python). A signal the program handles (not SIGKILL) is sent by the
        qir-runner wrapper itself, to its parent, as the execution after the
        first ``after_iteration`` starts (and waits 0.3 s): sent from here,
        after reading the log, it could land after the program had finished
        on a loaded machine (CI saw a run end 0 with all 8 executions), and
        there would be nothing left to interrupt."""
        if sig != signal.SIGKILL:
            proc, calls = self._start(example, store, args, None, run_delay=0.3, signal_at=(after_iteration + 1, sig))
            try:
                stdout, stderr = proc.communicate(timeout=timeout)
            finally:
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.communicate(timeout=30)
            try:
                seen = len(execution_log.read(store / LOG_NAME).iterations)
            except QckptError:
                seen = 0
            return Run(proc.returncode, stdout, stderr, self._calls(calls), killed_after=seen)
        proc, calls = self._start(example, store, args, None)
        deadline = time.monotonic() + timeout
        seen = 0
        try:
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    seen = len(execution_log.read(store / LOG_NAME).iterations)
                except QckptError:
                    seen = 0  # not created yet
                if seen >= after_iteration:
                    time.sleep(rng.uniform(0.0, 0.05))
                    os.kill(proc.pid, sig)
                    break
                time.sleep(0.005)
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # and the qir-runner it may have started
            except ProcessLookupError:
                pass
            stdout, stderr = proc.communicate(timeout=30)
        return Run(proc.returncode, stdout, stderr, self._calls(calls), killed_after=seen)


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Examples:
    return Examples(tmp_path_factory.mktemp("examples"))
