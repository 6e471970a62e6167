"""The runtime on real qir-runner runs: batches and their seeds, the ledger
and journal, the failure policy, and the CLI (run --store, resume, inspect)."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest
from runtime_helpers import fake_backend, qckpt

from qckpt.diagnostics import QckptError
from qckpt.runtime.execution import failures
from qckpt.runtime.execution.executor import QirRunnerExecutor
from qckpt.runtime.execution.failures import Failure
from qckpt.runtime.execution.job import JobOptions, default_batch_size, fingerprint, resume_run, start_run
from qckpt.runtime.execution.ledger import Ledger, RunPlan, apply_journal, decode_frames, derive_seed, session_frame, shot_frame
from qckpt.runtime.execution.policy import FailurePolicy, PolicyEngine, parse_policy
from qckpt.runtime.qir_runner import run_qir
from qckpt.runtime.restore.shot_resume import StartOver
from qckpt.runtime.store import CheckpointStore


def plan_for(program: Path, shots: int, seed: int, batch: int, mode: str = "reproducible") -> RunPlan:
    return RunPlan(shots=shots, seed=seed, batch_size=batch, mode=mode, program_sha256=fingerprint(program.read_bytes()))


def run(tmp_path: Path, program: Path, shots=600, seed=5, batch=100, mode="reproducible", name="store", **opts):
    opts.setdefault("workers", 2)
    return start_run(tmp_path / name, program.read_bytes(), plan_for(program, shots, seed, batch, mode), JobOptions(**opts))


# -- seeds and batches ---------------------------------------------------------


def test_seed_derivation_is_pinned():
    # the derivation is part of the format (docs/runtime.md): changing it changes every reproducible histogram
    assert derive_seed(7, "batch", 0) == int.from_bytes(__import__("hashlib").sha256(b"qckpt-seed-v1:7:batch:0").digest()[:8], "little") >> 1
    assert len({derive_seed(7, "batch", b) for b in range(1000)}) == 1000
    assert all(0 <= derive_seed(s, "batch", 3) < 2**63 for s in range(50))
    p = RunPlan(shots=10, seed=7, batch_size=4, mode="resume", program_sha256="x")
    assert (p.batches, [p.batch_shots(b) for b in range(3)]) == (3, [4, 4, 2])
    assert p.attempt_seed(1, 0, 0) == p.batch_seed(1) != p.attempt_seed(1, 0, 1) != p.attempt_seed(1, 1, 0)
    assert default_batch_size(10_000) == 625 and default_batch_size(5) == 1 and default_batch_size(10**6) == 1000


def test_each_batch_is_a_qir_runner_run_with_its_derived_seed(tmp_path, programs):
    res = run(tmp_path, programs["rus"], shots=250, batch=100)
    assert res.status == "complete" and res.ledger.shots_done == 250 and res.ledger.done == {0, 1, 2}
    want: Counter = Counter()
    for b, n in ((0, 100), (1, 100), (2, 50)):
        want.update(run_qir(programs["rus-start"], shots=n, seed=derive_seed(5, "batch", b)).counts)
    assert res.counts == dict(want) and sum(res.counts.values()) == 250
    # at most one commit per batch but the last, whose commit is the final one ("complete"); a commit
    # still waiting when the next batch finishes is replaced by the newer one
    assert 1 <= res.commits <= 3


def test_histogram_does_not_depend_on_workers_or_mode_when_nothing_fails(tmp_path, programs):
    a = run(tmp_path, programs["rus"], workers=1, name="a")
    b = run(tmp_path, programs["rus"], workers=3, name="b")
    c = run(tmp_path, programs["rus"], mode="resume", name="c")
    assert a.counts == b.counts == c.counts


def test_a_store_with_a_run_resumes_that_run_and_refuses_another(tmp_path, programs):
    first = run(tmp_path, programs["rus"], shots=10, batch=5)
    again = run(tmp_path, programs["rus"], shots=10, batch=5)  # a requeued job repeating its command
    assert again.status == "complete" and again.counts == first.counts and again.commits == 0
    assert any("already holds this run: resuming it" in n for n in again.notes)
    with pytest.raises(QckptError, match=r"already holds a run with another plan \(seed 5 \(not 6\)\): continue it with 'qckpt resume"):
        run(tmp_path, programs["rus"], shots=10, batch=5, seed=6)
    with pytest.raises(QckptError, match="already holds a run of another program"):
        run(tmp_path, programs["loop"], shots=10, batch=5)


# -- ledger and journal ----------------------------------------------------------


def test_journal_replay_adds_only_shots_the_ledger_lacks():
    plan = RunPlan(shots=10, seed=1, batch_size=5, mode="resume", program_sha256="x")
    led = Ledger(plan)
    for seq in range(2):
        led.add(0, "0.0", "1", 1)
    frames = [session_frame(0)] + [shot_frame(0, 0, 0, q, 1, "1") for q in range(4)]  # seq 0, 1 are committed already
    frames += [shot_frame(1, 0, 0, 0, 0, "0"), shot_frame(1, 0, 0, 2, 0, "0")]  # a gap after seq 0: seq 2 is not trusted
    sessions, shots = decode_frames(frames)
    assert sessions == 1
    assert apply_journal(led, shots) == 3
    assert led.batches[0].done == 4 and led.batches[0].parts == {"0.0": 4} and led.batches[1].done == 1
    assert apply_journal(led, decode_frames([shot_frame(0, 0, 0, 4, 1, "0"), shot_frame(0, 0, 0, 5, 1, "0")])[1]) == 1  # batch 0 has 5 shots
    assert led.done == {0} and 0 not in led.batches and led.done_counts == Counter({"1": 4, "0": 1})


def test_reproducible_mode_takes_a_batch_from_the_journal_only_whole():
    plan = RunPlan(shots=6, seed=1, batch_size=3, mode="reproducible", program_sha256="x")
    led = Ledger(plan)
    shots = decode_frames([shot_frame(0, 0, 0, q, 0, "1") for q in range(3)] + [shot_frame(1, 0, 0, q, 0, "0") for q in range(2)])[1]
    assert apply_journal(led, shots) == 3
    assert led.done == {0} and 1 not in led.batches


def test_ledger_round_trips_and_rejects_garbage():
    plan = RunPlan(shots=6, seed=1, batch_size=3, mode="resume", program_sha256="x")
    led = Ledger(plan)
    led.add(1, "0.0", "01", 2)
    for _ in range(3):
        led.add(0, "0.0", "11", 1)
    again = Ledger.from_bytes(led.to_bytes())
    assert again.to_bytes() == led.to_bytes() and again.done == {0} and again.counts() == {"11": 3, "01": 1}
    with pytest.raises(AssertionError, match="never run again"):
        led.batch(0)
    assert 1 not in Ledger.from_bytes(led.to_bytes(partial=False)).batches
    with pytest.raises(QckptError, match="malformed|holds no run ledger"):
        Ledger.from_bytes(b'{"format": "x"}')


# -- the policy ----------------------------------------------------------------------


def test_policy_parsing_and_validation():
    p = parse_policy("rollback,max-failures=3,backoff=0.5,heartbeat=2")
    assert (p.action, p.max_failures, p.backoff, p.heartbeat) == ("rollback", 3, 0.5, 2.0)
    for bad, msg in (("action=pray", "must be one of"), ("tries=3", "unknown setting 'tries'"), ("max-failures=x", "not a whole number"), ("jitter=2", "between 0 and 1")):
        with pytest.raises(QckptError, match=msg):
            parse_policy(bad)


def test_backoff_is_exponential_capped_and_jittered():
    eng = PolicyEngine(FailurePolicy(backoff=1, backoff_factor=2, backoff_max=5, jitter=0), "resume")
    assert [eng.backoff(n) for n in range(1, 6)] == [1, 2, 4, 5, 5]
    jit = PolicyEngine(FailurePolicy(backoff=1, jitter=0.5), "resume", random.Random(1))
    waits = [jit.backoff(1) for _ in range(200)]
    assert min(waits) >= 0.5 and max(waits) <= 1.0 and len(set(waits)) > 100


def test_policy_gives_up_after_k_failures_and_at_once_on_a_missing_backend():
    eng = PolicyEngine(FailurePolicy(max_failures=2, batch_retries=5), "reproducible")
    f = Failure(failures.SIGNAL, "x", batch=0)
    assert eng.decide(f).action == "restart"  # retry means restart in reproducible mode
    assert eng.decide(Failure(failures.TORN_SHOT, "x", batch=1)).action == "restart"
    d = eng.decide(f)
    assert d.action == "give-up" and "max-failures=2" in d.reason
    eng2 = PolicyEngine(FailurePolicy(batch_retries=1), "resume")
    assert eng2.decide(f).action == "retry"
    assert "batch 0 failed 2 times in a row" in eng2.decide(f).reason
    assert PolicyEngine(FailurePolicy(), "resume").decide(Failure(failures.BACKEND, "gone", 0)).action == "give-up"


# -- failures during a run --------------------------------------------------------------


FLAKY = """
# fails the first {n} executions of more than one shot (SIGKILL'd mid-way through their shots), then is qir-runner
import fcntl
log = {log!r}
with open(log, "a") as f:
    f.write(" ".join(ARGS) + "\\n")
