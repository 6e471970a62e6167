"""Where quantum executions run.

The session hands a backend a bound QIR program (bitcode), a shot count and a
seed, and gets back a histogram. The first implementation calls qir-runner
through :func:`qckpt.runtime.qir_runner.run_qir`; the runtime's executor (a
subprocess with failure detection and streaming records) is meant to slot in
as another :class:`Backend` without changing the session.
"""

from __future__ import annotations

import os
import tempfile
from typing import Protocol

from qckpt.diagnostics import QckptError
from qckpt.runtime.qir_runner import run_qir


class Backend(Protocol):
    name: str

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
        fd, path = tempfile.mkstemp(suffix=".bc", prefix="qckpt-workflow-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(program)
            result = run_qir(path, shots=shots, seed=seed, timeout=self.timeout)
        finally:
            os.unlink(path)
        done = sum(1 for s in result.shots if s.complete)
        if done != shots:
            tail = result.stderr.strip().splitlines()
            why = f": {tail[-1]}" if tail else ""
            raise QckptError(f"qir-runner completed {done} of {shots} shots{why}")
        return result.counts
