"""OpenQASM 3 (or 2) -> `qc` + `scf` + `arith` module: qckpt's native frontend.

The parse tree (``parser``) is lowered in one pass, in source order, by
``QasmLowering``: each statement goes to the ``st_<rule>`` method of the
mixin for its concern (``declarations``, ``variables``, ``gates``,
``control_flow``, ``subroutines``), and each expression to an ``ex_<rule>``
of ``expressions``; ``conversions`` moves values between folded constants
and SSA values. Classical variables are SSA values threaded through
structured control flow (``SSAEnv``), as in the Qiskit frontend.

Every error names ``file:line:col`` of the construct at fault.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lark import Token, Tree
from xdsl.dialects.builtin import ArrayAttr, ModuleOp, StringAttr, UnknownLoc

from qckpt.dialects.construct import file_loc
from qckpt.diagnostics import QckptError, SourceLocation
from qckpt.frontend.qasm.arrays import ArrayLowering
from qckpt.frontend.qasm.control_flow import ControlFlowLowering
from qckpt.frontend.qasm.conversions import ConversionLowering
from qckpt.frontend.qasm.declarations import DeclarationLowering
from qckpt.frontend.qasm.expressions import ExpressionLowering
from qckpt.frontend.qasm.gate_library import STANDARD_INCLUDES
from qckpt.frontend.qasm.gates import GateLowering
from qckpt.frontend.qasm.limits import DEPTH_HINT, Limits, deepest_bracket, too_deep
from qckpt.frontend.qasm.fast_statements import FAST_LINE_DEPTH, FastLine
from qckpt.frontend.qasm.parser import fast_statements, parse
from qckpt.frontend.qasm.subroutines import SubroutineLowering
from qckpt.frontend.qasm.symbols import MAX_REGISTER
from qckpt.frontend.qasm.timing import TimingLowering
from qckpt.frontend.qasm.tree import first_token
from qckpt.frontend.qasm.variables import VariableLowering


# Statements that leave a loop or a subroutine, and the statements that can hold them.
_ESCAPE_STMTS = frozenset({"break_stmt", "continue_stmt", "return_stmt"})
_STMT_CONTAINERS = frozenset(
    {"block", "if_stmt", "while_stmt", "for_stmt", "switch_stmt", "case", "default", "def_def", "gate_def", "box_stmt", "annotated"}
)


# Statements that are not operations themselves: a gate call counts the gates
# it emits (emit_prim), a block the statements in it.
_COUNTED_ELSEWHERE = frozenset({"gate_call", "block"})


def qasm_to_module(source: str, filename: str = "<input>", params: dict[str, float] | None = None,
                   timing: str = "drop", limits: Limits | None = None,
                   on_statement: Callable[..., None] | None = None) -> ModuleOp:
    """Lower OpenQASM 3 (or 2) source to a module with one ``@main``.
    ``timing``: ``drop`` (delays become ``qc.delay``, which emission drops;
    box and gate durations are dropped here, each kind warned once) or
    ``error`` (the first timing construct is a located error).
    ``limits`` bounds the work a program may ask for (``limits.py``)."""
    limits = limits or Limits()
    source = source.removeprefix("\ufeff")  # a UTF-8 byte-order mark is not part of the program
    # Lazy: each fast line's tree is built when the lowering reaches it, unless
    # the depth limit is so low that it must see those trees' nodes.
    tree = parse(source, filename, lazy=limits.max_depth >= FAST_LINE_DEPTH)
    lowering = QasmLowering(source, filename, params or {}, limits)
    lowering.timing_mode = timing
    deep = too_deep(tree, limits.max_depth)
    if deep is not None:
        message = f"the program nests more than {limits.max_depth} levels deep; {DEPTH_HINT}"
        if first_token(deep[0]) is None:  # only brackets down there: point at the deepest one
            line, col = deepest_bracket(source)
            raise QckptError(message, SourceLocation(filename, line, col), lowering.lines[line - 1] if line <= len(lowering.lines) else None)
        raise lowering.error(deep[0], message)
    # The lowering recurses a few frames per level of the tree; make room for
    # the depth just checked (Python's default of 1000 frames is ~300 levels).
    saved = sys.getrecursionlimit()
    sys.setrecursionlimit(max(saved, 12 * limits.max_depth + 2000))
    try:
        return lowering.run(tree, on_statement)
    except RecursionError:
        raise lowering.error(lowering.current, f"the program nests too deeply to compile; {DEPTH_HINT}") from None
    finally:
        sys.setrecursionlimit(saved)


class QasmLowering(
    ArrayLowering,
    DeclarationLowering,
    VariableLowering,
    ConversionLowering,
    ExpressionLowering,
    GateLowering,
    ControlFlowLowering,
    SubroutineLowering,
    TimingLowering,
):
    """The lowering of one program: ``run`` lowers its statements in order,
    then records the program's outputs."""

    def run(self, tree: Tree, on_statement: Callable[..., None] | None = None) -> ModuleOp:
        """``on_statement(builder, last)`` is called after each top-level
        statement is lowered (``last`` False) and once after the outputs are
        recorded (True): a consumer of the entry block's ops as they are
        made (``qckpt.qir.stream``)."""
        max_phys = max((int(m.group(1)) for m in re.finditer(r"\$([0-9]+)", self.source)), default=-1)
        if max_phys >= MAX_REGISTER:
            m = re.search(rf"\${max_phys}\b", self.source)
            assert m is not None
            line = self.source.count("\n", 0, m.start()) + 1
            col = m.start() - (self.source.rfind("\n", 0, m.start()) + 1) + 1
            raise QckptError(f"physical qubit ${max_phys} is beyond the {MAX_REGISTER} qubits qckpt allocates",
                             SourceLocation(self.filename, line, col), self.lines[line - 1])
        if max_phys >= 0:
            self.phys = self.b.alloc_register("$", max_phys + 1)
        for c in tree.children:
            if isinstance(c, Tree) and c.data == "version":
                self.check_version(c)
        stmts = [c for c in tree.children if not (isinstance(c, Tree) and c.data == "version")]
        self.check_placement(tree)
        # Free each top-level statement's subtree once it is lowered, and
        # build a fast line's (``FastLine``) only now: the tree of a whole
        # program is larger than its IR (random-100k: ~147 MiB of tree).
        tree.children = []
        block = self.b.block
        build = fast_statements().build
        for i in range(len(stmts)):
            st, stmts[i] = stmts[i], None
            if type(st) is FastLine:
                st = build(st)
            before = block.last_op
            self.lower_stmt(st)
            # The statement's first op carries its source location: analysis
            # reports (`qckpt analyze`) and located errors after lowering use it.
            first = before.next_op if before is not None else block.first_op
            if first is not None and isinstance(first.location, UnknownLoc):
                head = st.children[0] if isinstance(st, Tree) and st.children else st
                tok = head if isinstance(head, Token) else first_token(st)
                if tok is not None and tok.line is not None:
                    first.location = file_loc(self._file_attr, tok.line, tok.column)
            del st
            if on_statement is not None:
                on_statement(self.b, False)
        self.record_outputs()
        self.warn_dropped_timing()
        if on_statement is not None:
            on_statement(self.b, True)
        unused = set(self.params) - self.used_params
        if unused:
            raise QckptError(f"--param {', '.join(sorted(unused))}: the program declares no such input")
        return self.b.finish()

    def check_version(self, v: Tree) -> None:
        tok = v.children[-1] if isinstance(v.children[-1], Token) else first_token(v)
        major = str(tok).split(".")[0]
        if major not in ("2", "3"):
            raise self.error(tok, f"OPENQASM {tok} is not a version qckpt reads (2.x and 3.x are)")

    def check_placement(self, tree: Tree) -> None:
        """``break``/``continue`` only in a loop, ``return`` only in a def:
        checked on the whole tree, so that code the lowering never reaches
        (a subroutine nobody calls) is checked too."""
        stack: list[tuple[Tree, bool, bool]] = [(tree, False, False)]  # (node, in a loop, in a def)
        while stack:
            node, in_loop, in_def = stack.pop()
            for c in reversed(node.children):
                if not isinstance(c, Tree):
                    continue
                d = c.data
                if d in _ESCAPE_STMTS:
                    if d != "return_stmt" and not in_loop:
                        raise self.error(c, f"'{d[: -len('_stmt')]}' outside a loop")
                    if d == "return_stmt" and not in_def:
                        raise self.error(c, "'return' outside a subroutine")
                elif d in _STMT_CONTAINERS:
                    # Only statements that hold statements are searched: most of
                    # a program is gate calls, which hold none.
                    if d == "def_def":
                        stack.append((c, False, True))
                    elif d == "gate_def":
                        stack.append((c, False, False))
                    else:
                        stack.append((c, in_loop or d in ("while_stmt", "for_stmt"), in_def))

    def record_outputs(self) -> None:
        chosen = self.outputs if self.outputs else self.bit_vars
        for name, sym in chosen:
            t = sym.type
            values = [self.env[k] for k in sym.keys]
            if t.kind in ("bit", "bool"):
                self.b.output(name, values)
            elif t.kind in ("int", "uint"):
                self.b.output(name, values)
            else:
                self.b.output(name, values)

    def lower_stmt(self, st: Any) -> None:
        self.current = st
        if not isinstance(st, Tree) or st.data not in _COUNTED_ELSEWHERE:
            self.spend(1, st)
        if isinstance(st, Token):
            raise self.error(st, f"unexpected '{st}'")
        handler = getattr(self, "st_" + st.data, None)
        if handler is None:
            raise self.error(st, f"'{st.data.replace('_', ' ')}' is not supported")
        if st.data in ("pragma", "annotated") or not self.pending_annotations:
            handler(st)
            return
        # Pragmas and annotations stay on the IR, on the first op of the
        # statement they precede, for checkpoint directives to find.
        notes, self.pending_annotations = self.pending_annotations, []
        block, before = self.b.block, self.b.block.last_op
        handler(st)
        op = before.next_op if before is not None else block.first_op
        if op is not None:
            op.attributes["qasm.annotations"] = ArrayAttr([StringAttr(a) for a in notes])

    def st_block(self, st: Tree) -> None:
        self.scopes.append({})
        try:
            self.lower_stmts(st.children)
        finally:
            self.scopes.pop()

    def st_include(self, st: Tree) -> None:
        tok = st.children[0]
        name = str(tok)[1:-1]
        if name in STANDARD_INCLUDES:
            self.included.add(name)
            return
        base = Path(self.filename).parent if self.filename not in ("<input>", "<stdin>") else Path(".")
        path = base / name
        try:
            found = bool(name) and "\0" not in name and path.is_file()
        except OSError:  # a name too long for the file system
            found = False
        if not found:
            shown = name if len(name) <= 80 else name[:60] + f"... ({len(name)} characters)"
            raise self.error(tok, f"cannot find include file '{shown}' (looked in {base})")
        try:
            text = path.read_text()
        except (OSError, UnicodeDecodeError) as e:
            raise self.error(tok, f"cannot read include file '{name}': {e}") from None
        sub = parse(text, str(path))
        saved = (self.source, self.lines, self.filename)
        self.source, self.lines, self.filename = text, text.splitlines(), str(path)
        try:
            self.lower_stmts([c for c in sub.children if not (isinstance(c, Tree) and c.data == "version")])
        finally:
            self.source, self.lines, self.filename = saved

    def st_pragma(self, st: Tree) -> None:
        self.pending_annotations.append(str(st.children[0]).strip())

    def st_annotated(self, st: Tree) -> None:
        self.pending_annotations.append(str(st.children[0]).strip())
        self.lower_stmt(st.children[1])
