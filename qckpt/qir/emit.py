"""`qc` + `scf` + `arith` + `func` -> QIR (Adaptive or Base Profile).

Structured control flow becomes a CFG directly
(:mod:`qckpt.qir.control_flow`); a resumable program gets a resume block per
restorable boundary (:mod:`qckpt.qir.resume_blocks`).

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
from xdsl.dialects.builtin import FloatAttr, IntegerAttr, IntegerType, ModuleOp
from xdsl.ir import Block, Operation, SSAValue

from qckpt import abi
from qckpt.diagnostics import QckptError
from qckpt.dialects import ckpt, qc
from qckpt.dialects.gates import GATES, TARGET_GATES
from qckpt.ir import all_ops, entry_function
from qckpt.qir.control_flow import ControlFlowLowering
from qckpt.qir.emit_common import llvm_type, located_error
from qckpt.qir.final_records import FinalRecords
from qckpt.qir.float_conversion import double_to_int, int_to_double, known_unsigned_bits, negate
from qckpt.qir.resume_blocks import ResumeBlocks
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
    arith.SIToFPOp: "sitofp",  # built from selects: qckpt.qir.float_conversion
    arith.FPToSIOp: "fptosi",
}
_CMPF = ["false", "oeq", "ogt", "oge", "olt", "ole", "one", "ord", "ueq", "ugt", "uge", "ult", "ule", "une", "uno", "true"]


class _FunctionEmitter(ControlFlowLowering, ResumeBlocks):
    """Emits one entry function; branches and loops, and resume blocks, come
    from the mixins named above."""

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
        self.qubit_ptrs: dict[SSAValue, object] = {}  # qubit reference -> its pointer constant (Adaptive Profile)
        self.gate_specs: dict[str, tuple[str, int]] = {}  # gate name -> (QIR function, number of parameters)
        self.reg_base: dict[SSAValue, int] = {}
        self.num_qubits = 0
        self.num_results = 0
        self.outputs: list[qc.OutputOp] = []
        self.measured: set[int] = set()  # Base Profile: qubits already measured
        self.declared: set[str] = set()
        self.final = FinalRecords(sink, fn, llvm_type) if record_mode == "final" else None
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
        self.rebound: dict[SSAValue, None] = {}  # ordered: its order is the phis' order in the QIR
        self.reread: dict[SSAValue, object] = {}
        self.output_values: list[SSAValue] = (
            [v for out in fn.body.block.ops if isinstance(out, qc.OutputOp) for v in out.values] if resumable else []
        )
        self.output_set = set(self.output_values)
        self.computed_outputs = [v for v in self.output_values if not _is_top_measure(v)]
        self.replay_tries: int | None = None  # a cap on post-selection tries: negative controls only
        self.replay_failed = None  # the one block that ends a shot whose capped replay never matched
        self.replay_failed_emitted = False
        self.qubit_by_name: dict[str, int] = {}  # "q[1]" -> qubit id, for re-preparation

    # ---------------------------------------------------------------- helpers
    def val(self, v: SSAValue):
        s = self.vals.get(v)
        if s is None:
            if v in self.results_of:
                raise located_error(v.owner, "a measurement result is used as a classical value, which the Base Profile does not allow; use --profile adaptive")  # type: ignore[arg-type]
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
        ptr = self.qubit_ptrs.get(v)
        if ptr is not None:
            return ptr
        n = self.qubit_id(v)
        if n is None:
            raise located_error(op, "qubit is not a constant reference into a register allocated in this function; QIR needs static qubit ids")
        if n in self.measured:
            raise located_error(op, f"qubit {n} is used after it was measured; the Base Profile allows measurements only at the end (use --profile adaptive)")
        ptr = self.sink.ptr("qubit", n)
        if self.profile != "base":  # the Base Profile checks every use against the measured qubits
            self.qubit_ptrs[v] = ptr
        return ptr

    def goto(self, block) -> None:
        self.sink.position(block)

    # ---------------------------------------------------------------- driver
    def emit(self) -> None:
        body = self.fn.body.blocks
        if len(body) != 1:
            raise located_error(self.fn, "functions must have a single block before QIR emission (structured control flow only)")
        self.emit_prologue()
        self.emit_block(body[0], top=True)

    def emit_prologue(self) -> None:
        """The entry block's first instructions, before any op of the body."""
        self.sink.define_entry(self.fn.sym_name.data)
        self.goto(self.sink.new_block("entry"))
        self.sink.declare("__quantum__rt__initialize", "void", ["ptr"])
        self.sink.call("__quantum__rt__initialize", [self.sink.ptr("qubit", 0)])
        if self.resumable:
            self.emit_resume_dispatch()

    def emit_block(self, block: Block, top: bool = False) -> list[SSAValue] | None:
        """Emit a block's ops; returns the operands of its terminating
        ``scf.yield``/``scf.condition`` (the caller wires them)."""
        emit_op = self.emit_op
        for op in block.ops:
            if emit_op(op, top):
                return list(op.operands)
        return None

    def emit_op(self, op: Operation, top: bool = False) -> bool:
        """Emit one op (and the regions it holds); True for the terminator
        whose operands the enclosing block hands back."""
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
                raise located_error(op, "reset needs the Adaptive Profile")
            self.sink.declare("__quantum__qis__reset__body", "void", ["ptr"], irreversible=True)
            self.sink.call("__quantum__qis__reset__body", [self.qubit(op.qubit, op)])  # type: ignore[attr-defined]
        elif t is qc.BarrierOp:
            pass  # no QIR counterpart; a QIR body is already in program order
        elif t is qc.OutputOp:
            if not top:
                raise located_error(op, "qc.output must be at the top level of the entry function")
            self.outputs.append(op)  # type: ignore[arg-type]
        elif t is scf.YieldOp or t is scf.ConditionOp:
            return True
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
        return False

    def emit_param(self, op: qc.ParamOp) -> None:
        """A late-bound parameter: a call to ``qckpt_param_<name>()``, which
        ``qckpt bind`` defines (``qckpt.qir.bind``)."""
        if self.profile == "base":
            raise located_error(op, f"parameter '{op.param_name.data}' is bound after compilation, which needs the Adaptive Profile; pass --param")
        ty = llvm_type(op.value.type)
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
            raise located_error(op, "checkpoint records need the Adaptive Profile; the Base Profile has no classical values to record")
        if self.final is not None:
            self.caps.int_computations = True  # the visit count
            self.final.visit(op, [self.val(v) for _, v in op.named_values()])
            return
        sink = self.sink
        self.caps.streaming_records = True
        self.caps.ir_functions |= self.runtime == "linked"
        values = op.named_values()
        bits = [(n, v) for n, v in values if llvm_type(v.type) == "i1"]
        words = [bits[i : i + 64] for i in range(0, len(bits), 64)] if len(bits) > 1 else []
        others = [(n, v) for n, v in values if not words or llvm_type(v.type) != "i1"]
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
            ty = llvm_type(v.type)
            stub = abi.STUB_RECORD[ty]
            sink.declare(stub, "void", [ty, "ptr"])
            sink.call(stub, [self.val(v), sink.label(name)])
        sink.declare(abi.STUB_END, "void", ["i64"])
        sink.call(abi.STUB_END, [sink.const_int(64, op.id)])
        if op.id in self.resume_blocks:
            self.emit_resume_entry(op)

    # ---------------------------------------------------------------- quantum
    def emit_gate(self, op: qc.GateOp) -> None:
        # The hot loop: per gate name, the callee and its parameter count are
        # looked up and declared once; per qubit, its pointer constant is made once.
        name = op.gate.data
        spec = self.gate_specs.get(name)
        if spec is None:
            spec = self.gate_specs[name] = self._gate_spec(name, op, len(op.operands))
        fn, n = spec
        operands = op._operands
        qubit = self.qubit
        if n:
            params = operands[:n]
            self.caps.float_computations |= any(not _is_const(p) for p in params)
            args = [self.val(p) for p in params]
            args += [qubit(q, op) for q in operands[n:]]
        else:
            args = [qubit(q, op) for q in operands]
        self.sink.call(fn, args)

    def _gate_spec(self, name: str, op: qc.GateOp, num_operands: int) -> tuple[str, int]:
        """The QIR function of a gate and its number of parameters, declared."""
        fn = TARGET_GATES.get(name)
        if fn is None:
            raise located_error(op, f"gate '{name}' is not in the QIR target gate set; run qc-decompose-to-target first")
        # Split the operands by the gate table rather than through the
        # segment-size property, which is decoded anew on every access.
        n = GATES[name].num_params
        self.sink.declare(fn, "void", ["double"] * n + ["ptr"] * (num_operands - n))
        self.declared.add(fn)
        return fn, n

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
            self.vals[op.result] = self.sink.const_int(int(llvm_type(attr.type)[1:]), attr.value.data)
        else:
            raise located_error(op, f"constant {attr} has no QIR counterpart")

    def emit_classical(self, op: Operation) -> None:
        if self.profile == "base":
            raise located_error(op, f"'{op.name}' is classical computation, which the Base Profile does not allow; use --profile adaptive")
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
            v = sink.binop(_INT_BINOPS[t], llvm_type(lhs.type), self.val(lhs), self.val(rhs))
        elif t is arith.CmpiOp:
            lhs, rhs = op.operands
            self.caps.int_computations = True
            pred = arith.CMPI_COMPARISON_OPERATIONS[op.predicate.value.data]  # type: ignore[attr-defined]
            v = sink.icmp(pred, llvm_type(lhs.type), self.val(lhs), self.val(rhs))
        elif t in _FLOAT_BINOPS:
            lhs, rhs = op.operands
            self.caps.float_computations = True
            v = sink.binop(_FLOAT_BINOPS[t], "double", self.val(lhs), self.val(rhs))
        elif t is arith.NegfOp:
            self.caps.float_computations = True
            v = negate(sink, self.val(op.operands[0]))
        elif t is arith.CmpfOp:
            lhs, rhs = op.operands
            self.caps.float_computations = True
            v = sink.fcmp(_CMPF[op.predicate.value.data], self.val(lhs), self.val(rhs))  # type: ignore[attr-defined]
        elif t is arith.SelectOp:
            c, a, b = op.operands
            self.caps.int_computations = True
            v = sink.select(llvm_type(a.type), self.val(c), self.val(a), self.val(b))
        elif t in _CASTS or t is arith.IndexCastOp:
            (a,) = op.operands
            src, dst = llvm_type(a.type), llvm_type(res.type)  # type: ignore[union-attr]
            if src == dst:  # index <-> i64 is the identity in QIR
                self.vals[res] = self.val(a)  # type: ignore[index]
                return
            self.caps.int_computations = True
            if t is arith.SIToFPOp:
                self.caps.float_computations = True
                self.vals[res] = int_to_double(sink, self.val(a), known_unsigned_bits(a))  # type: ignore[index]
                return
            if t is arith.FPToSIOp:
                self.caps.float_computations = True
                self.vals[res] = double_to_int(sink, self.val(a))  # type: ignore[index]
                return
            kind = _CASTS.get(t) or ("zext" if int(src[1:]) < int(dst[1:]) else "trunc")
            v = sink.cast(kind, src, self.val(a), dst)
        else:
            raise located_error(op, f"operation '{op.name}' cannot be lowered to QIR")
        self.vals[res] = v  # type: ignore[index]

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
        problem = abi.label_problem(name)
        if problem:
            raise located_error(op, f"output label {name!r} {problem}; labels must be printable (docs/abi.md)")
        values = list(op.values)
        kind = llvm_type(values[0].type)
        if kind == "i1":
            sink.declare(abi.ARRAY_RECORD, "void", ["i64", "ptr"])
            sink.call(abi.ARRAY_RECORD, [sink.const_int(64, len(values)), sink.label(name)])
            for i, v in enumerate(values):
                lbl = sink.label(abi.bit_label(name, i))
                if self.profile == "base":
                    r = self.results_of.get(v)
                    if r is None:
                        raise located_error(op, f"bit {i} of '{name}' is not a measurement result; the Base Profile records results only")
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
        assign_qubits(op, em)


