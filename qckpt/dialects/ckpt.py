"""The `ckpt` dialect: where a running program's state is captured.

``ckpt.boundary`` marks a program point at which a checkpoint records the
classical state the rest of the run needs::

    ckpt.boundary 3 classicalized "after-correction" [%m0 as "m0" : i1, %n as "n" : i64]
    ckpt.boundary 4 algorithmic "iteration" [%k as "k" : index] cut [%q1] cost 12

- ``id``: stable within a module (the records and the runtime refer to it);
- ``kind``: ``classicalized`` (state turned into bits by measurement),
  ``algorithmic`` (a loop iteration), ``layer``, ``logical`` (reserved for
  error-corrected runs) or ``user``;
- ``label``: a human name, carried into records and reports;
- the classical values persisted there, each with a unique name;
- once analysed: the quantum cut (qubits whose state is *not* captured
  classically at this point) and the replay cost (operations in the quantum
  cone of the cut).

``ckpt.detector`` and ``ckpt.observable`` say what a QEC program checks
and protects (the stim backend lowers them to ``DETECTOR`` and
``OBSERVABLE_INCLUDE``)::

    ckpt.detector [%m3, %p3] coords [1.0, 2.0]   // this parity is 0 without noise
    ckpt.observable 0 [%d0, %d1, %d2]            // logical observable 0 is this parity

Their operands are measured bits (``i1``); the parity is of the
measurements those bits come from, so a bit carried from the previous
round of a loop (an ``iter_args`` value) refers to that round's
measurement. The ops sit where the check is complete (after its last
measurement), which is also where the lowering resolves them.

The op has no declared memory effects, which xDSL treats as "may touch
anything": no pass moves a gate or a measurement across it, and dead-code
elimination and CSE keep it.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects.builtin import ArrayAttr, Float64Type, FloatAttr, IndexType, IntegerAttr, IntegerType, StringAttr, i1, i64
from xdsl.ir import Attribute, Dialect, SSAValue
from xdsl.irdl import (
    AttrSizedOperandSegments,
    IRDLOperation,
    irdl_op_definition,
    opt_prop_def,
    prop_def,
    var_operand_def,
)
from xdsl.parser import Parser, UnresolvedOperand
from xdsl.printer import Printer
from xdsl.utils.exceptions import VerifyException

from qckpt.dialects.qc import QubitType, qubit_identity

KINDS = ("classicalized", "algorithmic", "layer", "logical", "user")
# A persisted name with this prefix holds the bit of a classical qubit
# ("qubit:q[2]"), which re-preparation needs; other names are SSA state.
QUBIT_BIT_PREFIX = "qubit:"
# Values only the program's final output recording still needs ("out:c_3"):
# decided outputs a resumed shot reports, but not state that shapes its future.
OUTPUT_PREFIX = "out:"


def _persistable(t: Attribute) -> bool:
    return isinstance(t, (IndexType, Float64Type)) or (isinstance(t, IntegerType) and t.width.data in (1, 64))


@irdl_op_definition
class BoundaryOp(IRDLOperation):
    """A checkpoint boundary; see the module docstring."""

    name = "ckpt.boundary"

    boundary_id = prop_def(IntegerAttr[IntegerType])
    kind = prop_def(StringAttr)
    label = prop_def(StringAttr)
    names = prop_def(ArrayAttr[StringAttr])
    replay_cost = opt_prop_def(IntegerAttr[IntegerType])

    values = var_operand_def()
    cut = var_operand_def(QubitType)

    irdl_options = (AttrSizedOperandSegments(as_property=True),)

    def __init__(
        self,
        boundary_id: int,
        kind: str,
        label: str,
        values: Sequence[tuple[str, SSAValue]] = (),
        cut: Sequence[SSAValue] = (),
        replay_cost: int | None = None,
    ) -> None:
        props: dict[str, Attribute] = {
            "boundary_id": IntegerAttr(boundary_id, i64),
            "kind": StringAttr(kind),
            "label": StringAttr(label),
            "names": ArrayAttr([StringAttr(n) for n, _ in values]),
        }
        if replay_cost is not None:
            props["replay_cost"] = IntegerAttr(replay_cost, i64)
        super().__init__(operands=[[v for _, v in values], list(cut)], properties=props)

    @property
    def id(self) -> int:
        return self.boundary_id.value.data

    def named_values(self) -> list[tuple[str, SSAValue]]:
        return [(n.data, v) for n, v in zip(self.names.data, self.values)]

    def verify_(self) -> None:
        where = f"boundary {self.id}"
        if self.id < 0:
            raise VerifyException(f"{where}: the id must be non-negative")
        if self.kind.data not in KINDS:
            raise VerifyException(f"{where}: unknown kind '{self.kind.data}'; expected one of {', '.join(KINDS)}")
        names = [n.data for n in self.names.data]
        if len(names) != len(self.values):
            raise VerifyException(f"{where}: {len(self.values)} value(s) but {len(names)} name(s)")
        seen: set[str] = set()
        for n, v in zip(names, self.values):
            if not n:
                raise VerifyException(f"{where}: a persisted value has an empty name")
            if n in seen:
                raise VerifyException(f"{where}: the name '{n}' is persisted twice")
            seen.add(n)
            if not _persistable(v.type):
                raise VerifyException(f"{where}: '{n}' has type {v.type}; a boundary persists i1, i64, index or f64")
        cut_ids = [qubit_identity(q) for q in self.cut]
        if len(set(cut_ids)) != len(cut_ids):
            raise VerifyException(f"{where}: a qubit appears twice in the quantum cut")
        if self.replay_cost is not None and self.replay_cost.value.data < 0:
            raise VerifyException(f"{where}: the replay cost must be non-negative")

    # Custom syntax (see the module docstring).
    def print(self, printer: Printer) -> None:
        printer.print_string(f" {self.id} {self.kind.data} ")
        printer.print_string_literal(self.label.data)
        printer.print_string(" [")
        for i, (n, v) in enumerate(self.named_values()):
            if i:
                printer.print_string(", ")
            printer.print_operand(v)
            printer.print_string(" as ")
            printer.print_string_literal(n)
            printer.print_string(" : ")
            printer.print_attribute(v.type)
        printer.print_string("]")
        if self.cut or self.replay_cost is not None:
            printer.print_string(" cut [")
            printer.print_list(self.cut, printer.print_operand)
            printer.print_string("]")
        if self.replay_cost is not None:
            printer.print_string(f" cost {self.replay_cost.value.data}")
        printer.print_op_attributes(self.attributes)

    @classmethod
    def parse(cls, parser: Parser) -> BoundaryOp:
        bid = parser.parse_integer(allow_boolean=False, allow_negative=False, context_msg="boundary id")
        kind = parser.parse_identifier("boundary kind")
        label = parser.parse_str_literal("boundary label")

        def one_value() -> tuple[str, UnresolvedOperand, Attribute]:
            operand = parser.parse_unresolved_operand()
            parser.parse_keyword("as")
            name = parser.parse_str_literal("persisted value name")
            parser.parse_punctuation(":")
            return name, operand, parser.parse_type()

        entries = parser.parse_comma_separated_list(parser.Delimiter.SQUARE, one_value)
        values = [(n, parser.resolve_operand(o, t)) for n, o, t in entries]
        cut: list[SSAValue] = []
        cost: int | None = None
        if parser.parse_optional_keyword("cut"):
            cut = parser.parse_comma_separated_list(
                parser.Delimiter.SQUARE, lambda: parser.resolve_operand(parser.parse_unresolved_operand(), QubitType())
            )
        if parser.parse_optional_keyword("cost"):
            cost = parser.parse_integer(allow_boolean=False, allow_negative=False, context_msg="replay cost")
        attrs = parser.parse_optional_attr_dict()
        op = cls(bid, kind, label, values, cut, cost)
        op.attributes.update(attrs)
        return op


def _parse_bits(parser: Parser) -> list[SSAValue]:
    return parser.parse_comma_separated_list(parser.Delimiter.SQUARE, lambda: parser.resolve_operand(parser.parse_unresolved_operand(), i1))


@irdl_op_definition
class DetectorOp(IRDLOperation):
    """A detector: a parity of measured bits that is 0 in every noiseless shot."""

    name = "ckpt.detector"

    bits = var_operand_def(i1)
    coords = opt_prop_def(ArrayAttr[FloatAttr])

    def print(self, printer: Printer) -> None:
        printer.print_string(" [")
        printer.print_list(self.bits, printer.print_operand)
        printer.print_string("]")
        if self.coords is not None:
            printer.print_string(" coords [" + ", ".join(repr(c.value.data) for c in self.coords.data) + "]")
        printer.print_op_attributes(self.attributes)

    @classmethod
    def parse(cls, parser: Parser) -> DetectorOp:
        bits = _parse_bits(parser)
        coords: list[float] = []
        if parser.parse_optional_keyword("coords"):
            coords = parser.parse_comma_separated_list(parser.Delimiter.SQUARE, parser.parse_number)  # type: ignore[arg-type]
        op = cls(bits, [float(c) for c in coords])
        op.attributes.update(parser.parse_optional_attr_dict())
        return op

    def __init__(self, bits: Sequence[SSAValue], coords: Sequence[float] = ()) -> None:
        props: dict[str, Attribute] = {}
        if coords:
            props["coords"] = ArrayAttr([FloatAttr(float(c), Float64Type()) for c in coords])
        super().__init__(operands=[list(bits)], properties=props)

    def verify_(self) -> None:
        if not self.bits:
            raise VerifyException("detector: it needs at least one measured bit")


@irdl_op_definition
class ObservableOp(IRDLOperation):
    """Bits that logical observable ``index`` includes (several ops for one index add up, as in stim)."""

    name = "ckpt.observable"

    index = prop_def(IntegerAttr[IntegerType])
    bits = var_operand_def(i1)

    def print(self, printer: Printer) -> None:
        printer.print_string(f" {self.index.value.data} [")
        printer.print_list(self.bits, printer.print_operand)
        printer.print_string("]")
        printer.print_op_attributes(self.attributes)

    @classmethod
    def parse(cls, parser: Parser) -> ObservableOp:
        index = parser.parse_integer(allow_boolean=False, allow_negative=False, context_msg="observable index")
        op = cls(index, _parse_bits(parser))
        op.attributes.update(parser.parse_optional_attr_dict())
        return op

    def __init__(self, index: int, bits: Sequence[SSAValue]) -> None:
        super().__init__(operands=[list(bits)], properties={"index": IntegerAttr(index, i64)})

    def verify_(self) -> None:
        if self.index.value.data < 0:
            raise VerifyException("observable: the index must be non-negative")


CKPT = Dialect("ckpt", [BoundaryOp, DetectorOp, ObservableOp], [])
