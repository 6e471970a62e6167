"""FALQON on the MaxClique instance of PennyLane's FALQON demo, as a resumable qckpt workflow.

    .venv/bin/python examples/falqon.py --store runs/falqon   # kill it, run it again: it resumes

Graph: nodes 0-4, edges (0,1), (1,2), (2,0), (2,3), (1,4); its maximum
clique is {0, 1, 2}. Node i is qubit i, and |1> means "in the clique".

Cost (PennyLane's ``qaoa.max_clique(graph, constrained=False)``, whose
edge terms carry a factor 1/4 the demo's formula leaves out):

    H_c = 3/4 Σ_{(i,j) ∈ E(Ḡ)} (Z_i Z_j - Z_i - Z_j) + Σ_i Z_i,     Ḡ the complement graph
    H_d = Σ_i X_i

Each iteration k runs the circuit H^{⊗5} · Π_{l≤k} [exp(-iβ_l Δt H_d) exp(-iΔt H_c)]
and sets β_{k+1} = -⟨i[H_d, H_c]⟩, with Δt = 0.03 and β_1 = 0. The
commutator is computed with Qiskit's SparsePauliOp algebra:

    i[H_d, H_c] = 3/2 Σ_{(i,j) ∈ E(Ḡ)} (Y_i Z_j + Z_i Y_j - Y_i - Y_j) + 2 Σ_i Y_i

Its 15 Pauli terms are measured in three bases (qubits 0-2 in Y and 3-4 in
Z; qubit 3 in Y; qubit 4 in Y), one execution each, ``--shots`` shots each.
The circuits are OpenQASM 3 text with each layer's driver angle 2·Δt·β as
an ``input float``. The list of betas is the algorithmic checkpoint, and it is the
driver's whole state: by default a restart resumes from it directly
(``session.restore()``) instead of replaying; ``--resume replay`` replays.

Counts keys follow Qiskit: node 0 is the rightmost bit, so the clique
{0, 1, 2} is the key 00111.
"""

from __future__ import annotations

import argparse
import functools
import sys
from argparse import Namespace
from typing import Any

from qiskit.quantum_info import SparsePauliOp

import workflow_cli
from qckpt.workflow import Session
from qckpt.workflow.pauli import estimate, expectation, group_by_basis, qasm_measured_in_basis

NODES = 5
EDGES = [(0, 1), (1, 2), (2, 0), (2, 3), (1, 4)]
DT = 0.03
BETA_1 = 0.0
MAX_CLIQUE = [0, 1, 2]


def complement_edges() -> list[tuple[int, int]]:
    present = {tuple(sorted(e)) for e in EDGES}
    return [(i, j) for i in range(NODES) for j in range(i + 1, NODES) if (i, j) not in present]


def cost_hamiltonian() -> SparsePauliOp:
    terms: list[tuple[str, list[int], float]] = []
    for i, j in complement_edges():
        terms += [("ZZ", [i, j], 0.75), ("Z", [i], -0.75), ("Z", [j], -0.75)]
    terms += [("Z", [i], 1.0) for i in range(NODES)]
    return SparsePauliOp.from_sparse_list(terms, NODES).simplify()


def driver_hamiltonian() -> SparsePauliOp:
    return SparsePauliOp.from_sparse_list([("X", [i], 1.0) for i in range(NODES)], NODES)


def commutator() -> SparsePauliOp:
    """i[H_d, H_c]: Hermitian, so its coefficients are real."""
    hc, hd = cost_hamiltonian(), driver_hamiltonian()
    return (1j * (hd.dot(hc) - hc.dot(hd))).simplify()


