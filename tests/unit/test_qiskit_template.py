"""Qiskit circuits with unbound parameters, lowered once and bound per use."""

from __future__ import annotations

import math

import pyqir
import pytest
from qiskit.circuit import Parameter, ParameterVector, QuantumCircuit

from qckpt.diagnostics import QckptError
from qckpt.frontend.qiskit_circuit import circuit_to_module, circuit_to_template, evaluate_slots
from qckpt.pipeline import compile_circuit, module_to_bitcode
from qckpt.qir.bind import bind_parameters, unbound_parameters
from qckpt.runtime.qir_runner import run_qir


def _ansatz() -> tuple[QuantumCircuit, Parameter, ParameterVector]:
    t = Parameter("t")
    v = ParameterVector("v", 3)
    qc = QuantumCircuit(2, 2)
    qc.rx(2 * t, 0)
    qc.ry(v[1], 1)
    qc.cx(0, 1)
    qc.rz(t + 0.5 * v[0], 0)
    qc.rx(2 * t, 1)  # the same expression again: the same slot
    qc.cp(v[2], 0, 1)  # decomposed with arithmetic on a runtime angle
    qc.h(0)
    qc.measure([0, 1], [0, 1])
    return qc, t, v


def test_each_distinct_expression_is_one_slot_in_order_of_first_use() -> None:
    qc, t, v = _ansatz()
    _, slots = circuit_to_template(qc)
    assert list(slots) == ["p0", "p1", "p2", "p3"]
    assert [str(e) for e in slots.values()] == [str(2 * t), "v[1]", str(t + 0.5 * v[0]), "v[2]"]
    values = {t: 0.25, v[0]: 1.0, v[1]: -0.7, v[2]: 0.4}
    got = evaluate_slots(slots, values)
    assert got == {"p0": 0.5, "p1": -0.7, "p2": 0.75, "p3": 0.4}


@pytest.mark.parametrize("seed", [3, 11])
def test_binding_a_template_matches_compiling_the_bound_circuit(seed: int) -> None:
    qc, t, v = _ansatz()
    module, slots = circuit_to_template(qc)
    bitcode = module_to_bitcode(module)
    values = {t: 0.3, v[0]: 1.1, v[1]: -0.7, v[2]: 0.4}
    mod = pyqir.Module.from_bitcode(pyqir.Context(), bitcode)
    assert unbound_parameters(mod) == {name: "double" for name in slots}
    late = str(bind_parameters(mod, evaluate_slots(slots, values)))
    early = compile_circuit(qc.assign_parameters(values))
    assert run_qir(late, shots=1500, seed=seed).counts == run_qir(early, shots=1500, seed=seed).counts


def test_the_bound_angle_reaches_the_program() -> None:
    t = Parameter("t")
    qc = QuantumCircuit(1, 1)
    qc.ry(t, 0)
    qc.measure(0, 0)
    module, slots = circuit_to_template(qc)
    bitcode = module_to_bitcode(module)
    for angle, expect in ((0.0, {"0": 400}), (math.pi, {"1": 400})):
        mod = bind_parameters(pyqir.Module.from_bitcode(pyqir.Context(), bitcode), evaluate_slots(slots, {t: angle}))
        assert run_qir(str(mod), shots=400, seed=1).counts == expect


def test_a_plain_lowering_still_refuses_unbound_parameters() -> None:
    qc, _, _ = _ansatz()
    with pytest.raises(QckptError, match="unbound parameters: t, v"):
        circuit_to_module(qc)


def test_a_bound_circuit_has_no_slots() -> None:
    qc = QuantumCircuit(1, 1)
    qc.rx(0.5, 0)
    qc.measure(0, 0)
    _, slots = circuit_to_template(qc)
    assert slots == {}
