"""The quantum cone of each replay boundary, as the operations to re-run.

At a replay boundary some qubits (the cut) hold quantum state. Restoring it
re-runs, from |0>, every operation that acted on those qubits, or on qubits
they interacted with, since those qubits were last reset, with each
measurement among them post-selected to its recorded outcome. One forward
pass over the top level keeps groups of qubits that have interacted
(union-find, small lists merged into large), each with its operations; a
reset leaves a qubit's old group (the reset is kept there, so a replay of
that group leaves the qubit in |0>) and starts a new one.

A cone is *restorable* when it holds top-level gates (with constant
angles, or angles computed at the top level, which the boundary persists as
``cone-angle:<k>`` and a replay takes from the record), measurements and
resets, ``scf.if`` feed-forward whose branches
hold only such gates and resets, ``scf.for`` loops with constant bounds
whose bodies hold only such gates and resets (replayed unrolled: the same
operations in the same order), and at most ``max_postselect_bits``
measurements; otherwise restoration falls back to an earlier restorable
boundary.

A boundary directly in the body of a top-level constant-bound ``scf.for``
(the ``iteration`` boundaries of ``every``) whose cone continues across the
loop is restorable when the body's operations on the cone's qubits are
gates and resets only (no measurement, no branch) with constant angles or
angles computed before the loop. Its cone is the top-level cone of those
qubits when the loop began, then as many whole iterations of those
operations as the recorded induction variable says came before, then the
body's operations on them up to the boundary (:class:`LoopPrefix`). No
classical value decides those operations, so the replay re-runs exactly
what the shot ran; the induction variable is part of the record. A branch is replayed by taking the recorded decision: its
condition is persisted at the boundary (``cone-if:<k>``). That is exact: a
condition computed from post-selected outcomes equals its recorded value on
every replay that matched, and one computed from other classical state is
part of the record anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xdsl.dialects import arith, func, scf
from xdsl.ir import Operation, SSAValue

from qckpt.dialects import ckpt, qc
from qckpt.dialects.qc import qubit_identity
from qckpt.passes.unroll_qubit_loops import fold_int

# Post-selecting k recorded outcomes costs, averaged over the states a run
# records, sum_o P(o) * 1/P(o) = (number of possible outcomes) <= 2^k cone
# replays, whatever the circuit; no state is ever given up, so the bound is
# on cost alone, never on bias (docs/restoration.md). 7 bits (<= 128 replays
# on average) covers the syndrome rounds and dynamic GHZ fix-ups of the
# corpus.
MAX_POSTSELECT_BITS = 7
MAX_UNROLLED_OPS = 4096  # a cone's loop is replayed unrolled: keep the resume block small
CONE_PREFIX = "cone:"  # persisted outcome of the k-th measurement in a boundary's cone
CONE_IF_PREFIX = "cone-if:"  # persisted condition of the k-th scf.if in a boundary's cone
CONE_ANGLE_PREFIX = "cone-angle:"  # persisted k-th computed (non-constant) gate angle in a boundary's cone
NOT_RESTORABLE_ATTR = "ckpt.not_restorable"  # on a replay boundary: why it cannot be restored


@dataclass
class LoopPrefix:
    """The part of a cone inside the loop its boundary is in: ``ops`` (the
    loop body's operations on the cone's qubits, in order) run once per
    iteration before the recorded one, then ``ops[:before]`` (those that
    precede the boundary in the body)."""

    loop: scf.ForOp
    ops: list[Operation]
    before: int

    @property
    def induction_variable(self) -> SSAValue:
        return self.loop.body.block.args[0]


@dataclass
class Cone:
    ops: list[Operation | LoopPrefix] = field(default_factory=list)  # in program order
    reason: str | None = None  # why it is not restorable; None when it is

    @property
    def measurements(self) -> list[qc.MeasureOp]:
        return [op for op in self.ops if isinstance(op, qc.MeasureOp)]

    @property
    def branches(self) -> list[scf.IfOp]:
        return [op for op in self.ops if isinstance(op, scf.IfOp)]

    def persisted(self) -> list[tuple[str, SSAValue]]:
        """The values a resume needs to replay this cone: each measurement's
        outcome (post-selected to) and each branch's condition (taken)."""
        return (
            [(f"{CONE_PREFIX}{k}", m.result) for k, m in enumerate(self.measurements)]
            + [(f"{CONE_IF_PREFIX}{k}", b.cond) for k, b in enumerate(self.branches)]
            + [(f"{CONE_ANGLE_PREFIX}{k}", a) for k, a in enumerate(self.angles())]
        )

    def angles(self) -> list[SSAValue]:
        """The computed angles of the cone's top-level gates, each once, in
        program order: a replay takes their recorded values."""
        seen: dict[SSAValue, None] = {}
        for op in self._flat():
            if isinstance(op, qc.GateOp):
                for p in op.params:
                    if not isinstance(p.owner, arith.ConstantOp):
                        seen.setdefault(p)
        return list(seen)

    @property
    def restorable(self) -> bool:
        return self.reason is None

    def qubits(self) -> list[SSAValue]:
        """Every qubit the cone acts on, those used only inside its branches
        and loops included: a retry resets all of them (a qubit a try left
        entangled would bias the next one) and the match resets those outside
        the cut."""
        seen: dict[object, SSAValue] = {}
        for op in self._flat():
            for v in _qubit_operands(op):
                seen.setdefault(qubit_identity(v), v)
        return list(seen.values())

    def _flat(self) -> list[Operation]:
        """The cone's operations, a loop prefix's body operations in its place."""
        return [o for op in self.ops for o in (op.ops if isinstance(op, LoopPrefix) else [op])]


