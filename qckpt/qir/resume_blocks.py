"""Resumable programs: where a run may start, and the blocks that start it.

A resumable program asks the runtime at entry which restorable boundary to
start at (``qckpt_resume_point``) and branches to that boundary's resume
block, which reads the persisted values, replays the boundary's quantum cone
if it has one, re-prepares qubits from their recorded bits and joins the
normal path in a continuation block (docs/restoration.md). This module is
that part of the emitter, a mixin of :class:`qckpt.qir.emit._FunctionEmitter`.
"""

from __future__ import annotations

from xdsl.dialects import func
from xdsl.ir import SSAValue

from qckpt import abi
from qckpt.dialects import ckpt, qc
from qckpt.dialects.gates import TARGET_GATES
from xdsl.dialects import scf

from qckpt.passes.replay_cones import CONE_ANGLE_PREFIX, CONE_IF_PREFIX, CONE_PREFIX, NOT_RESTORABLE_ATTR, Cone, LoopPrefix, loop_trip_count, replay_cones
from qckpt.passes.unroll_qubit_loops import fold_int
from qckpt.qir.emit_common import llvm_type, located_error, recorded_later


def restorable_points(fn: func.FuncOp) -> tuple[list[ckpt.BoundaryOp], dict[int, Cone]]:
    """The boundaries a resumable program can start at, in program order,
    and the cone each replay one re-runs. The bit limit was applied by
    ckpt-insert (``ckpt.not_restorable``); here a cone must only be
    replayable and have its outcomes persisted."""
    candidates = [b for b in fn.walk() if isinstance(b, ckpt.BoundaryOp) and restorable_boundary(b)]
    by_id = {b.id: b for b in candidates}
    cones = {
        bid: c
        for bid, c in replay_cones(fn, max_postselect_bits=1 << 30).items()
        if c.restorable and bid in by_id and {n for n, _ in c.persisted()} <= {n for n, _ in by_id[bid].named_values()}
    }
    return [b for b in candidates if not b.cut or b.id in cones], cones


def restorable_boundary(b: ckpt.BoundaryOp) -> bool:
    """A boundary a run can resume from: analysed, and either exact (empty
    quantum cut) or a replay boundary whose cone ckpt-insert found
    restorable (``replay_cones``) and whose measured outcomes it persisted."""
    if b.replay_cost is None:
        return False
    if not b.cut:
        return True
    parent = b.parent_op()
    top_loop = isinstance(parent, scf.ForOp) and isinstance(parent.parent_op(), func.FuncOp)
    return NOT_RESTORABLE_ATTR not in b.attributes and (isinstance(parent, func.FuncOp) or top_loop)


LOOP_IV = "loop-iv"  # in a cone replay's recorded values: the induction variable of the boundary's loop


