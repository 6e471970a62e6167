"""Stop signals (SIGINT, SIGTERM, SIGUSR1, repeated), the two store levels,
shards and their merge, and progress for batch logs: the runtime as a real
subprocess on qir-runner, checked against the bytes of its store."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from runtime_helpers import QCKPT, ROOT, qckpt

from qckpt.diagnostics import QckptError
from qckpt.runtime.execution.job import JobOptions, fingerprint, start_run
from qckpt.runtime.execution.ledger import Ledger, RunPlan
from qckpt.runtime.execution.progress import ProgressLog, make_progress
from qckpt.runtime.execution.shards import merge_stores, parse_shard
from qckpt.runtime.store import CheckpointStore


def committed(store: Path) -> Ledger:
    with CheckpointStore.open(store, readonly=True, create=False) as st:
        return Ledger.from_bytes(st.start_restart().read("ledger"))


def start(program: Path, store: Path, *extra: str, shots: int = 5000, seed: int = 5, batch: int = 250, mode: str = "resume") -> subprocess.Popen:
    return subprocess.Popen(
        [*QCKPT, "run", str(program), "--shots", str(shots), "--seed", str(seed), "--store", str(store), "--batch-size", str(batch), "--mode", mode, *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )


def wait_for_batches(store: Path, proc: subprocess.Popen, n: int = 2, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        if store.exists() and len([d for d in os.listdir(store) if d.startswith("ds-")]) >= n:
            return
        time.sleep(0.02)
    raise AssertionError("no batch committed")


def printed_shots(err: str) -> int:
    m = re.search(r"(\d+) of (\d+) shots are committed", err)
    assert m, err
    return int(m[1])


def inspect(store: Path) -> dict:
    r = qckpt("inspect", store, "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


# -- signals ------------------------------------------------------------------------------------


def test_ctrl_c_commits_says_interrupted_and_how_to_resume(tmp_path, programs):
    store = tmp_path / "store"
    proc = start(programs["loop"], store)
    wait_for_batches(store, proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.count("interrupted: ") == 1 and f"continue with 'qckpt resume {store}'" in err and "Traceback" not in err
    led = committed(store)
    assert led.status == "interrupted" and printed_shots(err) == led.shots_done > 0
    info = inspect(store)
    assert info["run"]["status"] == "interrupted" and info["run"]["shots_committed"] == led.shots_done
    assert info["journal"]["uncommitted_shots"] == 0
    r = qckpt("resume", store, "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["shots_done"] == 5000, r.stderr


@pytest.mark.parametrize("first,second", [(signal.SIGTERM, signal.SIGTERM), (signal.SIGUSR1, signal.SIGINT), (signal.SIGINT, signal.SIGTERM)])
def test_two_signals_stop_at_once_and_what_is_printed_is_what_is_committed(tmp_path, programs, first, second):
    store = tmp_path / "store"
    proc = start(programs["loop"], store, shots=200_000, batch=1000)
    wait_for_batches(store, proc)
    t0 = time.monotonic()
    proc.send_signal(first)
    time.sleep(0.05)
    proc.send_signal(second)
    _, err = proc.communicate(timeout=60)
    status = "interrupted" if first == signal.SIGINT else "preempted"
    assert proc.returncode == (130 if first == signal.SIGINT else 75), err
    assert time.monotonic() - t0 < 10  # stopped at once (a batch of 1000 shots takes longer)
    led = committed(store)
    assert led.status == status and printed_shots(err) == led.shots_done
    info = inspect(store)
    assert info["run"]["status"] == status and info["run"]["shots_committed"] == led.shots_done
    assert info["journal"]["uncommitted_shots"] == 0 and all(d["checksums_ok"] for d in info["datasets"])


def test_a_killed_run_shows_interrupted_not_running(tmp_path, programs):
    store = tmp_path / "store"
    proc = start(programs["loop"], store)
    wait_for_batches(store, proc)
    assert inspect(store)["run"]["status"] == "running"  # while it runs
    proc.kill()
    proc.communicate(timeout=60)
    info = inspect(store)
    assert info["run"]["status"] == "interrupted"
    assert any("process is gone" in n for n in info["notes"])


def test_a_signal_before_the_loop_starts_is_not_lost(tmp_path, programs):
    # Sent while the OpenQASM program compiles: the run commits its plan, stops at once, exits 75.
    store = tmp_path / "store"
    proc = subprocess.Popen(
        [*QCKPT, "run", str(ROOT / "examples" / "repeat_until_success.qasm"), "--shots", "1000", "--seed", "1", "--store", str(store)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not _imported_qckpt_runtime(proc.pid):
        time.sleep(0.01)
    proc.send_signal(signal.SIGUSR1)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 75, err
    assert committed(store).status == "preempted" and printed_shots(err) == committed(store).shots_done


def _signalled_during_start_up(signum: int, *argv: str) -> subprocess.CompletedProcess:
    """The qckpt command, sent ``signum`` by itself while it starts: after
    the console entry point began, before the command line is parsed (where
    a Slurm time-limit warning lands when a job starts on a loaded node)."""
    code = (
        "import os, sys\n"
        "import qckpt.cli as cli\n"
        "build = cli.build_parser\n"
        "def build_after_a_signal():\n"
        f"    os.kill(os.getpid(), {int(signum)})\n"
        "    return build()\n"
        "cli.build_parser = build_after_a_signal\n"
        f"sys.argv = ['qckpt', *{list(argv)!r}]\n"
        "sys.exit(cli.main())\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("signum", [signal.SIGUSR1, signal.SIGTERM])
def test_a_stop_signal_during_start_up_preempts_the_run(tmp_path, signum):
    store = tmp_path / "store"
    r = _signalled_during_start_up(signum, "run", str(ROOT / "examples" / "repeat_until_success.qasm"), "--shots", "1000", "--seed", "1", "--store", str(store))
    assert r.returncode == 75, (r.returncode, r.stderr)
    assert committed(store).status == "preempted" and "Traceback" not in r.stderr
    again = qckpt("resume", store, "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["shots_done"] == 1000, again.stderr


def test_other_commands_still_end_on_a_start_up_signal(tmp_path):
    r = _signalled_during_start_up(signal.SIGTERM, "convert", str(ROOT / "examples" / "teleport.qasm"), "-o", str(tmp_path / "t.ll"))
    assert r.returncode == -signal.SIGTERM, (r.returncode, r.stderr)
    assert not (tmp_path / "t.ll").exists()


def _imported_qckpt_runtime(pid: int) -> bool:
    """True once the process has installed its handlers (its signal mask says SIGUSR1 is caught)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            caught = int(next(line for line in f if line.startswith("SigCgt:")).split()[1], 16)
    except (OSError, StopIteration):
        return False
    return bool(caught & (1 << (signal.SIGUSR1 - 1)))


