"""Expectation values of Pauli sums from shots, measured basis by basis.

Labels follow Qiskit (``SparsePauliOp``): the rightmost letter acts on qubit
0. Measuring qubit i into clbit i of one register gives counts keys in the
same order, so letter position p of a label reads key position p.

Terms that agree letter by letter wherever both act (qubit-wise commuting)
share a measurement basis: :func:`group_by_basis` assigns each term, in
order, to the first basis it fits: simple, and deterministic, which replay
needs (the same terms always give the same circuits).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from qckpt.diagnostics import QckptError


def _fits(label: str, basis: list[str]) -> bool:
    return all(a == "I" or b == "I" or a == b for a, b in zip(label, basis))


def group_by_basis(labels: Sequence[str]) -> list[tuple[str, list[int]]]:
    """[(basis, indices of the terms it measures)]. Qubits no term in a group
    needs are measured in Z."""
    # Not SparsePauliOp.group_commuting(qubit_wise=True): its graph colouring
    # can find fewer groups, but its grouping is Qiskit's implementation
    # detail, and a session replays only if the same terms give the same
    # circuits; a Qiskit upgrade between a kill and its resume must not
    # change them. First fit, in term order, is ours to keep stable.
    if not labels:
        return []
    n = len(labels[0])
    groups: list[tuple[list[str], list[int]]] = []
    for k, label in enumerate(labels):
        if len(label) != n or set(label) - set("IXYZ"):
            raise QckptError(f"'{label}' is not a Pauli label on {n} qubits")
        for basis, members in groups:
            if _fits(label, basis):
                for p, a in enumerate(label):
                    if a != "I":
                        basis[p] = a
                members.append(k)
                break
        else:
            groups.append(([a for a in label], [k]))
    return [("".join("Z" if a == "I" else a for a in basis), members) for basis, members in groups]


def expectation(counts: Mapping[str, int], label: str) -> float:
    """⟨P⟩ for the Pauli ``label`` from counts measured in a basis it fits."""
    positions = [p for p, a in enumerate(label) if a != "I"]
    total = 0
    signed = 0
    for key, n in counts.items():
        bits = key.replace(" ", "")
        odd = sum(bits[p] == "1" for p in positions) & 1
        signed += -n if odd else n
        total += n
    if total == 0:
        raise QckptError("no shots to estimate an expectation value from")
    return signed / total


def estimate(coeffs: Sequence[float], labels: Sequence[str], groups: Sequence[tuple[str, list[int]]], counts: Sequence[Mapping[str, int]]) -> float:
    """Σ c_k ⟨P_k⟩, with ``counts[g]`` measured in ``groups[g]``'s basis."""
    if len(counts) != len(groups):
        raise QckptError(f"{len(groups)} bases but counts for {len(counts)}")
    value = 0.0
    for (_, members), c in zip(groups, counts):
        for k in members:
            value += float(coeffs[k]) * expectation(c, labels[k])
    return value


def measured_in_basis(circuit, basis: str):  # type: ignore[no-untyped-def]
    """A copy of a measurement-free Qiskit circuit that rotates each qubit
    into ``basis`` (a label, rightmost letter on qubit 0) and measures qubit
    i into clbit i of a new register ``meas``."""
    from qiskit import ClassicalRegister

    n = circuit.num_qubits
    if len(basis) != n:
        raise QckptError(f"basis '{basis}' has {len(basis)} letters for {n} qubits")
    out = circuit.copy()
    for q in range(n):
        letter = basis[n - 1 - q]
        if letter == "X":
            out.h(q)
        elif letter == "Y":
            out.sdg(q)
            out.h(q)
    creg = ClassicalRegister(n, "meas")
    out.add_register(creg)
    out.measure(range(n), creg)
    return out


def qasm_measured_in_basis(basis: str, qubits: str = "q", bits: str = "c") -> str:
    """OpenQASM 3 statements that rotate ``qubits[i]`` into ``basis`` and
    measure the register into ``bits``."""
    n = len(basis)
    lines = []
    for q in range(n):
        letter = basis[n - 1 - q]
        if letter == "X":
            lines.append(f"h {qubits}[{q}];")
        elif letter == "Y":
            lines.append(f"sdg {qubits}[{q}];\nh {qubits}[{q}];")
    lines.append(f"{bits} = measure {qubits};")
    return "\n".join(lines) + "\n"
