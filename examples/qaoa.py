"""QAOA for MaxCut on a 3-regular graph with COBYLA, as a replayable qckpt workflow.

    .venv/bin/python examples/qaoa.py --store runs/qaoa    # kill it, run it again: it resumes

The graph is the Wagner graph (the Möbius ladder on 8 nodes: a ring plus the
four long diagonals), 3-regular and not bipartite; its maximum cut is 10 of
its 12 edges. The ansatz has p = 3 layers, exp(-iγ C) then exp(-iβ Σ X),
built once with Qiskit parameters (the angles are the expressions -γ and 2β,
one late-bound slot each) and bound per evaluation. Each objective
evaluation is one iteration. SciPy's COBYLA keeps its simplex and trust
radius to itself; replay restores them by feeding it the logged function
values again, so the resumed run takes the same steps as the first.
"""

from __future__ import annotations

import argparse
import sys
from argparse import Namespace
from typing import Any

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit import ParameterVector
from scipy.optimize import minimize

import workflow_cli
from qckpt.workflow import Session

NODES = 8
EDGES = [(i, (i + 1) % NODES) for i in range(NODES)] + [(i, i + NODES // 2) for i in range(NODES // 2)]
LAYERS = 3
RHOBEG = 0.3


def ansatz(layers: int = LAYERS) -> QuantumCircuit:
    gamma = ParameterVector("gamma", layers)
    beta = ParameterVector("beta", layers)
    qc = QuantumCircuit(NODES, NODES)
    qc.h(range(NODES))
    for layer in range(layers):
        for i, j in EDGES:
            qc.rzz(-gamma[layer], i, j)  # exp(-iγ (1 - ZZ)/2) up to a global phase
        for q in range(NODES):
            qc.rx(2 * beta[layer], q)
    qc.measure(range(NODES), range(NODES))
    return qc


def initial_point(layers: int = LAYERS) -> np.ndarray:
    """A linear ramp, in the circuit's parameter order (beta[...], then gamma[...])."""
    return np.concatenate([np.linspace(0.6, 0.2, layers), np.linspace(0.3, 0.8, layers)])


def cut_size(bits: str) -> int:
    """Edges cut by a counts key (node i is the i-th bit from the right)."""
    return sum(bits[NODES - 1 - i] != bits[NODES - 1 - j] for i, j in EDGES)


def mean_cut(counts: dict[str, int]) -> float:
    return sum(cut_size(k) * n for k, n in counts.items()) / sum(counts.values())


MAX_CUT = max(cut_size(format(x, f"0{NODES}b")) for x in range(2**NODES))


def drive(session: Session, args: Namespace) -> dict[str, Any]:
    circuit = ansatz()
    costs: list[float] = []

    def objective(x: np.ndarray) -> float:
        with session.iteration() as it:
            counts = session.execute(circuit, args.shots, params=list(x)).counts
            costs.append(-mean_cut(counts))
            it.save(params=x, cost=costs[-1])
            it.objective(costs[-1], "cost (minus the mean cut)")
        return costs[-1]

    res = minimize(objective, initial_point(), method="COBYLA", options={"maxiter": args.iterations, "rhobeg": RHOBEG})
    histogram = session.execute(circuit, 1000, params=list(res.x)).counts
    best = max(histogram, key=lambda k: (histogram[k], k))
    return {
        "params": res.x.tolist(),
        "costs": costs,
        "evaluations": int(res.nfev),
        "histogram": histogram,
        "most_likely": best,
        "most_likely_cut": cut_size(best),
        "mean_cut": mean_cut(histogram),
        "max_cut": MAX_CUT,
    }


def parser() -> argparse.ArgumentParser:
    p = workflow_cli.parser("QAOA MaxCut (8-node 3-regular graph, p=3) with COBYLA, resumable", iterations=30, shots=256)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return workflow_cli.run(
        "qaoa",
        args,
        drive,
        lambda r: (
            f"QAOA MaxCut: most likely cut {r['most_likely']} cuts {r['most_likely_cut']} of {len(EDGES)} edges "
            f"(maximum {r['max_cut']}), mean cut {r['mean_cut']:.3f}, {r['evaluations']} COBYLA evaluations"
        ),
    )


if __name__ == "__main__":
    sys.exit(main())
