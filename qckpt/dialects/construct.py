"""Cheap construction of ops for the compiler's hot paths.

Frontends and passes create one op per gate, so construction cost is the
compiler's floor. ``make_op`` skips the checks and re-wrapping of xDSL's
generic constructor (about 2.5x cheaper; a test checks that both build the
same op). It relies on xDSL 0.74's ``Operation`` fields, which is why
``pyproject.toml`` pins xDSL's minor version.
"""

from __future__ import annotations

from collections.abc import Sequence

from xdsl.dialects.builtin import DenseArrayBase, FileLineColLoc, IntAttr, LocationAttr, StringAttr, UnknownLoc, i32
from xdsl.ir import Attribute, Block, Operation, Region, SSAValue
from xdsl.ir.core import OpResult, SSAValues, Use

NO_PROPS: dict[str, Attribute] = {}
_UNKNOWN_LOC = UnknownLoc()
_GATE_PROPS: dict[tuple[str, int, int], dict[str, Attribute]] = {}
_INT_ATTRS: dict[int, IntAttr] = {}


def make_op(
    cls: type[Operation],
    operands: Sequence[SSAValue],
    properties: dict[str, Attribute],
    result_types: Sequence[Attribute] = (),
    location: LocationAttr | None = None,
    regions: Sequence[Region] = (),
) -> Operation:
    """``cls.create(operands=..., properties=..., result_types=..., regions=...)``, cheaply."""
    op = cls.__new__(cls)
    op.parent = None
    op._next_op = None
    op._prev_op = None
    values = SSAValues(operands)
    uses = tuple(Use(op, i) for i in range(len(values)))
    for v, u in zip(values, uses):
        v.add_use(u)
    op._operands = values
    op._operand_uses = uses
    op.results = SSAValues(OpResult(t, op, i) for i, t in enumerate(result_types))
    op.properties = dict(properties)
    op.attributes = {}
    op.location = _UNKNOWN_LOC if location is None else location
    op._successors = ()
    op._successor_uses = ()
    op.regions = ()
    for region in regions:
        op.add_region(region)
    return op


def gate_properties(name: str, num_params: int, num_qubits: int) -> dict[str, Attribute]:
    """The (interned) properties of a ``qc.gate``."""
    key = (name, num_params, num_qubits)
    props = _GATE_PROPS.get(key)
    if props is None:
        props = _GATE_PROPS[key] = {
            "gate": StringAttr(name),
            "operandSegmentSizes": DenseArrayBase.from_list(i32, (num_params, num_qubits)),
        }
    return props


def append_op(block: Block, op: Operation) -> None:
    """``block.add_op(op)`` for an op just made by ``make_op``: it has no
    parent and holds no region the block could be in, which are the two
    things ``add_op`` checks (its ancestor walk is a third of its cost)."""
    op.parent = block
    last = block._last_op
    if last is None:
        block._first_op = op
    else:
        last._next_op = op
        op._prev_op = last
    block._last_op = op


def int_attr(n: int) -> IntAttr:
    """``IntAttr(n)`` without the verification of a plain int, interned for
    the small values (columns) that repeat."""
    attr = _INT_ATTRS.get(n)
    if attr is None:
        attr = IntAttr.__new__(IntAttr)
        object.__setattr__(attr, "data", n)
        if n < 4096:
            _INT_ATTRS[n] = attr
    return attr


def file_loc(filename: StringAttr, line: int, column: int) -> FileLineColLoc:
    """``FileLineColLoc(filename, IntAttr(line), IntAttr(column))``, cheaply:
    the lowering gives one to every statement."""
    loc = FileLineColLoc.__new__(FileLineColLoc)
    object.__setattr__(loc, "filename", filename)
    object.__setattr__(loc, "line", int_attr(line))
    object.__setattr__(loc, "column", int_attr(column))
    return loc