# -- two levels ----------------------------------------------------------------------------------


def test_two_levels_hint_names_both_and_the_persistent_level_alone_resumes(tmp_path, programs):
    fast, pers = tmp_path / "node-local" / "store", tmp_path / "pfs" / "store"
    proc = start(programs["loop"], fast, "--persistent", str(pers), "--flush-every", "4", mode="reproducible")
    wait_for_batches(fast, proc)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 75, err
    assert f"in {fast} and in its persistent level {pers}" in err and f"'qckpt resume {pers}' if {fast} is lost" in err
    done = committed(fast).shots_done
    assert committed(pers).shots_done == done and committed(pers).status == "preempted"  # the last commit is flushed
    info = inspect(fast)
    assert info["run"]["levels"] == {"fast": str(fast), "persistent": str(pers)}
    shutil.rmtree(tmp_path / "node-local")  # the node and its local storage are gone
    r = qckpt("resume", fast)
    assert r.returncode == 1 and "no checkpoint store there" in r.stderr and "qckpt resume PERSISTENT_DIR" in r.stderr
    r = qckpt("resume", pers, "--json")
    assert r.returncode == 0, r.stderr
    assert f"the fast level {fast} was lost" in r.stderr
    assert json.loads(r.stdout)["counts"] == _whole(tmp_path, programs["loop"], 5000, 5, 250)
    assert committed(fast).status == committed(pers).status == "complete"