class _Groups:
    def __init__(self) -> None:
        self.of: dict[object, int] = {}
        self.ops: dict[int, list[tuple[int, Operation]]] = {}
        self.members: dict[int, set[object]] = {}
        self.dirty: dict[int, str] = {}  # group -> why its history cannot be replayed
        self.meas: dict[int, int] = {}  # group -> measurements in its history
        self.next = 0

    def group(self, q: object) -> int:
        g = self.of.get(q)
        if g is None:
            g = self.of[q] = self.next
            self.ops[g], self.members[g] = [], {q}
            self.meas[g] = 0
            self.next += 1
        return g

    def merge(self, qs: list[object]) -> int:
        gs = {self.group(q) for q in qs}
        big = max(gs, key=lambda g: len(self.ops[g]))
        for g in gs - {big}:
            self.ops[big] += self.ops.pop(g)
            self.meas[big] += self.meas.pop(g)
            for q in self.members.pop(g):
                self.of[q] = big
                self.members[big].add(q)
            if g in self.dirty:
                self.dirty.setdefault(big, self.dirty.pop(g))
        return big

    def leave(self, q: object) -> None:
        g = self.group(q)
        self.members[g].discard(q)
        del self.of[q]


def _qubit_operands(op: Operation) -> list[SSAValue]:
    """The qubits ``op`` acts on, inside its regions too."""
    return [v for o in op.walk() for v in o.operands if isinstance(v.type, qc.QubitType)]


def _qubits(op: Operation) -> list[object]:
    return [qubit_identity(v) for v in _qubit_operands(op)]


