"""The conversion benchmark's inputs stay valid, so the benchmark never silently rots.

``benchmarks/convert_throughput.py`` generates its OpenQASM 3 programs from a
seed. These tests run the generator at a tiny size and check that Qiskit's
importer reads the programs, that qckpt compiles them, and that the random
dynamic circuits keep their 10 % of mid-circuit measurements. qbraid-qir is
not a test dependency and is not imported here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import qiskit.qasm3

from qckpt.pipeline import compile_qasm

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "convert_throughput.py"


@pytest.fixture(scope="module")
def bench():
    name = "_qckpt_bench_convert_throughput"
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up while the class is made
    try:
        spec.loader.exec_module(mod)
        yield mod
    finally:
        sys.modules.pop(name, None)


def _mz_calls(qir: str) -> int:
    return sum(1 for line in qir.splitlines() if "call void @__quantum__qis__mz__body" in line)


def test_random_dynamic_circuit_loads_compiles_and_measures_ten_percent(bench):
    inp = bench.random_dynamic_circuit(200)
    circuit = qiskit.qasm3.loads(inp.source)
    assert circuit.num_qubits == bench.QUBITS == 20
    assert len(circuit.data) == inp.gates == 200
    names = [ci.operation.name for ci in circuit.data]
    measures = names.count("measure")
    assert measures == inp.measurements == names.count("if_else")
    assert 0.08 <= measures / len(names) <= 0.12
    assert set(names) <= {"measure", "if_else", *bench.RANDOM_GATES}
    # Each measurement is followed at once by the conditional X on the measured qubit.
    for a, b in zip(circuit.data, circuit.data[1:]):
        if a.operation.name == "measure":
            assert b.operation.name == "if_else" and b.qubits == a.qubits

    qir = compile_qasm(inp.source)
    assert _mz_calls(qir) == measures
    assert f'"required_num_qubits"="{bench.QUBITS}"' in qir


def test_generator_is_deterministic(bench):
    assert bench.random_dynamic_circuit(300).source == bench.random_dynamic_circuit(300).source
    assert bench.random_dynamic_circuit(300).source != bench.random_dynamic_circuit(300, seed=1).source
    assert [i.name for i in bench.make_inputs([200])] == ["random-200", "qft20-200", "qaoa20-200"]


@pytest.mark.parametrize("make", ["qft_circuit", "qaoa_circuit"])
def test_structured_circuits_load_and_compile(bench, make):
    inp = getattr(bench, make)(250)
    circuit = qiskit.qasm3.loads(inp.source)
    assert len(circuit.data) == inp.gates
    assert abs(inp.gates - 250) <= 110  # lands near the size asked for
    assert _mz_calls(compile_qasm(inp.source)) == bench.QUBITS


def test_section_rewrite_keeps_other_sections(bench, tmp_path):
    doc = tmp_path / "benchmarks.md"
    bench.write_section(doc, "first")
    assert doc.read_text().count(bench.BEGIN) == 1
    doc.write_text(doc.read_text() + "\n<!-- other:begin -->\nmine\n<!-- other:end -->\n")
    bench.write_section(doc, "second")
    text = doc.read_text()
    assert "second" in text and "first" not in text
    assert "<!-- other:begin -->\nmine\n<!-- other:end -->" in text


def test_targets_use_slopes_between_sizes(bench):
    inputs = [bench.random_dynamic_circuit(n) for n in (1000, 10_000, 100_000)]

    def run(build, emit):
        return {"qckpt": {"ok": True, "convert_s": build + emit, "stages": {"parse": 0.0, "build": build, "emit": emit}}}

    # A 5 s fixed cost plus 20 µs/gate: the slopes see only the 20 µs.
    results = {i.name: run(5.0 + 10e-6 * i.gates, 10e-6 * i.gates) for i in inputs}
    speed, flat = bench.evaluate_targets(results, inputs)
    assert speed["pass"] and flat["pass"]
    assert "20.0 µs/gate" in speed["measured"]
    assert speed["cpu_pass"] is None  # no CPU times given: not judged, not failed
    # Quadratic growth fails the flatness target.
    results = {i.name: run(1e-9 * i.gates**2, 0.0) for i in inputs}
    speed, flat = bench.evaluate_targets(results, inputs)
    assert not flat["pass"]
