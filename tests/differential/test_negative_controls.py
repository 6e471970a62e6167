"""Negative controls: the differential test must be able to fail.

A comparison that passes on everything proves nothing. Each control below is
a program and a mutant of it with one plausible compiler bug written into
the source (a dropped correction, swapped branches, a wrong angle, a wrong
switch case, an off-by-one trip count, a missing reset, a wrong comparison
constant). Compiling the *mutant* with qckpt and comparing it against Aer
running the *original* is what the differential test would see if qckpt had
that bug, so it must fail.

A second control runs the mutant on Aer against the original on Aer. It
shows the mutation changes the distribution at all, and by a margin: the
observed TVD must exceed twice the bound (or break a deterministic
reference), so that detection does not hinge on a lucky seed. Each mutation
was sized for N = ``stats.SHOTS``: the smallest true TVD here is 0.25
against bounds of about 0.07.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import pi

import pytest
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

import stats


@dataclass(frozen=True)
class Mutation:
    name: str
    bug: str
    build: Callable[[bool], QuantumCircuit]  # build(mutated)


MUTATIONS: list[Mutation] = []


def mutation(bug: str):
    def register(fn: Callable[[bool], QuantumCircuit]):
        MUTATIONS.append(Mutation(fn.__name__, bug, fn))
        return fn

    return register


@mutation("the X correction of teleportation is dropped (true TVD ≈ 0.44)")
def teleport_correction(mutated: bool) -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    m = ClassicalRegister(2, "m")
    out = ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, m, out)
    qc.u(0.5, 0.7, -0.4, q[0])
    qc.h(q[1])
    qc.cx(q[1], q[2])
    qc.cx(q[0], q[1])
    qc.h(q[0])
    qc.measure(q[0], m[0])
    qc.measure(q[1], m[1])
    if not mutated:
        with qc.if_test((m[1], 1)):
            qc.x(q[2])
    with qc.if_test((m[0], 1)):
        qc.z(q[2])
    qc.u(-0.5, 0.4, -0.7, q[2])
    qc.measure(q[2], out[0])
    return qc


@mutation("the if and else bodies are swapped (true TVD ≈ 0.87)")
def swapped_branches(mutated: bool) -> QuantumCircuit:
    q = QuantumRegister(2, "q")
    c = ClassicalRegister(1, "c")
    out = ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, c, out)
    qc.h(q[0])
    qc.measure(q[0], c[0])
    small, large = (5 * pi / 6, pi / 6) if mutated else (pi / 6, 5 * pi / 6)
    with qc.if_test((c[0], 1)) as else_:
        qc.ry(small, q[1])
    with else_:
        qc.ry(large, q[1])
    qc.measure(q[1], out[0])
    return qc


@mutation("a conditioned rotation gets the wrong angle, ry(5pi/6) for ry(pi/3) (true TVD ≈ 0.34)")
def wrong_angle(mutated: bool) -> QuantumCircuit:
    q = QuantumRegister(2, "q")
    c = ClassicalRegister(1, "c")
    out = ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, c, out)
    qc.h(q[0])
    qc.measure(q[0], c[0])
    with qc.if_test((c[0], 1)):
        qc.ry(5 * pi / 6 if mutated else pi / 3, q[1])
    qc.measure(q[1], out[0])
    return qc


@mutation("a switch case label is wrong, case (2, 3) for case (1, 2) (true TVD = 0.5)")
def wrong_switch_case(mutated: bool) -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    c = ClassicalRegister(2, "c")
    o = ClassicalRegister(1, "o")
    qc = QuantumCircuit(q, c, o)
    qc.h(q[0])
    qc.h(q[1])
    qc.measure(q[0], c[0])
    qc.measure(q[1], c[1])
    with qc.switch(c) as case:
        with case(0):
            pass
        with case(*((2, 3) if mutated else (1, 2))):
            qc.x(q[2])
        with case(case.DEFAULT):
            pass
    qc.measure(q[2], o[0])
    return qc


@mutation("a for loop runs one iteration short, range(3) for range(4) (deterministic reference)")
def loop_off_by_one(mutated: bool) -> QuantumCircuit:
    q = QuantumRegister(1, "q")
    c = ClassicalRegister(1, "c")
    qc = QuantumCircuit(q, c)
    with qc.for_loop(range(3 if mutated else 4)):
        qc.rx(pi / 4, q[0])
    qc.measure(q[0], c[0])
    return qc


@mutation("a while loop's condition is inverted at the exit test: RUS stops on 1 instead of 0 (deterministic reference)")
def while_condition_inverted(mutated: bool) -> QuantumCircuit:
    q = QuantumRegister(1, "q")
    c = ClassicalRegister(1, "c")
    qc = QuantumCircuit(q, c)
    qc.h(q[0])
    qc.measure(q[0], c[0])
    with qc.while_loop((c[0], 0 if mutated else 1)):
        qc.h(q[0])
        qc.measure(q[0], c[0])
    return qc


@mutation("a reset before qubit reuse is dropped (true TVD = 0.5)")
def dropped_reset(mutated: bool) -> QuantumCircuit:
    q = QuantumRegister(1, "q")
    c = ClassicalRegister(2, "c")
    qc = QuantumCircuit(q, c)
    qc.h(q[0])
    qc.measure(q[0], c[0])
    if not mutated:
        qc.reset(q[0])
    qc.measure(q[0], c[1])
    return qc


@mutation("a register comparison uses the wrong constant, (r == 4) for (r == 5) (true TVD = 0.25)")
def wrong_comparison_constant(mutated: bool) -> QuantumCircuit:
    q = QuantumRegister(4, "q")
    r = ClassicalRegister(3, "r")
    out = ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, r, out)
    for i in range(3):
        qc.h(q[i])
        qc.measure(q[i], r[i])
    with qc.if_test((r, 4 if mutated else 5)):
        qc.x(q[3])
    qc.measure(q[3], out[0])
    return qc


@pytest.fixture(scope="module")
def pipeline():
    import qckpt.pipeline

    return qckpt.pipeline


@pytest.mark.parametrize("mut", MUTATIONS, ids=lambda m: m.name)
def test_mutation_changes_the_distribution(mut: Mutation, reference) -> None:
    original = reference(f"neg:{mut.name}", lambda: mut.build(False))
    mutant = reference(f"neg:{mut.name}:mutant", lambda: mut.build(True))
    with pytest.raises(AssertionError):
        stats.assert_same_distribution(mutant, original)
    if len(original) > 1:
        k = len(set(original) | set(mutant)) + 1
        margin = 2 * stats.tvd_bound(k, sum(mutant.values()), sum(original.values()))
        assert stats.tvd(mutant, original) > margin, (
            f"{mut.name}: mutation moves the distribution by only {stats.tvd(mutant, original):.3f}, "
            f"less than twice the bound ({margin:.3f}); make it bigger so detection does not depend on the seed"
        )


@pytest.mark.parametrize("mut", MUTATIONS, ids=lambda m: m.name)
def test_compiled_mutant_is_caught(mut: Mutation, pipeline, reference, run_compiled) -> None:
    qir = pipeline.compile_circuit(mut.build(True))
    ours = run_compiled(qir).counts
    original = reference(f"neg:{mut.name}", lambda: mut.build(False))
    with pytest.raises(AssertionError, match="TVD|deterministic"):
        stats.assert_same_distribution(ours, original)
