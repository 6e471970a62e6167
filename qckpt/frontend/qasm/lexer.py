"""The OpenQASM 3 lexer: one master regular expression, read from the grammar.

lark's own lexer spends about 3.5 µs per token here, mostly on bookkeeping;
a single ``re`` scan with named groups spends about 0.2 µs. This lexer builds
that scan from the grammar's own terminals (``qasm3.lark``), so the grammar
stays the one place where the language's tokens are defined, and makes lark
``Token`` objects with 1-based line and column.

It also makes the three decisions a context-free LALR(1) grammar cannot:

- ``GATE_NAME``: a name that starts a gate call. A gate call is a name
  followed by a qubit argument (a name or ``$n``), or by ``( ... )`` and then
  a qubit argument; in OpenQASM nothing else has that shape. Without this,
  ``rx(0.5) q;`` and the call expression ``f(0.5);`` collide.
- ``ANNOTATION``: ``@name ...`` when the ``@`` is the first thing on its line
  (a gate modifier's ``@`` never is).
- pulse-level, timing and extern keywords, which are rejected on the spot
  with their location.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lark.lexer import Lexer, PatternRE, PatternStr, Token

from qckpt.diagnostics import QckptError, SourceLocation

# Keywords of features that cannot run on a QIR target: what they are, and why.
# (OpenPulse's `port`, `frame` and `waveform` are keywords only inside `cal`
# and `defcal` blocks, which are rejected as a whole; elsewhere they are names.)
_PULSE = "QIR has no pulse-level model: calibrations belong to the backend"
_EXTERN = "a QIR program here cannot call classical functions defined outside it"
UNSUPPORTED = {
    "defcal": ("pulse-level calibration ('defcal')", _PULSE),
    "cal": ("pulse-level calibration ('cal')", _PULSE),
    "defcalgrammar": ("pulse-level calibration ('defcalgrammar')", _PULSE),
    "extern": ("'extern'", _EXTERN),
}

# The identifier classes of the grammar, ``[A-Za-z_\u0080-\uffff]`` and
# ``[A-Za-z0-9_\u0080-\uffff]``, written as the complement of what they leave
# out: the same code points (tests/frontend_native/test_lexer_classes.py), but
# sre compiles a negated class in ~2 ms and the wide positive range in ~25 ms,
# and start-up compiled it half a dozen times.
IDENT_START_CLASS = "[A-Za-z_\u0080-\uffff]"  # as lark hands it over: escapes evaluated
IDENT_REST_CLASS = "[A-Za-z0-9_\u0080-\uffff]"
FAST_START_CLASS = r"[^\x00-\x40\x5b-\x5e\x60\x7b-\x7f\U00010000-\U0010ffff]"
FAST_REST_CLASS = r"[^\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f\U00010000-\U0010ffff]"


def fast_classes(regex: str) -> str:
    """``regex`` with the grammar's identifier classes in their cheap form."""
    return regex.replace(IDENT_START_CLASS, FAST_START_CLASS).replace(IDENT_REST_CLASS, FAST_REST_CLASS)


_IDENTIFIER = re.compile(FAST_START_CLASS + FAST_REST_CLASS + "*")
_IDENT_START = re.compile(r"\$|" + FAST_START_CLASS)


