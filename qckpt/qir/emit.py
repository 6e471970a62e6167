"""`qc` + `scf` + `arith` + `func` -> QIR (Adaptive or Base Profile).

Structured control flow becomes a CFG here, directly:

- ``scf.if``           -> ``br i1`` to then/else blocks, ``phi`` at the merge
- ``scf.while``        -> header block with ``phi``s, condition, back edge
- ``scf.for``          -> header with an induction ``phi``, ``icmp slt``, back edge
- ``scf.index_switch`` -> ``switch`` (``multiple_target_branching``)

Qubit and result ids are static: each register gets a base id in
declaration order, and each ``qc.measure`` op its own result id. Output
records follow ``docs/abi.md`` (see :mod:`qckpt.abi`).

Instructions go to a sink (:mod:`qckpt.qir.sinks`): pyqir's Builder when
the function uses only what the Builder has, LLVM text parsed by pyqir
otherwise. Either way the result is a ``pyqir.Module`` that pyqir verifies.
"""

from __future__ import annotations

from dataclasses import dataclass

from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import (
    FloatAttr,
    IndexType,
    IntegerAttr,
    IntegerType,
    ModuleOp,
    Float64Type,
)
from xdsl.ir import Attribute, Block, Operation, SSAValue

from qckpt import abi
from qckpt.diagnostics import QckptError
from qckpt.dialects import ckpt, qc
from qckpt.dialects.gates import GATES, TARGET_GATES
from qckpt.ir import defined_inside, entry_function, op_location
from qckpt.passes.replay_cones import CONE_PREFIX, NOT_RESTORABLE_ATTR, Cone, replay_cones
from qckpt.qir.final_records import FinalRecords
from qckpt.qir.sinks import BUILDER_BINOPS, BuilderSink, TextSink

PROFILES = ("adaptive", "base")


@dataclass
class Capabilities:
    """What the emitted body uses; decides the module flags."""

    int_computations: bool = False
    float_computations: bool = False
    backwards_branching: bool = False
    multiple_target_branching: bool = False
    ir_functions: bool = False
    streaming_records: bool = False
    multiple_return_points: bool = False


def _fail(op: Operation, msg: str) -> QckptError:
    return QckptError(msg, op_location(op))


def _llvm_type(t: Attribute) -> str:
    if isinstance(t, IntegerType):
        return f"i{t.width.data}"
    if isinstance(t, IndexType):
        return "i64"
    if isinstance(t, Float64Type):
        return "double"
    raise QckptError(f"type {t} has no QIR counterpart")


_INT_BINOPS: dict[type, str] = {
    arith.AddiOp: "add",
    arith.SubiOp: "sub",
    arith.MuliOp: "mul",
    arith.DivSIOp: "sdiv",
    arith.DivUIOp: "udiv",
    arith.RemSIOp: "srem",
    arith.RemUIOp: "urem",
    arith.AndIOp: "and",
    arith.OrIOp: "or",
    arith.XOrIOp: "xor",
    arith.ShLIOp: "shl",
    arith.ShRUIOp: "lshr",
    arith.ShRSIOp: "ashr",
}
_FLOAT_BINOPS: dict[type, str] = {
    arith.AddfOp: "fadd",
    arith.SubfOp: "fsub",
    arith.MulfOp: "fmul",
    arith.DivfOp: "fdiv",
}
_CASTS: dict[type, str] = {
    arith.ExtUIOp: "zext",
    arith.ExtSIOp: "sext",
    arith.TruncIOp: "trunc",
    arith.SIToFPOp: "sitofp",
    arith.FPToSIOp: "fptosi",
}
_CMPF = ["false", "oeq", "ogt", "oge", "olt", "ole", "one", "ord", "ueq", "ugt", "uge", "ult", "ule", "une", "uno", "true"]


