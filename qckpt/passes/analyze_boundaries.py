"""``ckpt-analyze-boundaries``: where can a running program's state be captured?

At each program point P every qubit is *fresh* (|0> since allocation or
reset), *classical(b)* (in basis state |b>, unentangled, b a known bit), or
*quantum*. The quantum cut C(P) is the set of quantum qubits that are
*live* at P (used again before a reset: ``qckpt.passes.qubit_liveness``;
a dead qubit carries no state the future needs); P is an
**exact** boundary when C(P) is empty, a **replay** boundary otherwise, and
its replay cost is the number of operations in the quantum cone of C(P)
(those that touched the cut's qubits, or qubits entangled with them, since
they were last measured or reset). See ``DESIGN.md``, "What a safe boundary
is".

Transfer rules, exact for basis states: diagonal gates (z, s, t, rz, p ...)
only add a global phase to a classical qubit; x and y flip its bit; cx and
ccx with classical controls act on classical bits (t ^= c, t ^= c1 & c2);
cz and swap on classical qubits stay classical; a controlled gate whose
classical control is 0-or-1 leaves the control classical even when the
target is quantum. Anything else makes its qubits quantum. A measurement
makes its qubit classical(result); reset makes it fresh. ``scf`` regions
are analysed with a sound merge (a qubit quantum on any path is quantum; a
classical qubit whose bit differs between paths keeps a ``select`` of the
bits), loops to a fixed point.

Points analysed: between the top-level operations of the entry function, and
at the start of every loop iteration. The analysis is one pass over the
program (loops iterate to a fixed point over a lattice of height 3 per
qubit), with union-find for cones, so it is linear in program size up to
that constant.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from xdsl.context import Context
from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import (
    ArrayAttr,
    DictionaryAttr,
    Float64Type,
    IndexType,
    IntegerAttr,
    IntegerType,
    ModuleOp,
    StringAttr,
    i64,
)
from xdsl.ir import Attribute, Block, Operation, SSAValue
from xdsl.passes import ModulePass

from qckpt.diagnostics import SourceLocation
from qckpt.dialects import ckpt, qc
from qckpt.ir import defined_inside, entry_function, op_location
from qckpt.passes.qubit_liveness import QubitLiveness

# ----------------------------------------------------------------------------- bit expressions
# The bit of a classical qubit, symbolically: ("0",) ("1",) ("v", SSAValue)
# ("xor", a, b) ("and", a, b) ("sel", cond, a, b) ("loop", op, qubit).
Bit = tuple

ZERO: Bit = ("0",)
ONE: Bit = ("1",)


def bxor(a: Bit, b: Bit) -> Bit:
    if a == ZERO:
        return b
    if b == ZERO:
        return a
    if a == b:
        return ZERO
    if a == ONE and b[0] == "xor" and b[1] == ONE:
        return b[2]
    return ("xor", a, b)


def band(a: Bit, b: Bit) -> Bit:
    if ZERO in (a, b):
        return ZERO
    if a == ONE:
        return b
    if b == ONE:
        return a
    return ("and", a, b)


FRESH, CLASSICAL, QUANTUM = "fresh", "classical", "quantum"


@dataclass(frozen=True)
class QState:
    cls: str
    bit: Bit = ZERO  # meaningful for CLASSICAL (FRESH is |0>)


FRESH_STATE = QState(FRESH)
QUANTUM_STATE = QState(QUANTUM)

_DIAGONAL = {"id", "z", "s", "sdg", "t", "tdg", "rz", "p", "u1"}
_FLIP = {"x", "y"}


class _Cones:
    """Union-find over cone ids: a cone is a set of qubits that may be
    entangled, with the number of operations that built it."""

    def __init__(self) -> None:
        self.parent: list[int] = []
        self.count: list[int] = []

    def copy(self) -> "_Cones":
        other = _Cones()
        other.parent = list(self.parent)
        other.count = list(self.count)
        return other

    def new(self) -> int:
        self.parent.append(len(self.parent))
        self.count.append(0)
        return len(self.parent) - 1

    def find(self, x: int) -> int:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def merge(self, ids: Iterable[int], add: int) -> int:
        roots = {self.find(i) for i in ids}
        r = min(roots)
        for o in roots:
            if o != r:
                self.parent[o] = r
                self.count[r] += self.count[o]
        self.count[r] += add
        return r


class _Ranges:
    """Live ranges (first point, last point, value) with per-point counts and
    bit totals from prefix sums, so every point's summary is O(1) and the
    value lists are built only for the points that need them (keeping a list
    per point was quadratic: 100k points x thousands of live output bits)."""

    def __init__(self, ranges: list[tuple[int, int, SSAValue]], n_points: int) -> None:
        self.ranges = [r for r in ranges if r[1] >= r[0]]
        count = [0] * (n_points + 2)
        bits = [0] * (n_points + 2)
        for lo, hi, v in self.ranges:
            b = _bits(v.type)
            count[lo] += 1
            count[hi + 1] -= 1
            bits[lo] += b
            bits[hi + 1] -= b
        for i in range(1, n_points + 2):
            count[i] += count[i - 1]
            bits[i] += bits[i - 1]
        self.count, self.bits = count, bits

    def started_between(self, after: int, i: int) -> list[SSAValue]:
        """Values live at i whose range starts in (after, i]."""
        if not hasattr(self, "_by_lo"):
            self._by_lo = sorted(self.ranges, key=lambda r: r[0])
            self._los = [r[0] for r in self._by_lo]
        lo_k = bisect.bisect_right(self._los, after)
        hi_k = bisect.bisect_right(self._los, i)
        return [v for lo, hi, v in self._by_lo[lo_k:hi_k] if hi >= i]

    def at(self, i: int) -> list[SSAValue]:
        """The values live at point i. Queries in increasing order (how the
        passes ask) sweep once over the ranges: amortised, each query costs
        its answer, not all ranges."""
        if not hasattr(self, "_sorted") or i < self._point:
            self._sorted = sorted(self.ranges, key=lambda r: r[0])
            self._next, self._active, self._point = 0, {}, -1
        while self._next < len(self._sorted) and self._sorted[self._next][0] <= i:
            lo, hi, v = self._sorted[self._next]
            self._active[v] = hi
            self._next += 1
        self._point = i
        dead = [v for v, hi in self._active.items() if hi < i]
        for v in dead:
            del self._active[v]
        return list(self._active)


class _LiveView:
    """The values live at one point: counted eagerly, listed on demand."""

    __slots__ = ("_ranges", "_point", "_fixed", "count", "bits")

    def __init__(self, ranges: _Ranges | None = None, point: int = 0, fixed: list[SSAValue] | None = None) -> None:
        self._ranges, self._point, self._fixed = ranges, point, fixed
        if fixed is not None:
            self.count, self.bits = len(fixed), sum(_bits(v.type) for v in fixed)
        else:
            assert ranges is not None
            self.count, self.bits = ranges.count[point], ranges.bits[point]

    def values(self) -> list[SSAValue]:
        if self._fixed is not None:
            return list(self._fixed)
        assert self._ranges is not None
        return self._ranges.at(self._point)

    @property
    def point(self) -> int | None:
        """The top-level point, or None for a fixed list (a loop iteration)."""
        return None if self._fixed is not None else self._point

    def values_since(self, point: int) -> list[SSAValue]:
        """Those live here that became live after ``point`` (defined after
        it): what a boundary adds to one placed at ``point``."""
        if self._fixed is not None:
            return list(self._fixed)
        assert self._ranges is not None
        return self._ranges.started_between(point, self._point)


@dataclass
class Candidate:
    """One program point where a checkpoint could be taken."""

    index: int  # order of the point in the program
    kind: str  # "classicalized" (between top-level ops) or "algorithmic" (loop iteration start)
    location: SourceLocation | None
    where: str  # a short description ("after qc.measure", "iteration of scf.while")
    cut: list[SSAValue]
    classical_qubits: dict[SSAValue, Bit]
    state_values: _LiveView  # classical values still needed after the point
    output_values: _LiveView  # values only the final output recording still needs
    replay_cost: int
    anchor: Operation | None = None  # the op the point precedes (None: end of the function)

    @property
    def exact(self) -> bool:
        return not self.cut

    @property
    def live(self) -> list[SSAValue]:
        return self.state_values.values()

    @property
    def outputs_only(self) -> list[SSAValue]:
        return self.output_values.values()

    @property
    def record_bits(self) -> int:
        # A 0 bit needs no re-preparation; the others are recorded.
        return self.state_values.bits + sum(1 for b in self.classical_qubits.values() if b != ZERO)


def _bits(t: Attribute) -> int:
    if isinstance(t, IntegerType):
        return t.width.data
    if isinstance(t, (IndexType, Float64Type)):
        return 64
    return 64


@dataclass
class Analysis:
    """The analysis of one function: candidates in program order."""

    function: str
    candidates: list[Candidate] = field(default_factory=list)
    qubit_names: dict[SSAValue, str] = field(default_factory=dict)


class _Analyzer:
    def __init__(self, fn: func.FuncOp) -> None:
        self.fn = fn
        self.cones = _Cones()
        self.result = Analysis(fn.sym_name.data)
        self.qubit_live = QubitLiveness(fn)

    # -------------------------------------------------------------- state
    # state: qubit SSA -> QState ; cone: qubit -> cone id
    def run(self) -> Analysis:
        block = self.fn.body.blocks[0]
        state: dict[SSAValue, QState] = {}
        cone: dict[SSAValue, int] = {}
        for op in block.ops:
            if isinstance(op, qc.QubitOp):
                state[op.qubit] = FRESH_STATE
                cone[op.qubit] = self.cones.new()
                reg_name = op.reg.owner.reg_name.data if isinstance(op.reg.owner, qc.AllocOp) else "?"
                self.result.qubit_names[op.qubit] = f"{reg_name}[{op.index.value.data}]"
        ops = list(block.ops)
        live_at, outputs_at = self._liveness(ops)
        self._top = (block, {op: i for i, op in enumerate(ops)}, live_at, outputs_at)
        for i, op in enumerate(ops):
            if i > 0 and not isinstance(op, (qc.QubitOp, qc.AllocOp, arith.ConstantOp, qc.OutputOp)):
                self._point(i, "classicalized", op, state, cone, _LiveView(live_at, i), f"before {op.name}", _LiveView(outputs_at, i))
            self.transfer(op, state, cone, record=True)
        for i, cand in enumerate(self.result.candidates):
            cand.index = i  # program order (loop headers were placed before their bodies' points)
        return self.result

    def _needed_across(self, loop: Operation) -> tuple[list[SSAValue], list[SSAValue]]:
        """Values defined outside ``loop`` (before it) that the loop or the
        code after it still uses: (state, output-only)."""
        block, index, live_at, outputs_at = self._top
        if loop.parent is block:  # top level: the live ranges already know
            i = index[loop]
            # A value the loop only takes as an initial operand is consumed at
            # entry: an iteration no longer needs it (unless used later).
            inside = {v for region in loop.regions for o in region.walk() for v in o.operands}
            entry_only = {v for v in loop.operands if v not in inside and _last_use(live_at, v) == i}
            return [v for v in live_at.at(i) if v not in entry_only], outputs_at.at(i)
        # Nested: walk what can still run, from the loop outwards. An
        # enclosing loop runs again in full; elsewhere only what follows.
        future: list[Operation] = []
        x: Operation = loop
        while x.parent is not None and x.parent is not block:
            future += _ops_after(x)
            parent = x.parent_op()
            if isinstance(parent, (scf.WhileOp, scf.ForOp)):
                future.append(parent)
            assert parent is not None
            x = parent
        future += _ops_after(x)
        state: dict[SSAValue, None] = {}
        outputs: dict[SSAValue, None] = {}
        for f in [loop, *future]:
            target = outputs if isinstance(f, qc.OutputOp) else state
            for inner in f.walk():
                for v in inner.operands:
                    if isinstance(v.owner, (arith.ConstantOp, qc.QubitOp, qc.AllocOp)) or defined_inside(v, loop):
                        continue
                    target[v] = None
        # Only values that exist at the loop (not defined later, or inside a later op).
        def before_loop(v: SSAValue) -> bool:
            owner = v.owner
            anchor = loop
            while anchor is not None:
                if isinstance(owner, Block):
                    if anchor.parent is owner:
                        return True
                elif anchor.parent is owner.parent:
                    return owner.is_before_in_block(anchor)
                anchor = anchor.parent_op()
            return False

        st = [v for v in state if before_loop(v)]
        return st, [v for v in outputs if before_loop(v) and v not in state]

    def _liveness(self, ops: list[Operation]) -> tuple[_Ranges, _Ranges]:
        """Live ranges over the points between top-level ops (point i is
        before ops[i]): values that later operations still need (state), and
        values that only the output recording still needs (outputs)."""
        def_pos: dict[SSAValue, int] = {}
        for i, op in enumerate(ops):
            for r in op.results:
                def_pos[r] = i
        state_use: dict[SSAValue, int] = {}
        output_use: dict[SSAValue, int] = {}
        for i, op in enumerate(ops):
            last = output_use if isinstance(op, qc.OutputOp) else state_use
            for inner in op.walk():
                for v in inner.operands:
                    if v in def_pos and not isinstance(v.owner, (arith.ConstantOp, qc.QubitOp, qc.AllocOp)):
                        last[v] = max(last.get(v, -1), i)
        n = len(ops) + 1
        state = _Ranges([(def_pos[v] + 1, u, v) for v, u in state_use.items()], n)
        outputs = _Ranges([(max(def_pos[v], state_use.get(v, -1)) + 1, u, v) for v, u in output_use.items()], n)
        return state, outputs

    def _point(self, index: int, kind: str, anchor: Operation | None, state: dict[SSAValue, QState], cone: dict[SSAValue, int], live: _LiveView, where: str, out_vals: _LiveView | None = None, located: Operation | None = None) -> None:
        # Dead qubits (reset or unused before any other use) carry no state the future needs.
        cut = self.qubit_live.live_qubits(anchor, [q for q, s in state.items() if s.cls == QUANTUM])
        classical = {q: s.bit for q, s in state.items() if s.cls == CLASSICAL}
        roots = {self.cones.find(cone[q]) for q in cut}
        cost = sum(self.cones.count[r] for r in roots)
        loc = _location(anchor) or _location(located)
        self.result.candidates.append(
            Candidate(len(self.result.candidates), kind, loc, where, cut, classical, live, out_vals or _LiveView(fixed=[]), cost, anchor)
        )

    # -------------------------------------------------------------- transfer
    def transfer(self, op: Operation, state: dict[SSAValue, QState], cone: dict[SSAValue, int], record: bool) -> None:
        t = type(op)
        if t is qc.GateOp:
            self.gate(op, state, cone)  # type: ignore[arg-type]
        elif t is qc.MeasureOp:
            q = op.qubit  # type: ignore[attr-defined]
            if state.get(q, QUANTUM_STATE).cls == QUANTUM:
                # Replaying the cone re-runs (post-selects) this measurement.
                self._touch([q], cone)
            state[q] = QState(CLASSICAL, ("v", op.results[0]))
            cone[q] = self.cones.new()
        elif t is qc.ResetOp:
            q = op.qubit  # type: ignore[attr-defined]
            state[q] = FRESH_STATE
            cone[q] = self.cones.new()
        elif t is scf.IfOp:
            self.branches(op, [op.true_region, op.false_region], state, cone, record)  # type: ignore[attr-defined]
        elif t is scf.IndexSwitchOp:
            self.branches(op, [op.default_region, *op.case_regions], state, cone, record)  # type: ignore[attr-defined]
        elif t in (scf.WhileOp, scf.ForOp):
            self.loop(op, state, cone, record)
        elif op.regions:
            for region in op.regions:
                for b in region.blocks:
                    for inner in b.ops:
                        self.transfer(inner, state, cone, record)

    def gate(self, op: qc.GateOp, state: dict[SSAValue, QState], cone: dict[SSAValue, int]) -> None:
        name = op.gate.data
        qs = list(op.qubits)
        st = [state.get(q, QUANTUM_STATE) for q in qs]
        cls = [s.cls != QUANTUM for s in st]
        bit = [s.bit if s.cls == CLASSICAL else ZERO for s in st]
        if len(qs) == 1:
            if not cls[0]:
                self._touch(qs, cone)
                return
            if name in _DIAGONAL:
                return
            if name in _FLIP:
                state[qs[0]] = QState(CLASSICAL, bxor(bit[0], ONE))
                return
        elif name in ("cx", "CX") and cls[0] and cls[1]:
            state[qs[1]] = QState(CLASSICAL, bxor(bit[1], bit[0]))
            return
        elif name == "ccx" and all(cls):
            state[qs[2]] = QState(CLASSICAL, bxor(bit[2], band(bit[0], bit[1])))
            return
        elif name in ("cz", "swap") and all(cls):
            if name == "swap":
                state[qs[0]], state[qs[1]] = state[qs[1]], state[qs[0]]
            return
        elif name in ("cz", "cp", "crz") and (cls[0] or cls[1]):
            # Diagonal: a classical operand stays classical; only the other
            # (quantum) one picks up a phase.
            self._touch([q for q, c in zip(qs, cls) if not c], cone)
            return
        elif name in ("cx", "cy", "ch", "crx", "cry", "cu") and cls[0]:
            # A classical control stays classical; the target is quantum now
            # (it may or may not have been acted on: only the target's cone grows).
            state[qs[1]] = QUANTUM_STATE
            self._touch(qs[1:], cone)
            return
        for q in qs:
            state[q] = QUANTUM_STATE
        self._touch(qs, cone)

    def _touch(self, qs: list[SSAValue], cone: dict[SSAValue, int]) -> None:
        r = self.cones.merge([cone[q] for q in qs], 1)
        for q in qs:
            cone[q] = r

    # -------------------------------------------------------------- control flow
    def branches(self, op: Operation, regions, state, cone, record) -> None:
        outs = []
        for region in regions:
            s, c = dict(state), dict(cone)
            for b in region.blocks:
                for inner in b.ops:
                    self.transfer(inner, s, c, record=False)
            outs.append((s, c))
        cond = op.operands[0] if op.operands else None
        merged = outs[0][0]
        for s, _ in outs[1:]:
            merged = {q: _merge(merged.get(q, FRESH_STATE), s.get(q, FRESH_STATE), cond) for q in set(merged) | set(s)}
        state.clear()
        state.update(merged)
        for q in list(cone):
            ids = [c[q] for _, c in outs if q in c]
            cone[q] = self.cones.merge(ids, 0) if state.get(q, FRESH_STATE).cls == QUANTUM else ids[0]

    def loop(self, op: Operation, state, cone, record) -> None:
        body = op.regions[-1].blocks[0]
        before = op.regions[0].blocks[0] if isinstance(op, scf.WhileOp) else None
        # Fixed point at the loop header (header = entry ⊔ after-body), on a
        # scratch copy of the cones so that repeated passes count nothing twice.
        real = self.cones
        self.cones = real.copy()
        header = dict(state)
        for _ in range(4):
            s, c = dict(header), dict(cone)
            for block in (before, body):
                if block is not None:
                    for inner in block.ops:
                        self.transfer(inner, s, c, False)
            new = {q: _merge(header.get(q, FRESH_STATE), s.get(q, FRESH_STATE), ("loop", op, q)) for q in set(header) | set(s)}
            # A bit that changes around the loop is carried by the loop.
            new = {q: (QState(CLASSICAL, ("loop", op, q)) if v.cls == CLASSICAL and v != header.get(q) else v) for q, v in new.items()}
            if new == header:
                break
            header = new
        else:
            header = {q: (QUANTUM_STATE if v.cls == CLASSICAL and v.bit[0] == "loop" else v) for q, v in header.items()}
        header = _carried_bits(op, header, state, s)
        self.cones = real
        # One pass on the real cones: each operation counted once, nested
        # loops recorded.
        slot = len(self.result.candidates)
        s, c = dict(header), dict(cone)
        if before is not None:
            for inner in before.ops:
                self.transfer(inner, s, c, False)
        exit_state = dict(s)
        for inner in body.ops:
            self.transfer(inner, s, c, record)
        # A qubit quantum at the header carries what earlier iterations did to it.
        for q in list(cone):
            if header.get(q, FRESH_STATE).cls == QUANTUM:
                cone[q] = self.cones.merge([cone[q], c[q]], 0)
        if record:
            # At the start of an iteration the state is the body's arguments
            # (a while's condition has already consumed its own) and the
            # values from outside the loop that this or a later iteration, or
            # the code after the loop, still needs.
            state_vals, out_vals = self._needed_across(op)
            live = list(body.args) + [v for v in state_vals if v not in body.args]
            nested = self.result.candidates[slot:]
            del self.result.candidates[slot:]
            self._point(0, "algorithmic", body.first_op, header, cone, _LiveView(fixed=live), f"iteration of {op.name}", _LiveView(fixed=out_vals), located=op)
            self.result.candidates.extend(nested)
        state.clear()
        state.update(_exit_bits(op, exit_state))


def _last_use(ranges: _Ranges, v: SSAValue) -> int | None:
    return next((hi for _, hi, w in ranges.ranges if w is v), None)


def _ops_after(x: Operation) -> list[Operation]:
    out = []
    o = x.next_op
    while o is not None:
        out.append(o)
        o = o.next_op
    return out


def _loop_carried(op: Operation) -> tuple[list[SSAValue], list[SSAValue], list[SSAValue]]:
    """A loop's carried values: (initial operands, header block args, yielded)."""
    if isinstance(op, scf.WhileOp):
        before = op.before_region.block
        return list(op.arguments), list(before.args), list(op.after_region.block.last_op.operands)  # type: ignore[union-attr]
    assert isinstance(op, scf.ForOp)
    body = op.body.block
    return list(op.iter_args), list(body.args[1:]), list(body.last_op.operands)  # type: ignore[union-attr]


