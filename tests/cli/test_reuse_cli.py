"""Qubit reuse from the command line: `qckpt convert --reuse-qubits`
reports what it reached, `--max-qubits` fails with one line naming the
width and the bound, and `qckpt run --max-qubits` runs the reused program
on a narrow executor that refuses the original."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROGRAM = """OPENQASM 3.0;
include "stdgates.inc";
qubit[5] q;
bit[4] c;
x q[4];
h q;
cx q[0], q[4];
cx q[2], q[4];
cx q[3], q[4];
h q[0]; h q[1]; h q[2]; h q[3];
c = measure q[0:3];
"""
QCKPT = [sys.executable, "-m", "qckpt.cli"]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*QCKPT, *args], capture_output=True, text=True, cwd=cwd)


def test_convert_reuse_then_run_on_two_qubits(tmp_path: Path) -> None:
    (tmp_path / "bv.qasm").write_text(PROGRAM)
    conv = run("convert", "bv.qasm", "--reuse-qubits", "-o", "bv.ll", cwd=tmp_path)
    assert conv.returncode == 0, conv.stderr
    assert "qubit reuse: 5 logical qubits on 2 (lower bound 2), 3 reuse points" in conv.stderr
    narrow = run("run", "bv.ll", "--shots", "50", "--max-qubits", "2", cwd=tmp_path)
    assert narrow.returncode == 0, narrow.stderr
    assert "1101       50" in narrow.stdout  # the secret, every shot
    wide = run("run", "bv.qasm", "--shots", "50", "--max-qubits", "2", cwd=tmp_path)
    assert wide.returncode == 1 and "Traceback" not in wide.stderr
    assert "addresses qubit 4" in wide.stderr and "needs at least 5" in wide.stderr


def test_max_qubits_out_of_reach_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "bv.qasm").write_text(PROGRAM)
    r = run("convert", "bv.qasm", "--max-qubits", "1", "-o", "x.ll", cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == ["error: max-qubits=1 not reached: width 2 reached (objective=width), lower bound 2, 5 logical qubits"]
    assert not (tmp_path / "x.ll").exists()
