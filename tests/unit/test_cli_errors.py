"""Bad input: one located error line, a non-zero exit, no traceback.

These run the installed ``qckpt`` console script, as a user would."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

QCKPT = [sys.executable, "-m", "qckpt.cli"]
LOCATED = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): error: (?P<msg>.+)$")


def run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*QCKPT, *args], input=stdin, capture_output=True, text=True, timeout=120)


def assert_located(proc: subprocess.CompletedProcess[str], path: str, line: int, col: int | None, words: str) -> None:
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    first = proc.stderr.splitlines()[0]
    m = LOCATED.match(first)
    assert m, f"not a located error: {first!r}"
    assert m["file"] == path and int(m["line"]) == line, first
    if col is not None:
        assert int(m["col"]) == col, first
    assert words in m["msg"], first


def write(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.write_text(text)
    return str(p)


HEADER = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\n'


def test_syntax_error_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, "syntax.qasm", HEADER + "h q[0]\ncx q[0], q[1];\n")
    assert_located(run(["convert", path]), path, 5, 1, "syntax error")


def test_unknown_gate_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, "gate.qasm", HEADER + "h q[0];\nfrobnicate q[1];\n")
    assert_located(run(["convert", path]), path, 5, 1, "frobnicate")


def test_unsupported_construct_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, "pulse.qasm", HEADER + "h q[0];\n  defcal x $0 { }\n")
    assert_located(run(["convert", path]), path, 5, 3, "not supported")


def test_qiskit_frontend_errors_are_located(tmp_path: Path) -> None:
    # Qiskit's importer does not support int declarations; the native frontend does.
    path = write(tmp_path, "int.qasm", HEADER + "int x = 3;\n")
    assert_located(run(["convert", path, "--frontend", "qiskit"]), path, 4, 1, "not supported")
    assert run(["convert", path]).returncode == 0


def test_stdin_is_named(tmp_path: Path) -> None:
    proc = run(["convert", "-"], stdin=HEADER + "bogus q[0];\n")
    assert_located(proc, "<stdin>", 4, 1, "bogus")


def test_invalid_ir_is_located(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bad.mlir",
        'func.func @main() {\n  %q = qc.alloc "q" : !qc.reg<2>\n  %a = qc.qubit %q[0] : !qc.reg<2>\n  qc.gate "hh" %a\n  func.return\n}\n',
    )
    assert_located(run(["convert", path]), path, 4, 3, "unknown gate 'hh'")


def test_unparsable_ir_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, "bad2.mlir", 'func.func @main() {\n  qc.frob\n}\n')
    assert_located(run(["convert", path]), path, 3, None, "qc.frob")


def test_base_profile_rejects_feed_forward(tmp_path: Path) -> None:
    path = write(tmp_path, "ff.qasm", HEADER + "bit[1] c;\nc[0] = measure q[0];\nif (c[0]) x q[1];\n")
    proc = run(["convert", path, "--profile", "base"])
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "needs the Adaptive Profile" in proc.stderr


def test_base_profile_rejects_gate_after_measurement(tmp_path: Path) -> None:
    path = write(tmp_path, "late.qasm", HEADER + "bit[1] c;\nc[0] = measure q[0];\nh q[0];\n")
    proc = run(["convert", path, "--profile", "base"])
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "measured" in proc.stderr


@pytest.mark.parametrize("cmd", [["convert", "missing.qasm"], ["run", "missing.ll"], ["check-qir", "missing.ll"]])
def test_missing_file(cmd: list[str], tmp_path: Path) -> None:
    proc = subprocess.run([*QCKPT, *cmd], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "missing" in proc.stderr and "no such file" in proc.stderr


def test_missing_qir_runner_is_a_clear_error(tmp_path: Path) -> None:
    ll = tmp_path / "p.ll"
    assert run(["convert", write(tmp_path, "p.qasm", HEADER), "-o", str(ll)]).returncode == 0
    env = dict(os.environ, QCKPT_QIR_RUNNER=str(tmp_path / "no-such-qir-runner"))
    proc = subprocess.run([*QCKPT, "run", str(ll)], capture_output=True, text=True, env=env)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "qir-runner was not found" in proc.stderr


def test_help_lists_commands() -> None:
    proc = run(["--help"])
    assert proc.returncode == 0
    for cmd in ("convert", "run", "check-qir"):
        assert cmd in proc.stdout