class _FunctionEmitter:
    def __init__(self, fn: func.FuncOp, profile: str, sink, record_mode: str = "final", runtime: str = "linked", resumable: bool = False) -> None:
        self.fn = fn
        self.profile = profile
        self.record_mode = record_mode
        self.runtime = runtime
        self.sink = sink
        self.caps = Capabilities()
        self.vals: dict[SSAValue, object] = {}
        self.results_of: dict[SSAValue, int] = {}  # Base Profile: bit value -> result id
        self.qubit_ids: dict[SSAValue, int] = {}
        self.reg_base: dict[SSAValue, int] = {}
        self.num_qubits = 0
        self.num_results = 0
        self.outputs: list[qc.OutputOp] = []
        self.measured: set[int] = set()  # Base Profile: qubits already measured
        self.declared: set[str] = set()
        self.final = FinalRecords(sink, fn, _llvm_type) if record_mode == "final" else None
        self.loop_state: list[list] = []  # per open loop: its boundary-state phis
        self.resumable = resumable
        self.resume_blocks: dict[int, object] = {}  # boundary id -> its resume block
        self.cones: dict = {}  # replay boundary id -> its restorable cone
        self._nested: dict[Operation, list[ckpt.BoundaryOp]] = {}  # control-flow op -> restorable boundaries in it
        # Output-only bits in a resumable program: a top-level measurement's
        # result is read again from its result slot in the final block (a
        # resumed shot never wrote it: the runtime fills it in from the log),
        # so it needs no phi at every later resume point.
        self.result_slot: dict[SSAValue, int] = {}
        self.rebound: set[SSAValue] = set()
        self.reread: dict[SSAValue, object] = {}
        self.output_values: list[SSAValue] = (
            [v for out in fn.body.block.ops if isinstance(out, qc.OutputOp) for v in out.values] if resumable else []
        )
        self.output_set = set(self.output_values)
        self.computed_outputs = [v for v in self.output_values if not _is_top_measure(v)]
        self.replay_failed = None  # the one block that ends a shot whose replay never matched
        self.replay_failed_emitted = False
        self.qubit_by_name: dict[str, int] = {}  # "q[1]" -> qubit id, for re-preparation

    # ---------------------------------------------------------------- helpers
    def val(self, v: SSAValue):
        s = self.vals.get(v)
        if s is None:
            if v in self.results_of:
                raise _fail(v.owner, "a measurement result is used as a classical value, which the Base Profile does not allow; use --profile adaptive")  # type: ignore[arg-type]
            owner = v.owner
            raise QckptError(f"value of {getattr(owner, 'name', owner)} is used before QIR emission defined it")
        return s

    def qubit_id(self, v: SSAValue) -> int | None:
        n = self.qubit_ids.get(v)
        if n is None:
            owner = v.owner
            if isinstance(owner, qc.QubitOp) and owner.reg in self.reg_base:
                n = self.qubit_ids[v] = self.reg_base[owner.reg] + owner.index.value.data
        return n

    def qubit(self, v: SSAValue, op: Operation):
        n = self.qubit_id(v)
        if n is None:
            raise _fail(op, "qubit is not a constant reference into a register allocated in this function; QIR needs static qubit ids")
        if n in self.measured:
            raise _fail(op, f"qubit {n} is used after it was measured; the Base Profile allows measurements only at the end (use --profile adaptive)")
        return self.sink.ptr("qubit", n)

    def goto(self, block) -> None:
        self.sink.position(block)

    # ---------------------------------------------------------------- driver
    def emit(self) -> None:
        body = self.fn.body.blocks
        if len(body) != 1:
            raise _fail(self.fn, "functions must have a single block before QIR emission (structured control flow only)")
        self.sink.define_entry(self.fn.sym_name.data)
        self.goto(self.sink.new_block("entry"))
        self.sink.declare("__quantum__rt__initialize", "void", ["ptr"])
        self.sink.call("__quantum__rt__initialize", [self.sink.ptr("qubit", 0)])
        if self.resumable:
            self.emit_resume_dispatch()
        self.emit_block(body[0], top=True)

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
            ty = _llvm_type(v.type)
            if name.startswith(ckpt.OUTPUT_PREFIX):
                # Not state: the runtime restores outputs from the log. A later
                # boundary that records it still needs a value on this path.
                if _recorded_later(v, op):
                    late_outputs.append(v)
                continue
            fn = abi.resume_value_fn(op.id, name)
            sink.declare(fn, ty, [])
            r = sink.call(fn, [], ty)
            if name.startswith(ckpt.QUBIT_BIT_PREFIX):
                q = self.qubit_by_name.get(name[len(ckpt.QUBIT_BIT_PREFIX) :])
                if q is None:
                    raise _fail(op, f"boundary {op.id} persists the bit of unknown qubit '{name}'")
                bits.append((q, r))
            if v not in restored:
                restored[v] = r  # a qubit's bit is also the value it was computed as
            if name.startswith(CONE_PREFIX):
                cone_values[name] = r
        cone = self.cones.get(op.id)
        if cone is not None:
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
            phi = sink.phi(_llvm_type(v.type))
            sink.add_incoming(phi, self.val(v), normal)
            sink.add_incoming(phi, r, resumed)
            self.vals[v] = phi
            self.rebound.add(v)

    def _zero(self, v: SSAValue):
        ty = _llvm_type(v.type)
        return self.sink.const_f64(0.0) if ty == "double" else self.sink.const_int(int(ty[1:]), 0)

    def emit_cone_replay(self, op: ckpt.BoundaryOp, cone, recorded: dict[str, object]) -> None:
        """Re-run the boundary's quantum cone from |0>, post-selecting each
        measurement in it to its recorded outcome (``cone:<k>``): on a
        mismatch, reset the cone's qubits and try again, at most
        ``abi.MAX_REPLAY_TRIES`` times, then end the shot with exit code
        ``abi.REPLAY_FAILED_EXIT``. Afterwards the cone's qubits outside the cut
        are reset, ready for re-preparation from their recorded bits."""
        sink = self.sink
        self.caps.backwards_branching = self.caps.int_computations = True
        qubits = [self.qubit_id(q) for q in cone.qubits()]
        sink.declare("__quantum__qis__reset__body", "void", ["ptr"], irreversible=True)
        sink.declare("__quantum__qis__mz__body", "void", ["ptr", "ptr"], irreversible=True)
        sink.declare("__quantum__rt__read_result", "i1", ["ptr"])
        head, body, retry = (sink.new_block(f"ckpt.replay.{n}") for n in ("head", "body", "retry"))
        if self.replay_failed is None:
            self.replay_failed = sink.new_block("ckpt.replay.failed")
            self.caps.multiple_return_points = True
        give_up = self.replay_failed
        pre = sink.current
        sink.br(head)
        self.goto(head)
        tries = sink.phi("i64")
        sink.add_incoming(tries, sink.const_int(64, 0), pre)
        sink.condbr(sink.icmp("slt", "i64", tries, sink.const_int(64, abi.MAX_REPLAY_TRIES)), body, give_up)
        self.goto(body)
        k = 0
        for cop in cone.ops:
            if isinstance(cop, qc.GateOp):
                self.emit_gate(cop)
            elif isinstance(cop, qc.ResetOp):
                sink.call("__quantum__qis__reset__body", [sink.ptr("qubit", self.qubit_id(cop.qubit))])
            else:
                assert isinstance(cop, qc.MeasureOp)
                r = self.num_results
                self.num_results += 1
                sink.call("__quantum__qis__mz__body", [sink.ptr("qubit", self.qubit_id(cop.qubit)), sink.ptr("result", r)])
                got = sink.call("__quantum__rt__read_result", [sink.ptr("result", r)], "i1")
                miss = sink.binop("xor", "i1", got, recorded[f"{CONE_PREFIX}{k}"])
                k += 1
                matched = sink.new_block("ckpt.replay.match")
                sink.condbr(miss, retry, matched)
                self.goto(matched)
        cut = {self.qubit_id(q) for q in op.cut}
        for q in qubits:
            if q not in cut:
                sink.call("__quantum__qis__reset__body", [sink.ptr("qubit", q)])
        after = sink.new_block("ckpt.replay.done")
        sink.br(after)
        self.goto(retry)
        for q in qubits:
            sink.call("__quantum__qis__reset__body", [sink.ptr("qubit", q)])
        sink.add_incoming(tries, sink.binop("add", "i64", tries, sink.const_int(64, 1)), retry)
        sink.br(head)
        if not self.replay_failed_emitted:
            # qir-runner ignores the exit code, so the record says it too.
            self.goto(give_up)
            sink.declare(abi.INT_RECORD, "void", ["i64", "ptr"])
            sink.call(abi.INT_RECORD, [sink.const_int(64, op.id), sink.label(abi.REPLAY_FAILED_LABEL)])
            sink.ret_i64(abi.REPLAY_FAILED_EXIT)
            self.replay_failed_emitted = True
        self.goto(after)

    def emit_block(self, block: Block, top: bool = False) -> list[SSAValue] | None:
        """Emit a block's ops; returns the operands of its terminating
        ``scf.yield``/``scf.condition`` (the caller wires them)."""
        for op in block.ops:
            t = type(op)
            if t is qc.GateOp:
                self.emit_gate(op)  # type: ignore[arg-type]
            elif t is qc.MeasureOp:
                self.emit_measure(op)  # type: ignore[arg-type]
            elif t is arith.ConstantOp:
                self.emit_constant(op)  # type: ignore[arg-type]
            elif t is qc.QubitOp or t is qc.AllocOp:
                pass  # ids were assigned up front
            elif t is qc.ResetOp:
                if self.profile == "base":
                    raise _fail(op, "reset needs the Adaptive Profile")
                self.sink.declare("__quantum__qis__reset__body", "void", ["ptr"], irreversible=True)
                self.sink.call("__quantum__qis__reset__body", [self.qubit(op.qubit, op)])  # type: ignore[attr-defined]
            elif t is qc.BarrierOp:
                pass  # no QIR counterpart; a QIR body is already in program order
            elif t is qc.OutputOp:
                if not top:
                    raise _fail(op, "qc.output must be at the top level of the entry function")
                self.outputs.append(op)  # type: ignore[arg-type]
            elif t is scf.YieldOp or t is scf.ConditionOp:
                return list(op.operands)
            elif t is func.ReturnOp:
                self.emit_return()
            elif t is scf.IfOp:
                self.emit_if(op)  # type: ignore[arg-type]
            elif t is scf.WhileOp:
                self.emit_while(op)  # type: ignore[arg-type]
            elif t is scf.ForOp:
                self.emit_for(op)  # type: ignore[arg-type]
            elif t is scf.IndexSwitchOp:
                self.emit_switch(op)  # type: ignore[arg-type]
            elif t is ckpt.BoundaryOp:
                self.emit_boundary(op)  # type: ignore[arg-type]
            elif t is qc.ParamOp:
                self.emit_param(op)  # type: ignore[arg-type]
            else:
                self.emit_classical(op)
        return None

    def emit_param(self, op: qc.ParamOp) -> None:
        """A late-bound parameter: a call to ``qckpt_param_<name>()``, which
        ``qckpt bind`` defines (``qckpt.qir.bind``)."""
        if self.profile == "base":
            raise _fail(op, f"parameter '{op.param_name.data}' is bound after compilation, which needs the Adaptive Profile; pass --param")
        ty = _llvm_type(op.value.type)
        fn = abi.PARAM_PREFIX + op.param_name.data
        self.sink.declare(fn, ty, [])
        self.caps.ir_functions = True
        self.vals[op.value] = self.sink.call(fn, [], ty)

    # ---------------------------------------------------------------- checkpoints
    def emit_boundary(self, op: ckpt.BoundaryOp) -> None:
        """A boundary visit. ``streaming``: calls into the checkpoint runtime
        library, which records it as it happens. ``final``: the visit becomes
        the boundary's current SSA state (``final_records``), recorded in the
        final block (``docs/abi.md``)."""
        if self.profile == "base":
            raise _fail(op, "checkpoint records need the Adaptive Profile; the Base Profile has no classical values to record")
        if self.final is not None:
            self.caps.int_computations = True  # the visit count
            self.final.visit(op, [self.val(v) for _, v in op.named_values()])
            return
        sink = self.sink
        self.caps.streaming_records = True
        self.caps.ir_functions |= self.runtime == "linked"
        values = op.named_values()
        bits = [(n, v) for n, v in values if _llvm_type(v.type) == "i1"]
        words = [bits[i : i + 64] for i in range(0, len(bits), 64)] if len(bits) > 1 else []
        others = [(n, v) for n, v in values if not words or _llvm_type(v.type) != "i1"]
        sink.declare(abi.STUB_BEGIN, "void", ["i64", "i64"])
        sink.call(abi.STUB_BEGIN, [sink.const_int(64, op.id), sink.const_int(64, len(others) + len(words))])
        for word in words:
            # Two or more bits travel as one INT record (abi.STUB_RECORD_BITS).
            self.caps.int_computations = True
            packed = None
            for j, (_, v) in enumerate(word):
                bit = sink.cast("zext", "i1", self.val(v), "i64")
                if j:
                    bit = sink.binop("shl", "i64", bit, sink.const_int(64, j))
                packed = bit if packed is None else sink.binop("or", "i64", packed, bit)
            sink.declare(abi.STUB_RECORD_BITS, "void", ["i64", "ptr"])
            sink.call(abi.STUB_RECORD_BITS, [packed, sink.label(abi.BITS_LABEL_PREFIX + ",".join(n for n, _ in word))])
        for name, v in others:
            ty = _llvm_type(v.type)
            stub = abi.STUB_RECORD[ty]
            sink.declare(stub, "void", [ty, "ptr"])
            sink.call(stub, [self.val(v), sink.label(name)])
        sink.declare(abi.STUB_END, "void", ["i64"])
        sink.call(abi.STUB_END, [sink.const_int(64, op.id)])
        if op.id in self.resume_blocks:
            self.emit_resume_entry(op)

    # ---------------------------------------------------------------- quantum
    def emit_gate(self, op: qc.GateOp) -> None:
        name = op.gate.data
        fn = TARGET_GATES.get(name)
        if fn is None:
            raise _fail(op, f"gate '{name}' is not in the QIR target gate set; run qc-decompose-to-target first")
        # Split the operands by the gate table rather than through the
        # segment-size property, which is decoded anew on every access.
        operands = op.operands
        n = GATES[name].num_params
        args = [self.val(p) for p in operands[:n]]
        if n:
            self.caps.float_computations |= any(not _is_const(p) for p in operands[:n])
        args += [self.qubit(q, op) for q in operands[n:]]
        if fn not in self.declared:
            self.sink.declare(fn, "void", ["double"] * n + ["ptr"] * (len(operands) - n))
            self.declared.add(fn)
        self.sink.call(fn, args)

    def emit_measure(self, op: qc.MeasureOp) -> None:
        r = self.num_results
        self.num_results += 1
        q = self.qubit(op.qubit, op)
        self.sink.declare("__quantum__qis__mz__body", "void", ["ptr", "ptr"], irreversible=True)
        self.sink.call("__quantum__qis__mz__body", [q, self.sink.ptr("result", r)])
        if self.profile == "base":
            # Base Profile: results are never read mid-program; output records them.
            self.measured.add(self.qubit_id(op.qubit))  # type: ignore[arg-type]
            self.results_of[op.result] = r
            return
        self.sink.declare("__quantum__rt__read_result", "i1", ["ptr"])
        self.vals[op.result] = self.sink.call("__quantum__rt__read_result", [self.sink.ptr("result", r)], "i1")
        if self.resumable and isinstance(op.parent_op(), func.FuncOp):
            self.result_slot[op.result] = r

    # ---------------------------------------------------------------- classical
    def emit_constant(self, op: arith.ConstantOp) -> None:
        attr = op.value
        if isinstance(attr, FloatAttr):
            self.vals[op.result] = self.sink.const_f64(attr.value.data)
        elif isinstance(attr, IntegerAttr):
            self.vals[op.result] = self.sink.const_int(int(_llvm_type(attr.type)[1:]), attr.value.data)
        else:
            raise _fail(op, f"constant {attr} has no QIR counterpart")

    def emit_classical(self, op: Operation) -> None:
        if self.profile == "base":
            raise _fail(op, f"'{op.name}' is classical computation, which the Base Profile does not allow; use --profile adaptive")
        t = type(op)
        sink = self.sink
        res = op.results[0] if op.results else None
        negated = _negated_operand(op) if t is arith.XOrIOp else None
        if negated is not None:
            # A bit's negation as a compare, not `xor x, true`: LLVM may lower
            # that to a register NOT whose upper bits are set, and qir-runner
            # 0.9.7 hands an i1 to its C `bool` record functions unmasked
            # (tests/checkpoint: test_a_negated_bit_is_recorded_as_false).
            self.caps.int_computations = True
            v = sink.icmp("eq", "i1", self.val(negated), sink.const_int(1, 0))
        elif t in _INT_BINOPS:
            lhs, rhs = op.operands
            self.caps.int_computations = True
            v = sink.binop(_INT_BINOPS[t], _llvm_type(lhs.type), self.val(lhs), self.val(rhs))
        elif t is arith.CmpiOp:
            lhs, rhs = op.operands
            self.caps.int_computations = True
            pred = arith.CMPI_COMPARISON_OPERATIONS[op.predicate.value.data]  # type: ignore[attr-defined]
            v = sink.icmp(pred, _llvm_type(lhs.type), self.val(lhs), self.val(rhs))
        elif t in _FLOAT_BINOPS:
            lhs, rhs = op.operands
            self.caps.float_computations = True
            v = sink.binop(_FLOAT_BINOPS[t], "double", self.val(lhs), self.val(rhs))
        elif t is arith.NegfOp:
            self.caps.float_computations = True
            v = sink.fneg(self.val(op.operands[0]))
        elif t is arith.CmpfOp:
            lhs, rhs = op.operands
            self.caps.float_computations = True
            v = sink.fcmp(_CMPF[op.predicate.value.data], self.val(lhs), self.val(rhs))  # type: ignore[attr-defined]
        elif t is arith.SelectOp:
            c, a, b = op.operands
            self.caps.int_computations = True
            v = sink.select(_llvm_type(a.type), self.val(c), self.val(a), self.val(b))
        elif t in _CASTS or t is arith.IndexCastOp:
            (a,) = op.operands
            src, dst = _llvm_type(a.type), _llvm_type(res.type)  # type: ignore[union-attr]
            if src == dst:  # index <-> i64 is the identity in QIR
                self.vals[res] = self.val(a)  # type: ignore[index]
                return
            self.caps.int_computations = True
            if t in (arith.SIToFPOp, arith.FPToSIOp):
                self.caps.float_computations = True
            kind = _CASTS.get(t) or ("zext" if int(src[1:]) < int(dst[1:]) else "trunc")
            v = sink.cast(kind, src, self.val(a), dst)
        else:
            raise _fail(op, f"operation '{op.name}' cannot be lowered to QIR")
        self.vals[res] = v  # type: ignore[index]

    # ---------------------------------------------------------------- control flow
    def _require_adaptive(self, op: Operation, what: str) -> None:
        if self.profile == "base":
            raise _fail(op, f"{what} needs the Adaptive Profile (the Base Profile has no branching); use --profile adaptive")

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
                if name.startswith(ckpt.OUTPUT_PREFIX) and not _recorded_later(v, b):
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
            phi = self.sink.phi(_llvm_type(res.type))
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
            phi = sink.phi(_llvm_type(arg.type))
            sink.add_incoming(phi, self.val(init), pre)
            self.vals[arg] = phi
            phis.append(phi)
        # Values from outside that a resume block in the loop rebinds are
        # carried around the loop like any loop-carried value.
        rebound = []
        for v in self.rebound_in(loop):
            phi = sink.phi(_llvm_type(v.type))
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
        iv_t = _llvm_type(op.lb.type)
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

    # ---------------------------------------------------------------- outputs
    def emit_return(self) -> None:
        # Output recording sits in the final block, right before `ret`.
        # Re-read output-only results first: the profile allows nothing but
        # output recording between the first record and `ret`.
        self.reread = {}
        for out in self.outputs:
            for v in out.values:
                slot = self.result_slot.get(v)
                if slot is not None and v not in self.rebound and v not in self.reread:
                    self.reread[v] = self.sink.call("__quantum__rt__read_result", [self.sink.ptr("result", slot)], "i1")
        for out in self.outputs:
            self.emit_output(out)
        if self.final:
            self.final.record()
        self.sink.ret_i64(0)

    def emit_output(self, op: qc.OutputOp) -> None:
        sink = self.sink
        name = op.label.data
        values = list(op.values)
        kind = _llvm_type(values[0].type)
        if kind == "i1":
            sink.declare(abi.ARRAY_RECORD, "void", ["i64", "ptr"])
            sink.call(abi.ARRAY_RECORD, [sink.const_int(64, len(values)), sink.label(name)])
            for i, v in enumerate(values):
                lbl = sink.label(abi.bit_label(name, i))
                if self.profile == "base":
                    r = self.results_of.get(v)
                    if r is None:
                        raise _fail(op, f"bit {i} of '{name}' is not a measurement result; the Base Profile records results only")
                    sink.declare(abi.RESULT_RECORD, "void", ["ptr", "ptr"])
                    sink.call(abi.RESULT_RECORD, [sink.ptr("result", r), lbl])
                else:
                    sink.declare(abi.BOOL_RECORD, "void", ["i1", "ptr"])
                    sink.call(abi.BOOL_RECORD, [self.reread.get(v) or self.val(v), lbl])
        elif kind == "i64":
            self._require_adaptive(op, "recording an integer")
            sink.declare(abi.INT_RECORD, "void", ["i64", "ptr"])
            sink.call(abi.INT_RECORD, [self.val(values[0]), sink.label(name)])
        else:
            self._require_adaptive(op, "recording a float")
            sink.declare(abi.DOUBLE_RECORD, "void", ["double", "ptr"])
            sink.call(abi.DOUBLE_RECORD, [self.val(values[0]), sink.label(name)])


