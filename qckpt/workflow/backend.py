"""Where quantum executions run.

The session hands a backend a bound QIR program (bitcode), a shot count and a
seed, and gets back a histogram. The default, :class:`ExecutorBackend`, runs
it on the runtime's executor (``qckpt.runtime.execution.executor``: its own process
group, no orphan if the driver dies, streamed records, failures classified);
:class:`QirRunnerBackend` calls :func:`qckpt.runtime.qir_runner.run_qir`.
"""

from __future__ import annotations

import contextlib
import os
import select
import tempfile
from collections import Counter
from collections.abc import Iterator
from typing import Protocol

from qckpt.diagnostics import QckptError
from qckpt.runtime.qir_runner import run_qir


@contextlib.contextmanager
def _program_file(program: bytes) -> Iterator[str]:
    """The bitcode in a temporary file, for a backend that reads a path."""
    fd, path = tempfile.mkstemp(suffix=".bc", prefix="qckpt-workflow-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(program)
        yield path
    finally:
        os.unlink(path)


class Backend(Protocol):
    name: str
    # What ``run`` is handed: "qir" (bitcode, the default when absent) or
    # "stim" (a lowered stim program, ``qckpt.stim.program``).

    def run(self, program: bytes, shots: int, seed: int) -> dict[str, int]:
        """Run ``program`` for ``shots`` shots with simulator seed ``seed``;
        counts keyed as Qiskit keys them (registers in reverse order, bit 0
        rightmost). Raise :class:`QckptError` if any shot did not complete."""
        ...


class QirRunnerBackend:
    name = "qir-runner"

    def __init__(self, timeout: float | None = None) -> None:
        self.timeout = timeout

    def run(self, program: bytes, shots: int, seed: int) -> dict[str, int]:
        with _program_file(program) as path:
            result = run_qir(path, shots=shots, seed=seed, timeout=self.timeout)
        done = sum(1 for s in result.shots if s.complete)
        if done != shots:
            tail = result.stderr.strip().splitlines()
            why = f": {tail[-1]}" if tail else ""
            raise QckptError(f"qir-runner completed {done} of {shots} shots{why}")
        return result.counts


class ExecutorBackend:
    """One execution on the runtime's executor. A failure (a signal, a
    missing shot, a hang past ``timeout``) is a :class:`QckptError`: the
    session logs nothing for it, so rerunning the driver retries it."""

    name = "executor"

    def __init__(self, executor=None, timeout: float | None = None) -> None:
        from qckpt.runtime.execution.executor import QirRunnerExecutor

        self.executor = executor or QirRunnerExecutor()
        self.timeout = timeout

    def run(self, program: bytes, shots: int, seed: int) -> dict[str, int]:
        from qckpt.runtime.execution.executor import Ended, ShotDone

        with _program_file(program) as path:
            execution = self.executor.start(path, shots, seed)
            counts: Counter[str] = Counter()
            while True:
                ready, _, _ = select.select([execution], [], [], self.timeout)
                if not ready:
                    execution.kill()
                    raise QckptError(f"{self.executor.name}: no output for {self.timeout} s; the execution was stopped")
                end = None
                for event in execution.read():
                    if isinstance(event, ShotDone):
                        counts[event.key] += 1
                    elif isinstance(event, Ended):
                        end = event
                if end is not None:
                    break
        if end.failure is not None:
            raise QckptError(f"{self.executor.name}: {end.failure.kind}: {end.failure.detail}")
        if sum(counts.values()) != shots:
            raise QckptError(f"{self.executor.name} completed {sum(counts.values())} of {shots} shots")
        return dict(counts)


class StimBackend:
    """Samples a program lowered to stim, in this process (stim cannot take
    its host down). ``noise``: a :class:`qckpt.stim.noise.NoiseModel`, or
    the ``--noise`` text; a simulation option, not part of the program."""

    name = "stim"
    target = "stim"

    def __init__(self, noise=None) -> None:
        from qckpt.stim.noise import parse_noise

        self.noise = parse_noise(noise) if isinstance(noise, str) else noise

    def run(self, program: bytes, shots: int, seed: int) -> dict[str, int]:
        from qckpt.stim.program import StimProgram
        from qckpt.stim.sampling import counts

        if shots < 1:
            raise QckptError(f"shots must be at least 1, got {shots}")
        return counts(StimProgram.from_bytes(program).with_noise(self.noise), shots, seed)


def backend_named(name: str) -> Backend:
    """``Session.open(backend="stim")``: a backend by its command-line name."""
    if name == "stim":
        return StimBackend()
    if name == "qir-runner":
        return ExecutorBackend()
    raise QckptError(f"unknown backend {name!r}; choose qir-runner or stim")

