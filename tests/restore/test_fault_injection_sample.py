"""A fixed sample of the whole-corpus fault injection
(``benchmarks/restore_fault_injection.py``, run by ``make test-full``):
programs from the differential corpus whose boundaries cover every class:
classicalized exact, layer exact and replay, and replay boundaries with
post-selected measurements in their cones (algorithmic ones are covered by
the Trotter loop in test_resume.py)."""

from __future__ import annotations

import pytest
import stats
from corpus import by_name
from qasm_corpus import by_name as qasm_by_name

from qckpt.pipeline import circuit_to_module, qasm_to_module
from qckpt.runtime.restore.resume_check import check_module

# (program, policy, policy arguments, the number of restorable boundaries:
# its share of the suite's false-alarm budget)
SAMPLE = [
    ("ipe_exact", "exact", {}, 1),
    ("ipe_exact", "every", {"every": 1}, 14),
    ("teleport_ry", "interval", {"mtbf": 1e-7}, 6),
    ("qasm_dynamic_ghz", "every", {"every": 1}, 5),
    # registers sharing a bit: one output value under two labels
    ("overlapping_registers", "exact", {}, 3),
]
CASES = [pytest.param(n, p, kw, k, marks=pytest.mark.comparisons(k), id=f"{n}-{p}") for n, p, kw, k in SAMPLE]


def build(name: str):
    if name.startswith("qasm_"):
        p = qasm_by_name(name)
        return qasm_to_module(p.source, f"{name}.qasm")
    return circuit_to_module(by_name(name).build())


@pytest.mark.parametrize(("name", "policy", "kw", "budget"), CASES)
def test_every_restorable_boundary_resumes_to_the_same_distribution(name: str, policy: str, kw: dict, budget: int) -> None:
    checks = check_module(name, build(name), policy, 1000, 17, stats.DELTA, **kw)
    assert 0 < len(checks) <= budget, f"{name}/{policy}: {len(checks)} restorable boundaries, {budget} comparisons declared"
    bad = [f"boundary {c.boundary} ({c.kind}): TVD {c.tvd:.4f} > {c.bound:.4f}" for c in checks if not c.ok]
    assert not bad, bad
