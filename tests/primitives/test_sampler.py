"""qckpt's SamplerV2 follows Qiskit's conventions: result and BitArray
shapes, register names and order, broadcasting of a 2-D parameter array,
counts keys; seeds and stores give reproducible samples."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Parameter
from qiskit.primitives import BaseSamplerV2, PrimitiveResult, SamplerPubResult
from qiskit.primitives.containers import BitArray
from qiskit_aer.primitives import SamplerV2 as AerSampler

from qckpt.diagnostics import QckptError
from qckpt.primitives import SamplerV2
from qckpt.primitives.options import SEED_FILE

A, B = Parameter("a"), Parameter("b")


def flips() -> QuantumCircuit:
    """rx(a) on q0, rx(b) on q1: at angles 0 and pi every bit is certain,
    so each element of a parameter array has one known outcome. Registers
    declared out of alphabetical order ('zz' first), and a register written
    by feed-forward: if q0 read 1, q2 is flipped."""
    q = QuantumRegister(3, "q")
    zz, meas = ClassicalRegister(1, "zz"), ClassicalRegister(2, "meas")
    qc = QuantumCircuit(q, zz, meas)
    qc.rx(A, 0)
    qc.rx(B, 1)
    qc.measure([0, 1], [meas[0], meas[1]])
    with qc.if_test((meas[0], 1)):
        qc.x(2)
    qc.measure(2, zz[0])
    return qc


def grid() -> np.ndarray:
    """Shape (2, 3, 2): element (i, j) = (a, b) with a = pi*i, b = pi*(j % 2)."""
    return np.array([[[math.pi * i, math.pi * (j % 2)] for j in range(3)] for i in range(2)])


def expected_bits(i: int, j: int) -> tuple[str, str]:
    """(meas, zz) bitstrings of element (i, j): bit 0 rightmost."""
    a, b = i, j % 2
    return f"{b}{a}", f"{a}"


def test_it_is_a_qiskit_sampler() -> None:
    assert isinstance(SamplerV2(), BaseSamplerV2)


def test_result_shapes_names_and_broadcasting_of_a_2d_parameter_array() -> None:
    qc = flips()
    result = SamplerV2(seed=1).run([(qc, grid())], shots=50).result()
    assert isinstance(result, PrimitiveResult) and len(result) == 1 and result.metadata == {"version": 2}
    pub = result[0]
    assert isinstance(pub, SamplerPubResult)
    assert pub.metadata["shots"] == 50
    assert list(pub.data.keys()) == ["zz", "meas"]  # the circuit's registers, in declaration order
    assert pub.data.shape == (2, 3)
    for name, width in [("zz", 1), ("meas", 2)]:
        bits = getattr(pub.data, name)
        assert isinstance(bits, BitArray)
        assert (bits.shape, bits.num_shots, bits.num_bits, bits.array.shape) == ((2, 3), 50, width, (2, 3, 50, 1))
    for i in range(2):
        for j in range(3):
            meas, zz = expected_bits(i, j)
            assert pub.data.meas.get_counts(loc=(i, j)) == {meas: 50}
            assert pub.data.zz.get_counts(loc=(i, j)) == {zz: 50}
            assert pub.join_data().get_counts(loc=(i, j)) == {meas + zz: 50}  # joined: later registers to the left


def test_the_same_shapes_and_keys_as_aer_sampler() -> None:
    """Aer's sampler is the peer: same pubs, same containers (it has no
    feed-forward in this circuit, which it handles)."""
    qc = QuantumCircuit(QuantumRegister(2), ClassicalRegister(2, "meas"), ClassicalRegister(1, "extra"))
    qc.rx(A, 0)
    qc.ry(B, 1)
    qc.measure([0, 1], [0, 1])
    qc.measure(1, 2)
    pubs = [(qc, grid(), 20), (qc, {"a": [0.0, math.pi], "b": [math.pi, 0.0]}), (qc, grid()[0, 0])]
    ours = SamplerV2(seed=3).run(pubs, shots=30).result()
    peer = AerSampler(seed=3).run(pubs, shots=30).result()
    for o, p in zip(ours, peer):
        assert list(o.data.keys()) == list(p.data.keys())
        assert o.data.shape == p.data.shape
        for name in o.data.keys():
            x, y = getattr(o.data, name), getattr(p.data, name)
            assert (x.shape, x.num_shots, x.num_bits, x.array.dtype) == (y.shape, y.num_shots, y.num_bits, y.array.dtype)
        assert o.metadata["shots"] == p.metadata["shots"]
    # the deterministic elements agree on their single key
    assert ours[1].data.meas.get_counts(loc=0) == peer[1].data.meas.get_counts(loc=0) == {"10": 30}  # a=0, b=pi
    assert ours[1].data.meas.get_counts(loc=1) == peer[1].data.meas.get_counts(loc=1) == {"01": 30}


def test_parameter_values_by_name_and_by_tuple_key_broadcast_alike() -> None:
    qc = flips()
    g = grid()
    sampler = SamplerV2(seed=4)
    by_tuple = sampler.run([(qc, {(A, B): g})], shots=10).result()[0]
    by_name = sampler.run([(qc, {"a": g[..., 0], "b": g[..., 1]})], shots=10).result()[0]
    for i, j in np.ndindex(2, 3):
        assert by_tuple.data.meas.get_counts(loc=(i, j)) == by_name.data.meas.get_counts(loc=(i, j)) == {expected_bits(i, j)[0]: 10}


def test_per_pub_shots_override_the_run_shots() -> None:
    qc = flips()
    result = SamplerV2(seed=4).run([(qc, [0, 0], 7), (qc, [0, 0])], shots=11).result()
    assert [r.data.meas.num_shots for r in result] == [7, 11]


def test_a_seed_fixes_the_samples_and_different_elements_get_different_streams() -> None:
    qc = QuantumCircuit(1)
    qc.h(0)
    qc.measure_all()
    pubs = [qc, qc]
    one = SamplerV2(seed=9).run(pubs, shots=200).result()
    two = SamplerV2(seed=9).run(pubs, shots=200).result()
    other = SamplerV2(seed=10).run(pubs, shots=200).result()
    assert one[0].data.meas == two[0].data.meas and one[1].data.meas == two[1].data.meas
    assert one[0].data.meas != one[1].data.meas  # two pubs are independent samples
    assert one[0].data.meas != other[0].data.meas
    counts = one[0].data.meas.get_counts()
    assert set(counts) == {"0", "1"} and sum(counts.values()) == 200


def test_a_store_gives_what_no_store_gives_and_is_read_back(tmp_path) -> None:
    qc = flips()
    values = [[0.7, 2.1], [1.9, 0.4]]
    plain = SamplerV2(seed=12).run([(qc, values)], shots=300).result()[0]
    stored = SamplerV2(seed=12, store=tmp_path / "s").run([(qc, values)], shots=300).result()[0]
    runs = sorted(p.name for p in (tmp_path / "s").iterdir())
    assert len(runs) == 2 and all(r.startswith("run-") for r in runs)  # one sub-store per element
    again = SamplerV2(seed=12, store=tmp_path / "s").run([(qc, values)], shots=300).result()[0]
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == runs
    for name in ("zz", "meas"):
        assert getattr(plain.data, name) == getattr(stored.data, name) == getattr(again.data, name)


def test_without_a_seed_a_store_remembers_the_one_it_drew(tmp_path) -> None:
    qc = QuantumCircuit(1)
    qc.h(0)
    qc.measure_all()
    first = SamplerV2(store=tmp_path).run([qc], shots=100).result()[0]
    seed = json.loads((tmp_path / SEED_FILE).read_text())["seed"]
    again = SamplerV2(store=tmp_path).run([qc], shots=100).result()[0]
    assert first.data.meas == again.data.meas == SamplerV2(seed=seed).run([qc], shots=100).result()[0].data.meas


def test_late_binding_compiles_once_per_circuit() -> None:
    from qckpt.primitives.execution import CircuitRunner
    from qckpt.primitives.options import RunOptions

    qc = flips()
    runner = CircuitRunner(RunOptions(seed=1))
    programs = {runner.program(qc, {A: a, B: b}) for a, b in grid().reshape(-1, 2)}
    assert (runner.compiles, runner.binds, len(programs)) == (1, 6, 4)  # 4 distinct (a, b) among the 6


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"mode": "fast"}, "mode must be one of resume, reproducible"),
        ({"checkpoint": "often"}, "checkpoint must be one of exact, every, interval, annotated, branches, none"),
        ({"backend": "aer"}, "backend must be one of qir-runner"),
        ({"shots_per_batch": 3}, "unknown option"),
        ({"seed": -1}, "seed must be a non-negative integer"),
    ],
)
def test_bad_options_are_one_clear_error(options, message) -> None:
    with pytest.raises(QckptError, match=message):
        SamplerV2(**options)


def test_an_unbound_parameter_without_values_is_a_clear_error() -> None:
    with pytest.raises(ValueError):  # Qiskit's own pub validation
        SamplerV2().run([flips()])


def test_a_nonlinear_angle_is_compiled_per_parameter_set() -> None:
    from qckpt.primitives.execution import CircuitRunner
    from qckpt.primitives.options import RunOptions

    qc = QuantumCircuit(1, 1)
    qc.rx(A * B, 0)  # not linear: no late-bound input can carry it
    qc.measure(0, 0)
    values = [[1.0, math.pi], [2.0, math.pi / 2], [0.0, 5.0]]
    pub = SamplerV2(seed=2).run([(qc, values)], shots=20).result()[0]
    assert [pub.data.c.get_counts(loc=i) for i in range(3)] == [{"1": 20}, {"1": 20}, {"0": 20}]
    runner = CircuitRunner(RunOptions(seed=2))
    for a, b in values:
        runner.program(qc, {A: a, B: b})
    assert (runner.compiles, runner.binds) == (3, 0)
