"""Lower ``qc`` + ``scf`` + ``arith`` IR to a stim circuit.

The lowering runs the program's classical side symbolically, as a compiler
would fold it: loop counters and other constants are known, and every value
that depends on a measurement is a function of the measurement record
(:mod:`qckpt.stim.classical`). What reaches the circuit:

- Clifford gates (by name, and rotations by multiples of pi/2), measurement
  (``M``) and reset (``R``);
- feed-forward: an ``scf.if`` whose condition is the parity of some
  measurement results (a bit, ``a ^ b``, ``a == 1``, a negation) and whose
  bodies are Pauli gates becomes one classically controlled Pauli per
  record bit (``CX rec[-k] q``, ``CY``, ``CZ``): a Pauli controlled by a
  parity is the product of the Paulis controlled by each bit;
- counted loops: each iteration is lowered, and runs of iterations that
  lower to the same instructions (records addressed relative to the end of
  the record, as stim does) become ``REPEAT`` blocks;
- ``ckpt.boundary`` visits and ``qc.output`` registers become the record
  layout of :class:`StimProgram` (values computed after sampling).

Anything else is refused with one line naming the construct, where it is,
and the backend to use instead: a non-Clifford gate, a branch on a
measurement whose body is not Paulis, a loop or switch steered by a
measurement, a qubit or gate angle chosen by a measurement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import FloatAttr, IndexType, IntegerAttr, IntegerType, ModuleOp
from xdsl.ir import Attribute, Block, Operation, SSAValue

from qckpt.diagnostics import QckptError
from qckpt.dialects import ckpt, qc
from qckpt.ir.locations import op_location
from qckpt.ir.structure import entry_function
from qckpt.stim.classical import Expr, Parity, Value, apply, as_parity, is_const, xor_bits
from qckpt.stim.program import Output, Recorded, StimProgram, Visit

INSTEAD = "run it with --backend qir-runner"
# A loop that never ends on stim is a loop whose condition never folds to
# false; stop with an error rather than hang the compiler.
MAX_ITERATIONS = 10_000_000
# The tag of the TICK that marks a logical boundary (a QEC round end): TICK[logical:ID].
LOGICAL_TAG = "logical:"

Inst = tuple  # ("H", (targets...)) or ("REPEAT", count, (insts...))


class NotLowerable(QckptError):
    """The program uses a construct stim cannot simulate."""


def where(op: Operation):
    """The source location of ``op``, else of the nearest op before it or
    around it that has one (the frontends locate statements, not every op
    they lower a statement to)."""
    cur: Operation | None = op
    while cur is not None:
        prev: Operation | None = cur
        while prev is not None:
            loc = op_location(prev)
            if loc is not None:
                return loc
            prev = prev.prev_op
        cur = cur.parent_op()
    return None


def refuse(op: Operation, what: str) -> NotLowerable:
    return NotLowerable(f"{what}: the stim backend cannot lower it ({INSTEAD})", where(op))


# -- gates ---------------------------------------------------------------------------

_FIXED: dict[str, tuple[tuple[str, tuple[int, ...]], ...]] = {
    "id": (),
    "h": (("H", (0,)),),
    "x": (("X", (0,)),),
    "y": (("Y", (0,)),),
    "z": (("Z", (0,)),),
    "s": (("S", (0,)),),
    "sdg": (("S_DAG", (0,)),),
    "sx": (("SQRT_X", (0,)),),
    "cx": (("CX", (0, 1)),),
    "CX": (("CX", (0, 1)),),
    "cy": (("CY", (0, 1)),),
    "cz": (("CZ", (0, 1)),),
    "swap": (("SWAP", (0, 1)),),
}
# A rotation by k quarter turns about an axis, up to a global phase.
_QUARTERS = {
    "z": ((), ("S",), ("Z",), ("S_DAG",)),
    "x": ((), ("SQRT_X",), ("X",), ("SQRT_X_DAG",)),
    "y": ((), ("SQRT_Y",), ("Y",), ("SQRT_Y_DAG",)),
}
PAULIS = {"X", "Y", "Z"}


def _quarter_turns(angle: float) -> int | None:
    k = angle / (math.pi / 2)
    r = round(k)
    return r % 4 if abs(k - r) < 1e-9 else None


def clifford(name: str, params: list[float]) -> list[tuple[str, tuple[int, ...]]] | None:
    """The stim instructions of gate ``name`` with these angles, on qubit
    positions 0, 1, ...; None if it is not a Clifford gate."""
    fixed = _FIXED.get(name)
    if fixed is not None:
        return list(fixed)

    def rot(axis: str, angle: float) -> list[tuple[str, tuple[int, ...]]] | None:
        k = _quarter_turns(angle)
        return None if k is None else [(g, (0,)) for g in _QUARTERS[axis][k]]

    if name in ("rx", "ry", "rz"):
        return rot(name[1], params[0])
    if name in ("p", "u1"):
        return rot("z", params[0])
    if name in ("u", "U", "u3", "u2"):
        theta, phi, lam = (math.pi / 2, *params) if name == "u2" else params
        parts = [rot("z", lam), rot("y", theta), rot("z", phi)]  # U = Rz(phi) Ry(theta) Rz(lam), up to phase
        if any(p is None for p in parts):
            return None
        return [g for p in parts for g in p]  # type: ignore[union-attr]
    if name in ("cp", "cphase"):
        k = _quarter_turns(params[0])
        if k in (0, 2):
            return [] if k == 0 else [("CZ", (0, 1))]
        return None
    return None


# -- the symbolic interpreter ---------------------------------------------------------


@dataclass
class _Frame:
    """What one region's lowering appends to."""

    insts: list[Inst] = field(default_factory=list)


