"""A script killed with SIGKILL in the middle of ``sampler.run`` and started
again with the same store returns exactly the requested shots for every
pub; in reproducible mode, bit for bit what an uninterrupted run returns,
and without running again the shots its store already holds."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qckpt.runtime.qir_runner import qir_runner_binary

SHOTS = 3000
SCRIPT = '''
import json, sys
import numpy as np
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Parameter
from qckpt.primitives import Preempted, SamplerV2

store, mode, out = sys.argv[1], sys.argv[2], sys.argv[3]
theta = Parameter("theta")
q = QuantumRegister(2, "q")
m, flag = ClassicalRegister(2, "m"), ClassicalRegister(1, "flag")
qc = QuantumCircuit(q, m, flag)
qc.ry(theta, 0)
qc.measure(0, m[0])
with qc.if_test((m[0], 1)):
    qc.h(1)
with qc.while_loop((flag[0], 0)):  # repeat until heads
    qc.h(1)
    qc.measure(1, flag[0])
    qc.reset(1)
qc.measure(0, m[1])
sampler = SamplerV2(seed=2026, store=None if store == "-" else store, mode=mode)
pubs = [(qc, np.linspace(0.2, 2.8, 4).reshape(2, 2)), (qc, [1.0])]
try:
    result = sampler.run(pubs, shots=%d).result()
except Preempted as e:
    print(e, file=sys.stderr)
    sys.exit(75)
doc = [{name: [[int(x) for x in getattr(r.data, name).array.reshape(-1)], list(getattr(r.data, name).shape), getattr(r.data, name).num_shots]
        for name in r.data.keys()} for r in result]
json.dump(doc, open(out, "w"))
''' % SHOTS


@pytest.fixture
def script(tmp_path: Path) -> tuple[Path, dict]:
    """The script, and an environment whose qir-runner logs each run's shot count."""
    path = tmp_path / "sweep.py"
    path.write_text(SCRIPT)
    calls = tmp_path / "calls"
    calls.write_text("")
    wrapper = tmp_path / "qir-runner-counting"
    wrapper.write_text(
        "#!/bin/sh\n"
        'prev=""; shots=""\n'
        'for a in "$@"; do [ "$prev" = "-s" ] && shots="$a"; prev="$a"; done\n'
        f'echo "$shots" >> "{calls}"\n'
        f'exec "{qir_runner_binary()}" "$@"\n'
    )
    wrapper.chmod(0o755)
    env = dict(os.environ, QCKPT_QIR_RUNNER=str(wrapper))
    return path, {"env": env, "calls": calls}


def _shots_run(calls: Path) -> int:
    n = sum(int(x) for x in calls.read_text().split())
    calls.write_text("")
    return n


def _run(script: Path, store: str, mode: str, out: Path, env: dict) -> list:
    done = subprocess.run([sys.executable, str(script), store, mode, str(out)], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text())


def _kill_mid_run(script: Path, store: Path, mode: str, env: dict, sig: int = signal.SIGKILL) -> str:
    """Start the script and SIGKILL it (the Python process; its qir-runners
    die with it) once the second of its five runs has begun, plus a random
    delay: the kill lands in a batch, a commit or between runs."""
    proc = subprocess.Popen([sys.executable, str(script), str(store), mode, str(store.parent / "never.json")], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if store.exists() and len([p for p in store.iterdir() if p.name.startswith("run-")]) >= 2:
                time.sleep(random.uniform(0.0, 0.4))
                proc.send_signal(sig)
                break
            time.sleep(0.01)
    finally:
        _, err = proc.communicate(timeout=60)
    want = -signal.SIGKILL if sig == signal.SIGKILL else 75
    assert proc.returncode == want, f"the script was not stopped mid-run (exit {proc.returncode}): {err.decode()[-500:]}"
    return err.decode()


def _check_shapes(doc: list) -> None:
    assert [d["m"][1] for d in doc] == [[2, 2], []]
    for d in doc:
        for name in ("m", "flag"):
            _, shape, shots = d[name]
            assert shots == SHOTS  # exactly the requested shots, per element of every pub


def test_killed_mid_run_then_rerun_is_bit_identical_in_reproducible_mode(script, tmp_path: Path) -> None:
    path, ctx = script
    reference = _run(path, "-", "reproducible", tmp_path / "ref.json", ctx["env"])
    full = _shots_run(ctx["calls"])
    assert full == 5 * SHOTS
    store = tmp_path / "store"
    _kill_mid_run(path, store, "reproducible", ctx["env"])
    _shots_run(ctx["calls"])
    resumed = _run(path, str(store), "reproducible", tmp_path / "resumed.json", ctx["env"])
    _check_shapes(resumed)
    assert resumed == reference
    # The completed runs, and the batches committed of the cut one, were not run again.
    assert _shots_run(ctx["calls"]) <= full - SHOTS
    # Started once more, everything is read back from the store.
    assert _run(path, str(store), "reproducible", tmp_path / "again.json", ctx["env"]) == reference
    assert _shots_run(ctx["calls"]) == 0


def test_killed_mid_run_then_rerun_gives_exactly_the_shots_in_resume_mode(script, tmp_path: Path) -> None:
    path, ctx = script
    store = tmp_path / "store"
    _kill_mid_run(path, store, "resume", ctx["env"])
    _shots_run(ctx["calls"])
    resumed = _run(path, str(store), "resume", tmp_path / "resumed.json", ctx["env"])
    _check_shapes(resumed)
    assert _shots_run(ctx["calls"]) <= 4 * SHOTS + 1  # at most the in-flight shot runs twice: the finished ones are kept


def test_sigterm_preempts_and_the_same_script_resumes(script, tmp_path: Path) -> None:
    """SIGTERM (Slurm's notice) stops the run at a shot boundary with
    Preempted; the committed work stays in the store and a rerun completes
    it, still bit-identical."""
    path, ctx = script
    reference = _run(path, "-", "reproducible", tmp_path / "ref.json", ctx["env"])
    store = tmp_path / "store"
    err = _kill_mid_run(path, store, "reproducible", ctx["env"], sig=signal.SIGTERM)
    assert "preempted: " in err and "run the same script again to resume" in err
    assert _run(path, str(store), "reproducible", tmp_path / "resumed.json", ctx["env"]) == reference


def test_a_signal_between_two_runs_stops_before_the_next(tmp_path: Path) -> None:
    """SIGTERM while the sampler compiles or binds (no job's handler is
    installed then) must not kill the script: the next run is not started."""
    from qiskit import QuantumCircuit

    from qckpt.primitives import Preempted
    from qckpt.primitives.execution import CircuitRunner
    from qckpt.primitives.options import RunOptions

    qc = QuantumCircuit(1, 1)
    qc.x(0)
    qc.measure(0, 0)
    runner = CircuitRunner(RunOptions(seed=1, store=str(tmp_path)))
    before = signal.getsignal(signal.SIGTERM)
    with runner.preemptible():
        program = runner.program(qc)
        assert runner.run(program, 10, 1).counts == {"1": 10}
        os.kill(os.getpid(), signal.SIGTERM)
        with pytest.raises(Preempted, match="preempted: stopped between two runs; the committed work is in"):
            runner.run(program, 10, 2)
    assert signal.getsignal(signal.SIGTERM) is before
    assert len(list(tmp_path.iterdir())) == 1  # the second run never started
