"""The Qiskit frontend's IR: classical bits become SSA values threaded
through scf results and loop arguments; break/continue become flags."""

from __future__ import annotations

import math

import pytest
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Parameter
from qiskit.circuit.classical import expr
from xdsl.dialects import scf

from qckpt.diagnostics import QckptError
from qckpt.dialects import qc
from qckpt.frontend.qiskit_circuit import circuit_to_module
from qckpt.pipeline import compile_circuit
from qckpt.runtime.qir_runner import run_qir


def ops_of(module, kind):
    return [op for op in module.walk() if isinstance(op, kind)]


def test_if_that_measures_yields_the_bit() -> None:
    c = QuantumCircuit(2, 2)
    c.h(0)
    c.measure(0, 0)
    with c.if_test((c.clbits[0], 1)):
        c.x(1)
        c.measure(1, 1)
    m = circuit_to_module(c)
    m.verify()
    (if_op,) = ops_of(m, scf.IfOp)
    assert len(if_op.results) == 1  # only c[1] is written inside
    (out,) = ops_of(m, qc.OutputOp)
    assert out.values[1] is if_op.results[0]


def test_while_carries_written_bits_only() -> None:
    q, c, d = QuantumRegister(1), ClassicalRegister(1, "c"), ClassicalRegister(1, "d")
    circ = QuantumCircuit(q, c, d)
    circ.h(0)
    circ.measure(0, c[0])
    with circ.while_loop((c[0], 1)):
        circ.reset(0)
        circ.h(0)
        circ.measure(0, c[0])
    m = circuit_to_module(circ)
    (w,) = ops_of(m, scf.WhileOp)
    assert len(w.arguments) == 1  # d is never written in the loop


def test_break_is_a_carried_flag_and_guards_the_rest() -> None:
    circ = QuantumCircuit(1, 1)
    with circ.while_loop((circ.clbits[0], 0)):
        circ.h(0)
        circ.measure(0, 0)
        with circ.if_test((circ.clbits[0], 1)):
            circ.break_loop()
        circ.x(0)
    m = circuit_to_module(circ)
    m.verify()
    (w,) = ops_of(m, scf.WhileOp)
    assert len(w.arguments) == 2  # c[0] and the break flag
    # Once the bit is 1 the loop ends; the X after the break never runs on that path.
    counts = run_qir(compile_circuit(circ), shots=200, seed=5).counts
    assert counts == {"1": 200}


def test_for_with_continue_skips_the_rest_of_the_body() -> None:
    circ = QuantumCircuit(2, 2)
    with circ.for_loop(range(3)):
        circ.x(0)
        circ.measure(0, 0)
        with circ.if_test((circ.clbits[0], 1)):
            circ.continue_loop()
        circ.x(1)  # runs only when q0 measured 0: iterations 2 (q0: 1,0,1)
    circ.measure(1, 1)
    counts = run_qir(compile_circuit(circ), shots=50, seed=1).counts
    assert counts == {"11": 50}  # q1 flipped once; q0 ends in 1


def test_loop_parameter_used_as_angle_is_unrolled() -> None:
    theta = Parameter("t")
    circ = QuantumCircuit(1, 1)
    with circ.for_loop(range(1, 4), loop_parameter=theta):
        circ.rx(theta * math.pi / 6, 0)
    circ.measure(0, 0)
    m = circuit_to_module(circ)
    assert not ops_of(m, scf.ForOp)
    angles = sorted(g.params[0].owner.value.value.data for g in ops_of(m, qc.GateOp))
    assert angles == pytest.approx([math.pi / 6, 2 * math.pi / 6, 3 * math.pi / 6])
    # pi in total: the qubit flips
    assert run_qir(compile_circuit(circ), shots=50, seed=1).counts == {"1": 50}


def test_unbound_parameter_is_a_clear_error() -> None:
    circ = QuantumCircuit(1)
    circ.rx(Parameter("theta"), 0)
    with pytest.raises(QckptError, match="unbound parameters: theta"):
        circuit_to_module(circ)


def test_register_comparison_and_switch() -> None:
    circ = QuantumCircuit(3, 2)
    circ.x(0)
    circ.measure(0, 0)  # c = 01 = 1
    creg = circ.cregs[0]
    with circ.switch(creg) as case:
        with case(0):
            circ.x(2)
        with case(1, 2):
            circ.x(1)
        with case(case.DEFAULT):
            circ.x(2)
    with circ.if_test(expr.equal(creg, 1)):
        circ.x(2)
    circ.measure(1, 1)
    m = circuit_to_module(circ)
    (sw,) = ops_of(m, scf.IndexSwitchOp)
    assert list(sw.cases.get_values()) == [0, 1, 2]
    counts = run_qir(compile_circuit(circ), shots=20, seed=2).counts
    assert counts == {"11": 20}


def test_bits_shared_between_registers_are_one_value() -> None:
    a = ClassicalRegister(2, "a")
    q = QuantumRegister(2, "q")
    circ = QuantumCircuit(q, a)
    both = ClassicalRegister(bits=[a[1], a[0]], name="b")
    circ.add_register(both)
    circ.x(0)
    circ.measure(0, a[0])
    circ.measure(1, a[1])
    counts = run_qir(compile_circuit(circ), shots=10, seed=3).counts
    assert counts == {"10 01": 10}  # b = (a[1], a[0]) = (0, 1) -> "10"; a -> "01"
