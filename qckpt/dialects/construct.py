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


class SharedProperties(dict):
    """The properties of every ``qc.gate`` of one name and arity: one dict,
    shared by all of them instead of a copy per op (~200 bytes a gate, a
    sixth of the IR). Shared, it must not change: setting a property in place
    (``op.gate = ...``) raises; give the op a dict of its own instead
    (``op.properties = dict(op.properties)``)."""

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise TypeError("these properties are shared by many ops; give the op its own first: op.properties = dict(op.properties)")

    __setitem__ = __delitem__ = pop = popitem = setdefault = update = clear = __ior__ = _refuse  # type: ignore[assignment]


_GATE_PROPS: dict[tuple[str, int, int], SharedProperties] = {}
_INT_ATTRS: dict[int, IntAttr] = {}
# One empty result tuple for every op that has none (gates, resets, yields):
# a tuple cannot change, and a fresh one cost 56 bytes a gate.
_NO_RESULTS = SSAValues()


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
    op.results = SSAValues(OpResult(t, op, i) for i, t in enumerate(result_types)) if result_types else _NO_RESULTS
    op.properties = properties if type(properties) is SharedProperties else dict(properties)
    op.attributes = {}
    op.location = _UNKNOWN_LOC if location is None else location
    op._successors = ()
    op._successor_uses = ()
    op.regions = ()
    for region in regions:
        op.add_region(region)
    return op


def gate_properties(name: str, num_params: int, num_qubits: int) -> dict[str, Attribute]:
    """The (interned) properties of a ``qc.gate``, which ``make_op`` shares
    rather than copies (``SharedProperties``)."""
    key = (name, num_params, num_qubits)
    props = _GATE_PROPS.get(key)
    if props is None:
        props = _GATE_PROPS[key] = SharedProperties({
            "gate": StringAttr(name),
            "operandSegmentSizes": DenseArrayBase.from_list(i32, (num_params, num_qubits)),
        })
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
