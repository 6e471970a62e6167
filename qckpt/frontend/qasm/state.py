"""The state every part of the OpenQASM lowering shares, and its error reporting."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from lark import Token
from xdsl.dialects.builtin import FileLineColLoc, StringAttr
from xdsl.ir import Block, SSAValue

from qckpt.diagnostics import QckptError, SourceLocation
from qckpt.dialects.construct import file_loc
from qckpt.frontend.ir_builder import IRBuilder
from qckpt.frontend.qasm.gate_library import library_gates
from qckpt.frontend.qasm.limits import OPS_HINT, Limits, static_size
from qckpt.frontend.qasm.symbols import CSym, GateDef, SubDef
from qckpt.frontend.qasm.tree import first_token
from qckpt.frontend.qasm.values import QType
from qckpt.frontend.ssa_env import SSAEnv


class LoweringState:
    """What the lowering of one program knows as it goes: the IR builder,
    the SSA environment of classical variables, the scopes of names, the
    gates and subroutines defined so far, and how deep in loops and calls
    it is. Each concern's mixin reads and extends it, and calls the other
    mixins' methods through ``self`` (``eval``, ``to_ssa``,
    ``lower_stmt``...): only ``QasmLowering``, which composes them all, is
    ever instantiated. Errors and warnings are located here."""

    def __init__(self, source: str, filename: str, params: dict[str, float], limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.ops = 0  # operations created so far, expansion included (limits.py)
        self.sizes: dict[str, int] = {}  # gate or subroutine name -> its static size
        self.source = source
        self.lines = source.splitlines()
        self.filename = filename
        self.params = dict(params)
        self.used_params: set[str] = set()
        self.b = IRBuilder()
        self.env = SSAEnv()
        self.scopes: list[dict[str, Any]] = [{}]
        self.gates: dict[str, GateDef] = {}  # the program's own gates
        self.library = library_gates()  # standard-library gates the gate table lacks
        self.included: set[str] = set()
        self.subs: dict[str, SubDef] = {}
        self.bit_vars: list[tuple[str, CSym]] = []  # declaration order, for default outputs
        self.outputs: list[tuple[str, CSym]] = []
        self.loop_depth = 0
        self.sub_depth = 0
        self.inlining: list[str] = []  # subroutines being inlined, innermost last
        self.pending_annotations: list[str] = []
        self.uid = 0
        self._locs: dict[tuple[int, int], FileLineColLoc] = {}
        self._file_attr = StringAttr(filename)
        self.phys: list[SSAValue] | None = None
        self.current: Any = None  # the statement being lowered, to locate a nesting-depth error
        self.dead_blocks: list[Block] = []  # code being checked, not emitted (check_unreachable)
        self.ret_types: list[QType | None] = []  # of the subroutines being inlined, innermost last

    # ------------------------------------------------------------------ errors
    def error(self, node: Any, message: str) -> QckptError:
        t = first_token(node)
        if t is None or t.line is None:
            return QckptError(message, SourceLocation(self.filename, 1, 1))
        line = t.line
        return QckptError(message, SourceLocation(self.filename, line, t.column), self.lines[line - 1] if 0 < line <= len(self.lines) else None)

    def spend(self, n: int, node: Any) -> None:
        """Count ``n`` operations about to be created; refuse them if they would
        pass ``max_ops``. Called before an expansion with its predicted size,
        so the error comes before the memory is spent."""
        if self.ops + n > self.limits.max_ops:
            raise self.error(node, f"this needs {n:,} more operation(s), past the program's budget of "
                             f"{self.limits.max_ops:,} ({self.ops:,} used so far; unrolled loops, inlined gates and "
                             f"subroutines and pow(k) count once per copy); {OPS_HINT}")
        self.ops += n

    def check_budget(self, n: int, node: Any) -> None:
        """Like ``spend`` but counts nothing: for a prediction whose operations
        are counted one by one as they are created."""
        if self.ops + n > self.limits.max_ops:
            self.spend(n, node)

    def size_of(self, name: str) -> int:
        """Static size (``limits.static_size``) of a gate or subroutine body,
        memoised: a chain of gates that each call the previous twice is sized
        in linear time, not expanded."""
        size = self.sizes.get(name)
        if size is None:
            body = None
            d = self.gates.get(name) or self.library.get(name)
            if d is not None:
                body = d.body
            elif name in self.subs:
                body = self.subs[name].body
            self.sizes[name] = 1  # a recursive subroutine: its own calls count one
            size = self.sizes[name] = static_size(body, self.size_of) if body is not None else 1
        return size

    def loc(self, tok: Token | None) -> FileLineColLoc | None:
        if tok is None or tok.line is None:
            return None
        key = (tok.line, tok.column)
        loc = self._locs.get(key)
        if loc is None:
            loc = self._locs[key] = file_loc(self._file_attr, tok.line, tok.column)
        return loc

    # ------------------------------------------------------------------ scopes
    def lookup(self, name: str) -> Any:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def declare(self, name_tok: Token, sym: Any) -> None:
        name = str(name_tok)
        if name in self.scopes[-1]:
            raise self.error(name_tok, f"'{name}' is already declared in this scope")
        if name in self.gates and not isinstance(sym, GateDef):
            raise self.error(name_tok, f"'{name}' is already declared as a gate")
        self.scopes[-1][name] = sym

    def fresh_key(self, name: str) -> Hashable:
        self.uid += 1
        return (name, self.uid)

    def warn(self, node: Any, message: str) -> None:
        import warnings

        t = first_token(node)
        where = f"{self.filename}:{t.line}:{t.column}" if t is not None else self.filename
        warnings.warn(f"{where}: warning: {message}", stacklevel=2)
