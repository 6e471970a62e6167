"""The bit of a classical qubit, as an SSA value a boundary can persist.

Re-preparing a classical(b) qubit at restore time needs b, even when no SSA
value holds it any more: after ``cx`` between two measured qubits, or a
conditional ``x``, b is an expression over measured bits. The analysis keeps
that expression symbolically (``analyze_boundaries.Bit``); here it becomes
``arith`` ops placed right before the boundary when every value it uses is
available there. When it is not (a bit decided inside a branch or carried
around a loop), the qubit is measured instead: it is in a basis state, so
the measurement returns b with certainty and leaves it undisturbed.

A bit is not recorded when it is 0 (nothing to re-prepare) or dead (the
qubit's next operation is a reset).
"""

from __future__ import annotations

import bisect

from xdsl.dialects import arith, func
from xdsl.dialects.builtin import IntegerAttr, i1
from xdsl.ir import Block, Operation, SSAValue

from qckpt.dialects import ckpt, qc
from qckpt.dialects.qc import qubit_identity
from qckpt.passes.analyze_boundaries import ZERO, Bit


def bit_name(qubit_name: str) -> str:
    return ckpt.QUBIT_BIT_PREFIX + qubit_name


class QubitBits:
    """Per function: decides which classical bits a boundary needs and
    builds them. Op positions and qubit touches are indexed once per block,
    so each query is a lookup or a binary search, not a scan."""

    def __init__(self) -> None:
        self._pos: dict[Block, dict[Operation, int]] = {}
        self._touches: dict[Block, dict[object, list[tuple[int, Operation]]]] = {}

    def _index(self, block: Block) -> None:
        pos: dict[Operation, int] = {}
        touches: dict[object, list[tuple[int, Operation]]] = {}
        for i, op in enumerate(block.ops):
            pos[op] = i
            seen = set()
            for inner in op.walk():
                for v in inner.operands:
                    if isinstance(v.type, qc.QubitType):
                        ident = qubit_identity(v)
                        if ident not in seen:
                            seen.add(ident)
                            touches.setdefault(ident, []).append((i, op))
        self._pos[block], self._touches[block] = pos, touches

    def position(self, op: Operation) -> int:
        block = op.parent
        assert block is not None
        if block not in self._pos or op not in self._pos[block]:
            self._index(block)
        return self._pos[block][op]

    def needed(self, q: SSAValue, bit: Bit, anchor: Operation) -> bool:
        """False when restoration can do without the bit: 0 (a qubit in |0>
        needs no re-preparation), or dead (the qubit's next operation in the
        anchor's block is a reset, or the function never touches it again).
        A constant 1 is kept: the resume block re-prepares from the record."""
        if bit == ZERO:
            return False
        block = anchor.parent
        assert block is not None
        at = self.position(anchor)
        touches = self._touches[block].get(qubit_identity(q), [])
        k = bisect.bisect_left(touches, at, key=lambda t: t[0])
        if k == len(touches):
            return not isinstance(anchor.parent_op(), func.FuncOp)
        _, op = touches[k]
        return not isinstance(op, qc.ResetOp)

    def materialize(self, q: SSAValue, bit: Bit, at: Operation) -> tuple[list[Operation], SSAValue]:
        """Ops computing the bit, valid anywhere ``at`` is, and its value; a
        measurement of the qubit when the expression cannot be computed."""
        ops: list[Operation] = []
        v = self._build(bit, at, ops)
        if v is None:
            m = qc.MeasureOp(q)
            return [m], m.result
        return ops, v

    def _build(self, bit: Bit, at: Operation, ops: list[Operation]) -> SSAValue | None:
        tag = bit[0]
        if tag in ("0", "1"):
            c = arith.ConstantOp(IntegerAttr(int(tag), i1))
            ops.append(c)
            return c.result
        if tag == "v":
            return bit[1] if self._available(bit[1], at) else None
        if tag in ("xor", "and"):
            a, b = self._build(bit[1], at, ops), self._build(bit[2], at, ops)
            if a is None or b is None:
                return None
            op = arith.XOrIOp(a, b) if tag == "xor" else arith.AndIOp(a, b)
            ops.append(op)
            return op.result
        if tag == "sel":
            cond = bit[1]
            if not (isinstance(cond, SSAValue) and cond.type == i1 and self._available(cond, at)):
                return None  # a switch or loop merge: no single i1 decides it
            a, b = self._build(bit[2], at, ops), self._build(bit[3], at, ops)
            if a is None or b is None:
                return None
            op = arith.SelectOp(cond, a, b)
            ops.append(op)
            return op.result
        return None  # ("loop", ...): carried around a loop, held by no SSA value

    def _available(self, v: SSAValue, at: Operation) -> bool:
        """``v`` dominates ``at`` in structured control flow: it is defined in
        a block enclosing ``at``, before the op of that block holding ``at``."""
        owner = v.owner
        def_block = owner if isinstance(owner, Block) else owner.parent
        op: Operation | None = at
        while op is not None:
            if op.parent is def_block:
                return isinstance(owner, Block) or self.position(owner) < self.position(op)
            op = op.parent_op()
        return False
