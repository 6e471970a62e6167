"""Angles and floats computed at run time stay inside the Adaptive Profile.

The profile has no ``sitofp``, ``fptosi`` or ``fneg`` (Adaptive_Profile.md,
Bullet 5); ``convert`` used to emit them, and its own checker rejected the
result. These programs make the value depend on a measurement, so nothing
folds, and check both that the module conforms and that qir-runner computes
what sitofp/fptosi/fneg would.
"""

from __future__ import annotations

import math

import pyqir
import pytest

from qckpt import pipeline
from qckpt.qir.check import check_module
from qckpt.runtime.qir_runner import run_qir

HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'


def _conforming(src: str) -> str:
    qir = pipeline.compile_qasm(HEAD + src, filename="t.qasm")
    findings = check_module(pyqir.Module.from_ir(pyqir.Context(), qir))
    # Recording a float goes through qir-runner's name for it, a known extension.
    findings = [f for f in findings if not (f.severity == "extension" and "double_record_output" in f.message)]
    assert not findings, "\n".join(map(str, findings))
    for op in ("sitofp", "fptosi", "fneg"):
        assert f" {op} " not in qir
    return qir


def _records(qir: str) -> dict[str, str]:
    shot = run_qir(qir, shots=1, seed=1, timeout=120).shots[0]
    return {r.label: r.value for r in shot.records}


@pytest.mark.parametrize("src", [
    "qubit q; angle[4] a = pi/2; a[3] = measure q; rz(a) q;",
    "qubit q; angle[4] a; h q; a[0] = measure q; inv @ phase(a) q;",
    "qubit q; bit b; int k = 1; b = measure q; if (b) k = 3; rz(k * 0.5) q;",
], ids=["angle-bit", "inv-phase", "int-times-float"])
def test_the_issue_reproducers_conform(src: str) -> None:
    _conforming(src)


@pytest.mark.parametrize("k", [0, 1, -1, 5, -5, 2**53 + 1, 2**62 + 3, 2**63 - 1, -(2**63) + 1, 123456789012345678])
def test_int_to_float_matches_sitofp(k: int) -> None:
    # `x q` makes the measurement 1, so k is chosen at run time.
    qir = _conforming(f"output float f; output int back; qubit q; bit b; int k = 0; x q; b = measure q; "
                      f"if (b) k = {k}; f = k; back = -f;")
    rec = _records(qir)
    assert float(rec["f"]) == float(k)
    want_back = math.trunc(-float(k)) if abs(float(k)) < 2**63 else None
    if want_back is not None:
        assert int(rec["back"]) == want_back


@pytest.mark.parametrize("x", [0.0, 0.99, -0.99, 3.7, -3.7, 1e15 + 0.5, -2.5e18, 4503599627370497.0])
def test_float_to_int_truncates_like_fptosi(x: float) -> None:
    qir = _conforming(f"output int n; qubit q; bit b; float g = 0.0; x q; b = measure q; if (b) g = {x!r}; n = g;")
    assert int(_records(qir)["n"]) == math.trunc(x)


def test_negation_keeps_the_sign_of_zero() -> None:
    qir = _conforming("output float z; qubit q; bit b; float g = 1.0; x q; b = measure q; if (b) g = 0.0; z = -g;")
    assert math.copysign(1.0, float(_records(qir)["z"])) == -1.0
