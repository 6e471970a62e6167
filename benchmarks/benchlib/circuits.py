"""The benchmarks' OpenQASM 3 inputs, generated from fixed seeds so that
every run, on every machine, measures the same programs.

Standard library only: drivers import this, and their RSS must stay small."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

SEED = 20250611
QUBITS = 20
MEASURE_FRACTION = 0.10
RANDOM_GATES = ("h", "x", "cx", "rz", "s", "t", "cz")
STRUCTURED_MAX = 10_000  # QFT / QAOA inputs are made for requested sizes up to this
HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'


@dataclass
class BenchInput:
    name: str
    kind: str  # "random" | "qft" | "qaoa"
    size: int  # the size it was asked for
    gates: int  # quantum operations: gates, measurements and conditional gates, each counted once
    measurements: int  # mid-circuit measurements (random) or final ones (qft, qaoa)
    qubits: int
    source: str


def size_label(n: int) -> str:
    """1000 -> "1k": the names inputs and report columns use."""
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def _rng(kind: str, n: int, seed: int) -> random.Random:
    # A str seed is hashed with SHA-512 by random.seed: stable across runs and PYTHONHASHSEED.
    return random.Random(f"{seed}:{kind}:{n}")


def _header(qubits: int, bits: int) -> list[str]:
    lines = ["OPENQASM 3.0;", 'include "stdgates.inc";', f"qubit[{qubits}] q;"]
    if bits:
        lines.append(f"bit[{bits}] c;")
    return lines


def random_dynamic_circuit(n_gates: int, qubits: int = QUBITS, seed: int = SEED) -> BenchInput:
    """``n_gates`` operations on ``qubits`` qubits: round(10 %) of them are
    mid-circuit measurements, each followed by ``if (c[k]) x q[j];`` on the
    measured qubit (an active reset), and the rest are drawn uniformly from
    h, x, cx, rz(angle), s, t, cz. Each measurement writes its own bit."""
    if n_gates < 2:
        raise ValueError("need at least 2 gates")
    rng = _rng("random", n_gates, seed)
    n_meas = max(1, round(n_gates * MEASURE_FRACTION))
    n_plain = n_gates - 2 * n_meas
    slots = ["m"] * n_meas + ["g"] * n_plain
    rng.shuffle(slots)
    lines = _header(qubits, n_meas)
    k = 0
    for slot in slots:
        if slot == "m":
            j = rng.randrange(qubits)
            lines.append(f"c[{k}] = measure q[{j}];")
            lines.append(f"if (c[{k}]) x q[{j}];")
            k += 1
            continue
        g = rng.choice(RANDOM_GATES)
        if g in ("cx", "cz"):
            a, b = rng.sample(range(qubits), 2)
            lines.append(f"{g} q[{a}], q[{b}];")
        elif g == "rz":
            lines.append(f"rz({rng.uniform(-math.pi, math.pi):.6f}) q[{rng.randrange(qubits)}];")
        else:
            lines.append(f"{g} q[{rng.randrange(qubits)}];")
    return BenchInput(f"random-{size_label(n_gates)}", "random", n_gates, n_gates, n_meas, qubits, "\n".join(lines) + "\n")


def qft_circuit(target_gates: int, qubits: int = QUBITS) -> BenchInput:
    """QFT blocks (h + cp + swap) on ``qubits`` qubits, repeated to land near
    ``target_gates``, then every qubit measured once."""
    per_block = qubits + qubits * (qubits - 1) // 2 + qubits // 2
    blocks = max(1, round((target_gates - qubits) / per_block))
    lines = _header(qubits, qubits)
    for _ in range(blocks):
        for i in range(qubits):
            lines.append(f"h q[{i}];")
            for j in range(i + 1, qubits):
                lines.append(f"cp({math.pi / 2 ** (j - i)!r}) q[{j}], q[{i}];")
        for i in range(qubits // 2):
            lines.append(f"swap q[{i}], q[{qubits - 1 - i}];")
    lines += [f"c[{i}] = measure q[{i}];" for i in range(qubits)]
    gates = blocks * per_block + qubits
    return BenchInput(f"qft{qubits}-{size_label(target_gates)}", "qft", target_gates, gates, qubits, qubits, "\n".join(lines) + "\n")


def qaoa_circuit(target_gates: int, qubits: int = QUBITS, seed: int = SEED) -> BenchInput:
    """MaxCut QAOA on a fixed graph (a ring plus qubits/2 random chords): h on
    all, then layers of rzz (written cx-rz-cx) per edge and rx mixers, then
    every qubit measured once. The number of layers lands near ``target_gates``."""
    rng = _rng("qaoa-graph", qubits, seed)
    edges = {(i, (i + 1) % qubits) for i in range(qubits)}
    while len(edges) < qubits + qubits // 2:
        a, b = sorted(rng.sample(range(qubits), 2))
        if (a, b) not in edges and (b, a) not in edges:
            edges.add((a, b))
    edge_list = sorted(edges)
    per_layer = 3 * len(edge_list) + qubits
    layers = max(1, round((target_gates - 2 * qubits) / per_layer))
    prng = _rng("qaoa-angles", target_gates, seed)
    lines = _header(qubits, qubits)
    lines += [f"h q[{i}];" for i in range(qubits)]
    for _ in range(layers):
        gamma, beta = prng.uniform(0, math.pi), prng.uniform(0, math.pi)
        for a, b in edge_list:
            lines += [f"cx q[{a}], q[{b}];", f"rz({2 * gamma:.6f}) q[{b}];", f"cx q[{a}], q[{b}];"]
        lines += [f"rx({2 * beta:.6f}) q[{i}];" for i in range(qubits)]
    lines += [f"c[{i}] = measure q[{i}];" for i in range(qubits)]
    gates = 2 * qubits + layers * per_layer
    return BenchInput(f"qaoa{qubits}-{size_label(target_gates)}", "qaoa", target_gates, gates, qubits, qubits, "\n".join(lines) + "\n")


def make_inputs(sizes: list[int], seed: int = SEED) -> list[BenchInput]:
    """A random dynamic circuit per size, and a QFT and a QAOA input for each size up to ``STRUCTURED_MAX``."""
    inputs = [random_dynamic_circuit(n, seed=seed) for n in sizes]
    for n in sizes:
        if n <= STRUCTURED_MAX:
            inputs.append(qft_circuit(n))
            inputs.append(qaoa_circuit(n, seed=seed))
    return inputs


# ------------------------------------------------------------------ structured programs with boundaries


def trotter_loop(qubits: int, steps: int) -> str:
    """A measured Trotter loop: one layer of ZZ + X rotations per step, every
    qubit measured and reset, a classical tally carried."""
    body = []
    for i in range(qubits - 1):
        body.append(f"cx q[{i}], q[{i + 1}]; rz(0.2) q[{i + 1}]; cx q[{i}], q[{i + 1}];")
    body += [f"rx(0.3) q[{i}];" for i in range(qubits)]
    body.append("m = measure q;")
    body.append("reset q;")
    body.append("n += int(m[0]);")
    return (
        'OPENQASM 3.0;\ninclude "stdgates.inc";\n'
        f"qubit[{qubits}] q;\nbit[{qubits}] m;\nint[32] n = 0;\n"
        f"for int k in [0:{steps - 1}] {{\n  " + "\n  ".join(body) + "\n}\n"
    )


def rus_chain(qubits: int, segments: int) -> str:
    """A chain of repeat-until-success segments over a register: each try
    entangles an ancilla with the next data qubit, measures it, and retries
    while it reads 1; then the data qubit is measured and reset."""
    body = []
    for s in range(segments):
        d = 1 + s % (qubits - 1)
        body.append(f"h q[0]; cx q[0], q[{d}]; c = measure q[0];")
        body.append(f"while (c) {{ reset q[0]; h q[0]; cx q[0], q[{d}]; c = measure q[0]; }}")
        body.append(f"m[{d - 1}] = measure q[{d}]; reset q[{d}];")
    return (
        'OPENQASM 3.0;\ninclude "stdgates.inc";\n'
        f"qubit[{qubits}] q;\nbit c;\nbit[{qubits - 1}] m;\n" + "\n".join(body) + "\n"
    )


def reuse_sequence(segments: int, qubits: int = 10, flush: int = 5) -> str:
    """A measured qubit-reuse sequence: each segment entangles a data qubit
    with the ancilla q[0], measures and resets the ancilla; every ``flush``
    segments the data qubits are measured and reset (exact points)."""
    lines = [HEAD, f"qubit[{qubits}] q;", f"bit[{segments}] m;", f"bit[{segments // flush + 1}] f;"]
    for s in range(segments):
        d = 1 + s % (qubits - 1)
        lines.append(f"ry(0.{3 + s % 6}) q[{d}]; cx q[{d}], q[0]; m[{s}] = measure q[0]; reset q[0];")
        if (s + 1) % flush == 0:
            lines.append(f"f[{s // flush}] = measure q[{d}]; reset q[{d}];")
            lines.append(" ".join(f"reset q[{j}];" for j in range(1, qubits) if j != d))
    return "\n".join(lines) + "\n"
