"""Helpers every part of the QIR emitter uses: LLVM types of IR values,
errors located at an op, and which boundary outputs are recorded again.

They sit apart from :mod:`qckpt.qir.emit` so the modules it is built from
(:mod:`qckpt.qir.control_flow`, :mod:`qckpt.qir.resume_blocks`) can share
them without importing the emitter.
"""

from __future__ import annotations

from xdsl.dialects.builtin import Float64Type, IndexType, IntegerType
from xdsl.ir import Attribute, Operation, SSAValue

from qckpt.diagnostics import QckptError
from qckpt.dialects import ckpt, qc
from qckpt.ir import op_location


def located_error(op: Operation, msg: str) -> QckptError:
    """An error that points at the source line ``op`` came from."""
    return QckptError(msg, op_location(op))


def llvm_type(t: Attribute) -> str:
    """The LLVM type a classical IR value is emitted as."""
    if isinstance(t, IntegerType):
        return f"i{t.width.data}"
    if isinstance(t, IndexType):
        return "i64"
    if isinstance(t, Float64Type):
        return "double"
    raise QckptError(f"type {t} has no QIR counterpart")


def recorded_later(v: SSAValue, b: ckpt.BoundaryOp) -> bool:
    """An output-only value that another boundary also records."""
    return any(not isinstance(u.operation, qc.OutputOp) and u.operation is not b for u in v.uses)
