"""Output labels that could forge records, and qubit/result ids cast from
integer widths other than i64 (issue 21, items 5 and 6)."""

from __future__ import annotations

import subprocess
import sys

import pyqir
import pytest
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

from qckpt import pipeline
from qckpt.diagnostics import QckptError
from qckpt.qir.check import check_module
from qckpt.runtime.qir_runner import run_qir

BELL = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q; bit[2] c; h q[0]; cx q[0], q[1]; c = measure q;\n'
FORGED_LABEL = '[22 x i8] c"c[1]\\0AOUTPUT\\09BOOL\\09true\\00"'


def _bell() -> str:
    return pipeline.compile_qasm(BELL, filename="bell.qasm")


def _errors(qir: str) -> list[str]:
    return [f.message for f in check_module(pyqir.Module.from_ir(pyqir.Context(), qir)) if f.severity == "error"]


def _forged() -> str:
    qir = _bell()
    assert '[5 x i8] c"c[1]\\00"' in qir
    return qir.replace('[5 x i8] c"c[1]\\00"', FORGED_LABEL)


@pytest.mark.parametrize("width", [32, 16, 128])
def test_an_id_cast_from_any_width_reads_as_its_value(width: int) -> None:
    qir = _bell().replace("inttoptr (i64 1 to ptr)", f"inttoptr (i{width} 1 to ptr)")
    assert f"i{width} 1 to ptr" in qir
    for _ in range(3):  # the misread value used to change from run to run
        assert _errors(qir) == []


def test_an_i128_id_beyond_64_bits_is_out_of_range() -> None:
    qir = _bell().replace("inttoptr (i64 1 to ptr)", f"inttoptr (i128 {2**64 + 1} to ptr)")
    errors = _errors(qir)
    assert any(f"qubit id {2**64 + 1} is used" in e for e in errors), errors


def test_the_checker_rejects_a_label_with_a_newline() -> None:
    errors = _errors(_forged())
    assert any("control character '\\n'" in e for e in errors), errors


def test_the_runner_refuses_a_program_with_a_forging_label() -> None:
    with pytest.raises(QckptError, match="control character"):
        run_qir(_forged(), shots=10, seed=1)


def test_a_checkpointed_run_refuses_it_too(tmp_path) -> None:
    prog = tmp_path / "forged.ll"
    prog.write_text(_forged())
    p = subprocess.run([sys.executable, "-m", "qckpt.cli", "run", str(prog), "--shots", "100", "--store", str(tmp_path / "S")],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 1, p.stderr
    assert "control character" in p.stderr and "Traceback" not in p.stderr


def test_emission_refuses_a_register_name_with_a_control_character() -> None:
    circ = QuantumCircuit(QuantumRegister(1, "q"), ClassicalRegister(1, "a\tb"))
    circ.measure(0, 0)
    with pytest.raises(QckptError, match="control character '\\\\t'"):
        pipeline.compile_circuit(circ)
