"""Drop ``qc.delay`` before QIR emission.

QIR has no timing model: a delay changes when operations happen, not what
they do, so removing it keeps the program's semantics. The frontends keep
delays as ops until here so that passes (and a future target with timing)
can see them; this is the one place they go, with one warning that says how
many did.
"""

from __future__ import annotations

import warnings

from xdsl.dialects.builtin import ArrayAttr, FileLineColLoc, ModuleOp

from qckpt.dialects.qc import DelayOp


def drop_delays(module: ModuleOp) -> int:
    """Erase every ``qc.delay`` in ``module``; warn once with the count."""
    delays = [op for op in module.walk() if type(op) is DelayOp]
    loc = delays[0].location if delays else None  # erasing drops the op's fields
    for op in delays:
        _pass_annotations_on(op)
        op.detach()
        op.erase()
    if delays:
        n = len(delays)
        where = f"{loc.filename.data}:{loc.line.data}:{loc.column.data}: warning: " if isinstance(loc, FileLineColLoc) else "warning: "
        warnings.warn(f"{where}{n} delay{'s' if n != 1 else ''} dropped (QIR has no timing; the first is here)", stacklevel=2)
    return len(delays)


def _pass_annotations_on(op: DelayOp) -> None:
    """A ``#pragma qckpt checkpoint`` before a delay asks for the point
    before it, which is the point before the next op once the delay is gone."""
    notes = op.attributes.get("qasm.annotations")
    nxt = op.next_op
    if not isinstance(notes, ArrayAttr) or nxt is None:
        return
    had = nxt.attributes.get("qasm.annotations")
    nxt.attributes["qasm.annotations"] = ArrayAttr([*notes.data, *(had.data if isinstance(had, ArrayAttr) else ())])
