"""``qec-recognize-rounds``: find QEC syndrome-extraction rounds, mark their ends.

A round of a QEC memory or logical algorithm resets its ancillas, entangles
them with data qubits, and measures them; every round has the same shape.
In ``qc`` IR that is a counted loop (``scf.for``) whose body

- measures some qubits (the ancillas) and resets each of them in the body,
- applies a two-qubit gate between an ancilla and a qubit the body never
  measures (a data qubit),
- addresses qubits statically (no ``qc.qubit_at`` on the counter) and has
  no nested loop or branch with quantum operations (the same shape each
  iteration),

or any counted loop annotated ``#pragma qckpt round``. Each round end is
marked with a ``ckpt.boundary`` of kind ``logical``: one at the end of the
loop body (persisting the round counter) and, when the ops before the loop
measure the same ancillas (the first round written out before the loop, as
stim's generators do), one just before the loop.

The data qubits are in the quantum cut there on purpose: a logical
checkpoint persists the decoder's state (``docs/logical.md``), not the
qubits, so no cut is computed and restoration by replay does not apply.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import scf
from xdsl.dialects.builtin import ArrayAttr, ModuleOp, StringAttr
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.rewriter import InsertPoint, Rewriter

from qckpt.diagnostics import QckptError
from qckpt.dialects import ckpt, qc
from qckpt.ir.locations import op_location
from qckpt.ir.structure import entry_function

PRAGMA = "qckpt round"
LABEL = "round"


def _qubit_key(v: SSAValue) -> object:
    return qc.qubit_identity(v)


def _annotated(op: Operation) -> bool:
    notes = op.attributes.get("qasm.annotations")
    return isinstance(notes, ArrayAttr) and any(isinstance(s, StringAttr) and PRAGMA in s.data for s in notes.data)


def _round_shape(body: list[Operation]) -> tuple[set, bool] | None:
    """The ancillas a loop body measures, and whether it is a round; None if
    its shape can change between iterations."""
    measured: set = set()
    reset: set = set()
    pairs: list[tuple[object, object]] = []
    for op in body:
        if isinstance(op, qc.QubitAtOp):
            return None
        if isinstance(op, (scf.ForOp, scf.WhileOp, scf.IfOp, scf.IndexSwitchOp)):
            if any(isinstance(o, (qc.GateOp, qc.MeasureOp, qc.ResetOp)) for o in op.walk()):
                return None
        elif isinstance(op, qc.MeasureOp):
            measured.add(_qubit_key(op.qubit))
        elif isinstance(op, qc.ResetOp):
            reset.add(_qubit_key(op.qubit))
        elif isinstance(op, qc.GateOp) and len(op.operands) - len(op.params) == 2:
            a, b = (_qubit_key(q) for q in op.operands[len(op.params) :])
            pairs.append((a, b))
    entangles = any((a in measured) != (b in measured) for a, b in pairs)
    return measured, bool(measured) and measured <= reset and entangles


@dataclass(frozen=True)
class QecRecognizeRounds(ModulePass):
    """See the module docstring."""

    name = "qec-recognize-rounds"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        recognize_rounds(op)


def has_checks(module: ModuleOp) -> bool:
    """Whether ``module`` declares detectors or observables (a QEC program)."""
    return any(isinstance(o, (ckpt.DetectorOp, ckpt.ObservableOp)) for o in module.walk())


def recognize_rounds(module: ModuleOp) -> int:
    """Mark round ends in ``module``; the number of round loops found.
    A ``#pragma qckpt round`` loop that is not a round is an error."""
    fn = entry_function(module)
    ids = [b.id for b in fn.walk() if isinstance(b, ckpt.BoundaryOp)]
    next_id = max(ids, default=-1) + 1
    found = 0
    for loop in [o for o in fn.walk() if isinstance(o, scf.ForOp)]:
        body = list(loop.body.block.ops)
        shape = _round_shape(body)
        asked = _annotated(loop)
        if shape is None or not shape[1]:
            if asked:
                why = "its body changes shape between iterations" if shape is None else "its body does not reset, entangle and measure ancillas"
                raise QckptError(f"'#pragma qckpt round' on a loop that is not a round of syndrome extraction: {why}", op_location(loop))
            continue
        if any(isinstance(o, ckpt.BoundaryOp) and o.kind.data == "logical" for o in body):
            continue  # already marked
        ancillas = shape[0]
        # The first round, written out before the loop, ends where the loop starts.
        before = []
        prev = loop.prev_op
        while prev is not None and not isinstance(prev, (scf.ForOp, ckpt.BoundaryOp)):
            before.append(prev)
            prev = prev.prev_op
        if any(isinstance(o, qc.MeasureOp) and _qubit_key(o.qubit) in ancillas for o in before):
            Rewriter.insert_op(ckpt.BoundaryOp(next_id, "logical", LABEL, []), InsertPoint.before(loop))
            next_id += 1
        end = ckpt.BoundaryOp(next_id, "logical", LABEL, [("round", loop.body.block.args[0])])
        Rewriter.insert_op(end, InsertPoint.before(loop.body.block.last_op))  # type: ignore[arg-type]
        next_id += 1
        found += 1
    return found


__all__ = ["LABEL", "PRAGMA", "QecRecognizeRounds", "has_checks", "recognize_rounds"]
