"""The worked workloads compute what they claim: FALQON with its default
settings finds the maximum clique, the Hamiltonians and the commutator are
the ones docs/workflows.md writes out, and each estimator agrees with an
exact statevector calculation."""

from __future__ import annotations

import importlib
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from qiskit.quantum_info import SparsePauliOp, Statevector

from qckpt.workflow import Session

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def ex():
    sys.path.insert(0, str(EXAMPLES))
    try:
        yield {name: importlib.import_module(name) for name in ("vqe", "qaoa", "falqon", "trotter")}
    finally:
        sys.path.remove(str(EXAMPLES))


def test_falqon_with_its_defaults_selects_the_maximum_clique(examples, tmp_path: Path) -> None:
    run = examples.run("falqon", tmp_path / "store", [])
    assert run.returncode == 0, run.stderr
    r = run.doc["result"]
    assert len(r["betas"]) == 41 and r["betas"][0] == 0.0  # beta_1 = 0, then 40 iterations
    assert r["bases"] == ["ZZYYY", "ZYZZZ", "YZZZZ"]
    # 40 iterations x 3 bases x 100 shots, then the final histogram.
    assert run.calls == [100] * 120 + [1000]
    assert r["most_likely"] == "00111" and r["selected_nodes"] == [0, 1, 2]
    hist = r["histogram"]
    runner_up = max(n for k, n in hist.items() if k != "00111")
    assert hist["00111"] > 2 * runner_up, hist  # the exact final probability is about 0.5, the next about 0.11


def test_falqon_hamiltonians_are_the_demo_ones_written_out(ex) -> None:
    f = ex["falqon"]
    comp = f.complement_edges()
    assert comp == [(0, 3), (0, 4), (1, 3), (2, 4), (3, 4)]
    # H_c = 3/4 Σ_{Ḡ} (Z_i Z_j - Z_i - Z_j) + Σ Z_i, term by term as PennyLane builds it.
    terms = []
    for i, j in comp:
        terms += [("ZZ", [i, j], 0.75), ("Z", [i], -0.75), ("Z", [j], -0.75)]
    terms += [("Z", [i], 1.0) for i in range(5)]
    assert f.cost_hamiltonian().equiv(SparsePauliOp.from_sparse_list(terms, 5))
    # i[H_d, H_c] = 3/2 Σ_{Ḡ} (Y_i Z_j + Z_i Y_j - Y_i - Y_j) + 2 Σ Y_i
    terms = []
    for i, j in comp:
        terms += [("YZ", [i, j], 1.5), ("ZY", [i, j], 1.5), ("Y", [i], -1.5), ("Y", [j], -1.5)]
    terms += [("Y", [i], 2.0) for i in range(5)]
    closed_form = SparsePauliOp.from_sparse_list(terms, 5).simplify()
    assert f.commutator().equiv(closed_form)
    hc, hd = f.cost_hamiltonian().to_matrix(), f.driver_hamiltonian().to_matrix()
    assert np.allclose(1j * (hd @ hc - hc @ hd), closed_form.to_matrix())
    # The clique {0,1,2} (key 00111) is the ground state of H_c.
    diag = np.real(np.diag(hc))
    assert int(np.argmin(diag)) == 0b00111


def test_the_falqon_program_is_the_trotterized_layer_sequence(ex, tmp_path: Path) -> None:
    """The OpenQASM program with 3 layers measured in Z, run for many shots,
    against the exact state H⊗5 · Π exp(-iβΔt H_d) exp(-iΔt H_c)."""
    f = ex["falqon"]
    betas = [0.0, -0.8, -1.3]
    psi = Statevector.from_label("+" * 5).data
    hc, hd = f.cost_hamiltonian().to_matrix(), f.driver_hamiltonian().to_matrix()
    from scipy.linalg import expm

    for b in betas:
        psi = expm(-1j * f.DT * b * hd) @ (expm(-1j * f.DT * hc) @ psi)
    probs = np.abs(psi) ** 2
    shots = 4000
    with Session.open(tmp_path, seed=2) as s:
        counts = s.execute(f.program(3, "ZZZZZ"), shots, params=f.angles(betas)).counts
    for key, n in counts.items():
        p = probs[int(key, 2)]
        assert abs(n / shots - p) < 5 * math.sqrt(p * (1 - p) / shots) + 1e-3, (key, n, p)


def test_trotter_observables_follow_the_exact_trotterized_state(ex, tmp_path: Path) -> None:
    t = ex["trotter"]
    from qiskit import QuantumCircuit

    shots = 2000
    with Session.open(tmp_path, seed=4) as s:
        for steps in (1, 3, 6):
            m, c = t.observables(s.execute(t.program(), shots, params={"steps": steps}).counts)
            qc = QuantumCircuit(t.QUBITS)
            for _ in range(steps):
                for i in range(t.QUBITS - 1):
                    qc.rzz(-2 * t.J * t.DT, i, i + 1)
                for i in range(t.QUBITS):
                    qc.rx(-2 * t.H * t.DT, i)
            sv = Statevector(qc)

            def z(*qs: int) -> SparsePauliOp:
                return SparsePauliOp.from_sparse_list([("Z" * len(qs), list(qs), 1.0)], t.QUBITS)

            m_exact = np.mean([sv.expectation_value(z(i)).real for i in range(t.QUBITS)])
            c_exact = np.mean([sv.expectation_value(z(i, i + 1)).real for i in range(t.QUBITS - 1)])
            tol = 4 / math.sqrt(shots)
            assert abs(m - m_exact) < tol and abs(c - c_exact) < tol, (steps, m, m_exact, c, c_exact)
        assert s.stats.compiles == 1 and s.stats.binds == 3  # one program, a new trip count bound per step


def test_vqe_energy_estimate_matches_the_exact_expectation(ex, tmp_path: Path) -> None:
    v = ex["vqe"]
    circuit = v.ansatz()
    x = np.linspace(-1.0, 1.2, circuit.num_parameters)
    exact = Statevector(circuit.assign_parameters(x)).expectation_value(v.HAMILTONIAN).real
    assert np.linalg.eigvalsh(v.HAMILTONIAN.to_matrix())[0] == pytest.approx(v.GROUND_ENERGY, abs=1e-9)
    with Session.open(tmp_path, seed=6) as s:
        energy = v.Energy(s, v.HAMILTONIAN, circuit, 8000)
        assert [b for b, _ in energy.groups] == ["ZZ", "XX"]
        assert energy(x) == pytest.approx(exact, abs=0.03)


def test_qaoa_graph_and_mean_cut(ex, tmp_path: Path) -> None:
    q = ex["qaoa"]
    degree = [sum(n in e for e in q.EDGES) for n in range(q.NODES)]
    assert degree == [3] * q.NODES and len(set(map(frozenset, q.EDGES))) == 12 and q.MAX_CUT == 10
    circuit = q.ansatz()
    x = q.initial_point()
    probs = Statevector(circuit.remove_final_measurements(inplace=False).assign_parameters(x)).probabilities()
    exact = sum(p * q.cut_size(format(k, f"0{q.NODES}b")) for k, p in enumerate(probs))
    with Session.open(tmp_path, seed=8) as s:
        assert q.mean_cut(s.execute(circuit, 2000, params=list(x)).counts) == pytest.approx(exact, abs=0.12)