class _Lowering:
    def __init__(self, params: dict[str, float] | None) -> None:
        self.params = dict(params or {})
        self.vals: dict[SSAValue, Value] = {}
        self.qubits: dict[SSAValue, int] = {}
        self.reg_base: dict[SSAValue, int] = {}
        self.num_qubits = 0
        self.num_meas = 0
        self.frame = _Frame()
        self.outputs: list[Output] = []
        self.visits: list[Visit] = []

    # ---------------------------------------------------------------- values
    def val(self, v: SSAValue) -> Value:
        try:
            return self.vals[v]
        except KeyError:
            raise QckptError(f"the stim lowering met a value defined outside the entry function ({v.type})") from None

    def const(self, v: SSAValue, op: Operation, what: str) -> int | float:
        x = self.val(v)
        if not is_const(x):
            raise refuse(op, f"{what} depends on a measurement result")
        return x  # type: ignore[return-value]

    def qubit(self, v: SSAValue, op: Operation) -> int:
        q = self.qubits.get(v)
        if q is not None:
            return q
        owner = v.owner
        if isinstance(owner, qc.QubitAtOp):
            i = self.const(owner.index, op, "the index of a qubit")
            size = owner.reg.type.size.data  # type: ignore[attr-defined]
            if not 0 <= int(i) < size:
                raise QckptError(f"qubit index {i} is out of range for a register of {size} qubits", where(op))
            return self.reg_base[owner.reg] + int(i)
        raise QckptError(f"the stim lowering cannot tell which qubit {v} is", where(op))

    def emit(self, name: str, targets: tuple) -> None:
        self.frame.insts.append((name, targets))

    # ---------------------------------------------------------------- ops
    def block(self, block: Block, top: bool = False) -> list[Value] | None:
        """Lower a block's ops; the values its terminator passes on."""
        for op in block.ops:
            t = type(op)
            if t is qc.GateOp:
                self.gate(op)  # type: ignore[arg-type]
            elif t is qc.MeasureOp:
                self.emit("M", (self.qubit(op.qubit, op),))  # type: ignore[attr-defined]
                self.vals[op.result] = Parity(frozenset((self.num_meas,)))  # type: ignore[attr-defined]
                self.num_meas += 1
            elif t is qc.ResetOp:
                self.emit("R", (self.qubit(op.qubit, op),))  # type: ignore[attr-defined]
            elif t is qc.AllocOp:
                self.reg_base[op.reg] = self.num_qubits  # type: ignore[attr-defined]
                self.num_qubits += op.size  # type: ignore[attr-defined]
            elif t is qc.QubitOp:
                base = self.reg_base.get(op.reg)  # type: ignore[attr-defined]
                if base is None:
                    raise QckptError("a qubit of a register allocated outside the entry block", where(op))
                self.qubits[op.qubit] = base + op.index.value.data  # type: ignore[attr-defined]
            elif t is qc.QubitAtOp or t is qc.BarrierOp:
                pass  # resolved where used; a barrier has no effect on the state
            elif t is qc.ParamOp:
                name = op.param_name.data  # type: ignore[attr-defined]
                if name not in self.params:
                    raise QckptError(f"parameter '{name}' is unbound: give its value (--param {name}=VALUE)", where(op))
                self.vals[op.value] = self._typed(self.params[name], op.value.type)  # type: ignore[attr-defined]
            elif t is qc.OutputOp:
                if not top:
                    raise QckptError("qc.output must be at the top level of the entry function", where(op))
                self.output(op)  # type: ignore[arg-type]
            elif t is ckpt.DetectorOp or t is ckpt.ObservableOp:
                self.check(op)
            elif t is ckpt.BoundaryOp:
                if op.kind.data == "logical":  # type: ignore[attr-defined]
                    # A tagged no-op marks the round end in the circuit itself, so
                    # REPEAT folding keeps it and qckpt.qec can cut the circuit there.
                    self.emit(f"TICK[{LOGICAL_TAG}{op.id}]", ())  # type: ignore[attr-defined]
                self.visits.append(Visit(op.id, tuple(Recorded(n, _kind(v.type), self.val(v)) for n, v in op.named_values())))  # type: ignore[attr-defined]
            elif t is scf.YieldOp or t is scf.ConditionOp:
                return [self.val(v) for v in op.operands]
            elif t is func.ReturnOp:
                return None
            elif t is scf.IfOp:
                self.if_(op)  # type: ignore[arg-type]
            elif t is scf.ForOp:
                self.for_(op)  # type: ignore[arg-type]
            elif t is scf.WhileOp:
                self.while_(op)  # type: ignore[arg-type]
            elif t is scf.IndexSwitchOp:
                self.switch(op)  # type: ignore[arg-type]
            else:
                self.classical(op)
        return None

    @staticmethod
    def _typed(x: float, t: Attribute) -> Value:
        if isinstance(t, IntegerType) and t.width.data == 1:
            return bool(x)
        if isinstance(t, (IntegerType, IndexType)):
            return int(x)
        return float(x)

    def gate(self, op: qc.GateOp) -> None:
        name = op.gate.data
        n = len(op.params)
        params = [float(self.const(p, op, f"the angle of gate '{name}'")) for p in op.operands[:n]]
        seq = clifford(name, params)
        if seq is None:
            shown = f"{name}({', '.join(f'{p:g}' for p in params)})" if params else name
            raise refuse(op, f"gate '{shown}' is not a Clifford gate")
        qubits = [self.qubit(q, op) for q in op.operands[n:]]
        for g, pos in seq:
            self.emit(g, tuple(qubits[i] for i in pos))

    def check(self, op: Operation) -> None:
        """A detector or an observable: the parity of its bits' measurements,
        addressed from the end of the record as stim does (so rounds fold)."""
        parity: Value = False
        for v in op.operands:
            if as_parity(self.val(v)) is None:
                raise refuse(op, "a detector or observable over a value that is not a parity of measurements")
            parity = xor_bits(parity, self.val(v))
        p = as_parity(parity)
        assert p is not None
        if p.flip:
            # stim's detectors and observables are parities without a constant term.
            raise refuse(op, "a detector or observable whose parity includes a constant 1")
        targets = tuple(f"rec[{m - self.num_meas}]" for m in sorted(p.meas, reverse=True))
        if isinstance(op, ckpt.ObservableOp):
            self.emit(f"OBSERVABLE_INCLUDE({op.index.value.data})", targets)
        else:
            coords = op.coords  # type: ignore[attr-defined]
            name = "DETECTOR" + (f"({', '.join(repr(c.value.data) for c in coords.data)})" if coords is not None else "")
            self.emit(name, targets)

    def output(self, op: qc.OutputOp) -> None:
        kind = _kind(op.values[0].type)
        self.outputs.append(Output(op.label.data, kind, tuple(self.val(v) for v in op.values)))

    def classical(self, op: Operation) -> None:
        t = type(op)
        if t is arith.ConstantOp:
            attr = op.value  # type: ignore[attr-defined]
            if isinstance(attr, FloatAttr):
                self.vals[op.results[0]] = float(attr.value.data)
            elif isinstance(attr, IntegerAttr):
                self.vals[op.results[0]] = self._typed(attr.value.data, attr.type)
            else:
                raise refuse(op, f"constant {attr}")
            return
        args = [self.val(v) for v in op.operands]
        res = op.results[0] if op.results else None
        if res is None:
            raise refuse(op, f"operation '{op.name}'")
        bit = isinstance(res.type, IntegerType) and res.type.width.data == 1
        name = _BINARY.get(t)
        if t is arith.XOrIOp and bit:
            v = xor_bits(*args)
        elif t is arith.CmpiOp:
            pred = arith.CMPI_COMPARISON_OPERATIONS[op.predicate.value.data]  # type: ignore[attr-defined]
            v = self._compare(pred, args, op)
        elif t in (arith.AndIOp, arith.OrIOp) and bit:
            v = _and_or(t is arith.AndIOp, *args)
        elif name is not None:
            v = apply(name, args)
        elif t is arith.SelectOp:
            v = _select(*args)
        elif t in (arith.ExtUIOp, arith.IndexCastOp, arith.ExtSIOp) and not bit:
            src = op.operands[0].type
            if t is arith.ExtSIOp and isinstance(src, IntegerType) and src.width.data == 1:
                raise refuse(op, "sign-extending a bit")
            v = args[0] if is_const(args[0]) and not isinstance(args[0], bool) else apply("int", args)
        elif t is arith.TruncIOp and bit:
            v = apply("trunc1", args)
        elif t in (arith.SIToFPOp, arith.UIToFPOp):
            v = apply("float", args)
        elif t is arith.NegfOp:
            v = apply("sub", [0.0, args[0]])
        else:
            raise refuse(op, f"operation '{op.name}'")
        self.vals[res] = v

    def _compare(self, pred: str, args: list[Value], op: Operation) -> Value:
        a, b = args
        if as_parity(a) is not None and as_parity(b) is not None and pred in ("eq", "ne"):
            x = xor_bits(a, b)  # a == b is not (a ^ b)
            return xor_bits(x, True) if pred == "eq" else x
        signed = {"slt": "lt", "sle": "le", "sgt": "gt", "sge": "ge", "ult": "lt", "ule": "le", "ugt": "gt", "uge": "ge"}
        return apply(signed.get(pred, pred), args)

    # ---------------------------------------------------------------- control flow
    def if_(self, op: scf.IfOp) -> None:
        cond = self.val(op.cond)
        if is_const(cond):
            taken = op.true_region if cond else op.false_region
            out = self.block(taken.block) if taken.blocks else None
            for r, v in zip(op.results, out or []):
                self.vals[r] = v
            return
        p = as_parity(cond)
        if p is None:
            raise refuse(op, "a branch on a non-linear function of measurement results (only a bit or a parity of bits can control a Pauli)")
        yields = []
        for region, when in ((op.true_region, p), (op.false_region, Parity(p.meas, not p.flip))):
            if not region.blocks:
                yields.append([])
                continue
            yields.append(self.controlled_paulis(region.block, when, op))
        for r, a, b in zip(op.results, *yields):
            self.vals[r] = _select(cond, a, b)

    def controlled_paulis(self, block: Block, cond: Parity, owner: scf.IfOp) -> list[Value]:
        """The body of a branch taken when ``cond`` is 1: Paulis only,
        each applied once unconditionally if the parity is flipped and once
        per record bit of the parity. Returns the yielded values."""
        for op in block.ops:
            t = type(op)
            if t is scf.YieldOp:
                return [self.val(v) for v in op.operands]
            if t is qc.BarrierOp or t is qc.QubitOp or t is qc.QubitAtOp:
                continue
            if t is qc.GateOp:
                name = op.gate.data  # type: ignore[attr-defined]
                n = len(op.params)  # type: ignore[attr-defined]
                params = [float(self.const(p, op, f"the angle of gate '{name}'")) for p in op.operands[:n]]
                seq = clifford(name, params)
                if seq is None or any(g not in PAULIS for g, _ in seq):
                    shown = f"{name}({', '.join(f'{p:g}' for p in params)})" if params else name
                    raise refuse(op, f"gate '{shown}' controlled by a measurement result (only Pauli gates can be)")
                qubits = [self.qubit(q, op) for q in op.operands[n:]]
                for g, pos in seq:
                    q = qubits[pos[0]]
                    if cond.flip:
                        self.emit(g, (q,))
                    for m in sorted(cond.meas):
                        self.emit("C" + g, (f"rec[{m - self.num_meas}]", q))
                continue
            if op.name.startswith("arith."):  # classical work inside the branch: folded or kept symbolic
                self.classical(op)
                continue
            what = {qc.MeasureOp: "a measurement", qc.ResetOp: "a reset", ckpt.BoundaryOp: "a checkpoint boundary"}.get(t, f"'{op.name}'")  # type: ignore[call-overload]
            raise refuse(op, f"{what} inside a branch on a measurement result (a branch body must be Pauli gates)")
        return []

    def _iterations(self, op: Operation, run_one) -> None:
        """Lower iterations by calling ``run_one()`` until it returns False;
        each iteration goes to a frame of its own, then runs of identical
        iterations are folded into ``REPEAT`` blocks."""
        outer = self.frame
        runs: list[list] = []  # [body, count]: consecutive equal iterations, kept once (a long loop costs no memory)
        n = 0
        while True:
            self.frame = _Frame()
            try:
                go_on = run_one()
            finally:
                body, self.frame = tuple(self.frame.insts), outer
            if body:
                if runs and runs[-1][0] == body:
                    runs[-1][1] += 1
                else:
                    runs.append([body, 1])
            if not go_on:
                break
            n += 1
            if n > MAX_ITERATIONS:
                raise refuse(op, f"a loop that runs more than {MAX_ITERATIONS} iterations")
        for body, count in runs:
            if count > 1:
                outer.insts.append(("REPEAT", count, body))
            else:
                outer.insts.extend(body)

    def for_(self, op: scf.ForOp) -> None:
        lb = self.const(op.lb, op, "a loop bound")
        ub = self.const(op.ub, op, "a loop bound")
        step = self.const(op.step, op, "a loop step")
        if int(step) <= 0:
            raise QckptError(f"loop step {step} is not positive", where(op))
        block = op.body.block
        carried = [self.val(v) for v in op.iter_args]
        state = {"i": int(lb), "carried": carried}

        def one() -> bool:
            if state["i"] >= int(ub):
                return False
            self.vals[block.args[0]] = state["i"]
            for a, v in zip(block.args[1:], state["carried"]):
                self.vals[a] = v
            state["carried"] = self.block(block) or []
            state["i"] += int(step)
            return state["i"] < int(ub)

        if int(lb) < int(ub):
            self._iterations(op, one)
        for r, v in zip(op.results, state["carried"]):
            self.vals[r] = v

    def while_(self, op: scf.WhileOp) -> None:
        before, after = op.before_region.block, op.after_region.block
        state: dict = {"args": [self.val(v) for v in op.arguments], "out": []}

        def one() -> bool:
            for a, v in zip(before.args, state["args"]):
                self.vals[a] = v
            cond_args = self.block(before) or []
            cond, forwarded = cond_args[0], cond_args[1:]
            if not is_const(cond):
                raise refuse(op, "a while loop whose condition depends on a measurement result")
            state["out"] = forwarded
            if not cond:
                return False
            for a, v in zip(after.args, forwarded):
                self.vals[a] = v
            state["args"] = self.block(after) or []
            return True

        self._iterations(op, one)
        for r, v in zip(op.results, state["out"]):
            self.vals[r] = v

    def switch(self, op: scf.IndexSwitchOp) -> None:
        x = self.const(op.arg, op, "a switch")
        cases = list(op.cases.get_values())
        region = op.case_regions[cases.index(x)] if x in cases else op.default_region
        out = self.block(region.block) or []
        for r, v in zip(op.results, out):
            self.vals[r] = v


