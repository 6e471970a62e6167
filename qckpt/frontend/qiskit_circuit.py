"""Qiskit ``QuantumCircuit`` -> `qc` + `scf` + `arith` module.

Classical bits and variables are mutable in Qiskit and SSA values in our IR.
The lowering keeps an environment from each classical location (a ``Clbit``
or a standalone ``expr.Var``) to its current SSA value, and threads every
location a control-flow body writes through ``scf.if`` results, ``scf.while``
/ ``scf.for`` iteration arguments and ``scf.index_switch`` results.

``break`` and ``continue`` have no ``scf`` counterpart: they set flag
locations, the loop condition includes ``!break``, and the rest of a body
after a statement that may set a flag is guarded by ``!(break | continue)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from qiskit.circuit import (
    BreakLoopOp,
    Clbit,
    ClassicalRegister,
    ContinueLoopOp,
    ForLoopOp,
    IfElseOp,
    QuantumCircuit,
    Qubit,
    Store,
    SwitchCaseOp,
    WhileLoopOp,
)
from qiskit.circuit import BoxOp, Parameter, ParameterExpression
from qiskit.circuit.classical import expr, types
from qiskit.circuit.controlflow.switch_case import CASE_DEFAULT
from xdsl.dialects import arith, scf
from xdsl.dialects.builtin import DenseArrayBase, Float64Type, ModuleOp, i1, i64
from xdsl.ir import Block, Region, SSAValue

from qckpt.diagnostics import QckptError
from qckpt.dialects.gates import GATES
from qckpt.frontend.ir_builder import INDEX, IRBuilder
from qckpt.frontend.ssa_env import SSAEnv as _Env

F64 = Float64Type()

# Qiskit names that are not ours verbatim.
_GATE_ALIASES = {"cphase": "cp", "mcx": None}
_IGNORED = {"delay", "global_phase"}


class _Flag:
    """A pseudo-location for loop control: set by break/continue."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


BREAK = _Flag("break")
CONTINUE = _Flag("continue")

Location = Any  # Clbit | expr.Var | _Flag


def circuit_to_module(circuit: QuantumCircuit) -> ModuleOp:
    """Lower a (parameter-bound) Qiskit circuit to a module with one ``@main``."""
    if circuit.parameters:
        names = ", ".join(sorted(p.name for p in circuit.parameters))
        raise QckptError(f"circuit has unbound parameters: {names}; bind them with assign_parameters first")
    return _Lowering(circuit).run()


SLOT_PREFIX = "p"


def circuit_to_template(circuit: QuantumCircuit) -> tuple[ModuleOp, dict[str, ParameterExpression]]:
    """Lower a circuit whose gate angles may still hold Qiskit parameters.

    Each distinct angle expression that contains a parameter (``theta``,
    ``2*gamma``, ``t + 0.5*v[0]``) becomes one late-bound slot ``p0``, ``p1``
    ... (a ``qc.param``), numbered in order of first use. Returns the module
    and slot name -> expression: the caller evaluates each expression with its
    values and binds the slots into the emitted QIR (``qckpt.qir.bind``), so
    a new set of values costs a binding, not a compilation. Slots stand for
    whole expressions, not parameters, so that any expression Qiskit can
    evaluate works without the IR doing symbolic arithmetic."""
    lowering = _Lowering(circuit, slots={})
    module = lowering.run()
    assert lowering.slots is not None
    return module, {name: expr for expr, name in lowering.slots.items()}


def circuit_to_inputs(circuit: QuantumCircuit) -> tuple[ModuleOp, dict[str, Parameter]]:
    """Lower a circuit whose unbound parameters become late-bound inputs named
    after them (``theta``; ``v[0]`` becomes ``v.0``), the names ``qckpt bind
    --param`` takes. An angle must be linear in its parameters
    (``2*theta + 0.5*phi - 1``): it is computed in the program from the
    inputs, so a binding is just the parameters' values. Returns the module
    and input name -> parameter."""
    lowering = _Lowering(circuit, inputs={})
    module = lowering.run()
    assert lowering.inputs is not None
    return module, lowering.inputs


