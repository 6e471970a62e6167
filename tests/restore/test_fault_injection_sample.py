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
from qckpt.runtime.resume_check import check_module

SAMPLE = [
    ("ipe_exact", "exact", {}),
    ("ipe_exact", "every", {"every": 1}),
    ("teleport_ry", "interval", {"mtbf": 1e-7}),
    ("qasm_dynamic_ghz", "every", {"every": 1}),
]


def build(name: str):
    if name.startswith("qasm_"):
        p = qasm_by_name(name)
        return qasm_to_module(p.source, f"{name}.qasm")
    return circuit_to_module(by_name(name).build())


@pytest.mark.comparisons(15)  # at most 15 boundaries per case (ipe_exact every: 14)
@pytest.mark.parametrize(("name", "policy", "kw"), SAMPLE, ids=[f"{n}-{p}" for n, p, _ in SAMPLE])
def test_every_restorable_boundary_resumes_to_the_same_distribution(name: str, policy: str, kw: dict) -> None:
    checks = check_module(name, build(name), policy, 1000, 17, stats.DELTA, **kw)
    assert checks, f"{name}/{policy}: no restorable boundary"
    bad = [f"boundary {c.boundary} ({c.kind}): TVD {c.tvd:.4f} > {c.bound:.4f}" for c in checks if not c.ok]
    assert not bad, bad
    assert all(c.killed > 0 for c in checks)
