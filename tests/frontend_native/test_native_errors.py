"""Every error of the native OpenQASM 3 frontend names the right place.

Each case is a program with one mistake (or one feature that cannot run on a
QIR target) and the exact line and column it must be reported at, with words
the message must contain. The column is where the offending construct starts:
the name that is undeclared, the keyword of the statement that is misplaced,
the gate whose arity is wrong.
"""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

from qckpt.diagnostics import QckptError
from qckpt.pipeline import compile_qasm

HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\n'  # the mistake is on line 5 or later


@dataclass(frozen=True)
class Bad:
    name: str
    source: str
    line: int
    col: int
    words: str  # the message must contain these (case-insensitive)


SEMANTIC = [
    # undeclared and redeclared names
    Bad("undeclared_in_condition", HEAD + "if (z == 1) x q[0];\n", 5, 5, "'z' is not declared"),
    Bad("undeclared_qubit", HEAD + "h q[0];\nh r[0];\n", 6, 3, "'r' is not declared"),
    Bad("undeclared_assignment_target", HEAD + "  y = 3;\n", 5, 3, "'y' is not declared"),
    Bad("undeclared_in_subroutine", HEAD + "def f() -> int { return w + 1; }\nint v = f();\n", 5, 25, "'w' is not declared"),
    Bad("redeclared_variable", HEAD + "int a;\nfloat a;\n", 6, 7, "'a' is already declared"),
    Bad("redeclared_register", HEAD + "qubit q;\n", 5, 7, "'q' is already declared"),
    Bad("redeclared_gate", HEAD + "gate g a { x a; }\ngate g b { h b; }\n", 6, 6, "gate 'g' is already defined"),
    Bad("stdgate_redefined", HEAD + "gate h a { x a; }\n", 5, 6, "gate 'h' is already defined"),
    Bad("redeclared_subroutine", HEAD + "def f() { }\ndef f() { }\n", 6, 5, "subroutine 'f' is already defined"),
    # type mismatches
    Bad("measure_into_int", HEAD + "int n;\nn = measure q[0];\n", 6, 1, "cannot store a measurement in a variable of type int"),
    Bad("qubit_as_value", HEAD + "int n = q;\n", 5, 9, "'q' is a qubit, not a classical value"),
    Bad("bit_as_qubit", HEAD + "h c[0];\n", 5, 3, "'c' is not a qubit"),
    Bad("bool_as_qubit", HEAD + "bool b = true;\nh b;\n", 6, 3, "'b' is not a qubit"),
    Bad("assign_to_const", HEAD + "const int k = 1;\nk = 2;\n", 6, 1, "'k' is a constant and cannot be assigned"),
    Bad("float_index", HEAD + "h q[1.5];\n", 5, 5, "an index must be an integer"),
    Bad("gate_called_as_function", HEAD + "int v = h(1);\n", 5, 9, "'h' is a gate"),
    Bad("unknown_function", HEAD + "int v = foo(1);\n", 5, 9, "'foo' is not a known function"),
    Bad("const_from_measurement", HEAD + "c[0] = measure q[0];\nconst int k = c[0];\n", 6, 15, "must be known at compile time"),
    Bad("bitstring_with_other_digits", HEAD + 'bit[2] f = "12";\n', 5, 12, "not a bitstring literal"),
    Bad("slice_of_int", HEAD + "int v = 3;\nint w = v[0:1];\n", 6, 9, "only bit registers can be sliced"),
    # out-of-range constant indices
    Bad("qubit_index_out_of_range", HEAD + "h q[2];\n", 5, 3, "index 2 is out of range for 'q' of 2 qubit(s)"),
    Bad("qubit_index_expression_out_of_range", HEAD + "const int i = 1;\nx q[i + 4];\n", 6, 3, "index 5 is out of range"),
    Bad("bit_index_out_of_range", HEAD + "c[5] = measure q[0];\n", 5, 1, "bit index 5 is out of range for a register of 2 bit(s)"),
    Bad("bit_index_read_out_of_range", HEAD + "if (c[3]) x q[0];\n", 5, 5, "bit index 3 is out of range"),
    Bad("slice_out_of_range", HEAD + "c[0:3] = measure q;\n", 5, 3, "index 2 is out of range for a register of 2 bit(s)"),
    Bad("int_bit_index_out_of_range", HEAD + "int[4] v;\nv[4] = 1;\n", 6, 1, "bit index 4 is out of range for a variable of type int[4]"),
    Bad("index_in_dead_branch", HEAD + "if (false) { x q[7]; }\n", 5, 16, "index 7 is out of range"),
    # gate arity
    Bad("too_few_qubits", HEAD + "cx q[0];\n", 5, 1, "gate 'cx' with 0 control(s) acts on 2 qubit(s), but 1 were given"),
    Bad("missing_parameter", HEAD + "rx q[0];\n", 5, 1, "gate 'rx' takes 1 parameter(s), but 0 were given"),
    Bad("extra_parameter", HEAD + "  h(0.5) q[0];\n", 5, 3, "gate 'h' takes 0 parameter(s), but 1 were given"),
    Bad("user_gate_arity", HEAD + "gate g(t) a, b { rx(t) a; cx a, b; }\ng(0.1) q[0];\n", 6, 1, "acts on 2 qubit(s), but 1 were given"),
    Bad("ctrl_needs_a_control_qubit", HEAD + "ctrl(2) @ x q[0], q[1];\n", 5, 11, "gate 'x' with 2 control(s) acts on 3 qubit(s)"),
    Bad("same_qubit_twice", HEAD + "cx q[0], q[0];\n", 5, 1, "uses the same qubit more than once"),
    Bad("gphase_without_angle", HEAD + "gate g a {\n  gphase();\n  x a;\n}\ng q[0];\n", 6, 3, "gphase takes 1 parameter, but 0 were given"),
    Bad("gphase_statement_two_angles", HEAD + "gphase(0.1, 0.2);\n", 5, 1, "gphase takes 1 parameter, but 2 were given"),
    Bad("unknown_gate", HEAD + "h q[0];\nfrob q[0];\n", 6, 1, "unknown gate 'frob'"),
    Bad("broadcast_sizes_differ", HEAD + "qubit[3] r;\ncx q, r;\n", 6, 1, "registers of different sizes"),
    # control flow placement
    Bad("break_outside_loop", HEAD + "h q[0];\nbreak;\n", 6, 1, "'break' outside a loop"),
    Bad("continue_outside_loop", HEAD + "if (c[0]) {\n  continue;\n}\n", 6, 3, "'continue' outside a loop"),
    Bad("break_in_uncalled_def", HEAD + "def f() {\n  break;\n}\n", 6, 3, "'break' outside a loop"),
    Bad("return_outside_def", HEAD + "for int i in [0:1] { return; }\n", 5, 22, "'return' outside a subroutine"),
    Bad("duplicate_case", HEAD + "int v = 1;\nswitch (v) { case 1 {} case 2, 1 {} }\n", 6, 32, "case 1 appears twice"),
    Bad("two_defaults", HEAD + "int v = 1;\nswitch (v) { default {} default {} }\n", 6, 25, "more than one default"),
    Bad("qubit_declared_in_block", HEAD + "if (true) { qubit r; }\n", 5, 19, "qubits can only be declared in the global scope"),
    # subroutine arguments
    Bad("too_few_arguments", HEAD + "def f(int a, qubit b) -> bit { return measure b; }\nc[0] = f(1);\n", 6, 8, "subroutine 'f' takes 2 argument(s), but 1 were given"),
    Bad("too_many_arguments_gate_syntax", HEAD + "def f(int a, qubit b) { x b; }\nf(1, 2) q[0];\n", 6, 1, "subroutine 'f' takes 2 argument(s), but 3 were given"),
    Bad("qubit_array_argument_size", HEAD + "def f(qubit[3] r) { }\nf(q);\n", 6, 3, "takes 3 qubit(s), but 2 were given"),
    Bad("register_for_one_qubit", HEAD + "def f(qubit a) { x a; }\nf(q);\n", 6, 3, "takes 1 qubit(s), but 2 were given"),
    Bad("qubit_for_classical_argument", HEAD + "def f(int k) { }\nf(q[0]);\n", 6, 3, "'q' is a qubit register, not a classical value"),
    # values that must be known at compile time
    Bad("builtin_on_measurement", HEAD + "c[0] = measure q[0];\nrx(sin(c[0])) q[1];\n", 6, 4, "sin(...) depends on a value known only at run time"),
    Bad("qubit_index_from_measurement", HEAD + "c[0] = measure q[0];\nx q[c[0]];\n", 6, 5, "qubit index is not a compile-time constant"),
    Bad("pow_of_measurement", HEAD + "c[0] = measure q[0];\npow(c[0]) @ x q[1];\n", 6, 1, "pow(k) @ needs a compile-time integer"),
    # An input without --param is bound after compilation (qckpt bind), so it
    # cannot be used where the compiler needs a value.
    Bad("late_input_as_size", HEAD + "input int n;\nqubit[n] r;\n", 6, 7, "must be known at compile time"),
    # syntax and characters
    Bad("missing_semicolon", HEAD + "h q[0]\ncx q[0], q[1];\n", 6, 1, "syntax error: unexpected 'cx'"),
    Bad("unexpected_character", HEAD + "h q[0]; `\n", 5, 9, "unexpected character '`'"),
    Bad("unclosed_parenthesis", HEAD + "if (c[0] {\n", 5, 10, "expected ')'"),
]

