"""Fast construction of `qc` + `scf` + `arith` modules, shared by the frontends.

Frontends build one op per gate, so construction cost is the compiler's
floor. The builder goes through ``Op.create`` with interned attributes
(about half the cost of the IRDL constructors), interns constants and qubit
references in the function's prologue, and keeps an insertion point that
structured control flow pushes and pops.

The prologue (constants, registers, qubit references) sits at the top of the
entry block, so its values dominate every nested region.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import (
    FloatAttr,
    FloatData,
    IndexType,
    IntegerAttr,
    IntegerType,
    ModuleOp,
    Float64Type,
    i1,
    i64,
)
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.dialects.builtin import LocationAttr

from qckpt.dialects.construct import NO_PROPS as _NO_PROPS, append_op, gate_properties, make_op

from qckpt.dialects import qc

F64 = Float64Type()
INDEX = IndexType()


EAGER_QUBIT_REFS = 64  # registers up to this width get every reference up front (the IR readers and tests expect)


def qubit_ref(reg: SSAValue, i: int) -> Operation:
    """``qc.qubit`` ``i`` of register ``reg``."""
    return make_op(qc.QubitOp, [reg], {"index": IntegerAttr(i, i64)}, [qc.QUBIT])


class QubitRefs(Sequence[SSAValue]):
    """The qubit references of a wide register, each made on first use."""

    def __init__(self, reg: SSAValue, size: int) -> None:
        self.reg = reg
        self.size = size
        self._ops: dict[int, Operation] = {}

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.size))]
        if i < 0:
            i += self.size
        if not 0 <= i < self.size:
            raise IndexError(i)
        op = self._ops.get(i)
        if op is None:
            op = self._ops[i] = qubit_ref(self.reg, i)
        return op.results[0]

    def __iter__(self) -> Iterator[SSAValue]:
        return (self[i] for i in range(self.size))

    def made(self) -> list[Operation]:
        """The references made so far, in index order."""
        return [self._ops[i] for i in sorted(self._ops)]


class IRBuilder:
    def __init__(self, func_name: str = "main") -> None:
        self.entry = Block()
        self.func = func.FuncOp(func_name, ((), ()), Region(self.entry))
        self.module = ModuleOp([self.func])
        self._prologue: list[Operation] = []
        self._block = self.entry
        self._consts: dict[tuple[object, Attribute], SSAValue] = {}
        self.num_qubits = 0
        self._lazy_refs: dict[Operation, QubitRefs] = {}  # wide registers' allocations -> their references

    # ----------------------------------------------------------- insertion
    @property
    def block(self) -> Block:
        return self._block

    def set_block(self, block: Block) -> Block:
        """Move the insertion point to the end of ``block``; return the old block."""
        old, self._block = self._block, block
        return old

    def add(self, op: Operation) -> Operation:
        self._block.add_op(op)
        return op

    def finish(self) -> ModuleOp:
        """Close the function and place the prologue before the body."""
        self.entry.add_op(func.ReturnOp())
        first = self.entry.first_op
        assert first is not None
        prologue: list[Operation] = []
        for op in self._prologue:
            prologue.append(op)
            refs = self._lazy_refs.get(op)
            if refs is not None:
                prologue.extend(refs.made())
        self.entry.insert_ops_before(prologue, first)
        self._prologue = []
        self._lazy_refs = {}
        return self.module

    def prologue_ops(self, start: int = 0) -> list[Operation]:
        """The prologue's ops from the ``start``-th on, in the order made
        (``finish`` places them); wide registers' references are not listed."""
        return self._prologue[start:]

    # ----------------------------------------------------------- prologue
    def constant(self, value: int | float | bool, type: Attribute) -> SSAValue:
        key = (value, type)
        v = self._consts.get(key)
        if v is None:
            if isinstance(type, Float64Type):
                # ``new`` skips re-verifying a float we already know is one.
                attr: Attribute = FloatAttr.new((FloatData(float(value)), type))
            else:
                attr = IntegerAttr(int(value), type)  # type: ignore[arg-type]
            op = make_op(arith.ConstantOp, (), {"value": attr}, (type,))
            self._prologue.append(op)
            v = self._consts[key] = op.results[0]
        return v

    def const_bool(self, b: bool) -> SSAValue:
        return self.constant(1 if b else 0, i1)

    def const_i64(self, n: int) -> SSAValue:
        return self.constant(n, i64)

    def const_f64(self, x: float) -> SSAValue:
        return self.constant(float(x), F64)

    def const_index(self, n: int) -> SSAValue:
        return self.constant(n, INDEX)

    def param(self, name: str, type: Attribute) -> SSAValue:
        """A parameter bound after emission (one op per name, in the prologue)."""
        key = ("param", name)
        v = self._consts.get(key)  # type: ignore[arg-type]
        if v is None:
            op = qc.ParamOp(name, type)
            self._prologue.append(op)
            v = self._consts[key] = op.results[0]  # type: ignore[index]
        return v

    def alloc_register(self, name: str, size: int, loc: LocationAttr | None = None) -> Sequence[SSAValue]:
        """A named register; returns its qubit references in index order.
        A register wider than ``EAGER_QUBIT_REFS`` makes a reference when it
        is first used, so that ``qubit[100000] r; h r[0];`` costs one, not
        100,000; the used ones are placed after the allocation, in index
        order, when the function is finished."""
        alloc = qc.AllocOp(name, size)
        if loc is not None:
            alloc.location = loc
        self._prologue.append(alloc)
        reg = alloc.results[0]
        self.num_qubits += size
        if size > EAGER_QUBIT_REFS:
            refs = QubitRefs(reg, size)
            self._lazy_refs[alloc] = refs
            return refs
        qubits = []
        for i in range(size):
            op = qubit_ref(reg, i)
            self._prologue.append(op)
            qubits.append(op.results[0])
        return qubits

    # ----------------------------------------------------------- quantum ops
    def gate(self, name: str, qubits: Sequence[SSAValue], params: Sequence[SSAValue] = (), loc: LocationAttr | None = None) -> Operation:
        op = make_op(qc.GateOp, [*params, *qubits], gate_properties(name, len(params), len(qubits)), (), loc)
        append_op(self._block, op)
        return op

    def measure(self, qubit: SSAValue, loc: LocationAttr | None = None) -> SSAValue:
        op = make_op(qc.MeasureOp, [qubit], _NO_PROPS, (i1,), loc)
        append_op(self._block, op)
        return op.results[0]

    def reset(self, qubit: SSAValue) -> None:
        append_op(self._block, make_op(qc.ResetOp, [qubit], _NO_PROPS))

    def barrier(self, qubits: Sequence[SSAValue]) -> None:
        self._block.add_op(qc.BarrierOp.create(operands=list(qubits)))

    def delay(self, qubits: Sequence[SSAValue], seconds: float, samples: float = 0.0, unresolved: Sequence[str] = (), loc: LocationAttr | None = None) -> None:
        op = qc.DelayOp(qubits, seconds, samples, unresolved)
        if loc is not None:
            op.location = loc
        self._block.add_op(op)

    def output(self, label: str, values: Sequence[SSAValue]) -> None:
        self._block.add_op(qc.OutputOp(label, values))

    # ----------------------------------------------------------- classical ops
    def binop(self, cls: type[Operation], lhs: SSAValue, rhs: SSAValue) -> SSAValue:
        op = make_op(cls, [lhs, rhs], _NO_PROPS, (lhs.type,))
        append_op(self._block, op)
        return op.results[0]

    def xor(self, a: SSAValue, b: SSAValue) -> SSAValue:
        return self.binop(arith.XOrIOp, a, b)

    def and_(self, a: SSAValue, b: SSAValue) -> SSAValue:
        return self.binop(arith.AndIOp, a, b)

    def or_(self, a: SSAValue, b: SSAValue) -> SSAValue:
        return self.binop(arith.OrIOp, a, b)

    def not_(self, a: SSAValue) -> SSAValue:
        return self.xor(a, self.const_bool(True))

    def cmpi(self, pred: str, a: SSAValue, b: SSAValue) -> SSAValue:
        return self.add(arith.CmpiOp(a, b, pred)).results[0]

    def zext_i64(self, a: SSAValue) -> SSAValue:
        if a.type == i64:
            return a
        return self.add(arith.ExtUIOp(a, i64)).results[0]

    def trunc_i1(self, a: SSAValue) -> SSAValue:
        if a.type == i1:
            return a
        return self.add(arith.TruncIOp(a, i1)).results[0]

    def bits_to_int(self, bits: Sequence[SSAValue]) -> SSAValue:
        """The unsigned integer whose bit i is ``bits[i]``."""
        acc: SSAValue | None = None
        for i, b in enumerate(bits):
            v = self.zext_i64(b)
            if i:
                v = self.binop(arith.ShLIOp, v, self.const_i64(i))
            acc = v if acc is None else self.or_(acc, v)
        return acc if acc is not None else self.const_i64(0)

    def index_cast(self, a: SSAValue) -> SSAValue:
        return self.add(arith.IndexCastOp(a, INDEX)).results[0]

    # ----------------------------------------------------------- control flow
    def if_(self, cond: SSAValue, result_types: Sequence[Attribute]) -> tuple[scf.IfOp, Block, Block]:
        then_b, else_b = Block(), Block()
        op = make_op(scf.IfOp, [cond], _NO_PROPS, tuple(result_types), None, (Region(then_b), Region(else_b)))
        self.add(op)
        return op, then_b, else_b  # type: ignore[return-value]

    def yield_(self, values: Sequence[SSAValue]) -> None:
        append_op(self._block, make_op(scf.YieldOp, values, _NO_PROPS))


def is_constant(v: SSAValue) -> bool:
    return isinstance(v.owner, arith.ConstantOp)


def constant_value(v: SSAValue) -> int | float | None:
    owner = v.owner
    if isinstance(owner, arith.ConstantOp):
        attr = owner.value
        if isinstance(attr, (IntegerAttr, FloatAttr)):
            return attr.value.data
    return None


__all__ = ["IRBuilder", "F64", "INDEX", "is_constant", "constant_value", "IntegerType", "i1", "i64"]
