"""compile_circuit: the CLI's options, and unbound parameters as late-bound
inputs that `qckpt bind` and bind_parameters fill by parameter name."""

from __future__ import annotations

import re
import subprocess
import sys

import pyqir
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import Parameter, ParameterVector

from qckpt.diagnostics import QckptError
from qckpt.pipeline import compile_circuit
from qckpt import abi
from qckpt.qir.bind import bind_parameters, unbound_in_text
from qckpt.runtime.qir_runner import run_qir


def _circuit() -> tuple[QuantumCircuit, Parameter, ParameterVector]:
    t, v = Parameter("t"), ParameterVector("v", 2)
    qc = QuantumCircuit(2, 2)
    qc.rx(2 * t + 0.3, 0)
    qc.ry(v[1] - t, 1)
    qc.cp(v[0], 0, 1)
    qc.h(0)
    qc.measure([0, 1], [0, 1])
    with qc.if_test((qc.clbits[0], 1)):
        qc.x(1)
    return qc, t, v


def test_unbound_parameters_are_inputs_named_after_them() -> None:
    qc, _, _ = _circuit()
    assert sorted(unbound_in_text(compile_circuit(qc))) == ["t", "v.0", "v.1"]


@pytest.mark.parametrize("seed", [3, 17])
def test_binding_late_gives_the_counts_of_assigning_first(seed: int) -> None:
    qc, t, v = _circuit()
    module = pyqir.Module.from_ir(pyqir.Context(), compile_circuit(qc, checkpoint="exact"))
    late = str(bind_parameters(module, {"t": 0.4, "v.0": 0.2, "v.1": 1.0}))
    early = compile_circuit(qc.assign_parameters({t: 0.4, v[0]: 0.2, v[1]: 1.0}), checkpoint="exact")
    counts = run_qir(late, shots=2000, seed=seed).counts
    assert len(counts) == 4  # every outcome is possible at these angles: the test can see a wrong angle
    assert counts == run_qir(early, shots=2000, seed=seed).counts


def test_qckpt_bind_fills_inputs_by_parameter_name(tmp_path) -> None:
    qc, t, v = _circuit()
    src, out = tmp_path / "sweep.ll", tmp_path / "bound.ll"
    src.write_text(compile_circuit(qc))
    cmd = [sys.executable, "-m", "qckpt.cli", "bind", str(src), "--param", "t=1.1", "--param", "v.0=0.5", "--param", "v.1=-0.3", "-o", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    early = compile_circuit(qc.assign_parameters({t: 1.1, v[0]: 0.5, v[1]: -0.3}))
    assert run_qir(str(out), shots=1000, seed=5).counts == run_qir(early, shots=1000, seed=5).counts


def test_params_bind_some_at_compile_time_by_name_or_parameter() -> None:
    qc, _, v = _circuit()
    assert unbound_in_text(compile_circuit(qc, params={"t": 0.4, v[0]: 0.2})) == ["v.1"]
    assert unbound_in_text(compile_circuit(qc, params={"t": 0.4, "v.0": 0.2, "v[1]": 3.0})) == []


def test_unknown_parameter_is_a_clear_error() -> None:
    qc, _, _ = _circuit()
    with pytest.raises(QckptError, match=r"the circuit has no parameter theta \(it has: t, v\[0\], v\[1\]\)"):
        compile_circuit(qc, params={"theta": 1.0})


def test_an_angle_not_linear_in_its_parameters_is_a_clear_error() -> None:
    a, b = Parameter("a"), Parameter("b")
    qc = QuantumCircuit(1, 1)
    qc.rx(a * b, 0)
    with pytest.raises(QckptError, match=r"angle a\*b is not linear in its parameters"):
        compile_circuit(qc)
    assert unbound_in_text(compile_circuit(qc, params={"a": 2.0})) == ["b"]


def test_checkpoint_record_mode_and_resumable_reach_the_qir() -> None:
    qc, _, _ = _circuit()
    plain = compile_circuit(qc)
    final = compile_circuit(qc, checkpoint="exact")
    streaming = compile_circuit(qc, checkpoint="exact", record_mode="streaming")
    resumable = compile_circuit(qc, checkpoint="exact", record_mode="streaming", resumable=True)
    labels = {name: set(re.findall(r'c"(qckpt\.[a-z]+)', qir)) for name, qir in [("plain", plain), ("final", final), ("streaming", streaming)]}
    assert labels["plain"] == set()
    assert labels["final"] == {"qckpt.id", "qckpt.last", "qckpt.visits"}  # each boundary's last visit, at the end
    assert {"qckpt.visit", "qckpt.end"} <= labels["streaming"]  # every visit as it happens
    assert abi.RESUME_POINT not in streaming and abi.RESUME_POINT in resumable


def test_checkpoint_needs_the_adaptive_profile() -> None:
    qc, t, v = _circuit()
    with pytest.raises(QckptError, match="checkpoint needs the Adaptive Profile"):
        compile_circuit(qc.assign_parameters({t: 0, v[0]: 0, v[1]: 0}), "base", checkpoint="exact")
