"""Inputs nobody on the project wrote (issue 21, items 7, 8, 9, 11 and 13):
each gives a located error or the right result, never an internal error, a
hang or a memory blow-up; and the extreme-input fuzz sample that found them.

The reproducers run in-process under the default budgets: the budgets refuse
an expansion before it starts, so even ``pow(10**9)`` or a 2^40-call gate
chain is refused in milliseconds. A few run through the command line too, for
the exit code.
"""

from __future__ import annotations

import functools
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qasm_fuzz
from qckpt.diagnostics import QckptError, decode_source
from qckpt.frontend.qasm.limits import DEFAULT_MAX_OPS, Limits
from qckpt.pipeline import compile_qasm, qasm_to_module

HEAD = qasm_fuzz.HEAD


def _chain(depth: int, kind: str = "gate") -> str:
    if kind == "gate":
        lines = ["gate g0 a { x a; }"] + [f"gate g{i} a {{ g{i - 1} a; g{i - 1} a; }}" for i in range(1, depth)]
        return HEAD + "\n".join(lines) + f"\ng{depth - 1} q[0];\n"
    lines = [f"def f{i}(bit b) -> bit {{ return f{i + 1}(b); }}" for i in range(depth - 1)]
    lines.append(f"def f{depth - 1}(bit b) -> bit {{ return b; }}")
    return HEAD + "\n".join(lines) + "\nc[0] = measure q[0];\nc[1] = f0(c[0]);\n"


# (source, the message's distinctive words, line:col of the error)
REPRODUCERS = {
    "int-below-int64": (HEAD + "int ii = -9223372036854775809;\n", "does not fit in 64 bits", "5:10"),
    "pow-of-two-literal": (HEAD + "rx(2 ** 1000000) q[0];\n", "does not fit in 64 bits", "5:4"),
    "float-overflow-to-int": (HEAD + "const int n = 1e308*10;\n", "not a finite 64-bit float", "5:15"),
    "float-range-end": (HEAD + "for int i in [0:1e308] { x q[0]; }\n", "does not fit in 64 bits", "5:17"),
    "braces-2000-deep": (HEAD + "{" * 2000 + "x q[0];" + "}" * 2000 + "\n", "nests more than 500 levels", "5:"),
    "long-include": ('OPENQASM 3.0;\ninclude "' + "a" * 5000 + '";\n', "cannot find include file", "2:9"),
    "100000-digit-literal": (HEAD + "int x = " + "7" * 100_000 + ";\n", "does not fit in 64 bits", "5:9"),
    "gate-chain-40": (_chain(40), "past the program's budget of 10,000,000", "45:1"),
    "pow-billion": (HEAD + "pow(1000000000) @ h q[0];\n", "past the program's budget", "5:19"),
    "barrier-range": (HEAD + "barrier q[0:1000000000];\n", "index 2 is out of range for 'q' of 2 qubit(s)", "5:9"),
    "unrolled-billion": (HEAD + "for int i in [0:1000000000] { x q[i % 2]; }\n", "past the program's budget", "5:15"),
    "power-hang": (HEAD + "int z = 2 ** 100000000000;\n", "does not fit in 64 bits", "5:9"),
    "measure-arrow-order": ("OPENQASM 3.0;\nmeasure q[0] -> c[0];\n", "'q' is not declared", "2:9"),
    "version-4": ("OPENQASM 4.0;\nqubit q;\n", "OPENQASM 4.0 is not a version", "1:10"),
}


@pytest.mark.parametrize("name", sorted(REPRODUCERS))
def test_reproducer_gives_a_located_error(name: str) -> None:
    source, words, where = REPRODUCERS[name]
    t0 = time.perf_counter()
    with pytest.raises(QckptError) as info:
        compile_qasm(source, "r.qasm")
    assert time.perf_counter() - t0 < 30  # refused up front, not after the work
    e = info.value
    assert words in e.message
    assert e.loc is not None and e.loc.file == "r.qasm"
    assert f"{e.loc.line}:{e.loc.col}".startswith(where)


def test_a_chain_of_distinct_subroutines_is_not_recursion() -> None:
    assert "__quantum__qis__mz__body" in compile_qasm(_chain(40, "def"), "chain.qasm")


def test_real_recursion_is_still_named() -> None:
    src = HEAD + "def f(int n) -> int { return f(n + 1); }\nint k = f(0);\n"
    with pytest.raises(QckptError, match="recurses too deeply"):
        compile_qasm(src, "rec.qasm")


def test_a_subroutine_chain_deeper_than_max_depth_names_the_limit() -> None:
    with pytest.raises(QckptError, match="subroutine calls nest more than 20 deep; raise it with --max-depth"):
        qasm_to_module(_chain(30, "def"), "chain.qasm", limits=Limits(max_depth=20))


