"""OpenQASM 3 -> `qc` + `scf` + `arith` module: qckpt's native frontend.

The parse tree (``qasm_parser``) is lowered in one pass, in source order.
Classical variables are SSA values threaded through structured control flow
(``SSAEnv``), as in the Qiskit frontend. Values known at compile time stay
Python constants and fold (``qasm_values``); built-in functions must fold,
since QIR has no math library at run time. Gates defined with ``gate`` and
subroutines defined with ``def`` are inlined at their calls; gate modifiers
act on the expanded gate list (``qasm_gates``). A ``for`` loop whose variable
indexes qubits is unrolled (QIR needs static qubit ids); other loops stay
loops.

Every error names ``file:line:col`` of the construct at fault.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lark import Token, Tree
from xdsl.dialects import arith, scf
from xdsl.dialects.builtin import UnknownLoc, ArrayAttr, DenseArrayBase, FileLineColLoc, IntAttr, ModuleOp, StringAttr, i1, i64
from xdsl.ir import Block, Region, SSAValue

from qckpt.diagnostics import QckptError, SourceLocation
from qckpt.dialects.gates import GATES
from qckpt.frontend.ir_builder import F64, INDEX, IRBuilder, constant_value
from qckpt.frontend.qasm_gates import (
    BUILTIN_GATES,
    AngleOps,
    LIBRARY_SOURCE,
    QELIB1_INC,
    STDGATES_INC,
    ModifierError,
    Prim,
    control,
    inverse,
    negctrl_wrap,
    power,
)
from qckpt.frontend.qasm_parser import parse
from qckpt.frontend.qasm_values import (
    BIT,
    BOOL,
    BUILTINS,
    CONSTANTS,
    FLOAT,
    INT,
    UINT,
    Dyn,
    QType,
    Val,
    angle_to_units,
    const_type,
    is_const,
    units_to_angle,
    wrap_int,
)
from qckpt.frontend.ssa_env import SSAEnv

STANDARD_INCLUDES = {"stdgates.inc", "qelib1.inc"}
BREAK, CONTINUE, RETURN, RETVAL = ("flag", "break"), ("flag", "continue"), ("flag", "return"), ("flag", "retval")
MAX_UNROLL = 100_000
# Every qubit and every bit is an SSA value at compile time: a register of
# millions would take the compiler minutes to build, and no simulator or
# device runs it. Larger registers are rejected rather than attempted.
MAX_REGISTER = 100_000


# ----------------------------------------------------------------------------- symbols
@dataclass
class QSym:
    qubits: list[SSAValue]
    register: bool


@dataclass
class CSym:
    type: QType
    keys: list[Hashable]  # one per bit for a bit register, else one


@dataclass
class ConstSym:
    value: Val
    type: QType


@dataclass
class GateDef:
    params: list[str]
    qubits: list[str]
    body: Tree


@dataclass
class SubDef:
    args: list[tuple[str, str, QType | None, int | None]]  # (kind 'q'|'c', name, type, qubit count)
    ret: QType | None
    body: Tree
    tok: Token


_ESCAPE_STMTS = frozenset({"break_stmt", "continue_stmt", "return_stmt"})
_STMT_CONTAINERS = frozenset(
    {"block", "if_stmt", "while_stmt", "for_stmt", "switch_stmt", "case", "default", "def_def", "gate_def", "box_stmt", "annotated"}
)


class _Escape(Exception):
    pass


def qasm_to_module(source: str, filename: str = "<input>", params: dict[str, float] | None = None) -> ModuleOp:
    """Lower OpenQASM 3 (or 2) source to a module with one ``@main``."""
    tree = parse(source, filename)
    lowering = _Lowering(source, filename, params or {})
    try:
        return lowering.run(tree)
    except RecursionError:
        raise lowering.error(lowering.current, "the program nests too deeply to compile") from None


@functools.cache
def _library_gates() -> dict[str, GateDef]:
    """``LIBRARY_SOURCE`` parsed once per process."""
    out: dict[str, GateDef] = {}
    for st in parse(LIBRARY_SOURCE, "<stdgates>").children:
        name, *rest = st.children
        params = [str(t) for c in rest if c.data == "gate_params" and c.children for t in c.children[0].children]
        qubits = [str(t) for c in rest if c.data == "id_list" for t in c.children]
        out[str(name)] = GateDef(params, qubits, rest[-1])
    return out


# ----------------------------------------------------------------------------- helpers
def _tok(node: Any) -> Token | None:
    """The first token of a subtree, for its location."""
    if isinstance(node, Token):
        return node
    if isinstance(node, Tree):
        for c in node.children:
            t = _tok(c)
            if t is not None:
                return t
    return None


def _iter_tokens(node: Any) -> Iterator[Token]:
    if isinstance(node, Token):
        yield node
    elif isinstance(node, Tree):
        for c in node.children:
            yield from _iter_tokens(c)


def _subtrees(node: Any) -> Iterator[Tree]:
    if isinstance(node, Tree):
        yield node
        for c in node.children:
            yield from _subtrees(c)


def _names_in(node: Any) -> set[str]:
    """Every variable name an expression mentions."""
    return {_name_of(t) for t in _iter_tokens(node) if t.type in ("NAME", "INDEXED")}


def _hint(value: SSAValue, key: Hashable) -> None:
    """Name a loop-carried value after the variable it carries, so the IR and
    checkpoint records say `c_0` rather than `%7`."""
    if isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str) and key[0] != "flag":
        value.name_hint = re.sub(r"[^A-Za-z0-9_]", "_", key[0])


def _name_of(tok: Token) -> str:
    """The variable name of a NAME or INDEXED token."""
    v = str(tok)
    return v[: v.index("[")] if tok.type == "INDEXED" else v


class _Lowering:
    def __init__(self, source: str, filename: str, params: dict[str, float]) -> None:
        self.source = source
        self.lines = source.splitlines()
        self.filename = filename
        self.params = dict(params)
        self.used_params: set[str] = set()
        self.b = IRBuilder()
        self.env = SSAEnv()
        self.scopes: list[dict[str, Any]] = [{}]
        self.gates: dict[str, GateDef] = {}  # the program's own gates
        self.library = _library_gates()  # standard-library gates the gate table lacks
        self.included: set[str] = set()
        self.subs: dict[str, SubDef] = {}
        self.bit_vars: list[tuple[str, CSym]] = []  # declaration order, for default outputs
        self.outputs: list[tuple[str, CSym]] = []
        self.loop_depth = 0
        self.sub_depth = 0
        self.pending_annotations: list[str] = []
        self.uid = 0
        self._locs: dict[tuple[int, int], FileLineColLoc] = {}
        self._file_attr = StringAttr(filename)
        self.phys: list[SSAValue] | None = None
        self.current: Any = None  # the statement being lowered, to locate a nesting-depth error
        self.dead_blocks: list[Block] = []  # code being checked, not emitted (check_unreachable)

    # ------------------------------------------------------------------ errors
    def error(self, node: Any, message: str) -> QckptError:
        t = _tok(node)
        if t is None or t.line is None:
            return QckptError(message, SourceLocation(self.filename, 1, 1))
        line = t.line
        return QckptError(message, SourceLocation(self.filename, line, t.column), self.lines[line - 1] if 0 < line <= len(self.lines) else None)

    def loc(self, tok: Token | None) -> FileLineColLoc | None:
        if tok is None or tok.line is None:
            return None
        key = (tok.line, tok.column)
        loc = self._locs.get(key)
        if loc is None:
            loc = self._locs[key] = FileLineColLoc(self._file_attr, IntAttr(tok.line), IntAttr(tok.column))
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

    # ------------------------------------------------------------------ driver
    def run(self, tree: Tree) -> ModuleOp:
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
        stmts = [c for c in tree.children if not (isinstance(c, Tree) and c.data == "version")]
        self.check_placement(tree)
        # Free each top-level statement's subtree once it is lowered, so the
        # IR reuses the parse tree's memory: at 100k gates the tree is ~130 MiB
        # and the peak otherwise holds both.
        tree.children = []
        block = self.b.block
        for i in range(len(stmts)):
            st, stmts[i] = stmts[i], None
            before = block.last_op
            self.lower_stmt(st)
            # The statement's first op carries its source location: analysis
            # reports (`qckpt analyze`) and located errors after lowering use it.
            first = before.next_op if before is not None else block.first_op
            if first is not None and isinstance(first.location, UnknownLoc):
                tok = _tok(st)
                if tok is not None and tok.line is not None:
                    first.location = FileLineColLoc(self._file_attr, IntAttr(tok.line), IntAttr(tok.column))
            del st
        self.record_outputs()
        unused = set(self.params) - self.used_params
        if unused:
            raise QckptError(f"--param {', '.join(sorted(unused))}: the program declares no such input")
        return self.b.finish()

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

    # ------------------------------------------------------------------ statements
    def lower_stmts(self, stmts: list[Any]) -> None:
        for i, st in enumerate(stmts):
            self.lower_stmt(st)
            if i + 1 < len(stmts) and self._flags_active() and self._may_escape(st):
                rest = stmts[i + 1 :]
                cond = self._not_escaped()
                written: set[Hashable] = set()
                for r in rest:
                    written |= self.written(r)
                self.structured_if(cond, lambda: self.lower_stmts(rest), None, written, _tok(rest[0]))
                return

    def _flags_active(self) -> bool:
        return self.loop_depth > 0 or self.sub_depth > 0

    def _not_escaped(self) -> SSAValue:
        acc: SSAValue | None = None
        for f in (BREAK, CONTINUE, RETURN):
            if f in self.env:
                v = self.env[f]
                acc = v if acc is None else self.b.or_(acc, v)
        assert acc is not None
        return self.b.not_(acc)

    def _may_escape(self, st: Any) -> bool:
        return bool(self._escapes(st))

    def _escapes(self, st: Any, nested_loop: bool = False) -> set[Hashable]:
        """The flags a statement may set that reach past it: break and
        continue of the enclosing loop (not of loops inside it), and return."""
        out: set[Hashable] = set()
        if not isinstance(st, Tree):
            return out
        d = st.data
        if d == "break_stmt" and not nested_loop:
            out.add(BREAK)
        elif d == "continue_stmt" and not nested_loop:
            out.add(CONTINUE)
        elif d == "return_stmt":
            out.add(RETURN)
        inner = nested_loop or d in ("while_stmt", "for_stmt")
        for c in st.children:
            out |= self._escapes(c, inner)
        return out

    def lower_stmt(self, st: Any) -> None:
        self.current = st
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
        if not name or not path.is_file():
            raise self.error(tok, f"cannot find include file '{name}' (looked in {base})")
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

    # ------------------------------------------------------------------ declarations
    def st_qubit_decl(self, st: Tree) -> None:
        *des, name = st.children
        size = self.const_int(des[0].children[0], "a qubit register size") if des else None
        self._declare_qreg(name, size)

    def _old_register(self, st: Tree) -> tuple[Token, int]:
        """``qreg q[2];`` / ``creg c[2];``: the name and the size, whether
        the lexer made ``q[2]`` one INDEXED token or a name and a designator."""
        if len(st.children) == 1:
            tok = st.children[0]
            text = str(tok)
            return Token("NAME", _name_of(tok), tok.start_pos, tok.line, tok.column), int(text[text.index("[") + 1 : -1])
        name, des = st.children
        return name, self.const_int(des.children[0], "a register size")

    def st_old_qreg(self, st: Tree) -> None:
        self._declare_qreg(*self._old_register(st))

    def _declare_qreg(self, name: Token, size: int | None) -> None:
        if self.loop_depth or self.sub_depth or len(self.scopes) > 1:
            raise self.error(name, "qubits can only be declared in the global scope")
        if size is not None and size < 1:
            raise self.error(name, f"a qubit register needs at least one qubit, not {size}")
        if size is not None and size > MAX_REGISTER:
            raise self.error(name, f"a register of {size} qubits is more than qckpt allocates ({MAX_REGISTER})")
        qubits = self.b.alloc_register(str(name), size or 1, self.loc(name))
        self.declare(name, QSym(qubits, size is not None))

    def st_old_creg(self, st: Tree) -> None:
        name, size = self._old_register(st)
        if not 1 <= size <= MAX_REGISTER:
            raise self.error(name, f"a bit register needs 1 to {MAX_REGISTER} bits, not {size}")
        self._declare_classical(name, QType("bit", size), None, st)

    def st_classical_decl(self, st: Tree) -> None:
        ty, name, *rest = st.children
        qtype = self.scalar_type(ty)
        init = rest[1] if rest else None
        self._declare_classical(name, qtype, init, st)

    def _declare_classical(self, name: Token, qtype: QType, init: Any, st: Tree) -> CSym:
        n = qtype.width if qtype.is_register else 1
        sym = CSym(qtype, [self.fresh_key(f"{name}{i}" if n > 1 else str(name)) for i in range(n)] if qtype.is_register else [self.fresh_key(str(name))])
        measured = isinstance(init, Tree) and init.data == "measure_expr"
        # The initialiser is evaluated before the name exists: in `int n = n;`
        # the right side is an outer `n`, or undeclared.
        value = self.eval(init) if init is not None and not measured else None
        if init is None:
            zero = self.zero_of(qtype)
            for k in sym.keys:
                self.env[k] = zero
        self.declare(name, sym)
        if measured:
            self.assign_measure(sym, None, init, name)
        elif init is not None:
            assert value is not None
            self.assign(sym, None, value, init)
        if qtype.kind == "bit" and len(self.scopes) == 1 and not self.loop_depth and not self.sub_depth:
            self.bit_vars.append((str(name), sym))
        return sym

    def st_const_decl(self, st: Tree) -> None:
        ty, name, _eq, value = st.children
        qtype = self.scalar_type(ty)
        v = self.eval(value)
        if not is_const(v):
            raise self.error(value, f"the value of const '{name}' must be known at compile time")
        self.declare(name, ConstSym(self.convert_const(v, qtype, value), qtype))

    def st_io_decl(self, st: Tree) -> None:
        io, ty, name = st.children
        qtype = self.scalar_type(ty)
        if str(io) == "input":
            if str(name) not in self.params:
                # Bound later (`qckpt bind`), without recompiling the body.
                if qtype.kind not in ("float", "angle", "int", "uint", "bool", "bit") or qtype.is_register:
                    raise self.error(name, f"input '{name}' of type {qtype} cannot be bound after compilation: pass --param {name}=VALUE")
                ir_type = F64 if qtype.kind in ("float", "angle") else (i1 if qtype.kind in ("bool", "bit") else i64)
                self.declare(name, ConstSym(Dyn(self.b.param(str(name), ir_type), qtype), qtype))
                return
            self.used_params.add(str(name))
            value = self.params[str(name)]
            self.declare(name, ConstSym(self.convert_const(value, qtype, name), qtype))
        else:
            if len(self.scopes) > 1:
                raise self.error(name, "output variables must be declared in the global scope")
            sym = self._declare_classical(name, qtype, None, st)
            self.outputs.append((str(name), sym))

    def st_alias_decl(self, st: Tree) -> None:
        """``let a = q[1:3] ++ r;``: a new name for (a concatenation of) qubit
        or bit selections. It refers to the same qubits or bit locations."""
        name, _eq, *parts = st.children
        pieces = [p for p in parts if not (isinstance(p, Token) and p.type == "CONCAT")]
        base = [self.lookup(_name_of(t)) if (t := self._base_token(p)) is not None else None for p in pieces]
        if all(isinstance(b, QSym) for b in base):
            qubits: list[SSAValue] = []
            for p in pieces:
                qubits.extend(self.resolve_qarg(self._as_qarg(p)))
            if len(set(qubits)) != len(qubits):
                raise self.error(st, f"alias '{name}' names the same qubit more than once")
            self.declare(name, QSym(qubits, True))
            return
        if all(isinstance(b, CSym) and b.type.is_register for b in base):
            keys: list[Hashable] = []
            for p in pieces:
                view, idx = self.lvalue(p)
                if idx is not None:  # one bit
                    i = idx if isinstance(idx, int) else self.const_int(idx, "an index")
                    self._check_bit_index(view, i, p)
                    keys.append(view.keys[i])
                else:
                    keys.extend(view.keys)
            self.declare(name, CSym(QType("bit", len(keys)), keys))
            return
        for p, b in zip(pieces, base):
            tok = self._base_token(p)
            if tok is not None and b is None:
                raise self.error(tok, f"'{_name_of(tok)}' is not declared")
            if not isinstance(b, (QSym, CSym)) or (isinstance(b, CSym) and not b.type.is_register):
                raise self.error(p, "an alias must name qubits, or bits of bit registers")
        odd = next(p for p, b in zip(pieces, base) if type(b) is not type(base[0]))
        raise self.error(odd, "an alias cannot mix qubits and bits")

    @staticmethod
    def _base_token(e: Any) -> Token | None:
        """The variable a selection expression starts from: ``q``, ``q[1]``, ``q[1:2]``."""
        if isinstance(e, Tree) and e.data in ("name", "indexed"):
            return e.children[0]
        if isinstance(e, Tree) and e.data == "index":
            return _Lowering._base_token(e.children[0]) if e.children[0].data == "name" else None
        return None

    def scalar_type(self, ty: Tree) -> QType:
        kind = ty.data[: -len("_type")]
        if kind in ("complex", "duration", "stretch"):
            raise self.error(ty, f"type '{kind}' is not supported")
        width = None
        for c in ty.children:
            if isinstance(c, Tree) and c.data == "designator":
                width = self.const_int(c.children[0], "a type width")
                limit = 64 if kind in ("int", "uint", "angle") else MAX_REGISTER  # ints live in i64
                if not 1 <= width <= limit:
                    raise self.error(c, f"{kind}[{width}] is not supported (widths 1 to {limit})")
        return QType(kind, width)

    def zero_of(self, t: QType) -> SSAValue:
        if t.kind in ("bit", "bool"):
            return self.b.const_bool(False)
        if t.kind in ("int", "uint") or t.fixed_angle:
            return self.b.const_i64(0)
        return self.b.const_f64(0.0)

    # ------------------------------------------------------------------ gates and subroutines
    def st_gate_def(self, st: Tree) -> None:
        name, *rest = st.children
        params: list[str] = []
        qubits: list[str] = []
        body = rest[-1]
        for c in rest[:-1]:
            if c.data == "gate_params":
                params = [str(t) for t in (c.children[0].children if c.children else [])]
            elif c.data == "id_list":
                qubits = [str(t) for t in c.children]
        g = str(name)
        taken = g in self.gates or g in BUILTIN_GATES
        taken |= "stdgates.inc" in self.included and g in STDGATES_INC
        taken |= "qelib1.inc" in self.included and g in QELIB1_INC
        if taken:
            raise self.error(name, f"gate '{name}' is already defined")
        if g in self.subs:
            raise self.error(name, f"'{name}' is already defined as a subroutine")
        if len(set(qubits)) != len(qubits):
            raise self.error(name, f"gate '{name}' names a qubit argument twice")
        self.gates[str(name)] = GateDef(params, qubits, body)

    def st_opaque_def(self, st: Tree) -> None:
        raise self.error(st, "'opaque' gates have no definition to compile")

    def st_def_def(self, st: Tree) -> None:
        name, *rest = st.children
        args: list[tuple[str, str, QType | None, int | None]] = []
        ret: QType | None = None
        for c in rest[:-1]:
            if c.data == "def_args":
                for a in c.children:
                    if a.data == "def_classical":
                        args.append(("c", str(a.children[1]), self.scalar_type(a.children[0]), None))
                    else:
                        n = None
                        des = [x for x in a.children if isinstance(x, Tree) and x.data == "designator"]
                        if des:
                            n = self.const_int(des[0].children[0], "a qubit array size")
                        tok = [x for x in a.children if isinstance(x, Token) and x.type in ("NAME", "GATE_NAME", "INDEXED")][-1]
                        if tok.type == "INDEXED":  # `qreg q[2]`
                            n = int(str(tok)[len(_name_of(tok)) + 1 : -1])
                        args.append(("q", _name_of(tok), None, n))
            elif c.data == "return_type":
                ret = self.scalar_type(c.children[0])
        if str(name) in self.subs:
            raise self.error(name, f"subroutine '{name}' is already defined")
        self.subs[str(name)] = SubDef(args, ret, rest[-1], name)

    def st_gate_call(self, st: Tree) -> None:
        name = st.children[0]
        if isinstance(name, Token) and str(name) in self.subs:
            # `f(a) q, r;`: a subroutine called in gate syntax (earlier
            # OpenQASM 3 drafts, and the OpenQASM examples, write calls so):
            # the parenthesised values, then the qubits, in parameter order.
            args: list[Any] = []
            for c in st.children[1:]:
                if isinstance(c, Tree) and c.data == "expr_list":
                    args.extend(c.children)
                elif isinstance(c, Tree) and c.data == "qarg_list":
                    args.extend(c.children)
                elif isinstance(c, Tree) and c.data == "designator":
                    raise self.error(c, "gate durations are a timing feature, which is not supported")
                else:
                    args.append(c)
            self.call_subroutine(Tree("call", [name]), self.subs[str(name)], args)
            return
        for p in self.expand_call(st):
            self.emit_prim(p, st)

    def expand_call(self, st: Tree) -> list[Prim]:
        """A gate call as primitive gates, modifiers applied."""
        mods: list[Tree] = []
        name: Token | None = None
        params: list[Any] = []
        qargs: list[Any] = []
        for c in st.children:
            if isinstance(c, Token):
                name = c
            elif c.data.endswith("_mod"):
                mods.append(c)
            elif c.data == "expr_list":
                params = c.children
            elif c.data == "qarg_list":
                qargs = c.children
            elif c.data == "designator":
                raise self.error(c, "gate durations are a timing feature, which is not supported")
            else:  # a single parameter without expr_list wrapper
                params = [c]
        assert name is not None
        pvals = [self.eval(p) for p in params]
        qlists = [self.resolve_qarg(q) for q in qargs]
        # Controls come first in the argument list, one per ctrl qubit.
        n_controls = 0
        mod_specs: list[tuple[str, int]] = []
        for m in mods:
            if m.data in ("ctrl_mod", "negctrl_mod"):
                k = self.const_int(m.children[1], "a control count") if len(m.children) > 1 else 1
                if k < 1:
                    raise self.error(m, "the number of controls must be at least 1")
                mod_specs.append((m.data, k))
                n_controls += k
            elif m.data == "pow_mod":
                k = self.eval(m.children[1])
                if not isinstance(k, int) or isinstance(k, bool):
                    raise self.error(m, "pow(k) @ needs a compile-time integer k")
                mod_specs.append(("pow", k))
            else:
                mod_specs.append(("inv", 0))
        sig_qubits = self.gate_arity(name, len(pvals))
        if len(qlists) != n_controls + sig_qubits:
            raise self.error(name, f"gate '{name}' with {n_controls} control(s) acts on {n_controls + sig_qubits} qubit(s), but {len(qlists)} were given")
        # Broadcast registers: all register arguments have the same size.
        sizes = {len(q) for q in qlists if len(q) != 1}
        if len(sizes) > 1:
            raise self.error(name, f"gate '{name}' is broadcast over registers of different sizes {sorted(sizes)}")
        n = sizes.pop() if sizes else 1
        out: list[Prim] = []
        for i in range(n):
            qs = [q[i] if len(q) > 1 else q[0] for q in qlists]
            if len(set(qs)) != len(qs):
                raise self.error(name, f"gate '{name}' uses the same qubit more than once")
            controls, targets = qs[:n_controls], qs[n_controls:]
            prims = self.base_prims(name, pvals, targets)
            ci = n_controls
            try:
                for kind, k in reversed(mod_specs):
                    if kind == "inv":
                        prims = inverse(prims, self.negate)
                    elif kind == "pow":
                        prims = power(prims, k, self.negate, lambda v, n: self.binary("*", v, n, name))
                    else:
                        ctl = controls[ci - k : ci]
                        ci -= k
                        ops = AngleOps(self.negate, lambda v, f: self.binary("*", v, f, name))
                        prims = control(prims, ctl, ops) if kind == "ctrl_mod" else negctrl_wrap(prims, ctl, ops)
            except ModifierError as e:
                raise self.error(name, str(e)) from None
            out.extend(prims)
        return out

    def gate_def(self, g: str) -> GateDef | None:
        """The OpenQASM definition of a gate, if it has one: the program's
        own first, then the standard-library gates the gate table lacks."""
        return self.gates.get(g) or self.library.get(g)

    def gate_arity(self, name: Token, nparams: int) -> int:
        g = str(name)
        if g == "gphase":
            if nparams != 1:
                raise self.error(name, f"gphase takes 1 parameter, but {nparams} were given")
            return 0
        d = self.gate_def(g)
        if d is not None:
            if nparams != len(d.params):
                raise self.error(name, f"gate '{g}' takes {len(d.params)} parameter(s), but {nparams} were given")
            return len(d.qubits)
        sig = GATES.get(g)
        if sig is None:
            if g in self.subs:
                raise self.error(name, f"'{g}' is a subroutine, not a gate: call it as {g}(...)")
            raise self.error(name, f"unknown gate '{g}'")
        if nparams != sig.num_params:
            raise self.error(name, f"gate '{g}' takes {sig.num_params} parameter(s), but {nparams} were given")
        return sig.num_qubits

    def base_prims(self, name: Token, pvals: list[Val], qubits: list[SSAValue]) -> list[Prim]:
        g = str(name)
        d = self.gate_def(g)
        if d is None:
            return [Prim(g, tuple(pvals), tuple(qubits))]
        scope: dict[str, Any] = {}
        for pname, v in zip(d.params, pvals):
            scope[pname] = ConstSym(v, FLOAT) if is_const(v) else ConstSym(v, FLOAT)
        for qname, q in zip(d.qubits, qubits):
            scope[qname] = QSym([q], False)
        saved_scopes = self.scopes
        self.scopes = [{k: v for k, v in self.scopes[0].items() if isinstance(v, ConstSym)}, scope]
        try:
            out: list[Prim] = []
            for st in d.body.children:
                if not isinstance(st, Tree):
                    continue
                if st.data == "gate_call":
                    out.extend(self.expand_call(st))
                elif st.data == "expr_stmt" and self._is_gphase_call(st.children[0]):
                    out.append(Prim("gphase", (self._gphase_angle(st.children[0]),), ()))
                elif st.data == "barrier_stmt":
                    continue
                else:
                    raise self.error(st, f"a gate body may contain only gate calls, not '{st.data.replace('_', ' ')}'")
            return out
        finally:
            self.scopes = saved_scopes

    def _gphase_angle(self, call: Tree) -> Val:
        """The angle of ``gphase(a);`` written as a statement."""
        args = call.children[1].children if len(call.children) > 1 else []
        if len(args) != 1:
            raise self.error(call.children[0], f"gphase takes 1 parameter, but {len(args)} were given")
        return self.eval(args[0])

    @staticmethod
    def _is_gphase_call(e: Any) -> bool:
        return isinstance(e, Tree) and e.data == "call" and str(e.children[0]) == "gphase"

    def emit_prim(self, p: Prim, st: Tree) -> None:
        if p.gate == "gphase":
            return  # a global phase without a control is unobservable
        if p.gate == "sxdg":
            (q,) = p.qubits
            for g in ("h", "sdg", "h"):
                self.b.gate(g, [q])
            return
        params = [self.to_ssa(v, FLOAT, st) for v in p.params]
        self.b.gate(p.gate, list(p.qubits), params)

    def negate(self, v: Val) -> Val:
        if is_const(v):
            return -v  # type: ignore[operator]
        return Dyn(self.b.add(arith.NegfOp(self.to_ssa(v, FLOAT, None))).results[0], FLOAT)

    # ------------------------------------------------------------------ qubit arguments
    def resolve_qarg(self, q: Any) -> list[SSAValue]:
        if isinstance(q, Token) or q.data == "qarg_hw":
            tok = q if isinstance(q, Token) else q.children[0]
            n = int(str(tok)[1:])
            assert self.phys is not None
            return [self.phys[n]]
        if q.data == "qarg_name":
            tok = q.children[0]
            return self.qsym(tok).qubits
        if q.data == "qarg_indexed":
            tok = q.children[0]
            text = str(tok)
            sym = self.qsym(tok, _name_of(tok))
            i = int(text[text.index("[") + 1 : -1])
            return [self.qubit_at(sym, i, tok)]
        tok, index = q.children
        sym = self.qsym(tok)
        return [self.qubit_at(sym, i, tok) for i in self.index_values(index, len(sym.qubits), tok)]

    def qsym(self, tok: Token, name: str | None = None) -> QSym:
        name = name or str(tok)
        sym = self.lookup(name)
        if sym is None:
            raise self.error(tok, f"'{name}' is not declared")
        if not isinstance(sym, QSym):
            raise self.error(tok, f"'{name}' is not a qubit or qubit register")
        return sym

    def qubit_at(self, sym: QSym, i: int, tok: Token) -> SSAValue:
        n = len(sym.qubits)
        if not -n <= i < n:
            raise self.error(tok, f"index {i} is out of range for '{_name_of(tok)}' of {n} qubit(s)")
        return sym.qubits[i]

    def index_values(self, index: Any, size: int, tok: Token) -> list[int]:
        """Constant indices selected by ``[index]``: one, a range, or a set."""
        if isinstance(index, Tree) and index.data == "range_expr":
            return list(self.const_range(index, size))
        if isinstance(index, Tree) and index.data == "index_set":
            return [self.const_int(e, "an index") for e in index.children[0].children]
        v = self.eval(index)
        if isinstance(v, Dyn):
            raise self.error(index, "qubit index is not a compile-time constant: QIR needs static qubit ids "
                             "(a loop that indexes qubits by its variable must have constant bounds, and the index must not depend on a measurement)")
        if isinstance(v, bool) or not isinstance(v, int):
            raise self.error(index, f"an index must be an integer, not {v!r}")
        return [v]

    def const_range(self, r: Tree, size: int | None = None) -> range:
        """``[start:stop]`` or ``[start:step:stop]``; both ends included."""
        parts: list[Any] = [None]
        for c in r.children:
            if isinstance(c, Token) and c.type == "COLON":
                parts.append(None)
            else:
                parts[-1] = c
        if len(parts) == 3:
            start, step, stop = parts
        else:
            start, stop = parts
            step = None
        lo = self.const_int(start, "a range start") if start is not None else 0
        st = self.const_int(step, "a range step") if step is not None else 1
        if stop is None:
            if size is None:
                raise self.error(r, "an open range needs a register to bound it")
            hi = size - 1
        else:
            hi = self.const_int(stop, "a range end")
        if st == 0:
            raise self.error(r, "a range step cannot be 0")
        return range(lo, hi + (1 if st > 0 else -1), st)

    # ------------------------------------------------------------------ quantum statements
    def st_measure_assign(self, st: Tree) -> None:
        target, _eq, mexpr = st.children
        sym, idx = self.lvalue(target)
        self.assign_measure(sym, idx, mexpr, target)

    def st_measure_arrow(self, st: Tree) -> None:
        mexpr = st.children[0]
        if len(st.children) == 1:
            for q in self.resolve_qarg(mexpr.children[0]):
                self.b.measure(q, self.loc(_tok(mexpr)))
            return
        sym, idx = self.lvalue(st.children[1])
        self.assign_measure(sym, idx, mexpr, st.children[1])

    def assign_measure(self, sym: CSym, idx: Any, mexpr: Tree, node: Any) -> None:
        qubits = self.resolve_qarg(mexpr.children[0])
        loc = self.loc(_tok(mexpr))
        if idx is None and sym.type.is_register:
            if len(qubits) != len(sym.keys):
                raise self.error(node, f"measuring {len(qubits)} qubit(s) into {len(sym.keys)} bit(s)")
            for k, q in zip(sym.keys, qubits):
                self.env[k] = self.b.measure(q, loc)
            return
        if len(qubits) != 1:
            raise self.error(node, f"measuring {len(qubits)} qubits into one bit")
        if idx is None and sym.type.kind not in ("bit", "bool"):
            raise self.error(node, f"cannot store a measurement in a variable of type {sym.type}")
        bit = self.b.measure(qubits[0], loc)
        self.store(sym, idx, Dyn(bit, BIT), node)

    def st_reset_stmt(self, st: Tree) -> None:
        for q in self.resolve_qarg(st.children[0]):
            self.b.reset(q)

    def st_barrier_stmt(self, st: Tree) -> None:
        qs: list[SSAValue] = []
        if len(st.children) > 1:
            for q in st.children[1].children:
                qs.extend(self.resolve_qarg(q))
        else:
            for scope in self.scopes:
                for sym in scope.values():
                    if isinstance(sym, QSym):
                        qs.extend(sym.qubits)
        self.b.barrier(list(dict.fromkeys(qs)))

    def warn(self, node: Any, message: str) -> None:
        import warnings

        t = _tok(node)
        where = f"{self.filename}:{t.line}:{t.column}" if t is not None else self.filename
        warnings.warn(f"{where}: warning: {message}", stacklevel=2)

    def st_delay_stmt(self, st: Tree) -> None:
        # Dropping a delay changes when things happen, not what they do.
        self.warn(st, "'delay' is dropped (QIR has no timing)")

    def st_box_stmt(self, st: Tree) -> None:
        if any(isinstance(c, Tree) and c.data == "designator" for c in st.children):
            self.warn(st, "the duration of 'box' is dropped (QIR has no timing); its body is kept")
        self.st_block(st.children[-1])

    # ------------------------------------------------------------------ classical statements
    def st_assignment(self, st: Tree) -> None:
        target, op, value = st.children
        sym, idx = self.lvalue(target)
        v = self.eval(value)
        if str(op) != "=":
            if idx is None and sym.type.fixed_angle:  # modulo-2^n integer arithmetic, even on a known value
                cur: Val = Dyn(self.env[sym.keys[0]], sym.type)
            else:
                cur = self.read(sym, idx, target)
            v = self.binary(str(op)[:-1], cur, v, st)
        self.store(sym, idx, v, st)

    def st_expr_stmt(self, st: Tree) -> None:
        e = st.children[0]
        if self._is_gphase_call(e):
            self._gphase_angle(e)  # checked; a global phase without a control is unobservable
            return
        self.eval(e)  # a subroutine call for its effects

    def lvalue(self, node: Any) -> tuple[CSym, Any]:
        if isinstance(node, Tree) and node.data == "name":
            tok = node.children[0]
            return self.csym(tok), None
        if isinstance(node, Tree) and node.data == "indexed":
            tok = node.children[0]
            text = str(tok)
            return self.csym(tok, _name_of(tok)), int(text[text.index("[") + 1 : -1])
        if isinstance(node, Tree) and node.data == "index" and isinstance(node.children[0], Tree) and node.children[0].data == "name":
            sym = self.csym(node.children[0].children[0])
            index = node.children[1]
            if isinstance(index, Tree) and index.data in ("range_expr", "index_set"):
                return self.slice_view(sym, index, node), None
            return sym, index
        raise self.error(node, "the left side of an assignment must be a variable or a bit of one")

    def slice_view(self, sym: CSym, index: Tree, node: Any) -> CSym:
        """``c[0:2]`` or ``c[{0, 3}]`` of a bit register: a register of the
        selected bits that shares their locations, so reading it reads them
        and assigning it assigns them (a slice is a reference, per the spec)."""
        if not sym.type.is_register:
            raise self.error(node, f"only bit registers can be sliced, not a value of type {sym.type}")
        n = len(sym.keys)
        picked = self.index_values(index, n, _tok(node))
        for i in picked:
            if not -n <= i < n:
                raise self.error(index, f"index {i} is out of range for a register of {n} bit(s)")
        if not picked:
            raise self.error(index, "a slice must select at least one bit")
        return CSym(QType("bit", len(picked)), [sym.keys[i] for i in picked])

    def csym(self, tok: Token, name: str | None = None) -> CSym:
        name = name or str(tok)
        sym = self.lookup(name)
        if sym is None:
            raise self.error(tok, f"'{name}' is not declared")
        if isinstance(sym, ConstSym):
            raise self.error(tok, f"'{name}' is a constant and cannot be assigned")
        if not isinstance(sym, CSym):
            raise self.error(tok, f"'{name}' is not a classical variable")
        return sym

    def read(self, sym: CSym, idx: Any, node: Any) -> Val:
        if idx is None:
            if sym.type.is_register:
                bits = [self.env[k] for k in sym.keys]
                consts = [constant_value(b) for b in bits]
                if all(c is not None for c in consts):
                    return sum((int(c) & 1) << i for i, c in enumerate(consts))  # type: ignore[arg-type]
                return Dyn(self.b.bits_to_int(bits), QType("uint", sym.type.width))
            return self.from_ssa(self.env[sym.keys[0]], sym.type)
        i = idx if isinstance(idx, int) else self.eval(idx)
        if sym.type.is_register:
            if isinstance(i, Dyn):
                return Dyn(self._dynamic_bit(sym, i), BIT)
            self._check_bit_index(sym, i, node)
            return self.from_ssa(self.env[sym.keys[i]], BIT)
        # A bit of an integer or angle[n] variable: of its representation.
        if is_const(i) and (isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < sym.type.int_width):
            raise self.error(node, f"bit index {i!r} is out of range for a variable of type {sym.type}")
        word = Dyn(self.env[sym.keys[0]], sym.type) if sym.type.fixed_angle else self.read(sym, None, node)
        return self._bit_of(word, i, node)

    def _check_bit_index(self, sym: CSym, i: Any, node: Any) -> None:
        if isinstance(i, bool) or not isinstance(i, int):
            raise self.error(node, f"a bit index must be an integer, not {i!r}")
        if not 0 <= i < len(sym.keys):
            raise self.error(node, f"bit index {i} is out of range for a register of {len(sym.keys)} bit(s)")

    def _dynamic_bit(self, sym: CSym, i: Dyn) -> SSAValue:
        word = self.b.bits_to_int([self.env[k] for k in sym.keys])
        shifted = self.b.binop(arith.ShRUIOp, word, self.to_ssa(i, INT, None))
        return self.b.trunc_i1(self.b.and_(shifted, self.b.const_i64(1)))

    def store(self, sym: CSym, idx: Any, v: Val, node: Any) -> None:
        t = sym.type
        if idx is None:
            if t.is_register:
                self.assign(sym, None, v, node)
                return
            self.env[sym.keys[0]] = self.to_ssa(v, t, node)
            return
        i = idx if isinstance(idx, int) else self.eval(idx)
        if not t.is_register:
            self._store_bit_of_word(sym, i, v, node)
            return
        bit = self.to_ssa(v, BIT, node)
        if isinstance(i, Dyn):
            index = self.to_ssa(i, INT, node)
            for j, k in enumerate(sym.keys):
                hit = self.b.cmpi("eq", index, self.b.const_i64(j))
                self.env[k] = self.b.add(arith.SelectOp(hit, bit, self.env[k])).results[0]
            return
        self._check_bit_index(sym, i, node)
        self.env[sym.keys[i]] = bit

    def _store_bit_of_word(self, sym: CSym, i: Val, v: Val, node: Any) -> None:
        """``x[i] = b`` for an int, uint or angle[n] ``x``: bit i of its
        representation (bit 0 least significant)."""
        t = sym.type
        if t.kind not in ("int", "uint") and not t.fixed_angle:
            raise self.error(node, f"cannot assign to a bit of a variable of type {t}")
        if is_const(i):
            if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < t.int_width:
                raise self.error(node, f"bit index {i!r} is out of range for a variable of type {t}")
        word = self.env[sym.keys[0]]
        bit = self.b.zext_i64(self.to_ssa(v, BIT, node))
        index = self.to_ssa(i, INT, node)
        one = self.b.binop(arith.ShLIOp, self.b.const_i64(1), index)
        cleared = self.b.and_(word, self.b.xor(one, self.b.const_i64(-1)))
        new = self.b.binop(arith.OrIOp, cleared, self.b.binop(arith.ShLIOp, bit, index))
        self.env[sym.keys[0]] = self._mask(Dyn(new, t)).value

    def assign(self, sym: CSym, idx: Any, v: Val, node: Any) -> None:
        t = sym.type
        if idx is not None or not t.is_register:
            self.store(sym, idx, v, node)
            return
        # A whole bit register from an integer: bit i of the value.
        if is_const(v):
            n = int(v)  # type: ignore[arg-type]
            for i, k in enumerate(sym.keys):
                self.env[k] = self.b.const_bool(bool((n >> i) & 1))
            return
        word = self.to_ssa(v, INT, node)
        for i, k in enumerate(sym.keys):
            shifted = self.b.binop(arith.ShRUIOp, word, self.b.const_i64(i)) if i else word
            self.env[k] = self.b.trunc_i1(self.b.and_(shifted, self.b.const_i64(1)))

    # ------------------------------------------------------------------ control flow
    def written(self, st: Any) -> set[Hashable]:
        """Locations a statement may assign: what structured control flow
        around it must thread."""
        out: set[Hashable] = set()
        for t in _subtrees(st):
            d = t.data
            target = None
            if d in ("measure_assign", "assignment"):
                target = t.children[0]
            elif d == "measure_arrow" and len(t.children) > 1:
                target = t.children[1]
            elif d == "break_stmt":
                out.add(BREAK)
            elif d == "continue_stmt":
                out.add(CONTINUE)
            elif d == "return_stmt":
                out.add(RETURN)
                out.add(RETVAL)
            if target is not None:
                tok = _tok(target)
                if tok is not None:
                    sym = self.lookup(_name_of(tok))
                    if isinstance(sym, CSym):
                        out.update(sym.keys)
        return out

    def structured_if(self, cond: SSAValue, then_fn: Callable[[], None], else_fn: Callable[[], None] | None, written: set[Hashable], tok: Token | None) -> None:
        keys = sorted((k for k in written if k in self.env), key=repr)
        op, then_b, else_b = self.b.if_(cond, [self.env[k].type for k in keys])
        for block, fn in ((then_b, then_fn), (else_b, else_fn)):
            with self.env.scope():
                outer = self.b.set_block(block)
                self.scopes.append({})
                try:
                    if fn is not None:
                        fn()
                finally:
                    self.scopes.pop()
                self.b.yield_([self.env[k] for k in keys])
                self.b.set_block(outer)
        for k, r in zip(keys, op.results):
            self.env[k] = r

    def st_if_stmt(self, st: Tree) -> None:
        cond, then_st, *rest = st.children
        c = self.eval(cond)
        else_st = rest[0] if rest else None
        if is_const(c):  # decided at compile time: the branch not taken is only checked
            taken = self.truthy_const(c, cond)
            for branch, live in ((then_st, taken), (else_st, not taken)):
                if branch is None:
                    continue
                if live:
                    self.st_scoped(branch)
                else:
                    self.check_unreachable(lambda b=branch: self.st_scoped(b))
            return
        written = self.written(then_st) | (self.written(else_st) if else_st is not None else set())
        self.structured_if(
            self.truthy(c, cond),
            lambda: self.lower_stmt(then_st),
            (lambda: self.lower_stmt(else_st)) if else_st is not None else None,
            written,
            _tok(st),
        )

    def st_scoped(self, st: Any) -> None:
        self.scopes.append({})
        try:
            self.lower_stmt(st)
        finally:
            self.scopes.pop()

    def _enter_loop(self) -> dict[Hashable, SSAValue | None]:
        self.loop_depth += 1
        return self.env.reset((BREAK, CONTINUE), self.b.const_bool(False))

    def _leave_loop(self, saved: dict[Hashable, SSAValue | None]) -> None:
        self.loop_depth -= 1
        self.env.restore(saved)

    def _not_stopped(self) -> SSAValue:
        """Neither break nor return has fired: the loop body should run."""
        flags = [self.env[f] for f in (BREAK, RETURN) if f in self.env]
        acc = flags[0]
        for f in flags[1:]:
            acc = self.b.or_(acc, f)
        return self.b.not_(acc)

    def _loop_written(self, body: Any) -> set[Hashable]:
        return self.written(body) - {BREAK, CONTINUE}

    def st_while_stmt(self, st: Tree) -> None:
        cond, body = st.children
        c0 = self.eval(cond)
        if is_const(c0) and not self.truthy_const(c0, cond):
            self.check_unreachable(lambda: self._dead_loop_body(body))
            return
        saved = self._enter_loop()
        escapes = self._escapes(body)
        carried = sorted((k for k in self._loop_written(body) if k in self.env and k not in (RETURN, RETVAL)), key=repr)
        if BREAK in escapes:
            carried.append(BREAK)
        if RETURN in escapes:
            carried += [RETURN, RETVAL]
        init = [self.env[k] for k in carried]
        types = [v.type for v in init]
        before, after = Block(arg_types=types), Block(arg_types=types)
        wop = self.b.add(scf.WhileOp(init, types, Region(before), Region(after)))
        outer_block = self.b.set_block(before)
        with self.env.scope():
            for k, a in zip(carried, before.args):
                _hint(a, k)
                self.env[k] = a
            cv = self.truthy(self.eval(cond), cond)
            stops = [self.env[f] for f in (BREAK, RETURN) if f in carried]
            if stops:
                stop = stops[0] if len(stops) == 1 else self.b.or_(*stops)
                cv = self.b.and_(cv, self.b.not_(stop))
            self.b.add(scf.ConditionOp(cv, *before.args))
        with self.env.scope():
            for k, a in zip(carried, after.args):
                _hint(a, k)
                self.env[k] = a
            self.env[CONTINUE] = self.b.const_bool(False)
            self.b.set_block(after)
            self.st_scoped(body)
            self.b.yield_([self.env[k] for k in carried])
        self.b.set_block(outer_block)
        for k, r in zip(carried, wop.results):
            self.env[k] = r
        self._leave_loop(saved)

    def _dead_loop_body(self, body: Any) -> None:
        saved = self._enter_loop()
        try:
            self.st_scoped(body)
        finally:
            self._leave_loop(saved)

    def check_unreachable(self, lower: Callable[[], None]) -> None:
        """Lower code that never runs (a branch or loop body decided at
        compile time) into a block that is then dropped. OpenQASM's semantic
        errors are errors wherever they are written, and this gives dead code
        the same checks as live code without emitting it. Subroutine calls in
        it are checked but not inlined: a recursion that a constant argument
        ends would not end here."""
        block = Block(arg_types=[i1, i64, F64])  # opaque values (see _opaque)
        outer = self.b.set_block(block)
        saved_notes, self.pending_annotations = self.pending_annotations, []
        self.dead_blocks.append(block)
        try:
            with self.env.scope():
                lower()
        finally:
            self.dead_blocks.pop()
            self.pending_annotations = saved_notes
            self.b.set_block(outer)
            for op in reversed(list(block.ops)):
                block.erase_op(op, safe_erase=False)  # drop the uses it made of live values

    def _opaque(self, t: QType) -> Dyn:
        """A value of type ``t`` that is not known at compile time, in dead code."""
        i = 0 if t.kind in ("bit", "bool") and not t.is_register else (2 if t.kind in ("float", "angle") and not t.fixed_angle else 1)
        return Dyn(self.dead_blocks[-1].args[i], t)

    def st_for_stmt(self, st: Tree) -> None:
        kids = st.children
        body = kids[-1]
        rng = kids[-2]
        var = kids[-3]
        vtype = self.scalar_type(kids[0]) if len(kids) == 4 else INT
        if rng.data == "for_range":
            values: list[Any] = list(self.const_range(rng.children[0]))
        elif rng.data == "for_set":
            values = [self.eval(e) for e in rng.children[0].children]
            if not all(is_const(v) for v in values):
                raise self.error(rng, "the values of a for loop's set must be known at compile time")
        else:
            sym = self.lookup(str(rng.children[0]))
            if isinstance(sym, CSym) and sym.type.is_register:
                values = [self.from_ssa(self.env[k], BIT) for k in sym.keys]
            else:
                raise self.error(rng, "a for loop can iterate over a range, a set, or a bit register")
        if len(values) > MAX_UNROLL:
            raise self.error(rng, f"a for loop of {len(values)} iterations is too long")
        name = str(var)
        unroll = rng.data != "for_range" or self._needs_unrolling(body, name)
        saved = self._enter_loop()
        try:
            if unroll:
                self._unrolled_for(var, vtype, values, body)
            else:
                self._counted_for(var, vtype, values, body)
        finally:
            self._leave_loop(saved)

    def _needs_unrolling(self, body: Any, name: str) -> bool:
        """A loop is unrolled when its variable, or a variable its body
        writes, is used where a compile-time value is needed: a qubit index
        (QIR needs static qubit ids), a gate parameter or modifier (so angles
        fold: a QIR backend need not compute them), an alias. Unrolled, each
        iteration sees those values as constants (``pow(power)`` in the
        OpenQASM ``ipe`` example, with ``power <<= 1`` in the body)."""
        static = self._static_names(body, set())
        return name in static or bool(static & self._assigned_names(body))

    def _static_names(self, node: Any, seen: set[str]) -> set[str]:
        """Names used where a value must be known at compile time, looking
        through calls into subroutines (their bodies are inlined per call)."""
        out: set[str] = set()
        for t in _subtrees(node):
            d = t.data
            if d == "qarg_index":
                out |= _names_in(t.children[1])
            elif d == "alias_decl":
                out |= _names_in(t)
            elif d == "gate_call":
                for c in t.children:
                    if isinstance(c, Tree) and c.data in ("expr_list", "pow_mod", "ctrl_mod", "negctrl_mod", "designator"):
                        out |= _names_in(c)
                    elif isinstance(c, Tree) and not c.data.startswith("qarg"):
                        out |= _names_in(c)  # a single parameter
                if isinstance(t.children[0], Token) and str(t.children[0]) in self.subs:
                    out |= self._static_args(str(t.children[0]), [c for c in t.children[1:] if isinstance(c, Tree)], seen)
            elif d == "index" and isinstance(t.children[0], Tree) and t.children[0].data == "name":
                if isinstance(self.lookup(str(t.children[0].children[0])), QSym):
                    out |= _names_in(t.children[1])
            elif d == "call" and str(t.children[0]) in self.subs and len(t.children) > 1:
                out |= self._static_args(str(t.children[0]), [t.children[1]], seen)
        return out

    def _static_args(self, sub_name: str, arg_nodes: list[Tree], seen: set[str]) -> set[str]:
        """The names in a call's classical arguments whose parameters the
        subroutine uses where a compile-time value is needed."""
        if sub_name in seen:
            return set()
        sub = self.subs[sub_name]
        inner = self._static_names(sub.body, seen | {sub_name})
        args: list[Any] = []
        for n in arg_nodes:
            args.extend(n.children if n.data in ("expr_list", "qarg_list") else [n])
        out: set[str] = set()
        for (kind, aname, _t, _n), a in zip(sub.args, args):
            if kind == "c" and aname in inner:
                out |= _names_in(a)
        return out

    def _assigned_names(self, body: Any) -> set[str]:
        out: set[str] = set()
        for t in _subtrees(body):
            target = None
            if t.data in ("measure_assign", "assignment"):
                target = t.children[0]
            elif t.data == "measure_arrow" and len(t.children) > 1:
                target = t.children[1]
            if target is not None and (tok := _tok(target)) is not None:
                out.add(_name_of(tok))
        return out

    def _unrolled_for(self, var: Token, vtype: QType, values: list[Any], body: Any) -> None:
        has_escape = bool(self._escapes(body) & {BREAK, RETURN})
        written = self._loop_written(body) | {BREAK}
        for n, v in enumerate(values):
            def one(v: Any = v) -> None:
                self.env[CONTINUE] = self.b.const_bool(False)
                self.scopes.append({str(var): ConstSym(v if not isinstance(v, Dyn) else v, vtype)})
                try:
                    self.lower_stmt(body)
                finally:
                    self.scopes.pop()

            if n and has_escape:
                self.structured_if(self._not_stopped(), one, None, written, var)
            else:
                one()

    def _counted_for(self, var: Token, vtype: QType, values: list[int], body: Any) -> None:
        r = range(0)
        if values:
            step = values[1] - values[0] if len(values) > 1 else 1
            r = range(values[0], values[-1] + (1 if step > 0 else -1), step)
        escapes = self._escapes(body)
        carried = sorted((k for k in self._loop_written(body) if k in self.env and k not in (RETURN, RETVAL)), key=repr)
        has_break = bool(escapes & {BREAK, RETURN})
        if BREAK in escapes:
            carried.append(BREAK)
        if RETURN in escapes:
            carried += [RETURN, RETVAL]
        init = [self.env[k] for k in carried]
        block = Block(arg_types=[INDEX, *(v.type for v in init)])
        fop = scf.ForOp(self.b.const_index(0), self.b.const_index(len(r)), self.b.const_index(1), init, Region(block))
        self.b.add(fop)
        outer_block = self.b.set_block(block)
        with self.env.scope():
            for k, a in zip(carried, block.args[1:]):
                _hint(a, k)
                self.env[k] = a
            iv = self.b.add(arith.IndexCastOp(block.args[0], i64)).results[0]
            value = iv
            if r.step != 1:
                value = self.b.binop(arith.MuliOp, value, self.b.const_i64(r.step))
            if r.start != 0:
                value = self.b.binop(arith.AddiOp, value, self.b.const_i64(r.start))

            def iteration() -> None:
                self.env[CONTINUE] = self.b.const_bool(False)
                self.scopes.append({str(var): ConstSym(Dyn(value, vtype), vtype)})
                try:
                    self.lower_stmt(body)
                finally:
                    self.scopes.pop()

            if has_break:
                self.structured_if(self._not_stopped(), iteration, None, set(carried), var)
            else:
                iteration()
            self.b.yield_([self.env[k] for k in carried])
        self.b.set_block(outer_block)
        for k, res in zip(carried, fop.results):
            self.env[k] = res

    def st_switch_stmt(self, st: Tree) -> None:
        target, *items = st.children
        v = self.eval(target)
        cases: list[tuple[int, Tree]] = []
        default: Tree | None = None
        for it in items:
            if it.data == "default":
                if default is not None:
                    raise self.error(it, "switch has more than one default")
                default = it.children[1]
            else:
                for e in it.children[0].children:
                    c = self.const_int(e, "a case value")
                    if any(c == x for x, _ in cases):
                        raise self.error(e, f"case {c} appears twice")
                    cases.append((c, it.children[1]))
        if is_const(v):
            chosen = next((b for c, b in cases if c == v), default)
            for body in dict.fromkeys([*(b for _, b in cases), default]):
                if body is chosen:
                    self.st_scoped(body)
                elif body is not None:
                    self.check_unreachable(lambda b=body: self.st_scoped(b))
            return
        sel = self.b.index_cast(self.to_ssa(v, INT, target))
        written: set[Hashable] = set()
        for _, body in cases:
            written |= self.written(body)
        if default is not None:
            written |= self.written(default)
        keys = sorted((k for k in written if k in self.env), key=repr)
        regions = []
        for body in [default, *(b for _, b in cases)]:
            block = Block()
            with self.env.scope():
                outer = self.b.set_block(block)
                if body is not None:
                    self.st_scoped(body)
                self.b.yield_([self.env[k] for k in keys])
                self.b.set_block(outer)
            regions.append(Region(block))
        sop = scf.IndexSwitchOp(sel, DenseArrayBase.from_list(i64, [c for c, _ in cases]), regions[0], regions[1:], [self.env[k].type for k in keys])
        self.b.add(sop)
        for k, r in zip(keys, sop.results):
            self.env[k] = r

    def st_break_stmt(self, st: Tree) -> None:
        if not self.loop_depth:
            raise self.error(st, "'break' outside a loop")
        self.env[BREAK] = self.b.const_bool(True)

    def st_continue_stmt(self, st: Tree) -> None:
        if not self.loop_depth:
            raise self.error(st, "'continue' outside a loop")
        self.env[CONTINUE] = self.b.const_bool(True)

    def st_return_stmt(self, st: Tree) -> None:
        if not self.sub_depth:
            raise self.error(st, "'return' outside a subroutine")
        if len(st.children) > 1:
            e = st.children[1]
            if isinstance(e, Tree) and e.data == "measure_expr":
                (q,) = self.resolve_qarg(e.children[0])
                v: Val = Dyn(self.b.measure(q, self.loc(_tok(e))), BIT)
            else:
                v = self.eval(e)
            ret_t = self.ret_types[-1]
            if ret_t is None:
                raise self.error(st, "this subroutine declares no return type")
            self.env[RETVAL] = self.to_ssa(v, ret_t, st)
        self.env[RETURN] = self.b.const_bool(True)

    # ------------------------------------------------------------------ subroutine calls
    ret_types: list[QType | None] = []

    def call_subroutine(self, node: Tree, sub: SubDef, args: list[Any]) -> Val:
        name = str(node.children[0])
        if len(args) != len(sub.args):
            raise self.error(node, f"subroutine '{name}' takes {len(sub.args)} argument(s), but {len(args)} were given")
        if self.sub_depth > 32:
            raise self.error(node, f"subroutine '{name}' recurses too deeply (recursion cannot be inlined)")
        scope: dict[str, Any] = {}
        for (kind, aname, atype, n), a in zip(sub.args, args):
            if kind == "q":
                qs = self.resolve_qarg(self._as_qarg(a))
                if len(qs) != (n if n is not None else 1):
                    raise self.error(a, f"argument '{aname}' of '{name}' takes {n or 1} qubit(s), but {len(qs)} were given")
                scope[aname] = QSym(qs, n is not None)
            else:
                v = self.eval(a)
                key = self.fresh_key(aname)
                assert atype is not None
                scope[aname] = CSym(atype, [key])
                self.env[key] = self.to_ssa(v, atype, a)
        if self.dead_blocks:
            return self._opaque(sub.ret) if sub.ret is not None else 0
        saved_scopes = self.scopes
        globals_ = {k: v for k, v in self.scopes[0].items() if isinstance(v, (ConstSym, QSym))}
        self.scopes = [globals_, scope]
        saved_flags = {f: self.env.get(f) for f in (RETURN, RETVAL)}
        saved_loop = self.loop_depth
        self.loop_depth = 0
        self.sub_depth += 1
        self.ret_types.append(sub.ret)
        self.env[RETURN] = self.b.const_bool(False)
        self.env[RETVAL] = self.zero_of(sub.ret) if sub.ret is not None else self.b.const_bool(False)
        try:
            self.lower_stmts(sub.body.children)
            result: Val = self.from_ssa(self.env[RETVAL], sub.ret) if sub.ret is not None else 0
        finally:
            self.ret_types.pop()
            self.sub_depth -= 1
            self.loop_depth = saved_loop
            self.scopes = saved_scopes
            for f, v in saved_flags.items():
                if v is None:
                    self.env.pop(f)
                else:
                    self.env[f] = v
        return result

    def _as_qarg(self, a: Any) -> Any:
        if isinstance(a, Tree) and a.data.startswith("qarg_"):
            return a  # already a qubit argument (a subroutine called as `f(x) q;`)
        if isinstance(a, Token) and a.type == "HWQUBIT":
            return a
        if isinstance(a, Tree) and a.data == "name":
            return Tree("qarg_name", a.children)
        if isinstance(a, Tree) and a.data == "indexed":
            return Tree("qarg_indexed", a.children)
        if isinstance(a, Tree) and a.data == "index":
            return Tree("qarg_index", [a.children[0].children[0], a.children[1]])
        raise self.error(a, "a qubit argument must be a qubit, a register, or an indexed register")

    # ------------------------------------------------------------------ expressions
    def eval(self, e: Any) -> Val:
        if isinstance(e, Token):
            raise self.error(e, f"unexpected '{e}' in an expression")
        m = getattr(self, "ex_" + e.data, None)
        if m is None:
            raise self.error(e, f"'{e.data}' is not supported in an expression")
        return m(e)

    def ex_int_lit(self, e: Tree) -> Val:
        text = str(e.children[0]).replace("_", "")
        return int(text, 0) if text[:2].lower() in ("0x", "0o", "0b") else int(text)

    def ex_float_lit(self, e: Tree) -> Val:
        return float(str(e.children[0]))

    def ex_bitstring_lit(self, e: Tree) -> Val:
        """``"0101"``: a bit-register value, most significant bit first."""
        tok = e.children[0]
        digits = str(tok)[1:-1].replace("_", "")
        if not digits or set(digits) - {"0", "1"}:
            raise self.error(tok, f"{tok} is not a bitstring literal (only 0, 1 and _ may appear in one)")
        return int(digits, 2)

    def ex_true_lit(self, e: Tree) -> Val:
        return True

    def ex_false_lit(self, e: Tree) -> Val:
        return False

    def ex_const_lit(self, e: Tree) -> Val:
        return CONSTANTS[str(e.children[0])]

    def ex_duration_lit(self, e: Tree) -> Val:
        raise self.error(e, "durations are a timing feature, which is not supported")

    def ex_name(self, e: Tree) -> Val:
        tok = e.children[0]
        sym = self.lookup(str(tok))
        if sym is None:
            raise self.error(tok, f"'{tok}' is not declared")
        if isinstance(sym, ConstSym):
            return sym.value
        if isinstance(sym, CSym):
            return self.read(sym, None, e)
        raise self.error(tok, f"'{tok}' is a qubit, not a classical value")

    def ex_indexed(self, e: Tree) -> Val:
        tok = e.children[0]
        text = str(tok)
        name = _name_of(tok)
        i = int(text[text.index("[") + 1 : -1])
        sym = self.lookup(name)
        if sym is None:
            raise self.error(tok, f"'{name}' is not declared")
        if isinstance(sym, CSym):
            return self.read(sym, i, e)
        if isinstance(sym, ConstSym):
            return self._bit_of(sym.value, i, e)
        raise self.error(tok, f"'{name}' is a qubit register, not a classical value")

    def ex_index(self, e: Tree) -> Val:
        target, index = e.children
        is_slice = isinstance(index, Tree) and index.data in ("range_expr", "index_set")
        if isinstance(target, Tree) and target.data == "name":
            sym = self.lookup(str(target.children[0]))
            if isinstance(sym, CSym):
                if is_slice:
                    return self.read(self.slice_view(sym, index, e), None, e)
                return self.read(sym, index, e)
        if is_slice:
            raise self.error(index, "only bit registers can be sliced")
        v = self.eval(target)
        return self._bit_of(v, self.eval(index), e)

    def _bit_of(self, v: Val, i: Val, e: Any) -> Val:
        if is_const(v) and is_const(i):
            return bool((int(v) >> int(i)) & 1)  # type: ignore[arg-type]
        return self.truthy_val(self.binary("&", self.binary(">>", v, i, e), 1, e), e)

    def ex_unary(self, e: Tree) -> Val:
        op, x = e.children
        v = self.eval(x)
        o = str(op)
        if is_const(v):
            if o == "-":
                return -v  # type: ignore[operator]
            if o == "+":
                return v
            if o == "!":
                return not v
            if o == "~":
                return ~int(v) if not isinstance(v, bool) else not v  # type: ignore[arg-type]
        assert isinstance(v, Dyn)
        if o == "+":
            return v
        if o == "!":
            return Dyn(self.b.not_(self.truthy(v, e)), BOOL)
        if o == "-":
            if v.type.fixed_angle:
                return self.binary("-", 0.0, v, e)
            if v.type.kind in ("float", "angle"):
                return Dyn(self.b.add(arith.NegfOp(v.value)).results[0], FLOAT)
            return self.binary("-", 0, v, e)
        if v.type.kind in ("bit", "bool"):
            return Dyn(self.b.not_(v.value), v.type)
        return self._mask(Dyn(self.b.xor(self.to_ssa(v, INT, e), self.b.const_i64(-1)), v.type))

    def ex_binop(self, e: Tree) -> Val:
        lhs, op, rhs = e.children
        o = str(op)
        a = self.eval(lhs)
        if o in ("&&", "||") and is_const(a):
            # Short-circuit on a constant left side.
            if o == "&&" and not a:
                return False
            if o == "||" and a:
                return True
        return self.binary(o, a, self.eval(rhs), e)

    def ex_call(self, e: Tree) -> Val:
        name_tok = e.children[0]
        name = str(name_tok)
        args = e.children[1].children if len(e.children) > 1 else []
        if name in self.subs:
            return self.call_subroutine(e, self.subs[name], args)
        if name in BUILTINS:
            arity, fn = BUILTINS[name]
            if len(args) != arity:
                raise self.error(name_tok, f"{name} takes {arity} argument(s), but {len(args)} were given")
            vals = [self.eval(a) for a in args]
            if not all(is_const(v) for v in vals):
                raise self.error(name_tok, f"{name}(...) depends on a value known only at run time (a measurement), and QIR has no {name} at run time: it must fold at compile time")
            try:
                return fn(*vals)  # type: ignore[operator]
            except (ValueError, ZeroDivisionError, OverflowError) as ex:
                raise self.error(name_tok, f"{name}: {ex}") from None
        if self.gate_def(name) is not None or name in GATES:
            raise self.error(name_tok, f"'{name}' is a gate; a gate call needs qubit arguments")
        raise self.error(name_tok, f"'{name}' is not a known function or subroutine")

    def ex_cast(self, e: Tree) -> Val:
        ty, x = e.children
        t = self.scalar_type(ty)
        v = self.eval(x)
        if is_const(v):
            return self.convert_const(v, t, e)
        assert isinstance(v, Dyn)
        if t.kind in ("bool", "bit") and not t.is_register:
            return Dyn(self.truthy(v, e), BOOL)
        if t.kind in ("int", "uint") or t.is_register:
            return self._mask(Dyn(self.to_ssa(v, INT, e), QType("uint" if t.kind == "bit" else t.kind, t.width)))
        if t.fixed_angle:
            return Dyn(self.to_ssa(v, t, e), t)
        return Dyn(self.to_ssa(v, FLOAT, e), FLOAT)

    # ------------------------------------------------------------------ value conversion
    def const_int(self, node: Any, what: str) -> int:
        v = self.eval(node)
        if isinstance(v, Dyn):
            raise self.error(node, f"{what} must be known at compile time")
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, bool) or not isinstance(v, int):
            raise self.error(node, f"{what} must be an integer, not {v!r}")
        return v

    def convert_const(self, v: Any, t: QType, node: Any) -> Val:
        if t.kind in ("bool",) or (t.kind == "bit" and not t.is_register):
            return bool(v)
        if t.kind in ("int", "uint") or t.is_register:
            if isinstance(v, float) and not v.is_integer() and t.kind != "bit":
                return wrap_int(int(v), t)
            return wrap_int(int(v), QType("uint" if t.kind == "bit" else t.kind, t.width))
        if t.fixed_angle:
            assert t.width is not None
            return units_to_angle(angle_to_units(float(v), t.width), t.width)
        if t.kind in ("float", "angle"):
            return float(v)
        raise self.error(node, f"cannot convert {v!r} to {t}")

    def from_ssa(self, v: SSAValue, t: QType) -> Val:
        c = constant_value(v)
        if c is not None:
            if t.kind in ("bit", "bool") and not t.is_register:
                return bool(int(c) & 1)
            if t.fixed_angle:
                assert t.width is not None
                return units_to_angle(int(c), t.width)
            if t.kind in ("float", "angle"):
                return float(c)
            return wrap_int(int(c), t)
        return Dyn(v, t)

    def to_ssa(self, v: Val, t: QType, node: Any) -> SSAValue:
        """Materialise ``v`` as an SSA value of ``t``'s IR type."""
        if t.fixed_angle:
            return self._to_angle_units(v, t, node)
        kind = "bool" if t.kind in ("bit", "bool") and not t.is_register else ("float" if t.kind in ("float", "angle") else "int")
        if is_const(v):
            if kind == "bool":
                return self.b.const_bool(bool(v))
            if kind == "int":
                if isinstance(v, float) and not v.is_integer():
                    raise self.error(node, f"cannot use {v} as an integer")
                return self.b.const_i64(wrap_int(int(v), t))  # type: ignore[arg-type]
            return self.b.const_f64(float(v))  # type: ignore[arg-type]
        assert isinstance(v, Dyn)
        src = v.value.type
        if kind == "bool":
            return v.value if src == i1 else self.truthy(v, node)
        if kind == "int":
            if src == i1:
                return self.b.zext_i64(v.value)
            if src == i64:
                return self._mask(Dyn(v.value, t)).value if self._narrows(v.type, t) else v.value
            return self._mask(Dyn(self.b.add(arith.FPToSIOp(v.value, i64)).results[0], t)).value
        if src == F64:
            return v.value
        f = self.b.add(arith.SIToFPOp(self.b.zext_i64(v.value) if src == i1 else v.value, F64)).results[0]
        if v.type.fixed_angle:  # n-bit pattern -> radians
            assert v.type.width is not None
            f = self.b.binop(arith.MulfOp, f, self.b.const_f64(math.tau / (1 << v.type.width)))
        return f

    @staticmethod
    def _narrows(src: QType, dst: QType) -> bool:
        """Storing a ``src`` value in a ``dst`` location must reduce it to
        ``dst``'s width (and sign-extend for ``int[n]``)."""
        if dst.width is None or dst.width >= 64 or dst.kind not in ("int", "uint"):
            return False
        return not (src.kind == dst.kind and src.width is not None and src.width <= dst.width)

    def _to_angle_units(self, v: Val, t: QType, node: Any) -> SSAValue:
        """``v`` as the n-bit pattern of an ``angle[n]``."""
        n = t.width
        assert n is not None
        if is_const(v):
            return self.b.const_i64(angle_to_units(float(v), n))  # type: ignore[arg-type]
        assert isinstance(v, Dyn)
        if v.type.fixed_angle:
            m = v.type.width
            assert m is not None
            if m == n:
                return v.value
            if m < n:
                return self.b.binop(arith.ShLIOp, v.value, self.b.const_i64(n - m))
            return self.b.binop(arith.ShRUIOp, v.value, self.b.const_i64(m - n))
        # Radians -> nearest pattern: round half away from zero, then mod 2^n.
        x = self.b.binop(arith.MulfOp, self.to_ssa(v, FLOAT, node), self.b.const_f64((1 << n) / math.tau))
        nonneg = self.b.add(arith.CmpfOp(x, self.b.const_f64(0.0), "oge")).results[0]
        half = self.b.add(arith.SelectOp(nonneg, self.b.const_f64(0.5), self.b.const_f64(-0.5))).results[0]
        units = self.b.add(arith.FPToSIOp(self.b.binop(arith.AddfOp, x, half), i64)).results[0]
        return self._mask(Dyn(units, t)).value

    def truthy_const(self, v: Val, node: Any) -> bool:
        return bool(v)

    def truthy(self, v: Val, node: Any) -> SSAValue:
        if is_const(v):
            return self.b.const_bool(bool(v))
        assert isinstance(v, Dyn)
        if v.value.type == i1:
            return v.value
        if v.value.type == i64:
            return self.b.cmpi("ne", v.value, self.b.const_i64(0))
        return self.b.add(arith.CmpfOp(v.value, self.b.const_f64(0.0), "one")).results[0]

    def truthy_val(self, v: Val, node: Any) -> Val:
        return bool(v) if is_const(v) else Dyn(self.truthy(v, node), BOOL)

    def _mask(self, v: Dyn) -> Dyn:
        """Reduce a run-time integer to its type's width: ``int[n]`` is kept
        sign-extended, ``uint[n]``, ``bit[n]`` and ``angle[n]`` zero-extended,
        so that i64 comparisons and arithmetic on them are right."""
        w = v.type.width
        if w is None or w >= 64 or v.value.type != i64 or v.type.kind not in ("int", "uint", "bit", "angle"):
            return v
        if v.type.kind == "int":
            up = self.b.binop(arith.ShLIOp, v.value, self.b.const_i64(64 - w))
            return Dyn(self.b.binop(arith.ShRSIOp, up, self.b.const_i64(64 - w)), v.type)
        return Dyn(self.b.and_(v.value, self.b.const_i64((1 << w) - 1)), v.type)

    def _result_type(self, a: Val, b: Val) -> QType:
        ta = a.type if isinstance(a, Dyn) else const_type(a)
        tb = b.type if isinstance(b, Dyn) else const_type(b)
        if ta.kind in ("float", "angle") or tb.kind in ("float", "angle"):
            return FLOAT
        if ta.kind in ("int", "uint") and ta.width is not None:
            return ta
        if tb.kind in ("int", "uint") and tb.width is not None:
            return tb
        if ta.kind in ("bit", "bool") and tb.kind in ("bit", "bool"):
            return BOOL
        if ta.kind == "uint" or tb.kind == "uint":
            return UINT
        return INT

    def binary(self, o: str, a: Val, b: Val, node: Any) -> Val:
        if is_const(a) and is_const(b):
            return self._fold(o, a, b, node)
        if any(isinstance(x, Dyn) and x.type.fixed_angle for x in (a, b)):
            return self._angle_binary(o, a, b, node)
        rt = self._result_type(a, b)
        B = self.b
        if o in ("&&", "||"):
            x, y = self.truthy(a, node), self.truthy(b, node)
            return Dyn(B.and_(x, y) if o == "&&" else B.or_(x, y), BOOL)
        if o in ("==", "!=", "<", "<=", ">", ">="):
            if rt == FLOAT:
                x, y = self.to_ssa(a, FLOAT, node), self.to_ssa(b, FLOAT, node)
                pred = {"==": "oeq", "!=": "one", "<": "olt", "<=": "ole", ">": "ogt", ">=": "oge"}[o]
                return Dyn(B.add(arith.CmpfOp(x, y, pred)).results[0], BOOL)
            if rt == BOOL:
                x, y = self.to_ssa(a, BOOL, node), self.to_ssa(b, BOOL, node)
            else:
                x, y = self.to_ssa(a, INT, node), self.to_ssa(b, INT, node)
            signed = rt.kind == "int"
            pred = {"==": "eq", "!=": "ne", "<": "slt" if signed else "ult", "<=": "sle" if signed else "ule",
                    ">": "sgt" if signed else "ugt", ">=": "sge" if signed else "uge"}[o]
            return Dyn(B.cmpi(pred, x, y), BOOL)
        if rt == FLOAT:
            ops = {"+": arith.AddfOp, "-": arith.SubfOp, "*": arith.MulfOp, "/": arith.DivfOp}
            if o not in ops:
                raise self.error(node, f"operator '{o}' on a run-time float is not supported (QIR has no float '{o}')")
            return Dyn(B.binop(ops[o], self.to_ssa(a, FLOAT, node), self.to_ssa(b, FLOAT, node)), FLOAT)
        if rt == BOOL and o in ("&", "|", "^"):
            ops1 = {"&": arith.AndIOp, "|": arith.OrIOp, "^": arith.XOrIOp}
            return Dyn(B.binop(ops1[o], self.to_ssa(a, BOOL, node), self.to_ssa(b, BOOL, node)), BOOL)
        ops2 = {"+": arith.AddiOp, "-": arith.SubiOp, "*": arith.MuliOp, "/": arith.DivSIOp, "%": arith.RemSIOp,
                "&": arith.AndIOp, "|": arith.OrIOp, "^": arith.XOrIOp, "<<": arith.ShLIOp, ">>": arith.ShRUIOp}
        if o not in ops2:
            raise self.error(node, f"operator '{o}' needs values known at compile time")
        if o in ("/", "%") and rt.kind != "int":
            ops2 = {**ops2, "/": arith.DivUIOp, "%": arith.RemUIOp}
        return self._mask(Dyn(B.binop(ops2[o], self.to_ssa(a, INT, node), self.to_ssa(b, INT, node)), rt))

    def _angle_binary(self, o: str, a: Val, b: Val, node: Any) -> Val:
        """An operator with a run-time ``angle[n]`` operand. Angles add,
        subtract and compare with angles; multiply and divide by unsigned
        integers; shift and mask as bit patterns; all modulo 2^n. Anything
        else (an angle times a float, say) is done on its value in radians."""
        ang = a if isinstance(a, Dyn) and a.type.fixed_angle else b
        assert isinstance(ang, Dyn)
        t = ang.type
        other = b if ang is a else a

        def is_intlike(x: Val) -> bool:
            if isinstance(x, Dyn):
                return x.type.kind in ("int", "uint", "bit", "bool")
            return isinstance(x, int)

        def units(x: Val) -> SSAValue:
            return self.to_ssa(x, t, node)

        def word(x: Val) -> SSAValue:
            return self.to_ssa(x, INT, node)

        B = self.b
        if o in ("+", "-") and not is_intlike(other):
            r = B.binop(arith.AddiOp if o == "+" else arith.SubiOp, units(a), units(b))
            return self._mask(Dyn(r, t))
        if o in ("==", "!=", "<", "<=", ">", ">=") and not is_intlike(other):
            pred = {"==": "eq", "!=": "ne", "<": "ult", "<=": "ule", ">": "ugt", ">=": "uge"}[o]
            return Dyn(B.cmpi(pred, units(a), units(b)), BOOL)
        if o == "*" and is_intlike(other):
            return self._mask(Dyn(B.binop(arith.MuliOp, word(a), word(b)), t))
        if o == "/" and ang is a and is_intlike(b):
            return self._mask(Dyn(B.binop(arith.DivUIOp, word(a), word(b)), t))
        if o == "/" and isinstance(b, Dyn) and b.type == t:
            return Dyn(B.binop(arith.DivUIOp, word(a), word(b)), QType("uint", t.width))
        if o in ("<<", ">>", "&", "|", "^") and (ang is a or o not in ("<<", ">>")):
            ops = {"<<": arith.ShLIOp, ">>": arith.ShRUIOp, "&": arith.AndIOp, "|": arith.OrIOp, "^": arith.XOrIOp}
            return self._mask(Dyn(B.binop(ops[o], word(a), word(b)), t))
        # Otherwise: on the angle's value in radians.
        fa = Dyn(self.to_ssa(a, FLOAT, node), FLOAT) if isinstance(a, Dyn) and a.type.fixed_angle else a
        fb = Dyn(self.to_ssa(b, FLOAT, node), FLOAT) if isinstance(b, Dyn) and b.type.fixed_angle else b
        return self.binary(o, fa, fb, node)

    def _fold(self, o: str, a: Any, b: Any, node: Any) -> Val:
        try:
            if o == "+":
                r = a + b
            elif o == "-":
                r = a - b
            elif o == "*":
                r = a * b
            elif o in ("/", "%") and not (isinstance(a, float) or isinstance(b, float)):
                # Integers divide as at run time (LLVM sdiv/srem): the quotient
                # truncates toward zero and the remainder takes the dividend's
                # sign, so a folded and a run-time `-7 % 3` agree (-1).
                q = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
                r = q if o == "/" else a - b * q
            elif o == "/":
                r = a / b
            elif o == "%":
                r = math.fmod(a, b)
            elif o == "**":
                r = a**b
            elif o == "&":
                r = a & b
            elif o == "|":
                r = a | b
            elif o == "^":
                r = a ^ b
            elif o == "<<":
                r = a << b
            elif o == ">>":
                r = a >> b
            elif o == "&&":
                r = bool(a) and bool(b)
            elif o == "||":
                r = bool(a) or bool(b)
            elif o == "==":
                r = a == b
            elif o == "!=":
                r = a != b
            elif o == "<":
                r = a < b
            elif o == "<=":
                r = a <= b
            elif o == ">":
                r = a > b
            elif o == ">=":
                r = a >= b
            else:
                raise self.error(node, f"unknown operator '{o}'")
        except ZeroDivisionError:
            raise self.error(node, "division by zero") from None
        except TypeError:
            raise self.error(node, f"operator '{o}' does not apply to {type(a).__name__} and {type(b).__name__}") from None
        return r
