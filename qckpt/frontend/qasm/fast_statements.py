"""A fast path for the statements that make up generated OpenQASM: one per
line, a gate call on literal parameters and indexed qubits, a measurement
into a bit, a gate under ``if (bit)``.

lark's LALR loop is pure Python and costs about 25 µs a statement here (five
tokens or so); building the same parse tree from one regular expression match
costs about 10 µs (random-100k: 2.6 s against 1.1 s, side by side). Every
other line (declarations, blocks, comments, anything unusual) is left to the
full grammar, in chunks of consecutive lines, so the tree handed to the
lowering is the one the grammar would build: same node names, same tokens,
same positions. The fuzz checks
that on every case either accepts (``tests/frontend_native/test_fast_path.py``).

Whenever a chunk fails to parse, or the split could have changed the
meaning (a version statement after the first line), the whole source is
parsed again by the grammar alone, so errors are exactly the grammar's.

``lazy=True`` checks each fast line but leaves it as a ``FastLine`` (its
text and position, ~130 bytes) and builds its tree only when the lowering
reaches it (``build``): a built line is five lark nodes of ~300 bytes each,
so the whole tree of random-100k was ~147 MiB held at once, more than the
IR it lowers to. The check (``_accepts``) matches the line with the same
pattern as the builder, then its parameters and qubit arguments with the
patterns the builder applies piece by piece, at a third of the cost of
building.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lark import Token, Tree

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
# One line: an optional `if (bit) `, a gate name, optional `(params)`, qubit arguments, `;`.
_GATE_LINE = re.compile(
    rf"[ \t]*(?:if \((?P<cond>{_NAME}(?:\[[0-9]+\])?)\) )?(?P<name>{_NAME})(?:\((?P<params>[^()\n]*)\))? "
    rf"(?P<qargs>[^;\n]*);[ \t\r]*"
)
_MEASURE_LINE = re.compile(rf"[ \t]*(?P<target>{_NAME}(?:\[[0-9]+\])?) = measure (?P<qarg>[^;\n]*);[ \t\r]*")
_QARG = re.compile(rf"(?P<base>{_NAME})(?P<index>\[[0-9]+\])?|\$[0-9]+")
_SEP = re.compile(r", ?")
_FLOAT = re.compile(r"([0-9]+\.[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+")
_INT = re.compile(r"[0-9]+")
_SAFE_END = (";", "}")
# What the builder accepts piece by piece (``_params``, ``_qargs``), as one
# pattern over the whole group: the lazy check (``_accepts``).
_PARAM = r"-?(?:(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+|[0-9]+)"
_PARAMS = re.compile(rf"{_PARAM}(?:, ?{_PARAM})*")
_QARG_ONE = rf"(?:{_NAME}(?:\[[0-9]+\])?|\$[0-9]+)"
_QARGS = re.compile(rf"{_QARG_ONE}(?:, ?{_QARG_ONE})*")
_QARG_SINGLE = re.compile(_QARG_ONE)
_NAMES = re.compile(_NAME)

# Names that must not start or be a qubit argument of a fast statement: the
# grammar's keywords (the lexer makes them their own tokens) and what its
# lexer refuses to read as a qubit argument (``parser.fast_statements``).
Reserved = frozenset[str]


class _NotFast(Exception):
    """This line is not one of the fast shapes: the grammar reads it."""


class FastLine:
    """A line the fast path accepted, its tree not built yet (``build``)."""

    __slots__ = ("text", "line", "offset")

    def __init__(self, text: str, line: int, offset: int) -> None:
        self.text = text
        self.line = line
        self.offset = offset


# How deep a fast line's nodes go below the `start` root (tokens not
# counted, as ``limits.too_deep`` counts): if_stmt > gate_call > expr_list >
# unary > float_lit. A depth limit below it needs the tree built
# (``lowering.qasm_to_module``), for the limit to see every node.
FAST_LINE_DEPTH = 5


class FastStatements:
    """Splits a source into fast lines (trees built here) and chunks of
    other lines (parsed by ``parse_chunk``)."""

    def __init__(self, reserved: Reserved, parse_chunk: Callable[[str], Tree]) -> None:
        self.reserved = reserved
        self.parse_chunk = parse_chunk

    def parse(self, source: str, lazy: bool = False) -> Tree | None:
        """The program's tree, or None when the grammar must read all of it.
        ``lazy``: fast lines stay ``FastLine``s among the root's children."""
        if "/*" in source:  # a block comment can hide a fast-looking line
            return None
        children: list = []
        chunk: list[str] = []
        chunk_start = (1, 0)  # line and offset where the pending chunk starts
        depth = 0  # brackets still open in the pending chunk
        safe = True  # the pending chunk ends where a statement may start
        lines = source.split("\n")
        offset = 0
        for i, text in enumerate(lines):
            line = i + 1
            tree = None
            if depth == 0 and safe:
                tree = self.statement(text, line, offset, build=not lazy)
                if tree is not None and text.lstrip(" \t").startswith("if (") and not self._no_else_after(lines, i):
                    tree = None
            if tree is None:
                if not chunk:
                    chunk_start = (line, offset)
                chunk.append(text)
                code = text.split("//", 1)[0]
                depth += sum(code.count(c) for c in "{([") - sum(code.count(c) for c in "})]")
                stripped = code.strip()
                if stripped:
                    safe = stripped.endswith(_SAFE_END)
            else:
                if chunk:
                    if not self._add_chunk(children, chunk, chunk_start):
                        return None
                    chunk = []
                    depth, safe = 0, True
                children.append(tree)
            offset += len(text) + 1
        if chunk and not self._add_chunk(children, chunk, chunk_start):
            return None
        return Tree("start", children)

    def _add_chunk(self, children: list, chunk: list[str], start: tuple[int, int]) -> bool:
        try:
            tree = self.parse_chunk("\n".join(chunk))
        except Exception:  # any error: the grammar reports it on the whole source
            return False
        line, offset = start
        if line > 1:
            if any(isinstance(c, Tree) and c.data == "version" for c in tree.children):
                return False  # `OPENQASM` after the first statement: the grammar rejects it
            _shift(tree, line - 1, offset)
        children.extend(tree.children)
        return True

    @staticmethod
    def _no_else_after(lines: list[str], i: int) -> bool:
        """Whether the line after an ``if`` cannot continue it with ``else``."""
        if i + 1 >= len(lines):
            return True
        nxt = lines[i + 1].lstrip()
        return bool(nxt) and not nxt.startswith(("else", "/"))

    def statement(self, text: str, line: int, offset: int, build: bool = True) -> Tree | FastLine | None:
        """The tree the grammar builds for this one line, or None.
        ``build=False``: a ``FastLine`` where the tree would be built."""
        if not build:
            return FastLine(text, line, offset) if self._accepts(text) else None
        try:
            m = _GATE_LINE.fullmatch(text)
            if m is not None:
                return self._gate_line(m, line, offset)
            m = _MEASURE_LINE.fullmatch(text)
            if m is not None:
                return self._measure_line(m, line, offset)
        except _NotFast:
            pass
        return None

    def build(self, fast: FastLine) -> Tree:
        """The tree of a line ``parse(lazy=True)`` accepted."""
        tree = self.statement(fast.text, fast.line, fast.offset)
        assert isinstance(tree, Tree), f"line {fast.line}: the fast check accepted what the builder refuses"
        return tree

    def _accepts(self, text: str) -> bool:
        """Whether ``statement`` builds a tree for this line, without building it."""
        reserved = self.reserved
        m = _GATE_LINE.fullmatch(text)
        if m is not None:
            params, qargs, cond = m.group("params"), m.group("qargs"), m.group("cond")
            return (m.group("name") not in reserved
                    and (params is None or _PARAMS.fullmatch(params) is not None)
                    and _QARGS.fullmatch(qargs) is not None
                    and not any(n in reserved for n in _NAMES.findall(qargs))
                    and (cond is None or _NAMES.match(cond).group() not in reserved))  # type: ignore[union-attr]
        m = _MEASURE_LINE.fullmatch(text)
        if m is None:
            return False
        qarg = m.group("qarg")
        return (_NAMES.match(m.group("target")).group() not in reserved  # type: ignore[union-attr]
                and _QARG_SINGLE.fullmatch(qarg) is not None
                and not any(n in reserved for n in _NAMES.findall(qarg)))

    def _gate_line(self, m: re.Match, line: int, offset: int) -> Tree:
        reserved = self.reserved
        name = m.group("name")
        if name in reserved:
            raise _NotFast
        start = m.start("name")
        call: list = [Token("GATE_NAME", name, offset + start, line, start + 1)]
        params = m.group("params")
        if params is not None:
            call.append(Tree("expr_list", self._params(params, m.start("params"), line, offset)))
        call.append(Tree("qarg_list", self._qargs(m.group("qargs"), m.start("qargs"), line, offset)))
        gate = Tree("gate_call", call)
        cond = m.group("cond")
        if cond is None:
            return gate
        return Tree("if_stmt", [self._variable(cond, m.start("cond"), line, offset), gate])

    def _measure_line(self, m: re.Match, line: int, offset: int) -> Tree:
        target = self._variable(m.group("target"), m.start("target"), line, offset)
        eq = m.end("target") + 1
        qargs = self._qargs(m.group("qarg"), m.start("qarg"), line, offset)
        if len(qargs) != 1:  # `c = measure q[0], q[1];`: the grammar's error
            raise _NotFast
        (qarg,) = qargs
        return Tree("measure_assign", [target, Token("EQUALS", "=", offset + eq, line, eq + 1),
                                       Tree("measure_expr", [qarg])])

    def _variable(self, text: str, col0: int, line: int, offset: int) -> Tree:
        """A bit written ``c[k]`` or ``b``, as an expression or assignment target."""
        bracket = text.find("[")
        if (text[:bracket] if bracket >= 0 else text) in self.reserved:
            raise _NotFast
        if bracket >= 0:
            return Tree("indexed", [Token("INDEXED", text, offset + col0, line, col0 + 1)])
        return Tree("name", [Token("NAME", text, offset + col0, line, col0 + 1)])

    def _pieces(self, text: str, col0: int) -> list[tuple[str, int]]:
        """``a, b,c`` -> [(piece, its 0-based column)]; a separator is a comma
        and at most one space (``_SEP``), split here without a regex scan: most
        gates have one argument, and this runs for every argument list."""
        if "," not in text:
            return [(text, col0)]
        out = []
        pos = 0
        for part in text.split(","):
            if pos and part.startswith(" "):  # the separator's one space
                part = part[1:]
                pos += 1
            out.append((part, col0 + pos))
            pos += len(part) + 1
        return out

    def _qargs(self, text: str, col0: int, line: int, offset: int) -> list[Tree]:
        out = []
        reserved = self.reserved
        for piece, col in self._pieces(text, col0):
            m = _QARG.fullmatch(piece)
            if m is None:
                raise _NotFast
            base = m.group("base")
            if base is None:
                out.append(Tree("qarg_hw", [Token("HWQUBIT", piece, offset + col, line, col + 1)]))
            elif base in reserved:
                raise _NotFast
            elif m.group("index") is not None:
                out.append(Tree("qarg_indexed", [Token("INDEXED", piece, offset + col, line, col + 1)]))
            else:
                out.append(Tree("qarg_name", [Token("NAME", piece, offset + col, line, col + 1)]))
        return out

    def _params(self, text: str, col0: int, line: int, offset: int) -> list[Tree]:
        out = []
        for piece, col in self._pieces(text, col0):
            sign = piece.startswith("-")
            digits = piece[1:] if sign else piece
            dcol = col + sign
            if _FLOAT.fullmatch(digits):
                lit = Tree("float_lit", [Token("FLOAT", digits, offset + dcol, line, dcol + 1)])
            elif _INT.fullmatch(digits):
                lit = Tree("int_lit", [Token("INT", digits, offset + dcol, line, dcol + 1)])
            else:
                raise _NotFast
            out.append(Tree("unary", [Token("ADD_OP", "-", offset + col, line, col + 1), lit]) if sign else lit)
        return out


def _shift(tree: Tree, lines: int, offset: int) -> None:
    """Moves a chunk's tokens to where the chunk sits in the whole source
    (a chunk starts at the beginning of a line: columns stay)."""
    stack = [tree]
    while stack:
        for c in stack.pop().children:
            if isinstance(c, Tree):
                stack.append(c)
            elif isinstance(c, Token):
                if c.line is not None:
                    c.line += lines
                if c.start_pos is not None:
                    c.start_pos += offset
