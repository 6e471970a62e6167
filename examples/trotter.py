"""Trotterized time evolution of a transverse-field Ising chain, as a resumable qckpt workflow.

    .venv/bin/python examples/trotter.py --store runs/trotter   # kill it, run it again: it resumes

H = -J Σ_i Z_i Z_{i+1} - h Σ_i X_i on an open chain of 6 qubits (J = h = 1,
the critical point), evolved from |000000> in first-order Trotter steps of
dt = 0.1. Step k runs k Trotter steps and measures every qubit in Z, giving
the magnetization (1/n) Σ ⟨Z_i⟩ and the nearest-neighbour correlation
(1/(n-1)) Σ ⟨Z_i Z_{i+1}⟩ at time k·dt.

The program is one OpenQASM 3 text with a while loop whose trip count is an
``input int steps``: it is compiled once, and each step only binds a new
``steps``. The checkpoint is the step index and the observables measured so
far, which is the driver's whole state, so by default a restart resumes from
it directly (``session.restore()``); ``--resume replay`` replays the driver.
"""

from __future__ import annotations

import argparse
import sys
from argparse import Namespace
from typing import Any

import workflow_cli
from qckpt.workflow import Session
from qckpt.workflow.pauli import expectation

QUBITS = 6
J = 1.0
H = 1.0
DT = 0.1


def program() -> str:
    """exp(-i dt H) ≈ Π exp(i J dt Z_i Z_{i+1}) Π exp(i h dt X_i) = Π rzz(-2J dt) Π rx(-2h dt), ``steps`` times."""
    body = [f"  rzz({-2 * J * DT!r}) q[{i}], q[{i + 1}];" for i in range(QUBITS - 1)]
    body += [f"  rx({-2 * H * DT!r}) q[{i}];" for i in range(QUBITS)]
    return "\n".join(
        [
            "OPENQASM 3.0;",
            'include "stdgates.inc";',
            "input int steps;",
            f"qubit[{QUBITS}] q;",
            f"bit[{QUBITS}] c;",
            "int k = 0;",
            "while (k < steps) {",
            "  k += 1;",
            *body,
            "}",
            "c = measure q;",
        ]
    ) + "\n"


def observables(counts: dict[str, int]) -> tuple[float, float]:
    def z(*qubits: int) -> str:
        return "".join("Z" if QUBITS - 1 - p in qubits else "I" for p in range(QUBITS))

    magnetization = sum(expectation(counts, z(i)) for i in range(QUBITS)) / QUBITS
    correlation = sum(expectation(counts, z(i, i + 1)) for i in range(QUBITS - 1)) / (QUBITS - 1)
    return magnetization, correlation


def drive(session: Session, args: Namespace) -> dict[str, Any]:
    text = program()
    times: list[float] = []
    magnetization: list[float] = []
    correlation: list[float] = []
    if args.resume == "checkpoint":
        saved = session.restore()
        if saved is not None:
            times, magnetization, correlation = saved["times"], saved["magnetization"], saved["correlation"]
    for it in session.iterations(args.iterations):
        steps = it.index + 1
        counts = session.execute(text, args.shots, params={"steps": steps}).counts
        m, c = observables(counts)
        times.append(round(steps * DT, 12))
        magnetization.append(m)
        correlation.append(c)
        it.save(step=steps, times=times, magnetization=magnetization, correlation=correlation)
        it.objective(m, "magnetization ⟨Z⟩")
    return {"times": times, "magnetization": magnetization, "correlation": correlation}


def parser() -> argparse.ArgumentParser:
    p = workflow_cli.parser("Trotterized TFIM chain, one measured step per iteration, resumable", iterations=20, shots=400)
    p.add_argument("--resume", choices=["checkpoint", "replay"], default="checkpoint",
                   help="restart from the last step (default: the driver's state is complete), or replay the driver")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return workflow_cli.run(
        "trotter",
        args,
        drive,
        lambda r: (
            f"TFIM chain ({QUBITS} qubits, J = h = 1, dt = {DT}): {len(r['times'])} steps to t = {r['times'][-1]:.1f}; "
            f"<Z> = {r['magnetization'][-1]:+.3f}, <ZZ> = {r['correlation'][-1]:+.3f} at the last step"
        ),
    )


if __name__ == "__main__":
    sys.exit(main())