def test_a_raised_depth_compiles_what_the_default_refuses() -> None:
    src = HEAD + "{" * 600 + "x q[0];" + "}" * 600 + "\n"
    with pytest.raises(QckptError, match="--max-depth"):
        qasm_to_module(src, "deep.qasm")
    qasm_to_module(src, "deep.qasm", limits=Limits(max_depth=2000))


def test_the_budget_counts_expansion_not_loops_kept_rolled() -> None:
    # Kept rolled (an scf.for), a billion iterations cost one body.
    rolled = HEAD + "for int i in [0:999999999] { c[0] = measure q[0]; if (c[0]) x q[1]; }\n"
    assert "br " in compile_qasm(rolled, "rolled.qasm")
    unrolled = HEAD + "for int i in [0:2999] { x q[i % 2]; }\n"
    qasm_to_module(unrolled, "u.qasm", limits=Limits(max_ops=3100))
    with pytest.raises(QckptError, match="budget of 2,000 .*raise it with --max-ops N"):
        qasm_to_module(unrolled, "u.qasm", limits=Limits(max_ops=2000))


def test_pow_of_a_rotation_is_one_gate_under_any_budget() -> None:
    qasm_to_module(HEAD + "pow(1000000000) @ rx(0.1) q[0];\n", "p.qasm", limits=Limits(max_ops=10))


def test_default_budget_is_ten_million() -> None:
    assert DEFAULT_MAX_OPS >= 10**7


def test_bom_is_skipped_and_crlf_compiles() -> None:
    src = HEAD + "x q[0];\nc[0] = measure q[0];\n"
    want = compile_qasm(src, "a.qasm")
    assert compile_qasm(decode_source(b"\xef\xbb\xbf" + src.encode(), "a.qasm"), "a.qasm") == want
    assert compile_qasm(src.replace("\n", "\r\n"), "a.qasm") == want


def test_invalid_utf8_is_located() -> None:
    with pytest.raises(QckptError) as info:
        decode_source(b"OPENQASM 3.0;\nqubit q; // \xc3\xa9 \xff\n", "u.qasm")
    assert (info.value.loc.line, info.value.loc.col) == (2, 15)


def _cli(tmp_path: Path, data: bytes, *extra: str) -> subprocess.CompletedProcess:
    prog = tmp_path / "p.qasm"
    prog.write_bytes(data)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.run([sys.executable, "-m", "qckpt.cli", "convert", str(prog), "-o", str(tmp_path / "p.ll"), *extra],
                          capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.parametrize("data,extra,code,words", [
    (REPRODUCERS["gate-chain-40"][0].encode(), (), 1, "--max-ops"),
    (b"OPENQASM 3.0;\nqubit q;\n\xff\n", (), 1, "p.qasm:3:1: error: not UTF-8"),
    (b"\xef\xbb\xbf" + HEAD.encode() + b"x q[0];\n", (), 0, ""),
    ((HEAD + "for int i in [0:2999] { x q[i % 2]; }\n").encode(), ("--max-ops", "100"), 1, "budget of 100"),
], ids=["chain", "utf8", "bom", "max-ops-option"])
def test_command_line_exit_codes(tmp_path: Path, data: bytes, extra: tuple[str, ...], code: int, words: str) -> None:
    p = _cli(tmp_path, data, *extra)
    assert p.returncode == code, p.stderr
    assert words in p.stderr and "Traceback" not in p.stderr and "qckpt bug" not in p.stderr


# ---------------------------------------------------------------------------
# The extreme-input fuzz, a bounded sample (benchmarks/fuzz_frontend.py runs
# 10,000 cases with time and memory figures).

CASE_SECONDS = 30.0  # generous for a loaded CI machine; typical cases take well under a second


@functools.cache
def _seeds() -> tuple[str, ...]:
    return tuple(qasm_fuzz.seed_programs())


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.integers(0, 2**32 - 1))
def test_extreme_inputs_compile_or_fail_located(seed: int) -> None:
    rng = random.Random(seed)
    kind, data = qasm_fuzz.extreme(list(_seeds()), rng.randrange)
    t0 = time.perf_counter()
    outcome = qasm_fuzz.check_bytes(data)
    elapsed = time.perf_counter() - t0
    assert outcome.kind != "failure", f"{kind}: {outcome.detail}\n--- input ---\n{data[:2000]!r}"
    assert elapsed < CASE_SECONDS, f"{kind} took {elapsed:.1f} s\n--- input ---\n{data[:2000]!r}"
