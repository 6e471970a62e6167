"""OpenQASM arrays: values worked out by hand and asserted on qir-runner's
output records, located errors for each misuse, and the run-time index
lowering (a select chain, no memory) checked in the QIR."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qckpt.diagnostics import QckptError
from qckpt.pipeline import compile_qasm

EXAMPLES = Path(__file__).resolve().parent / "openqasm_examples"
HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\n'


def _outputs(qir: str, run_qir_complete, shots: int = 20) -> list[dict[str, str]]:
    result = run_qir_complete(qir, shots=shots)
    return [{r.label: r.value for r in s.records} for s in result.shots]


# ---------------------------------------------------------------- arrays.qasm
ARRAYS = (EXAMPLES / "arrays.qasm").read_text()
# Line 51 indexes my_defined_uints[a - 1] with a = my_defined_uints[0] = 5:
# index 4 of a 4-element array, a genuine error the example makes before its
# double declaration of first_dimension (line 76).
FIX_INDEX = ("my_defined_uints[a - 1] = a + 1;", "my_defined_uints[a - 2] = a + 1;")
FIX_DOUBLE = ("const uint[32] first_dimension = sizeof(my_doubles);  // still 8.", "const uint[32] first_dimension_again = sizeof(my_doubles);  // still 8.")


def test_arrays_example_reports_its_out_of_range_index() -> None:
    with pytest.raises(QckptError) as info:
        compile_qasm(ARRAYS, "arrays.qasm")
    assert (info.value.loc.line, info.value.loc.col) == (51, 18)
    assert info.value.message == "index 4 is out of range for a dimension of 4"


def test_arrays_example_reports_its_double_declaration() -> None:
    with pytest.raises(QckptError) as info:
        compile_qasm(ARRAYS.replace(*FIX_INDEX), "arrays.qasm")
    assert (info.value.loc.line, info.value.loc.col) == (76, 16)
    assert info.value.message == "'first_dimension' is already declared in this scope"


def test_fixed_arrays_example_runs_and_its_values_are_the_worked_out_ones(run_qir_complete) -> None:
    fixed = ARRAYS.replace(*FIX_INDEX).replace(*FIX_DOUBLE)
    assert fixed.count("\n") == ARRAYS.count("\n")
    probe = """
output uint[32] r_dim;
output uint[32] r_first;
output uint[32] r_second;
output uint[32] r_again;
output int[32] r_ones;
output uint[32] r_u1;
output uint[32] r_u3;
output float[64] r_f01;
output float[64] r_f10;
output float[64] r_f11;
r_dim = dimension;
r_first = first_dimension;
r_second = second_dimension;
r_again = first_dimension_again;
r_ones = all_ones[1, 0];
r_u1 = my_defined_uints[1];
r_u3 = my_defined_uints[3];
r_f01 = my_defined_floats[0, 1];
r_f10 = my_defined_floats[1, 0];
r_f11 = my_defined_floats[1, 1];
"""
    (shot,) = {tuple(sorted(o.items())) for o in _outputs(compile_qasm(fixed + probe, "arrays.qasm"), run_qir_complete, shots=10)}
    got = dict(shot)
    # By hand: sizeof gives 4, 8, 4, 8; all_ones[1][0] = 3 + 8; uints[1] = 5,
    # uints[a - 2] = uints[3] = a + 1 = 6; floats rows 0..1 := rows 2..3, where
    # row 2 is the copy of the original row 0 {0.5, 0.5} and row 3 is
    # {-0.45 (assigned), -2.1e-2}.
    assert {k: got[k] for k in ("r_dim", "r_first", "r_second", "r_again", "r_ones", "r_u1", "r_u3")} == {
        "r_dim": "4", "r_first": "8", "r_second": "4", "r_again": "8", "r_ones": "11", "r_u1": "5", "r_u3": "6"}
    assert float(got["r_f01"]) == 0.5
    assert float(got["r_f10"]) == -0.45
    assert float(got["r_f11"]) == pytest.approx(-2.1e-2)


# ---------------------------------------------------------------- run-time indices
RUNTIME = HEAD + """
output int[16] picked;
output int[16] total;
output int[16] corner;
array[int[16], 4] t = {10, 20, 30, 40};
array[int[16], 2, 2] g = {{1, 2}, {3, 4}};
h q;
c = measure q;
uint[2] i = c;
picked = t[i];
t[i] = -1;
total = t[0] + t[1] + t[2] + t[3];
g[i % 2, 1] += 10;
corner = g[0, 1] * 100 + g[1, 1];
"""


def test_run_time_index_reads_and_writes_the_measured_element(run_qir_complete) -> None:
    qir = compile_qasm(RUNTIME, "rt.qasm")
    seen = set()
    for out in _outputs(qir, run_qir_complete, shots=64):
        picked = int(out["picked"])
        i = picked // 10 - 1
        assert 0 <= i < 4 and picked == 10 * (i + 1)
        assert int(out["total"]) == 100 - picked - 1
        assert int(out["corner"]) == (1204 if i % 2 == 0 else 214), out
        seen.add(i)
    assert seen == {0, 1, 2, 3}  # every index was exercised


def test_run_time_index_is_a_select_chain_without_memory() -> None:
    qir = compile_qasm(RUNTIME, "rt.qasm")
    assert not re.search(r"\b(alloca|load|store)\b", qir)
    # Read of 4: 3 selects; write of 4: 4; read-modify-write of 2x2: 3 + 4.
    assert len(re.findall(r"= select ", qir)) == 3 + 4 + 3 + 4


# ---------------------------------------------------------------- subroutines
def test_mutable_argument_writes_back_and_readonly_is_read(run_qir_complete) -> None:
    src = HEAD + """
