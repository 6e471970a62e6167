"""Where a probabilistic preparation branches: the ``branches`` policy's points.

Dynamic state preparation (a constant-depth GHZ fused by parity
measurements, a W state whose address register is uncomputed by
measurement) draws a random outcome, and that outcome selects the rest of
the preparation: which fix-ups run. Right after such a measurement is where
a checkpoint saves the most for the least: the outcome is recorded, and a
resume rebuilds the same preparation path (a replay boundary post-selects
its cone to the recorded outcomes and takes the recorded branch decisions,
``replay_cones``), instead of drawing a new one.

A measurement *selects* the rest when its result reaches, through classical
operations only, the condition of a later ``scf.if`` or ``scf.while``
(``scf.condition``). Only top-level measurements are points: a boundary
inside a branch would itself be selected.
"""

from __future__ import annotations

from xdsl.dialects import func, scf
from xdsl.ir import Operation, SSAValue

from qckpt.dialects import qc


def selects_a_branch(value: SSAValue) -> bool:
    """Does ``value`` feed, through classical ops, a branch or loop condition?"""
    seen: set[SSAValue] = set()
    todo = [value]
    while todo:
        v = todo.pop()
        if v in seen:
            continue
        seen.add(v)
        for use in v.uses:
            op = use.operation
            if isinstance(op, scf.IfOp) and use.index == 0:
                return True
            if isinstance(op, scf.ConditionOp) and use.index == 0:
                return True
            if isinstance(op, (qc.OutputOp, qc.GateOp)):
                continue  # recorded, or an angle: neither selects a path
            todo.extend(op.results)
    return False


def branch_measurements(fn: func.FuncOp) -> list[qc.MeasureOp]:
    """The top-level measurements whose outcome selects what runs next, in
    program order."""
    return [op for op in fn.body.block.ops if isinstance(op, qc.MeasureOp) and selects_a_branch(op.result)]


def points_after(measurements: list[qc.MeasureOp]) -> list[Operation]:
    """The op each boundary goes before: the one right after each measurement."""
    return [m.next_op for m in measurements if m.next_op is not None]
