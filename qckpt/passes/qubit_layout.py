"""Give a program only the qubits it uses, numbered densely from 0.

A segment cut at an exact boundary (``split_segments``) runs only the
operations after its cut: the qubits the earlier segments used and that it
never touches carry nothing it needs. Compacting its registers into one
register of just its qubits makes the emitted QIR address ids 0..k-1 and
declare ``required_num_qubits`` = k, so the segment runs on a k-qubit
executor (a reduced layout, ``qckpt run-segments --max-qubits``).
"""

from __future__ import annotations

from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import SSAValue

from qckpt.diagnostics import QckptError
from qckpt.dialects import qc
from qckpt.dialects.qc import qubit_identity
from qckpt.ir import entry_function, op_location

DENSE_REGISTER = "q"


def compact_qubits(module: ModuleOp) -> list[str]:
    """Rewrite the entry function onto one register of the qubits it uses,
    in order of first use. Returns the original names (``reg[i]``) of the
    new qubits 0, 1, ...: the layout, for the segment's manifest."""
    fn = entry_function(module)
    block = fn.body.block
    order: dict[object, str] = {}
    for op in fn.walk():
        if isinstance(op, (qc.QubitOp, qc.AllocOp)):
            continue
        for v in op.operands:
            if not isinstance(v.type, qc.QubitType):
                continue
            owner = v.owner
            if isinstance(owner, qc.QubitAtOp):
                raise QckptError("a reduced layout needs static qubit indices: run qc-unroll-qubit-loops first", op_location(op))
            if isinstance(owner, qc.QubitOp) and isinstance(owner.reg.owner, qc.AllocOp):
                order.setdefault(qubit_identity(v), f"{owner.reg.owner.reg_name.data}[{owner.index.value.data}]")
    header = [op for op in block.ops if isinstance(op, (qc.AllocOp, qc.QubitOp))]
    index = {q: k for k, q in enumerate(order)}
    size = max(len(order), 1)
    alloc = qc.AllocOp(DENSE_REGISTER, size)
    refs = [qc.QubitOp(alloc.reg, k) for k in range(size)]
    first = block.first_op
    assert first is not None
    block.insert_ops_before([alloc, *refs], first)
    for op in header:
        if isinstance(op, qc.QubitOp):
            k = index.get(qubit_identity(op.qubit))
            if k is not None:
                _replace(op.qubit, refs[k].qubit)
    erase_unused_header(block, header, "a register is used outside the entry function's qubit references; cannot compact it")
    return list(order.values())


def erase_unused_header(block, header: list, why: str) -> None:
    """Erase the old qubit-reference ops a remapping left without uses; one
    still in use means a qubit the remapping could not reach (``why``)."""
    for op in reversed(header):
        if all(not r.uses for r in op.results):
            block.erase_op(op)
    left = [op for op in header if op.parent is not None]
    if left:
        raise QckptError(why, op_location(left[0]))


def _replace(old: SSAValue, new: SSAValue) -> None:
    if new.name_hint is None:
        new.name_hint = old.name_hint
    old.replace_all_uses_with(new)