def _carried_bits(op: Operation, header: dict, entry: dict, back: dict) -> dict:
    """A bit carried around the loop is often a carried SSA value itself
    (RUS: the qubit holds the bit the loop tests). When the bit enters as
    init[i] and comes back as yield[i], it is header arg i: name it, so the
    body and the loop's exit can use it instead of an unknown ``loop`` bit."""
    inits, args, yields = _loop_carried(op)
    out = dict(header)
    for q, st in header.items():
        if st.cls != CLASSICAL or st.bit[0] != "loop":
            continue
        e, b = entry.get(q), back.get(q)
        if e is None or b is None or e.cls != CLASSICAL or b.cls != CLASSICAL or e.bit[0] != "v" or b.bit[0] != "v":
            continue
        for init, arg, y in zip(inits, args, yields):
            if init is e.bit[1] and y is b.bit[1]:
                out[q] = QState(CLASSICAL, ("v", arg))
                break
    return out


def _exit_bits(op: Operation, exit_state: dict) -> dict:
    """Bits at a loop's exit in terms of its results: a while exits when its
    condition is false, and forwards values as its results."""
    if isinstance(op, scf.WhileOp):
        cond_op = op.before_region.block.last_op
        assert isinstance(cond_op, scf.ConditionOp)
        known = {cond_op.condition: ZERO}
        for v, res in zip(cond_op.args, op.results):
            known.setdefault(v, ("v", res))
    else:
        assert isinstance(op, scf.ForOp)
        known = {arg: ("v", res) for arg, res in zip(op.body.block.args[1:], op.results)}
    out = {}
    for q, st in exit_state.items():
        if st.cls == CLASSICAL and st.bit[0] == "v" and st.bit[1] in known:
            st = QState(CLASSICAL, known[st.bit[1]])
        out[q] = st
    return out


