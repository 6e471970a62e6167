"""Chaos: damaged datasets, a disk that fails at each step of a commit, power
loss at each step, real SIGKILLs, and a real file system that fills up.

What must hold every time: the store opens; restart returns a dataset whose
bytes are exactly what was committed (never a damaged one); it is the newest
committed one unless that one is damaged, and then the skip is reported; a
failure the user can cause is one QckptError line; and the store keeps
working afterwards."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qckpt.diagnostics import QckptError
from qckpt.runtime.store.storage import LocalStorage
from qckpt.runtime.store import CheckpointStore
from qckpt.testing.crash_worker import FINGERPRINT, dataset_objects, kill_round
from qckpt.testing.faulty_os import (
    FaultyOs,
    FaultyStorage,
    PowerLossOs,
    SimulatedCrash,
    faults_for,
)

FP = FINGERPRINT


SMALL = 2048  # object sizes for the step-by-step tests: the steps matter, not the bytes


def commit(store: CheckpointStore, max_size: int = SMALL):
    w = store.start_output()
    for n, data in dataset_objects(w.id, max_size).items():
        w.write(n, data)
    return w.complete()


def check_restart(store: CheckpointStore, want_id: int, max_size: int = SMALL) -> None:
    r = store.start_restart()
    assert r.id == want_id, r.skipped
    assert r.skipped == []
    assert {n: r.read(n) for n in r.objects()} == dataset_objects(want_id, max_size)


def same_file(a: str, b: str) -> bool:
    """Equal paths, up to the random part of temp file names."""
    tmp = re.compile(r"(\.tmp-.*?)\.\d+\.\d+\.[0-9a-f]{8}$")
    return tmp.sub(r"\1", a) == tmp.sub(r"\1", b)


def tmp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob(".tmp-*")]


# -- damaged datasets ----------------------------------------------------------------


def three_datasets(root: Path) -> Path:
    with CheckpointStore.open(root, fingerprint=FP) as store:
        for _ in range(3):
            commit(store)
    return root / "ds-000003"


def flip(path: Path, pos: int) -> None:
    raw = bytearray(path.read_bytes())
    raw[pos] ^= 0x40
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("target", ["state", "meta", "MANIFEST.json"])
@pytest.mark.parametrize("where", ["first", "middle", "last"])
def test_a_flipped_byte_in_the_newest_dataset_is_detected_skipped_and_reported(tmp_path: Path, target: str, where: str) -> None:
    newest = three_datasets(tmp_path)
    f = newest / target
    size = f.stat().st_size
    flip(f, {"first": 0, "middle": size // 2, "last": size - 1}[where])
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        assert store.have_restart().id == 2
        r = store.start_restart()
        assert r.id == 2 and {n: r.read(n) for n in r.objects()} == dataset_objects(2, SMALL)
        [(sid, why)] = r.skipped
        assert sid == 3
        if target == "MANIFEST.json":
            assert why == "its manifest does not match the index (sha256 mismatch)"
        else:
            assert why == f"object '{target}' fails its sha256 checksum"
        [bad] = [d for d in store.datasets(verify=True) if d.id == 3]
        assert bad.checksums_ok is False
    # the damaged dataset was marked invalid in the index, with the reason
    index = json.loads((tmp_path / "index.json").read_bytes())
    [entry] = [e for e in index["datasets"] if e["id"] == 3]
    assert entry["valid"] is False and entry["invalid_reason"] == why
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        r = store.start_restart()
        assert r.id == 2 and r.skipped == [(3, f"marked invalid ({why})")]
        # and the run goes on from there
        assert commit(store).id == 4
        check_restart(store, 4)


@pytest.mark.parametrize(
    "damage, reason",
    [
        ("truncate-state-to-0", "object 'state' has 0 bytes, its manifest says {size} (truncated or torn)"),
        ("truncate-state-half", "object 'state' has {half} bytes, its manifest says {size} (truncated or torn)"),
        ("append-to-state", "object 'state' has {more} bytes, its manifest says {size} (truncated or torn)"),
        ("delete-state", "object 'state' is missing"),
        ("truncate-manifest", "its manifest does not match the index (sha256 mismatch)"),
        ("empty-manifest", "its manifest is empty"),
        ("delete-manifest", "its manifest is missing"),
        ("delete-folder", "its manifest is missing"),
    ],
)
def test_truncated_or_missing_files_in_the_newest_dataset(tmp_path: Path, damage: str, reason: str) -> None:
    newest = three_datasets(tmp_path)
    state, man = newest / "state", newest / "MANIFEST.json"
    size = state.stat().st_size
    if damage == "truncate-state-to-0":
        os.truncate(state, 0)
    elif damage == "truncate-state-half":
        os.truncate(state, size // 2)
    elif damage == "append-to-state":
        with open(state, "ab") as f:
            f.write(b"\0" * 4096)
    elif damage == "delete-state":
        state.unlink()
    elif damage == "truncate-manifest":
        os.truncate(man, man.stat().st_size // 2)
    elif damage == "empty-manifest":
        os.truncate(man, 0)
    elif damage == "delete-manifest":
        man.unlink()
    elif damage == "delete-folder":
        shutil.rmtree(newest)
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        r = store.start_restart()
        assert r.id == 2 and {n: r.read(n) for n in r.objects()} == dataset_objects(2, SMALL)
        assert r.skipped == [(3, reason.format(size=size, half=size // 2, more=size + 4096))]


def test_walk_back_over_several_damaged_datasets_and_none_left(tmp_path: Path) -> None:
    three_datasets(tmp_path)
    flip(tmp_path / "ds-000003" / "state", 10)
    os.truncate(tmp_path / "ds-000002" / "meta", 1)
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        r = store.start_restart()
        assert r.id == 1 and [i for i, _ in r.skipped] == [3, 2]
    flip(tmp_path / "ds-000001" / "MANIFEST.json", 30)
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        assert store.have_restart() is None
        with pytest.raises(QckptError) as e:
            store.start_restart()
        msg = str(e.value)
        assert "\n" not in msg and msg.startswith(f"error: no valid checkpoint to restart from in {tmp_path} (dataset 3: marked invalid")
        assert "dataset 1: its manifest does not match the index" in msg


def test_a_damaged_fast_copy_falls_back_to_the_persistent_copy(tmp_path: Path) -> None:
    fast, pfs = tmp_path / "fast", tmp_path / "pfs"
    with CheckpointStore.open(fast, fingerprint=FP, persistent=pfs, flush_every=2) as store:
        for _ in range(4):
            commit(store)
    flip(fast / "ds-000004" / "state", 0)
    with CheckpointStore.open(fast, fingerprint=FP, persistent=pfs, flush_every=2) as store:
        r = store.start_restart()
        assert (r.id, r.level) == (4, "persistent") and r.read("state") == dataset_objects(4, SMALL)["state"]
        assert r.skipped == [(4, "fast copy: object 'state' fails its sha256 checksum")]


def test_a_read_error_skips_but_does_not_condemn_the_dataset(tmp_path: Path) -> None:
    three_datasets(tmp_path)
    storage = FaultyStorage(tmp_path)
    storage.faults.fail_reads("ds-000003/state")
    with CheckpointStore.open(storage, fingerprint=FP) as store:
        r = store.start_restart()
        assert r.id == 2 and r.skipped == [(3, "cannot read object 'state': Input/output error (EIO)")]
    # a transient read error is not proof of damage: dataset 3 is still valid
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        check_restart(store, 3)


# -- a disk that fails at each step of a commit ----------------------------------------------


def template_store(root: Path, two_levels: bool) -> None:
    """Datasets 1 and 2 committed; keep=2, so committing 3 also prunes 1; with
    two levels flush_every=3, so committing 3 also flushes it."""
    kw = {"persistent": root / "pfs", "flush_every": 3} if two_levels else {}
    with CheckpointStore.open(root / "fast", fingerprint=FP, keep=2, **kw) as store:
        commit(store)
        commit(store)


def open_with(root: Path, fos: FaultyOs, two_levels: bool) -> CheckpointStore:
    kw = {"persistent": LocalStorage(root / "pfs", fos), "flush_every": 3} if two_levels else {}
    return CheckpointStore.open(LocalStorage(root / "fast", fos), fingerprint=FP, keep=2, **kw)


def open_plain(root: Path, two_levels: bool) -> CheckpointStore:
    kw = {"persistent": root / "pfs", "flush_every": 3} if two_levels else {}
    return CheckpointStore.open(root / "fast", fingerprint=FP, keep=2, **kw)


def commit_trace(template: Path, work: Path, two_levels: bool):
    shutil.copytree(template, work)
    fos = FaultyOs()
    store = open_with(work, fos, two_levels)
    fos.record()
    commit(store)
    store.close()
    trace = list(fos.trace)
    [index_replace] = [s.index for s in trace if s.op == "replace" and s.path == str(work / "fast" / "index.json")]
    return trace, index_replace


@pytest.mark.parametrize("two_levels", [False, True], ids=["one-level", "two-levels"])
def test_a_fault_at_each_step_of_a_commit_is_a_clear_error_and_the_store_stays_valid(tmp_path: Path, two_levels: bool) -> None:
    template = tmp_path / "template"
    template_store(template, two_levels)
    trace, index_replace = commit_trace(template, tmp_path / "trace", two_levels)
    assert len(trace) > (60 if two_levels else 30)  # every step of the commit, flush and prune is there
    # With two levels the steps of the fast commit are those of one level:
    # fail only the later ones (pruning, the flush to the persistent level).
    steps = [s for s in trace if s.index > index_replace] if two_levels else trace
    # Each step gets one error, rotating through those that fit it, and every
    # write also a short write and a short write followed by ENOSPC.
    # (QCKPT_CHAOS_FULL=1 tries every error at every step.)
    full = os.environ.get("QCKPT_CHAOS_FULL") == "1"
    cases = []
    for s in steps:
        errors = [f for f in faults_for(s.op) if f not in ("crash", "crash-mid-write", "short", "short-enospc")]
        cases += [(s, f) for f in (errors if full else [errors[s.index % len(errors)]])]
        if s.op == "write":
            cases += [(s, "short"), (s, "short-enospc")]
    assert len(cases) > 30
    for k, (step, fault) in enumerate(cases):
        root = tmp_path / f"case{k}"
        shutil.copytree(template, root)
        fos = FaultyOs()
        store = open_with(root, fos, two_levels)
        fos.arm(step.index, fault)
        label = f"{fault} at step {step.index} ({step.op} {step.path})"
        try:
            commit(store)
            error = None
        except QckptError as e:
            error = str(e)
        fired = fos.fired
        assert fired is not None and (fired.index, fired.op) == (step.index, step.op), label
        assert same_file(os.path.relpath(fired.path, root), os.path.relpath(step.path, tmp_path / "trace")), label
        committed = step.index > index_replace or fault == "short"
        # a failed write cleans up after itself at once, not only at the next open
        assert tmp_files(root) == [], label
        if not committed:
            assert not (root / "fast" / "ds-000003").exists(), label
        if error is not None:
            assert "\n" not in error and error.startswith("error: "), label
            assert any(t in error for t in ("No space left on device", "Input/output error", "Permission denied")), (label, error)
            if step.index < index_replace:
                assert error.startswith(f"error: cannot commit dataset 3 to {root / 'fast'}") and "still holds dataset 2" in error, (label, error)
        else:
            # only a short write (retried) or a failure after the commit point
            # that is not about durability (pruning) may pass
            assert committed, label
        # the same handle sees a consistent store and goes on once the disk is well
        fos.disarm()
        assert store.have_restart().id == (3 if committed else 2), label
        assert commit(store).id == 4, label
        check_restart(store, 4)
        store.close()
        # a fresh opener agrees, and no unfinished write is left behind
        with open_plain(root, two_levels) as fresh:
            check_restart(fresh, 4)
            assert [d.id for d in fresh.datasets(verify=True) if not d.checksums_ok] == []
        assert tmp_files(root) == [], label
        shutil.rmtree(root)


@pytest.mark.parametrize("two_levels", [False, True], ids=["one-level", "two-levels"])
def test_a_crash_at_each_step_of_a_commit_restarts_from_the_newest_commit(tmp_path: Path, two_levels: bool) -> None:
    """A process crash: nothing after the step runs, not even cleanup."""
    template = tmp_path / "template"
    template_store(template, two_levels)
    trace, index_replace = commit_trace(template, tmp_path / "trace", two_levels)
    for step in [s for s in trace if s.index > index_replace] if two_levels else trace:
        for fault in ("crash", "crash-mid-write") if step.op == "write" else ("crash",):
            root = tmp_path / f"case{step.index}-{fault}"
            shutil.copytree(template, root)
            fos = FaultyOs()
            store = open_with(root, fos, two_levels)
            fos.arm(step.index, fault)
            with pytest.raises(SimulatedCrash):
                commit(store)
            for level in store.levels:  # the kernel drops a dead process's locks
                level.lock.abandon()
            with open_plain(root, two_levels) as fresh:
                assert any("stale lock" in n for n in fresh.notes)
                newest = 3 if step.index > index_replace else 2
                check_restart(fresh, newest)
                assert commit(fresh).id > newest
            assert tmp_files(root) == []
            shutil.rmtree(root)


@pytest.mark.parametrize("two_levels", [False, True], ids=["one-level", "two-levels"])
def test_power_loss_at_each_step_of_a_commit_keeps_every_acknowledged_dataset(tmp_path: Path, two_levels: bool) -> None:
    """What a power loss at each step could leave on disk, under the weakest
    POSIX reading: only what was fsynced; everything unsynced but the first
    operation in each folder (a later rename reached the disk, an earlier
    mkdir did not); and a random subset of the unsynced operations with
    random prefixes of unsynced bytes. Dataset 3 must be there once its commit's last folder fsync had
    returned; before that it may or may not be; whatever restart returns must
    be intact, with nothing skipped."""
    rng = random.Random(7)
    template = tmp_path / "template"
    template_store(template, two_levels)
    trace, index_replace = commit_trace(template, tmp_path / "trace", two_levels)
    # the commit is durable once the fsync of the root folder after the index rename returns
    durable_at = next(s.index for s in trace[index_replace:] if s.op == "fsync")
    steps = [s for s in trace if s.index > index_replace] if two_levels else trace
    seen = set()
    for step in [*steps, None]:
        name = step.index if step else "done"
        work = tmp_path / f"live{name}"
        shutil.copytree(template, work)
        fos = PowerLossOs(work)
        store = open_with(work, fos, two_levels)
        if step is not None:
            fos.arm(step.index, "crash")
            with pytest.raises(SimulatedCrash):
                commit(store)
        else:
            commit(store)  # acknowledged: must survive the power loss after it
        for level in store.levels:
            if level.lock:
                level.lock.abandon()
        for view in ("synced", "drop-first", "random"):
            after = tmp_path / f"after{name}-{view}"
            fos.materialize(after, rng=rng, view=view)
            with open_plain(after, two_levels) as fresh:
                newest = fresh.have_restart().id
                if step is None or step.index > durable_at:
                    assert newest == 3, (step, view)
                elif view == "synced":
                    assert newest == 2, (step, view)
                seen.add(newest)
                check_restart(fresh, newest)
                if view == "synced":  # and the store goes on
                    assert commit(fresh).id > newest
            shutil.rmtree(after)
        shutil.rmtree(work)
    assert seen == {2, 3}


def test_power_loss_while_creating_a_store(tmp_path: Path) -> None:
    rng = random.Random(11)
    work = tmp_path / "trace"
    work.mkdir()
    fos = FaultyOs()
    with CheckpointStore.open(LocalStorage(work / "s", fos), fingerprint=FP) as store:
        commit(store)
    n = len(fos.trace)
    for i in range(n):
        live = tmp_path / f"live{i}"
        live.mkdir()
        fos = PowerLossOs(live)
        fos.arm(i, "crash")
        store = None
        with pytest.raises(SimulatedCrash):
            store = CheckpointStore.open(LocalStorage(live / "s", fos), fingerprint=FP)
            commit(store)
        if store is not None:
            store.levels[0].lock.abandon()
        for view in ("synced", "drop-first", "random"):
            after = tmp_path / f"after{i}-{view}"
            fos.materialize(after, rng=rng, view=view)
            with CheckpointStore.open(after / "s", fingerprint=FP) as fresh:
                info = fresh.have_restart()
                assert info is None or info.id == 1
                if info:
                    check_restart(fresh, 1)
                if view == "synced":
                    commit(fresh)
            shutil.rmtree(after)
        shutil.rmtree(live)


def test_user_errors_at_open_are_one_line(tmp_path: Path) -> None:
    storage = FaultyStorage(tmp_path / "s")
    storage.faults.arm(0, "eacces")
    with pytest.raises(QckptError, match=r"^error: cannot lock checkpoint store .*: Permission denied \(EACCES\)$"):
        CheckpointStore.open(storage, fingerprint=FP)
    probe = FaultyStorage(tmp_path / "probe")
    probe.faults.record()
    CheckpointStore.open(probe, fingerprint=FP).close()
    header_step = next(s.index for s in probe.faults.trace if s.op == "write" and ".tmp-qckpt-store.json" in s.path)
    storage.faults.arm(header_step, "enospc")
    with pytest.raises(QckptError, match=r"^error: cannot create a checkpoint store at .*: No space left on device \(ENOSPC\)$"):
        CheckpointStore.open(storage, fingerprint=FP)
    with CheckpointStore.open(tmp_path / "s", fingerprint=FP) as store:  # nothing half-made stands in the way
        commit(store)


def test_permission_denied_is_a_clear_error(tmp_path: Path) -> None:
    """A store directory the user may not write. Root ignores permissions,
    so as root the opener runs in a child process as the 'nobody' user."""
    if os.geteuid() != 0:
        (tmp_path / "s").mkdir()
        os.chmod(tmp_path / "s", 0o500)
        try:
            with pytest.raises(QckptError, match="Permission denied"):
                CheckpointStore.open(tmp_path / "s", fingerprint=FP)
        finally:
            os.chmod(tmp_path / "s", 0o700)
        return
    import subprocess
    import sys
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="qckpt-perm-"))
    try:
        os.chmod(base, 0o755)
        (base / "s").mkdir(mode=0o755)  # owned by root: 'nobody' may read, not write
        code = (
            "import os, sys\n"
            "from qckpt.diagnostics import QckptError\n"
            "from qckpt.runtime.store import CheckpointStore\n"
            "os.setgid(65534); os.setuid(65534)  # after the imports: root's home is not readable by nobody\n"
            "try:\n"
            f"    CheckpointStore.open({str(base / 's')!r}, fingerprint={FP!r})\n"
            "except QckptError as e:\n"
            "    print(e.render()); sys.exit(3)\n"
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 3, proc.stderr
        assert "Permission denied" in proc.stdout and "Traceback" not in proc.stderr
    finally:
        import shutil

        shutil.rmtree(base, ignore_errors=True)


# -- real SIGKILLs ------------------------------------------------------------------------------


def test_kill9_while_committing_and_journaling(tmp_path: Path) -> None:
    """A real worker process, SIGKILLed at random moments, again and again on
    the same two-level store and journal (the long run is
    benchmarks/store_chaos.py). Each round checks what kill_round documents:
    the store opens, restart is at least as new as every reported commit and
    byte-exact, the journal is an exact prefix covering every synced frame."""
    rng = random.Random(20240607)
    store_dir, pfs, jpath = tmp_path / "fast", tmp_path / "pfs", tmp_path / "run.journal"
    committed = 0
    rounds = []
    deadline = time.monotonic() + 12
    while time.monotonic() < deadline and len(rounds) < 30:
        # every other round is killed at a random time from its start (maybe
        # while it opens and recovers), the others while they commit
        n = len(rounds)
        delay = rng.uniform(0.08, 0.4) if n % 2 else rng.uniform(0.0, 0.25)
        r = kill_round(str(store_dir), str(pfs), str(jpath), seed=n, delay=delay, committed_before=committed, after_ready=n % 2 == 0)
        committed = max([committed, *r.commits])
        rounds.append(r)
    started = [r for r in rounds if r.started]
    assert len(rounds) >= 8 and len(started) >= 5 and committed >= 5, rounds
    # the kills landed while work was going on, not only before it started
    assert sum(len(r.commits) > 0 for r in rounds) >= 3
    print(
        f"{len(rounds)} kills, {committed} datasets, {sum(r.interrupted for r in rounds)} interrupted commits removed, "
        f"{sum(r.journal_torn is not None for r in rounds)} torn journal tails"
    )


# -- a real, small file system ---------------------------------------------------------------------


def _mount_command(kind: str, tmp_path: Path, mnt: Path) -> str:
    if kind == "tmpfs":
        return f"mount -t tmpfs -o size=768k tmpfs {mnt}"
    img = tmp_path / "fs.img"
    with open(img, "wb") as f:
        f.truncate(4 << 20)
    mkfs = shutil.which("mkfs.ext4")
    if mkfs is None:
        pytest.skip("mkfs.ext4 is not installed")
    r = subprocess.run([mkfs, "-q", "-F", str(img)], capture_output=True, text=True)
    if r.returncode:
        pytest.skip(f"mkfs.ext4 failed: {r.stderr.strip()}")
    return f"mount -o loop {img} {mnt}"


@pytest.mark.parametrize("kind", ["tmpfs", "ext4-loop"])
def test_a_real_full_file_system(tmp_path: Path, kind: str) -> None:
    """Fill a small real file system (in a private mount namespace, so the
    mount dies with the process) until the store and the journal hit ENOSPC."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    if shutil.which("unshare") is None:
        pytest.skip("unshare(1) is not installed")
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    mount = _mount_command(kind, tmp_path, mnt)
    script = f"{mount} || {{ echo MOUNT-FAILED >&2; exit 97; }}; exec {sys.executable} -m qckpt.testing fill-disk {mnt}"
    proc = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script], capture_output=True, text=True, timeout=120)
    if proc.returncode == 97 or "unshare failed" in proc.stderr:
        pytest.skip(f"cannot mount a {kind} here: {proc.stderr.strip()}")
    assert proc.returncode == 0, proc.stderr
    rep = json.loads(proc.stdout)
    assert len(rep["committed"]) >= 2, rep
    last = rep["committed"][-1]
    err = rep["store_error"]
    assert err is not None and "\n" not in err and "No space left on device (ENOSPC)" in err, err
    assert rep["tmp_left"] == []  # the failed commit cleaned up after itself
    assert rep["after_error_restart"] == last
    assert rep["reopen_restart"] == last and rep["reopen_skipped"] == [] and rep["reopen_intact"]
    assert rep["all_verified"]
    assert rep["after_free_commit"] == last + 1, rep  # the failed commit left nothing, so its id is free again
    assert rep["final_restart"] == last + 1
    assert rep["journal_error"] is not None and "No space left on device" in rep["journal_error"]
    assert rep["journal_replay"] == rep["journal_synced"] and rep["journal_replay_ok"] and rep["journal_replay_clean"]
    assert rep["journal_reopen_frames"] >= rep["journal_synced"]