def input_name(param: Parameter) -> str:
    """The late-bound input a Qiskit parameter becomes: the characters QIR
    parameter names allow (``qckpt.qir.bind``), ``v[0]`` spelled ``v.0``."""
    text = param.name.replace("[", ".").replace("]", "")
    text = re.sub(r"[^A-Za-z0-9_.]", "_", text)
    return text if re.match(r"[A-Za-z_]", text) else f"_{text}"


def evaluate_slots(slots: dict[str, ParameterExpression], values: dict[Parameter, float]) -> dict[str, float]:
    """The value of each slot of :func:`circuit_to_template` for ``values``."""
    out: dict[str, float] = {}
    for name, e in slots.items():
        bound = e.bind({p: values[p] for p in e.parameters})
        try:
            out[name] = float(bound)
        except TypeError:
            raise QckptError(f"angle {e} is not a real number for these parameter values") from None
    return out


class _Lowering:
    def __init__(self, circuit: QuantumCircuit, slots: dict[ParameterExpression, str] | None = None, inputs: dict[str, Parameter] | None = None) -> None:
        self.circuit = circuit
        self.slots = slots  # None: every angle must be bound
        self.inputs = inputs  # None: no angle is computed from named inputs
        self.b = IRBuilder()
        self.env = _Env()
        self.loop_depth = 0
        self.bit_order = {bit: i for i, bit in enumerate(circuit.clbits)}

    # ------------------------------------------------------------- top level
    def run(self) -> ModuleOp:
        c = self.circuit
        qmap = self._allocate_qubits(c)
        false = self.b.const_bool(False)
        for bit in c.clbits:
            self.env[bit] = false
        for var in c.iter_input_vars():
            raise QckptError(f"input variable '{var.name}' is not supported by the Qiskit frontend; bind it to a value")
        for var in c.iter_declared_vars():
            self.env[var] = self._zero_of(var.type)
        self._lower_body(c, qmap)
        for reg in c.cregs:
            self.b.output(reg.name, [self.env[bit] for bit in reg])
        return self.b.finish()

    def _allocate_qubits(self, c: QuantumCircuit) -> dict[Qubit, SSAValue]:
        qmap: dict[Qubit, SSAValue] = {}
        for reg in c.qregs:
            fresh = [q for q in reg if q not in qmap]
            if not fresh:
                continue
            name = reg.name if len(fresh) == len(reg) else f"{reg.name}_rest"
            for q, ref in zip(fresh, self.b.alloc_register(name, len(fresh))):
                qmap[q] = ref
        loose = [q for q in c.qubits if q not in qmap]
        if loose:
            for q, ref in zip(loose, self.b.alloc_register("q_loose", len(loose))):
                qmap[q] = ref
        return qmap

    def _zero_of(self, ty: types.Type) -> SSAValue:
        if isinstance(ty, types.Bool):
            return self.b.const_bool(False)
        if isinstance(ty, types.Uint):
            return self.b.const_i64(0)
        raise QckptError(f"classical variables of type {ty} are not supported")

    # ------------------------------------------------------------- bodies
    def _lower_body(self, circ: QuantumCircuit, qmap: dict[Qubit, SSAValue], cmap: dict[Clbit, Clbit] | None = None) -> None:
        """Lower a circuit's instructions. ``qmap`` maps the circuit's qubits
        to IR references; ``cmap`` maps its clbits to the outer program's."""
        self._lower_seq(list(circ.data), 0, qmap, cmap)

    def _lower_seq(self, data: list, start: int, qmap, cmap) -> None:
        for i in range(start, len(data)):
            inst = data[i]
            self._lower_instruction(inst, qmap, cmap)
            if self.loop_depth and i + 1 < len(data) and _may_escape(inst.operation):
                # Guard the rest of the body: it runs only if no break/continue fired.
                rest = data[i + 1 :]
                escaped = self.b.or_(self.env[BREAK], self.env[CONTINUE])
                go_on = self.b.not_(escaped)
                written = set()
                for r in rest:
                    written |= self._written(r, cmap)
                self._structured_if(go_on, lambda: self._lower_seq(rest, 0, qmap, cmap), None, written)
                return

    def _clbit(self, bit: Clbit, cmap) -> Clbit:
        return cmap.get(bit, bit) if cmap else bit

    def _lower_instruction(self, inst, qmap, cmap) -> None:
        op = inst.operation
        name = op.name
        qubits = [qmap[q] for q in inst.qubits]
        if name == "measure":
            self.env[self._clbit(inst.clbits[0], cmap)] = self.b.measure(qubits[0])
        elif name == "reset":
            self.b.reset(qubits[0])
        elif name == "barrier":
            self.b.barrier(qubits)
        elif name in _IGNORED:
            pass
        elif isinstance(op, IfElseOp):
            self._lower_if(inst, qmap, cmap)
        elif isinstance(op, WhileLoopOp):
            self._lower_while(inst, qmap, cmap)
        elif isinstance(op, ForLoopOp):
            self._lower_for(inst, qmap, cmap)
        elif isinstance(op, SwitchCaseOp):
            self._lower_switch(inst, qmap, cmap)
        elif isinstance(op, BoxOp):
            body = op.blocks[0]
            self._lower_body(body, self._inner_qmap(body, inst, qmap), self._inner_cmap(body, inst, cmap))
        elif isinstance(op, BreakLoopOp):
            self._require_loop("break")
            self.env[BREAK] = self.b.const_bool(True)
        elif isinstance(op, ContinueLoopOp):
            self._require_loop("continue")
            self.env[CONTINUE] = self.b.const_bool(True)
        elif isinstance(op, Store):
            self._lower_store(op, cmap)
        elif name in GATES and len(qubits) == GATES[name].num_qubits and len(op.params) == GATES[name].num_params:
            self.b.gate(name, qubits, [self._angle(p, name) for p in op.params])
        elif _GATE_ALIASES.get(name) is not None:
            self.b.gate(_GATE_ALIASES[name], qubits, [self._angle(p, name) for p in op.params])
        elif getattr(op, "definition", None) is not None and not inst.clbits:
            # A gate outside our table: lower its definition, which Qiskit
            # builds from standard gates.
            defn = op.definition
            inner = {dq: qubits[i] for i, dq in enumerate(defn.qubits)}
            self._lower_body(defn, {q: inner[q] for q in defn.qubits})
        else:
            raise QckptError(f"unsupported instruction '{name}' on {len(qubits)} qubit(s)")

    def _require_loop(self, what: str) -> None:
        if not self.loop_depth:
            raise QckptError(f"'{what}' outside a loop")

    def _angle(self, p: Any, gate: str) -> SSAValue:
        if self.inputs is not None and isinstance(p, ParameterExpression) and p.parameters:
            return self._linear_angle(p, gate)
        if self.slots is not None and isinstance(p, ParameterExpression) and p.parameters:
            name = self.slots.get(p)
            if name is None:
                name = self.slots[p] = f"{SLOT_PREFIX}{len(self.slots)}"
            return self.b.param(name, F64)
        try:
            return self.b.const_f64(float(p))
        except TypeError as e:
            raise QckptError(f"gate '{gate}' has an unbound parameter {p}") from e

    def _linear_angle(self, p: ParameterExpression, gate: str) -> SSAValue:
        """``c + sum(k_i * input_i)``: the angle computed from named inputs.
        Linear means each partial derivative is a number; the constant is
        the angle with every parameter at zero."""
        assert self.inputs is not None
        angle: SSAValue | None = None
        for param in sorted(p.parameters, key=lambda q: q.name):
            k = p.gradient(param)
            if isinstance(k, ParameterExpression):
                if k.parameters:
                    raise QckptError(f"gate '{gate}': angle {p} is not linear in its parameters; give their values (params=) or assign them first")
                k = float(k)
            name = input_name(param)
            if self.inputs.setdefault(name, param) != param:
                raise QckptError(f"parameters '{self.inputs[name].name}' and '{param.name}' would both be the input '{name}'; rename one")
            term = self.b.param(name, F64)
            if k != 1:
                term = self.b.binop(arith.MulfOp, self.b.const_f64(float(k)), term)
            angle = term if angle is None else self.b.binop(arith.AddfOp, angle, term)
        assert angle is not None
        c = float(p.bind({q: 0.0 for q in p.parameters}))
        return angle if c == 0 else self.b.binop(arith.AddfOp, angle, self.b.const_f64(c))

    # ------------------------------------------------------------- written sets
    def _written(self, inst, cmap) -> set[Location]:
        """Locations (outer clbits, vars, loop flags) an instruction may assign."""
        op = inst.operation
        if op.name == "measure":
            return {self._clbit(inst.clbits[0], cmap)}
        if isinstance(op, Store):
            return {self._lvalue_location(op.lvalue, cmap)}
        if isinstance(op, BreakLoopOp):
            return {BREAK}
        if isinstance(op, ContinueLoopOp):
            return {CONTINUE}
        blocks = getattr(op, "blocks", None)
        if not blocks:
            return set()
        out: set[Location] = set()
        for body in blocks:
            inner = self._inner_cmap(body, inst, cmap)
            for sub in body.data:
                out |= self._written(sub, inner)
        if isinstance(op, (WhileLoopOp, ForLoopOp)):
            out -= {BREAK, CONTINUE}  # a loop's own flags do not escape it
        return out

    def _inner_cmap(self, body: QuantumCircuit, inst, cmap) -> dict[Clbit, Clbit]:
        return {b: self._clbit(outer, cmap) for b, outer in zip(body.clbits, inst.clbits)}

    def _inner_qmap(self, body: QuantumCircuit, inst, qmap) -> dict[Qubit, SSAValue]:
        return {b: qmap[outer] for b, outer in zip(body.qubits, inst.qubits)}

    # ------------------------------------------------------------- structured helpers
    def _structured_if(self, cond: SSAValue, then_fn: Callable[[], None], else_fn: Callable[[], None] | None, written: set[Location]) -> None:
        keys = [k for k in _stable(written, self.bit_order) if k in self.env]
        op, then_b, else_b = self.b.if_(cond, [self.env[k].type for k in keys])
        for block, fn in ((then_b, then_fn), (else_b, else_fn)):
            with self.env.scope():
                outer = self.b.set_block(block)
                if fn is not None:
                    fn()
                self.b.yield_([self.env[k] for k in keys])
                self.b.set_block(outer)
        for k, r in zip(keys, op.results):
            self.env[k] = r

    # ------------------------------------------------------------- control flow
    def _lower_if(self, inst, qmap, cmap) -> None:
        op: IfElseOp = inst.operation
        cond = self._condition(op.condition, cmap)
        true_body, false_body = op.blocks[0], op.blocks[1] if len(op.blocks) > 1 else None
        written = self._written(inst, cmap)
        self._structured_if(
            cond,
            lambda: self._lower_body(true_body, self._inner_qmap(true_body, inst, qmap), self._inner_cmap(true_body, inst, cmap)),
            (lambda: self._lower_body(false_body, self._inner_qmap(false_body, inst, qmap), self._inner_cmap(false_body, inst, cmap)))
            if false_body is not None
            else None,
            written,
        )

    def _enter_loop(self) -> dict[Location, SSAValue | None]:
        self.loop_depth += 1
        return self.env.reset((BREAK, CONTINUE), self.b.const_bool(False))

    def _leave_loop(self, saved: dict[Location, SSAValue | None]) -> None:
        self.loop_depth -= 1
        self.env.restore(saved)

    def _lower_while(self, inst, qmap, cmap) -> None:
        op: WhileLoopOp = inst.operation
        body = op.blocks[0]
        saved_flags = self._enter_loop()
        has_break = _contains(body, BreakLoopOp)
        carried = [k for k in _stable(self._written(inst, cmap), self.bit_order) if k in self.env]
        if has_break:
            carried.append(BREAK)
        init = [self.env[k] for k in carried]
        types_ = [v.type for v in init]

        before = Block(arg_types=types_)
        after = Block(arg_types=types_)
        wop = scf.WhileOp(init, types_, Region(before), Region(after))
        self.b.add(wop)

        outer_block = self.b.set_block(before)
        with self.env.scope():
            # before: evaluate the condition on the carried values
            for k, a in zip(carried, before.args):
                self.env[k] = a
            cond = self._condition(op.condition, cmap)
            if has_break:
                cond = self.b.and_(cond, self.b.not_(self.env[BREAK]))
            self.b.add(scf.ConditionOp(cond, *before.args))
        with self.env.scope():
            # after: the body
            for k, a in zip(carried, after.args):
                self.env[k] = a
            self.env[CONTINUE] = self.b.const_bool(False)
            self.b.set_block(after)
            self._lower_body(body, self._inner_qmap(body, inst, qmap), self._inner_cmap(body, inst, cmap))
            self.b.yield_([self.env[k] for k in carried])
        self.b.set_block(outer_block)
        for k, r in zip(carried, wop.results):
            self.env[k] = r
        self._leave_loop(saved_flags)

    def _lower_for(self, inst, qmap, cmap) -> None:
        op: ForLoopOp = inst.operation
        indexset, loop_param, body = op.params
        values = list(indexset)
        inner_q = self._inner_qmap(body, inst, qmap)
        inner_c = self._inner_cmap(body, inst, cmap)
        saved_flags = self._enter_loop()
        if loop_param is not None and loop_param in body.parameters:
            # The loop variable is an angle: unroll, binding it per iteration.
            # QIR has no float math at run time, so the angle must be a constant.
            self.env[BREAK] = self.b.const_bool(False)
            has_escape = _contains(body, BreakLoopOp)
            written = self._written(inst, cmap) | {BREAK}
            for n, v in enumerate(values):
                bound = body.assign_parameters({loop_param: v}, inplace=False)

                def one(bound=bound) -> None:
                    self.env[CONTINUE] = self.b.const_bool(False)
                    self._lower_body(bound, {bq: inner_q[q] for bq, q in zip(bound.qubits, body.qubits)}, inner_c)

                if n and has_escape:
                    self._structured_if(self.b.not_(self.env[BREAK]), one, None, written)
                else:
                    one()
        else:
            # The loop variable is unused: count iterations.
            has_break = _contains(body, BreakLoopOp)
            carried = [k for k in _stable(self._written(inst, cmap), self.bit_order) if k in self.env]
            if has_break:
                carried.append(BREAK)
            init = [self.env[k] for k in carried]
            block = Block(arg_types=[INDEX, *(v.type for v in init)])
            fop = scf.ForOp(self.b.const_index(0), self.b.const_index(len(values)), self.b.const_index(1), init, Region(block))
            self.b.add(fop)
            outer_block = self.b.set_block(block)

            def iteration() -> None:
                self.env[CONTINUE] = self.b.const_bool(False)
                self._lower_body(body, inner_q, inner_c)

            with self.env.scope():
                for k, a in zip(carried, block.args[1:]):
                    self.env[k] = a
                if has_break:
                    # scf.for cannot exit early: the iterations after a break do nothing.
                    self._structured_if(self.b.not_(self.env[BREAK]), iteration, None, set(carried))
                else:
                    iteration()
                self.b.yield_([self.env[k] for k in carried])
            self.b.set_block(outer_block)
            for k, r in zip(carried, fop.results):
                self.env[k] = r
        self._leave_loop(saved_flags)

    def _lower_switch(self, inst, qmap, cmap) -> None:
        op: SwitchCaseOp = inst.operation
        target = self._value(op.target, cmap)
        selector = self.b.index_cast(self.b.zext_i64(target))
        written = self._written(inst, cmap)
        keys = [k for k in _stable(written, self.bit_order) if k in self.env]
        result_types = [self.env[k].type for k in keys]
        case_values: list[int] = []
        case_bodies: list[QuantumCircuit] = []
        default_body: QuantumCircuit | None = None
        for values, body in op.cases_specifier():
            for v in values:
                if v is CASE_DEFAULT:
                    default_body = body
                else:
                    iv = int(v) if not isinstance(v, bool) else int(v)
                    if iv in case_values:
                        continue  # first match wins
                    case_values.append(iv)
                    case_bodies.append(body)
        regions = []
        for body in [default_body, *case_bodies]:
            block = Block()
            with self.env.scope():
                outer = self.b.set_block(block)
                if body is not None:
                    self._lower_body(body, self._inner_qmap(body, inst, qmap), self._inner_cmap(body, inst, cmap))
                self.b.yield_([self.env[k] for k in keys])
                self.b.set_block(outer)
            regions.append(Region(block))
        sop = scf.IndexSwitchOp(selector, DenseArrayBase.from_list(i64, case_values), regions[0], regions[1:], result_types)
        self.b.add(sop)
        for k, r in zip(keys, sop.results):
            self.env[k] = r

    # ------------------------------------------------------------- classical values
    def _lvalue_location(self, lv, cmap) -> Location:
        if isinstance(lv, expr.Var):
            if isinstance(lv.var, Clbit):
                return self._clbit(lv.var, cmap)
            if isinstance(lv.var, ClassicalRegister):
                raise QckptError("storing to a whole classical register is not supported; store its bits")
            return lv
        if isinstance(lv, expr.Index) and isinstance(lv.target, expr.Var) and isinstance(lv.target.var, ClassicalRegister):
            idx = lv.index
            if isinstance(idx, expr.Value):
                return self._clbit(lv.target.var[idx.value], cmap)
        raise QckptError(f"unsupported store target {lv}")

    def _lower_store(self, op: Store, cmap) -> None:
        loc = self._lvalue_location(op.lvalue, cmap)
        v = self._value(op.rvalue, cmap)
        if isinstance(loc, Clbit):
            v = self.b.trunc_i1(v) if v.type != i1 else v
        self.env[loc] = v

    def _condition(self, cond, cmap) -> SSAValue:
        if isinstance(cond, tuple):
            target, value = cond
            if isinstance(target, Clbit):
                bit = self.env[self._clbit(target, cmap)]
                return bit if value else self.b.not_(bit)
            if isinstance(target, ClassicalRegister):
                reg = self.b.bits_to_int([self.env[self._clbit(b, cmap)] for b in target])
                return self.b.cmpi("eq", reg, self.b.const_i64(int(value)))
        v = self._value(cond, cmap)
        return v if v.type == i1 else self.b.cmpi("ne", v, self.b.const_i64(0))

    def _value(self, e, cmap) -> SSAValue:
        """Lower a Qiskit classical expression. Bools are ``i1``; ``Uint[n]``
        values are ``i64`` kept reduced modulo 2**n."""
        b = self.b
        if isinstance(e, Clbit):
            return self.env[self._clbit(e, cmap)]
        if isinstance(e, ClassicalRegister):
            return b.bits_to_int([self.env[self._clbit(x, cmap)] for x in e])
        if isinstance(e, expr.Var):
            if isinstance(e.var, (Clbit, ClassicalRegister)):
                return self._value(e.var, cmap)
            if e not in self.env:
                raise QckptError(f"variable '{e.name}' is read before it is declared")
            return self.env[e]
        if isinstance(e, expr.Value):
            if isinstance(e.type, types.Bool):
                return b.const_bool(bool(e.value))
            if isinstance(e.type, types.Uint):
                return b.const_i64(int(e.value))
            raise QckptError(f"classical value of type {e.type} is not supported")
        if isinstance(e, expr.Cast):
            v = self._value(e.operand, cmap)
            if isinstance(e.type, types.Bool):
                return v if v.type == i1 else b.cmpi("ne", v, b.const_i64(0))
            if isinstance(e.type, types.Uint):
                return self._mask(b.zext_i64(v), e.type.width)
            raise QckptError(f"cast to {e.type} is not supported")
        if isinstance(e, expr.Unary):
            v = self._value(e.operand, cmap)
            if e.op in (expr.Unary.Op.LOGIC_NOT, expr.Unary.Op.BIT_NOT) and v.type == i1:
                return b.not_(v)
            if e.op == expr.Unary.Op.BIT_NOT:
                return b.xor(v, b.const_i64((1 << e.type.width) - 1))
            raise QckptError(f"unary operator {e.op.name} is not supported")
        if isinstance(e, expr.Index):
            target = e.target
            if isinstance(target, expr.Var) and isinstance(target.var, ClassicalRegister) and isinstance(e.index, expr.Value):
                return self.env[self._clbit(target.var[e.index.value], cmap)]
            v = self._value(target, cmap)
            i = self.b.zext_i64(self._value(e.index, cmap))
            shifted = b.binop(arith.ShRUIOp, v, i)
            return b.trunc_i1(b.and_(shifted, b.const_i64(1)))
        if isinstance(e, expr.Binary):
            return self._binary(e, cmap)
        raise QckptError(f"classical expression {e!r} is not supported")

    def _mask(self, v: SSAValue, width: int) -> SSAValue:
        return v if width >= 64 else self.b.and_(v, self.b.const_i64((1 << width) - 1))

    def _binary(self, e, cmap) -> SSAValue:
        b = self.b
        Op = expr.Binary.Op
        lhs, rhs = self._value(e.left, cmap), self._value(e.right, cmap)
        if lhs.type != rhs.type:
            lhs, rhs = b.zext_i64(lhs), b.zext_i64(rhs)
        simple = {Op.BIT_AND: arith.AndIOp, Op.BIT_OR: arith.OrIOp, Op.BIT_XOR: arith.XOrIOp,
                  Op.LOGIC_AND: arith.AndIOp, Op.LOGIC_OR: arith.OrIOp}
        if e.op in simple:
            if e.op in (Op.LOGIC_AND, Op.LOGIC_OR):
                lhs, rhs = self._truthy(lhs), self._truthy(rhs)
            return b.binop(simple[e.op], lhs, rhs)
        preds = {Op.EQUAL: "eq", Op.NOT_EQUAL: "ne", Op.LESS: "ult", Op.LESS_EQUAL: "ule",
                 Op.GREATER: "ugt", Op.GREATER_EQUAL: "uge"}
        if e.op in preds:
            return b.cmpi(preds[e.op], lhs, rhs)
        width = e.type.width if isinstance(e.type, types.Uint) else 64
        arith_ops = {Op.SHIFT_LEFT: arith.ShLIOp, Op.SHIFT_RIGHT: arith.ShRUIOp, Op.ADD: arith.AddiOp,
                     Op.SUB: arith.SubiOp, Op.MUL: arith.MuliOp, Op.DIV: arith.DivUIOp}
        if e.op in arith_ops:
            lhs, rhs = b.zext_i64(lhs), b.zext_i64(rhs)
            return self._mask(b.binop(arith_ops[e.op], lhs, rhs), width)
        raise QckptError(f"binary operator {e.op.name} is not supported")

    def _truthy(self, v: SSAValue) -> SSAValue:
        return v if v.type == i1 else self.b.cmpi("ne", v, self.b.const_i64(0))