def replay_cones(fn: func.FuncOp, max_postselect_bits: int = MAX_POSTSELECT_BITS) -> dict[int, Cone]:
    """Boundary id -> its cone, for every top-level boundary with a cut."""
    groups = _Groups()
    out: dict[int, Cone] = {}
    for pos, op in enumerate(fn.body.block.ops):
        if isinstance(op, ckpt.BoundaryOp):
            if op.cut:
                out[op.id] = _cone(groups, op, max_postselect_bits)
            continue
        if isinstance(op, scf.ForOp):
            for b in op.body.block.ops:
                if isinstance(b, ckpt.BoundaryOp) and b.cut:
                    out[b.id] = _loop_cone(groups, op, b, fn, max_postselect_bits)
        qs = _qubits(op)
        if not qs or isinstance(op, qc.BarrierOp):  # a barrier orders operations, it changes no state
            continue
        if isinstance(op, qc.ResetOp):
            g = groups.group(qs[0])
            groups.ops[g].append((pos, op))
            groups.leave(qs[0])
            continue
        g = groups.merge(qs)
        groups.ops[g].append((pos, op))
        groups.meas[g] += isinstance(op, qc.MeasureOp)
        if isinstance(op, scf.IfOp):
            why = _unreplayable_branch(op)
            if why:
                groups.dirty.setdefault(g, why)
        elif isinstance(op, scf.ForOp):
            why = _unreplayable_loop(op)
            if why:
                groups.dirty.setdefault(g, why)
        elif not isinstance(op, (qc.GateOp, qc.MeasureOp)):
            groups.dirty.setdefault(g, f"its cone contains control flow ('{op.name}')")
        elif isinstance(op, qc.GateOp) and any(not _top_level(p, fn) for p in op.params if not isinstance(p.owner, arith.ConstantOp)):
            groups.dirty.setdefault(g, "its cone has a gate whose angle is computed inside a region")
    for b in fn.walk():
        if isinstance(b, ckpt.BoundaryOp) and b.cut and b.id not in out:
            out[b.id] = Cone(reason="it is inside a loop or branch: its cone spans control flow")
    return out


def _loop_cone(groups: _Groups, loop: scf.ForOp, b: ckpt.BoundaryOp, fn: func.FuncOp, max_bits: int) -> Cone:
    """The cone of boundary ``b`` in the body of the top-level ``loop``, with
    ``groups`` as they were when the loop began (see the module docstring)."""
    if loop_trip_count(loop) is None:
        return Cone(reason="it is inside a loop whose trip count is not a constant")
    iv = loop.body.block.args[0]
    if not any(v is iv for _, v in b.named_values()):
        return Cone(reason="it is inside a loop whose counter it does not record")
    # Each body op with the qubits it acts on (none for a boundary: its cut is not an action).
    body = [(op, set() if isinstance(op, ckpt.BoundaryOp) else set(_qubits(op))) for op in loop.body.block.ops]
    # The qubits whose history the replay needs: the cut, closed under the
    # body's interactions and the top-level groups they belonged to.
    need = {qubit_identity(q) for q in b.cut}
    while True:
        grown = set(need)
        for q in need:
            grown |= groups.members[groups.group(q)]
        for _, qs in body:
            if qs & grown:
                grown |= qs
        if grown == need:
            break
        need = grown
    top = _top_cone(groups, {groups.group(q) for q in need}, max_bits)
    if not top.restorable:
        return top
    inside: list[Operation] = []
    before = 0
    for op, qs in body:
        if op is b:
            before = len(inside)
        if not qs & need or isinstance(op, qc.BarrierOp):
            continue
        why = _unreplayable_in_loop(op, fn)
        if why:
            return Cone(reason=why)
        inside.append(op)
    return Cone([*top.ops, LoopPrefix(loop, inside, before)])


def _unreplayable_in_loop(op: Operation, fn: func.FuncOp) -> str | None:
    """Why an operation of a loop body on a cone's qubits cannot be re-run
    for each replayed iteration, or None."""
    if isinstance(op, qc.ResetOp):
        return None
    if isinstance(op, qc.GateOp):
        if any(not isinstance(p.owner, arith.ConstantOp) and not _top_level(p, fn) for p in op.params):
            return "its cone has a gate whose angle is computed inside the loop it is in"
        return None
    if isinstance(op, scf.ForOp):
        return _unreplayable_loop(op)
    if isinstance(op, qc.MeasureOp):
        return "its cone has a measurement inside the loop it is in"
    return f"its cone contains control flow ('{op.name}') inside the loop it is in"


def _top_level(v: SSAValue, fn: func.FuncOp) -> bool:
    """Defined in the function's body block, so it dominates every later
    top-level boundary, which can persist it."""
    owner = v.owner
    return (owner.parent is fn.body.block) if isinstance(owner, Operation) else (owner is fn.body.block)


