"""``backend="stim"`` in the Qiskit primitives: a Clifford dynamic circuit
sampled by stim through the same runtime (seeds, stores, Qiskit-shaped
results), and a non-Clifford one refused with a pointer to qir-runner."""

from __future__ import annotations

import json
import math
import os

import pytest
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Parameter

from qckpt.diagnostics import QckptError
from qckpt.primitives import QckptBackend, SamplerV2
from qckpt.stim.program import PROGRAM_NAME
from tests.differential.stats import assert_matches_exact

THETA = Parameter("theta")


def teleport_plus() -> QuantumCircuit:
    """Teleport |+> from q0 to q2 with feed-forward corrections, then read q2
    in the X basis: 'out' is 0 in every shot, the two Bell bits are uniform.
    Without the corrections 'out' would be uniform too."""
    q = QuantumRegister(3, "q")
    bell, out = ClassicalRegister(2, "bell"), ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, bell, out)
    qc.h(0)
    qc.h(1)
    qc.cx(1, 2)
    qc.cx(0, 1)
    qc.h(0)
    qc.measure(0, bell[0])
    qc.measure(1, bell[1])
    with qc.if_test((bell[1], 1)):
        qc.x(2)
    with qc.if_test((bell[0], 1)):
        qc.z(2)
    qc.h(2)
    qc.measure(2, out[0])
    return qc


TELEPORT_EXACT = {f"0 {b1}{b0}": 0.25 for b0 in "01" for b1 in "01"}


@pytest.mark.comparisons(1)
def test_stim_samples_a_teleportation_with_its_exact_distribution() -> None:
    result = SamplerV2(backend="stim", seed=3).run([teleport_plus()], shots=4000).result()[0]
    bell, out = result.data.bell.get_counts(), result.data.out.get_counts()
    assert out == {"0": 4000}
    counts = {f"0 {k}": v for k, v in bell.items()}
    assert_matches_exact(counts, TELEPORT_EXACT)


def test_stim_runs_are_seeded_and_read_back_from_a_store(tmp_path) -> None:
    store = tmp_path / "s"
    first = SamplerV2(backend="stim", seed=5, store=store).run([teleport_plus()], shots=500).result()[0]
    (sub,) = os.listdir(store)
    ledgers = sorted((store / sub).glob("ds-*/ledger"))
    plan = json.loads(ledgers[-1].read_bytes())["plan"]
    assert plan["program_name"] == PROGRAM_NAME  # the stored program is the stim one, so a resume picks stim
    again = SamplerV2(backend="stim", seed=5, store=store).run([teleport_plus()], shots=500).result()[0]
    fresh = SamplerV2(backend="stim", seed=5).run([teleport_plus()], shots=500).result()[0]
    assert first.data.bell.get_counts() == again.data.bell.get_counts() == fresh.data.bell.get_counts()
    other = SamplerV2(backend="stim", seed=6).run([teleport_plus()], shots=500).result()[0]
    assert other.data.bell.get_counts() != first.data.bell.get_counts()


def test_clifford_parameter_values_are_bound_before_lowering() -> None:
    qc = QuantumCircuit(1, 1)
    qc.rx(THETA, 0)
    qc.measure(0, 0)
    result = SamplerV2(backend="stim", seed=1).run([(qc, [[0.0], [math.pi]])], shots=200).result()[0]
    assert result.data.c[0].get_counts() == {"0": 200}
    assert result.data.c[1].get_counts() == {"1": 200}


def test_a_non_clifford_angle_is_refused_with_a_pointer_to_qir_runner() -> None:
    qc = QuantumCircuit(1, 1)
    qc.rx(0.3, 0)
    qc.measure(0, 0)
    with pytest.raises(QckptError, match="qir-runner"):
        SamplerV2(backend="stim", seed=1).run([qc], shots=10).result()


def test_the_backend_takes_stim_too() -> None:
    backend = QckptBackend()
    counts = backend.run(teleport_plus(), shots=300, seed_simulator=2, backend="stim").result().get_counts()
    assert sum(counts.values()) == 300 and all(k.startswith("0 ") for k in counts)
