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


def check(text: str, filename: str = "fuzz.qasm", limits=None) -> Outcome:
    """Run the compiler on ``text`` and classify what happened."""
    from qckpt.pipeline import compile_qasm

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile_qasm(text, filename, limits=limits)
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


# ---------------------------------------------------------------------------
# Extreme inputs: the generators that found issue 21's internal errors, hangs
# and memory blow-ups. Each returns bytes (some are not UTF-8). ``check`` runs
# them with a reduced operation budget, so a case that is refused under the
# default budget is refused here too, in bounded time and memory.

FUZZ_MAX_OPS = 20_000
HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\n'


def _magnitude(pick: Pick) -> int:
    """10^k for k in [0, 12], sometimes minus one or plus one: sizes at and past every limit."""
    return 10 ** pick(13) + (pick(3) - 1)


def _extreme_literal(pick: Pick) -> str:
    lits = ["-9223372036854775809", "9223372036854775807", "-9223372036854775808", "18446744073709551616",
            "2 ** 1000000", "2 ** 100000000000", "1 << 100000", "1e308*10", "-1e308*10", "1e309", "0.0/0.0",
            "7" * (1 + pick(100_000)), "0x" + "F" * (1 + pick(40)), "0b" + "1" * (1 + pick(200)),
            f"{_magnitude(pick)} * {_magnitude(pick)} * {_magnitude(pick)}", "(-2) ** 63", "2 ** 64", "2.0 ** 2000"]
    lit = lits[pick(len(lits))]
    forms = [f"int x = {lit};", f"const int n = {lit};", f"rx({lit}) q[0];", f"float f = {lit};",
             f"uint[8] u = {lit};", f"for int i in [0:{lit}] {{ x q[0]; }}", f"angle[4] a = {lit};", f"pow({lit}) @ x q[0];"]
    return HEAD + forms[pick(len(forms))] + "\n"


def _deep_nesting(pick: Pick) -> str:
    n = 1 + pick(5000)
    kind = pick(4)
    if kind == 0:
        return HEAD + "{" * n + "x q[0];" + "}" * n + "\n"
    if kind == 1:
        return HEAD + "int x = " + "(" * n + "1" + ")" * n + ";\n"
    if kind == 2:
        return HEAD + "c[0] = measure q[0];\n" + "if (c[0]) { " * n + "x q[1];" + " }" * n + "\n"
    return HEAD + "int x = 1" + " + 1" * n + ";\n"


def _huge_range(pick: Pick) -> str:
    m = _magnitude(pick)
    forms = [f"barrier q[0:{m}];", f"x q[0:{m}];", f"qubit[{m}] r;", f"bit[{m}] b;",
             f"for int i in [0:{m}] {{ x q[i % 2]; }}", f"for int i in [0:{m}] {{ c[0] = measure q[0]; if (c[0]) x q[1]; }}",
             f"for int i in [0:{m}] {{ for int j in [0:{m}] {{ rx(i * j) q[0]; }} }}", f"reset q[{m}];", f"x q[{m}:{m}];"]
    return HEAD + forms[pick(len(forms))] + "\n"


def _exponential_chain(pick: Pick) -> str:
    depth, fan = 1 + pick(60), 1 + pick(4)
    if pick(2):
        lines = ["gate g0 a { x a; }"] + [f"gate g{i} a {{ {' '.join(f'g{i - 1} a;' for _ in range(fan))} }}" for i in range(1, depth)]
        return HEAD + "\n".join(lines) + f"\ng{depth - 1} q[0];\n"
    lines = ["def f0(qubit a) { x a; }"] + [f"def f{i}(qubit a) {{ {' '.join(f'f{i - 1}(a);' for _ in range(fan))} }}" for i in range(1, depth)]
    return HEAD + "\n".join(lines) + f"\nf{depth - 1}(q[0]);\n"


def _bytes_of(seeds: list[str], pick: Pick) -> bytes:
    """A seed program as bytes, with a BOM, CRLF line ends or invalid UTF-8."""
    data = seeds[pick(len(seeds))].encode()
    kind = pick(3)
    if kind == 0:
        return b"\xef\xbb\xbf" + data
    if kind == 1:
        return data.replace(b"\n", b"\r\n")
    bad = [b"\xff", b"\xfe", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80", b"\x00"][pick(7)]
    at = pick(len(data) + 1)
    return data[:at] + bad + data[at:]


EXTREME_KINDS = ("literal", "nesting", "range", "chain", "bytes")


def extreme(seeds: list[str], pick: Pick) -> tuple[str, bytes]:
    """One extreme case: its generator's name and the input bytes."""
    kind = EXTREME_KINDS[pick(len(EXTREME_KINDS))]
    if kind == "bytes":
        return kind, _bytes_of(seeds, pick)
    gen = {"literal": _extreme_literal, "nesting": _deep_nesting, "range": _huge_range, "chain": _exponential_chain}[kind]
    return kind, gen(pick).encode()


def check_bytes(data: bytes, filename: str = "fuzz.qasm", max_ops: int = FUZZ_MAX_OPS) -> Outcome:
    """``check`` for raw input bytes, decoded as the command line decodes a file."""
    from qckpt.diagnostics import decode_source
    from qckpt.frontend.qasm.limits import Limits

    try:
        text = decode_source(data, filename)
    except QckptError as e:
        if e.loc is None or e.loc.file != filename:
            return Outcome("failure", f"undecodable input without a location: {e.message}")
        return Outcome("located")
    return check(text, filename, Limits(max_ops=max_ops))