def _merge(a: QState, b: QState, cond: object) -> QState:
    if a == b:
        return a
    if QUANTUM in (a.cls, b.cls):
        return QUANTUM_STATE
    if isinstance(cond, SSAValue) and cond.type == IntegerType(1):
        # `if (c) x q` on a known bit: the bit is c itself (or c ^ bit).
        if (a.bit, b.bit) == (ONE, ZERO):
            return QState(CLASSICAL, ("v", cond))
        if a.bit == bxor(b.bit, ONE) and b.bit[0] in ("0", "1", "v"):
            return QState(CLASSICAL, bxor(b.bit, ("v", cond)))
    return QState(CLASSICAL, ("sel", cond, a.bit, b.bit))


def _location(op: Operation | None) -> SourceLocation | None:
    return op_location(op) if op is not None else None


def analyze_function(fn: func.FuncOp) -> Analysis:
    return _Analyzer(fn).run()


def analyze_module(module: ModuleOp, entry: str = "main") -> Analysis:
    return analyze_function(entry_function(module, entry))


def _candidate_attr(c: Candidate, names: dict[SSAValue, str]) -> DictionaryAttr:
    return DictionaryAttr(
        {
            "index": IntegerAttr(c.index, i64),
            "kind": StringAttr(c.kind),
            "exact": IntegerAttr(int(c.exact), i64),
            "cut": ArrayAttr([StringAttr(names.get(q, "?")) for q in c.cut]),
            "classical_qubits": ArrayAttr([StringAttr(names.get(q, "?")) for q in c.classical_qubits]),
            "live_values": IntegerAttr(c.state_values.count, i64),
            "record_bits": IntegerAttr(c.record_bits, i64),
            "replay_cost": IntegerAttr(c.replay_cost, i64),
        }
    )


