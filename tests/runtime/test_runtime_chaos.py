"""Chaos: the runtime killed with SIGKILL, preempted, its backend killed
mid-shot, its newest checkpoint damaged, its disk failing. Every time: exactly
N shots in the end, none lost or counted twice, the store valid, and in
``reproducible`` mode the histogram bit-identical to an uninterrupted run.

Bounded for CI (about a minute on 2 cores); ``benchmarks/runtime_chaos.py``
(``make test-full``) does the long version with at least 100 kills."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
import stats
from runtime_helpers import QCKPT, ROOT, alive, children_of, qckpt

from qckpt.diagnostics import QckptError
from qckpt.runtime.execution.job import JobOptions, fingerprint, resume_run, start_run
from qckpt.runtime.execution.ledger import Ledger, RunPlan
from qckpt.runtime.store import CheckpointStore
from qckpt.testing.faulty_os import FaultyOs, FaultyStorage, SimulatedCrash, faults_for
from qckpt.testing.runtime_kills import kill_runtime_round


def uninterrupted(tmp_path: Path, program: Path, shots: int, seed: int, batch: int, mode: str = "reproducible") -> dict[str, int]:
    plan = RunPlan(shots=shots, seed=seed, batch_size=batch, mode=mode, program_sha256=fingerprint(program.read_bytes()))
    res = start_run(tmp_path / f"clean-{mode}-{shots}-{seed}", program.read_bytes(), plan, JobOptions(workers=2))
    assert res.status == "complete"
    return res.counts


def final_ledger(store: Path) -> Ledger:
    with CheckpointStore.open(store, readonly=True, create=False) as st:
        return Ledger.from_bytes(st.start_restart().read("ledger"))


def check_accounting(led: Ledger, shots: int) -> None:
    """Exactly N shots: every batch finished once (the ledger refuses a shot
    beyond a batch's own count), and the histogram holds them all."""
    assert led.status == "complete"
    assert led.done == set(range(led.plan.batches)) and led.batches == {}
    assert sum(led.counts().values()) == led.shots_done == shots


# -- kill -9 the runtime ---------------------------------------------------------------------


@pytest.mark.parametrize("mode, kills", [("reproducible", 7), ("resume", 6)])
def test_kill_9_the_runtime_at_random_moments_and_resume(tmp_path, programs, mode, kills):
    shots, seed, batch = 12000, 77, 500
    store = tmp_path / "store"
    rounds = kill_runtime_round(
        [*QCKPT, "run", str(programs["loop"]), "--shots", str(shots), "--seed", str(seed), "--store", str(store), "--batch-size", str(batch), "--mode", mode, "--sync-interval", "0.05", "--json"],
        store,
        kills=kills,
        rng=random.Random(len(mode)),
        cwd=ROOT,
        delay=(0.1, 0.5),  # the kills' total stays well below the run's length, even on an idle machine
    )
    assert rounds.kills == kills
    assert rounds.orphans == [], "qir-runner processes outlived a SIGKILLed runtime"
    assert rounds.final.returncode == 0, rounds.final.stderr
    out = json.loads(rounds.final.stdout)
    led = final_ledger(store)
    check_accounting(led, shots)
    assert out["counts"] == led.counts()
    if mode == "reproducible":
        assert led.counts() == uninterrupted(tmp_path, programs["loop"], shots, seed, batch)
    assert rounds.mid_run >= kills // 2  # most kills landed while shots were running (the others during start-up)


# -- preemption ---------------------------------------------------------------------------------


def _wait_for_progress(store: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Until the run has committed a batch (so a signal lands mid-run)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        if len([d for d in os.listdir(store) if d.startswith("ds-")]) >= 2 if store.exists() else False:
            return
        time.sleep(0.02)
    raise AssertionError("no batch committed")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGUSR1])