_BINARY = {
    arith.XOrIOp: "xor",
    arith.AndIOp: "and",
    arith.OrIOp: "or",
    arith.AddiOp: "add",
    arith.SubiOp: "sub",
    arith.MuliOp: "mul",
    arith.ShLIOp: "shl",
    arith.ShRUIOp: "shr",
    arith.ShRSIOp: "shr",
    arith.AddfOp: "add",
    arith.SubfOp: "sub",
    arith.MulfOp: "mul",
}


def _and_or(is_and: bool, a: Value, b: Value) -> Value:
    for x, y in ((a, b), (b, a)):
        if isinstance(x, bool):
            if is_and:
                return y if x else False
            return True if x else y
    return Expr("and" if is_and else "or", (a, b))


def _select(c: Value, a: Value, b: Value) -> Value:
    if is_const(c):
        return a if c else b
    if a == b:
        return a
    diff = xor_bits(a, b) if as_parity(a) is not None and as_parity(b) is not None else None
    if isinstance(diff, bool):  # c ? a : b = b ^ (c & (a ^ b))
        return xor_bits(b, c) if diff and as_parity(c) is not None else b
    return Expr("select", (c, a, b))


def _kind(t: Attribute) -> str:
    if isinstance(t, IntegerType) and t.width.data == 1:
        return "i1"
    if isinstance(t, (IntegerType, IndexType)):
        return "i64"
    return "f64"


def _text(insts: list[Inst] | tuple, indent: str = "") -> list[str]:
    lines: list[str] = []
    for inst in insts:
        if inst[0] == "REPEAT":
            lines.append(f"{indent}REPEAT {inst[1]} {{")
            lines += _text(inst[2], indent + "    ")
            lines.append(f"{indent}}}")
        else:
            lines.append(f"{indent}{inst[0]} {' '.join(map(str, inst[1]))}")
    return lines


def lower_module(module: ModuleOp, params: dict[str, float] | None = None) -> StimProgram:
    """The entry function of ``module`` as a :class:`StimProgram`.
    ``params``: values of the program's late-bound parameters (``qc.param``).
    ``qckpt.pipeline.module_to_stim`` calls it with the garbage collector paused."""
    import stim

    fn = entry_function(module)
    low = _Lowering(params)
    low.block(fn.body.block, top=True)

    circuit = stim.Circuit("\n".join(_text(low.frame.insts)))
    return StimProgram(str(circuit), low.num_qubits, low.num_meas, low.outputs, low.visits)


__all__ = ["INSTEAD", "LOGICAL_TAG", "NotLowerable", "clifford", "lower_module"]