class ResumeBlocks:
    """The resume dispatch at entry and one resume block per restorable
    boundary; uses the emitter's values, sink and capabilities."""

    # ---------------------------------------------------------------- resume
    def emit_resume_dispatch(self) -> None:
        """At entry: where to start. 0 is the top; id + 1 is boundary id's
        resume block (a chain of compares: the Builder has no switch, and
        forward branches need no capability beyond the profile's)."""
        sink = self.sink
        restorable, self.cones = restorable_points(self.fn)
        # No restorable boundary (none placed, or all in loops or past
        # control flow): still a resumable program, one that can only start
        # from the top; bind-resume says so for any record.
        sink.declare(abi.RESUME_POINT, "i64", [])
        self.caps.ir_functions = self.caps.int_computations = True
        point = sink.call(abi.RESUME_POINT, [], "i64")
        for b in restorable:
            self.resume_blocks[b.id] = sink.new_block(f"ckpt.resume.{b.id}")
            nxt = sink.new_block("ckpt.dispatch")
            sink.condbr(sink.icmp("eq", "i64", point, sink.const_int(64, b.id + 1)), self.resume_blocks[b.id], nxt)
            self.goto(nxt)

    def emit_resume_entry(self, op: ckpt.BoundaryOp) -> None:
        """Split the block at ``op``: the normal path and the boundary's resume
        block meet in a continuation block, where every persisted value
        becomes a phi of (its value, the bound constant). The resume block
        re-prepares each qubit whose recorded bit is 1 and records nothing:
        the shot's earlier records come from its log."""
        sink = self.sink
        cont = sink.new_block(f"ckpt.cont.{op.id}")
        normal = sink.current
        sink.br(cont)
        self.goto(self.resume_blocks[op.id])
        restored: dict[SSAValue, object] = {}
        bits: list[tuple[int, object]] = []
        cone_values: dict[str, object] = {}
        late_outputs: list[SSAValue] = []
        # The visit being resumed: read so that every restorable boundary has a
        # binding (bind-resume finds the restorable ones by it), and available
        # to the program as state.
        visit_fn = abi.resume_value_fn(op.id, abi.RESUME_VISIT_NAME)
        sink.declare(visit_fn, "i64", [])
        sink.call(visit_fn, [], "i64")
        for name, v in op.named_values():
            ty = llvm_type(v.type)
            if name.startswith(ckpt.OUTPUT_PREFIX):
                # Not state: the runtime restores outputs from the log. A later
                # boundary that records it still needs a value on this path.
                if recorded_later(v, op):
                    late_outputs.append(v)
                continue
            fn = abi.resume_value_fn(op.id, name)
            sink.declare(fn, ty, [])
            r = sink.call(fn, [], ty)
            if name.startswith(ckpt.QUBIT_BIT_PREFIX):
                q = self.qubit_by_name.get(name[len(ckpt.QUBIT_BIT_PREFIX) :])
                if q is None:
                    raise located_error(op, f"boundary {op.id} persists the bit of unknown qubit '{name}'")
                bits.append((q, r))
            if v not in restored:
                restored[v] = r  # a qubit's bit is also the value it was computed as
            if name.startswith((CONE_PREFIX, CONE_IF_PREFIX, CONE_ANGLE_PREFIX)):
                cone_values[name] = r
        cone = self.cones.get(op.id)
        if cone is not None:
            for part in cone.ops:
                if isinstance(part, LoopPrefix):  # the iterations to replay: the record's induction variable says
                    cone_values[LOOP_IV] = restored[part.induction_variable]
            self.emit_cone_replay(op, cone, cone_values)
        if bits:
            sink.declare(TARGET_GATES["x"], "void", ["ptr"])
        for q, bit in bits:
            flip, done = sink.new_block("ckpt.reprep"), sink.new_block("ckpt.reprep.done")
            sink.condbr(bit, flip, done)
            self.goto(flip)
            sink.call(TARGET_GATES["x"], [sink.ptr("qubit", q)])
            sink.br(done)
            self.goto(done)
        resumed = sink.current
        sink.br(cont)
        self.goto(cont)
        # Computed output-only values decided before the boundary: a
        # placeholder on the resumed path (the runtime fills in the record).
        # (A top-level measurement never rebound is read again at the end instead.)
        # (Only outputs that are computed, or were rebound, are candidates:
        # checking every output at every boundary would be quadratic.)
        candidates = self.computed_outputs + [v for v in self.rebound if v in self.output_set] + late_outputs
        placeholders = {v: self._zero(v) for v in dict.fromkeys(candidates) if v in self.vals and v not in restored}
        for v, r in [*restored.items(), *placeholders.items()]:
            phi = sink.phi(llvm_type(v.type))
            sink.add_incoming(phi, self.val(v), normal)
            sink.add_incoming(phi, r, resumed)
            self.vals[v] = phi
            self.rebound[v] = None

    def _zero(self, v: SSAValue):
        ty = llvm_type(v.type)
        return self.sink.const_f64(0.0) if ty == "double" else self.sink.const_int(int(ty[1:]), 0)

    def emit_replayed_branch(self, op: scf.IfOp, taken) -> None:
        """The quantum operations of an ``scf.if`` in a cone (gates and resets
        only, ``replay_cones`` checked), on the recorded decision."""
        sink = self.sink
        yes, no, join = sink.new_block("ckpt.replay.then"), sink.new_block("ckpt.replay.else"), sink.new_block("ckpt.replay.join")
        sink.condbr(taken, yes, no)
        for block, region in ((yes, op.true_region), (no, op.false_region)):
            self.goto(block)
            for inner in (region.blocks[0].ops if region.blocks else ()):
                self._emit_replayed_op(inner)
            sink.br(join)
        self.goto(join)

    def emit_replayed_loop(self, op: scf.ForOp) -> None:
        """The quantum operations of a constant-bound ``scf.for`` in a cone
        (gates with constant angles and resets, ``replay_cones`` checked),
        unrolled: no classical value decides them, so each iteration is the
        same operations the shot ran."""
        trips = loop_trip_count(op)
        assert trips is not None
        for _ in range(trips):
            for inner in op.body.block.ops:
                self._emit_replayed_op(inner)

    def emit_replayed_iterations(self, prefix: LoopPrefix, iv) -> None:
        """A cone's part inside its boundary's loop: the body's operations on
        the cone's qubits once per iteration from the lower bound up to the
        recorded induction variable ``iv`` (a loop here too: the count is
        known only from the record), then those before the boundary."""
        sink = self.sink
        loop = prefix.loop
        ty = llvm_type(loop.lb.type)
        lb, step = fold_int(loop.lb), fold_int(loop.step)
        assert lb is not None and step is not None  # replay_cones checked the trip count is constant
        pre = sink.current
        head, body, done = sink.new_block("ckpt.replay.loop"), sink.new_block("ckpt.replay.iter"), sink.new_block("ckpt.replay.here")
        sink.br(head)
        self.goto(head)
        j = sink.phi(ty)
        sink.add_incoming(j, sink.const_int(int(ty[1:]), lb), pre)
        sink.condbr(sink.icmp("slt", ty, j, iv), body, done)
        self.goto(body)
        for inner in prefix.ops:
            self._emit_replayed_op(inner)
        sink.add_incoming(j, sink.binop("add", ty, j, sink.const_int(int(ty[1:]), step)), sink.current)
        sink.br(head)
        self.goto(done)
        for inner in prefix.ops[: prefix.before]:
            self._emit_replayed_op(inner)

    def _emit_replayed_op(self, op) -> None:
        """A quantum operation of a cone, replayed: a gate, a reset, or a
        constant loop of them unrolled; anything else (barriers, classical
        arithmetic, yields) changes no state the replay rebuilds."""
        if isinstance(op, qc.GateOp):
            self.emit_gate(op)
        elif isinstance(op, qc.ResetOp):
            self.sink.call("__quantum__qis__reset__body", [self.sink.ptr("qubit", self.qubit_id(op.qubit))])
        elif isinstance(op, scf.ForOp):
            self.emit_replayed_loop(op)

    def emit_cone_replay(self, op: ckpt.BoundaryOp, cone, recorded: dict[str, object]) -> None:
        """Re-run the boundary's quantum cone from |0>, post-selecting each
        measurement in it to its recorded outcome (``cone:<k>``): on a
        mismatch, reset the cone's qubits and try again, until they match.
        There is no limit: a recorded outcome of probability p comes back
        after 1/p tries on average, and any cap would give up more often on
        rare outcomes than on common ones, biasing the resumed histogram
        (docs/restoration.md). Only ``replay_tries`` (negative controls)
        reinstates a cap, past which the shot ends with exit code
        ``abi.REPLAY_FAILED_EXIT``. Afterwards the cone's qubits outside the
        cut are reset, ready for re-preparation from their recorded bits."""
        sink = self.sink
        self.caps.backwards_branching = self.caps.int_computations = True
        qubits = [self.qubit_id(q) for q in cone.qubits()]
        sink.declare("__quantum__qis__reset__body", "void", ["ptr"], irreversible=True)
        sink.declare("__quantum__qis__mz__body", "void", ["ptr", "ptr"], irreversible=True)
        sink.declare("__quantum__rt__read_result", "i1", ["ptr"])
        capped = self.replay_tries is not None
        body, retry = sink.new_block("ckpt.replay.body"), sink.new_block("ckpt.replay.retry")
        # Each try starts at `again`: the body itself, or with a cap, a head that counts tries.
        again = body
        pre = sink.current
        tries = None
        if capped:
            if self.replay_failed is None:
                self.replay_failed = sink.new_block("ckpt.replay.failed")
                self.caps.multiple_return_points = True
            again = sink.new_block("ckpt.replay.head")
            sink.br(again)
            self.goto(again)
            tries = sink.phi("i64")
            sink.add_incoming(tries, sink.const_int(64, 0), pre)
            sink.condbr(sink.icmp("slt", "i64", tries, sink.const_int(64, self.replay_tries)), body, self.replay_failed)
        else:
            sink.br(body)
        self.goto(body)
        # Computed angles come from the record: their values on the normal
        # path do not dominate the resume block.
        angles = cone.angles()
        saved = {a: self.vals.get(a) for a in angles}
        for i, a in enumerate(angles):
            self.vals[a] = recorded[f"{CONE_ANGLE_PREFIX}{i}"]
        k = j = 0
        for cop in cone.ops:
            if isinstance(cop, scf.IfOp):
                # Feed-forward: take the recorded decision (``cone-if:<j>``).
                self.emit_replayed_branch(cop, recorded[f"{CONE_IF_PREFIX}{j}"])
                j += 1
            elif isinstance(cop, LoopPrefix):
                self.emit_replayed_iterations(cop, recorded[LOOP_IV])
            elif not isinstance(cop, qc.MeasureOp):
                self._emit_replayed_op(cop)
            else:
                r = self.num_results
                self.num_results += 1
                sink.call("__quantum__qis__mz__body", [sink.ptr("qubit", self.qubit_id(cop.qubit)), sink.ptr("result", r)])
                got = sink.call("__quantum__rt__read_result", [sink.ptr("result", r)], "i1")
                miss = sink.binop("xor", "i1", got, recorded[f"{CONE_PREFIX}{k}"])
                k += 1
                matched = sink.new_block("ckpt.replay.match")
                sink.condbr(miss, retry, matched)
                self.goto(matched)
        for a, v in saved.items():
            if v is None:
                self.vals.pop(a, None)
            else:
                self.vals[a] = v
        cut = {self.qubit_id(q) for q in op.cut}
        for q in qubits:
            if q not in cut:
                sink.call("__quantum__qis__reset__body", [sink.ptr("qubit", q)])
        after = sink.new_block("ckpt.replay.done")
        sink.br(after)
        self.goto(retry)
        for q in qubits:
            sink.call("__quantum__qis__reset__body", [sink.ptr("qubit", q)])
        if tries is not None:
            sink.add_incoming(tries, sink.binop("add", "i64", tries, sink.const_int(64, 1)), retry)
        sink.br(again)
        if capped and not self.replay_failed_emitted:
            # qir-runner ignores the exit code, so the record says it too.
            self.goto(self.replay_failed)
            sink.declare(abi.INT_RECORD, "void", ["i64", "ptr"])
            sink.call(abi.INT_RECORD, [sink.const_int(64, op.id), sink.label(abi.REPLAY_FAILED_LABEL)])
            sink.ret_i64(abi.REPLAY_FAILED_EXIT)
            self.replay_failed_emitted = True
        self.goto(after)