def _recorded_later(v: SSAValue, b: ckpt.BoundaryOp) -> bool:
    """An output-only value that another boundary also records."""
    return any(not isinstance(u.operation, qc.OutputOp) and u.operation is not b for u in v.uses)


def _negated_operand(op: Operation) -> SSAValue | None:
    """For ``xori`` on i1 with a constant-true operand: the other operand."""
    a, b = op.operands
    if a.type != IntegerType(1):
        return None
    for x, y in ((a, b), (b, a)):
        if isinstance(y.owner, arith.ConstantOp) and isinstance(y.owner.value, IntegerAttr) and y.owner.value.value.data & 1:
            return x
    return None


def _is_top_measure(v: SSAValue) -> bool:
    return isinstance(v.owner, qc.MeasureOp) and isinstance(v.owner.parent_op(), func.FuncOp)


def _is_const(v: SSAValue) -> bool:
    return isinstance(v.owner, arith.ConstantOp)


def _assign_qubits(fn: func.FuncOp, em: _FunctionEmitter) -> None:
    """Registers get consecutive ids in declaration order. The frontends put
    registers and constant qubit references in the entry block, so only its
    top level is scanned; a reference made elsewhere is resolved when used."""
    for op in fn.body.block.ops:
        if isinstance(op, qc.AllocOp):
            em.reg_base[op.reg] = em.num_qubits
            for i in range(op.size):
                em.qubit_by_name[f"{op.reg_name.data}[{i}]"] = em.num_qubits + i
            em.num_qubits += op.size
        elif isinstance(op, qc.QubitOp):
            em.qubit_id(op.qubit)


