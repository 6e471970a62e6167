"""The journal is rotated at each commit, so resume and inspect read only the
shots finished since the last commit; stores written before segments (one
``journal`` file, ledger version 1) still resume; the ledger plans lazily."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from runtime_helpers import QCKPT, ROOT, qckpt

from qckpt.runtime.execution.job import JobOptions, fingerprint, resume_run, start_run
from qckpt.runtime.execution.ledger import Ledger, RunPlan, session_frame, shot_frame
from qckpt.runtime.store import CheckpointStore, dataset_dir, journal_segments
from qckpt.runtime.store.journal import Journal


def _segments(store: Path) -> list[int]:
    return journal_segments.segments(str(store))


def test_commits_rotate_the_journal_and_old_segments_go(tmp_path, programs):
    prog = programs["rus"].read_bytes()
    plan = RunPlan(shots=2000, seed=5, batch_size=100, mode="resume", program_sha256=fingerprint(prog))
    res = start_run(tmp_path / "s", prog, plan, JobOptions(workers=2, keep=3))
    assert res.status == "complete" and res.commits >= 3  # commits that queue up behind a slow one coalesce
    segs = _segments(tmp_path / "s")
    # a segment per commit was made (19 batch commits and the final one) ...
    assert max(segs) >= 20, segs
    with CheckpointStore.open(tmp_path / "s", readonly=True, create=False) as st:
        kept = []
        for d in st.datasets():
            kept.append(Ledger.from_bytes((tmp_path / "s" / dataset_dir(d.id) / "ledger").read_bytes()))
    # ... and only those the kept datasets need remain: none older than the oldest one's journal_from
    assert len(kept) == 3 and min(segs) == min(k.journal_from for k in kept), (segs, [k.journal_from for k in kept])
    led = max(kept, key=lambda k: k.journal_from)
    assert led.journal_from == max(segs)
    info = json.loads(qckpt("inspect", tmp_path / "s", "--json").stdout)
    assert info["journal"]["read_segments"] == [max(segs)] and info["journal"]["uncommitted_shots"] == 0


def test_resume_reads_only_segments_since_the_commit(tmp_path, programs):
    """Shots in a segment older than the ledger's journal_from are in the
    ledger already: resume must not read them (here they are garbage that
    would fail the replay if it were read)."""
    prog = programs["rus"].read_bytes()
    shots, seed, batch = 600, 8, 100
    plan = RunPlan(shots=shots, seed=seed, batch_size=batch, mode="reproducible", program_sha256=fingerprint(prog))
    store = tmp_path / "s"
    with CheckpointStore.open(store, fingerprint=plan.program_sha256) as st:
        led = Ledger(plan, journal_from=7)
        led.sessions = 1
        w = st.start_output("plan")
        w.write("ledger", led.to_bytes())
        w.write("program", prog)
        w.complete()
    (store / "journal.000003").write_bytes(b"not a journal at all, and large" * 1000)
    ref = start_run(tmp_path / "ref", prog, plan, JobOptions(workers=1))
    with Journal.open(journal_segments.segment_path(str(store), 7)) as j:
        j.append(session_frame(1))
    res = resume_run(store, JobOptions(workers=1))
    assert res.status == "complete" and res.counts == ref.counts
    # the next session used session number 2: the segment's session frame counted
    with CheckpointStore.open(store, readonly=True, create=False) as st:
        assert Ledger.from_bytes(st.start_restart().read("ledger")).sessions == 3


def _legacy_store(store: Path, prog: bytes, plan: RunPlan, journaled_batches: int) -> None:
    """A store as qckpt wrote it before journal segments: ledger version 1
    (no journal_from) committed at the plan, and every finished shot in one
    ``journal`` file."""
    led = Ledger(plan)
    led.sessions = 1
    doc = json.loads(led.to_bytes())
    doc["version"] = 1
    del doc["journal_from"]
    with CheckpointStore.open(store, fingerprint=plan.program_sha256) as st:
        w = st.start_output("plan")
        w.write("ledger", json.dumps(doc, sort_keys=True, separators=(",", ":")).encode())
        w.write("program", prog)
        w.complete()
    # the first batches' shots, run and journaled as the old runtime did
    start = _start_program(store.parent, prog)
    with Journal.open(store / "journal") as j:
        j.append(session_frame(0))
        for b in range(journaled_batches):
            for q, key in enumerate(_run_keys(start, plan.batch_shots(b), plan.batch_seed(b))):
                j.append(shot_frame(b, 0, 0, q, 1, key))


def _run_keys(program: Path, shots: int, seed: int) -> list[str]:
    from qckpt.runtime.execution.executor import QirRunnerExecutor, ShotDone

    ex = QirRunnerExecutor().start(str(program), shots, seed)
    keys: list[str] = []
    ended = False
    while not ended:
        for ev in ex.read():
            if isinstance(ev, ShotDone):
                keys.append(ev.key)
            else:
                ended = True
        time.sleep(0.01)
    assert len(keys) == shots
    return keys


def _start_program(d: Path, prog: bytes) -> Path:
    from qckpt.qir.resume_binding import bind_resume_file

    src = d / "prog.ll"
    src.write_bytes(prog)
    out = d / "prog-start.bc"
    out.write_bytes(bind_resume_file(src, None).bitcode)
    return out


def test_a_store_written_before_segments_resumes(tmp_path, programs):
    prog = programs["rus"].read_bytes()
    plan = RunPlan(shots=500, seed=21, batch_size=100, mode="reproducible", program_sha256=fingerprint(prog))
    store = tmp_path / "old"
    _legacy_store(store, prog, plan, journaled_batches=3)
    info = json.loads(qckpt("inspect", store, "--json").stdout)
    assert info["journal"]["read_segments"] == [0] and info["journal"]["uncommitted_shots"] == 300
    r = qckpt("resume", store, "--json")
    assert r.returncode == 0, r.stderr
    assert "recovered 300 finished shot(s) from the journal" in r.stderr
    out = json.loads(r.stdout)
    ref = json.loads(qckpt("run", programs["rus"], "--shots", 500, "--seed", 21, "--batch-size", 100, "--mode", "reproducible",
                           "--store", tmp_path / "ref2", "--json").stdout)
    assert out["counts"] == ref["counts"] and out["recovered_shots"] == 300


def test_a_newer_ledger_version_is_refused_with_what_to_do(tmp_path, programs):
    prog = programs["rus"].read_bytes()
    plan = RunPlan(shots=100, seed=1, batch_size=100, mode="resume", program_sha256=fingerprint(prog))
    doc = json.loads(Ledger(plan).to_bytes())
    doc["version"] = 99
    with CheckpointStore.open(tmp_path / "s", fingerprint=plan.program_sha256) as st:
        w = st.start_output("plan")
        w.write("ledger", json.dumps(doc).encode())
        w.write("program", prog)
        w.complete()
    r = qckpt("resume", tmp_path / "s")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "run ledger version 99" in r.stderr and "resume it with the qckpt that wrote it" in r.stderr


def test_the_ledger_plans_lazily():
    plan = RunPlan(shots=10**30, seed=0, batch_size=1000, mode="resume", program_sha256="0" * 64)
    led = Ledger(plan)
    it = led.pending()
    assert next(it) == 0 and next(it) == 1  # a generator: 10**27 batches are never listed
    led.done.add(2)
    assert next(it) == 3
    assert led.has_pending() and next(led.pending(10**27 - 1)) == 10**27 - 1
    assert Ledger.from_bytes(Ledger(plan).to_bytes()).plan.shots == 10**30


def _rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def test_run_of_10_30_shots_in_a_store_does_not_list_its_batches(tmp_path):
    store = tmp_path / "s"
    p = subprocess.Popen([*QCKPT, "run", str(ROOT / "examples" / "repeat_until_success.qasm"), "--shots", str(10**30), "--store", str(store), "--workers", "1"],
                         cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while len(list(store.glob("ds-*"))) < 3:  # the plan and two batches committed: shots are running
            assert p.poll() is None, p.communicate()
            assert time.monotonic() < deadline, "no batch committed in 120 s"
            time.sleep(0.1)
        rss = _rss_kib(p.pid)
        p.send_signal(signal.SIGTERM)
        out, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
            p.communicate()
    assert rss < 300 * 1024, f"{rss} KiB resident: the batches were listed"
    assert p.returncode == 75 and "preempted" in err and "Traceback" not in err, err
    info = json.loads(qckpt("inspect", store, "--json").stdout)
    assert info["run"]["shots"] == 10**30 and info["run"]["shots_committed"] >= 1000
    assert os.path.isdir(store)
