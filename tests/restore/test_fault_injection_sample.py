"""A fixed sample of the whole-corpus fault injection
(``benchmarks/restore_fault_injection.py``, run by ``make test-full``):
programs from the differential corpus whose boundaries cover every class:
classicalized exact, layer exact and replay, and replay boundaries with
post-selected measurements in their cones (algorithmic ones are covered by
the Trotter loop in test_resume.py); a replay whose recorded syndrome has
probability 0.25%, a loop that resets its target at each iteration start;
cones through constant-bound loops, cones that post-select 5 to 7
measurements;
and the two negative controls, each of which must fail."""

from __future__ import annotations

import pytest
import stats
from corpus import by_name
from qasm_corpus import by_name as qasm_by_name

from qckpt.pipeline import circuit_to_module, qasm_to_module
from qckpt.runtime.restore.resume_check import check_module, check_program
from restore_programs import LOOP_RESET, RUS_RESET_FIRST, repetition_code

# (program, policy, policy arguments, the number of restorable boundaries:
# its share of the suite's false-alarm budget)
SAMPLE = [
    ("ipe_exact", "exact", {}, 1),
    ("ipe_exact", "every", {"every": 1}, 22),
    ("teleport_ry", "interval", {"mtbf": 1e-7}, 7),
    ("qasm_dynamic_ghz", "every", {"every": 1}, 5),
    # registers sharing a bit: one output value under two labels
    ("overlapping_registers", "exact", {}, 3),
    # the iteration start is exact only because the reset target is dead there
    ("restore_loop_reset", "every", {"every": 1}, 1),
    ("restore_rus_reset_first", "every", {"every": 1}, 1),
    # cones through constant-bound loops of gates, replayed unrolled
    ("for_plain", "interval", {"mtbf": 1e-7}, 3),
    # a while loop's iteration boundary that measures a qubit's bit before it
    ("rus_until_zero", "every", {"every": 1}, 1),
    # post-selection of 5 to 7 measurements (the default budget is 7 bits)
    ("dynamic_ghz", "interval", {"mtbf": 1e-7}, 20),
    ("restore_repetition_code", "every", {"every": 1}, 17),
]
CASES = [pytest.param(n, p, kw, k, marks=pytest.mark.comparisons(k), id=f"{n}-{p}") for n, p, kw, k in SAMPLE]


def build(name: str):
    if name == "restore_loop_reset":
        return qasm_to_module(LOOP_RESET, f"{name}.qasm")
    if name == "restore_rus_reset_first":
        return qasm_to_module(RUS_RESET_FIRST, f"{name}.qasm")
    if name == "restore_repetition_code":
        return qasm_to_module(repetition_code(), f"{name}.qasm")
    if name.startswith("qasm_"):
        p = qasm_by_name(name)
        return qasm_to_module(p.source, f"{name}.qasm")
    return circuit_to_module(by_name(name).build())


@pytest.mark.parametrize(("name", "policy", "kw", "budget"), CASES)
def test_every_restorable_boundary_resumes_to_the_same_distribution(name: str, policy: str, kw: dict, budget: int) -> None:
    checks = check_module(name, build(name), policy, 1000, 17, stats.DELTA, **kw)
    assert 0 < len(checks) <= budget, f"{name}/{policy}: {len(checks)} restorable boundaries, {budget} comparisons declared"
    bad = [f"boundary {c.boundary} ({c.kind}): {c.why()}" for c in checks if not c.ok]
    assert not bad, bad


# After two rounds the syndrome (10, 00) has probability 0.25%; 40,000 shots
# put about 100 of them through the post-selection. With a 1000-try cap each
# gives up with probability (1 - 0.0025)^1000 = 8.2%: about 8 failures, and
# none with probability e^-8.2 = 3e-4.
RARE_SHOTS = 40_000


def rare_syndrome(**kw):
    return check_program("repetition_code", qasm_to_module(repetition_code(checkpoint_after_round=2), "rep.qasm"), "annotated", RARE_SHOTS, 5, stats.DELTA, **kw)


@pytest.mark.comparisons(1)
def test_rare_syndrome_replay_never_gives_up() -> None:
    result = rare_syndrome()
    (check,) = result.checks
    assert not check.exact and check.killed == RARE_SHOTS
    assert check.errors == 0 and check.wrong_state == 0, check.why()
    # a[1]'s syndrome bits are always 0 (only d[0] errs): 4 histories of
    # (s0[0], s1[0]), the rare (1, 0) among them (about 100 of 40,000 shots).
    assert check.bindings == 4
    assert check.ok, check.why()


@pytest.mark.comparisons(1)
def test_negative_control_a_1000_try_cap_fails_the_check() -> None:
    (check,) = rare_syndrome(replay_tries=1000).checks
    assert check.errors > 0 and not check.ok
    assert "capped cone replay" in check.first_error


@pytest.mark.comparisons(1)
def test_negative_control_binding_another_shots_state_fails_the_check() -> None:
    checks = check_module("qasm_dynamic_ghz", build("qasm_dynamic_ghz"), "every", 1000, 17, stats.DELTA, every=1)
    assert checks and all(c.ok for c in checks)
    result = check_program("qasm_dynamic_ghz", build("qasm_dynamic_ghz"), "every", 1000, 17, stats.DELTA, misbind=True, every=1)
    # Every boundary with more than one recorded state catches it.
    assert any(c.wrong_state > 0 and not c.ok for c in result.checks)
