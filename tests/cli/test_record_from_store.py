"""`qckpt record STORE` (issue 19): the resume record of a shot that a
checkpointed run saw cut short comes out of the store, with the program it
binds into, so `bind-resume` needs no hand-made JSON. The shots are cut by
a qir-runner that crashes (QCKPT_QIR_RUNNER): its first runs stop in the
middle of their second shot, after that shot's first complete visit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from qckpt import abi
from qckpt.runtime.qir_runner import qir_runner_binary
from qckpt.runtime.store.events import read_events

QCKPT = [sys.executable, "-m", "qckpt.cli"]
# Six measured steps, each a boundary: a kill mid-shot leaves complete visits behind.
LOOP = """OPENQASM 3.0;
include "stdgates.inc";
qubit[4] q;
bit[4] m;
int[32] n = 0;
for int k in [0:5] {
  cx q[0], q[1]; rz(0.2) q[1]; cx q[2], q[3]; rx(1.2) q[0]; rx(0.9) q[3];
  m = measure q;
  reset q;
  n += int(m[0]);
}
"""


def qckpt(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*QCKPT, *args], capture_output=True, text=True, timeout=300, env=env)


CRASHING_RUNNER = """#!{python}
import os, subprocess, sys
out = subprocess.run([{real!r}, *sys.argv[1:]], capture_output=True, text=True).stdout
crashes = {crashes!r}
n = len(os.listdir(crashes))
if n >= 3:
    sys.stdout.write(out)
    sys.exit(0)
lines = out.splitlines(keepends=True)
starts = [i for i, ln in enumerate(lines) if ln.startswith("START")]
if len(starts) < 2:  # the runtime's one-shot run that finishes a torn shot
    sys.stdout.write(out)
    sys.exit(0)
open(os.path.join(crashes, str(n)), "w").close()
end = next(i for i in range(starts[1], len(lines)) if lines[i].rstrip("\\n").split("\\t")[-1] == {end!r})
sys.stdout.write("".join(lines[: end + 1]))
sys.stdout.flush()
sys.exit(134)  # as an abort would
"""


def _run_with_torn_shots(tmp_path: Path, store: Path) -> None:
    (tmp_path / "loop.qasm").write_text(LOOP)
    (tmp_path / "crashes").mkdir()
    runner = tmp_path / "qir-runner"
    runner.write_text(CRASHING_RUNNER.format(python=sys.executable, real=qir_runner_binary(), crashes=str(tmp_path / "crashes"), end=abi.END_LABEL))
    runner.chmod(0o755)
    env = {**os.environ, "QCKPT_QIR_RUNNER": str(runner)}
    p = qckpt("run", str(tmp_path / "loop.qasm"), "--shots", "200", "--seed", "3", "--store", str(store), "--workers", "1", "--json", env=env)
    assert p.returncode == 0, p.stderr
    assert sum(json.loads(p.stdout)["counts"].values()) == 200
    assert len(os.listdir(tmp_path / "crashes")) == 3


def test_record_from_a_store_binds_and_runs(tmp_path: Path) -> None:
    store = tmp_path / "ckpt"
    _run_with_torn_shots(tmp_path, store)
    torn = [e for e in read_events(store) if e["event"] == "torn-shot"]
    assert len(torn) == 3  # each crash cut one shot after a complete visit
    p = qckpt("record", str(store), "--program-out", str(tmp_path / "r.ll"), "-o", str(tmp_path / "rec.json"))
    assert p.returncode == 0, p.stderr
    rec = json.loads((tmp_path / "rec.json").read_text())
    assert rec == torn[-1]["record"]  # the newest torn shot, as the run logged it
    assert rec["format"] == "qckpt-resume-record" and rec["visit"] >= 1
    assert p.stderr.startswith(f"torn shot {len(torn) - 1} of {len(torn)} (batch {torn[-1]['batch']}): boundary {rec['boundary']}, visit {rec['visit']}")
    b = qckpt("bind-resume", str(tmp_path / "r.ll"), str(tmp_path / "rec.json"), "-o", str(tmp_path / "res.ll"))
    assert b.returncode == 0, b.stderr  # the fingerprint of the store's program matches
    run = qckpt("run", str(tmp_path / "res.ll"), "--shots", "20", "--json")
    assert run.returncode == 0, run.stderr
    assert sum(json.loads(run.stdout)["counts"].values()) == 20
    first = qckpt("record", str(store), "--shot", "0")
    assert first.returncode == 0 and json.loads(first.stdout) == torn[0]["record"]
    past = qckpt("record", str(store), "--shot", str(len(torn)))
    assert past.returncode == 1 and past.stderr.count("\n") == 1 and f"0 to {len(torn) - 1}" in past.stderr


def test_record_from_a_store_without_torn_shots_says_so(tmp_path: Path) -> None:
    rus = str(Path(__file__).resolve().parents[2] / "examples" / "repeat_until_success.qasm")
    assert qckpt("run", rus, "--shots", "50", "--store", str(tmp_path / "s")).returncode == 0
    p = qckpt("record", str(tmp_path / "s"))
    assert p.returncode == 1 and p.stderr.count("\n") == 1
    assert "no shot of this run was cut short" in p.stderr and "qckpt resume" in p.stderr
    nodir = qckpt("record", str(tmp_path / "missing"))
    assert nodir.returncode == 1 and "not a checkpoint store" in nodir.stderr
