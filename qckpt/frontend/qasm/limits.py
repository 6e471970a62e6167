"""Resource budgets of the OpenQASM lowering: how many operations a program
may expand to, how deep it may nest, how wide its integers are.

A short program can ask for an unbounded amount of work: ``pow(10**9) @ h``,
a 40-deep chain of gates that each call the previous one twice, a loop of
10^9 iterations that must be unrolled. The lowering counts the operations it
creates (every gate applied and every statement lowered, so expansion by
unrolling, inlining and ``pow`` counts as often as it happens) and, before
each expansion, compares its predicted size with what is left: the error
comes before the memory is spent. The default (10^7) leaves a 10^6-gate
straight-line program, or a round loop kept rolled, far below the limit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lark import Tree

DEFAULT_MAX_OPS = 10_000_000
DEFAULT_MAX_DEPTH = 500
INT_BITS = 64  # OpenQASM `int` has no fixed width; qckpt's is at most 64 bits (docs/frontend.md)
INT_MIN, UINT_MAX = -(1 << (INT_BITS - 1)), (1 << INT_BITS) - 1
MAX_INT_DIGITS = 80  # longer than any 64-bit literal in any base prefix but binary (66 chars with 0b)


@dataclass(frozen=True)
class Limits:
    """``max_ops``: operations the program may expand to; ``max_depth``: how
    deep its parse tree may nest (statements in blocks, expressions in
    parentheses, calls inside calls)."""

    max_ops: int = DEFAULT_MAX_OPS
    max_depth: int = DEFAULT_MAX_DEPTH

    def __post_init__(self) -> None:
        if self.max_ops < 1 or self.max_depth < 1:
            raise ValueError("limits must be at least 1")


OPS_HINT = "raise it with --max-ops N (Python: qasm_to_module(..., limits=Limits(max_ops=N)))"
DEPTH_HINT = "raise it with --max-depth N (Python: Limits(max_depth=N))"


def too_deep(tree: Tree, max_depth: int) -> tuple[Any, int] | None:
    """The first node (in source order) nested deeper than ``max_depth``
    parse-tree levels, and its depth; None if there is none. Level by level
    (each level's nodes in source order), so that a 100,000-deep input cannot
    exhaust the stack, and a wide one costs one list comprehension a level."""
    from lark import Tree  # here, not at the top: `qckpt --help` reads the defaults above without lark

    level: list[Any] = [tree]
    depth = 0
    while level:
        if depth > max_depth:
            return level[0], depth
        level = [c for node in level for c in node.children if isinstance(c, Tree)]
        depth += 1
    return None


def deepest_bracket(source: str) -> tuple[int, int]:
    """Line and column of the first bracket at the deepest bracket nesting of
    ``source`` (comments and strings are not skipped: this only locates an
    error already found in the parse tree)."""
    depth = best = 0
    where = (1, 1)
    line, col = 1, 0
    for ch in source:
        col += 1
        if ch == "\n":
            line, col = line + 1, 0
        elif ch in "{([":
            depth += 1
            if depth > best:
                best, where = depth, (line, col)
        elif ch in "})]":
            depth -= 1
    return where


def static_size(node: Any, size_of: Callable[[str], int]) -> int:
    """An estimate, from the parse tree alone, of how many operations lowering
    ``node`` once creates: a gate call counts its definition's size times a
    literal ``pow``, a ``for`` over a literal range its length times its body,
    a call of a known subroutine that subroutine's size, anything else one.
    Used only to refuse an expansion before it starts; the running count
    catches whatever the estimate misses."""
    from lark import Token, Tree

    if not isinstance(node, Tree):
        return 0
    d = node.data
    if d == "gate_call":
        name = next((str(c) for c in node.children if isinstance(c, Token)), "")
        size = size_of(name)
        for c in node.children:
            if isinstance(c, Tree) and c.data == "pow_mod" and len(c.children) > 1:
                k = literal_int(c.children[1])
                if k is not None:
                    size *= max(abs(k), 1)
        return size
    if d == "for_stmt":
        rng = node.children[-2]
        n = 1
        if isinstance(rng, Tree) and rng.data == "for_range":
            n = literal_range_len(rng.children[0]) or 1
        return n * max(static_size(node.children[-1], size_of), 1)
    if d in ("gate_def", "def_def"):
        return 1  # a definition is sized when it is lowered, not where it sits
    total = 1 if d.endswith("_stmt") or d == "gate_call" else 0
    if d == "call" and isinstance(node.children[0], Token):
        total += size_of(str(node.children[0]))
    for c in node.children:
        total += static_size(c, size_of)
    return max(total, 1)


def literal_int(node: Any) -> int | None:
    """The value of an integer literal (possibly negated), else None."""
    from lark import Tree

    neg = False
    while isinstance(node, Tree) and node.data == "unary" and str(node.children[0]) in ("-", "+"):
        neg ^= str(node.children[0]) == "-"
        node = node.children[1]
    if isinstance(node, Tree) and node.data == "int_lit":
        text = str(node.children[0]).replace("_", "")
        if len(text) > MAX_INT_DIGITS:
            return None
        v = int(text, 0) if text[:2].lower() in ("0x", "0o", "0b") else int(text)
        return -v if neg else v
    return None


def literal_range_len(r: Any) -> int | None:
    """Iterations of a ``[a:b]`` or ``[a:s:b]`` range of integer literals."""
    from lark import Token, Tree

    if not isinstance(r, Tree):
        return None
    parts = [c for c in r.children if not (isinstance(c, Token) and c.type == "COLON")]
    vals = [literal_int(p) for p in parts]
    if len(vals) not in (2, 3) or any(v is None for v in vals):
        return None
    lo, step, hi = (vals[0], 1, vals[1]) if len(vals) == 2 else vals
    if not step:
        return None
    return len(range(lo, hi + (1 if step > 0 else -1), step))  # type: ignore[arg-type]
