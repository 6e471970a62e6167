"""The circuits qubit reuse is measured on (issue 17), as Qiskit circuits.

Shared by the differential tests (``tests/differential/test_qubit_reuse.py``,
against Aer on the unreduced circuit) and ``benchmarks/qubit_reuse.py``
(against qiskit-qubit-reuse), so both look at the same programs:
Bernstein-Vazirani, a GHZ chain, QAOA on a line and on a ring, a 1-D
Trotter step, and a chain of teleportations with feed-forward. Every
circuit measures all its data qubits into one register ``c`` at the end
(the teleportation chain: its last qubit), as the reuse literature does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from qiskit import QuantumCircuit


def bernstein_vazirani(n: int, secret: int | None = None) -> "QuantumCircuit":
    """n data qubits and one ancilla; ``secret`` defaults to alternating bits."""
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

    secret = int("10" * n, 2) & ((1 << n) - 1) if secret is None else secret
    q = QuantumRegister(n + 1, "q")
    c = ClassicalRegister(n, "c")
    qc = QuantumCircuit(q, c, name=f"bv_{n}")
    qc.x(q[n])
    qc.h(q)
    for i in range(n):
        if secret >> i & 1:
            qc.cx(q[i], q[n])
    qc.h(q[:n])
    qc.measure(q[:n], c)
    return qc


def ghz_chain(n: int) -> "QuantumCircuit":
    from qiskit import QuantumCircuit

    qc = QuantumCircuit(n, n, name=f"ghz_{n}")
    qc.h(0)
    for i in range(n - 1):
        qc.cx(i, i + 1)
    qc.measure(range(n), range(n))
    return qc


def qaoa(n: int, ring: bool, gamma: float = 0.7, beta: float = 0.4) -> "QuantumCircuit":
    """One QAOA layer for MaxCut on a line (or a ring) of n nodes."""
    from qiskit import QuantumCircuit

    qc = QuantumCircuit(n, n, name=f"qaoa_{'ring' if ring else 'line'}_{n}")
    qc.h(range(n))
    edges = [(i, i + 1) for i in range(n - 1)] + ([(n - 1, 0)] if ring and n > 2 else [])
    for i, j in edges:
        qc.cx(i, j)
        qc.rz(2 * gamma, j)
        qc.cx(i, j)
    qc.rx(2 * beta, range(n))
    qc.measure(range(n), range(n))
    return qc


def trotter_step(n: int, dt: float = 0.3, field: float = 0.8) -> "QuantumCircuit":
    """One first-order Trotter step of a transverse-field Ising chain, from |+...+>."""
    from qiskit import QuantumCircuit

    qc = QuantumCircuit(n, n, name=f"trotter_{n}")
    qc.h(range(n))
    for i in range(n - 1):
        qc.cx(i, i + 1)
        qc.rz(2 * dt, i + 1)
        qc.cx(i, i + 1)
    qc.rx(2 * field * dt, range(n))
    qc.measure(range(n), range(n))
    return qc


def teleport_chain(hops: int) -> "QuantumCircuit":
    """ry(0.8)|0> teleported ``hops`` times down a line, corrections fed
    forward: the state ends on the last qubit, measured into ``c``."""
    from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

    q = QuantumRegister(2 * hops + 1, "q")
    m = ClassicalRegister(2 * hops, "m")
    c = ClassicalRegister(1, "c")
    qc = QuantumCircuit(q, m, c, name=f"teleport_{hops}")
    qc.ry(0.8, q[0])
    for k in range(hops):
        src, mid, dst = q[2 * k], q[2 * k + 1], q[2 * k + 2]
        qc.h(mid)
        qc.cx(mid, dst)
        qc.cx(src, mid)
        qc.h(src)
        qc.measure(src, m[2 * k])
        qc.measure(mid, m[2 * k + 1])
        with qc.if_test((m[2 * k + 1], 1)):
            qc.x(dst)
        with qc.if_test((m[2 * k], 1)):
            qc.z(dst)
    qc.measure(q[2 * hops], c[0])
    return qc


WORKLOADS: dict[str, Callable[[int], "QuantumCircuit"]] = {
    "bv": bernstein_vazirani,
    "ghz": ghz_chain,
    "qaoa_line": lambda n: qaoa(n, ring=False),
    "qaoa_ring": lambda n: qaoa(n, ring=True),
    "trotter": trotter_step,
}
