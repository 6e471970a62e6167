"""Boundary state carried in SSA to the final block (``final`` record mode).

The Adaptive Profile records output only in the final block and has no
mutable memory, so each boundary's *last completed visit* travels through
the CFG as SSA values: a visit count and the value of each persisted name.
The emitter lowers structured control flow directly, so the threading is
structural, like SSA construction for a handful of variables:

- a visit increments the count and replaces the values;
- at an ``if``/``switch`` merge, a key that differs between the incoming
  edges gets a ``phi``;
- at a loop header, every key a boundary inside the loop can change gets a
  ``phi`` (entry edge, back edge): the loop-carried visit count and values.

A key never assigned on a path holds its initial value (count 0, values
zero), which the record marks as "never visited" by its count.
"""

from __future__ import annotations

from xdsl.ir import Operation

from qckpt.dialects import ckpt
from qckpt.ir import all_ops
from qckpt import abi

Key = tuple[int, int]  # (boundary id, 0 for the visit count | 1 + value index)


class FinalRecords:
    def __init__(self, sink, fn: Operation, llvm_type) -> None:
        self.sink = sink
        self.boundaries: dict[int, ckpt.BoundaryOp] = {}
        self.types: dict[Key, str] = {}
        for op in all_ops(fn):
            if isinstance(op, ckpt.BoundaryOp) and op.id not in self.boundaries:
                self.boundaries[op.id] = op
                self.types[(op.id, 0)] = "i64"
                for j, (_, v) in enumerate(op.named_values()):
                    self.types[(op.id, 1 + j)] = llvm_type(v.type)
        self.cur: dict[Key, object] = {}

    def __bool__(self) -> bool:
        return bool(self.boundaries)

    # ------------------------------------------------------------ values
    def get(self, key: Key):
        v = self.cur.get(key)
        return self._initial(key) if v is None else v

    def _initial(self, key: Key):
        ty = self.types[key]
        return self.sink.const_f64(0.0) if ty == "double" else self.sink.const_int(int(ty[1:]), 0)

    def visit(self, op: ckpt.BoundaryOp, values: list) -> None:
        bid = op.id
        self.cur[(bid, 0)] = self.sink.binop("add", "i64", self.get((bid, 0)), self.sink.const_int(64, 1))
        for j, v in enumerate(values):
            self.cur[(bid, 1 + j)] = v

    # ------------------------------------------------------------ control flow
    def snapshot(self) -> dict[Key, object]:
        return dict(self.cur)

    def restore(self, snap: dict[Key, object]) -> None:
        self.cur = dict(snap)

    def merge(self, incoming: list[tuple[dict[Key, object], object]]) -> None:
        """At a merge block (positioned, before any non-phi instruction):
        phis for the keys whose values differ between the incoming edges."""
        keys = set().union(*(s.keys() for s, _ in incoming)) if incoming else set()
        merged: dict[Key, object] = {}
        for key in sorted(keys):
            vals = [s.get(key) for s, _ in incoming]
            if all(v is vals[0] for v in vals):
                merged[key] = vals[0]
                continue
            phi = self.sink.phi(self.types[key])
            for (s, pred), v in zip(incoming, vals):
                self.sink.add_incoming(phi, v if v is not None else self._initial(key), pred)
            merged[key] = phi
        self.cur = merged

    def keys_in(self, op: Operation) -> list[Key]:
        ids = sorted({b.id for b in op.walk() if isinstance(b, ckpt.BoundaryOp)})
        return [k for k in sorted(self.types) if k[0] in ids]

    def loop_header(self, keys: list[Key], preheader) -> list[tuple[Key, object]]:
        """Phis at a loop header (positioned) for the keys the loop changes."""
        phis = []
        for key in keys:
            phi = self.sink.phi(self.types[key])
            self.sink.add_incoming(phi, self.get(key), preheader)
            self.cur[key] = phi
            phis.append((key, phi))
        return phis

    def close_loop(self, phis: list[tuple[Key, object]], latch) -> None:
        for key, phi in phis:
            self.sink.add_incoming(phi, self.get(key), latch)

    # ------------------------------------------------------------ the record
    def record(self) -> None:
        """In the final block: one tuple per boundary (``docs/abi.md``)."""
        sink = self.sink
        sink.declare(abi.TUPLE_RECORD, "void", ["i64", "ptr"])
        sink.declare(abi.INT_RECORD, "void", ["i64", "ptr"])
        for bid, op in sorted(self.boundaries.items()):
            named = op.named_values()
            sink.call(abi.TUPLE_RECORD, [sink.const_int(64, len(named)), sink.label(abi.LAST_VISIT_LABEL)])
            sink.call(abi.INT_RECORD, [sink.const_int(64, bid), sink.label(abi.ID_LABEL)])
            sink.call(abi.INT_RECORD, [self.get((bid, 0)), sink.label(abi.VISITS_LABEL)])
            for j, (name, _) in enumerate(named):
                ty = self.types[(bid, 1 + j)]
                fn = abi.RECORD_FOR[ty]
                sink.declare(fn, "void", [ty, "ptr"])
                sink.call(fn, [self.get((bid, 1 + j)), sink.label(name)])
