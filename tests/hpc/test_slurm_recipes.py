"""The recipes of examples/slurm/ on a real one-node Slurm (slurmctld,
slurmd, munged from Debian's slurm-wlm; see slurm_cluster.sh): a job
preempted by a signal to its batch shell exits 75, requeues itself and
completes with exactly its shots; a job array and its merge job give the
histogram of one uninterrupted run, bit for bit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qckpt.runtime.execution.job import load_run
from qckpt.runtime.store import CheckpointStore

ROOT = Path(__file__).resolve().parents[2]
RECIPES = ROOT / "examples" / "slurm"
PROGRAM = ROOT / "examples" / "repeat_until_success.qasm"

pytestmark = pytest.mark.slurm


def ledger_of(store: Path):
    with CheckpointStore.open(store, readonly=True, create=False) as st:
        return load_run(st)[0]


def uninterrupted(tmp_path: Path, *args: str) -> dict:
    """The histogram of the same run, in one piece, outside Slurm."""
    r = subprocess.run(
        [sys.executable, "-m", "qckpt.cli", "run", str(PROGRAM), "--store", str(tmp_path / "whole"), *args, "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["counts"]


def shots_per_second(tmp_path: Path) -> float:
    """This machine's shots per second on one worker, now, start-up included, so never more than
    the run will see. (The difference of a 1,000- and a 9,000-shot run, start-up cancelled, once
    came out near zero in CI, where the first run paid a cold start: the rate it gave asked the
    job for 4 million shots, and the job ran on, preempted and requeued, for hours.)"""
    rates = []
    for i, shots in enumerate((500, 9000)):  # the first run only warms the caches
        t0 = time.monotonic()
        r = subprocess.run(
            [sys.executable, "-m", "qckpt.cli", "run", str(PROGRAM), "--store", str(tmp_path / f"rate-{i}"), "--shots", str(shots), "--workers", "1", "--json"],
            capture_output=True, text=True, timeout=300,
        )
        assert r.returncode == 0, r.stderr
        rates.append(shots / (time.monotonic() - t0))
    return rates[-1]


def wait_for_commits(store: Path, job: str, slurm_cluster, n: int = 2, timeout: float = 120) -> None:
    """Until the job's run has committed its plan and a batch (so a signal lands mid-run)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _datasets(store) >= n:
            return
        assert slurm_cluster.job(job)["JobState"] in ("PENDING", "RUNNING", "CONFIGURING"), slurm_cluster.job(job)
        time.sleep(0.1)
    raise AssertionError(f"job {job} committed no batch within {timeout:g} s")


def _datasets(store: Path) -> int:
    try:
        return sum(1 for d in os.listdir(store) if d.startswith("ds-"))
    except FileNotFoundError:
        return 0


def wait_while_it_progresses(slurm_cluster, job: str, store: Path, log: Path, stall: float = 240, cap: float = 1500) -> dict:
    """Until the job ends, for as long as it makes progress: a new commit in its store or a new start.

    A fixed deadline cannot tell a slow run from a stuck one: on a loaded CI machine the same
    run took over 400 s (each start of a preempted job loses its start-up and the time to the
    next time-limit check), where a quiet one takes about 60 s. A run that neither commits nor
    restarts for ``stall`` seconds is stuck, and the error shows where it stood."""
    start = last = time.monotonic()
    seen = None
    while True:
        info = slurm_cluster.job(job)
        if slurm_cluster.is_final(info):
            return info
        now_seen = (_datasets(store), info.get("Restarts"), info["JobState"])
        if now_seen != seen:
            seen, last = now_seen, time.monotonic()
        now = time.monotonic()
        if now - last > stall or now - start > cap:
            queue = slurm_cluster.run("squeue", "-o", "%i %T %M %R", check=False).stdout
            tail = log.read_text()[-3000:] if log.exists() else "(no log yet)"
            why = f"made no progress for {now - last:.0f} s" if now - last > stall else f"is still going after {now - start:.0f} s"
            raise AssertionError(
                f"job {job} {why}: {seen[0]} datasets committed, {seen[1]} restarts, state {seen[2]}\n"
                f"squeue:\n{queue}\nlog tail:\n{tail}\nlogs in {slurm_cluster.dir}"
            )
        time.sleep(0.5)


def test_the_cluster_runs_a_job(slurm_cluster, tmp_path):
    out = tmp_path / "hello.out"
    job = slurm_cluster.sbatch("--output", out, "--wrap", "echo hello from $SLURM_JOB_ID")
    assert slurm_cluster.wait(job, timeout=60)["JobState"] == "COMPLETED"
    assert out.read_text().strip() == f"hello from {job}"


