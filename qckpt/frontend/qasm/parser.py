"""Parse OpenQASM 3 text into a lark tree (grammar ``qasm3.lark``).

The LALR tables are built once per process and cached on disk by lark
(``cache=True``), so start-up pays for neither. Syntax errors become one
located ``QckptError`` naming what was expected.
"""

from __future__ import annotations

import functools
from pathlib import Path

from lark import Lark, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
from lark.lexer import PatternStr

from qckpt.diagnostics import QckptError, SourceLocation
from qckpt.frontend.qasm.fast_statements import FastStatements
from qckpt.frontend.qasm.lexer import NOT_QARG, UNSUPPORTED, QasmLexer

GRAMMAR = Path(__file__).with_name("qasm3.lark")

# Terminal names as a user would write them, for "expected ..." messages.
_SPELLING = {
    "SEMICOLON": "';'", "LPAR": "'('", "RPAR": "')'", "LSQB": "'['", "RSQB": "']'",
    "LBRACE": "'{'", "RBRACE": "'}'", "COMMA": "','", "EQUALS": "'='", "COLON": "':'",
    "NAME": "a name", "GATE_NAME": "a gate name", "INT": "an integer", "FLOAT": "a number",
    "STRING": "a string", "HWQUBIT": "a physical qubit", "$END": "end of input",
}


@functools.cache
def parser() -> Lark:
    # Building the LALR tables takes ~0.25 s; lark caches them in the temp
    # directory, keyed by the grammar's hash, so only the first run pays.
    return Lark(
        GRAMMAR.read_text(),
        parser="lalr",
        lexer=QasmLexer,
        maybe_placeholders=False,
        cache=True,
    )


@functools.cache
def fast_statements() -> FastStatements:
    """The one-line fast path (``fast_statements``), with the grammar's
    keywords as the names it must leave to the grammar."""
    lexer = parser().parser.lexer.lexer
    reserved = frozenset(lexer.keywords) | frozenset(UNSUPPORTED) | frozenset(NOT_QARG)
    return FastStatements(reserved, parser().parse)


@functools.cache
def _literal_terminals() -> dict[str, str]:
    """Terminal name -> its text, for terminals that are one literal string
    (lark names the anonymous ones ``__ANON_n``, which a user cannot read)."""
    return {t.name: t.pattern.value for t in parser().terminals if isinstance(t.pattern, PatternStr)}


def _spell(name: str) -> str:
    if name in _SPELLING:
        return _SPELLING[name]
    literal = _literal_terminals().get(name)
    if literal is not None:
        return f"'{literal}'"
    return name.lower().replace("_", " ")


def _excerpt(source: str, line: int) -> str | None:
    lines = source.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else None


def parse(source: str, filename: str = "<input>", fast: bool = True, lazy: bool = False) -> Tree:
    """The parse tree of ``source``. ``fast=False`` reads it with the grammar
    alone (the fast path must give the same tree: the fuzz compares them).
    ``lazy``: the fast path's lines may stay unbuilt ``FastLine``s among the
    root's children (``fast_statements().build`` makes their trees)."""
    if fast:
        tree = fast_statements().parse(source, lazy)
        if tree is not None:
            return tree
    try:
        return parser().parse(source)
    except QckptError as e:  # from the lexer, which does not know the file name
        if e.loc is not None:
            e.loc = SourceLocation(filename, e.loc.line, e.loc.col)
            e.excerpt = _excerpt(source, e.loc.line)
        raise
    except UnexpectedToken as e:
        tok = e.token
        if tok.type == "$END":
            line = source.count("\n") + 1
            col = len(source) - (source.rfind("\n") + 1) + 1
            what = "end of input"
        else:
            line, col, what = tok.line, tok.column, f"'{tok.value}'"
        expected = sorted({_spell(t) for t in e.expected})
        hint = f"; expected {', '.join(expected[:6])}{' ...' if len(expected) > 6 else ''}" if expected else ""
        raise QckptError(f"syntax error: unexpected {what}{hint}", SourceLocation(filename, line, col), _excerpt(source, line)) from None
    except UnexpectedEOF:
        line = source.count("\n") + 1
        raise QckptError("syntax error: unexpected end of input", SourceLocation(filename, line, 1), _excerpt(source, line)) from None
    except (UnexpectedCharacters, UnexpectedInput) as e:
        line, col = getattr(e, "line", 1) or 1, getattr(e, "column", 1) or 1
        raise QckptError("syntax error", SourceLocation(filename, line, col), _excerpt(source, line)) from None
