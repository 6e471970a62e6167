"""``qc-unroll-qubit-loops``: make every qubit reference static.

QIR addresses qubits by constant ids. A loop whose body indexes qubits by
its induction variable (``for i in [0:n] { h q[i]; }``) is therefore fully
unrolled when its bounds are constants, and each ``qc.qubit_at`` whose index
then folds to a constant becomes a ``qc.qubit``. Loops that index no qubits
stay loops: unrolling them would only grow the program.

A ``qc.qubit_at`` that is left (its index depends on a measurement, or the
loop bounds are not constants) is an error, reported where it was written.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import arith, scf
from xdsl.dialects.builtin import IntegerAttr, ModuleOp, i64
from xdsl.ir import Operation, SSAValue
from xdsl.passes import ModulePass
from xdsl.pattern_rewriter import PatternRewriter, PatternRewriteWalker, RewritePattern, op_type_rewrite_pattern
from xdsl.rewriter import Rewriter
from xdsl.transforms.scf_for_loop_unroll import UnrollLoopPattern

from qckpt.diagnostics import QckptError
from qckpt.dialects import qc
from qckpt.ir import op_location

_FOLD = {
    arith.AddiOp: lambda a, b: a + b,
    arith.SubiOp: lambda a, b: a - b,
    arith.MuliOp: lambda a, b: a * b,
    arith.DivSIOp: lambda a, b: int(a / b) if b else None,
    arith.DivUIOp: lambda a, b: a // b if b else None,
    arith.RemSIOp: lambda a, b: a - b * int(a / b) if b else None,
    arith.RemUIOp: lambda a, b: a % b if b else None,
    arith.ShLIOp: lambda a, b: a << b,
    arith.ShRUIOp: lambda a, b: a >> b,
    arith.AndIOp: lambda a, b: a & b,
    arith.OrIOp: lambda a, b: a | b,
    arith.XOrIOp: lambda a, b: a ^ b,
}


def fold_int(v: SSAValue, depth: int = 0) -> int | None:
    """The value of an integer expression whose leaves are constants."""
    op = v.owner
    if isinstance(op, arith.ConstantOp) and isinstance(op.value, IntegerAttr):
        return op.value.value.data
    if depth > 64 or not isinstance(op, Operation):
        return None
    if isinstance(op, (arith.IndexCastOp, arith.ExtUIOp, arith.ExtSIOp)):
        return fold_int(op.operands[0], depth + 1)
    f = _FOLD.get(type(op))
    if f is not None:
        a, b = (fold_int(x, depth + 1) for x in op.operands)
        if a is not None and b is not None:
            return f(a, b)
    return None


def _depends_on(v: SSAValue, target: SSAValue, depth: int = 0) -> bool:
    if v is target:
        return True
    op = v.owner
    if depth > 64 or not isinstance(op, Operation) or isinstance(op, arith.ConstantOp):
        return False
    return any(_depends_on(x, target, depth + 1) for x in op.operands)


def _indexes_qubits(loop: scf.ForOp) -> bool:
    iv = loop.body.block.args[0]
    return any(isinstance(op, qc.QubitAtOp) and _depends_on(op.index, iv) for op in loop.walk())


class _UnrollQubitLoop(RewritePattern):
    @op_type_rewrite_pattern
    def match_and_rewrite(self, op: scf.ForOp, rewriter: PatternRewriter) -> None:
        if _indexes_qubits(op):
            UnrollLoopPattern().match_and_rewrite(op, rewriter)


def _fold_qubit_refs(module: ModuleOp) -> None:
    rewriter = Rewriter()
    for op in list(module.walk()):
        if not isinstance(op, qc.QubitAtOp):
            continue
        n = fold_int(op.index)
        if n is None:
            continue
        size = op.reg.type.size.data  # type: ignore[attr-defined]
        if not 0 <= n < size:
            raise QckptError(f"qubit index {n} is out of range for a register of {size} qubits", op_location(op))
        new = qc.QubitOp.create(operands=[op.reg], properties={"index": IntegerAttr(n, i64)}, result_types=[qc.QUBIT])
        new.location = op.location
        new.attributes.update(op.attributes)  # source annotations stay on the statement's first op
        rewriter.replace_op(op, new)


def unroll_qubit_loops(module: ModuleOp) -> None:
    # Unroll innermost loops first so an outer loop's body is final when it is unrolled.
    PatternRewriteWalker(_UnrollQubitLoop(), walk_reverse=True, apply_recursively=True).rewrite_module(module)
    _fold_qubit_refs(module)


def check_static_qubits(module: ModuleOp) -> None:
    """Report the first qubit reference that is still dynamic."""
    for op in module.walk():
        if isinstance(op, qc.QubitAtOp):
            raise QckptError(
                "qubit index is not a compile-time constant: QIR needs static qubit ids, so a loop that "
                "indexes qubits by its variable must have constant bounds (it is unrolled), and the index "
                "must not depend on a measurement",
                op_location(op),
            )


@dataclass(frozen=True)
class QcUnrollQubitLoops(ModulePass):
    """Unroll constant-bound loops that index qubits by their variable."""

    name = "qc-unroll-qubit-loops"

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        unroll_qubit_loops(op)
