"""The `qc` dialect: quantum operations in reference semantics.

Qubits are references, as in QIR: gates, measurements and resets act on a
qubit in place (they have memory effects on it) and produce no new qubit
value. That keeps classical control in upstream `scf`, `arith` and `func`: a
gate inside an `scf.if` is just an op with an effect, with no quantum values
to thread through yields.

- ``qc.alloc``   a named register of N qubits          -> ``!qc.reg<N>``
- ``qc.qubit``   the qubit at a constant index          -> ``!qc.qubit``
- ``qc.qubit_at`` the qubit at a run-time index (unrolled away before QIR)
- ``qc.gate``    one op for every gate, named from the gate table
- ``qc.measure`` -> ``i1``;  ``qc.reset``;  ``qc.barrier``
- ``qc.output``  records a classical register (a label and its values) in
  the program's output; QIR emission turns it into labelled output records
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects.builtin import (
    ArrayAttr,
    FloatAttr,
    IntAttr,
    IntegerAttr,
    IntegerType,
    StringAttr,
    Float64Type,
    IndexType,
    i1,
    i64,
)
from xdsl.ir import Attribute, Dialect, ParametrizedAttribute, SSAValue, TypeAttribute
from xdsl.irdl import (
    AttrSizedOperandSegments,
    base,
    IRDLOperation,
    irdl_attr_definition,
    irdl_op_definition,
    operand_def,
    prop_def,
    result_def,
    traits_def,
    var_operand_def,
)
from xdsl.parser import AttrParser
from xdsl.printer import Printer
from xdsl.traits import Pure
from xdsl.utils.exceptions import VerifyException

from qckpt.dialects.gates import GATES


@irdl_attr_definition
class QubitType(ParametrizedAttribute, TypeAttribute):
    """A reference to one qubit."""

    name = "qc.qubit"


@irdl_attr_definition
class RegType(ParametrizedAttribute, TypeAttribute):
    """A register of a fixed number of qubits: ``!qc.reg<3>``."""

    name = "qc.reg"
    size: IntAttr

    @classmethod
    def parse_parameters(cls, parser: AttrParser) -> Sequence[Attribute]:
        with parser.in_angle_brackets():
            n = parser.parse_integer(allow_boolean=False, allow_negative=False)
        return (IntAttr(n),)

    def print_parameters(self, printer: Printer) -> None:
        printer.print_string(f"<{self.size.data}>")


QUBIT = QubitType()


@irdl_op_definition
class AllocOp(IRDLOperation):
    """A named quantum register, its qubits fresh (|0>)."""

    name = "qc.alloc"
    reg_name = prop_def(StringAttr)
    reg = result_def(RegType)

    assembly_format = "$reg_name attr-dict `:` type($reg)"

    def __init__(self, reg_name: str, size: int):
        super().__init__(properties={"reg_name": StringAttr(reg_name)}, result_types=[RegType(IntAttr(size))])

    @property
    def size(self) -> int:
        return self.reg.type.size.data  # type: ignore[attr-defined]

    def verify_(self) -> None:
        if self.size < 1:
            raise VerifyException(f"register '{self.reg_name.data}' must hold at least one qubit, not {self.size}")


@irdl_op_definition
class QubitOp(IRDLOperation):
    """The qubit at a constant index of a register."""

    name = "qc.qubit"
    reg = operand_def(RegType)
    index = prop_def(IntegerAttr[IntegerType])
    qubit = result_def(QubitType)

    traits = traits_def(Pure())
    assembly_format = "$reg `[` $index `]` attr-dict `:` type($reg)"

    def __init__(self, reg: SSAValue, index: int):
        super().__init__(operands=[reg], properties={"index": IntegerAttr(index, i64)}, result_types=[QUBIT])

    def verify_(self) -> None:
        size = self.reg.type.size.data  # type: ignore[attr-defined]
        i = self.index.value.data
        if not 0 <= i < size:
            raise VerifyException(f"qubit index {i} is out of range for a register of {size} qubits")


@irdl_op_definition
class QubitAtOp(IRDLOperation):
    """The qubit at an index computed at run time (``q[i]`` in a loop).

    QIR needs static qubit ids, so this op must be gone before emission:
    ``qc-unroll-qubit-loops`` unrolls loops with constant bounds and folds
    the index; anything left is reported where it was written."""

    name = "qc.qubit_at"
    reg = operand_def(RegType)
    index = operand_def(base(IndexType) | base(IntegerType))
    qubit = result_def(QubitType)

    traits = traits_def(Pure())
    assembly_format = "$reg `[` $index `]` attr-dict `:` type($reg) `,` type($index)"

    def __init__(self, reg: SSAValue, index: SSAValue):
        super().__init__(operands=[reg, index], result_types=[QUBIT])


@irdl_op_definition
class GateOp(IRDLOperation):
    """A gate from the gate table, applied in place.

    Parameters are ``f64`` SSA operands so that variational parameters can be
    rebound without rebuilding the gate."""

    name = "qc.gate"
    gate = prop_def(StringAttr)
    params = var_operand_def(Float64Type)
    qubits = var_operand_def(QubitType)

    irdl_options = (AttrSizedOperandSegments(as_property=True),)
    assembly_format = "$gate (`(` $params^ `)`)? $qubits attr-dict"

    def __init__(self, gate: str, qubits: Sequence[SSAValue], params: Sequence[SSAValue] = ()):
        super().__init__(operands=[params, qubits], properties={"gate": StringAttr(gate)})

    def verify_(self) -> None:
        name = self.gate.data
        sig = GATES.get(name)
        if sig is None:
            raise VerifyException(f"unknown gate '{name}'")
        if len(self.qubits) != sig.num_qubits:
            raise VerifyException(
                f"gate '{name}' acts on {sig.num_qubits} qubit(s), but {len(self.qubits)} were given"
            )
        if len(self.params) != sig.num_params:
            raise VerifyException(
                f"gate '{name}' takes {sig.num_params} parameter(s), but {len(self.params)} were given"
            )
        if len(self.qubits) > 1:
            seen: set[object] = set()
            for q in self.qubits:
                key = qubit_identity(q)
                if key in seen:
                    raise VerifyException(f"gate '{name}' uses the same qubit more than once")
                seen.add(key)


def qubit_identity(q: SSAValue) -> object:
    """A key equal for two SSA values that name the same qubit (the same
    register and constant index), so that duplicates are caught even through
    two separate ``qc.qubit`` ops."""
    owner = q.owner
    if isinstance(owner, QubitOp):
        return (owner.reg, owner.index.value.data)
    if isinstance(owner, QubitAtOp):
        return (owner.reg, owner.index)
    return q


@irdl_op_definition
class MeasureOp(IRDLOperation):
    """Measure in the Z basis; the qubit collapses to the returned bit."""

    name = "qc.measure"
    qubit = operand_def(QubitType)
    result = result_def(i1)

    assembly_format = "$qubit attr-dict"

    def __init__(self, qubit: SSAValue):
        super().__init__(operands=[qubit], result_types=[i1])


@irdl_op_definition
class ResetOp(IRDLOperation):
    name = "qc.reset"
    qubit = operand_def(QubitType)

    assembly_format = "$qubit attr-dict"

    def __init__(self, qubit: SSAValue):
        super().__init__(operands=[qubit])


@irdl_op_definition
class BarrierOp(IRDLOperation):
    """A scheduling barrier. It has no effect on the state; it is kept so
    that passes (and backends) do not reorder across it."""

    name = "qc.barrier"
    qubits = var_operand_def(QubitType)

    assembly_format = "$qubits attr-dict"

    def __init__(self, qubits: Sequence[SSAValue]):
        super().__init__(operands=[qubits])


@irdl_op_definition
class DelayOp(IRDLOperation):
    """Idle the qubits for a duration. It has no effect on the state (QIR has
    no timing, so emission drops it); it is kept so that a pass or a target
    with a timing model can use it. The duration is ``seconds`` plus
    ``samples`` of the backend's ``dt``, plus the terms in ``unresolved``
    (a stretch, a ``durationof``) that only a scheduler can resolve."""

    name = "qc.delay"
    qubits = var_operand_def(QubitType)
    seconds = prop_def(FloatAttr)
    samples = prop_def(FloatAttr)
    unresolved = prop_def(ArrayAttr)

    assembly_format = "$qubits `seconds` $seconds `samples` $samples `unresolved` $unresolved attr-dict"

    def __init__(self, qubits: Sequence[SSAValue], seconds: float, samples: float = 0.0, unresolved: Sequence[str] = ()):
        super().__init__(
            operands=[qubits],
            properties={
                "seconds": FloatAttr(seconds, Float64Type()),
                "samples": FloatAttr(samples, Float64Type()),
                "unresolved": ArrayAttr([StringAttr(u) for u in unresolved]),
            },
        )

    def verify_(self) -> None:
        # With a stretch term the known part may be negative (`g - 10ns`):
        # the scheduler solves for the stretch.
        if not self.unresolved.data and (self.seconds.value.data < 0 or self.samples.value.data < 0):
            raise VerifyException("a delay cannot be negative")


@irdl_op_definition
class ParamOp(IRDLOperation):
    """A program parameter (an OpenQASM ``input``) bound after emission.

    QIR's entry point takes no arguments, so the value reaches the program
    through a tiny IR-defined function, ``qckpt_param_<name>()``, that
    ``qckpt bind`` defines and links in without touching the body."""

    name = "qc.param"
    param_name = prop_def(StringAttr)
    value = result_def()

    traits = traits_def(Pure())
    assembly_format = "$param_name attr-dict `:` type($value)"

    def __init__(self, param_name: str, type: Attribute):
        super().__init__(properties={"param_name": StringAttr(param_name)}, result_types=[type])

    def verify_(self) -> None:
        if self.value.type not in (i1, i64, Float64Type()):
            raise VerifyException(f"parameter '{self.param_name.data}' has type {self.value.type}; expected i1, i64 or f64")


@irdl_op_definition
class OutputOp(IRDLOperation):
    """Record a classical register in the program's output, under its label.

    ``i1`` values are bits (index 0 first); ``i64`` and ``f64`` record a
    single integer or float. See ``docs/abi.md`` for the record layout."""

    name = "qc.output"
    label = prop_def(StringAttr)
    values = var_operand_def()

    assembly_format = "$label ($values^ `:` type($values))? attr-dict"

    def __init__(self, label: str, values: Sequence[SSAValue]):
        super().__init__(operands=[values], properties={"label": StringAttr(label)})

    def verify_(self) -> None:
        types = {v.type for v in self.values}
        if not types:
            raise VerifyException(f"output '{self.label.data}' records no values")
        if len(types) > 1:
            raise VerifyException(f"output '{self.label.data}' mixes value types {sorted(map(str, types))}")
        (t,) = types
        if t not in (i1, i64, Float64Type()):
            raise VerifyException(f"output '{self.label.data}' records {t}; expected i1, i64 or f64")
        if t != i1 and len(self.values) != 1:
            raise VerifyException(f"output '{self.label.data}' records one {t} value, not {len(self.values)}")


QC = Dialect(
    "qc",
    [AllocOp, QubitOp, QubitAtOp, GateOp, MeasureOp, ResetOp, BarrierOp, DelayOp, ParamOp, OutputOp],
    [QubitType, RegType],
)