output int[32] r0;
output int[32] r2;
output int[32] n;
def scale(readonly array[int[32], 3] src, mutable array[int[32], #dim=1] dst, int[32] k) {
  for int j in [0:sizeof(dst) - 1] { dst[j] = src[j] * k; }
}
array[int[32], 3] a = {1, 2, 3};
array[int[32], 3] b;
scale(a, b, 7);
r0 = b[0];
r2 = b[2];
n = sizeof(b, 0);
"""
    outs = _outputs(compile_qasm(src, "sub.qasm"), run_qir_complete, shots=2)
    assert outs[0] == {"r0": "7", "r2": "21", "n": "3"}


# ---------------------------------------------------------------- located errors
BAD = [
    ("readonly_write", "def f(readonly array[int, 2] a) { a[0] = 1; }\narray[int, 2] x;\nf(x);\n", 5, 35, "cannot assign to a readonly array"),
    ("shape_mismatch_init", "array[int, 2] a = {1, 2, 3};\n", 5, 20, "the initialiser has 3 item(s)"),
    ("nested_shape_mismatch", "array[int, 2, 2] a = {{1, 2}, {3}};\n", 5, 24, "the initialiser has 1 item(s)"),
    ("constant_index_out_of_range", "array[int, 2] a;\nint x = a[2];\n", 6, 9, "index 2 is out of range for a dimension of 2"),
    ("too_many_indices", "array[int, 2] a;\nint x = a[0, 1];\n", 6, 9, "2 indices for an array of 1 dimension(s)"),
    ("array_as_value", "array[int, 2] a;\nint x = a + 1;\n", 6, 9, "'a' is an array; index it for a value"),
    ("row_as_value", "array[int, 2, 2] a;\nint x = a[0];\n", 6, 9, "not a scalar value here"),
    ("assign_shape_mismatch", "array[int, 2] a;\narray[int, 3] b;\na = b;\n", 7, 5, "an array of shape [3] cannot be assigned to one of shape [2]"),
    ("sizeof_dimension", "array[int, 2] a;\nint n = sizeof(a, 1);\n", 6, 19, "dimension 1 is out of range"),
    ("sizeof_of_scalar", "int b;\nint n = sizeof(b);\n", 6, 16, "sizeof takes an array"),
    ("argument_shape", "def f(readonly array[int, 3] a) { }\narray[int, 2] x;\nf(x);\n", 7, 3, "needs an array of shape [3], not of shape [2]"),
    ("argument_element_type", "def f(readonly array[float, 2] a) { }\narray[int, 2] x;\nf(x);\n", 7, 3, "is an array of float, not of int"),
    ("readonly_passed_as_mutable", "def g(mutable array[int, 2] a) { }\ndef f(readonly array[int, 2] a) { g(a); }\narray[int, 2] x;\nf(x);\n", 6, 37, "a readonly array cannot be passed as mutable"),
    ("array_of_registers", "array[bit[2], 2] a;\n", 5, 7, "arrays of bit[2] are not supported"),
    ("zero_dimension", "array[int, 0] a;\n", 5, 12, "an array dimension must be at least 1"),
    ("budget", "array[int, 10000, 1001] a;\n", 5, 1, "past the program's budget of 10,000,000"),
    ("compound_assign_array", "array[int, 2] a;\narray[int, 2] b;\na += b;\n", 7, 1, "'+=' is not defined on arrays"),
]


@pytest.mark.parametrize(("name", "stmt", "line", "col", "words"), BAD, ids=[b[0] for b in BAD])
def test_array_misuse_is_located(name: str, stmt: str, line: int, col: int, words: str) -> None:
    with pytest.raises(QckptError) as info:
        compile_qasm(HEAD + stmt, f"{name}.qasm")
    e = info.value
    assert e.loc is not None and (e.loc.file, e.loc.line, e.loc.col) == (f"{name}.qasm", line, col), e.render()
    assert words in e.message, e.message


def test_arrays_draw_from_the_max_ops_budget() -> None:
    """Array elements and run-time index selects count against the same
    budget as unrolling and inlining (--max-ops), not a constant of their own."""
    from qckpt.frontend.qasm.limits import Limits
    from qckpt.pipeline import qasm_to_module

    src = HEAD + "array[int, 2000] a;\n"
    with pytest.raises(QckptError) as info:
        qasm_to_module(src, "small.qasm", limits=Limits(max_ops=1000))
    assert "past the program's budget of 1,000" in info.value.message and "--max-ops" in info.value.message
    qasm_to_module(src, "small.qasm", limits=Limits(max_ops=5000))  # raised: it compiles