if arg("-s") == "1":
    os.execv(REAL, [REAL, *ARGS])
count = {count!r}
with open(count, "a+") as f:
    fcntl.flock(f, fcntl.LOCK_EX)
    f.seek(0)
    k = len(f.read())
    f.write("x")
if k < {n}:
    p = subprocess.Popen([REAL, *ARGS], stdout=subprocess.PIPE)
    for i, line in enumerate(p.stdout):
        sys.stdout.buffer.write(line)
        if i == 40 + 17 * k:
            sys.stdout.flush()
            p.kill()
            os.kill(os.getpid(), signal.SIGKILL)
os.execv(REAL, [REAL, *ARGS])
"""


def flaky(tmp_path: Path, n: int) -> tuple[str, Path]:
    log = tmp_path / "calls.log"
    return fake_backend(tmp_path, "flaky", FLAKY.format(n=n, count=str(tmp_path / "count"), log=str(log))), log


@pytest.mark.parametrize("action", ["retry", "restart", "rollback"])
def test_reproducible_mode_survives_failures_bit_identically(tmp_path, programs, action):
    clean = run(tmp_path, programs["rus"], name="clean")
    binary, _ = flaky(tmp_path, 5)
    res = run(tmp_path, programs["rus"], name="flaky-store", executor=QirRunnerExecutor(binary), policy=FailurePolicy(action=action, backoff=0.01), seed_rng=1)
    assert res.status == "complete"
    # a rollback also stops the other worker's execution, which may be one of the five doomed ones
    assert (len(res.failures) == 5 if action != "rollback" else 1 <= len(res.failures) <= 5), res.failures
    assert {f.kind for f in res.failures} == {failures.SIGNAL}
    assert res.counts == clean.counts
    if action == "rollback":
        assert any(n.startswith("rolled back to dataset") for n in res.notes)


def test_resume_mode_keeps_finished_shots_of_a_failed_batch(tmp_path, programs):
    binary, log = flaky(tmp_path, 3)
    res = run(tmp_path, programs["rus"], shots=400, batch=200, mode="resume", workers=1, executor=QirRunnerExecutor(binary), policy=FailurePolicy(backoff=0))
    assert res.status == "complete" and sum(res.counts.values()) == 400 and res.ledger.shots_done == 400
    assert res.ledger.done == {0, 1} and res.ledger.batches == {}
    calls = [dict(zip(c.split()[::2], c.split()[1::2])) for c in log.read_text().splitlines()]
    # no batch was asked for all its shots twice: a retry asks only for what the batch lacks, under a new
    # seed; a shot cut short after a boundary visit is finished by a one-shot run of the resumed program
    asked = [int(c["-s"]) for c in calls]
    led = res.ledger
    assert asked.count(200) == 2 and all(0 < n < 200 for n in asked if n != 200)
    assert asked.count(1) == led.resumed_shots and len(asked) == 2 + 3 + led.resumed_shots
    assert len({c["-r"] for c in calls}) == len(calls)
    assert led.resumed_shots + led.restarted_shots <= 3  # a kill that cut a shot short resumed it or started it over


def test_giving_up_reports_and_leaves_a_resumable_store(tmp_path, programs):
    broken = fake_backend(tmp_path, "crash", "sys.stderr.write('simulator crashed\\n'); sys.stderr.flush(); os.kill(os.getpid(), signal.SIGSEGV)\n")
    res = run(tmp_path, programs["rus"], shots=100, batch=50, executor=QirRunnerExecutor(broken), policy=FailurePolicy(max_failures=3, backoff=0))
    assert res.status == "failed"
    assert "gave up: 4 failures, more than max-failures=3" in res.report and "signal 4" in res.report
    assert "killed by SIGSEGV" in res.report and "simulator crashed" in res.report
    # the store holds the failed run, valid; a resume with a working backend finishes it
    with CheckpointStore.open(tmp_path / "store", create=False) as st:
        assert Ledger.from_bytes(st.start_restart().read("ledger")).status == "failed"
    again = resume_run(tmp_path / "store", JobOptions(workers=2))
    assert again.status == "complete" and again.counts == run(tmp_path, programs["rus"], shots=100, batch=50, name="clean").counts


def test_a_backend_that_rejects_the_program_stops_the_run_at_once(tmp_path, programs):
    rejects = fake_backend(tmp_path, "rejects", "sys.stderr.write('RuntimeError: Failed to link some declared functions: f\\n'); sys.exit(1)\n")
    res = run(tmp_path, programs["rus"], shots=100, batch=50, executor=QirRunnerExecutor(rejects))
    assert res.status == "failed" and len(res.failures) == 1
    assert "the backend rejects the program" in res.report and "Failed to link some declared functions" in res.report


def test_a_hung_backend_is_killed_by_the_heartbeat(tmp_path, programs):
    hang = fake_backend(tmp_path, "hang", "sys.stdout.write('START\\n'); sys.stdout.flush(); time.sleep(600)\n")
    res = run(tmp_path, programs["rus"], shots=10, batch=10, workers=1, executor=QirRunnerExecutor(hang), policy=FailurePolicy(heartbeat=0.3, batch_retries=1, backoff=0))
    assert res.status == "failed"
    assert [f.kind for f in res.failures] == [failures.HANG, failures.HANG]
    assert "no output for 0.3 s" in res.report


def test_output_shape_change_is_a_failure(tmp_path, programs):
    # a backend whose second execution records a register too few
    body = (
        "import fcntl\n"
        f"f = open({str(tmp_path / 'n')!r}, 'a+'); fcntl.flock(f, fcntl.LOCK_EX); f.seek(0); k = len(f.read()); f.write('x'); f.close()\n"
        "if k == 1:\n"
        "    sys.stdout.write('START\\nOUTPUT\\tARRAY\\t1\\tc\\nOUTPUT\\tBOOL\\ttrue\\tc[0]\\nEND\\t0\\n'); sys.exit(0)\n"
        "os.execv(REAL, [REAL, *ARGS])\n"
    )
    res = run(tmp_path, programs["rus"], shots=20, batch=10, workers=1, executor=QirRunnerExecutor(fake_backend(tmp_path, "shape", body)), policy=FailurePolicy(backoff=0))
    assert res.status == "complete"
    assert [f.kind for f in res.failures] == [failures.BAD_RECORDS]
    assert "c[1]" in res.failures[0].detail


def test_torn_shots_resume_from_their_last_boundary_visit(tmp_path, programs):
    # the loop program visits a boundary at each of its 6 iterations: a kill mid-shot leaves complete visits
    binary, log = flaky(tmp_path, 4)
    res = run(tmp_path, programs["loop"], shots=80, batch=40, mode="resume", workers=1, executor=QirRunnerExecutor(binary), policy=FailurePolicy(backoff=0))
    led = res.ledger
    assert res.status == "complete" and led.shots_done == 80 and sum(res.counts.values()) == 80
    assert led.resumed_shots >= 1 and led.saved_visits >= led.resumed_shots
    resumed = [c.split() for c in log.read_text().splitlines() if c.split()[3] == "1"]
    assert len(resumed) == led.resumed_shots and all(c[1].endswith(".bc") and "resume-" in c[1] for c in resumed)
    # every boundary visit of every shot is counted once: resumed shots add the visits they kept
    assert led.visits == 80 * 6


def test_start_over_resumer_restarts_torn_shots(tmp_path, programs):
    binary, _ = flaky(tmp_path, 3)
    res = run(tmp_path, programs["loop"], shots=80, batch=40, mode="resume", workers=1, executor=QirRunnerExecutor(binary), resumer=StartOver(), policy=FailurePolicy(backoff=0))
    led = res.ledger
    assert res.status == "complete" and led.shots_done == 80
    assert led.resumed_shots == 0 and led.saved_visits == 0 and 1 <= led.restarted_shots <= 3


# -- the CLI -------------------------------------------------------------------------------


def test_cli_run_resume_and_inspect(tmp_path, programs):
    store = tmp_path / "s"
    r = qckpt("run", programs["rus"], "--shots", 300, "--seed", 9, "--store", store, "--batch-size", 100, "--mode", "reproducible", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert sum(out["counts"].values()) == 300 and out["status"] == "complete" and out["registers"] == ["c", "out"]
    assert r.stderr == ""  # no progress bar when stderr is not a terminal
    table = qckpt("run", programs["rus"], "--shots", 300, "--seed", 9, "--store", tmp_path / "t", "--batch-size", 100, "--mode", "reproducible")
    assert table.returncode == 0 and table.stdout.splitlines()[0].split() == ["out", "c", "count", "freq"]
    assert "300 shots, seed 9" in table.stdout
    again = qckpt("resume", store, "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["counts"] == out["counts"]
    ins = qckpt("inspect", store, "--json")
    info = json.loads(ins.stdout)
    assert info["run"]["status"] == "complete" and info["run"]["shots_committed"] == 300 and info["run"]["batches_done"] == 3
    assert info["run"]["boundary_visits"] >= 300 and all(d["checksums_ok"] for d in info["datasets"])
    assert info["bytes"] > 0 and info["journal"]["frames"] == 301
    text = qckpt("inspect", store).stdout
    assert "300 of 300 committed" in text and "status complete" in text


def test_cli_compiles_openqasm_with_boundaries(tmp_path):
    r = qckpt("run", "examples/repeat_until_success.qasm", "--shots", 200, "--store", tmp_path / "s", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["boundary_visits"] >= 200


@pytest.mark.parametrize(
    "args, msg",
    [
        (["run", "nope.ll", "--store", "{s}"], "nope.ll: no such file"),
        (["run", "{p}", "--store", "{s}", "--shots", "0"], "--shots must be at least 1"),
        (["run", "{p}", "--store", "{s}", "--policy", "action=pray"], "policy action must be one of"),
        (["run", "{p}", "--store", "{s}", "--workers", "0"], "--workers must be at least 1"),
        (["run", "{p}", "--store", "{s}", "--mtbf", "60"], "--mtbf and --checkpoint place boundaries when compiling OpenQASM"),
        (["run", "{p}", "--workers", "2"], "need --store DIR"),
        (["resume", "{s}"], "no run to resume in"),
        (["inspect", "{s}"], "no such directory"),
    ],
)
def test_cli_bad_input_is_one_line(tmp_path, programs, args, msg):
    r = qckpt(*[a.format(s=tmp_path / "s", p=programs["rus"]) for a in args])
    assert r.returncode == 1, r.stderr
    assert msg in r.stderr and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_cli_missing_qir_runner_is_a_clear_error(tmp_path, programs):
    r = qckpt("run", programs["rus"], "--store", tmp_path / "s", env={"QCKPT_QIR_RUNNER": str(tmp_path / "no-such-binary")})
    assert r.returncode == 1
    assert r.stderr.strip() == f"error: qir-runner was not found at {tmp_path / 'no-such-binary'} (from QCKPT_QIR_RUNNER)"
    assert not (tmp_path / "s").exists()  # checked before the store is made


def test_cli_gives_up_with_a_report(tmp_path, programs):
    crash = fake_backend(tmp_path, "crash", "os.kill(os.getpid(), signal.SIGABRT)\n")
    r = qckpt("run", programs["rus"], "--store", tmp_path / "s", "--shots", 20, "--policy", "max-failures=2,backoff=0", env={"QCKPT_QIR_RUNNER": crash})
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "error: run stopped after 3 failure(s); 0 of 20 shots are committed" in r.stderr
    assert "killed by SIGABRT" in r.stderr and "gave up: 3 failures" in r.stderr


def test_progress_bar_on_a_terminal(tmp_path, programs):
    import os
    import pty
    import subprocess

    from runtime_helpers import QCKPT, ROOT

    master, slave = pty.openpty()
    p = subprocess.Popen(
        [*QCKPT, "run", str(programs["loop"]), "--shots", "3000", "--store", str(tmp_path / "s"), "--batch-size", "300"],
        stdout=subprocess.PIPE, stderr=slave, cwd=ROOT, text=True,
    )
    os.close(slave)
    out, _ = p.communicate(timeout=120)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the pty is closed once the child is gone
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert p.returncode == 0 and "3000 shots" in out  # the table still goes to stdout
    text = seen.decode(errors="replace")
    assert "3000/3000" in text and "checkpoints" in text and "failures survived" in text