# Ops the pyqir Builder cannot express; a function containing one is emitted as text.
_TEXT_ONLY = (scf.IndexSwitchOp, arith.SelectOp, arith.NegfOp, arith.CmpfOp, *_FLOAT_BINOPS, *_CASTS)


def needs_text(fn: func.FuncOp) -> bool:
    for op in fn.walk():
        t = type(op)
        if t in _TEXT_ONLY and t not in (arith.ExtUIOp, arith.TruncIOp):
            return True
        if t in _INT_BINOPS and _INT_BINOPS[t] not in BUILDER_BINOPS:
            return True
    return False


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
        if c.restorable and bid in by_id and {f"{CONE_PREFIX}{k}" for k in range(len(c.measurements))} <= {n for n, _ in by_id[bid].named_values()}
    }
    return [b for b in candidates if not b.cut or b.id in cones], cones


def restorable_boundary(b: ckpt.BoundaryOp) -> bool:
    """A boundary a run can resume from: analysed, and either exact (empty
    quantum cut) or a replay boundary whose cone ckpt-insert found
    restorable (``replay_cones``) and whose measured outcomes it persisted."""
    if b.replay_cost is None:
        return False
    return not b.cut or (NOT_RESTORABLE_ATTR not in b.attributes and isinstance(b.parent_op(), func.FuncOp))