def assign_qubits(op: Operation, em: _FunctionEmitter) -> None:
    """Ids for one top-level op, in declaration order (see ``_assign_qubits``)."""
    if isinstance(op, qc.AllocOp):
        em.reg_base[op.reg] = em.num_qubits
        for i in range(op.size):
            em.qubit_by_name[f"{op.reg_name.data}[{i}]"] = em.num_qubits + i
        em.num_qubits += op.size
    elif isinstance(op, qc.QubitOp):
        em.qubit_id(op.qubit)


# Ops the pyqir Builder cannot express; a function containing one is emitted as text.
_TEXT_ONLY = (scf.IndexSwitchOp, arith.SelectOp, arith.NegfOp, arith.CmpfOp, *_FLOAT_BINOPS, *_CASTS)


def needs_text(fn: Operation) -> bool:
    return any(op_needs_text(op) for op in all_ops(fn))


# The op types that have no pyqir Builder counterpart (see ``qckpt.qir.sinks``).
TEXT_ONLY_TYPES = frozenset(
    [t for t in _TEXT_ONLY if t not in (arith.ExtUIOp, arith.TruncIOp)] + [t for t, name in _INT_BINOPS.items() if name not in BUILDER_BINOPS]
)


def op_needs_text(op: Operation) -> bool:
    return type(op) in TEXT_ONLY_TYPES