def _may_escape(op) -> bool:
    """Whether executing ``op`` may trigger break/continue of the enclosing loop."""
    if isinstance(op, (BreakLoopOp, ContinueLoopOp)):
        return True
    if isinstance(op, (WhileLoopOp, ForLoopOp)):
        return False
    return any(_may_escape(i.operation) for body in getattr(op, "blocks", ()) for i in body.data)


def _contains(body: QuantumCircuit, kind: type) -> bool:
    """Whether ``body`` has ``kind`` at its own loop level (not in nested loops)."""
    for inst in body.data:
        op = inst.operation
        if isinstance(op, kind):
            return True
        if not isinstance(op, (WhileLoopOp, ForLoopOp)) and any(_contains(b, kind) for b in getattr(op, "blocks", ())):
            return True
    return False


def _stable(locations: set[Location], order: dict[Clbit, int]) -> list[Location]:
    """A deterministic order for locations (clbits in circuit order, then
    variables by name, then flags), so the same circuit gives the same IR."""

    def key(k: Location) -> tuple[int, int, str]:
        if isinstance(k, Clbit):
            return (0, order.get(k, -1), "")
        if isinstance(k, _Flag):
            return (2, 0, k.name)
        return (1, 0, getattr(k, "name", repr(k)))

    return sorted(locations, key=key)
