"""The parser's one-line fast path (``qckpt/frontend/qasm/fast_statements.py``)
against the grammar alone: on every input either accepts, both give the same
parse tree (node names, token types, texts, lines, columns, offsets) and the
same IR; where the grammar refuses an input, the error is the grammar's.

Inputs: the frontend fuzz's mutants of the valid corpus, and programs made
of lines close to the fast shapes (spacing, keywords, signs, comments,
``else`` on the next line, statements inside blocks), where a wrong split
would show.
"""

from __future__ import annotations

import functools
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark import Token, Tree

import qasm_fuzz
from qckpt.diagnostics import QckptError
from qckpt.frontend.qasm import lowering
from qckpt.frontend.qasm.parser import fast_statements, parse

SETTINGS = settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[4] q;\nbit[4] c;\nbit b;\n'
# Lines at and around the fast shapes.
LINES = [
    "h q[0];", "x q[3];", "cx q[0], q[1];", "cz q[2],q[3];", "rz(0.5) q[1];", "rz(-1.25) q[2];", "rx(1e-3) q[0];",
    "rz(3) q[0];", "rz(-2) q[1];", "u(0.1, -0.2, 3) q[2];", "h q;", "x $0;", "c[1] = measure q[1];",
    "b = measure q[2];", "if (c[1]) x q[1];", "if (b) rz(0.25) q[0];", "if (c[0]) cx q[0], q[1];",
    "  h q[1];", "\th q[2];  ", "h  q[0];", "h q[0] ;", "rz( 0.5) q[0];", "rz(+0.5) q[0];", "rz(1_0) q[0];",
    "rz(0x1) q[0];", "rz(pi) q[0];", "x q[9];", "h r[0];", "measure q[0];", "reset q[1];", "barrier q;",
    "c[0] = measure q[9];", "if (c[0]) x q[0]; // note", "// h q[0];", "else x q[1];", "else { x q[1]; }",
    "if (c[2]) {", "}", "for int i in [0:1] {", "gate g a {", "h a;", "  x a;", "g q[0];", "if (c[3])",
    "x q[0];", "OPENQASM 3.0;", "#pragma qckpt boundary", "@ann", "qubit[2] r;", "bit d;", "d = measure r[0];",
    "int[8] n = 3;", "cx q[0], q[0];", "ctrl @ x q[0], q[1];", "h q[0]; x q[1];", "", "rz(0.5) q[0]",
    "c[0] =measure q[0];", "if (c[0])  x q[0];", "if(c[0]) x q[0];", "if (true) x q[0];", "pi q[0];", "h pi;",
    "U(0.1, 0.2, 0.3) q[0];", "gphase(0.5);", "rz(0.5, ) q[0];", "cx q[0],, q[1];", "x \u00e9;", "x q[0];\r",
]


def _tree(node) -> tuple:
    if isinstance(node, Tree):
        return (node.data, tuple(_tree(c) for c in node.children))
    assert isinstance(node, Token)
    return (node.type, str(node), node.start_pos, node.line, node.column)


def _parse(text: str, fast: bool):
    try:
        return ("tree", _tree(parse(text, "f.qasm", fast=fast)))
    except QckptError as e:
        return ("error", str(e))


