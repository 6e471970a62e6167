"""The runtime with the stim backend: the same ledger, journal and store as
with qir-runner, a kill -9 in the middle, and exactly N shots at the end."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest

from runtime_helpers import QCKPT, ROOT, qckpt
from qckpt.runtime.execution.job import JobOptions, default_batch_size, fingerprint, start_run
from qckpt.runtime.execution.ledger import RunPlan
from qckpt.stim.memory import generated_memory_qasm
from qckpt.stim.program import PROGRAM_NAME

N = 12_000


@pytest.fixture
def memory(tmp_path):
    """A d=5 repetition-code memory, 20 rounds: deterministic without noise."""
    path = tmp_path / "rep5.qasm"
    path.write_text(generated_memory_qasm("repetition_code:memory", 5, 20))
    return path


def _wait_for_commits(store, proc, at_least: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        datasets = [d for d in os.listdir(store) if d.startswith("ds-")] if os.path.isdir(store) else []
        if len(datasets) >= at_least:
            return
        if proc.poll() is not None:
            raise AssertionError(f"the run ended before it was killed:\n{proc.stderr.read() if proc.stderr else ''}")
        time.sleep(0.05)
    raise AssertionError("no checkpoint was committed in time")


def test_killed_and_resumed_stim_run_has_exactly_n_shots(tmp_path, memory):
    store = tmp_path / "store"
    cmd = [*QCKPT, "run", str(memory), "--backend", "stim", "--store", str(store), "--shots", str(N), "--batch-size", "200", "--workers", "1", "--json"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _wait_for_commits(store, proc, 3)  # the plan and two batches at least
        time.sleep(0.2)  # and kill it somewhere in the middle of a batch
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    r = qckpt("inspect", store, "--json")
    assert r.returncode == 0, r.stderr
    done_before = json.loads(r.stdout)
    r = qckpt("resume", store, "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["status"] == "complete" and out["shots_done"] == N
    assert sum(out["counts"].values()) == N
    assert len(out["counts"]) == 1  # the noiseless memory is deterministic
    key = next(iter(out["counts"]))
    assert set(key.replace(" ", "")) == {"0"}
    # Boundary visits were journaled as with qir-runner: 20 rounds, each an algorithmic boundary.
    assert out["boundary_visits"] >= N * 20
    assert done_before, "inspect printed nothing"


def test_a_stim_run_under_the_runtime_survives_repeated_kills_and_matches_the_uninterrupted_histogram(tmp_path, memory):
    """The fault-injection knob kills the stim worker every 700 shots; the
    run still has N shots and, in reproducible mode, the very histogram of
    an uninterrupted run with the same seed."""
    from qckpt.pipeline import module_to_stim, qasm_to_module
    from qckpt.stim.noise import parse_noise

    program = module_to_stim(qasm_to_module(memory.read_text(), "rep5.qasm")).with_noise(parse_noise("0.01")).to_bytes()

    def run(name: str, **opts):
        plan = RunPlan(shots=N // 3, seed=4, batch_size=default_batch_size(N // 3), mode="reproducible", program_sha256=fingerprint(program), program_name=PROGRAM_NAME)
        return start_run(tmp_path / name, program, plan, JobOptions(workers=2, **opts))

    calm = run("calm")
    rough = run("rough", inject_kill_every=700)
    assert calm.status == rough.status == "complete"
    assert rough.killed_for_chaos > 0
    assert sum(rough.counts.values()) == N // 3
    assert len(calm.counts) > 10  # noisy: many outcomes
    assert rough.counts == calm.counts


def test_resume_uses_the_stored_backend_and_refuses_a_store_of_another_program(tmp_path, memory):
    store = tmp_path / "s"
    r = qckpt("run", memory, "--backend", "stim", "--store", store, "--shots", "2000", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["shots_done"] == 2000
    r = qckpt("resume", store, "--json")  # complete: nothing to do, and no qir-runner involved
    assert r.returncode == 0 and json.loads(r.stdout)["status"] == "complete"
    r = qckpt("run", memory, "--backend", "stim", "--noise", "0.01", "--store", store, "--shots", "2000")
    assert r.returncode == 1 and "already holds a run" in r.stderr
