"""``qc-reuse-qubits``: run a program on fewer physical qubits.

A logical qubit is alive from its first operation to its last (for most, a
final measurement). Once it is done, its physical qubit can be reset and
handed to a qubit that has not started yet: the program's outputs are the
same, because a qubit nothing uses again carries nothing observable (a reset
is a measurement whose result is discarded). This is the reuse of DeCross et
al. (PRX 13, 041057, 2023) and CaQR (Hua et al., ASPLOS '23).

How it works, on the entry function's top level (after
``qc-unroll-qubit-loops``: qubits must have static indices):

1. a dependency graph of the top-level operations: each qubit's operations
   stay in program order, except that gates commuting on it (a run of gates
   block-diagonal on it: ``cz``, ``rz``, a ``cx`` on its control) may go in
   any order; classical values follow their definitions, and a
   ``ckpt.boundary`` or an operation this pass does not understand orders
   everything around it. An ``scf`` op with quantum work inside counts as
   one operation on all the qubits it touches;
2. a schedule of that graph. ``objective=depth`` keeps the program's
   critical path: a topological order that starts each qubit at its latest
   layer and finishes it at its earliest (ALAP for an op that starts a
   qubit, ASAP for the others), so final measurements come early
   (``qc-measure-early`` on its own only moves those). ``objective=width`` is a list
   schedule that, among the ready operations, runs classical ones first,
   then those on qubits already started (preferring ones that finish a
   qubit), and only then starts new qubits, fewest first, and of those the
   qubit with most operations pending on qubits already started; with
   ``max-qubits=N`` it never starts a qubit that would exceed N. Ties are
   broken several ways (program order, its reverse, seeded random ranks),
   each on the graph and on its reversal, and the narrowest order is kept
   (a fixed number of tries: the time stays linear); when the ``depth``
   order happens to be narrower, that one is kept;
3. physical qubits handed out along the schedule (lowest free index first),
   with a ``qc.reset`` where a physical qubit is handed over, and a
   ``ckpt.boundary`` (kind ``classicalized``, label ``reuse``) right before
   each such reset. The boundary analysis makes it exact when no other live
   qubit is quantum there, a replay boundary otherwise (in Bernstein-Vazirani
   the ancilla stays quantum).

The minimum width is NP-hard to find, so the pass reports the width it
reached and a lower bound: two qubits must be live together when they share
an operation or when each has an operation that must precede one of the
other's, and a set of qubits each of which must be live with k others of
the set needs k + 1 physical qubits at once (``lower_bound``: a ring needs
3). The tries stop at an order that reaches it. Both land on the entry
function as ``qckpt.reuse`` (``{logical, width, lower_bound}``); when
``max-qubits`` is not reached the pass fails and names both.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import func
from xdsl.dialects.builtin import DictionaryAttr, IntegerAttr, ModuleOp, i64
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass

from qckpt.diagnostics import QckptError
from qckpt.dialects import ckpt, qc
from qckpt.dialects.qc import qubit_identity
from qckpt.ir import entry_function, op_location
from qckpt.passes.qubit_layout import erase_unused_header

OBJECTIVES = ("width", "depth")
REUSE_ATTR = "qckpt.reuse"
REUSE_LABEL = "reuse"
PHYSICAL_REGISTER = "q"

Qubit = int  # a qubit's number in the graph (_Graph.ids)


@dataclass(frozen=True)
class ReuseReport:
    logical: int  # qubits the program uses
    width: int  # physical qubits after reuse
    lower_bound: int  # no schedule of this program needs fewer
    reuse_points: int  # resets inserted to hand a physical qubit over
    depth: int  # layers of quantum operations after reuse (resets included)


# Gates diagonal in the computational basis: any two commute.
DIAGONAL_GATES = frozenset({"id", "z", "s", "sdg", "t", "tdg", "rz", "p", "u1", "cz", "cp", "cphase", "crz"})
# Controlled gates, by how many leading operands are controls: on a control a
# gate is block-diagonal (|0><0| (x) I + |1><1| (x) U), and commutes there
# with any other gate that is block-diagonal on that qubit.
CONTROLS = {"cx": 1, "CX": 1, "cy": 1, "ch": 1, "crx": 1, "cry": 1, "cu": 1, "ccx": 2, "cswap": 1}


def _diagonal_on(op: Operation) -> set[int]:
    """The operand positions of the top-level ``op`` on which it is
    block-diagonal in the computational basis (empty for anything but a gate)."""
    if not isinstance(op, qc.GateOp):
        return set()
    name = op.gate.data
    if name in DIAGONAL_GATES:
        return set(range(len(op.qubits)))
    return set(range(CONTROLS.get(name, 0)))


class _Graph:
    """The top-level operations between the qubit declarations and the
    output recording, with their qubits and predecessors.

    On each qubit, operations stay in program order except within a run of
    consecutive operations that are all block-diagonal on it (``cz``,
    ``rz``, the control of a ``cx`` ...): those commute there, so each
    depends only on the operation before the run and the one after it
    depends on all of them. Two such operations are left unordered only if
    they commute on every qubit they share, so they commute (a graph state's
    ``cz`` gates can then run along its edges, whatever their order in the
    program). ``commute=False`` keeps every qubit's operations in program
    order: the depth objective's layers count one operation per qubit per
    layer, which operations left unordered on a qubit would not."""

    def __init__(self, ops: list[Operation], commute: bool = True) -> None:
        self.ops = ops
        self.ids: dict[object, int] = {}  # qubit_identity -> the number the graph knows it by
        self.qubits: list[list[Qubit]] = []
        self.preds: list[set[int]] = [set() for _ in ops]
        index = {op: i for i, op in enumerate(ops)}
        last_on: dict[Qubit, int] = {}  # the last op on the qubit that is not in a diagonal run
        run_on: dict[Qubit, list[int]] = {}  # the diagonal run on the qubit since then
        last_fence: int | None = None
        since_fence: list[int] = []
        for i, op in enumerate(ops):
            # Qubits as small ints: xDSL values hash slowly, and every schedule hashes them often.
            qs = [self.ids.setdefault(q, len(self.ids)) for q in _qubits_of(op)]
            self.qubits.append(qs)
            for v in _operands_within(op):
                j = index.get(v.owner) if isinstance(v.owner, Operation) else None
                if j is not None and j != i:
                    self.preds[i].add(j)
            diagonal = {self.ids[qubit_identity(op.qubits[k])] for k in _diagonal_on(op)} if commute and isinstance(op, qc.GateOp) else set()
            for q in qs:
                run = run_on.get(q)
                if q in diagonal:
                    if q in last_on:
                        self.preds[i].add(last_on[q])
                    run_on.setdefault(q, []).append(i)
                    continue
                if run:
                    self.preds[i].update(run)
                    run_on[q] = []
                elif q in last_on:
                    self.preds[i].add(last_on[q])
                last_on[q] = i
            if _is_fence(op):
                self.preds[i].update(since_fence)
                since_fence = []
                last_fence = i
            else:
                since_fence.append(i)
                if last_fence is not None:
                    self.preds[i].add(last_fence)
        self.succs: list[list[int]] = [[] for _ in ops]
        for i, ps in enumerate(self.preds):
            for j in ps:
                self.succs[j].append(i)
        self.ops_of: dict[Qubit, list[int]] = {}
        for i, qs in enumerate(self.qubits):
            for q in qs:
                self.ops_of.setdefault(q, []).append(i)
        self.sources = _first_ops(self)


def _last_ops(g: _Graph) -> dict[Qubit, list[int]]:
    """Per qubit, the ops on it that no other op on it follows directly."""
    out: dict[Qubit, list[int]] = {q: [] for q in g.ops_of}
    for i, qs in enumerate(g.qubits):
        after: set[Qubit] = set()
        for j in g.succs[i]:
            after.update(g.qubits[j])
        for q in qs:
            if q not in after:
                out[q].append(i)
    return out


def _first_ops(g: _Graph | _Reversed) -> dict[Qubit, list[int]]:
    """Per qubit, the ops on it that no other op on it precedes directly:
    the ones a schedule can start it with."""
    out: dict[Qubit, list[int]] = {q: [] for q in g.ops_of}
    for i, qs in enumerate(g.qubits):
        if not qs:
            continue
        before: set[Qubit] = set()
        for j in g.preds[i]:
            before.update(g.qubits[j])
        for q in qs:
            if q not in before:
                out[q].append(i)
    return out


def _qubits_of(op: Operation) -> list[Qubit]:
    seen: dict[Qubit, None] = {}
    for inner in op.walk():
        if isinstance(inner, (qc.GateOp, qc.BarrierOp, qc.DelayOp)):
            vals = list(inner.qubits)
        elif isinstance(inner, (qc.MeasureOp, qc.ResetOp)):
            vals = [inner.qubit]
        else:
            continue
        for v in vals:
            if isinstance(v.owner, qc.QubitAtOp):
                raise QckptError("qc-reuse-qubits needs static qubit indices: run qc-unroll-qubit-loops first", op_location(inner))
            seen.setdefault(qubit_identity(v))
    return list(seen)


def _operands_within(op: Operation) -> Iterable[SSAValue]:
    """Every value ``op`` or an op nested in it reads (a branch reads the
    measurement its body's gates are conditioned on)."""
    for inner in op.walk():
        for v in inner.operands:
            if not isinstance(v.type, (qc.QubitType, qc.RegType)):
                yield v


def _is_fence(op: Operation) -> bool:
    """An op nothing may move across: a boundary, or anything this pass does
    not know to be a quantum op or a pure classical one."""
    if isinstance(op, ckpt.BoundaryOp):
        return True
    if isinstance(op, (qc.GateOp, qc.MeasureOp, qc.ResetOp, qc.BarrierOp, qc.DelayOp, qc.ParamOp)):
        return False
    if op.regions:
        return False  # scf: ordered by its qubits and operands
    return op.dialect_name() not in ("arith", "math")


class _Reversed:
    """The graph with every edge turned around. A schedule of it, read
    backwards, is a schedule of the graph with the same live ranges (a
    qubit's first op becomes its last), so the same width: the greedy run
    on it decides from the program's end, where ties fall differently."""

    def __init__(self, g: _Graph) -> None:
        self.ops, self.qubits, self.ops_of = g.ops, g.qubits, g.ops_of
        self.preds = [set(s) for s in g.succs]
        self.succs = [list(p) for p in g.preds]
        self.sources = _first_ops(self)


# The orders the width objective tries, and keeps the narrowest of: the
# greedy with ties among equally good ops broken by program order, by
# reverse program order, and by seeded random ranks, each on the graph and
# on its reversal. A fixed count: the compile time stays linear, and the
# result never depends on the machine's speed.
RANDOM_TIES = 3


def _tie_breaks(n: int) -> Iterator[list[float]]:
    import random

    yield [0.0] * n
    yield [float(-i) for i in range(n)]
    for seed in range(RANDOM_TIES):
        rng = random.Random(seed)
        yield [rng.random() for _ in range(n)]


def _narrowest_order(g: _Graph, max_qubits: int, bound: int) -> list[int] | None:
    """The narrowest of the width greedy's orders (the first, program-order
    ties on the graph, unless another is strictly narrower), or None when
    none keeps ``max_qubits``. Stops at an order of width ``bound`` (the
    lower bound: none is narrower)."""
    best: tuple[int, list[int]] | None = None
    backwards: _Reversed | None = None  # built only if the first try is not at the bound
    for ties in _tie_breaks(len(g.ops)):
        for flip in (False, True):
            if flip and backwards is None:
                backwards = _Reversed(g)
            order = _schedule(backwards if flip else g, "width", max_qubits, ties)  # type: ignore[arg-type]
            if order is None:
                continue
            if flip:
                order.reverse()
            w = _width(g, order)
            if best is None or w < best[0]:
                best = (w, order)
                if w <= bound:
                    return order
    return best[1] if best is not None else None


def _schedule(g: _Graph, objective: str, max_qubits: int, ties: list[float] | None = None) -> list[int] | None:
    """An order of the graph's ops; None when max_qubits cannot be kept.
    ``ties``: a rank per op that decides between equally good ready ops
    before program order does."""
    n = len(g.ops)
    if objective == "depth":
        return _start_late_order(g)
    import heapq

    rank = ties or [0.0] * n

    remaining = {q: len(ix) for q, ix in g.ops_of.items()}
    live: set[Qubit] = set()
    started: set[Qubit] = set()
    # Per qubit not started: its ops that share a qubit already started.
    # Starting the qubit with most of them lets work on live qubits go on
    # (a graph state is then walked along its edges, not in index order).
    partners: dict[Qubit, int] = dict.fromkeys(g.ops_of, 0)
    waiting = [len(p) for p in g.preds]
    ready = {i for i in range(n) if waiting[i] == 0}

    def key(i: int) -> tuple[int, int, int, int, float, int]:
        qs = g.qubits[i]
        new = sum(1 for q in qs if q not in live)
        finishes = sum(1 for q in qs if remaining[q] == 1)
        pull = sum(partners[q] for q in qs if q not in started)
        return (0 if not qs else 1 if new == 0 else 2, new, -pull, -finishes, rank[i], i)

    # A heap of ready ops by key. Keys only improve (a qubit starts, a
    # qubit's last op nears), and each such event re-pushes the ready ops on
    # that qubit, so the heap is never stale for long: linear, not a scan of
    # the ready set per step.
    heap = [key(i) for i in ready]
    heapq.heapify(heap)
    order: list[int] = []

    def touched(q: Qubit) -> None:
        for j in g.ops_of[q]:
            if j in ready:
                heapq.heappush(heap, key(j))

    while heap:
        deferred = []
        best = None
        while heap:
            k = heapq.heappop(heap)
            i = k[-1]
            if i not in ready or k != key(i):
                continue  # done already, or a newer entry exists
            if max_qubits and k[1] and len(live) + k[1] > max_qubits:
                deferred.append(k)
                continue
            best = i
            break
        for k in deferred:
            heapq.heappush(heap, k)
        if best is None:
            return None if ready else order
        ready.discard(best)
        order.append(best)
        for q in g.qubits[best]:
            first = q not in started
            if first:
                started.add(q)
                for o in g.ops_of[q]:
                    for r in g.qubits[o]:
                        if r not in started:
                            partners[r] += 1
                            for j in g.sources[r]:
                                if j in ready:
                                    heapq.heappush(heap, key(j))
            live.add(q)
            remaining[q] -= 1
            if remaining[q] == 0:
                live.discard(q)
            elif first or remaining[q] == 1:
                touched(q)
        for s_ in g.succs[best]:
            waiting[s_] -= 1
            if waiting[s_] == 0:
                ready.add(s_)
                heapq.heappush(heap, key(s_))
    return order if len(order) == n else None


def _levels(g: _Graph) -> tuple[list[int], list[int]]:
    """Each op's earliest and latest layer (ASAP, ALAP) in a schedule of
    the graph's critical-path depth; classical ops take no layer."""
    n = len(g.ops)
    asap = [0] * n
    for i in range(n):  # program order is a topological order
        step = 1 if g.qubits[i] else 0
        asap[i] = max((asap[j] for j in g.preds[i]), default=0) + step
    depth = max(asap, default=0)
    alap = [depth] * n
    for i in reversed(range(n)):
        if g.succs[i]:
            alap[i] = min(alap[s] - (1 if g.qubits[s] else 0) for s in g.succs[i])
    return asap, alap


def _start_late_order(g: _Graph) -> list[int]:
    """A topological order that starts each qubit as late and finishes it
    as early as the critical path allows: an op that starts a qubit ranks
    by its ALAP layer, any other by its ASAP layer. The program's depth is
    kept (up to the hand-over resets) while live ranges shrink."""
    import heapq

    asap, alap = _levels(g)
    started: set[Qubit] = set()
    waiting = [len(p) for p in g.preds]

    def key(i: int) -> tuple[int, int]:
        new = any(q not in started for q in g.qubits[i])
        return (alap[i] if new else asap[i], i)

    heap = [key(i) for i in range(len(g.ops)) if waiting[i] == 0]
    heapq.heapify(heap)
    order: list[int] = []
    while heap:
        k, i = heapq.heappop(heap)
        if k != key(i)[0]:  # a qubit it starts was started meanwhile: rank again
            heapq.heappush(heap, key(i))
            continue
        order.append(i)
        started.update(g.qubits[i])
        for s in g.succs[i]:
            waiting[s] -= 1
            if waiting[s] == 0:
                heapq.heappush(heap, key(s))
    return order


def _measure_early_order(g: _Graph) -> list[int]:
    """The program's order, with each qubit's final measurement moved up to
    right after that qubit's previous operation (and after what its result's
    other dependencies need: nothing, a measurement reads only its qubit)."""
    final: dict[int, int] = {}  # measurement -> op it follows
    for q, ix in g.ops_of.items():
        last = ix[-1]
        if isinstance(g.ops[last], qc.MeasureOp) and len(ix) > 1 and not any(_is_fence(g.ops[k]) for k in range(ix[-2] + 1, last)):
            final[last] = ix[-2]
    after: dict[int, list[int]] = {}
    for m, prev in final.items():
        after.setdefault(prev, []).append(m)
    order: list[int] = []
    for i in range(len(g.ops)):
        if i in final:
            continue
        order.append(i)
        order.extend(sorted(after.get(i, [])))
    return order


def _width(g: _Graph, order: list[int]) -> int:
    remaining = {q: len(ix) for q, ix in g.ops_of.items()}
    live: set[Qubit] = set()
    width = 0
    for i in order:
        live.update(g.qubits[i])
        width = max(width, len(live))
        for q in g.qubits[i]:
            remaining[q] -= 1
            if remaining[q] == 0:
                live.discard(q)
    return width


def lower_bound(g: _Graph) -> int:
    """No schedule of the graph needs fewer physical qubits than this.

    Two qubits *must overlap* when their live ranges meet in every schedule:
    they share an op (both are live at it), or they conflict: every op q
    can start with reaches an op of p, and every op p can start with
    reaches an op of q, so each starts before the other ends. (With a single
    first op per qubit this is the textbook test: q's first op reaches p's
    last, and p's first reaches q's last; a qubit with several possible
    first ops, a commuting run, only enters it from its own side, which
    keeps the test sound and its cost linear.)

    The bound is one more than the degeneracy of that overlap graph: the
    largest k such that some set S of qubits has each member overlapping at
    least k others of S. Why no schedule does better: take the member q of
    S whose live range ends first; each of its k or more partners in S
    starts before q ends (their ranges meet) and ends no earlier, so they
    are all live with q at q's last op, k + 1 at once. A clique of c
    qubits is such a set with k = c - 1, so this is never below a clique
    bound; a ring (a graph state on a cycle: each qubit meets two others)
    gives 3 where its largest clique has 2. The degeneracy comes from
    peeling a qubit of least remaining degree at a time: the largest
    degree met when peeling is k."""
    qubits = list(g.ops_of)
    if not qubits:
        return 0
    bit = {q: 1 << k for k, q in enumerate(qubits)}
    n = len(g.ops)
    reach = [0] * n  # qubits with an op reachable from op i (itself included)
    for i in reversed(range(n)):
        r = 0
        for q in g.qubits[i]:
            r |= bit[q]
        for s_ in g.succs[i]:
            r |= reach[s_]
        reach[i] = r
    starts = [0] * n  # qubits whose only possible first op is op i
    for q, first in g.sources.items():
        if len(first) == 1:
            starts[first[0]] |= bit[q]
    reached_from = [0] * n  # qubits whose (only) first op reaches op i
    for i in range(n):  # program order is topological
        r = starts[i]
        for p_ in g.preds[i]:
            r |= reached_from[p_]
        reached_from[i] = r
    last = _last_ops(g)
    overlap: dict[Qubit, int] = {}
    for q in qubits:
        must = -1
        for i in g.sources[q]:
            must &= reach[i]  # every first op of q reaches an op of these
        met = 0
        for i in last[q]:
            met |= reached_from[i]  # these start with an op that reaches an op of q (each op of q reaches one of its last)
        overlap[q] = must & met
    several = {q for q, first in g.sources.items() if len(first) > 1}
    for qs in g.qubits:
        # Qubits sharing an op are live together there; for qubits with a
        # single first op each, the test above has found that already.
        if len(qs) > 1 and not several.isdisjoint(qs):
            shared = 0
            for q in qs:
                shared |= bit[q]
            for q in qs:
                overlap[q] |= shared
    adjacent = [overlap[q] & ~bit[q] for q in qubits]
    for k, q in enumerate(qubits):
        if q in several:  # found from its side only (above): make each pair mutual
            for j in _bits_of(adjacent[k]):
                adjacent[j] |= bit[q]
    return _degeneracy(adjacent) + 1


def _degeneracy(adjacent: list[int]) -> int:
    """The largest least degree of a subgraph (vertex k's neighbours: the
    bitset adjacent[k]), by peeling a vertex of least degree at a time
    (Matula and Beck): linear in the edges, up to the heap's log."""
    import heapq

    degree = [a.bit_count() for a in adjacent]
    heap = [(d, k) for k, d in enumerate(degree)]
    heapq.heapify(heap)
    gone = 0
    most = 0
    while heap:
        d, k = heapq.heappop(heap)
        if gone >> k & 1 or d != degree[k]:
            continue  # peeled already, or its degree dropped since
        most = max(most, d)
        gone |= 1 << k
        for j in _bits_of(adjacent[k] & ~gone):
            degree[j] -= 1
            heapq.heappush(heap, (degree[j], j))
    return most


def _bits_of(mask: int) -> Iterable[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def reuse_qubits(module: ModuleOp, max_qubits: int = 0, objective: str = "width", boundaries: bool = True) -> ReuseReport:
    """Map the entry function onto fewer physical qubits; see the module docstring."""
    if objective not in OBJECTIVES:
        raise QckptError(f"qc-reuse-qubits: unknown objective '{objective}'; choose one of {', '.join(OBJECTIVES)}")
    if max_qubits < 0:
        raise QckptError(f"qc-reuse-qubits: max-qubits must be >= 0 (0: no limit), not {max_qubits}")
    fn = entry_function(module)
    block = fn.body.block
    header = [op for op in block.ops if isinstance(op, (qc.AllocOp, qc.QubitOp))]
    trailer = [op for op in block.ops if isinstance(op, (qc.OutputOp, func.ReturnOp))]
    fixed = set(header) | set(trailer)
    body = [op for op in block.ops if op not in fixed]
    g = _Graph(body)
    logical = len(g.ops_of)
    bound = lower_bound(g)
    # The depth objective's layers follow the program's own order per qubit
    # (one operation per qubit per layer); any order of that graph is one of g's.
    in_order = _Graph(body, commute=False)
    if objective == "depth":
        g = in_order
    order = _narrowest_order(g, 0, bound) if objective == "width" else _schedule(g, objective, 0)
    assert order is not None
    width = _width(g, order)
    if objective == "width":
        # The start-late order keeps the critical path: kept when it is as
        # narrow as the greedy (QFT: the same width at a third of the depth),
        # or narrower (the greedy can lose to it).
        late = _start_late_order(in_order)
        if _width(g, late) <= width:
            order, width = late, _width(g, late)
    if max_qubits and width > max_qubits:
        capped = _narrowest_order(g, max_qubits, bound)
        if capped is not None:
            order, width = capped, _width(g, capped)
    if max_qubits and width > max_qubits:
        raise QckptError(
            f"max-qubits={max_qubits} not reached: width {width} reached (objective={objective}), "
            f"lower bound {bound}, {logical} logical qubits"
        )
    resets = _rewrite(fn, g, order, header, trailer, width)
    report = ReuseReport(logical, width, bound, len(resets), quantum_depth(fn))
    fn.attributes[REUSE_ATTR] = DictionaryAttr(
        {name: IntegerAttr(getattr(report, name), i64) for name in ("logical", "width", "lower_bound", "depth")}
    )
    if boundaries and resets:
        from qckpt.passes.insert_boundaries import insert_before

        first_of_run = [r for r in resets if r.prev_op not in resets]
        insert_before(fn, first_of_run, "classicalized", REUSE_LABEL)
    return report


def quantum_depth(fn: func.FuncOp) -> int:
    """Layers of the entry function's top-level quantum operations (an
    ``scf`` op with quantum work is one layer on its qubits): the depth
    ``objective=depth`` keeps low, comparable with Qiskit's ``depth()``."""
    level: dict[Qubit, int] = {}
    for op in fn.body.block.ops:
        if isinstance(op, (qc.AllocOp, qc.QubitOp, ckpt.BoundaryOp, qc.BarrierOp)):
            continue
        qs = _qubits_of(op)
        if qs:
            d = 1 + max(level.get(q, 0) for q in qs)
            for q in qs:
                level[q] = d
    return max(level.values(), default=0)


def _rewrite(fn: func.FuncOp, g: _Graph, order: list[int], header: list[Operation], trailer: list[Operation], width: int) -> list[qc.ResetOp]:
    """Rebuild the entry block: one register of ``width`` qubits, the ops in
    ``order`` on their physical qubits, a reset at each hand-over."""
    block = fn.body.block
    remaining = {q: len(ix) for q, ix in g.ops_of.items()}
    free: list[int] = []  # physical qubits handed back, to reuse (lowest first)
    used = 0
    phys: dict[Qubit, int] = {}
    handover: dict[int, list[int]] = {}  # op index -> physical qubits to reset before it
    for i in order:
        for q in g.qubits[i]:
            if q in phys:
                continue
            if free:
                free.sort()
                p = free.pop(0)
                handover.setdefault(i, []).append(p)
            else:
                p = used
                used += 1
            phys[q] = p
        for q in g.qubits[i]:
            remaining[q] -= 1
            if remaining[q] == 0:
                free.append(phys[q])
    assert used <= max(width, 1) or not g.ops_of
    for op in [*g.ops, *trailer]:
        op.detach()
    alloc = qc.AllocOp(PHYSICAL_REGISTER, max(used, 1))
    refs = [qc.QubitOp(alloc.reg, p) for p in range(max(used, 1))]
    first_header = header[0] if header else None
    if first_header is not None:
        block.insert_ops_before([alloc, *refs], first_header)
    else:
        block.add_ops([alloc, *refs])
    for op in header:
        if isinstance(op, qc.QubitOp):
            p = phys.get(g.ids.get(qubit_identity(op.qubit), -1))
            if p is not None:
                op.qubit.replace_all_uses_with(refs[p].qubit)
    resets: list[qc.ResetOp] = []
    for i in order:
        for p in handover.get(i, []):
            r = qc.ResetOp(refs[p].qubit)
            block.add_op(r)
            resets.append(r)
        block.add_op(g.ops[i])
    block.add_ops(trailer)
    erase_unused_header(block, header, "qc-reuse-qubits: a register is still used after remapping (a qubit outside the entry function's top level?)")
    return resets


@dataclass(frozen=True)
class QcReuseQubits(ModulePass):
    """Map qubits onto fewer physical qubits by reset-and-reuse (max-qubits=N, objective=width|depth)."""

    name = "qc-reuse-qubits"

    max_qubits: int = 0
    objective: str = "width"
    boundaries: bool = True

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        reuse_qubits(op, self.max_qubits, self.objective, self.boundaries)


@dataclass(frozen=True)
class QcMeasureEarly(ModulePass):
    """Move each qubit's final measurement up to right after its previous operation."""

    name = "qc-measure-early"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        measure_early(op)


def measure_early(module: ModuleOp) -> int:
    """Move final measurements early (in place, no remapping); returns how many moved."""
    fn = entry_function(module)
    block = fn.body.block
    body = [op for op in block.ops if not isinstance(op, (qc.AllocOp, qc.QubitOp, qc.OutputOp, func.ReturnOp))]
    g = _Graph(body)
    order = _measure_early_order(g)
    moved = sum(1 for k, i in enumerate(order) if i != k)
    anchor = body[-1].next_op if body else None
    for op in body:
        op.detach()
    for i in order:
        if anchor is not None:
            block.insert_op_before(g.ops[i], anchor)
        else:
            block.add_op(g.ops[i])
    return moved