@functools.cache
def layer_gate() -> str:
    """The gate definition of one layer: exp(-iΔt H_c), then exp(-iβΔt H_d)
    with its angle 2βΔt as the gate's parameter."""
    hc = cost_hamiltonian()
    body = []
    for label, c in zip(hc.paulis.to_labels(), hc.coeffs.real):
        qubits = sorted(NODES - 1 - p for p, a in enumerate(label) if a == "Z")
        # exp(-iΔt c Z_i Z_j) = rzz(2cΔt), exp(-iΔt c Z_i) = rz(2cΔt)
        gate = "rzz" if len(qubits) == 2 else "rz"
        body.append(f"  {gate}({2 * float(c) * DT!r}) {', '.join(f'v{q}' for q in qubits)};")
    body += [f"  rx(a) v{i};" for i in range(NODES)]  # exp(-iβΔt X) = rx(2βΔt)
    wires = ", ".join(f"v{i}" for i in range(NODES))
    return "\n".join([f"gate falqon_layer(a) {wires} {{", *body, "}"])


def program(layers: int, basis: str) -> str:
    """OpenQASM 3 for ``layers`` FALQON layers measured in ``basis``. Layer l
    takes its driver angle 2·Δt·β_l from the input ``a{l}``; one gate
    definition holds a layer, so the text grows by one short line per layer."""
    args = ", ".join(f"q[{i}]" for i in range(NODES))
    lines = ["OPENQASM 3.0;", 'include "stdgates.inc";', layer_gate()]
    lines += [f"input float a{l};" for l in range(layers)]
    lines += [f"qubit[{NODES}] q;", f"bit[{NODES}] c;"]
    lines += [f"h q[{i}];" for i in range(NODES)]
    lines += [f"falqon_layer(a{l}) {args};" for l in range(layers)]
    return "\n".join(lines) + "\n" + qasm_measured_in_basis(basis)


def angles(betas: list[float]) -> dict[str, float]:
    return {f"a{l}": 2 * DT * b for l, b in enumerate(betas)}


def drive(session: Session, args: Namespace) -> dict[str, Any]:
    comm = commutator()
    labels, coeffs = comm.paulis.to_labels(), comm.coeffs.real
    groups = group_by_basis(labels)
    betas = [BETA_1]
    if args.resume == "checkpoint":
        saved = session.restore()
        if saved is not None:
            betas = list(saved["betas"])
    for it in session.iterations(args.iterations):
        counts = [session.execute(program(len(betas), basis), args.shots, params=angles(betas)).counts for basis, _ in groups]
        betas.append(-estimate(coeffs, labels, groups, counts))
        it.save(betas=betas)
        it.objective(betas[-1], "feedback β = −⟨i[H_d, H_c]⟩")
    histogram = session.execute(program(len(betas), "Z" * NODES), args.final_shots, params=angles(betas)).counts
    best = max(histogram, key=lambda k: (histogram[k], k))
    hc = cost_hamiltonian()
    energy = sum(float(c) * expectation(histogram, label) for label, c in zip(hc.paulis.to_labels(), hc.coeffs.real))
    return {
        "betas": betas,
        "bases": [basis for basis, _ in groups],
        "histogram": histogram,
        "most_likely": best,
        "selected_nodes": [i for i in range(NODES) if best[NODES - 1 - i] == "1"],
        "cost_energy": energy,
    }


def parser() -> argparse.ArgumentParser:
    p = workflow_cli.parser("FALQON on PennyLane's MaxClique demo graph, resumable", iterations=40, shots=100)
    p.add_argument("--final-shots", type=int, default=1000, help="shots of the final histogram (default 1000)")
    p.add_argument("--resume", choices=["checkpoint", "replay"], default="checkpoint",
                   help="restart from the last betas (default: the driver's state is complete), or replay the driver")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return workflow_cli.run(
        "falqon",
        args,
        drive,
        lambda r: (
            f"FALQON MaxClique: most likely outcome {r['most_likely']} selects nodes {r['selected_nodes']} "
            f"({r['histogram'][r['most_likely']]} of {sum(r['histogram'].values())} shots; the maximum clique is {MAX_CLIQUE}), "
            f"<H_c> = {r['cost_energy']:.3f}, {len(r['betas']) - 1} iterations"
        ),
    )


if __name__ == "__main__":
    sys.exit(main())
