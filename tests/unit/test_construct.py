"""The cheap constructors of ``qckpt/dialects/construct.py`` build what xDSL's
own constructors build: the hot paths use them on every gate and statement,
and they reach into xDSL's fields, so an xDSL upgrade that changes those
fields must fail here rather than corrupt IR."""

from __future__ import annotations

from xdsl.dialects.builtin import FileLineColLoc, IntAttr, StringAttr, i1
from xdsl.ir import Block

from qckpt.dialects import qc
from qckpt.dialects.construct import append_op, file_loc, gate_properties, int_attr, make_op
from qckpt.frontend.ir_builder import IRBuilder


def test_file_loc_equals_the_verified_constructor() -> None:
    f = StringAttr("prog.qasm")
    for line, col in ((1, 1), (12, 5), (100_000, 4097)):
        cheap, full = file_loc(f, line, col), FileLineColLoc(f, IntAttr(line), IntAttr(col))
        assert cheap == full and hash(cheap) == hash(full) and str(cheap) == str(full)
    assert int_attr(7) is int_attr(7) and int_attr(7) == IntAttr(7)


def test_make_op_and_append_op_build_the_ops_create_and_add_op_build() -> None:
    b = IRBuilder()
    q0, q1 = b.alloc_register("q", 2)
    cheap, full = Block(), Block()
    for block, build in ((cheap, "cheap"), (full, "full")):
        props = gate_properties("cx", 0, 2)
        if build == "cheap":
            ops = [make_op(qc.GateOp, [q0, q1], props), make_op(qc.MeasureOp, [q1], {}, (i1,), file_loc(StringAttr("p"), 3, 1))]
            for op in ops:
                append_op(block, op)
        else:
            ops = [qc.GateOp.create(operands=[q0, q1], properties=dict(props)),
                   qc.MeasureOp.create(operands=[q1], result_types=[i1])]
            ops[1].location = FileLineColLoc(StringAttr("p"), IntAttr(3), IntAttr(1))
            for op in ops:
                block.add_op(op)
    assert [str(op) for op in cheap.ops] == [str(op) for op in full.ops]
    assert [op.location for op in cheap.ops] == [op.location for op in full.ops]
    first, second = list(cheap.ops)
    assert first.parent is cheap and second.prev_op is first and cheap.last_op is second and cheap.first_op is first


def test_gates_of_one_name_share_their_properties_and_the_shared_dict_refuses_changes() -> None:
    """``make_op`` shares a gate's interned properties instead of copying them
    (a sixth of the IR's memory); a change in place would rename every gate
    that shares them, so it raises, and an op given its own dict can change."""
    import pytest

    b = IRBuilder()
    q0, q1 = b.alloc_register("q", 2)
    a, c = b.gate("h", [q0]), b.gate("h", [q1])
    assert a.properties is c.properties
    with pytest.raises(TypeError, match="shared"):
        a.gate = StringAttr("x")  # type: ignore[attr-defined]
    assert str(c) == str(a) and c.gate.data == "h"  # type: ignore[attr-defined]
    a.properties = dict(a.properties)
    a.gate = StringAttr("x")  # type: ignore[attr-defined]
    assert a.gate.data == "x" and c.gate.data == "h"  # type: ignore[attr-defined]
    copy = c.clone()
    copy.gate = StringAttr("z")  # type: ignore[attr-defined]  # a clone owns a copy
    assert c.gate.data == "h"  # type: ignore[attr-defined]
