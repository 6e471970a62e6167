"""qckpt bind-resume, split and run-segments from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from qckpt.qir.resume_binding import program_fingerprint

QCKPT = [sys.executable, "-m", "qckpt.cli"]
RUS = str(Path(__file__).resolve().parents[2] / "examples" / "repeat_until_success.qasm")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*QCKPT, *args], capture_output=True, text=True, timeout=300)


def test_bind_resume_from_the_command_line(tmp_path: Path) -> None:
    prog = tmp_path / "rus.ll"
    assert run("convert", RUS, "--checkpoint", "exact", "--record-mode", "streaming", "--resumable", "-o", str(prog)).returncode == 0
    record = {"format": "qckpt-resume-record", "version": 1, "fingerprint": program_fingerprint(prog.read_bytes()), "boundary": 0, "visit": 1,
              "values": {"v0": False, "qubit:q[0]": False}}
    (tmp_path / "r.json").write_text(json.dumps(record))
    out = tmp_path / "resumed.ll"
    p = run("bind-resume", str(prog), str(tmp_path / "r.json"), "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert " 0 errors" in run("check-qir", str(out)).stdout
    # c = 0 at the boundary: the loop never runs and q[1] was never touched.
    res = json.loads(run("run", str(out), "--shots", "200", "--seed", "1", "--json").stdout)
    assert res["counts"] == {"0 0": 200}
    # A record for another program: a clear error, no traceback.
    record["fingerprint"] = "0" * 64
    (tmp_path / "bad.json").write_text(json.dumps(record))
    p = run("bind-resume", str(prog), str(tmp_path / "bad.json"), "-o", str(out))
    assert p.returncode == 1 and "another program" in p.stderr and "Traceback" not in p.stderr
    p = run("bind-resume", str(prog), str(tmp_path / "missing.json"))
    assert p.returncode == 1 and "no such file" in p.stderr


def test_split_and_run_segments(tmp_path: Path) -> None:
    p = run("split", RUS, "-o", str(tmp_path / "segs"))
    assert p.returncode == 0, p.stderr
    assert "segment 1: boundary 0 -> end" in p.stdout
    res = json.loads(run("run-segments", str(tmp_path / "segs"), "--shots", "300", "--seed", "2", "--json").stdout)
    assert sum(res["counts"].values()) == 300 and res["bindings"][0] == 1 and res["registers"] == ["c", "out"]
    p = run("split", RUS, "-o", str(tmp_path / "x"), "--at", "7")
    assert p.returncode == 1 and "cannot cut at boundary 7" in p.stderr
