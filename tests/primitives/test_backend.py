"""QckptBackend as a Qiskit BackendV2: its Target keeps dynamic circuits
through transpile, and results format like any backend's."""

from __future__ import annotations

from collections import Counter

import pytest
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister, transpile
from qiskit.exceptions import QiskitError
from qiskit.providers import BackendV2
from qiskit.result import Counts
from qiskit_aer import AerSimulator

from qckpt.primitives import QckptBackend
from qckpt.dialects.gates import TARGET_GATES


def dynamic() -> QuantumCircuit:
    """Every control-flow instruction, gates outside the target (u, cy), and
    two registers."""
    q = QuantumRegister(3, "q")
    a, b = ClassicalRegister(1, "a"), ClassicalRegister(2, "b")
    qc = QuantumCircuit(q, a, b, name="dyn")
    qc.h(0)
    qc.u(0.3, 0.2, 0.1, 1)
    qc.measure(0, a[0])
    with qc.if_test((a[0], 1)):
        qc.cy(1, 2)
    with qc.while_loop((b[0], 0)):
        qc.h(2)
        qc.measure(2, b[0])
    with qc.for_loop(range(2)):
        qc.x(1)
    with qc.switch(a) as case:
        with case(0):
            qc.x(2)
        with case(case.DEFAULT):
            qc.z(2)
    qc.measure(1, b[1])
    return qc


def test_target_declares_the_emitted_gates_and_control_flow() -> None:
    backend = QckptBackend()
    assert isinstance(backend, BackendV2)
    names = set(backend.target.operation_names)
    assert {"if_else", "while_loop", "for_loop", "switch_case", "measure", "reset"} <= names
    assert {"h", "x", "rx", "ry", "rz", "cx", "cz", "ccx", "swap"} <= names
    assert names - {"if_else", "while_loop", "for_loop", "switch_case", "break_loop", "continue_loop", "measure", "reset"} <= set(TARGET_GATES)


def test_transpile_keeps_dynamic_circuits_and_rewrites_gates_into_the_target() -> None:
    backend = QckptBackend()
    ops = transpile(dynamic(), backend, seed_transpiler=1).count_ops()
    assert {"if_else", "while_loop", "for_loop", "switch_case"} <= set(ops)
    assert "u" not in ops


def test_counts_are_qiskit_counts_keyed_as_aer_keys_them() -> None:
    backend = QckptBackend()
    qc = dynamic()
    result = backend.run(transpile(qc, backend, seed_transpiler=1), shots=2000, seed_simulator=3).result()
    counts = result.get_counts()
    assert isinstance(counts, Counts) and sum(counts.values()) == 2000
    aer = AerSimulator(seed_simulator=3)
    ref = aer.run(transpile(qc, aer, optimization_level=0), shots=2000).result().get_counts()
    assert set(counts) == set(ref) == {"01 0", "01 1", "11 0", "11 1"}
    assert result.results[0].header["name"] == "dyn"


def test_memory_when_asked() -> None:
    backend = QckptBackend()
    qc = dynamic()
    result = backend.run(qc, shots=300, seed_simulator=5, memory=True).result()
    memory = result.get_memory()
    assert len(memory) == 300 and Counter(memory) == result.get_counts()
    without = backend.run(qc, shots=300, seed_simulator=5).result()
    assert without.get_counts() == result.get_counts()
    with pytest.raises(QiskitError):
        without.get_memory()


def test_several_circuits_seeds_and_options() -> None:
    backend = QckptBackend()
    bell = QuantumCircuit(2, 2, name="bell")
    bell.h(0)
    bell.cx(0, 1)
    bell.measure([0, 1], [0, 1])
    one = QuantumCircuit(1, 1, name="one")
    one.x(0)
    one.measure(0, 0)
    result = backend.run([bell, one], shots=400, seed_simulator=8).result()
    assert set(result.get_counts(bell)) == {"00", "11"}
    assert result.get_counts("one") == {"1": 400}
    backend.set_options(seed_simulator=8)
    assert backend.run([bell, one], shots=400).result().get_counts(0) == result.get_counts(0)


def test_unbound_parameters_are_refused_with_a_pointer_to_the_sampler() -> None:
    from qiskit.circuit import Parameter

    qc = QuantumCircuit(1, 1)
    qc.rx(Parameter("t"), 0)
    qc.measure(0, 0)
    with pytest.raises(ValueError, match="unbound parameters"):
        QckptBackend().run(qc)


def test_a_store_checkpoints_each_circuit_and_is_read_back(tmp_path) -> None:
    backend = QckptBackend()
    qc = dynamic()
    plain = backend.run(qc, shots=500, seed_simulator=4, memory=True).result()
    stored = backend.run(qc, shots=500, seed_simulator=4, memory=True, store=tmp_path, mode="reproducible").result()
    runs = sorted(p.name for p in tmp_path.iterdir())
    assert len(runs) == 1 and runs[0].startswith("run-")
    again = backend.run(qc, shots=500, seed_simulator=4, memory=True, store=tmp_path).result()
    assert sorted(p.name for p in tmp_path.iterdir()) == runs
    assert plain.get_memory() == stored.get_memory() == again.get_memory()
