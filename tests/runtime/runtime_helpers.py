"""Helpers of the runtime tests (imported by name: tests/runtime is put on
sys.path by its conftest): programs to compile, fake backends written as
scripts (for the failure detector), the CLI as a real subprocess."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from qckpt.pipeline import insert_checkpoints, module_to_qir, qasm_to_module
from qckpt.runtime.qir_runner import qir_runner_binary
from qckpt.testing.runtime_kills import alive, children_of  # noqa: F401  (re-exported for the tests)

ROOT = Path(__file__).resolve().parents[2]
QCKPT = [sys.executable, "-m", "qckpt.cli"]


def trotter_loop(qubits: int, steps: int) -> str:
    """A measured loop: a layer of ZZ and X rotations per step, every qubit
    measured and reset, a tally carried (each step a boundary)."""
    body = []
    for i in range(qubits - 1):
        body.append(f"cx q[{i}], q[{i + 1}]; rz(0.2) q[{i + 1}]; cx q[{i}], q[{i + 1}];")
    body += [f"rx(0.3) q[{i}];" for i in range(qubits)]
    body += ["m = measure q;", "reset q;", "n += int(m[0]);"]
    return (
        'OPENQASM 3.0;\ninclude "stdgates.inc";\n'
        f"qubit[{qubits}] q;\nbit[{qubits}] m;\nint[32] n = 0;\n"
        f"for int k in [0:{steps - 1}] {{\n  " + "\n  ".join(body) + "\n}\n"
    )


def compile_qasm_with_boundaries(src: str, name: str, policy: str = "exact") -> bytes:
    """As ``qckpt run --store`` compiles: boundaries, streaming records, and
    resumable (a shot cut short resumes from its last exact boundary)."""
    m = qasm_to_module(src, name)
    insert_checkpoints(m, policy)
    return module_to_qir(m, record_mode="streaming", resumable=True).encode()


def fake_backend(tmp_path: Path, name: str, body: str) -> str:
    """An executable script that stands in for qir-runner. ``body`` is
    Python; ``REAL`` is the real qir-runner, ``ARGS`` the command line."""
    path = tmp_path / name
    path.write_text(
        f"#!{sys.executable}\n"
        "import os, sys, time, signal, subprocess\n"
        f"REAL = {qir_runner_binary()!r}\n"
        "ARGS = sys.argv[1:]\n"
        "def arg(flag):\n"
        "    return ARGS[ARGS.index(flag) + 1]\n" + body
    )
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def qckpt(*args: str, env: dict | None = None, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    e = {**os.environ, **(env or {})}
    return subprocess.run([*QCKPT, *map(str, args)], capture_output=True, text=True, env=e, timeout=timeout, cwd=ROOT, **kw)
