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

from qckpt.diagnostics import QckptError, SourceLocation
from qckpt.frontend.qasm_lexer import QasmLexer

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
    return Lark(
        GRAMMAR.read_text(),
        parser="lalr",
        lexer=QasmLexer,
        maybe_placeholders=False,
        cache=False,
    )


def _excerpt(source: str, line: int) -> str | None:
    lines = source.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else None


def parse(source: str, filename: str = "<input>") -> Tree:
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
        expected = sorted({_SPELLING.get(t, f"'{t.lower()}'" if t.isalpha() and t.isupper() and len(t) < 12 else t) for t in e.expected})
        hint = f"; expected {', '.join(expected[:6])}{' ...' if len(expected) > 6 else ''}" if expected else ""
        raise QckptError(f"syntax error: unexpected {what}{hint}", SourceLocation(filename, line, col), _excerpt(source, line)) from None
    except UnexpectedEOF as e:
        line = source.count("\n") + 1
        raise QckptError("syntax error: unexpected end of input", SourceLocation(filename, line, 1), _excerpt(source, line)) from None
    except (UnexpectedCharacters, UnexpectedInput) as e:
        line, col = getattr(e, "line", 1) or 1, getattr(e, "column", 1) or 1
        raise QckptError("syntax error", SourceLocation(filename, line, col), _excerpt(source, line)) from None
