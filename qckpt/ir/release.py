"""Let go of an op that has been used up, so that reference counting frees it.

xDSL's IR is full of reference cycles (an op and its block, neighbouring
ops, an op and its operand uses, a region and its parent op), so an op
merely removed from its block waits for the cyclic collector, which at
10^5 ops takes seconds. ``release`` unlinks the op from its block and from
the use lists of the values it reads, and cuts the links inside it, so the
op and everything nested in it are freed as soon as the caller drops it.
Reads xDSL 0.74's fields, like ``qckpt.dialects.construct``.
"""

from __future__ import annotations

from xdsl.ir import Operation

from qckpt.ir.structure import all_ops


def releasable(op: Operation) -> bool:
    """Nothing can refer to ``op`` through SSA: it defines no value."""
    return not op.results


def release(op: Operation) -> None:
    """Detach ``op`` (which defines no value) from its block and break its
    cycles; the op must not be used afterwards."""
    block = op.parent
    if block is not None:
        prev, nxt = op._prev_op, op._next_op
        if prev is None:
            block._first_op = nxt
        else:
            prev._next_op = nxt
        if nxt is None:
            block._last_op = prev
        else:
            nxt._prev_op = prev
    for o in all_ops(op) if op.regions else (op,):
        for value, use in zip(o._operands, o._operand_uses):
            value.remove_use(use)
        o._operand_uses = ()
        o.parent = o._next_op = o._prev_op = None
        if o.regions:
            for region in o.regions:
                b = region._first_block
                while b is not None:
                    nb = b._next_block
                    b._args = ()
                    b._first_op = b._last_op = b._next_block = b._prev_block = b.parent = None
                    b = nb
                region._first_block = region._last_block = region.parent = None
            o.regions = ()