@dataclass(frozen=True)
class CkptAnalyzeBoundaries(ModulePass):
    """Find candidate checkpoint boundaries; attach the results to the IR.

    The entry function gets a ``ckpt.candidates`` attribute (one dictionary
    per program point), and every existing ``ckpt.boundary`` gets its quantum
    cut and replay cost."""

    name = "ckpt-analyze-boundaries"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        fn = entry_function(op)
        result = analyze_function(fn)
        fn.attributes["ckpt.candidates"] = ArrayAttr([_candidate_attr(c, result.qubit_names) for c in result.candidates])
        fill_boundaries(fn, result)


def _anchors_of(b: ckpt.BoundaryOp) -> list[Operation | None]:
    """The ops whose program point a boundary stands for: the op after it;
    for a guarded boundary (``every=N``: ``scf.if`` with only the boundary),
    the op after the guard, or the first of the guard's arith ops."""
    out: list[Operation | None] = [b.next_op, b]
    guard = b.parent_op()
    if isinstance(guard, (scf.ForOp, scf.WhileOp)):
        # An iteration boundary's candidate is anchored at the body's first
        # op, which is now the first of the qubit-bit ops ckpt-insert put
        # before the boundary (a measurement of a basis-state qubit, or arith
        # on recorded bits): neither changes the cut.
        op = b.prev_op
        while isinstance(op, qc.MeasureOp) or (op is not None and op.dialect_name() == "arith" and not op.regions):
            out.append(op)
            op = op.prev_op
    if isinstance(guard, scf.IfOp):
        out.append(guard.next_op)
        op = guard.prev_op
        while isinstance(op, (arith.ConstantOp, arith.RemUIOp, arith.CmpiOp)):
            out.append(op)
            op = op.prev_op
    return out


def fill_boundaries(fn: func.FuncOp, result: Analysis) -> None:
    """Give every existing ``ckpt.boundary`` its quantum cut and replay cost."""
    by_anchor = {c.anchor: c for c in result.candidates if c.anchor is not None}
    for b in list(fn.walk()):
        if isinstance(b, ckpt.BoundaryOp):
            c = next((by_anchor[o] for o in _anchors_of(b) if o in by_anchor), None)
            if c is None:
                continue
            new = ckpt.BoundaryOp(b.id, b.kind.data, b.label.data, b.named_values(), c.cut, c.replay_cost)
            new.attributes.update(b.attributes)
            parent = b.parent
            assert parent is not None
            parent.insert_op_before(new, b)
            parent.erase_op(b)
