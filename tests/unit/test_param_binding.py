"""OpenQASM inputs bound after emission, without recompiling the body."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pyqir
import pytest

from qckpt.diagnostics import QckptError
from qckpt.pipeline import compile_qasm, module_to_bitcode, qasm_to_module
from qckpt.qir.bind import bind_parameters, unbound_parameters
from qckpt.qir.check import check_module
from qckpt.runtime.qir_runner import run_qir

SRC = (
    'OPENQASM 3.0;\ninclude "stdgates.inc";\ninput float theta;\ninput int[8] k;\n'
    "qubit[2] q;\nbit[2] c;\nry(theta) q[0];\nrz(theta / 2) q[1];\nh q[1];\n"
    "c[0] = measure q[0];\nif (k == 3) x q[1];\nc[1] = measure q[1];\n"
)


def bound(values: dict[str, float]) -> str:
    ctx = pyqir.Context()
    mod = pyqir.Module.from_bitcode(ctx, module_to_bitcode(qasm_to_module(SRC, "p.qasm")))
    assert unbound_parameters(mod) == {"theta": "double", "k": "i64"}
    return str(bind_parameters(mod, values))


@pytest.mark.parametrize(("theta", "k"), [(0.7, 3), (2.1, 0)])
def test_binding_matches_compiling_with_the_values(theta: float, k: int) -> None:
    late = bound({"theta": theta, "k": k})
    early = compile_qasm(SRC, "p.qasm", params={"theta": theta, "k": k})
    assert "qckpt_param_theta" not in early
    # Same program, same seed: the same histogram, shot for shot.
    assert run_qir(late, shots=2000, seed=4).counts == run_qir(early, shots=2000, seed=4).counts
    assert not [f for f in check_module(pyqir.Module.from_ir(pyqir.Context(), late)) if f.severity == "error"]


def test_the_angle_really_reaches_the_program() -> None:
    counts = run_qir(bound({"theta": math.pi, "k": 0}), shots=200, seed=1).counts
    assert all(key[-1] == "1" for key in counts)  # ry(pi)|0> = |1> on q[0]


def test_unbound_program_refuses_to_run_and_bind_names_what_is_missing() -> None:
    qir = compile_qasm(SRC, "p.qasm")
    with pytest.raises(QckptError, match="theta, k are unbound|k, theta are unbound"):
        run_qir(qir, shots=1)
    ctx = pyqir.Context()
    with pytest.raises(QckptError, match="no value for parameter"):
        bind_parameters(pyqir.Module.from_ir(ctx, qir), {"theta": 1.0})
    with pytest.raises(QckptError, match="no unbound parameter phi"):
        bind_parameters(pyqir.Module.from_ir(pyqir.Context(), qir), {"theta": 1.0, "k": 1, "phi": 2.0})


def test_cli_bind_from_bitcode(tmp_path: Path) -> None:
    qasm = tmp_path / "p.qasm"
    qasm.write_text(SRC)
    cli = [sys.executable, "-m", "qckpt.cli"]
    assert subprocess.run([*cli, "convert", str(qasm), "--emit", "bc", "-o", str(tmp_path / "p.bc")]).returncode == 0
    proc = subprocess.run([*cli, "bind", str(tmp_path / "p.bc"), "--param", "theta=0.5", "--param", "k=3", "-o", str(tmp_path / "b.ll")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    run = subprocess.run([*cli, "run", str(tmp_path / "b.ll"), "--shots", "50", "--json"], capture_output=True, text=True)
    assert run.returncode == 0 and '"counts"' in run.stdout
    unbound = subprocess.run([*cli, "run", str(qasm)], capture_output=True, text=True)
    assert unbound.returncode == 1 and "unbound" in unbound.stderr and "Traceback" not in unbound.stderr
