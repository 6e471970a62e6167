"""Fixtures of the runtime tests. Helpers are in ``runtime_helpers`` (this
folder is put on sys.path: pytest runs with --import-mode=importlib and
``tests`` is not a package)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from qckpt.qir.resume_binding import bind_resume_file

HERE = Path(__file__).resolve().parent
for p in (HERE, HERE.parent / "differential"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from runtime_helpers import ROOT, compile_qasm_with_boundaries, trotter_loop  # noqa: E402


@pytest.fixture(scope="session")
def programs(tmp_path_factory) -> dict[str, Path]:
    """rus: repeat-until-success on 2 qubits (fast shots, a boundary per try);
    loop: a 6-qubit measured loop of 6 steps (slower shots, 6 boundaries each).
    Both resumable, as ``qckpt run --store`` compiles them; ``*-start`` are
    the same bound to start at the top, to run on qir-runner directly."""
    d = tmp_path_factory.mktemp("programs")
    out = {}
    rus = (ROOT / "examples" / "repeat_until_success.qasm").read_text()
    out["rus"] = d / "rus.ll"
    out["rus"].write_bytes(compile_qasm_with_boundaries(rus, "rus.qasm"))
    out["loop"] = d / "loop.ll"
    out["loop"].write_bytes(compile_qasm_with_boundaries(trotter_loop(6, 6), "loop.qasm", "every"))
    for name in ("rus", "loop"):
        out[f"{name}-start"] = d / f"{name}-start.bc"
        out[f"{name}-start"].write_bytes(bind_resume_file(out[name], None).bitcode)
    return out
