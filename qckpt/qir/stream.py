"""QIR emitted while the frontend is still lowering: the module is never whole.

A straight-line program's xDSL IR costs about 1.1 KB a gate, three times the
LLVM module it becomes, and it was all alive beside that module and the QIR
text. Here the lowering hands over each top-level statement as soon as it is
built (``on_statement``); it is decomposed to the target gate set, emitted
into pyqir's Builder, and released (``qckpt.ir.release``), so the next
statements' ops reuse its memory. Only ops that define values (measurements,
classical computation: later statements may read them) stay in the module.

The QIR is the one ``emit_qir`` writes for the whole module: the same emitter
runs over the same ops in the same order. What it cannot do piece by piece
raises ``NotStreamable``, and the caller converts the ordinary way:
functions that need the text sink (decided from the whole function), dynamic
qubit references and delays (whole-module passes), checkpoint boundaries,
and any error (the ordinary path reports it with the ordering it always had).
"""

from __future__ import annotations

from xdsl.dialects import arith
from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import Operation

from qckpt.diagnostics import QckptError
from qckpt.dialects import ckpt, qc
from qckpt.ir import all_ops, entry_function
from qckpt.ir.release import release
from qckpt.passes.decompose_to_target import decompose_ops, needs_decomposition, new_angles
from qckpt.qir.emit import _FunctionEmitter, assign_qubits, check_inlined, check_profile, entry_attributes, finish_module, TEXT_ONLY_TYPES
from qckpt.qir.sinks import BuilderSink

# Ops whose lowering needs the whole module (``pipeline.lower_to_target``, final
# records), or the text sink, which is chosen for the whole function up front.
_UNSTREAMABLE = frozenset((qc.QubitAtOp, qc.DelayOp, ckpt.BoundaryOp)) | TEXT_ONLY_TYPES


BATCH = 256  # top-level statements emitted at a time


class NotStreamable(Exception):
    """This program is converted the ordinary way (module first, then QIR)."""


class StreamingEmission:
    """Called by the lowering after each top-level statement with its IR
    builder; ``finish`` takes the finished module and returns the verified
    ``pyqir.Module``."""

    def __init__(self, profile: str = "adaptive", native_rx: bool = False, runtime: str = "linked") -> None:
        check_profile(profile)
        self.profile, self.native_rx, self.runtime = profile, native_rx, runtime
        self.sink = BuilderSink()
        self.em: _FunctionEmitter | None = None
        self.cursor: Operation | None = None  # the last top-level op emitted, kept so the next one can be found
        self.prologue_seen = 0  # prologue ops (registers, constants) already given to the emitter
        self.angles = new_angles()
        self.block = None
        self.pending = 0  # statements lowered since the last batch was taken

    def __call__(self, builder, last: bool = False) -> None:
        # Statements are taken in batches: lowering and emission alternating
        # statement by statement each evicted the other's working set from
        # the caches (~8% slower at 10^5 gates); a batch's IR is ~0.3 MB.
        self.pending += 1
        if self.pending < BATCH and not last:
            return
        self.pending = 0
        try:
            self._take(builder)
        except QckptError as e:
            raise NotStreamable(str(e)) from e

    def _take(self, builder) -> None:
        em = self.em
        if em is None:
            em = self.em = _FunctionEmitter(builder.func, self.profile, self.sink)
            em.emit_prologue()
            self.block = builder.func.body.block
        prologue = builder.prologue_ops(self.prologue_seen)
        if prologue:
            self.prologue_seen += len(prologue)
            for op in prologue:
                assign_qubits(op, em)
                if type(op) is arith.ConstantOp:
                    em.emit_constant(op)  # type: ignore[arg-type]
        block = self.block
        previous = self.cursor
        first = block._first_op if previous is None else previous._next_op
        if first is None:
            return
        todo = self._survey(first)
        if todo:
            decompose_ops(todo, self.native_rx, self.angles)
            # Shared angle constants go to the top of the block, before any op emitted so far.
            top = block._first_op
            while type(top) is arith.ConstantOp:
                if top.results[0] not in em.vals:  # type: ignore[union-attr]
                    em.emit_constant(top)  # type: ignore[arg-type]
                top = top._next_op  # type: ignore[union-attr]
            # From the top when nothing was emitted yet: the constants again, harmlessly.
            first = block._first_op if previous is None else previous._next_op
        op = first
        emit_op = em.emit_op
        while op is not None:
            emit_op(op, True)
            last, op = op, op._next_op
        # Every op emitted but the last goes now; the last is the cursor,
        # released once the next statement's first op is known.
        op = first if previous is None else previous
        while op is not last:
            nxt = op._next_op
            if not op.results:
                release(op)
            op = nxt
        self.cursor = last

    def _survey(self, op: Operation | None) -> list:
        """The gates from ``op`` on that need decomposing; ``NotStreamable``
        for an op that needs the whole module."""
        todo = []
        native_rx = self.native_rx
        while op is not None:
            for o in all_ops(op) if op.regions else (op,):
                t = type(o)
                if t is qc.GateOp:
                    if needs_decomposition(o, native_rx):
                        todo.append(o)
                elif t in _UNSTREAMABLE:
                    raise NotStreamable(o.name)
            op = op._next_op
        return todo

    def finish(self, module: ModuleOp):
        """Emit what follows the last statement (outputs, return) and verify."""
        em = self.em
        if em is None:
            raise NotStreamable("nothing was lowered")
        fn = entry_function(module)
        if fn is not em.fn:
            raise NotStreamable("the entry function changed")
        try:
            check_inlined(module, fn)
            op = self.cursor._next_op if self.cursor is not None else fn.body.block._first_op
            if self._survey(op):  # the outputs and the return: nothing to decompose
                raise NotStreamable("gates after the last statement")
            while op is not None:
                em.emit_op(op, top=True)
                op = op._next_op
        except QckptError as e:
            raise NotStreamable(str(e)) from e
        attrs, flags = entry_attributes(em, self.profile)
        self.em = self.cursor = None
        return finish_module(em, self.sink, attrs, flags, self.runtime)
