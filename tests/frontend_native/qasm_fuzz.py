"""Grammar-mutation fuzzing of the native OpenQASM 3 frontend: the shared part.

Valid programs (the native-program corpus and the differential suite's
OpenQASM corpus) are mutated at the level of tokens and characters: delete,
insert a token from an OpenQASM vocabulary, duplicate, swap, replace,
truncate, splice two programs. Each mutant goes through the whole compiler
(``compile_qasm``: parse, lower, passes, QIR emission). The property: it
compiles, or it raises ``QckptError`` located inside the input (a line of
the input, or the one after its last newline, and a column inside that
line or just past its end). Any other exception is a bug, and so is an
error without a location or with one outside the input.

Mutations take a ``pick(n)`` that returns an integer in ``[0, n)``, so that
hypothesis (``tests/frontend_native/test_fuzz.py``) and a plain seeded
``random.Random`` (``benchmarks/fuzz_frontend.py``) drive the same code.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass

from qckpt.diagnostics import QckptError

Pick = Callable[[int], int]

VOCABULARY = [
    "OPENQASM 3.0;", "include", '"stdgates.inc"', '"qelib1.inc"', "qubit", "bit", "int", "uint", "float", "angle",
    "bool", "const", "input", "output", "gate", "def", "if", "else", "while", "for", "in", "switch", "case",
    "default", "break", "continue", "return", "measure", "reset", "barrier", "box", "delay", "let", "ctrl",
    "negctrl", "inv", "pow", "@", "gphase", "U", "CX", "h", "x", "cx", "rx", "ccx", "(", ")", "[", "]", "{", "}",
    ";", ",", ":", "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "**", "<<", ">>", "&", "|",
    "^", "~", "!", "&&", "||", "->", "++", "+=", "<<=", "$0", "$3", "0", "1", "2", "7", "-1", "3.14", "1e3",
    ".5", "0x1F", "0b101", "pi", "π", "tau", "euler", "true", "false", '"0101"', "q", "c", "r", "i", "q[0]",
    "q[1]", "c[0]", "q[9]", "#pragma qckpt x", "@ann", "// c\n", "/*", "*/", "\n", "100ns", "array", "defcal",
    "extern", "opaque", "duration", "stretch", "sin", "popcount", "qreg", "creg", "complex", "é", "\t", "`", "?",
]

_TOKEN = re.compile(
    r"\s+|//[^\n]*|/\*.*?\*/|\"[^\"\n]*\"|[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*|\$[0-9]+"
    r"|[0-9][0-9_]*(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|<<=|>>=|\*\*=|==|!=|<=|>=|&&|\|\||<<|>>|\*\*|->|\+\+|[-+*/%&|^]="
    r"|.",
    re.S,
)


_CHARS = "{}[]();,=@$\"'#\n.-:<>!~"


def tokens(text: str) -> list[str]:
    """Lossless split: ``"".join(tokens(t)) == t``."""
    return _TOKEN.findall(text)


def _mutate_once(text: str, other: str, pick: Pick) -> str:
    toks = tokens(text)
    n = len(toks)
    kind = pick(9)
    if n == 0:
        return VOCABULARY[pick(len(VOCABULARY))]
    i = pick(n)
    if kind == 0:  # delete a token
        return "".join(toks[:i] + toks[i + 1 :])
    if kind == 1:  # insert a vocabulary token, with or without a space
        word = VOCABULARY[pick(len(VOCABULARY))]
        sep = " " if pick(2) else ""
        return "".join(toks[:i]) + sep + word + sep + "".join(toks[i:])
    if kind == 2:  # replace a token
        return "".join(toks[:i] + [VOCABULARY[pick(len(VOCABULARY))]] + toks[i + 1 :])
    if kind == 3:  # duplicate a run of tokens
        j = min(n, i + 1 + pick(8))
        return "".join(toks[:j] + toks[i:j] + toks[j:])
    if kind == 4:  # swap two tokens
        j = pick(n)
        toks[i], toks[j] = toks[j], toks[i]
        return "".join(toks)
    if kind == 5:  # truncate at a character
        return text[: pick(len(text) + 1)]
    if kind == 6:  # splice: a prefix of this program, a suffix of another
        return text[: pick(len(text) + 1)] + other[pick(len(other) + 1) :]
    if kind == 7:  # delete a run of characters
        a = pick(len(text) + 1)
        return text[:a] + text[a + 1 + pick(12) :]
    # kind == 8: insert a character
    a = pick(len(text) + 1)
    return text[:a] + _CHARS[pick(len(_CHARS))] + text[a:]


def mutate(seeds: list[str], pick: Pick) -> str:
    text = seeds[pick(len(seeds))]
    other = seeds[pick(len(seeds))]
    for _ in range(1 if pick(2) else 2 + pick(2)):  # half the mutants differ by one edit
        text = _mutate_once(text, other, pick)
    return text


@dataclass
class Outcome:
    kind: str  # "compiled", "located", or "failure"
    detail: str = ""


def location_inside(text: str, line: int, col: int) -> bool:
    lines = text.split("\n")
    if not 1 <= line <= len(lines) + 1:
        return False
    length = len(lines[line - 1]) if line <= len(lines) else 0
    return 1 <= col <= length + 1


def check(text: str, filename: str = "fuzz.qasm") -> Outcome:
    """Run the compiler on ``text`` and classify what happened."""
    from qckpt.pipeline import compile_qasm

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile_qasm(text, filename)
    except QckptError as e:
        if e.loc is None:
            return Outcome("failure", f"error without a location: {e.message}")
        if e.loc.file != filename:
            return Outcome("failure", f"error located in another file {e.loc}: {e.message}")
        if not location_inside(text, e.loc.line, e.loc.col):
            return Outcome("failure", f"location {e.loc.line}:{e.loc.col} is outside the input: {e.message}")
        return Outcome("located")
    except Exception as e:  # noqa: BLE001 - anything else is what we are looking for
        import traceback

        return Outcome("failure", f"{type(e).__name__}: {e}\n{traceback.format_exc(limit=-4)}")
    return Outcome("compiled")


def seed_programs() -> list[str]:
    """The valid programs mutants are made from."""
    from qasm_corpus import QASM_PROGRAMS  # tests/differential, on sys.path via conftest
    from test_native_programs import PROGRAMS

    return [p.source for p in PROGRAMS if not p.params] + [p.source for p in QASM_PROGRAMS]
