"""Cut a program at exact top-level boundaries into segment programs.

Segment k runs the top-level operations between cut k-1 (or the start) and
cut k (or the end). At an exact boundary no qubit holds quantum state, so
segments are joined by classical data only:

- **inputs**: each value segment k needs from before its start arrives as a
  late-bound parameter (``qc.param``, bound after emission by
  ``qckpt.qir.bind``); each recorded qubit bit (``qubit:<reg>[i]``) becomes
  a parameter and a conditional X at the segment's start;
- **records**: a segment that ends at cut k records the boundary's state
  values (``seg:<name>``) and the output-only values it decided
  (``seg:out:<record label>``), then returns;
- **outputs**: only the last segment has the program's ``qc.output`` ops.
  An output bit decided in an earlier segment is a placeholder there, and
  the manifest says which record it is, so the runtime fills it in
  (``qckpt.runtime.restore.segments``).

Output-only values are not inputs: they do not shape the future, so shots
that differ only in them share one binding of the next segment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import Float64Type, FloatAttr, IntegerAttr, ModuleOp, i1
from xdsl.ir import Block, Operation, Region, SSAValue

from qckpt import abi
from qckpt.diagnostics import QckptError
from qckpt.dialects import ckpt, qc
from qckpt.ir import entry_function

RECORD_PREFIX = "seg:"


@dataclass
class SegmentSpec:
    index: int
    module: ModuleOp
    starts_at: int | None  # boundary id, None for the first segment
    ends_at: int | None  # boundary id, None for the last segment
    inputs: dict[str, str] = field(default_factory=dict)  # parameter name -> boundary value name
    records: list[str] = field(default_factory=list)  # state value names recorded at the end (seg:<name>)
    output_records: list[str] = field(default_factory=list)  # out: names recorded at the end
    filled_outputs: dict[str, str] = field(default_factory=dict)  # output record label -> out: name (last segment)

    def manifest(self) -> dict:
        return {
            "index": self.index,
            "starts_at": self.starts_at,
            "ends_at": self.ends_at,
            "inputs": self.inputs,
            "records": self.records,
            "output_records": self.output_records,
            "filled_outputs": self.filled_outputs,
        }


def splittable(fn: func.FuncOp) -> list[ckpt.BoundaryOp]:
    """The boundaries a program can be cut at: exact, at the top level."""
    return [op for op in fn.body.block.ops if isinstance(op, ckpt.BoundaryOp) and op.replay_cost is not None and not op.cut]


def split_module(module: ModuleOp, at: list[int] | None = None) -> list[SegmentSpec]:
    """Segment modules for cuts at boundary ids ``at`` (default: every
    splittable boundary). ``module`` is left unchanged."""
    fn = entry_function(module)
    usable = {b.id: b for b in splittable(fn)}
    order = [b.id for b in splittable(fn)]
    cuts = order if at is None else list(at)
    for bid in cuts:
        if bid not in usable:
            known = ", ".join(map(str, order)) or "none"
            raise QckptError(f"cannot cut at boundary {bid}: only exact top-level boundaries can be cut (here: {known})")
    if not cuts:
        raise QckptError("nothing to cut at: the program has no exact top-level boundary (insert some with --checkpoint exact)")
    cuts = sorted(set(cuts), key=order.index)
    bounds = [None, *cuts, None]
    return [_segment(module, k, bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]


def _position(fn: func.FuncOp, bid: int | None, default: int) -> int:
    if bid is None:
        return default
    for i, op in enumerate(fn.body.block.ops):
        if isinstance(op, ckpt.BoundaryOp) and op.id == bid:
            return i
    raise AssertionError(bid)


def _segment(module: ModuleOp, k: int, start: int | None, end: int | None) -> SegmentSpec:
    mod = module.clone()
    fn = entry_function(mod)
    block = fn.body.block
    ops = list(block.ops)
    lo = _position(fn, start, -1)
    hi = _position(fn, end, len(ops))
    spec = SegmentSpec(k, mod, start, end)
    start_op = ops[lo] if start is not None else None
    end_op = ops[hi] if end is not None else None
    assert start_op is None or isinstance(start_op, ckpt.BoundaryOp)
    assert end_op is None or isinstance(end_op, ckpt.BoundaryOp)
    start_values = start_op.named_values() if start_op is not None else []
    ret = ops[-1]
    assert isinstance(ret, func.ReturnOp)

    # Output bits by where they are decided (top-level position).
    top_index = {op: i for i, op in enumerate(ops)}
    outputs = _output_bits(ops, top_index)

    # The end: record the boundary's state and the output bits decided in
    # this segment, before returning.
    if end_op is not None:
        recorded: list[Operation] = []
        for name, v in end_op.named_values():
            if not name.startswith(ckpt.OUTPUT_PREFIX):
                spec.records.append(name)
                recorded.append(qc.OutputOp(RECORD_PREFIX + name, [v]))
        for name, (v, at) in outputs.items():
            if lo < at < hi:
                spec.output_records.append(name)
                recorded.append(qc.OutputOp(RECORD_PREFIX + name, [v]))
        block.insert_ops_before(recorded, ret)

    # The start: the boundary's values become parameters; recorded qubit
    # bits re-prepare their qubits.
    prologue: list[Operation] = []
    names = _qubits_by_name(fn)
    bound = {v for n, v in start_values if not n.startswith((ckpt.OUTPUT_PREFIX, ckpt.QUBIT_BIT_PREFIX))}
    outputs_before = {v: name for name, (v, at) in outputs.items() if at <= lo and v not in bound}
    for j, (name, v) in enumerate(start_values):
        if name.startswith(ckpt.OUTPUT_PREFIX):
            continue
        pname = f"seg{k}_{j}"
        p = qc.ParamOp(pname, v.type)
        spec.inputs[pname] = name
        prologue.append(p)
        if name.startswith(ckpt.QUBIT_BIT_PREFIX):
            q = names.get(name[len(ckpt.QUBIT_BIT_PREFIX) :])
            if q is None:
                raise QckptError(f"boundary {start} persists the bit of unknown qubit '{name}'")
            then = Block([qc.GateOp("x", [q]), scf.YieldOp()])
            prologue.append(scf.IfOp(p.value, [], Region(then), Region(Block([scf.YieldOp()]))))
        else:
            _replace_uses_after(v, p.value, lo, ops)

    # Outputs decided before the segment: placeholders the runtime fills in.
    if end is None:
        for out in [o for o in ops if isinstance(o, qc.OutputOp)]:
            for i, v in enumerate(out.values):
                if v in outputs_before:
                    label = abi.bit_label(out.label.data, i) if v.type == i1 else out.label.data
                    spec.filled_outputs[label] = outputs_before[v]
                    c = arith.ConstantOp(IntegerAttr(0, v.type) if v.type != Float64Type() else FloatAttr(0.0, v.type))
                    block.insert_op_before(c, out)
                    out.operands[i] = c.result

    # Drop everything outside the segment but registers and constants, and
    # every boundary (a segment records only its cut).
    keep = (qc.AllocOp, qc.QubitOp, arith.ConstantOp, func.ReturnOp)
    after = [op for i, op in enumerate(ops) if i >= hi and not isinstance(op, keep)]
    before = [op for i, op in enumerate(ops) if i <= lo and not isinstance(op, keep)]
    inside = [op for i, op in enumerate(ops) if lo < i < hi and isinstance(op, ckpt.BoundaryOp)]
    for op in reversed(after + inside):
        block.erase_op(op, safe_erase=False)
    gone = set(before)
    for op in reversed(before):
        for r in op.results:
            for use in r.uses:
                if use.operation not in gone and not isinstance(use.operation, ckpt.BoundaryOp):
                    raise QckptError(
                        f"boundary {start} does not persist a value that segment {k} uses (defined by '{op.name}'); re-run ckpt-insert"
                    )
        block.erase_op(op, safe_erase=False)
    first = next((op for op in block.ops if not isinstance(op, (qc.AllocOp, qc.QubitOp, arith.ConstantOp))), None)
    if prologue:
        assert first is not None
        block.insert_ops_before(prologue, first)
    return spec


def _replace_uses_after(v: SSAValue, new: SSAValue, lo: int, ops: list[Operation]) -> None:
    """Uses of ``v`` by the segment (any top-level op after index lo,
    including the records added at its end) read ``new``."""
    earlier = set(ops[: lo + 1])
    for use in list(v.uses):
        top = use.operation
        while not isinstance(top.parent_op(), func.FuncOp):
            top = top.parent_op()  # type: ignore[assignment]
        if top not in earlier:
            use.operation.operands[use.index] = new


def _qubits_by_name(fn: func.FuncOp) -> dict[str, SSAValue]:
    out = {}
    for op in fn.body.block.ops:
        if isinstance(op, qc.QubitOp) and isinstance(op.reg.owner, qc.AllocOp):
            out[f"{op.reg.owner.reg_name.data}[{op.index.value.data}]"] = op.qubit
    return out


def _output_bits(ops: list[Operation], top_index: dict[Operation, int]) -> dict[str, tuple[SSAValue, int]]:
    """``out:<record label>`` -> (value, top-level index of the op that
    decides it), for every value the program's outputs record."""
    out: dict[str, tuple[SSAValue, int]] = {}
    for rec in ops:
        if not isinstance(rec, qc.OutputOp):
            continue
        for i, v in enumerate(rec.values):
            label = abi.bit_label(rec.label.data, i) if v.type == i1 else rec.label.data
            owner = v.owner
            top = owner.parent_op() if isinstance(owner, Block) else owner
            while top is not None and top not in top_index:
                top = top.parent_op()
            if top is not None and not isinstance(top, (arith.ConstantOp,)):
                out.setdefault(ckpt.OUTPUT_PREFIX + label, (v, top_index[top]))
    return out