def test_preemption_commits_exits_75_and_resume_completes(tmp_path, programs, signum):
    shots, seed, batch = 5000, 5, 250
    store = tmp_path / "store"
    proc = subprocess.Popen(
        [*QCKPT, "run", str(programs["loop"]), "--shots", str(shots), "--seed", str(seed), "--store", str(store), "--batch-size", str(batch), "--mode", "reproducible"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    _wait_for_progress(store, proc)
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 75, err
    assert "preempted:" in err and f"qckpt resume {store}" in err and "Traceback" not in err
    led = final_ledger(store)
    assert led.status == "preempted" and 0 < led.shots_done < shots
    assert led.batches == {} and led.done  # reproducible: only whole batches are kept
    r = qckpt("resume", store, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["counts"] == uninterrupted(tmp_path, programs["loop"], shots, seed, batch)


def test_a_second_signal_stops_at_once_and_the_store_stays_valid(tmp_path, programs):
    shots, seed, batch = 5000, 6, 250
    store = tmp_path / "store"
    # a backend that ignores the first kill long enough for both signals to arrive is not needed:
    # the runtime acts on the second signal before it would reach the next shot end of a slow shot
    proc = subprocess.Popen(
        [*QCKPT, "run", str(programs["loop"]), "--shots", str(shots), "--seed", str(seed), "--store", str(store), "--batch-size", str(batch), "--mode", "resume"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    _wait_for_progress(store, proc)
    kids = children_of(proc.pid)
    proc.send_signal(signal.SIGTERM)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 75 and "Traceback" not in err
    assert not any(alive(k) for k in kids)
    with CheckpointStore.open(store, create=False) as st:  # opens (the lock was released), restarts from an intact dataset
        assert st.start_restart().skipped == []
    r = qckpt("resume", store, "--json")
    assert r.returncode == 0, r.stderr
    check_accounting(final_ledger(store), shots)


# -- the backend killed mid-shot while the runtime lives ----------------------------------------


@pytest.mark.comparisons(1)
def test_sigkill_qir_runner_mid_shot_many_times(tmp_path, programs):
    shots, seed = 10_000, 2024
    store = tmp_path / "store"
    proc = subprocess.Popen(
        [*QCKPT, "run", str(programs["loop"]), "--shots", str(shots), "--seed", str(seed), "--store", str(store), "--batch-size", "500", "--policy", "max-failures=1000,batch-retries=100,backoff=0.01", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    rng = random.Random(3)
    kills = 0
    while proc.poll() is None and kills < 30:
        time.sleep(rng.uniform(0.03, 0.12))
        kids = [k for k in children_of(proc.pid) if alive(k)]
        if kids:
            try:
                os.kill(rng.choice(kids), signal.SIGKILL)
                kills += 1
            except ProcessLookupError:
                pass
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    res = json.loads(out)
    assert kills >= 20, "the run ended before the test could kill qir-runner often enough"
    # every kill that reached a live qir-runner is a failure the runtime detected and survived
    assert 0.8 * kills <= res["failures_survived"] <= kills
    assert {f["kind"] for f in res["failures"]} <= {"signal", "torn-shot"}
    check_accounting(final_ledger(store), shots)
    # torn shots resume from their last complete boundary visit (restoration's resume binding): the quantum
    # work run again (visits after that one, and whole shots cut before any visit) is less than starting
    # those shots over would cost (every visit they had made)
    assert res["resumed_shots"] >= 5 and res["saved_visits"] >= res["resumed_shots"]
    redo, restart_cost = res["lost_visits"], res["saved_visits"] + res["lost_visits"]
    assert redo < restart_cost
    ref = uninterrupted(tmp_path, programs["loop"], shots, seed + 1, 500, mode="resume")
    stats.assert_same_distribution(res["counts"], ref)


# -- a damaged newest checkpoint -----------------------------------------------------------------


def _stopped_run(tmp_path: Path, program: Path, shots: int, seed: int, batch: int) -> Path:
    """A reproducible run that stopped (gave up) after several commits."""
    from runtime_helpers import fake_backend

    from qckpt.runtime.execution.executor import QirRunnerExecutor
    from qckpt.runtime.execution.policy import FailurePolicy

    body = (
        "import fcntl\n"
        f"f = open({str(tmp_path / 'n')!r}, 'a+'); fcntl.flock(f, fcntl.LOCK_EX); f.seek(0); k = len(f.read()); f.write('x'); f.close()\n"
        "if k >= 4: sys.exit(9)\n"
        "os.execv(REAL, [REAL, *ARGS])\n"
    )
    plan = RunPlan(shots=shots, seed=seed, batch_size=batch, mode="reproducible", program_sha256=fingerprint(program.read_bytes()))
    store = tmp_path / "store"
    res = start_run(store, program.read_bytes(), plan, JobOptions(workers=1, executor=QirRunnerExecutor(fake_backend(tmp_path, "dies", body)), policy=FailurePolicy(max_failures=0)))
    assert res.status == "failed" and res.ledger.shots_done == 4 * batch
    return store


@pytest.mark.parametrize("damage", ["flip-ledger", "flip-program", "truncate-ledger", "delete-manifest", "flip-manifest"])
def test_a_damaged_newest_dataset_is_skipped_reported_and_the_run_resumes(tmp_path, programs, damage):
    shots, seed, batch = 1200, 13, 100
    store = _stopped_run(tmp_path, programs["rus"], shots, seed, batch)
    with CheckpointStore.open(store, readonly=True, create=False) as st:
        newest = max(d.id for d in st.datasets())
    ds = store / f"ds-{newest:06d}"
    what, _, obj = damage.partition("-")
    path = ds / {"ledger": "ledger", "program": "program", "manifest": "MANIFEST.json"}[obj]
    data = bytearray(path.read_bytes())
    if what == "flip":
        data[len(data) // 2] ^= 0x40
        path.write_bytes(bytes(data))
    elif what == "truncate":
        path.write_bytes(bytes(data[: len(data) // 3]))
    else:
        path.unlink()
    ins = json.loads(qckpt("inspect", store, "--json").stdout)
    assert ins["restart_from"] == newest - 1
    assert any(f"skipped dataset {newest}" in n for n in ins["notes"])
    r = qckpt("resume", store, "--json")
    assert r.returncode == 0, r.stderr
    assert f"note: skipped dataset {newest}:" in r.stderr
    assert json.loads(r.stdout)["counts"] == uninterrupted(tmp_path, programs["rus"], shots, seed, batch)
    check_accounting(final_ledger(store), shots)


# -- a failing disk under the store ----------------------------------------------------------------


class FaultAtCommit(FaultyStorage):
    """Arms its fault when the n-th batch of writes begins (1: creating the
    store, 2: the plan, 3 and on: batch commits and the last one): how many
    commits a run makes depends on timing (a commit waiting behind another
    is replaced by the newer one), what one commit does does not."""

    def __init__(self, root, commit: int, step: int, fault: str):
        super().__init__(root)
        self.starts: list[int] = []
        self.arm_at = (commit, step, fault)

    def write_many(self, items):
        self.starts.append(len(self.faults.trace))
        n, step, fault = self.arm_at
        if len(self.starts) == n:
            self.faults.arm(step, fault)
        return super().write_many(items)


@pytest.fixture(scope="module")
def commit_steps(tmp_path_factory, programs) -> dict[int, list]:
    """The store's system calls in the plan's commit (2) and the first batch commit (3)."""
    program = programs["rus"]
    plan = RunPlan(shots=800, seed=21, batch_size=100, mode="reproducible", program_sha256=fingerprint(program.read_bytes()))
    st = FaultAtCommit(tmp_path_factory.mktemp("trace") / "store", 0, 0, "eio")
    st.faults.record()
    start_run(st, program.read_bytes(), plan, JobOptions(workers=2))
    trace = st.faults.trace
    return {n: trace[st.starts[n - 1] : st.starts[n]] for n in (2, 3)}


@pytest.mark.parametrize("fault", ["enospc", "eio", "short-enospc", "crash"])
@pytest.mark.parametrize("commit, where", [(2, 0.5), (3, 0.05), (3, 0.5), (3, 0.95)])
def test_a_failing_disk_during_a_run_is_a_clear_error_and_the_store_stays_valid(tmp_path, programs, commit_steps, fault, commit, where):
    shots, seed, batch = 800, 21, 100
    program = programs["rus"]
    plan = RunPlan(shots=shots, seed=seed, batch_size=batch, mode="reproducible", program_sha256=fingerprint(program.read_bytes()))
    steps = commit_steps[commit]
    fit = [k for k, st in enumerate(steps) if fault in faults_for(st.op)]
    step = fit[int(where * (len(fit) - 1))]
    store = tmp_path / "store"
    storage = FaultAtCommit(store, commit, step, fault)
    with pytest.raises((QckptError, SimulatedCrash)) as e:
        start_run(storage, program.read_bytes(), plan, JobOptions(workers=2))
    fired = storage.faults.fired
    assert fired is not None and fired.op == steps[step].op, (fired, steps[step])
    if fault != "crash":
        msg = e.value.message
        assert "\n" not in msg and ("No space left" in msg or "Input/output error" in msg), msg
    # valid afterwards: it opens, and a resume on a healthy disk finishes the run bit-identically
    started = (store / "qckpt-store.json").exists()
    if started:
        with CheckpointStore.open(store, readonly=True) as st:
            started = bool(st.datasets())
    if started:
        res = resume_run(store, JobOptions(workers=2))
    else:  # it failed before the plan was committed: the same command starts again in the same directory
        res = start_run(store, program.read_bytes(), plan, JobOptions(workers=2))
    assert res.status == "complete"
    assert not any(n.startswith("skipped") for n in res.notes), res.notes
    assert res.counts == uninterrupted(tmp_path, program, shots, seed, batch)