# Features that cannot run on a QIR target: rejected at their keyword.
UNSUPPORTED = [
    Bad("defcal", HEAD + "defcal rz(angle[20] t) $0 { }\n", 5, 1, "'defcal') is not supported"),
    Bad("cal", HEAD + "  cal { }\n", 5, 3, "'cal') is not supported"),
    Bad("defcalgrammar", 'defcalgrammar "openpulse";\n', 1, 1, "'defcalgrammar') is not supported"),
    Bad("extern", HEAD + "extern f(int) -> bit;\n", 5, 1, "'extern' is not supported"),
    Bad("opaque_gate", HEAD + "opaque g a;\n", 5, 8, "'opaque' gates have no definition"),
    Bad("complex_type", HEAD + "complex[float[64]] z;\n", 5, 1, "type 'complex' is not supported"),
]


def _ids(cases: list[Bad]) -> list[str]:
    return [c.name for c in cases]


def test_case_names_unique() -> None:
    names = _ids(SEMANTIC) + _ids(UNSUPPORTED)
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", SEMANTIC + UNSUPPORTED, ids=_ids(SEMANTIC + UNSUPPORTED))
def test_error_is_located(case: Bad) -> None:
    filename = f"{case.name}.qasm"
    with pytest.raises(QckptError) as info:
        compile_qasm(case.source, filename)
    e = info.value
    assert e.loc is not None, f"no location: {e.message}"
    assert (e.loc.file, e.loc.line, e.loc.col) == (filename, case.line, case.col), f"{e.loc}: {e.message}"
    assert case.words.lower() in e.message.lower(), e.message
    # The excerpt is the source line the caret points into.
    assert e.excerpt == case.source.splitlines()[case.line - 1]
    rendered = e.render().splitlines()
    assert rendered[0] == f"{filename}:{case.line}:{case.col}: error: {e.message}"
    assert rendered[2] == " " * (case.col - 1) + "^"


def test_unused_param_is_an_error() -> None:
    with pytest.raises(QckptError, match="--param theta: the program declares no such input"):
        compile_qasm(HEAD + "h q[0];\n", "p.qasm", params={"theta": 0.5})


LOCATED = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): error: (?P<msg>.+)$")


def test_cli_renders_excerpt_and_caret(tmp_path: Path) -> None:
    """Through the console script: one `file:line:col: error:` line, the
    source line, a caret under the column, exit status 1, no traceback."""
    path = tmp_path / "bad.qasm"
    path.write_text(HEAD + "int n = 0;\nwhile (n < 3) {\n  n += 1;\n  x r[n];\n}\n")
    proc = subprocess.run(
        [sys.executable, "-m", "qckpt.cli", "convert", str(path)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    m = LOCATED.match(lines[0])
    assert m, lines
    assert (m["file"], int(m["line"]), int(m["col"])) == (str(path), 8, 5)
    assert "'r' is not declared" in m["msg"]
    assert lines[1] == "  x r[n];"
    assert lines[2] == "    ^"
