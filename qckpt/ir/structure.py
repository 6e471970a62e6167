"""Where things are in a module: its entry function, and region nesting.

Kept apart from any one pass because the analysis passes and the QIR
emitter ask the same questions of the same IR.
"""

from __future__ import annotations

from xdsl.dialects import func
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Block, Operation, SSAValue

from qckpt.diagnostics import QckptError


def entry_function(module: ModuleOp, name: str = "main") -> func.FuncOp:
    """The function a program starts at; a clear error when there is none."""
    for op in module.ops:
        if isinstance(op, func.FuncOp) and op.sym_name.data == name:
            return op
    raise QckptError(f"the module has no entry function @{name}")


def defined_inside(v: SSAValue, op: Operation) -> bool:
    """``v`` is defined by an op nested in ``op`` (or a block of it)."""
    owner = v.owner
    o = owner.parent_op() if isinstance(owner, Block) else owner
    while o is not None:
        if o is op:
            return True
        o = o.parent_op()
    return False
