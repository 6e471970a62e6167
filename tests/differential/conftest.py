"""Shared machinery of the differential suite: import path, seeds, the Aer
reference cache, running compiled QIR, and the false-alarm budget.

The helper modules (``corpus``, ``qasm_corpus``, ``stats``) sit next to the
tests and are imported as top-level modules: ``tests`` must not be a package
(xdsl installs one of that name) and pytest runs with ``--import-mode=
importlib``, which does not put test directories on ``sys.path`` by itself.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import stats  # noqa: E402
from stats import QIR_SEED, REF_SEED  # noqa: E402

# qir-runner runs these programs at thousands of shots per second; a program
# that is still running after this long is looping forever, which is a
# failure to report rather than wait out.
RUN_TIMEOUT_S = 120.0


@pytest.fixture(scope="session")
def reference() -> Callable[..., dict[str, int]]:
    """Aer counts for (key, circuit builder, seed), computed once per session
    and shared by the self-check and the differential test of a program."""
    cache: dict[tuple[str, int, int], dict[str, int]] = {}

    def get(key: str, build: Callable[[], object], seed: int = REF_SEED, shots: int = stats.SHOTS) -> dict[str, int]:
        k = (key, seed, shots)
        if k not in cache:
            cache[k] = stats.reference_counts(build(), shots=shots, seed=seed)
        return cache[k]

    return get


@pytest.fixture(scope="session")
def run_compiled() -> Callable[..., object]:
    """Run QIR text on qir-runner and insist that every shot completed: a
    crashed or truncated shot would otherwise vanish from ``counts`` and
    make a broken program look like a slightly smaller sample."""
    from qckpt.runtime.qir_runner import run_qir

    def run(qir: str, shots: int = stats.SHOTS, seed: int = QIR_SEED):
        result = run_qir(qir, shots=shots, seed=seed, timeout=RUN_TIMEOUT_S)
        complete = sum(1 for s in result.shots if s.complete)
        if complete != shots:
            tail = "\n".join(result.stderr.strip().splitlines()[-5:])
            raise AssertionError(
                f"qir-runner completed {complete} of {shots} shots ({len(result.shots)} started); stderr tail:\n{tail}"
            )
        return result

    return run


def recorded_layout(result) -> list[tuple[str, int]]:
    """The (label, width) of each recorded register, identical in every shot."""
    layouts = {tuple((name, len(bits)) for name, bits in shot.registers().items()) for shot in result.shots}
    if len(layouts) != 1:
        raise AssertionError(f"shots record different register layouts: {sorted(layouts)[:4]}")
    (layout,) = layouts
    return list(layout)


@pytest.fixture(scope="session")
def layout_of() -> Callable[[object], list[tuple[str, int]]]:
    return recorded_layout