def _emit(module: ModuleOp, profile: str, entry: str, sink, record_mode: str = "final", runtime: str = "linked", resumable: bool = False) -> tuple[_FunctionEmitter, list, list[str]]:
    if profile not in PROFILES:
        raise QckptError(f"unknown profile '{profile}'; choose one of {', '.join(PROFILES)}")
    fn = entry_function(module, entry)
    for op in module.ops:
        if isinstance(op, func.FuncOp) and op is not fn and op.body.blocks:
            raise _fail(op, f"function @{op.sym_name.data} must be inlined before QIR emission")
    if record_mode not in abi.RECORD_MODES:
        raise QckptError(f"unknown record mode '{record_mode}'; choose one of {', '.join(abi.RECORD_MODES)}")
    if runtime not in abi.RUNTIMES:
        raise QckptError(f"unknown runtime '{runtime}'; choose one of {', '.join(abi.RUNTIMES)}")
    if profile == "base":
        b = next((op for op in fn.walk() if isinstance(op, ckpt.BoundaryOp)), None)
        if b is not None:
            raise _fail(b, "checkpoint records need the Adaptive Profile; the Base Profile has no classical values to record")
    if resumable and record_mode != "streaming":
        raise QckptError("a resumable program records in streaming mode (a resume starts from a visit recorded mid-shot); pass --record-mode streaming")
    em = _FunctionEmitter(fn, profile, sink, record_mode, runtime, resumable)
    _assign_qubits(fn, em)
    em.emit()
    attrs: list[tuple[str, str | None]] = [
        ("entry_point", None),
        ("output_labeling_schema", abi.OUTPUT_LABELING_SCHEMA),
        ("qir_profiles", f"{profile}_profile"),
        ("required_num_qubits", str(em.num_qubits)),
        ("required_num_results", str(em.num_results)),
    ]
    c = em.caps
    flags = abi.module_flags(
        int_computations=c.int_computations,
        float_computations=c.float_computations,
        backwards_branching=c.backwards_branching,
        multiple_target_branching=c.multiple_target_branching,
        ir_functions=c.ir_functions,
        streaming_records=c.streaming_records,
        multiple_return_points=c.multiple_return_points,
    )
    return em, attrs, flags


