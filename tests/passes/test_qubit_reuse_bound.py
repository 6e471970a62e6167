"""The reuse pass's lower bound (``qubit_reuse.lower_bound``) is a lower
bound: on seeded random small programs it never exceeds the exact minimum
width over every order the pass may choose (found by brute force over the
dependency graph's downsets), and so never the width the pass reaches; on
graph states it is what the structure forces (a cycle: 3, a tree: 2)."""

from __future__ import annotations

import random
from functools import cache

import pytest

from qckpt.dialects import qc
from qckpt.ir import entry_function
from qckpt.passes.qubit_reuse import _Graph, lower_bound, reuse_qubits
from qckpt.pipeline import parse_mlir

ONE = ("h", "x", "s", "t")
TWO = ("cx", "cz", "cy")


def program(n: int, gates: list[tuple[str, tuple[int, ...]]], measured: list[int]) -> str:
    lines = ["func.func @main() {", f'  %q = qc.alloc "q" : !qc.reg<{n}>']
    lines += [f"  %q{k} = qc.qubit %q[{k}] : !qc.reg<{n}>" for k in range(n)]
    lines += [f'  qc.gate "{name}" ' + ", ".join(f"%q{k}" for k in qs) for name, qs in gates]
    lines += [f"  %m{k} = qc.measure %q{k}" for k in measured]
    if measured:
        lines.append('  qc.output "c" ' + ", ".join(f"%m{k}" for k in measured) + " : " + ", ".join("i1" for _ in measured))
    lines += ["  func.return", "}"]
    return "\n".join(lines) + "\n"


def random_program(rng: random.Random) -> str:
    n = rng.randint(2, 6)
    gates: list[tuple[str, tuple[int, ...]]] = []
    for _ in range(rng.randint(1, 9)):
        kind = rng.random()
        if kind < 0.3:
            gates.append((rng.choice(ONE), (rng.randrange(n),)))
        elif kind < 0.9 or n < 3:
            gates.append((rng.choice(TWO), tuple(rng.sample(range(n), 2))))
        else:
            gates.append(("ccx", tuple(rng.sample(range(n), 3))))
    used = sorted({k for _, qs in gates for k in qs})
    measured = [k for k in used if rng.random() < 0.8]
    return program(n, gates, measured)


def graph_of(text: str) -> _Graph:
    """The pass's dependency graph of the entry function's body (as
    ``reuse_qubits`` builds it)."""
    block = entry_function(parse_mlir(text)).body.block
    return _Graph([op for op in block.ops if not isinstance(op, (qc.AllocOp, qc.QubitOp, qc.OutputOp)) and op.name != "func.return"])


def exact_width(g: _Graph) -> int:
    """The least width over all topological orders of g, by dynamic
    programming over the sets of ops already done (a step's width depends
    only on that set and the op run: the qubits started and not finished,
    plus the op's own)."""
    n = len(g.ops)
    full = (1 << n) - 1
    preds = [sum(1 << j for j in ps) for ps in g.preds]
    masks = {q: sum(1 << i for i in ix) for q, ix in g.ops_of.items()}

    @cache
    def best(done: int) -> int:
        if done == full:
            return 0
        live = {q for q, m in masks.items() if m & done and m & ~done}
        out = 1 << 30
        for i in range(n):
            if not done >> i & 1 and preds[i] & ~done == 0:
                out = min(out, max(len(live | set(g.qubits[i])), best(done | 1 << i)))
        return out

    return best(0)


@pytest.mark.parametrize("seed", range(0, 400, 50))
def test_bound_never_exceeds_the_exact_minimum_nor_the_width_reached(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(50):
        text = random_program(rng)
        g = graph_of(text)
        bound, optimum = lower_bound(g), exact_width(g)
        report = reuse_qubits(parse_mlir(text), boundaries=False)
        assert report.lower_bound == bound
        assert bound <= optimum <= report.width, text


def graph_state(n: int, edges: list[tuple[int, int]]) -> str:
    return program(n, [("h", (k,)) for k in range(n)] + [("cz", e) for e in edges], list(range(n)))


@pytest.mark.parametrize("n", [3, 4, 6, 9])
def test_a_ring_forces_three(n: int) -> None:
    """A graph state on a cycle: each qubit meets two others, so 3 (the
    largest clique of a ring longer than 3 has only 2), and 3 is exact."""
    text = graph_state(n, [(k, (k + 1) % n) for k in range(n)])
    g = graph_of(text)
    assert lower_bound(g) == 3
    assert reuse_qubits(parse_mlir(text), boundaries=False).width == 3
    if n <= 6:
        assert exact_width(g) == 3


def test_a_tree_needs_two_and_a_cycle_anywhere_three() -> None:
    """A star and a path need 2; one chord that closes a cycle in a path of
    8 (a ring of 3 inside it) raises the bound to 3."""
    star = graph_state(6, [(0, k) for k in range(1, 6)])
    path = [(k, k + 1) for k in range(7)]
    assert lower_bound(graph_of(star)) == exact_width(graph_of(star)) == 2
    assert lower_bound(graph_of(graph_state(8, path))) == 2
    assert lower_bound(graph_of(graph_state(8, [*path, (3, 5)]))) == 3


def test_a_complete_graph_needs_all() -> None:
    edges = [(a, b) for a in range(5) for b in range(a + 1, 5)]
    text = graph_state(5, edges)
    assert lower_bound(graph_of(text)) == 5 == reuse_qubits(parse_mlir(text), boundaries=False).width