def check_profile(profile: str) -> None:
    if profile not in PROFILES:
        raise QckptError(f"unknown profile '{profile}'; choose one of {', '.join(PROFILES)}")


def check_inlined(module: ModuleOp, fn: func.FuncOp) -> None:
    for op in module.ops:
        if isinstance(op, func.FuncOp) and op is not fn and op.body.blocks:
            raise located_error(op, f"function @{op.sym_name.data} must be inlined before QIR emission")


def _emit(module: ModuleOp, profile: str, entry: str, sink, record_mode: str = "final", runtime: str = "linked", resumable: bool = False, replay_tries: int | None = None) -> tuple[_FunctionEmitter, list, list[str]]:
    check_profile(profile)
    fn = entry_function(module, entry)
    check_inlined(module, fn)
    if record_mode not in abi.RECORD_MODES:
        raise QckptError(f"unknown record mode '{record_mode}'; choose one of {', '.join(abi.RECORD_MODES)}")
    if runtime not in abi.RUNTIMES:
        raise QckptError(f"unknown runtime '{runtime}'; choose one of {', '.join(abi.RUNTIMES)}")
    if profile == "base":
        b = next((op for op in fn.walk() if isinstance(op, ckpt.BoundaryOp)), None)
        if b is not None:
            raise located_error(b, "checkpoint records need the Adaptive Profile; the Base Profile has no classical values to record")
    if resumable and record_mode != "streaming":
        raise QckptError("a resumable program records in streaming mode (a resume starts from a visit recorded mid-shot); pass --record-mode streaming")
    em = _FunctionEmitter(fn, profile, sink, record_mode, runtime, resumable)
    em.replay_tries = replay_tries
    _assign_qubits(fn, em)
    em.emit()
    attrs, flags = entry_attributes(em, profile)
    return em, attrs, flags


