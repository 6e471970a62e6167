"""VQE for H2 with SPSA, as a replayable qckpt workflow.

    .venv/bin/python examples/vqe.py --store runs/vqe      # kill it, run it again: it resumes

The Hamiltonian is the usual two-qubit H2 one (STO-3G at 0.735 Å, parity
mapping with two-qubit reduction; ground energy -1.857275 Ha). The ansatz is
hardware-efficient (ry and rz on each qubit, cx between layers) and built
once with Qiskit parameters: qckpt compiles it once per measurement basis and
binds each new parameter vector. SPSA draws its perturbations from the
session's random stream "spsa", so a resumed run replays the exact path of
the first: its iteration counter, gains and random draws come back by
re-running the driver against the log, not from a saved optimizer state.
"""

from __future__ import annotations

import argparse
import sys
from argparse import Namespace
from typing import Any

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit import ParameterVector
from qiskit.quantum_info import SparsePauliOp

import workflow_cli
from qckpt.workflow import Session
from qckpt.workflow.pauli import estimate, group_by_basis, measured_in_basis

HAMILTONIAN = SparsePauliOp.from_list(
    [
        ("II", -1.052373245772859),
        ("IZ", 0.39793742484318045),
        ("ZI", -0.39793742484318045),
        ("ZZ", -0.01128010425623538),
        ("XX", 0.18093119978423156),
    ]
)
GROUND_ENERGY = -1.857275030202379

# SPSA gains (Spall's standard exponents), tuned for this problem.
A_GAIN, C_GAIN, STABILITY, ALPHA, GAMMA = 3.0, 0.15, 5.0, 0.602, 0.101


def ansatz(num_qubits: int = 2, reps: int = 1) -> QuantumCircuit:
    theta = ParameterVector("theta", 2 * num_qubits * (reps + 1))
    qc = QuantumCircuit(num_qubits)
    k = 0
    for layer in range(reps + 1):
        for q in range(num_qubits):
            qc.ry(theta[k], q)
            qc.rz(theta[k + 1], q)
            k += 2
        if layer < reps:
            for q in range(num_qubits - 1):
                qc.cx(q, q + 1)
    return qc


class Energy:
    """⟨H⟩ at given parameters: one execution per measurement basis."""

    def __init__(self, session: Session, hamiltonian: SparsePauliOp, circuit: QuantumCircuit, shots: int) -> None:
        self.session = session
        self.labels = hamiltonian.paulis.to_labels()
        self.coeffs = hamiltonian.coeffs.real
        self.groups = group_by_basis(self.labels)
        self.circuits = [measured_in_basis(circuit, basis) for basis, _ in self.groups]
        self.shots = shots

    def __call__(self, params: np.ndarray) -> float:
        counts = [self.session.execute(c, self.shots, params=list(params)).counts for c in self.circuits]
        return estimate(self.coeffs, self.labels, self.groups, counts)


def spsa_step(f: Energy, x: np.ndarray, k: int, rng: np.random.Generator) -> tuple[np.ndarray, float, float]:
    """One SPSA step at iteration k: two evaluations along a random ±1 direction."""
    a_k = A_GAIN / (k + 1 + STABILITY) ** ALPHA
    c_k = C_GAIN / (k + 1) ** GAMMA
    delta = rng.choice([-1.0, 1.0], size=x.size)
    f_plus = f(x + c_k * delta)
    f_minus = f(x - c_k * delta)
    gradient = (f_plus - f_minus) / (2 * c_k) * delta
    return x - a_k * gradient, f_plus, f_minus


def drive(session: Session, args: Namespace) -> dict[str, Any]:
    circuit = ansatz()
    energy = Energy(session, HAMILTONIAN, circuit, args.shots)
    rng = session.random("spsa")
    x = np.full(circuit.num_parameters, 0.1)
    history = []
    for it in session.iterations(args.iterations):
        x, f_plus, f_minus = spsa_step(energy, x, it.index, rng)
        history.append((f_plus + f_minus) / 2)
        it.save(params=x, energy=history[-1])
        it.objective(history[-1], "energy (Ha)")
    final = energy(x)
    histogram = session.execute(measured_in_basis(circuit.assign_parameters(x), "ZZ"), 1000).counts
    return {"params": x.tolist(), "energies": history, "final_energy": final, "histogram": histogram}


def parser() -> argparse.ArgumentParser:
    p = workflow_cli.parser("VQE for H2 with SPSA, resumable", iterations=60, shots=500)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return workflow_cli.run(
        "vqe",
        args,
        drive,
        lambda r: f"VQE H2: energy {r['final_energy']:.5f} Ha (exact ground {GROUND_ENERGY:.5f}) after {len(r['energies'])} SPSA iterations",
    )


if __name__ == "__main__":
    sys.exit(main())
