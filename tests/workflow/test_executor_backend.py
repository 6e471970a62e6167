"""The session's default backend runs on the runtime's executor."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from qckpt.diagnostics import QckptError
from qckpt.pipeline import compile_qasm
from qckpt.qir.bind import load_module
from qckpt.workflow import ExecutorBackend, QirRunnerBackend

SRC = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q; bit[2] c;\nh q[0]; cx q[0], q[1]; ry(0.3) q[1];\nc = measure q;\n'


def bitcode(tmp_path: Path) -> bytes:
    p = tmp_path / "p.ll"
    p.write_text(compile_qasm(SRC))
    return load_module(p).bitcode


def test_same_counts_as_qir_runner_at_the_same_seed(tmp_path: Path) -> None:
    bc = bitcode(tmp_path)
    assert ExecutorBackend().run(bc, 500, 9) == QirRunnerBackend().run(bc, 500, 9)


def test_a_crashing_backend_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "qir-runner"
    fake.write_text("#!/bin/sh\necho START\necho 'OUTPUT\tARRAY\t2\tc'\nkill -9 $$\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("QCKPT_QIR_RUNNER", str(fake))
    with pytest.raises(QckptError) as e:
        ExecutorBackend().run(bitcode(tmp_path), 10, 1)
    assert "\n" not in str(e.value) and os.environ["QCKPT_QIR_RUNNER"] == str(fake)