def _unreplayable_branch(op: scf.IfOp) -> str | None:
    """Why an ``scf.if`` in a cone cannot be replayed by taking its recorded
    decision, or None: its branches may hold gates with constant angles,
    resets, and classical arithmetic (which the replay does not need)."""
    for inner in op.walk():
        if inner is op or isinstance(inner, (scf.YieldOp, qc.ResetOp, qc.BarrierOp)) or (inner.dialect_name() == "arith" and not inner.regions):
            continue
        if isinstance(inner, qc.GateOp):
            if any(not isinstance(p.owner, arith.ConstantOp) for p in inner.params):
                return "its cone has a gate whose angle is not a constant"
            continue
        if isinstance(inner, qc.MeasureOp):
            return "its cone has a measurement inside a branch"
        return f"its cone contains control flow ('{inner.name}' inside 'scf.if')"
    return None


def loop_trip_count(op: scf.ForOp) -> int | None:
    """The number of iterations of a loop whose bounds and step are
    constants, or None."""
    lb, ub, step = (fold_int(v) for v in (op.lb, op.ub, op.step))
    if lb is None or ub is None or step is None or step <= 0:
        return None
    return max(0, -(-(ub - lb) // step))


def _unrolled_size(op: scf.ForOp) -> int | None:
    """Quantum ops a replay of ``op`` unrolled would emit, or None when the
    loop cannot be replayed that way."""
    trips = loop_trip_count(op)
    if trips is None:
        return None
    size = 0
    for inner in op.body.block.ops:
        if isinstance(inner, scf.ForOp):
            n = _unrolled_size(inner)
            if n is None:
                return None
            size += n
        elif isinstance(inner, (qc.GateOp, qc.ResetOp)):
            size += 1
    return trips * size


def _unreplayable_loop(op: scf.ForOp) -> str | None:
    """Why an ``scf.for`` in a cone cannot be replayed unrolled, or None:
    its bounds must be constants and its body (nested constant loops
    included) may hold only gates with constant angles, resets, barriers and
    classical arithmetic. The quantum operations of a loop without
    measurements or branches do not depend on any classical value, so
    unrolling replays exactly what the shot ran."""
    for inner in op.walk():
        if inner is op or isinstance(inner, (scf.YieldOp, qc.ResetOp, qc.BarrierOp)) or (inner.dialect_name() == "arith" and not inner.regions):
            continue
        if isinstance(inner, qc.GateOp):
            if any(not isinstance(p.owner, arith.ConstantOp) for p in inner.params):
                return "its cone has a loop whose gate angle is not a constant"
            continue
        if isinstance(inner, scf.ForOp):
            continue
        if isinstance(inner, qc.MeasureOp):
            return "its cone has a measurement inside a loop"
        return f"its cone contains control flow ('{inner.name}' inside 'scf.for')"
    size = _unrolled_size(op)
    if size is None:
        return "its cone has a loop whose trip count is not a constant"
    if size > MAX_UNROLLED_OPS:
        return f"its cone has a loop of {size} operations unrolled, more than {MAX_UNROLLED_OPS}"
    return None


def _cone(groups: _Groups, b: ckpt.BoundaryOp, max_bits: int) -> Cone:
    return _top_cone(groups, {groups.group(qubit_identity(q)) for q in b.cut}, max_bits)


def _top_cone(groups: _Groups, gs: set[int], max_bits: int) -> Cone:
    """The top-level operations of groups ``gs`` in program order, or why they cannot be replayed."""
    # Decide from the counts first: listing (sorting) a large unrestorable
    # cone at every boundary would be quadratic.
    dirty = [groups.dirty[g] for g in gs if g in groups.dirty]
    if dirty:
        return Cone(reason=dirty[0])
    n = sum(groups.meas[g] for g in gs)
    if n > max_bits:
        return Cone(reason=f"its cone holds {n} measurements, more than max_postselect_bits={max_bits}")
    ops = sorted((item for g in gs for item in groups.ops[g]), key=lambda t: t[0])
    return Cone([op for _, op in ops])
