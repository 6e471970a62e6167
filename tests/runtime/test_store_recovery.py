"""The store's index and header are caches of the datasets' manifests: an
index older than the datasets (a restored backup, an rsync, a parallel file
system's cache) or a deleted header never costs a valid checkpoint."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import time
from pathlib import Path

from runtime_helpers import QCKPT, ROOT, qckpt

from qckpt.runtime.store import CheckpointStore

FP = "a" * 64


def commit(store: CheckpointStore, n: int) -> None:
    w = store.start_output(f"c{n}")
    w.write("state", f"state {n}".encode())
    w.complete(valid=True)


def _ds(store: Path) -> list[int]:
    """Datasets whose writer finished them (the manifest is written last)."""
    return sorted(int(p.name[3:]) for p in store.glob("ds-*") if (p / "MANIFEST.json").exists())


def _wait(pred, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_stale_index_after_kill_9_resumes_from_the_newest_dataset(tmp_path: Path) -> None:
    """The issue's reproducer, step for step: copy index.json while a run
    commits, let it commit more, SIGKILL it, put the old index back, resume."""
    store = tmp_path / "E"
    shots, seed = 20000, 1
    cmd = [*QCKPT, "run", str(ROOT / "examples" / "repeat_until_success.qasm"), "--shots", str(shots), "--seed", str(seed),
           "--store", str(store), "--mode", "reproducible", "--batch-size", "500", "--workers", "1", "--json"]
    p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait(lambda: len(_ds(store)) >= 2, 120, "a first batch commit")
        old_index = (store / "index.json").read_bytes()
        listed = {e["id"] for e in json.loads(old_index)["datasets"]}
        _wait(lambda: max(_ds(store)) >= max(listed) + 2, 120, "two more commits")
    finally:
        p.send_signal(signal.SIGKILL)
        p.communicate()
    assert p.returncode == -signal.SIGKILL, "the run ended before it could be killed: make it longer"
    newest = max(_ds(store))
    (store / "index.json").write_bytes(old_index)
    r = qckpt("resume", store, "--json")
    assert r.returncode == 0, r.stderr
    assert f"restarting from dataset {newest} " in r.stderr, r.stderr
    assert "did not list dataset(s)" in r.stderr
    out = json.loads(r.stdout)
    assert out["status"] == "complete" and sum(out["counts"].values()) == shots
    # reproducible: the same histogram as an uninterrupted run
    clean = qckpt(*cmd[3:cmd.index("--store")], "--store", tmp_path / "clean", "--mode", "reproducible", "--batch-size", "500", "--json")
    assert clean.returncode == 0, clean.stderr
    assert out["counts"] == json.loads(clean.stdout)["counts"]


def test_stale_index_keeps_newer_datasets(tmp_path: Path) -> None:
    with CheckpointStore.open(tmp_path, fingerprint=FP, keep=None) as store:
        commit(store, 1)
    old_index = (tmp_path / "index.json").read_bytes()
    with CheckpointStore.open(tmp_path, fingerprint=FP, keep=None) as store:
        commit(store, 2)
        commit(store, 3)
    (tmp_path / "index.json").write_bytes(old_index)
    # A read-only open sees the newer datasets too, says the file stays as it is, and leaves it
    with CheckpointStore.open(tmp_path, readonly=True, create=False) as store:
        assert [n for n in store.notes if "did not list dataset(s) 2, 3" in n and "opened read-only" in n], store.notes
        assert store.start_restart().id == 3
    assert (tmp_path / "index.json").read_bytes() == old_index
    with CheckpointStore.open(tmp_path, fingerprint=FP, keep=None) as store:
        assert any("did not list dataset(s) 2, 3" in n and "read-only" not in n for n in store.notes), store.notes
        r = store.start_restart()
        assert r.id == 3 and r.read("state") == b"state 3" and r.skipped == []
    assert _ds(tmp_path) == [1, 2, 3]
    # and the rebuilt index was written back: the next open is quiet
    with CheckpointStore.open(tmp_path, fingerprint=FP, keep=None) as store:
        assert store.notes == []


def test_stale_index_naming_pruned_datasets_falls_through_to_newer_ones(tmp_path: Path) -> None:
    with CheckpointStore.open(tmp_path, fingerprint=FP, keep=2) as store:
        commit(store, 1)
        commit(store, 2)
        old_index = (tmp_path / "index.json").read_bytes()
        for n in range(3, 6):
            commit(store, n)
    assert _ds(tmp_path) == [4, 5]
    (tmp_path / "index.json").write_bytes(old_index)  # lists 1 and 2, both pruned since
    with CheckpointStore.open(tmp_path, fingerprint=FP, keep=2) as store:
        r = store.start_restart()
        assert r.id == 5 and r.read("state") == b"state 5"


def test_deleted_header_is_rebuilt_from_the_manifests(tmp_path: Path) -> None:
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        commit(store, 1)
        commit(store, 2)
    (tmp_path / "qckpt-store.json").unlink()
    with CheckpointStore.open(tmp_path, readonly=True, create=False) as ro:
        assert ro.fingerprint == FP and ro.start_restart().id == 2
        assert any("qckpt-store.json is missing" in n for n in ro.notes)
    assert not (tmp_path / "qckpt-store.json").exists()  # readonly never writes
    with CheckpointStore.open(tmp_path, create=False) as store:
        assert store.fingerprint == FP and store.start_restart().id == 2
    assert (tmp_path / "qckpt-store.json").exists()
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        assert store.notes == []


def test_deleted_header_and_index_of_a_real_run_resume(tmp_path: Path) -> None:
    store = tmp_path / "S"
    prog = ROOT / "examples" / "repeat_until_success.qasm"
    # preempt right away is not needed: a short complete run, then damage, then inspect and resume
    r = qckpt("run", prog, "--shots", "400", "--seed", "3", "--store", store, "--batch-size", "100", "--json")
    assert r.returncode == 0, r.stderr
    want = json.loads(r.stdout)["counts"]
    (store / "qckpt-store.json").unlink()
    (store / "index.json").unlink()
    ins = qckpt("inspect", store, "--json")
    assert ins.returncode == 0, ins.stderr
    assert json.loads(ins.stdout)["run"]["status"] == "complete"
    r = qckpt("resume", store, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["counts"] == want


def test_foreign_datasets_without_a_header_are_refused(tmp_path: Path) -> None:
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        commit(store, 1)
    (tmp_path / "qckpt-store.json").unlink()
    import pytest

    from qckpt.diagnostics import QckptError

    with pytest.raises(QckptError, match="holds checkpoints of another program"):
        CheckpointStore.open(tmp_path, fingerprint="b" * 64)
    shutil.rmtree(tmp_path / "ds-000001")
    (tmp_path / "index.json").unlink()
    with pytest.raises(QckptError, match="no checkpoint store"):
        CheckpointStore.open(tmp_path, create=False)


def test_work_dirs_of_killed_runs_are_removed_by_the_next_run(tmp_path: Path) -> None:
    """A kill -9 leaves qckpt-run-PID-* in the temporary directory; the next
    run removes those whose process is gone, and no other."""
    import os

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    store = tmp_path / "s"
    cmd = [*QCKPT, "run", str(ROOT / "examples" / "repeat_until_success.qasm"), "--shots", "200000", "--store", str(store), "--workers", "1"]
    p = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(lambda: any(tmp.glob(f"qckpt-run-{p.pid}-*")), 120, "the run's work directory")
    finally:
        p.send_signal(signal.SIGKILL)
        p.wait()
    left = list(tmp.glob(f"qckpt-run-{p.pid}-*"))
    assert left, "the kill left no work directory: nothing to test"
    alive = tmp / f"qckpt-run-{os.getpid()}-keep"  # a live process's: kept
    alive.mkdir()
    other = tmp / "qckpt-run-notapid"  # not ours by shape: kept
    other.mkdir()
    q = subprocess.Popen([*QCKPT, "resume", str(store), "--workers", "1"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(lambda: any(tmp.glob(f"qckpt-run-{q.pid}-*")), 120, "the resumed run's work directory")
    finally:
        q.send_signal(signal.SIGKILL)
        q.wait()
    assert not any(p.exists() for p in left)
    assert alive.exists() and other.exists()
