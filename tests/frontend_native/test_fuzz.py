"""Bounded grammar-mutation fuzzing of the native frontend (see ``qasm_fuzz``).

Malformed input must never give a traceback: every mutant compiles or fails
with a ``QckptError`` whose location is inside the input. CI runs a fixed,
derandomized sample; ``benchmarks/fuzz_frontend.py`` runs ten thousand and
more cases with a summary.
"""

from __future__ import annotations

import functools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qasm_fuzz


@functools.cache
def _seeds() -> tuple[str, ...]:
    return tuple(qasm_fuzz.seed_programs())


@st.composite
def mutants(draw: st.DrawFn) -> str:
    return qasm_fuzz.mutate(list(_seeds()), lambda n: draw(st.integers(0, n - 1)))


def test_tokens_are_lossless() -> None:
    for s in _seeds():
        assert "".join(qasm_fuzz.tokens(s)) == s


def test_location_inside() -> None:
    assert qasm_fuzz.location_inside("ab\ncd", 2, 3)  # just past the end of the last line
    assert qasm_fuzz.location_inside("ab\n", 2, 1)  # the empty line after a final newline
    assert not qasm_fuzz.location_inside("ab\ncd", 3, 2)
    assert not qasm_fuzz.location_inside("ab\ncd", 1, 4)
    assert not qasm_fuzz.location_inside("ab", 1, 0)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutants())
def test_mutants_compile_or_fail_located(text: str) -> None:
    outcome = qasm_fuzz.check(text)
    assert outcome.kind != "failure", f"{outcome.detail}\n--- input ---\n{text}"