def test_usr1_to_the_batch_shell_preempts_requeues_and_completes(slurm_cluster, tmp_path):
    shots, seed, batch = 16_000, 11, 500
    store, log = tmp_path / "store", tmp_path / "job.out"
    args = ["--shots", str(shots), "--seed", str(seed), "--batch-size", str(batch), "--mode", "reproducible", "--workers", "1"]
    job = slurm_cluster.sbatch("--output", log, RECIPES / "qckpt.sbatch", PROGRAM, store, *args, "--progress-every", "1", cwd=tmp_path)
    wait_for_commits(store, job, slurm_cluster)
    # what Slurm sends for --signal=B:USR1@N: the batch shell only
    slurm_cluster.run("scancel", "--batch", "--signal=USR1", job)
    info = slurm_cluster.wait(job, timeout=180)
    text = log.read_text()
    assert info["JobState"] == "COMPLETED" and int(info["Restarts"]) >= 1, (info, text)
    assert "preempted: " in text and f"requeueing job {job}" in text and "Traceback" not in text
    assert "progress " in text  # --progress auto is log lines in a Slurm job
    led = ledger_of(store)
    assert led.status == "complete" and led.shots_done == shots and sum(led.counts().values()) == shots
    assert led.sessions >= 2
    assert led.counts() == uninterrupted(tmp_path, *args)


def test_a_time_limit_warning_preempts_until_the_run_is_done(slurm_cluster, tmp_path):
    # --signal=B:USR1@55 with a one-minute limit: Slurm checks time limits every 30 s or so, so the
    # signal comes 5 to about 35 s into each start. The run is given about 50 s of work (measured
    # now): it is preempted at least once, and each start goes on where the last stopped until it
    # is done. If the machine got faster and the run ended before the signal, the test had no
    # preemption to check: it tries once more with three times the work.
    # Once in a whole-suite run the job ended FAILED with only Slurm's own "_handle_signal_container:
    # failed signal 18 ... No such process" in its log, and no qckpt output: most likely the warning
    # came while qckpt was still importing (SIGUSR1's default action ended it, exit 138). The
    # command now holds stop signals from its first line (qckpt/cli/early_signals.py, tested
    # deterministically in tests/runtime/test_stop_levels_shards.py). Until that is shown to be the
    # whole story, such a job is submitted again once, and a second one fails the test.
    shots = int(shots_per_second(tmp_path) * 50) // 1000 * 1000 + 1000
    slurm_side_failures = 0
    for attempt in range(3):
        store, log = tmp_path / f"store-{attempt}", tmp_path / f"job-{attempt}.out"
        args = ["--shots", str(shots), "--seed", "3", "--batch-size", "1000", "--workers", "1"]
        job = slurm_cluster.sbatch("--time=1", "--signal=B:USR1@55", "--output", log, RECIPES / "qckpt.sbatch", PROGRAM, store, *args, cwd=tmp_path)
        info = wait_while_it_progresses(slurm_cluster, job, store, log)
        text = log.read_text()
        if info["JobState"] == "FAILED" and "qckpt" not in text and slurm_side_failures == 0:
            slurm_side_failures += 1
            continue
        assert info["JobState"] == "COMPLETED", (info, text)
        led = ledger_of(store)
        assert led.status == "complete" and led.shots_done == shots and sum(led.counts().values()) == shots
        if int(info["Restarts"]) >= 1:
            break
        shots *= 3
    else:
        pytest.fail(f"no time-limit signal reached the run in two tries (the last had {shots // 3} shots)")
    assert text.count("preempted: ") == int(info["Restarts"]) and "Traceback" not in text


def test_a_stuck_job_is_told_from_a_slow_one(slurm_cluster, tmp_path):
    # the wait above must fail on a job that neither commits nor restarts, and say where it stood
    job = slurm_cluster.sbatch("--output", tmp_path / "stuck.out", "--wrap", "echo started; sleep 60", cwd=tmp_path)
    try:
        with pytest.raises(AssertionError, match=r"made no progress for \d+ s: 0 datasets committed, 0 restarts, state RUNNING"):
            wait_while_it_progresses(slurm_cluster, job, tmp_path / "no-store", tmp_path / "stuck.out", stall=3)
    finally:
        slurm_cluster.run("scancel", job, check=False)


def test_a_job_array_and_its_merge_give_the_uninterrupted_histogram(slurm_cluster, tmp_path):
    shots, seed, batch = 6000, 21, 250
    store = tmp_path / "run"
    args = ["--shots", str(shots), "--seed", str(seed), "--batch-size", str(batch), "--mode", "reproducible", "--workers", "1"]
    env_out = tmp_path / "submit.out"
    r = subprocess.run(["bash", str(RECIPES / "submit_array.sh"), "4", str(PROGRAM), str(store), *args], capture_output=True, text=True, env=slurm_cluster.env, cwd=tmp_path, timeout=60)
    assert r.returncode == 0, r.stderr
    env_out.write_text(r.stdout)
    words = r.stdout.split()
    array, merge = words[2], words[words.index("merge") + 2].rstrip(":")
    assert all(t["JobState"] == "COMPLETED" for t in _tasks(slurm_cluster, array))
    info = slurm_cluster.wait(merge, timeout=120)
    assert info["JobState"] == "COMPLETED", info
    merged = ledger_of(store / "merged")
    assert merged.status == "complete" and merged.plan.shard == (0, 1) and merged.shots_done == shots
    for i in range(4):
        assert ledger_of(store / f"shard-{i}").plan.shard == (i, 4)
    assert merged.counts() == uninterrupted(tmp_path, *args)
    out = json.loads((tmp_path / f"qckpt-qckpt-merge-{merge}.out").read_text())
    assert out["counts"] == merged.counts()


def _tasks(slurm_cluster, array: str) -> list[dict]:
    slurm_cluster.wait(array, timeout=240)
    return slurm_cluster.jobs(array)