def test_resume_of_the_fast_level_finds_the_persistent_one(tmp_path, programs):
    fast, pers = tmp_path / "fast", tmp_path / "pers"
    proc = start(programs["loop"], fast, "--persistent", str(pers))
    wait_for_batches(fast, proc)
    proc.send_signal(signal.SIGUSR1)
    proc.communicate(timeout=60)
    r = qckpt("resume", fast, "--json")  # no --persistent: the store knows
    assert r.returncode == 0 and json.loads(r.stdout)["persistent"] == str(pers), r.stderr
    assert committed(pers).status == "complete"


def _whole(tmp_path: Path, program: Path, shots: int, seed: int, batch: int) -> dict:
    plan = RunPlan(shots=shots, seed=seed, batch_size=batch, mode="reproducible", program_sha256=fingerprint(program.read_bytes()))
    res = start_run(tmp_path / f"whole-{shots}-{seed}-{batch}", program.read_bytes(), plan, JobOptions(workers=2))
    assert res.status == "complete"
    return res.counts


# -- shards and merge ----------------------------------------------------------------------------


def _shard(tmp_path: Path, program: Path, i: int, n: int, shots=1100, seed=9, batch=100, mode="reproducible", name=None) -> Path:
    store = tmp_path / (name or f"shard-{i}")
    plan = RunPlan(shots=shots, seed=seed, batch_size=batch, mode=mode, program_sha256=fingerprint(program.read_bytes()), shard=(i, n))
    res = start_run(store, program.read_bytes(), plan, JobOptions(workers=1))
    assert res.status == "complete" and res.ledger.shots_done == plan.target_shots
    return store


def test_shards_cover_the_batch_plan_and_merge_to_the_whole_run_bit_for_bit(tmp_path, programs):
    p = RunPlan(shots=1100, seed=9, batch_size=100, mode="reproducible", program_sha256="x", shard=(0, 3))
    plans = [RunPlan(**{**p.__dict__, "shard": (i, 3)}) for i in range(3)]
    assert [list(q.shard_batches) for q in plans] == [[0, 1, 2], [3, 4, 5, 6], [7, 8, 9, 10]]
    assert [q.target_shots for q in plans] == [300, 400, 400]
    stores = [_shard(tmp_path, programs["rus"], i, 3) for i in range(3)]
    out = tmp_path / "merged"
    r = qckpt("merge", *stores, "-o", out, "--json")
    assert r.returncode == 0, r.stderr
    merged = committed(out)
    assert merged.status == "complete" and merged.plan.shard == (0, 1) and merged.shots_done == 1100
    assert json.loads(r.stdout)["counts"] == merged.counts() == _whole(tmp_path, programs["rus"], 1100, 9, 100)
    info = inspect(out)
    assert info["run"]["status"] == "complete" and info["run"]["counts"] == merged.counts()


def test_merge_refuses_what_is_not_one_run(tmp_path, programs):
    s0, s1 = _shard(tmp_path, programs["rus"], 0, 2), _shard(tmp_path, programs["rus"], 1, 2)
    other_seed = _shard(tmp_path, programs["rus"], 1, 2, seed=10, name="seed10")
    other_prog = _shard(tmp_path, programs["loop"], 1, 2, name="loop")
    other_batch = _shard(tmp_path, programs["rus"], 1, 2, batch=50, name="batch50")
    cases = [
        ([s0], "shard(s) 1/2 missing"),
        ([s0, s0], "are the same shard 0/2"),
        ([s0, other_seed], "different seeds (10 and 9)"),
        ([s0, other_prog], "different programs"),
        ([s0, other_batch], "different batch sizes (50 and 100)"),
        ([s0, tmp_path / "nothing"], "is not a qckpt checkpoint store"),
    ]
    for stores, why in cases:
        r = qckpt("merge", *stores, "-o", tmp_path / "out")
        assert r.returncode == 1 and why in r.stderr and len(r.stderr.strip().splitlines()) == 1, (why, r.stderr)
    assert not (tmp_path / "out").exists()
    r = qckpt("merge", s0, s1, "-o", s0)
    assert r.returncode == 1 and "is not empty" in r.stderr