class QasmLexer(Lexer):
    """A lark ``Lexer`` for ``qasm3.lark``; see the module docstring."""

    def __init__(self, lexer_conf: Any) -> None:
        self.keywords: dict[str, str] = {}
        puncts: list[tuple[str, str]] = []
        regexes: list[tuple[str, str]] = []
        ignore = set(lexer_conf.ignore)
        for t in lexer_conf.terminals:
            pat = t.pattern
            if isinstance(pat, PatternStr):
                if _IDENTIFIER.fullmatch(pat.value):
                    self.keywords[pat.value] = t.name
                else:
                    puncts.append((t.name, pat.value))
            elif isinstance(pat, PatternRE):
                if t.name in ("GATE_NAME", "ANNOTATION"):
                    continue  # decided here, not by pattern
                words = _literal_alternatives(pat)
                if words is None:
                    regexes.append((t.name, fast_classes(pat.to_regexp())))
                    continue
                for w in words:  # `"+=" | "-="`: each is a literal token of this type
                    if _IDENTIFIER.fullmatch(w):
                        self.keywords[w] = t.name
                    else:
                        puncts.append((t.name, w))
        # Fixed order where lengths collide: durations before floats before
        # ints, comments before '/', then punctuation longest first.
        order = ["COMMENT", "WS", "PRAGMA", "STRING", "HWQUBIT", "DURATION_LIT", "FLOAT", "INT", "VERSION", "INDEXED", "NAME"]
        regexes.sort(key=lambda nr: order.index(nr[0]) if nr[0] in order else len(order))
        groups = [f"(?P<{n}>{r})" for n, r in regexes if n != "VERSION"]
        puncts.sort(key=lambda np_: -len(np_[1]))
        self.punct_names = {v: n for n, v in puncts}
        groups.append("(?P<PUNCT>" + "|".join(re.escape(v) for _, v in puncts) + ")")
        self.scanner = re.compile("|".join(groups))
        self.ignore = ignore
        self.version_re = re.compile(r"[0-9]+(\.[0-9]+)?")

    def lex(self, text: str) -> Iterator[Token]:  # type: ignore[override]  # lark calls custom lexers with the text
        return self._tokens(text)

    def _tokens(self, text: str) -> Iterator[Token]:
        scanner = self.scanner
        keywords = self.keywords
        punct_names = self.punct_names
        ignore = self.ignore
        pos = 0
        n = len(text)
        line = 1
        line_start = 0
        prev_type = None
        while pos < n:
            m = scanner.match(text, pos)
            if m is None:
                if text[pos] == "@" and text[line_start:pos].strip() == "" and _IDENT_START.match(text, pos + 1):
                    end = text.find("\n", pos)
                    end = n if end < 0 else end
                    yield Token("ANNOTATION", text[pos:end], pos, line, pos - line_start + 1)
                    pos = end
                    prev_type = "ANNOTATION"
                    continue
                raise self._error(text, pos, line, line_start)
            kind = m.lastgroup
            value = m.group()
            end = m.end()
            if kind in ignore:
                nl = value.count("\n")
                if nl:
                    line += nl
                    line_start = pos + value.rfind("\n") + 1
                pos = end
                continue
            col = pos - line_start + 1
            if kind == "PUNCT":
                if value == "@" and text[line_start:pos].strip() == "" and _IDENT_START.match(text, end):
                    eol = text.find("\n", pos)
                    eol = n if eol < 0 else eol
                    yield Token("ANNOTATION", text[pos:eol], pos, line, col)
                    pos = eol
                    prev_type = "ANNOTATION"
                    continue
                kind = punct_names[value]
            elif kind == "INDEXED":
                name_end = value.index("[")
                if value[:name_end] in keywords or value[:name_end] in UNSUPPORTED:
                    # `bit[2]`: a keyword, not a variable; lex the name alone.
                    kind, value, end = "NAME", value[:name_end], pos + name_end
            if kind == "NAME":
                kw = keywords.get(value)
                if value in UNSUPPORTED:
                    what, why = UNSUPPORTED[value]
                    raise QckptError(f"{what} is not supported: {why}", SourceLocation("<input>", line, col))
                if kw is not None:
                    kind = kw
                elif prev_type != "GATE" and _starts_gate_call(text, end):
                    kind = "GATE_NAME"
            elif kind in ("FLOAT", "INT") and prev_type == "OPENQASM":
                kind = "VERSION"
            tok = Token(kind, value, pos, line, col)
            prev_type = kind
            yield tok
            pos = end

    def _error(self, text: str, pos: int, line: int, line_start: int) -> QckptError:
        ch = text[pos]
        return QckptError(f"unexpected character {ch!r}", SourceLocation("<input>", line, pos - line_start + 1))


def _literal_alternatives(pat: PatternRE) -> list[str] | None:
    """The words of a terminal written as ``"a" | "b"`` (lark stores it as the
    regex ``(?:a|b)``), or None for a real regular expression."""
    value = pat.value
    if value.startswith("(?:") and value.endswith(")"):
        value = value[3:-1]
    pieces = re.split(r"(?<!\\)\|", value)
    words = [re.sub(r"\\(.)", r"\1", p) for p in pieces]
    if all(words) and all(re.escape(w) == p or re.escape(w).replace("\\", "") == p.replace("\\", "") for w, p in zip(words, pieces)):
        if all(re.fullmatch(fast_classes(pat.to_regexp()), w) for w in words) and not any(c in p for p in pieces for c in "[]*+?.()" if "\\" + c not in p):
            return words
    return None


def _skip_space(text: str, i: int) -> int:
    n = len(text)
    while i < n:
        c = text[i]
        if c in " \t\r\n\f":
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
        else:
            break
    return i


NOT_QARG = {
    "in", "measure", "reset", "barrier", "if", "else", "while", "for", "switch", "case", "default",
    "return", "break", "continue", "gate", "def", "const", "input", "output", "include", "qubit", "bit",
    "int", "uint", "float", "angle", "bool", "creg", "qreg", "box", "delay", "true", "false", "array",
}
_NAME_AT = re.compile(FAST_START_CLASS + FAST_REST_CLASS + r"*|\$[0-9]+")


def _starts_gate_call(text: str, i: int) -> bool:
    """Whether the name that ends at ``i`` is followed by what only a gate
    call has: a qubit argument, possibly after a parenthesised parameter list."""
    i = _skip_space(text, i)
    if i < len(text) and text[i] == "[":
        # `x[100ns] q;`: a duration designator; a gate call only if a qubit
        # argument follows (the lowering then rejects the duration).
        j = text.find("]", i)
        if j < 0 or any(c in text[i:j] for c in ";{}"):
            return False
        i = _skip_space(text, j + 1)
        m = _NAME_AT.match(text, i)
        return m is not None and m.group() not in NOT_QARG and not text.startswith("=", _skip_space(text, m.end()))
    if i < len(text) and text[i] == "(":
        depth = 0
        n = len(text)
        while i < n:
            c = text[i]
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    break
            elif c in ";{}":
                return False
            i += 1
        i = _skip_space(text, i + 1)
    m = _NAME_AT.match(text, i)
    return m is not None and m.group() not in NOT_QARG
