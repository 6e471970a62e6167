"""A workflow session on the stim backend: executions lowered to stim with
their parameters folded, logged and replayed like any other."""

from __future__ import annotations

import math

import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import Parameter

from qckpt.diagnostics import QckptError
from qckpt.workflow import Session, StimBackend


def phase_kickback() -> QuantumCircuit:
    """rz(t) between two H: deterministic at t = 0 and t = pi, Clifford at
    every multiple of pi/2, refused elsewhere."""
    t = Parameter("t")
    qc = QuantumCircuit(2, 2)
    qc.h(0)
    qc.rz(t, 0)
    qc.h(0)
    qc.x(1)
    qc.measure([0, 1], [0, 1])
    return qc


def test_session_on_stim_binds_parameters_and_replays(tmp_path):
    qc = phase_kickback()
    t = qc.parameters[0]
    half: dict[str, int] = {}
    with Session.open(tmp_path / "s", seed=5, name="stim", backend="stim") as s:
        assert isinstance(s.backend, StimBackend)
        assert s.execute(qc, 500, {t: 0.0}).counts == {"10": 500}
        assert s.execute(qc, 500, {t: math.pi}).counts == {"11": 500}
        half = s.execute(qc, 4000, {t: math.pi / 2}).counts
        assert set(half) == {"10", "11"} and 1700 < half["10"] < 2300
        with pytest.raises(QckptError, match=r"gate 'rz\(0.3\)' is not a Clifford gate"):
            s.execute(qc, 10, {t: 0.3})
    # Reopened: the same driver is answered from the log, nothing is sampled again.
    with Session.open(tmp_path / "s", seed=5, name="stim", backend="stim") as s:
        assert s.execute(qc, 500, {t: 0.0}).replayed
        assert s.execute(qc, 500, {t: math.pi}).counts == {"11": 500}
        assert s.execute(qc, 4000, {t: math.pi / 2}).counts == half
        assert s.stats.executions_live == 0


def test_stim_backend_takes_noise_and_an_unknown_backend_is_refused(tmp_path):
    src = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\nx q[0];\ncx q[0], q[1];\nc = measure q;\n'
    with Session.open(tmp_path / "n", seed=1, name="noisy", backend=StimBackend(noise="0.2")) as s:
        assert len(s.execute(src, 2000).counts) == 4
    with pytest.raises(QckptError, match="unknown backend 'aer'"):
        Session.open(tmp_path / "x", seed=1, backend="aer")