def entry_attributes(em: _FunctionEmitter, profile: str) -> tuple[list[tuple[str, str | None]], list[str]]:
    """The entry point's attributes and the module flags, from what was emitted."""
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
    return attrs, flags


def emit_qir_text(module: ModuleOp, profile: str = "adaptive", entry: str = "main") -> str:
    """QIR as LLVM text, written directly (not parsed by pyqir): for tests
    and tools that want the emitter's own text."""
    sink = TextSink()
    _, attrs, flags = _emit(module, profile, entry, sink)
    return sink.text(attrs, flags)


def emit_qir(module: ModuleOp, profile: str = "adaptive", entry: str = "main", record_mode: str = "final", runtime: str = "linked", resumable: bool = False, replay_tries: int | None = None):
    """Emit QIR: returns a ``pyqir.Module`` that pyqir has verified.

    Checkpoint boundaries are lowered in ``record_mode``; with ``runtime``
    ``linked`` the checkpoint runtime library is linked in. ``replay_tries``
    caps a resume block's post-selection; None (always, except in negative
    controls) repeats until the recorded outcomes come back, which is what
    keeps resumption unbiased."""
    fn = entry_function(module, entry)
    sink = TextSink() if needs_text(fn) else BuilderSink()
    em, attrs, flags = _emit(module, profile, entry, sink, record_mode, runtime, resumable, replay_tries)
    return finish_module(em, sink, attrs, flags, runtime, resumable)


def finish_module(em: _FunctionEmitter, sink, attrs: list, flags: list[str], runtime: str = "linked", resumable: bool = False):
    """The sink's module, linked and verified by pyqir."""
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
