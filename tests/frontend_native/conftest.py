"""Shared machinery of the native-frontend tests.

They reuse the differential suite's statistics and Aer reference helpers
(``tests/differential/stats.py``), imported as a top-level module: ``tests``
is not a package and pytest runs with ``--import-mode=importlib``, so that
directory is put on ``sys.path`` here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DIFFERENTIAL = HERE.parent / "differential"
for p in (HERE, DIFFERENTIAL):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import stats  # noqa: E402
from stats import QIR_SEED, REF_SEED  # noqa: E402

RUN_TIMEOUT_S = 120.0


@pytest.fixture(scope="session")
def aer_counts() -> Callable[..., dict[str, int]]:
    """Aer counts of a Qiskit circuit, keyed like qckpt's histograms."""

    def get(build: Callable[[], object], shots: int, seed: int = REF_SEED) -> dict[str, int]:
        return stats.reference_counts(build(), shots=shots, seed=seed)

    return get


@pytest.fixture(scope="session")
def run_qir_complete() -> Callable[..., object]:
    """Run QIR text on qir-runner and insist that every shot completed (a
    crashed shot would otherwise vanish from the histogram)."""
    from qckpt.runtime.qir_runner import run_qir

    def run(qir: str, shots: int, seed: int = QIR_SEED):
        result = run_qir(qir, shots=shots, seed=seed, timeout=RUN_TIMEOUT_S)
        complete = sum(1 for s in result.shots if s.complete)
        if complete != shots:
            tail = "\n".join(result.stderr.strip().splitlines()[-5:])
            raise AssertionError(f"qir-runner completed {complete} of {shots} shots; stderr tail:\n{tail}")
        return result

    return run
