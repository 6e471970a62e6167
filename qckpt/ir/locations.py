"""Source locations of IR ops, as the diagnostics layer spells them.

The frontends attach ``FileLineColLoc`` to the ops they build; every error
that points at an op (a pass rejecting it, the emitter unable to lower it)
reports it through this one conversion.
"""

from __future__ import annotations

from xdsl.dialects.builtin import FileLineColLoc
from xdsl.ir import Operation

from qckpt.diagnostics import SourceLocation


def op_location(op: Operation) -> SourceLocation | None:
    """The ``file:line:col`` an op came from, or None for ops built without one."""
    loc = op.location
    if isinstance(loc, FileLineColLoc):
        return SourceLocation(loc.filename.data, loc.line.data, loc.column.data)
    return None
