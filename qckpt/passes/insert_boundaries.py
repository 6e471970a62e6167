"""``ckpt-insert{policy=...}``: place checkpoint boundaries by policy.

Policies, over the candidates of ``ckpt-analyze-boundaries``:

- ``exact``: every exact boundary (empty quantum cut), keeping only the last
  of each run of adjacent ones (no quantum operation between them);
- ``every``: every N iterations of each ``scf.for`` loop (``every=N``), or,
  in straight-line code, every N layers of gates;
- ``interval``: Young/Daly spacing (``checkpoint_policy.daly_interval``) over
  the program's estimated duration, with δ the record cost and M the MTBF
  (``mtbf``, seconds), choosing the candidate nearest each multiple of τ;
- ``branches``: right after each top-level measurement whose outcome
  selects the rest of a preparation (``branch_points``): dynamic GHZ and W
  preparation, feed-forward; the outcome is recorded there;
- ``annotated``: only where the source asks (``#pragma qckpt checkpoint``
  before a statement, ``@qckpt.checkpoint`` on a loop), and an error where
  that point cannot be captured.

``max-replay-cost`` (default: no limit) keeps replay boundaries out where
re-executing their quantum cone would cost more operations than that.
Inserted boundaries persist the candidate's live classical values; the
analysis then fills in each boundary's cut and cost.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import ArrayAttr, IntegerAttr, IntegerType, ModuleOp, StringAttr, i64
from xdsl.ir import Block, Operation, Region, SSAValue
from xdsl.passes import ModulePass

from qckpt.diagnostics import QckptError, QckptWarning
from qckpt.dialects import ckpt, qc
from qckpt.ir import entry_function, op_location
from qckpt.passes.branch_points import branch_measurements, points_after
from qckpt.passes.analyze_boundaries import Candidate, analyze_function, fill_boundaries
from qckpt.passes.checkpoint_policy import DeviceCosts, daly_interval, mtbf_placing_one, nearest_to_multiples
from qckpt.passes.policy_names import POLICIES  # one list for the pass, the CLI and the primitives
from qckpt.passes.qubit_bits import QubitBits, bit_name
from qckpt.passes.replay_cones import CONE_PREFIX, MAX_POSTSELECT_BITS, NOT_RESTORABLE_ATTR, replay_cones

_QUANTUM_OPS = (qc.GateOp, qc.MeasureOp, qc.ResetOp)
ANNOTATION_WORDS = ("qckpt checkpoint", "qckpt.checkpoint")
ITERATION_NAME = "qckpt.iteration"  # the iteration counter every=N adds to a while loop


def _is_quantum(op: Operation) -> bool:
    return any(isinstance(o, _QUANTUM_OPS) for o in op.walk())


def _names(values: list[SSAValue]) -> list[tuple[str, SSAValue]]:
    out = []
    used: set[str] = set()
    for i, v in enumerate(values):
        name = v.name_hint or f"v{i}"
        while name in used:
            name += "_"
        used.add(name)
        out.append((name, v))
    return out


class _Inserter:
    def __init__(self, fn: func.FuncOp, max_replay_cost: int, qubit_names: dict[SSAValue, str]) -> None:
        self.fn = fn
        self.qubit_names = qubit_names
        self.bits = QubitBits()
        self.last_top_point = -1  # the point of the last top-level boundary inserted
        self.max_replay_cost = max_replay_cost
        self.next_id = 1 + max((b.id for b in fn.walk() if isinstance(b, ckpt.BoundaryOp)), default=-1)
        self.inserted: list[ckpt.BoundaryOp] = []
        self.why_none = "no point of the program qualifies"  # a policy says better when it knows

    def allowed(self, c: Candidate) -> bool:
        return self.max_replay_cost < 0 or c.replay_cost <= self.max_replay_cost

    def insert(self, c: Candidate, kind: str, label: str, guard: SSAValue | None = None, extra: list[tuple[str, SSAValue]] = ()) -> ckpt.BoundaryOp:
        anchor = c.anchor
        if anchor is None or anchor.parent is None:
            raise QckptError(f"candidate {c.index} has no place in the program")
        # The bits of classical qubits that re-preparation needs, computed (or
        # measured: a basis state is undisturbed) right before the boundary.
        prep: list[Operation] = []
        qubit_values: list[tuple[str, SSAValue]] = []
        for q, bit in c.classical_qubits.items():
            if self.bits.needed(q, bit, anchor):
                ops, v = self.bits.materialize(q, bit, anchor)
                prep += ops
                qubit_values.append((bit_name(self.qubit_names.get(q, f"q{len(qubit_values)}")), v))
        # Output bits already decided are not state, but a resumed shot must
        # still report them: they are persisted apart, as "out:<record label>"
        # (once: record_outputs_once).
        # Top-level boundaries are inserted in program order: each persists
        # only the outputs decided since the previous one (linear in all).
        point = c.output_values.point
        top = guard is None and isinstance(anchor.parent_op(), func.FuncOp) and point is not None
        live_outputs = c.output_values.values_since(self.last_top_point) if top else c.outputs_only
        outputs = [(ckpt.OUTPUT_PREFIX + name, v) for v in live_outputs for name in _output_names(v)]
        if top:
            self.last_top_point = point
        b = ckpt.BoundaryOp(self.next_id, kind, label, _names(c.live) + list(extra) + qubit_values + outputs)
        self.next_id += 1
        block = anchor.parent
        if guard is None:
            block.insert_ops_before([*prep, b], anchor)
        else:
            then = Block([*prep, b, scf.YieldOp()])
            block.insert_op_before(scf.IfOp(guard, [], Region(then), Region(Block([scf.YieldOp()]))), anchor)
        self.inserted.append(b)
        return b

    # ------------------------------------------------------------------ policies
    def exact(self, cands: list[Candidate]) -> None:
        # A run is a stretch of consecutive exact points: the cut stays empty
        # all along, so one boundary at its end saves everything the run did.
        self.why_none = "policy=exact: no point after quantum work where every qubit is fresh or measured (try policy=every, or analyze to see the candidates)"
        top = [c for c in cands if c.kind == "classicalized"]
        chosen: list[Candidate] = []
        in_run = False
        for c in top:
            if not c.exact or not self._quantum_since_start(c):
                in_run = False
                continue
            if in_run:
                chosen[-1] = c
            else:
                chosen.append(c)
                in_run = True
        for c in chosen:
            self.insert(c, "classicalized", "exact")
        for c in cands:
            if c.kind == "algorithmic" and c.exact:
                self.insert(c, "algorithmic", "iteration")

    def _quantum_since_start(self, c: Candidate) -> bool:
        op = c.anchor.prev_op if c.anchor is not None else None
        while op is not None:
            if _is_quantum(op):
                return True
            op = op.prev_op
        return False

    def every(self, cands: list[Candidate], n: int) -> None:
        if n < 1:
            raise QckptError(f"ckpt-insert: every must be at least 1, not {n}")
        loops = [c for c in cands if c.kind == "algorithmic" and self.allowed(c)]
        for c in loops:
            loop = c.anchor.parent_op() if c.anchor is not None else None
            if n == 1:
                self.insert(c, "algorithmic", "iteration")
                continue
            extra: list[tuple[str, SSAValue]] = []
            if isinstance(loop, scf.ForOp):
                counter = loop.body.block.args[0]
            else:
                assert isinstance(loop, scf.WhileOp)
                # A while loop has no induction variable: count its iterations
                # in a loop-carried value, persisted so a resume keeps the phase.
                counter = _count_iterations(loop)
                extra = [(ITERATION_NAME, counter)]
            anchor_block = c.anchor.parent  # type: ignore[union-attr]
            nconst = arith.ConstantOp(IntegerAttr(n, counter.type))
            zero = arith.ConstantOp(IntegerAttr(0, counter.type))
            rem = arith.RemUIOp(counter, nconst.result)
            hit = arith.CmpiOp(rem.result, zero.result, "eq")
            for op in (nconst, zero, rem, hit):
                anchor_block.insert_op_before(op, c.anchor)  # type: ignore[arg-type]
            self.insert(c, "algorithmic", f"every {n} iterations", guard=hit.result, extra=extra)
        if not loops:
            self.layers(cands, n)

    def layers(self, cands: list[Candidate], n: int) -> None:
        """Straight-line code: a boundary each time the circuit depth crosses a
        multiple of n (at the candidate that ends that layer)."""
        depth: dict[SSAValue, int] = {}
        top = {c.anchor: c for c in cands if c.kind == "classicalized" and c.anchor is not None}
        next_mark = n
        current = 0
        for op in self.fn.body.blocks[0].ops:
            c = top.get(op)
            if c is not None and current >= next_mark and self.allowed(c):
                self.insert(c, "layer", f"layer {current}")
                while next_mark <= current:
                    next_mark += n
            if isinstance(op, _QUANTUM_OPS):
                qs = list(op.qubits) if isinstance(op, qc.GateOp) else [op.qubit]  # type: ignore[attr-defined]
                d = 1 + max((depth.get(q, 0) for q in qs), default=0)
                for q in qs:
                    depth[q] = d
                current = max(current, d)

    def interval(self, cands: list[Candidate], mtbf: float, costs: DeviceCosts) -> None:
        top = [c for c in cands if c.kind == "classicalized" and self.allowed(c)]
        if not top:
            self.why_none = "policy=interval: the program has no top-level point where every qubit is fresh or measured"
            return
        times, t = [], 0.0
        at = {c.anchor: c for c in top}
        chosen_cands: list[Candidate] = []
        for op in self.fn.body.blocks[0].ops:
            c = at.get(op)
            if c is not None:
                times.append(t)
                chosen_cands.append(c)
            t += _duration(op, costs)
        deltas = [costs.record(c.record_bits) for c in chosen_cands]
        delta = sum(deltas) / len(deltas)
        tau = daly_interval(delta, mtbf)
        for i in nearest_to_multiples(times, tau):
            self.insert(chosen_cands[i], "classicalized" if chosen_cands[i].exact else "user", "interval")
        if not self.inserted:
            would = mtbf_placing_one(delta, times[-1])
            if would:  # 3 digits, rounded down, so the value named does place one
                step = 10 ** (math.floor(math.log10(would)) - 2)
                would = math.floor(would / step) * step
            self.why_none = (
                f"policy=interval: the Young-Daly interval for mtbf={mtbf:g} s and a {delta:.3g} s record is "
                f"{tau:.3g} s, longer than the program's estimated {t:.3g} s "
                + (f"(an mtbf of at most {would:.3g} s would place one)" if would else "(no mtbf places one)")
            )

    def branches(self, cands: list[Candidate]) -> None:
        self.why_none = "policy=branches: no top-level measurement whose outcome selects a later branch (if/while)"
        at = {c.anchor: c for c in cands if c.kind == "classicalized" and c.anchor is not None}
        for anchor in points_after(branch_measurements(self.fn)):
            c = at.get(anchor)
            if c is not None and self.allowed(c):
                self.insert(c, "classicalized", "branch")

    def annotated(self, cands: list[Candidate]) -> None:
        self.why_none = "policy=annotated: the program has no '#pragma qckpt checkpoint' or '@qckpt.checkpoint' annotation"
        by_anchor = {c.anchor: c for c in cands if c.kind == "classicalized"}
        headers = {c.anchor.parent_op(): c for c in cands if c.kind == "algorithmic" and c.anchor is not None}
        for op in list(self.fn.walk()):
            notes = op.attributes.get("qasm.annotations")
            if not isinstance(notes, ArrayAttr) or not any(any(w in s.data for w in ANNOTATION_WORDS) for s in notes.data if isinstance(s, StringAttr)):
                continue
            if isinstance(op, (scf.ForOp, scf.WhileOp)):
                c = headers.get(op)
                if c is None:
                    raise QckptError("this loop's iterations cannot be checkpointed (it is nested in a branch)", op_location(op))
                if c.cut:
                    raise QckptError(
                        f"this loop cannot be checkpointed at its iterations: {len(c.cut)} qubit(s) carry quantum state from one "
                        "iteration to the next, so restoring would replay every earlier iteration",
                        op_location(op),
                    )
                self.insert(c, "algorithmic", "annotated")
            else:
                c = by_anchor.get(op)
                if c is None:
                    raise QckptError("a checkpoint can only be requested between top-level statements", op_location(op))
                if not self.allowed(c):
                    raise QckptError(f"this point cannot be captured within max-replay-cost={self.max_replay_cost}: its quantum cone has {c.replay_cost} operations", op_location(op))
                self.insert(c, "user", "annotated")


def _output_names(v: SSAValue) -> list[str]:
    """An output-only value is named by each record it feeds ("c[3]", or
    "n" for an integer output): the same at every boundary, so segments and
    resumed shots agree on it. Registers that share a bit record one value
    under several labels."""
    names = []
    for use in v.uses:
        out = use.operation
        if isinstance(out, qc.OutputOp):
            label = out.label.data
            names.append(f"{label}[{use.index}]" if len(out.values) > 1 or v.type == IntegerType(1) else label)
    return list(dict.fromkeys(names)) or [v.name_hint or f"value{id(v)}"]


def _count_iterations(loop: scf.WhileOp) -> SSAValue:
    """Give ``loop`` an extra carried i64: the number of iterations started
    before the current one (0 in the first). Returns its value in the body.
    The loop op is rebuilt (an op's operands and results are fixed)."""
    before, after = loop.before_region.block, loop.after_region.block
    block = loop.parent
    assert block is not None
    zero = arith.ConstantOp(IntegerAttr(0, i64))
    block.insert_op_before(zero, loop)
    in_cond = before.insert_arg(i64, len(before.args))
    in_body = after.insert_arg(i64, len(after.args))
    in_body.name_hint = ITERATION_NAME
    cond = before.last_op
    assert isinstance(cond, scf.ConditionOp)
    before.insert_op_before(scf.ConditionOp(cond.condition, *cond.args, in_cond), cond)
    before.erase_op(cond)
    yld = after.last_op
    assert isinstance(yld, scf.YieldOp)
    one = arith.ConstantOp(IntegerAttr(1, i64))
    nxt = arith.AddiOp(in_body, one.result)
    after.insert_ops_before([one, nxt, scf.YieldOp(*yld.operands, nxt.result)], yld)
    after.erase_op(yld)
    before_r, after_r = Region(), Region()
    loop.before_region.move_blocks(before_r)
    loop.after_region.move_blocks(after_r)
    new = scf.WhileOp([*loop.arguments, zero.result], [*loop.result_types, i64], before_r, after_r)
    new.attributes.update(loop.attributes)
    new.location = loop.location
    block.insert_op_before(new, loop)
    for old, res in zip(loop.results, new.results):
        old.replace_all_uses_with(res)
    block.erase_op(loop)
    return in_body


def _duration(op: Operation, costs: DeviceCosts) -> float:
    t = 0.0
    for o in op.walk():
        if isinstance(o, qc.GateOp):
            t += costs.gate(len(o.qubits))
        elif isinstance(o, qc.MeasureOp):
            t += costs.measure
        elif isinstance(o, qc.ResetOp):
            t += costs.reset
    return t


def insert_boundaries(
    module: ModuleOp,
    policy: str = "exact",
    every: int = 1,
    mtbf: float = 3600.0,
    max_replay_cost: int = -1,
    costs: DeviceCosts | None = None,
    max_postselect_bits: int = MAX_POSTSELECT_BITS,
) -> list[ckpt.BoundaryOp]:
    if policy not in POLICIES:
        raise QckptError(f"unknown checkpoint policy '{policy}'; choose one of {', '.join(POLICIES)}")
    fn = entry_function(module)
    analysis = analyze_function(fn)
    ins = _Inserter(fn, max_replay_cost, analysis.qubit_names)
    # A boundary at the very end protects nothing: the run is over.
    cands = [c for c in analysis.candidates if not isinstance(c.anchor, func.ReturnOp)]
    if policy == "exact":
        ins.exact(cands)
    elif policy == "every":
        ins.every(cands, every)
    elif policy == "interval":
        if mtbf <= 0:
            raise QckptError("ckpt-insert: policy=interval needs mtbf > 0 (seconds)")
        ins.interval(cands, mtbf, costs or DeviceCosts())
    elif policy == "branches":
        ins.branches(cands)
    else:
        ins.annotated(cands)
    if not ins.inserted:
        warnings.warn(QckptWarning(f"placed no checkpoint boundary: {ins.why_none}"), stacklevel=2)
    if ins.inserted:
        fill_boundaries(fn, analyze_function(fn))
        mark_replay_cones(fn, max_postselect_bits)
        record_outputs_once(fn)
    return [b for b in fn.walk() if isinstance(b, ckpt.BoundaryOp)]


def insert_before(fn: func.FuncOp, anchors: list[Operation], kind: str, label: str) -> list[ckpt.BoundaryOp]:
    """Boundaries right before top-level ``anchors`` placed by another pass
    (``qc-reuse-qubits``' reuse points), persisting what a policy's would:
    live values, classical qubits' bits, outputs; then cuts, costs and cones."""
    analysis = analyze_function(fn)
    ins = _Inserter(fn, -1, analysis.qubit_names)
    at = {c.anchor: c for c in analysis.candidates if c.kind == "classicalized" and c.anchor is not None}
    for anchor in anchors:
        c = at.get(anchor)
        if c is None:
            raise QckptError(f"no boundary can go before {anchor.name} (not at the top level)", op_location(anchor))
        ins.insert(c, kind, label)
    if ins.inserted:
        fill_boundaries(fn, analyze_function(fn))
        mark_replay_cones(fn)
        record_outputs_once(fn)
    return ins.inserted


def record_outputs_once(fn: func.FuncOp) -> None:
    """An output bit is persisted by the first top-level boundary after it is
    decided, not by every later one: every later visit comes after that one
    in a shot's log, which the runtime reads whole (records stay linear in
    the program, not quadratic). Boundaries inside loops or branches drop
    only what a top-level boundary before them already persisted."""
    seen: set[SSAValue] = set()
    for op in list(fn.body.block.ops):
        if isinstance(op, ckpt.BoundaryOp):
            _drop_outputs(op, seen)
            seen |= {v for n, v in op.named_values() if n.startswith(ckpt.OUTPUT_PREFIX)}
        elif op.regions:
            for inner in list(op.walk()):
                if isinstance(inner, ckpt.BoundaryOp):
                    _drop_outputs(inner, seen)


def _drop_outputs(b: ckpt.BoundaryOp, seen: set[SSAValue]) -> None:
    keep = [(n, v) for n, v in b.named_values() if not (n.startswith(ckpt.OUTPUT_PREFIX) and v in seen)]
    if len(keep) == len(b.values):
        return
    new = ckpt.BoundaryOp(b.id, b.kind.data, b.label.data, keep, list(b.cut), b.replay_cost.value.data if b.replay_cost is not None else None)
    new.attributes.update(b.attributes)
    block = b.parent
    assert block is not None
    block.insert_op_before(new, b)
    block.erase_op(b)


def mark_replay_cones(fn: func.FuncOp, max_postselect_bits: int = MAX_POSTSELECT_BITS) -> None:
    """Replay boundaries: persist the outcome of each measurement in the
    cone (``cone:<k>``), which a resume post-selects to, and the condition of
    each branch in it (``cone-if:<k>``), which it takes; or say why the
    boundary cannot be restored (``ckpt.not_restorable``)."""
    by_id = {op.id: op for op in fn.walk() if isinstance(op, ckpt.BoundaryOp)}
    for bid, cone in replay_cones(fn, max_postselect_bits).items():
        b = by_id[bid]
        if not cone.restorable:
            b.attributes[NOT_RESTORABLE_ATTR] = StringAttr(cone.reason or "")
            continue
        extra = cone.persisted()
        if not extra:
            continue
        new = ckpt.BoundaryOp(b.id, b.kind.data, b.label.data, [*b.named_values(), *extra], list(b.cut), b.replay_cost.value.data if b.replay_cost is not None else None)
        new.attributes.update(b.attributes)
        block = b.parent
        assert block is not None
        block.insert_op_before(new, b)
        block.erase_op(b)


@dataclass(frozen=True)
class CkptInsert(ModulePass):
    """Place ckpt.boundary ops by policy (exact, every, interval, annotated, branches)."""

    name = "ckpt-insert"

    policy: str = "exact"
    every: int = 1
    mtbf: float = 3600.0
    max_replay_cost: int = -1
    max_postselect_bits: int = MAX_POSTSELECT_BITS

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        insert_boundaries(op, self.policy, self.every, self.mtbf, self.max_replay_cost, max_postselect_bits=self.max_postselect_bits)


def cost_model_inputs(module: ModuleOp, costs: DeviceCosts | None = None) -> tuple[float, float]:
    """What the interval policy weighs for a program: its estimated duration
    (seconds, from the device table) and the mean cost of recording at its
    top-level candidate boundaries (the fixed record cost when it has none).
    The cost-curve plot draws the same numbers the policy used."""
    costs = costs or DeviceCosts()
    fn = entry_function(module)
    duration = sum(_duration(op, costs) for op in fn.body.blocks[0].ops)
    top = [c for c in analyze_function(fn).candidates if c.kind == "classicalized"]
    delta = sum(costs.record(c.record_bits) for c in top) / len(top) if top else costs.record(0)
    return duration, delta
