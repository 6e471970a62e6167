"""Structured control flow lowered to a CFG, a mixin of the QIR emitter.

- ``scf.if``           -> ``br i1`` to then/else blocks, ``phi`` at the merge
- ``scf.while``        -> header block with ``phi``s, condition, back edge
- ``scf.for``          -> header with an induction ``phi``, ``icmp slt``, back edge
- ``scf.index_switch`` -> ``switch`` (``multiple_target_branching``)

Values that a restorable boundary inside a region rebinds get phis of their
own at the merge or loop header (:meth:`ControlFlowLowering.rebound_in`).
"""

from __future__ import annotations

from xdsl.dialects import scf
from xdsl.ir import Block, Operation, SSAValue

from qckpt.dialects import ckpt
from qckpt.ir import defined_inside
from qckpt.qir.emit_common import llvm_type, located_error, recorded_later


class ControlFlowLowering:
    """Branches and loops of :class:`qckpt.qir.emit._FunctionEmitter`."""

    # ---------------------------------------------------------------- control flow
    def _require_adaptive(self, op: Operation, what: str) -> None:
        if self.profile == "base":
            raise located_error(op, f"{what} needs the Adaptive Profile (the Base Profile has no branching); use --profile adaptive")

    def _region(self, block: Block, start, merge, incoming: list) -> None:
        """Emit one branch region ending in a jump to ``merge``; record the
        yielded values with the block they arrive from."""
        self.goto(start)
        entry_state = self.final.snapshot() if self.final else None
        rebound = self.rebound_in(block.parent_op())
        before = [self.vals[v] for v in rebound]
        yielded = self.emit_block(block) or []
        values = [self.val(v) for v in yielded] + [self.val(v) for v in rebound]
        incoming.append((values, self.sink.current, self.final.snapshot() if self.final else None))
        if self.final:
            self.final.restore(entry_state)  # the next branch starts from the same state
        for v, old in zip(rebound, before):
            self.vals[v] = old
        self.sink.br(merge)

    def rebound_in(self, op: Operation | None) -> list[SSAValue]:
        """Values from outside ``op`` that a restorable boundary inside it
        rebinds (its continuation block gives them a phi): after ``op`` they
        need a phi of their own, as if ``op`` yielded them."""
        if not self.resume_blocks or op is None:
            return []
        nested = self._nested.get(op)
        if nested is None:  # asked per branch and again at the merge: walk once
            nested = self._nested[op] = [b for b in op.walk() if isinstance(b, ckpt.BoundaryOp) and b.id in self.resume_blocks]
        if not nested:
            return []
        # Exactly what a continuation block rebinds (emit_resume_entry):
        # state, qubit bits, outputs a later boundary records, and the
        # outputs that get placeholders.
        out: dict[SSAValue, None] = {}
        for b in nested:
            for name, v in b.named_values():
                if name.startswith(ckpt.OUTPUT_PREFIX) and not recorded_later(v, b):
                    continue
                if not defined_inside(v, op):
                    out[v] = None
        for v in self.computed_outputs + [w for w in self.rebound if w in self.output_set]:
            if v in self.vals and not defined_inside(v, op):
                out[v] = None
        return list(out)

    def _phis(self, op: Operation, incoming: list) -> None:
        results = list(op.results)
        rebound = self.rebound_in(op)
        for i, res in enumerate(results + rebound):
            if i >= len(results) and all(values[i] is incoming[0][0][i] for values, _, _ in incoming):
                self.vals[res] = incoming[0][0][i]  # no branch rebound it
                continue
            phi = self.sink.phi(llvm_type(res.type))
            for values, pred, _ in incoming:
                self.sink.add_incoming(phi, values[i], pred)
            self.vals[res] = phi
        if self.final:
            self.final.merge([(state, pred) for _, pred, state in incoming])

    def emit_if(self, op: scf.IfOp) -> None:
        self._require_adaptive(op, "scf.if")
        sink = self.sink
        then_b, else_b, merge_b = sink.new_block("then"), sink.new_block("else"), sink.new_block("endif")
        sink.condbr(self.val(op.cond), then_b, else_b)
        incoming: list = []
        self._region(op.true_region.block, then_b, merge_b, incoming)
        if op.false_region.blocks:
            self._region(op.false_region.block, else_b, merge_b, incoming)
        else:
            self.goto(else_b)
            incoming.append(([self.val(v) for v in self.rebound_in(op)], else_b, self.final.snapshot() if self.final else None))
            sink.br(merge_b)
        self.goto(merge_b)
        self._phis(op, incoming)

    def emit_switch(self, op: scf.IndexSwitchOp) -> None:
        self._require_adaptive(op, "scf.index_switch")
        self.caps.multiple_target_branching = True
        self.caps.int_computations = True
        sink = self.sink
        cases = op.cases.get_values()
        default_b, merge_b = sink.new_block("default"), sink.new_block("endswitch")
        case_bs = [sink.new_block(f"case{c}") for c in cases]
        sink.switch(self.val(op.arg), default_b, list(zip(cases, case_bs)))
        incoming: list = []
        self._region(op.default_region.block, default_b, merge_b, incoming)
        for region, b in zip(op.case_regions, case_bs):
            self._region(region.block, b, merge_b, incoming)
        self.goto(merge_b)
        self._phis(op, incoming)

    def _loop_head(self, kind: str, args, inits, loop: Operation) -> tuple:
        """Blocks of a loop, with the header entered and one phi per carried
        value (its entry edge wired; the caller adds the back edge, and
        closes the boundary-state phis with ``_close_loop``)."""
        sink = self.sink
        head_b, body_b, exit_b = sink.new_block(f"{kind}.head"), sink.new_block(f"{kind}.body"), sink.new_block(f"{kind}.exit")
        pre = sink.current
        sink.br(head_b)
        self.goto(head_b)
        phis = []
        for arg, init in zip(args, inits):
            phi = sink.phi(llvm_type(arg.type))
            sink.add_incoming(phi, self.val(init), pre)
            self.vals[arg] = phi
            phis.append(phi)
        # Values from outside that a resume block in the loop rebinds are
        # carried around the loop like any loop-carried value.
        rebound = []
        for v in self.rebound_in(loop):
            phi = sink.phi(llvm_type(v.type))
            sink.add_incoming(phi, self.val(v), pre)
            self.vals[v] = phi
            rebound.append((v, phi))
        self.loop_state.append((self.final.loop_header(self.final.keys_in(loop), pre) if self.final else [], rebound))
        return head_b, body_b, exit_b, phis

    def _close_loop(self) -> None:
        """At the latch: close the boundary-state and rebound phis; after the
        loop the rebound values are their header phis again."""
        final_phis, rebound = self.loop_state.pop()
        if self.final:
            self.final.close_loop(final_phis, self.sink.current)
        for v, phi in rebound:
            self.sink.add_incoming(phi, self.val(v), self.sink.current)
            self.vals[v] = phi

    def emit_while(self, op: scf.WhileOp) -> None:
        self._require_adaptive(op, "scf.while")
        self.caps.backwards_branching = True
        sink = self.sink
        before = op.before_region.block
        head_b, body_b, exit_b, phis = self._loop_head("while", before.args, op.arguments, op)
        cond_args = self.emit_block(before)
        assert cond_args is not None
        cond, forwarded = cond_args[0], cond_args[1:]
        sink.condbr(self.val(cond), body_b, exit_b)
        exit_state = self.final.snapshot() if self.final else None
        forwarded_vals = [self.val(v) for v in forwarded]
        after = op.after_region.block
        self.goto(body_b)
        for arg, v in zip(after.args, forwarded_vals):
            self.vals[arg] = v
        yielded = self.emit_block(after) or []
        for phi, y in zip(phis, yielded):
            sink.add_incoming(phi, self.val(y), sink.current)
        self._close_loop()
        sink.br(head_b)
        self.goto(exit_b)
        if self.final:
            self.final.restore(exit_state)
        for res, v in zip(op.results, forwarded_vals):
            self.vals[res] = v

    def emit_for(self, op: scf.ForOp) -> None:
        self._require_adaptive(op, "scf.for")
        self.caps.backwards_branching = True
        self.caps.int_computations = True
        sink = self.sink
        block = op.body.block
        iv_t = llvm_type(op.lb.type)
        head_b, body_b, exit_b, phis = self._loop_head("for", block.args, [op.lb, *op.iter_args], op)
        iv = phis[0]
        sink.condbr(sink.icmp("slt", iv_t, iv, self.val(op.ub)), body_b, exit_b)
        exit_state = self.final.snapshot() if self.final else None
        self.goto(body_b)
        yielded = self.emit_block(block) or []
        # The induction variable as the body left it: a resume block inside
        # the body rebinds it (the header phi does not dominate that path).
        nxt = sink.binop("add", iv_t, self.val(block.args[0]), self.val(op.step))
        latch = sink.current
        for phi, y in zip(phis, [nxt, *(self.val(v) for v in yielded)]):
            sink.add_incoming(phi, y, latch)
        self._close_loop()
        sink.br(head_b)
        self.goto(exit_b)
        if self.final:
            self.final.restore(exit_state)
        for res, phi in zip(op.results, phis[1:]):
            self.vals[res] = phi
