"""The checkpoint store's API and on-disk format, on real directories.

Every test reads the bytes back from disk (or through a fresh store), so a
store that only looked right in memory fails them."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qckpt.diagnostics import QckptError
from qckpt.runtime.store import CheckpointStore, dataset_dir
from qckpt.testing.crash_worker import dataset_objects
from qckpt.testing.faulty_os import FaultyStorage

FP = "sha256:" + "ab" * 32
OTHER_FP = "sha256:" + "cd" * 32


def commit(store: CheckpointStore, objects: dict[str, bytes] | None = None, valid: bool = True, name: str | None = None):
    w = store.start_output(name)
    for n, data in (objects if objects is not None else dataset_objects(w.id)).items():
        w.write(n, data)
    return w.complete(valid=valid)


def read_all(reader) -> dict[str, bytes]:
    return {n: reader.read(n) for n in reader.objects()}


def test_commit_writes_objects_manifest_and_index_on_disk(tmp_path: Path) -> None:
    state = os.urandom(5000)
    with CheckpointStore.open(tmp_path / "s", fingerprint=FP) as store:
        info = commit(store, {"state": state, "params": b"\x00\x01"}, name="iter-7")
    assert info.id == 1 and info.valid and info.bytes == 5002 and info.levels == ("fast",)
    ds = tmp_path / "s" / "ds-000001"
    assert sorted(p.name for p in ds.iterdir()) == ["MANIFEST.json", "params", "state"]
    assert (ds / "state").read_bytes() == state
    man = json.loads((ds / "MANIFEST.json").read_bytes())
    assert man["format"] == "qckpt-dataset" and man["version"] == 1
    assert man["fingerprint"] == FP and man["id"] == 1 and man["name"] == "iter-7" and man["valid"] is True
    assert man["objects"]["state"] == {"size": 5000, "sha256": hashlib.sha256(state).hexdigest()}
    index = json.loads((tmp_path / "s" / "index.json").read_bytes())
    [entry] = index["datasets"]
    assert entry["id"] == 1 and entry["valid"] is True
    assert entry["manifest_sha256"] == hashlib.sha256((ds / "MANIFEST.json").read_bytes()).hexdigest()
    header = json.loads((tmp_path / "s" / "qckpt-store.json").read_bytes())
    assert header["format"] == "qckpt-checkpoint-store" and header["fingerprint"] == FP
    # no unfinished writes left anywhere
    assert not [p for p in (tmp_path / "s").rglob(".tmp-*")]


def test_restart_reads_back_the_newest_dataset_in_a_new_process_view(tmp_path: Path) -> None:
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        assert store.have_restart() is None
        for _ in range(4):
            commit(store)
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        info = store.have_restart()
        assert info is not None and info.id == 4 and info.checksums_ok
        reader = store.start_restart()
        assert reader.skipped == [] and read_all(reader) == dataset_objects(4)
        with pytest.raises(QckptError, match="has no object 'nope'"):
            reader.read("nope")
        # new datasets descend from the one restarted from
        assert commit(store).parent == 4


def test_ids_increase_across_reopen_abort_and_failed_commit(tmp_path: Path) -> None:
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        assert commit(store).id == 1
        w = store.start_output()
        w.abort()  # id 2 is spent, nothing written
        assert not (tmp_path / "ds-000002").exists()
        assert commit(store).id == 3
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        assert commit(store).id == 4
        with pytest.raises(QckptError, match="still being written"):
            store.start_output(), store.start_output()


def test_writer_context_manager_commits_or_drops(tmp_path: Path) -> None:
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        with store.start_output() as w:
            w.write("a", b"1")
        with pytest.raises(RuntimeError):
            with store.start_output() as w:
                w.write("a", b"2")
                raise RuntimeError("the program failed mid-checkpoint")
        assert [d.id for d in store.datasets()] == [1]
        assert store.start_restart().read("a") == b"1"
    assert not (tmp_path / "ds-000002").exists()


def test_object_names_are_checked(tmp_path: Path) -> None:
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        w = store.start_output()
        for bad in ["", "../x", ".hidden", "a/b", "MANIFEST.json", "x" * 200]:
            with pytest.raises(QckptError, match="bad object name"):
                w.write(bad, b"")
        w.write("ok", b"")
        with pytest.raises(QckptError, match="already written"):
            w.write("ok", b"")
        w.complete()
        with pytest.raises(QckptError, match="already complete"):
            w.write("late", b"")


def test_invalid_dataset_is_recorded_and_skipped(tmp_path: Path) -> None:
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        commit(store)
        bad = commit(store, valid=False)
        assert not bad.valid
    index = json.loads((tmp_path / "index.json").read_bytes())
    assert [(e["id"], e["valid"]) for e in index["datasets"]] == [(1, True), (2, False)]
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        r = store.start_restart()
        assert r.id == 1 and r.skipped == [(2, "marked invalid by its writer")]


def test_fingerprint_mismatch_is_a_clear_error(tmp_path: Path) -> None:
    CheckpointStore.open(tmp_path, fingerprint=FP).close()
    with pytest.raises(QckptError, match=r"holds checkpoints of another program \(fingerprint sha256:abab"):
        CheckpointStore.open(tmp_path, fingerprint=OTHER_FP)
    # the failed open left the store unlocked and untouched
    with CheckpointStore.open(tmp_path) as store:
        assert store.fingerprint == FP


def test_a_directory_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("my data")
    with pytest.raises(QckptError, match="is not a qckpt checkpoint store.*refusing to write into it"):
        CheckpointStore.open(tmp_path, fingerprint=FP)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lock", "notes.txt"]
    (tmp_path / "notes.txt").unlink()
    (tmp_path / "qckpt-store.json").write_text('{"format": "scr-cache", "version": 3}')
    with pytest.raises(QckptError, match="made by another program"):
        CheckpointStore.open(tmp_path, fingerprint=FP)
    (tmp_path / "qckpt-store.json").write_bytes(b"\x89PNG\r\n")
    with pytest.raises(QckptError, match="not JSON"):
        CheckpointStore.open(tmp_path, fingerprint=FP)
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(QckptError, match="is not a directory"):
        CheckpointStore.open(f, fingerprint=FP)


def test_newer_format_version_is_refused(tmp_path: Path) -> None:
    from qckpt.runtime.store.layout import _seal

    CheckpointStore.open(tmp_path, fingerprint=FP).close()
    (tmp_path / "qckpt-store.json").write_bytes(
        _seal({"format": "qckpt-checkpoint-store", "version": 2, "fingerprint": FP, "created": 0.0})
    )
    with pytest.raises(QckptError, match="format version 2; this qckpt reads version 1"):
        CheckpointStore.open(tmp_path, fingerprint=FP)


def test_missing_store_with_create_false(tmp_path: Path) -> None:
    with pytest.raises(QckptError, match="no checkpoint store at"):
        CheckpointStore.open(tmp_path / "none", fingerprint=FP, create=False)
    with pytest.raises(QckptError, match="no checkpoint store at"):
        CheckpointStore.open(tmp_path / "none", readonly=True)
    with pytest.raises(QckptError, match="without a program fingerprint"):
        CheckpointStore.open(tmp_path / "new")


def test_second_open_in_the_same_process_is_refused(tmp_path: Path) -> None:
    store = CheckpointStore.open(tmp_path, fingerprint=FP)
    with pytest.raises(QckptError, match=rf"store {tmp_path} is in use by pid {os.getpid()} on {socket.gethostname()}"):
        CheckpointStore.open(tmp_path, fingerprint=FP)
    store.close()
    CheckpointStore.open(tmp_path, fingerprint=FP).close()


HOLDER = textwrap.dedent(
    """
    import sys, time
    from qckpt.runtime.store import CheckpointStore
    s = CheckpointStore.open(sys.argv[1], fingerprint=sys.argv[2])
    print("locked", flush=True)
    time.sleep(60)
    """
)


def _start_holder(path: Path) -> subprocess.Popen[str]:
    p = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), FP], stdout=subprocess.PIPE, text=True)
    assert p.stdout is not None and p.stdout.readline().strip() == "locked"
    return p


def test_live_holder_in_another_process_blocks_and_a_killed_one_is_recovered(tmp_path: Path) -> None:
    p = _start_holder(tmp_path)
    try:
        with pytest.raises(QckptError) as e:
            CheckpointStore.open(tmp_path, fingerprint=FP)
        assert str(e.value) == f"error: store {tmp_path} is in use by pid {p.pid} on {socket.gethostname()}"
        # inspect still works while the run holds the store, and writes nothing
        before = {q: q.stat().st_mtime_ns for q in tmp_path.rglob("*")}
        with CheckpointStore.open(tmp_path, readonly=True) as ro:
            assert ro.datasets() == [] and ro.have_restart() is None
            with pytest.raises(QckptError, match="read-only"):
                ro.start_output()
        assert {q: q.stat().st_mtime_ns for q in tmp_path.rglob("*")} == before
    finally:
        p.send_signal(signal.SIGKILL)
        p.wait()
    # the holder died without releasing: its pid is still in the lock file
    assert json.loads((tmp_path / "lock").read_text())["pid"] == p.pid
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        assert any(f"stale lock left by pid {p.pid}" in n for n in store.notes), store.notes
        assert json.loads((tmp_path / "lock").read_text())["pid"] == os.getpid()
    # a clean close leaves no holder behind, so the next open has nothing to recover
    assert (tmp_path / "lock").read_bytes() == b""
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        assert store.notes == []


def test_two_levels_flush_every_kth_and_restart_from_persistent_when_cache_is_lost(tmp_path: Path) -> None:
    fast, pfs = tmp_path / "node-local", tmp_path / "pfs"
    with CheckpointStore.open(fast, fingerprint=FP, persistent=pfs, flush_every=3, keep=None) as store:
        infos = [commit(store) for _ in range(7)]
    assert [i.levels for i in infos] == [("fast",)] * 2 + [("fast", "persistent")] + [("fast",)] * 2 + [("fast", "persistent")] + [("fast",)]
    assert sorted(p.name for p in pfs.glob("ds-*")) == ["ds-000003", "ds-000006"]
    assert (pfs / "ds-000006" / "state").read_bytes() == dataset_objects(6)["state"]
    # the node is lost: the fast level is gone
    shutil.rmtree(fast)
    with CheckpointStore.open(fast, fingerprint=FP, persistent=pfs, flush_every=3, create=False) as store:
        r = store.start_restart()
        assert r.id == 6 and r.level == "persistent" and read_all(r) == dataset_objects(6)
        assert commit(store).id == 7  # ids go on from what the store holds
    # readonly on a cache that is gone still inspects the persistent level
    shutil.rmtree(fast)
    with CheckpointStore.open(fast, persistent=pfs, readonly=True) as ro:
        assert [d.id for d in ro.datasets()] == [3, 6]


def test_keep_prunes_old_datasets_from_disk(tmp_path: Path) -> None:
    with CheckpointStore.open(tmp_path, fingerprint=FP, keep=2) as store:
        for _ in range(5):
            commit(store)
        commit(store, valid=False)
        assert [d.id for d in store.datasets()] == [4, 5, 6]
    assert sorted(p.name for p in tmp_path.glob("ds-*")) == ["ds-000004", "ds-000005", "ds-000006"]


def test_interrupted_commit_leftovers_are_removed_on_open(tmp_path: Path) -> None:
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        commit(store)
    # what a writer killed before its index update leaves: a complete-looking
    # dataset folder the index does not list, and temp files
    shutil.copytree(tmp_path / "ds-000001", tmp_path / "ds-000002")
    (tmp_path / "ds-000003").mkdir()
    (tmp_path / "ds-000003" / ".tmp-state.123.0").write_bytes(b"half")
    (tmp_path / ".tmp-index.json.123.1").write_bytes(b"{")
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        assert sum("interrupted" in n for n in store.notes) == 2
        assert store.start_restart().id == 1
        # ids never go back below a folder that was seen on disk
        assert commit(store).id == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds-000001", "ds-000004", "index.json", "lock", "qckpt-store.json"]


def test_corrupt_index_is_rebuilt_from_manifests(tmp_path: Path) -> None:
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        commit(store)
        commit(store)
        commit(store, valid=False)
    raw = bytearray((tmp_path / "index.json").read_bytes())
    raw[len(raw) // 2] ^= 0x01
    (tmp_path / "index.json").write_bytes(bytes(raw))
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        assert any("index.json is corrupt" in n and "rebuilt it from 3" in n for n in store.notes), store.notes
        r = store.start_restart()
        assert r.id == 2 and r.skipped == [(3, "marked invalid by its writer")]
    # and it was rewritten, so the next open is clean
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        assert store.notes == []
    (tmp_path / "index.json").unlink()
    with CheckpointStore.open(tmp_path, readonly=True) as ro:
        assert "missing" in ro.notes[0] and ro.start_restart().id == 2
    assert not (tmp_path / "index.json").exists()  # readonly never writes


def test_datasets_lists_what_inspect_shows(tmp_path: Path) -> None:
    with CheckpointStore.open(tmp_path, fingerprint=FP) as store:
        commit(store, {"a": b"12345"}, name="first")
        commit(store, {"a": b"x", "b": b"yy"})
        ds = store.datasets(verify=True)
    assert [(d.id, d.name, d.valid, d.bytes, d.checksums_ok, [o.name for o in d.objects]) for d in ds] == [
        (1, "first", True, 5, True, ["a"]),
        (2, None, True, 3, True, ["a", "b"]),
    ]
    assert ds[0].objects[0].sha256 == hashlib.sha256(b"12345").hexdigest()
    assert ds[1].created >= ds[0].created


def test_a_commit_costs_n_plus_1_file_fsyncs(tmp_path: Path) -> None:
    """Objects are batched: each file fsynced once, each folder once."""
    storage = FaultyStorage(tmp_path)
    with CheckpointStore.open(storage, fingerprint=FP) as store:
        commit(store)
        storage.faults.record()
        commit(store, {f"o{k}": b"x" * k for k in range(10)})
        fsyncs = [s.path for s in storage.faults.trace if s.op == "fsync"]
    ds = str(tmp_path / "ds-000002")
    # 10 objects + manifest, the new folder, its parent (new entry), then the index file and the root again
    assert len([p for p in fsyncs if p.startswith(ds + "/")]) == 11
    assert fsyncs[11:] == [ds, str(tmp_path), fsyncs[13], str(tmp_path)]
    assert ".tmp-index.json" in fsyncs[13]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ops=st.lists(st.sampled_from(["commit", "invalid", "reopen", "abort"]), min_size=1, max_size=14),
    keep=st.sampled_from([1, 2, None]),
)
def test_restart_is_always_the_newest_valid_commit(tmp_path_factory, ops, keep) -> None:
    path = tmp_path_factory.mktemp("prop")
    store = CheckpointStore.open(path, fingerprint=FP, keep=keep)
    newest_valid = None
    try:
        for op in ops:
            if op == "reopen":
                store.close()
                store = CheckpointStore.open(path, fingerprint=FP, keep=keep)
            elif op == "abort":
                store.start_output().abort()
            else:
                info = commit(store, valid=(op == "commit"))
                if info.valid:
                    newest_valid = info.id
            got = store.have_restart()
            assert (got.id if got else None) == newest_valid
        if newest_valid is not None:
            assert read_all(store.start_restart()) == dataset_objects(newest_valid)
    finally:
        store.close()
    ids = sorted(int(p.name[3:]) for p in path.glob("ds-*"))
    assert ids == sorted(ids) and (not ids or newest_valid in ids or newest_valid is None)
    if keep is not None:
        index = json.loads((path / "index.json").read_bytes())["datasets"]
        assert sum(e["valid"] for e in index) <= keep
        assert {e["id"] for e in index} == set(ids)


def test_dataset_dir_names_sort_by_id() -> None:
    assert dataset_dir(42) == "ds-000042" and dataset_dir(1234567) == "ds-1234567"
