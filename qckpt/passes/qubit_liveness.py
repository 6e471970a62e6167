"""Which qubits are *live* at a program point: used again before a reset.

A qubit whose next operation, on every path, is a reset (or that is never
used again) carries no state the rest of the program can observe: a reset
forgets it. Such a qubit is not part of a boundary's quantum cut, so a
boundary where every quantum qubit is dead is exact, and a replay boundary's
cone needs only the live ones (``ckpt-analyze-boundaries``). Qubit reuse
asks the same question (a dead qubit can be handed to another register).

Backward dataflow over the entry function's regions: a gate or measurement
uses its qubits (live before it), a reset kills its qubit (dead before it,
unless used by something earlier in the same op), ``scf.if`` /
``scf.index_switch`` join their branches (live on any path is live),
``scf.for`` / ``scf.while`` iterate to a fixed point (the sets only grow,
so at most one round per qubit). A qubit addressed with a dynamic index
(``qc.qubit_at``) counts as a use of every qubit of its register, and its
reset kills none of them: conservative both ways.

Storage is linear: per block, each qubit's events (positions where an op
decides its liveness) in order, answered by bisection, plus the block's
live-out set.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from xdsl.dialects import func, scf
from xdsl.ir import Block, Operation, SSAValue

from qckpt.dialects import ckpt, qc
from qckpt.dialects.qc import qubit_identity

Qubit = object  # a qubit_identity: equal for two SSA values naming one qubit


@dataclass
class _BlockEvents:
    # qubit -> positions (ascending) of ops that decide it, and whether it is live before each
    positions: dict[Qubit, list[int]] = field(default_factory=dict)
    live: dict[Qubit, list[bool]] = field(default_factory=dict)
    live_out: frozenset = frozenset()
    index: dict[Operation, int] = field(default_factory=dict)


class QubitLiveness:
    """Liveness of every qubit before every operation of ``fn``.

    ``live_before(op, q)``: is qubit ``q`` (an SSA value or its
    ``qubit_identity``) used again, on some path from just before ``op``,
    before it is reset? ``live_qubits(op, qubits)`` filters a list."""

    def __init__(self, fn: func.FuncOp) -> None:
        self._register: dict[SSAValue, set[Qubit]] = {}
        for op in fn.walk():
            if isinstance(op, qc.QubitOp):
                self._register.setdefault(op.reg, set()).add(qubit_identity(op.qubit))
        self._touched: dict[Operation, frozenset] = {}
        self._blocks: dict[Block, _BlockEvents] = {}
        for block in fn.body.blocks:
            self._block(block, frozenset(), record=True)

    # ---------------------------------------------------------------- queries
    def live_before(self, op: Operation, qubit: SSAValue | Qubit) -> bool:
        q = qubit_identity(qubit) if isinstance(qubit, SSAValue) else qubit
        block = op.parent_block()
        ev = self._blocks.get(block) if block is not None else None
        if ev is None or op not in ev.index:
            return True  # not analysed (a region this analysis does not enter): assume live
        pos = ev.positions.get(q)
        if pos:
            k = bisect.bisect_left(pos, ev.index[op])
            if k < len(pos):
                return ev.live[q][k]
        return q in ev.live_out

    def live_qubits(self, op: Operation | None, qubits: list[SSAValue]) -> list[SSAValue]:
        """The live ones of ``qubits`` before ``op`` (all of them when ``op`` is None)."""
        if op is None:
            return list(qubits)
        return [q for q in qubits if self.live_before(op, q)]

    # ---------------------------------------------------------------- dataflow
    def _uses(self, v: SSAValue) -> set[Qubit]:
        owner = v.owner
        if isinstance(owner, qc.QubitOp):
            return {qubit_identity(v)}
        if isinstance(owner, qc.QubitAtOp):
            return set(self._register.get(owner.reg, ())) | {qubit_identity(v)}
        return {qubit_identity(v)}

    def _touched_by(self, op: Operation) -> frozenset:
        t = self._touched.get(op)
        if t is None:
            acc: set[Qubit] = set()
            for inner in op.walk():
                if isinstance(inner, ckpt.BoundaryOp):
                    continue
                for v in inner.operands:
                    if isinstance(v.type, qc.QubitType):
                        acc |= self._uses(v)
            t = self._touched[op] = frozenset(acc)
        return t

    def _block(self, block: Block, live_out: frozenset, record: bool) -> frozenset:
        live = set(live_out)
        ops = list(block.ops)
        ev = _BlockEvents(live_out=live_out) if record else None
        rev: dict[Qubit, list[tuple[int, bool]]] = {}
        for pos in range(len(ops) - 1, -1, -1):
            op = ops[pos]
            gen, kill = self._op(op, frozenset(live), record)
            live -= kill
            live |= gen
            if ev is not None:
                for q in gen:
                    rev.setdefault(q, []).append((pos, True))
                for q in kill:
                    rev.setdefault(q, []).append((pos, False))
        if ev is not None:
            ev.index = {op: i for i, op in enumerate(ops)}
            for q, items in rev.items():
                items.reverse()
                ev.positions[q] = [p for p, _ in items]
                ev.live[q] = [b for _, b in items]
            self._blocks[block] = ev
        return frozenset(live)

    def _op(self, op: Operation, after: frozenset, record: bool) -> tuple[set[Qubit], set[Qubit]]:
        """(qubits live before ``op``, qubits dead before it), among those it decides."""
        if isinstance(op, qc.ResetOp):
            v = op.qubit
            return (set(), {qubit_identity(v)}) if isinstance(v.owner, qc.QubitOp) else (set(), set())
        if isinstance(op, (qc.BarrierOp, ckpt.BoundaryOp)):  # order operations (a boundary lists its cut), read no state
            return set(), set()
        if not op.regions:
            gen: set[Qubit] = set()
            for v in op.operands:
                if isinstance(v.type, qc.QubitType):
                    gen |= self._uses(v)
            return gen, set()
        touched = self._touched_by(op)
        if not touched:
            return set(), set()
        if isinstance(op, (scf.IfOp, scf.IndexSwitchOp)):
            live_in: set[Qubit] = set()
            for region in op.regions:
                if region.blocks:
                    live_in |= self._block(region.blocks[0], after, record)
                else:
                    live_in |= after  # an absent else: the state goes straight through
        elif isinstance(op, scf.ForOp):
            live_in = set(self._loop(op, after, record))
        elif isinstance(op, scf.WhileOp):
            live_in = set(self._loop(op, after, record))
        else:  # an op this analysis does not know: everything it touches is used
            return set(touched), set()
        return live_in & touched, touched - live_in

    def _loop(self, op: Operation, after: frozenset, record: bool) -> frozenset:
        """Live set at the loop's header (before a while's condition region),
        to a fixed point: header = after | live-in of one more iteration."""
        body = op.regions[-1].blocks[0]
        before = op.regions[0].blocks[0] if isinstance(op, scf.WhileOp) else None
        header = after

        def once(h: frozenset, rec: bool) -> frozenset:
            if before is None:  # scf.for: the body runs zero or more times
                return after | self._block(body, h, rec)
            # scf.while: the condition region runs first, then the loop exits or runs the body
            return self._block(before, after | self._block(body, h, rec), rec)

        while True:
            new = once(header, False) | header
            if new == header:
                break
            header = new
        once(header, record)
        return header


def qubit_liveness(fn: func.FuncOp) -> QubitLiveness:
    """The liveness of ``fn``'s qubits (see :class:`QubitLiveness`)."""
    return QubitLiveness(fn)
