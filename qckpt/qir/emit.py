"""`qc` + `scf` + `arith` + `func` -> QIR (Adaptive or Base Profile).

The emitter writes LLVM IR text and hands it to pyqir (``Module.from_ir``),
which parses, verifies and serialises it (``.ll`` or bitcode). pyqir's
``Builder`` has no ``switch``, ``select``, division, remainder or
floating-point instructions, all of which the Adaptive Profile allows and
our programs use; writing text for the whole module keeps one emission path
instead of two, and is several times faster than per-instruction Builder
calls. pyqir stays the judge: every module is parsed and verified by it.

Structured control flow becomes a CFG here, directly:

- ``scf.if``           -> ``br i1`` to then/else blocks, ``phi`` at the merge
- ``scf.while``        -> header block with ``phi``s, condition, back edge
- ``scf.for``          -> header with an induction ``phi``, ``icmp slt``, back edge
- ``scf.index_switch`` -> ``switch`` (``multiple_target_branching``)

Qubit and result ids are static: each register gets a base id in
declaration order, and each ``qc.measure`` op its own result id. Output
records follow ``docs/abi.md`` (see :mod:`qckpt.qir.abi`).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import (
    FileLineColLoc,
    FloatAttr,
    IndexType,
    IntegerAttr,
    IntegerType,
    ModuleOp,
    Float64Type,
)
from xdsl.ir import Attribute, Block, Operation, SSAValue

from qckpt.diagnostics import QckptError, SourceLocation
from qckpt.dialects import qc
from qckpt.dialects.gates import TARGET_GATES
from qckpt.qir import abi

PROFILES = ("adaptive", "base")


@dataclass
class Capabilities:
    """What the emitted body uses; decides the module flags."""

    int_computations: bool = False
    float_computations: bool = False
    backwards_branching: bool = False
    multiple_target_branching: bool = False
    ir_functions: bool = False
    qis: dict[str, str] = field(default_factory=dict)  # function name -> declaration
    labels: dict[str, str] = field(default_factory=dict)  # label text -> global name


def op_location(op: Operation) -> SourceLocation | None:
    loc = op.location
    if isinstance(loc, FileLineColLoc):
        return SourceLocation(loc.filename.data, loc.line.data, loc.column.data)
    return None


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


def _float_literal(x: float) -> str:
    # LLVM accepts the exact 64-bit hex form for any double.
    return "0x%016X" % struct.unpack("<Q", struct.pack("<d", x))[0]


def _ptr(n: int) -> str:
    return "ptr null" if n == 0 else f"ptr inttoptr (i64 {n} to ptr)"


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
    def __init__(self, fn: func.FuncOp, profile: str, caps: Capabilities) -> None:
        self.fn = fn
        self.profile = profile
        self.caps = caps
        self.lines: list[str] = []
        self.vals: dict[SSAValue, str] = {}
        self.qubit_ids: dict[SSAValue, int] = {}
        self.num_qubits = 0
        self.num_results = 0
        self.counter = 0
        self.block_label = "entry"
        self.outputs: list[qc.OutputOp] = []
        self.measured: set[int] = set()  # Base Profile: qubits already measured

    # ---------------------------------------------------------------- helpers
    def fresh(self, hint: str = "v") -> str:
        self.counter += 1
        return f"%{hint}{self.counter}"

    def label(self, hint: str) -> str:
        self.counter += 1
        return f"{hint}.{self.counter}"

    def start_block(self, label: str) -> None:
        self.lines.append(f"{label}:")
        self.block_label = label

    def val(self, v: SSAValue) -> str:
        s = self.vals.get(v)
        if s is None:
            owner = v.owner
            raise QckptError(f"value of {getattr(owner, 'name', owner)} is used before QIR emission defined it")
        return s

    def typed(self, v: SSAValue) -> str:
        return f"{_llvm_type(v.type)} {self.val(v)}"

    def declare(self, name: str, decl: str) -> None:
        self.caps.qis.setdefault(name, decl)

    def call(self, name: str, args: str, decl: str, ret: str = "void") -> str | None:
        self.declare(name, decl)
        if ret == "void":
            self.lines.append(f"  call void @{name}({args})")
            return None
        r = self.fresh()
        self.lines.append(f"  {r} = call {ret} @{name}({args})")
        return r

    def qubit(self, v: SSAValue, op: Operation) -> str:
        n = self.qubit_ids.get(v)
        if n is None:
            raise _fail(op, "qubit is not a constant reference into a register; QIR needs static qubit ids")
        if n in self.measured:
            raise _fail(op, f"qubit {n} is used after it was measured; the Base Profile allows measurements only at the end (use --profile adaptive)")
        return _ptr(n)

    # ---------------------------------------------------------------- driver
    def emit(self) -> list[str]:
        body = self.fn.body.blocks
        if len(body) != 1:
            raise _fail(self.fn, "functions must have a single block before QIR emission (structured control flow only)")
        self.start_block("entry")
        if self.profile == "adaptive":
            self.call("__quantum__rt__initialize", "ptr null", "declare void @__quantum__rt__initialize(ptr)")
        self.emit_block(body[0], top=True)
        return self.lines

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
            elif t is qc.QubitOp:
                pass  # ids were assigned up front
            elif t is qc.AllocOp:
                pass
            elif t is qc.ResetOp:
                if self.profile == "base":
                    raise _fail(op, "reset needs the Adaptive Profile")
                self.call("__quantum__qis__reset__body", self.qubit(op.qubit, op), "declare void @__quantum__qis__reset__body(ptr) #1")  # type: ignore[attr-defined]
            elif t is qc.BarrierOp:
                pass  # no QIR counterpart; ordering is already fixed in a QIR body
            elif t is qc.OutputOp:
                if not top:
                    raise _fail(op, "qc.output must be at the top level of the entry function")
                self.outputs.append(op)  # type: ignore[arg-type]
            elif t in (scf.YieldOp, scf.ConditionOp):
                return list(op.operands) if t is scf.YieldOp else list(op.operands)
            elif t is func.ReturnOp:
                self.emit_return(op)
            elif t is scf.IfOp:
                self.emit_if(op)  # type: ignore[arg-type]
            elif t is scf.WhileOp:
                self.emit_while(op)  # type: ignore[arg-type]
            elif t is scf.ForOp:
                self.emit_for(op)  # type: ignore[arg-type]
            elif t is scf.IndexSwitchOp:
                self.emit_switch(op)  # type: ignore[arg-type]
            else:
                self.emit_classical(op)
        return None

    # ---------------------------------------------------------------- quantum
    def emit_gate(self, op: qc.GateOp) -> None:
        name = op.gate.data
        fn = TARGET_GATES.get(name)
        if fn is None:
            raise _fail(op, f"gate '{name}' is not in the QIR target gate set; run qc-decompose-to-target first")
        params = [self.val(p) for p in op.params]
        if params:
            self.caps.float_computations |= any(not _is_const(p) for p in op.params)
        args = [f"double {p}" for p in params] + [self.qubit(q, op) for q in op.qubits]
        sig = ", ".join(["double"] * len(params) + ["ptr"] * len(op.qubits))
        self.declare(fn, f"declare void @{fn}({sig})")
        self.lines.append(f"  call void @{fn}({', '.join(args)})")

    def emit_measure(self, op: qc.MeasureOp) -> None:
        r = self.num_results
        self.num_results += 1
        q = self.qubit(op.qubit, op)
        if self.profile == "base":
            self.measured.add(self.qubit_ids[op.qubit])
        self.declare("__quantum__qis__mz__body", "declare void @__quantum__qis__mz__body(ptr, ptr writeonly) #1")
        self.lines.append(f"  call void @__quantum__qis__mz__body({q}, {_ptr(r)})")
        if self.profile == "base":
            # Base Profile: results are never read mid-program; output records them.
            self.vals[op.result] = f"result:{r}"
            return
        v = self.call("__quantum__rt__read_result", _ptr(r), "declare i1 @__quantum__rt__read_result(ptr)", ret="i1")
        assert v is not None
        self.vals[op.result] = v

    # ---------------------------------------------------------------- classical
    def emit_constant(self, op: arith.ConstantOp) -> None:
        attr = op.value
        if isinstance(attr, FloatAttr):
            self.vals[op.result] = _float_literal(attr.value.data)
        elif isinstance(attr, IntegerAttr):
            n = attr.value.data
            if isinstance(attr.type, IntegerType) and attr.type.width.data == 1:
                self.vals[op.result] = "true" if n & 1 else "false"
            else:
                self.vals[op.result] = str(n)
        else:
            raise _fail(op, f"constant {attr} has no QIR counterpart")

    def emit_classical(self, op: Operation) -> None:
        if self.profile == "base":
            raise _fail(op, f"'{op.name}' is classical computation, which the Base Profile does not allow; use --profile adaptive")
        t = type(op)
        r = self.fresh()
        if t in _INT_BINOPS:
            lhs, rhs = op.operands
            self.caps.int_computations = True
            self.lines.append(f"  {r} = {_INT_BINOPS[t]} {self.typed(lhs)}, {self.val(rhs)}")
        elif t is arith.CmpiOp:
            lhs, rhs = op.operands
            self.caps.int_computations = True
            pred = arith.CMPI_COMPARISON_OPERATIONS[op.predicate.value.data]  # type: ignore[attr-defined]
            self.lines.append(f"  {r} = icmp {pred} {self.typed(lhs)}, {self.val(rhs)}")
        elif t in _FLOAT_BINOPS:
            lhs, rhs = op.operands
            self.caps.float_computations = True
            self.lines.append(f"  {r} = {_FLOAT_BINOPS[t]} double {self.val(lhs)}, {self.val(rhs)}")
        elif t is arith.NegfOp:
            self.caps.float_computations = True
            self.lines.append(f"  {r} = fneg double {self.val(op.operands[0])}")
        elif t is arith.CmpfOp:
            lhs, rhs = op.operands
            self.caps.float_computations = True
            pred = _CMPF[op.predicate.value.data]  # type: ignore[attr-defined]
            self.lines.append(f"  {r} = fcmp {pred} double {self.val(lhs)}, {self.val(rhs)}")
        elif t is arith.SelectOp:
            c, a, b = op.operands
            self.caps.int_computations = True
            self.lines.append(f"  {r} = select i1 {self.val(c)}, {self.typed(a)}, {self.val(b)}")
        elif t in _CASTS:
            (a,) = op.operands
            src, dst = _llvm_type(a.type), _llvm_type(op.results[0].type)
            if src == dst:
                self.vals[op.results[0]] = self.val(a)
                return
            self.caps.int_computations = True
            if t in (arith.SIToFPOp, arith.FPToSIOp):
                self.caps.float_computations = True
            self.lines.append(f"  {r} = {_CASTS[t]} {src} {self.val(a)} to {dst}")
        elif t is arith.IndexCastOp:
            (a,) = op.operands
            # index is i64 in QIR; a cast between them is the identity.
            src = _llvm_type(a.type)
            if src == "i64":
                self.vals[op.results[0]] = self.val(a)
                return
            self.caps.int_computations = True
            self.lines.append(f"  {r} = zext {src} {self.val(a)} to i64")
        else:
            raise _fail(op, f"operation '{op.name}' cannot be lowered to QIR")
        self.vals[op.results[0]] = r

    # ---------------------------------------------------------------- control flow
    def _require_adaptive(self, op: Operation, what: str) -> None:
        if self.profile == "base":
            raise _fail(op, f"{what} needs the Adaptive Profile (the Base Profile has no branching); use --profile adaptive")

    def _region(self, block: Block, label: str, merge: str, incoming: list[list[str]]) -> None:
        """Emit one branch region ending in a jump to ``merge``; record the
        yielded values with the block they arrive from."""
        self.start_block(label)
        yielded = self.emit_block(block) or []
        incoming.append([self.val(v) for v in yielded] + [self.block_label])
        self.lines.append(f"  br label %{merge}")

    def _phis(self, results: list[SSAValue], incoming: list[list[str]]) -> None:
        for i, res in enumerate(results):
            r = self.fresh()
            pairs = ", ".join(f"[ {inc[i]}, %{inc[-1]} ]" for inc in incoming)
            self.lines.append(f"  {r} = phi {_llvm_type(res.type)} {pairs}")
            self.vals[res] = r

    def emit_if(self, op: scf.IfOp) -> None:
        self._require_adaptive(op, "scf.if")
        then_l, else_l, merge_l = self.label("then"), self.label("else"), self.label("endif")
        self.lines.append(f"  br i1 {self.val(op.cond)}, label %{then_l}, label %{else_l}")
        incoming: list[list[str]] = []
        self._region(op.true_region.block, then_l, merge_l, incoming)
        if op.false_region.blocks:
            self._region(op.false_region.block, else_l, merge_l, incoming)
        else:
            self.start_block(else_l)
            incoming.append([self.block_label])
            self.lines.append(f"  br label %{merge_l}")
        self.start_block(merge_l)
        self._phis(list(op.results), incoming)

    def emit_switch(self, op: scf.IndexSwitchOp) -> None:
        self._require_adaptive(op, "scf.index_switch")
        self.caps.multiple_target_branching = True
        self.caps.int_computations = True
        cases = op.cases.get_values()
        default_l, merge_l = self.label("default"), self.label("endswitch")
        case_ls = [self.label(f"case{c}") for c in cases]
        targets = " ".join(f"i64 {c}, label %{l}" for c, l in zip(cases, case_ls))
        self.lines.append(f"  switch i64 {self.val(op.arg)}, label %{default_l} [ {targets} ]")
        incoming: list[list[str]] = []
        self._region(op.default_region.block, default_l, merge_l, incoming)
        for region, l in zip(op.case_regions, case_ls):
            self._region(region.block, l, merge_l, incoming)
        self.start_block(merge_l)
        self._phis(list(op.results), incoming)

    def emit_while(self, op: scf.WhileOp) -> None:
        self._require_adaptive(op, "scf.while")
        self.caps.backwards_branching = True
        head_l, body_l, exit_l = self.label("while.head"), self.label("while.body"), self.label("while.exit")
        pre = self.block_label
        self.lines.append(f"  br label %{head_l}")
        self.start_block(head_l)
        before = op.before_region.block
        # The latch is known only after the body: leave placeholders.
        phi_slots = []
        for arg, init in zip(before.args, op.arguments):
            r = self.fresh()
            self.vals[arg] = r
            phi_slots.append((len(self.lines), r, _llvm_type(arg.type), self.val(init)))
            self.lines.append("")
        cond_args = self.emit_block(before)
        assert cond_args is not None
        cond, forwarded = cond_args[0], cond_args[1:]
        self.lines.append(f"  br i1 {self.val(cond)}, label %{body_l}, label %{exit_l}")
        forwarded_vals = [self.val(v) for v in forwarded]
        after = op.after_region.block
        self.start_block(body_l)
        for arg, v in zip(after.args, forwarded_vals):
            self.vals[arg] = v
        yielded = self.emit_block(after) or []
        latch = self.block_label
        self.lines.append(f"  br label %{head_l}")
        for (i, r, ty, init), y in zip(phi_slots, yielded):
            self.lines[i] = f"  {r} = phi {ty} [ {init}, %{pre} ], [ {self.val(y)}, %{latch} ]"
        self.start_block(exit_l)
        for res, v in zip(op.results, forwarded_vals):
            self.vals[res] = v

    def emit_for(self, op: scf.ForOp) -> None:
        self._require_adaptive(op, "scf.for")
        self.caps.backwards_branching = True
        self.caps.int_computations = True
        head_l, body_l, exit_l = self.label("for.head"), self.label("for.body"), self.label("for.exit")
        pre = self.block_label
        self.lines.append(f"  br label %{head_l}")
        self.start_block(head_l)
        block = op.body.block
        iv_t = _llvm_type(op.lb.type)
        slots = []
        for arg, init in zip(block.args, [op.lb, *op.iter_args]):
            r = self.fresh()
            self.vals[arg] = r
            slots.append((len(self.lines), r, _llvm_type(arg.type), self.val(init)))
            self.lines.append("")
        iv = self.vals[block.args[0]]
        c = self.fresh()
        self.lines.append(f"  {c} = icmp slt {iv_t} {iv}, {self.val(op.ub)}")
        self.lines.append(f"  br i1 {c}, label %{body_l}, label %{exit_l}")
        self.start_block(body_l)
        yielded = self.emit_block(block) or []
        nxt = self.fresh()
        self.lines.append(f"  {nxt} = add {iv_t} {iv}, {self.val(op.step)}")
        latch = self.block_label
        self.lines.append(f"  br label %{head_l}")
        for (i, r, ty, init), y in zip(slots, [nxt, *(self.val(v) for v in yielded)]):
            self.lines[i] = f"  {r} = phi {ty} [ {init}, %{pre} ], [ {y}, %{latch} ]"
        self.start_block(exit_l)
        for res, arg in zip(op.results, block.args[1:]):
            self.vals[res] = self.vals[arg]

    # ---------------------------------------------------------------- outputs
    def emit_return(self, op: Operation) -> None:
        # Output recording sits in the final block, right before `ret`.
        for out in self.outputs:
            self.emit_output(out)
        self.lines.append("  ret i64 0")

    def label_ref(self, text: str) -> str:
        g = self.caps.labels.get(text)
        if g is None:
            g = self.caps.labels[text] = f"@{abi.LABEL_GLOBAL_PREFIX}{len(self.caps.labels)}"
        return f"ptr {g}"

    def emit_output(self, op: qc.OutputOp) -> None:
        name = op.label.data
        values = list(op.values)
        kind = _llvm_type(values[0].type)
        if kind == "i1":
            self.call(abi.ARRAY_RECORD, f"i64 {len(values)}, {self.label_ref(name)}", f"declare void @{abi.ARRAY_RECORD}(i64, ptr)")
            for i, v in enumerate(values):
                s = self.val(v)
                lbl = self.label_ref(abi.bit_label(name, i))
                if s.startswith("result:"):
                    r = int(s.split(":")[1])
                    self.call(abi.RESULT_RECORD, f"{_ptr(r)}, {lbl}", f"declare void @{abi.RESULT_RECORD}(ptr, ptr)")
                elif self.profile == "base":
                    raise _fail(op, f"bit {i} of '{name}' is not a measurement result; the Base Profile records results only")
                else:
                    self.call(abi.BOOL_RECORD, f"i1 {s}, {lbl}", f"declare void @{abi.BOOL_RECORD}(i1, ptr)")
        elif kind == "i64":
            self._require_adaptive(op, "recording an integer")
            self.call(abi.INT_RECORD, f"i64 {self.val(values[0])}, {self.label_ref(name)}", f"declare void @{abi.INT_RECORD}(i64, ptr)")
        else:
            self._require_adaptive(op, "recording a float")
            self.call(abi.DOUBLE_RECORD, f"double {self.val(values[0])}, {self.label_ref(name)}", f"declare void @{abi.DOUBLE_RECORD}(double, ptr)")


def _is_const(v: SSAValue) -> bool:
    return isinstance(v.owner, arith.ConstantOp)


def _assign_qubits(fn: func.FuncOp, em: _FunctionEmitter) -> None:
    """Registers get consecutive ids in declaration order."""
    base: dict[SSAValue, int] = {}
    for op in fn.walk():
        if isinstance(op, qc.AllocOp):
            base[op.reg] = em.num_qubits
            em.num_qubits += op.size
        elif isinstance(op, qc.QubitOp):
            b = base.get(op.reg)
            if b is None:
                raise _fail(op, "qc.qubit refers to a register allocated outside this function")
            em.qubit_ids[op.qubit] = b + op.index.value.data


def entry_function(module: ModuleOp, name: str = "main") -> func.FuncOp:
    for op in module.ops:
        if isinstance(op, func.FuncOp) and op.sym_name.data == name:
            return op
    raise QckptError(f"the module has no entry function @{name}")


def emit_qir_text(module: ModuleOp, profile: str = "adaptive", entry: str = "main") -> str:
    """Emit QIR as LLVM IR text (not yet parsed by pyqir)."""
    if profile not in PROFILES:
        raise QckptError(f"unknown profile '{profile}'; choose one of {', '.join(PROFILES)}")
    fn = entry_function(module, entry)
    for op in module.ops:
        if isinstance(op, func.FuncOp) and op is not fn and op.body.blocks:
            raise _fail(op, f"function @{op.sym_name.data} must be inlined before QIR emission")
    caps = Capabilities()
    em = _FunctionEmitter(fn, profile, caps)
    _assign_qubits(fn, em)
    body = em.emit()
    return _assemble(body, caps, profile, em.num_qubits, em.num_results, entry)


def _assemble(body: list[str], caps: Capabilities, profile: str, nq: int, nr: int, entry: str) -> str:
    out: list[str] = []
    for text, g in caps.labels.items():
        data = text.encode() + b"\x00"
        esc = "".join(chr(c) if 32 <= c < 127 and c not in (34, 92) else f"\\{c:02X}" for c in data)
        out.append(f"{g} = internal constant [{len(data)} x i8] c\"{esc}\"")
    out.append("")
    out.append(f"define i64 @{entry}() #0 {{")
    out.extend(body)
    out.append("}")
    out.append("")
    out.extend(caps.qis.values())
    out.append("")
    out.append(
        f'attributes #0 = {{ "entry_point" "output_labeling_schema"="{abi.OUTPUT_LABELING_SCHEMA}" '
        f'"qir_profiles"="{profile}_profile" "required_num_qubits"="{nq}" "required_num_results"="{nr}" }}'
    )
    out.append('attributes #1 = { "irreversible" }')
    out.append("")
    flags = abi.module_flags(
        int_computations=caps.int_computations,
        float_computations=caps.float_computations,
        backwards_branching=caps.backwards_branching,
        multiple_target_branching=caps.multiple_target_branching,
        ir_functions=caps.ir_functions,
    )
    out.append("!llvm.module.flags = !{" + ", ".join(f"!{i}" for i in range(len(flags))) + "}")
    out.extend(f"!{i} = !{{{f}}}" for i, f in enumerate(flags))
    out.append("")
    return "\n".join(out)


def emit_qir(module: ModuleOp, profile: str = "adaptive", entry: str = "main"):
    """Emit QIR and parse it with pyqir: returns a verified ``pyqir.Module``."""
    import pyqir

    text = emit_qir_text(module, profile, entry)
    try:
        mod = pyqir.Module.from_ir(pyqir.Context(), text, "qckpt")
    except (ValueError, RuntimeError) as e:  # a bug in the emitter, not the user's input
        raise RuntimeError(f"emitted QIR does not parse: {e}") from e
    err = mod.verify()
    if err is not None:
        raise RuntimeError(f"emitted QIR does not verify: {err}")
    return mod