def _lower(text: str, fast: bool, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as m:
        m.setattr(lowering, "parse", functools.partial(parse, fast=fast))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return ("ir", str(lowering.qasm_to_module(text, "f.qasm")))
        except QckptError as e:
            return ("error", str(e))


def _same(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _parse(text, True) == _parse(text, False), text
    fast, full = _lower(text, True, monkeypatch), _lower(text, False, monkeypatch)
    assert fast == full, f"--- input ---\n{text}"


@st.composite
def near_fast_programs(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 12))
    return HEAD + "\n".join(draw(st.sampled_from(LINES)) for _ in range(n)) + draw(st.sampled_from(["\n", ""]))


@SETTINGS
@given(near_fast_programs())
def test_near_fast_lines_give_the_grammars_tree_and_ir(text: str) -> None:
    with pytest.MonkeyPatch.context() as mp:
        _same(text, mp)


@functools.cache
def _seeds() -> tuple[str, ...]:
    return tuple(qasm_fuzz.seed_programs())


@st.composite
def mutants(draw: st.DrawFn) -> str:
    return qasm_fuzz.mutate(list(_seeds()), lambda n: draw(st.integers(0, n - 1)))


@SETTINGS
@given(mutants())
def test_fuzz_mutants_give_the_grammars_tree_and_ir(text: str) -> None:
    with pytest.MonkeyPatch.context() as mp:
        _same(text, mp)


def test_the_fast_path_takes_the_generated_shapes() -> None:
    """The shapes of generated programs are built by the fast path, not
    handed to the grammar (else the speed-up would silently vanish)."""
    fast = fast_statements()
    shapes = ["h q[0];", "rz(-0.5) q[1];", "cx q[0], q[1];", "c[2] = measure q[3];", "if (c[2]) x q[3];", "u(1, 2, 3) $0;"]
    for text in shapes:
        assert fast.statement(text, 1, 0) is not None, text
    for text in ["measure q[0];", "h q[0] ;", "rz(pi) q[0];", "bit[2] c;", "qubit q;", "return q;"]:
        assert fast.statement(text, 1, 0) is None, text


def test_a_chunk_error_is_reported_on_the_whole_source() -> None:
    text = HEAD + "h q[0];\nh q[1];\nfoo bar baz;\nh q[2];\n"
    assert _parse(text, True) == _parse(text, False)
    kind, message = _parse(text, True)
    assert kind == "error" and "f.qasm:8:" in message


def test_a_measurement_into_one_bit_of_two_qubits_is_the_grammars_error() -> None:
    """``c[0] = measure q[0], q[1];`` looks like a fast measurement line but
    is not one: it goes to the grammar (it used to escape as a traceback)."""
    text = HEAD + "c[0] = measure q[0], q[1];\n"
    assert fast_statements().statement("c[0] = measure q[0], q[1];", 1, 0) is None
    kind, message = _parse(text, True)
    assert kind == "error" and "f.qasm:6:" in message
    assert _parse(text, True) == _parse(text, False)


def test_lazy_lines_build_the_trees_of_the_eager_parse() -> None:
    """``parse(lazy=True)`` leaves fast lines unbuilt; building them gives the
    eager parse's tree, node for node, token for token."""
    from qckpt.frontend.qasm.fast_statements import FastLine

    text = HEAD + "\n".join(["h q[0];", "rz(-0.5) q[1];", "c[2] = measure q[3];", "if (c[2]) x q[3];", "for int i in [0:1] { x q[0]; }", "cx q[0], q[1];"]) + "\n"
    lazy = parse(text, "f.qasm", lazy=True)
    unbuilt = [c for c in lazy.children if isinstance(c, FastLine)]
    assert len(unbuilt) == 5
    built = Tree(lazy.data, [fast_statements().build(c) if isinstance(c, FastLine) else c for c in lazy.children])
    assert _tree(built) == _tree(parse(text, "f.qasm"))


def test_argument_lists_split_as_the_separator_pattern_splits_them() -> None:
    """``_pieces`` splits on a comma and at most one space without a regex
    scan; every list of these fragments splits as ``re.finditer(", ?")`` does."""
    import itertools
    import re

    sep = re.compile(r", ?")

    def by_pattern(text: str, col0: int) -> list[tuple[str, int]]:
        out, pos = [], 0
        for m in sep.finditer(text):
            out.append((text[pos:m.start()], col0 + pos))
            pos = m.end()
        return out + [(text[pos:], col0 + pos)]

    fast = fast_statements()
    fragments = ["q[0]", ",", ", ", ",  ", " ", "", "a", "$1", ",,", " ,"]
    for k in range(1, 5):
        for combo in itertools.product(fragments, repeat=k):
            text = "".join(combo)
            assert fast._pieces(text, 7) == by_pattern(text, 7), text