def emit_qir_text(module: ModuleOp, profile: str = "adaptive", entry: str = "main") -> str:
    """QIR as LLVM text, written directly (not parsed by pyqir): for tests
    and tools that want the emitter's own text."""
    sink = TextSink()
    _, attrs, flags = _emit(module, profile, entry, sink)
    return sink.text(attrs, flags)


def emit_qir(module: ModuleOp, profile: str = "adaptive", entry: str = "main", record_mode: str = "final", runtime: str = "linked", resumable: bool = False):
    """Emit QIR: returns a ``pyqir.Module`` that pyqir has verified.

    Checkpoint boundaries are lowered in ``record_mode``; with ``runtime``
    ``linked`` the checkpoint runtime library is linked in."""
    fn = entry_function(module, entry)
    sink = TextSink() if needs_text(fn) else BuilderSink()
    em, attrs, flags = _emit(module, profile, entry, sink, record_mode, runtime, resumable)
    try:
        mod = sink.finish(attrs, flags, link_stubs=em.caps.streaming_records and runtime == "linked")
    except (ValueError, RuntimeError) as e:  # a bug in the emitter, not the user's input
        raise RuntimeError(f"emitted QIR does not parse: {e}") from e
    err = mod.verify()
    if err is not None:
        if resumable and "dominate" in err:
            raise QckptError("a value used after a restorable boundary is not persisted by it, so a resume cannot rebuild it; re-run ckpt-insert after changing the program")
        raise RuntimeError(f"emitted QIR does not verify: {err}")
    return mod
