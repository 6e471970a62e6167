"""The lexer compiles the grammar's identifier classes in a cheaper form
(``lexer.fast_classes``): it must accept exactly the same code points, first
and following characters alike, or names would lex differently."""

from __future__ import annotations

import re

from qckpt.frontend.qasm.lexer import FAST_REST_CLASS, FAST_START_CLASS, IDENT_REST_CLASS, IDENT_START_CLASS, fast_classes


def test_the_cheap_classes_hold_the_same_code_points() -> None:
    pairs = [(IDENT_START_CLASS, FAST_START_CLASS), (IDENT_REST_CLASS, FAST_REST_CLASS)]
    # Every code point of the Basic Multilingual Plane, and the edges beyond it.
    points = [*range(0x10000), 0x10000, 0x1F600, 0x10FFFF]
    for grammar, fast in pairs:
        g, f = re.compile(grammar), re.compile(fast)
        differ = [hex(c) for c in points if (g.fullmatch(chr(c)) is None) != (f.fullmatch(chr(c)) is None)]
        assert differ == [], (grammar, differ[:10])


def test_the_grammar_classes_are_the_ones_replaced() -> None:
    name = IDENT_START_CLASS + IDENT_REST_CLASS + "*"
    assert fast_classes(name) == FAST_START_CLASS + FAST_REST_CLASS + "*"
    from qckpt.frontend.qasm.parser import parser

    terminals = {t.name: t.pattern.to_regexp() for t in parser().terminals}
    assert terminals["NAME"] == name  # the grammar still spells the classes as the lexer expects