def test_merge_refuses_an_unfinished_shard(tmp_path, programs):
    s1 = tmp_path / "s1"
    proc = start(programs["loop"], s1, "--shard", "0/1", shots=5000, batch=250, seed=9)
    wait_for_batches(s1, proc)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    with pytest.raises(QckptError, match=r"is not complete \(status preempted, \d+ of 5000 shots\): resume it first"):
        merge_stores([str(s1)], str(tmp_path / "out"))


def test_shard_auto_reads_the_slurm_array_task():
    env = {"SLURM_ARRAY_TASK_ID": "6", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_STEP": "1"}
    assert parse_shard("auto", env) == (1, 4)
    assert parse_shard("auto", {**env, "SLURM_ARRAY_TASK_ID": "9", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_MIN": "3"}) == (3, 4)
    assert parse_shard("2/3") == (2, 3)
    for bad, msg in (("3/3", "I must be in 0..N-1"), ("x", "wants I/N"), ("auto", "SLURM_ARRAY_TASK_ID is not set")):
        with pytest.raises(QckptError, match=msg):
            parse_shard(bad, {})
    with pytest.raises(QckptError, match="would leave some empty"):
        RunPlan(shots=10, seed=1, batch_size=5, mode="resume", program_sha256="x", shard=(0, 3))


# -- progress --------------------------------------------------------------------------------------


def test_progress_log_writes_a_plain_line_every_interval():
    now = [0.0]
    buf = io.StringIO()
    p = ProgressLog(every=30, stream=buf, clock=lambda: now[0])
    for t, done in ((0, 0), (10, 100), (29, 290), (31, 310), (45, 450), (62, 620)):
        now[0] = t
        p.update(done, 1000, 3, 1)
    p.close()
    lines = buf.getvalue().splitlines()
    assert [int(line.split(": ")[1].split()[0]) for line in lines] == [0, 310, 620]
    assert "620 of 1000 shots (62.0%), 3 checkpoints, 1 failures survived" in lines[-1] and "\x1b" not in buf.getvalue()
    assert isinstance(make_progress("auto", stream=io.StringIO(), environ={"SLURM_JOB_ID": "7"}), ProgressLog)
    assert make_progress("auto", stream=io.StringIO(), environ={}) is None
    assert make_progress("none") is None


def test_progress_log_rate_counts_only_the_shots_of_this_start():
    now = [0.0]
    buf = io.StringIO()
    p = ProgressLog(every=30, stream=buf, clock=lambda: now[0])
    for t, done in ((0, 50_000), (40, 54_000)):  # resumed with 50,000 committed; 100 shots/s since
        now[0] = t
        p.update(done, 100_000, 3, 0)
    lines = buf.getvalue().splitlines()
    assert lines[0].endswith(", 0 s, 0 shots/s") and lines[1].endswith(", 40 s, 100 shots/s"), lines


def test_progress_log_in_a_real_run(tmp_path, programs):
    r = qckpt("run", programs["rus"], "--shots", "2000", "--seed", "1", "--store", tmp_path / "s", "--progress", "log", "--progress-every", "0.2")
    assert r.returncode == 0, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.startswith("progress ")]
    assert lines and "2000 of 2000 shots (100.0%)" in lines[-1]


def test_a_two_level_store_records_both_levels_and_flushes_a_forced_commit(tmp_path):
    fast, pers = tmp_path / "fast", tmp_path / "pers"
    with CheckpointStore.open(fast, fingerprint="f" * 64, persistent=pers, flush_every=4) as st:
        w = st.start_output("one")
        w.write("x", b"1")
        assert w.complete().levels == ("fast",)  # id 1: not a multiple of 4
        w = st.start_output("last")
        w.write("x", b"2")
        assert w.complete(flush=True).levels == ("fast", "persistent")
    for level in (fast, pers):
        header = json.loads((level / "qckpt-store.json").read_bytes())
        assert header["levels"] == {"fast": str(fast), "persistent": str(pers)}
    with CheckpointStore.open(pers, create=False) as st:  # the header's seal still holds
        assert st.start_restart().read("x") == b"2" and st.recorded_levels["fast"] == str(fast)
