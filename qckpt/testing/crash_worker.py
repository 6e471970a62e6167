"""The process the kill -9 tests shoot, and what they check after each kill.

:func:`worker` (run as ``python -m qckpt.testing worker``) commits datasets
and appends journal frames with contents that are a pure function of their
ids, and prints each commit / sync once it has returned; :func:`kill_round`
starts it, SIGKILLs it after a delay and reports what the store and the
journal recovered. :func:`run_fill_disk` fills a small real file system with
the same contents until it is full.
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
from dataclasses import dataclass


FINGERPRINT = "sha256:" + "5" * 64
"""The program fingerprint the crash worker uses."""


def object_payload(dataset_id: int, name: str, max_size: int = 49152) -> bytes:
    """The bytes the worker writes as ``name`` in dataset ``dataset_id``:
    a pure function of both, of size 0..max_size (default ~48 KiB)."""
    size = (dataset_id * 7919 + len(name) * 104729) % max_size
    return hashlib.shake_256(f"{dataset_id}/{name}".encode()).digest(size)


def dataset_objects(dataset_id: int, max_size: int = 49152) -> dict[str, bytes]:
    names = ["state", "meta"] + [f"extra{k}" for k in range(dataset_id % 3)]
    return {n: object_payload(dataset_id, n, max_size) for n in names}


def frame_payload(seq: int) -> bytes:
    """Journal frame ``seq`` as the worker appends it (0..~3 KiB)."""
    size = (seq * 2654435761) % 3072
    return seq.to_bytes(8, "little") + hashlib.shake_256(seq.to_bytes(8, "little")).digest(size)


def worker(store_dir: str, journal_path: str, seed: int, persistent: str | None = None) -> None:
    """Commit datasets and append journal frames until killed.

    Prints ``R <dataset id or 0> <journal frames>`` once it has opened and
    recovered, ``C <id>`` after each ``complete()`` returned and
    ``J <n>`` after each ``sync()`` returned (n frames durable). Each line is
    flushed before the next step starts, so the parent knows a lower bound
    of what must survive.
    """
    from qckpt.runtime.store.journal import Journal
    from qckpt.runtime.store import CheckpointStore

    rng = random.Random(seed)
    out = sys.stdout
    store = CheckpointStore.open(store_dir, fingerprint=FINGERPRINT, persistent=persistent, flush_every=3, keep=3)
    info = store.have_restart()
    if info is not None:
        reader = store.start_restart()
        for name, want in dataset_objects(info.id).items():
            if reader.read(name) != want:
                raise SystemExit(f"worker: dataset {info.id} object {name} differs after restart")
    journal = Journal.open(journal_path, sync_interval=None)
    seq = journal.frames
    out.write(f"R {info.id if info else 0} {seq}\n")
    out.flush()
    while True:
        w = store.start_output()
        for name, data in dataset_objects(w.id).items():
            w.write(name, data)
        w.complete()
        out.write(f"C {w.id}\n")
        out.flush()
        for _ in range(rng.randint(1, 12)):
            journal.append(frame_payload(seq))
            seq += 1
            if rng.random() < 0.3:
                journal.sync()
                out.write(f"J {journal.synced_frames}\n")
                out.flush()


@dataclass
class KillRound:
    """What one kill -9 round saw (see :func:`kill_round`)."""

    started: bool  # the worker got past opening and recovering
    commits: list[int]  # ids it reported committed before it died
    restart_id: int | None  # what the store restarts from after the kill
    interrupted: bool  # the store removed a dataset whose commit the kill cut short
    stale_lock: bool  # the store recovered the worker's lock
    journal_frames: int
    journal_synced: int  # frames the worker knew were durable
    journal_torn: str | None  # why the journal replay stopped early, if it did


def kill_round(
    store_dir: str, pfs: str, journal_path: str, seed: int, delay: float, committed_before: int, after_ready: bool = False
) -> KillRound:
    """Start :func:`worker`, SIGKILL it ``delay`` seconds after it started
    (or, with ``after_ready``, after it has opened the store and journal:
    on a loaded machine start-up alone can take longer than ``delay``), and check
    what it left: the store opens; restart returns a dataset at least as new
    as every commit the worker reported, byte for byte; every dataset passes
    its checksums; the journal replays the frames 0..n-1 exactly, with n at
    least the count the worker reported synced. Raises AssertionError
    otherwise."""
    import select
    import signal
    import subprocess
    import time

    from qckpt.runtime.store.journal import Journal
    from qckpt.runtime.store import CheckpointStore

    p = subprocess.Popen(
        [sys.executable, "-m", "qckpt.testing", "worker", store_dir, journal_path, str(seed), pfs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first = ""
    if after_ready:
        assert p.stdout is not None
        ready, _, _ = select.select([p.stdout], [], [], 30)
        if ready:
            first = p.stdout.readline()
    time.sleep(delay)
    p.send_signal(signal.SIGKILL)
    out, err = p.communicate()
    out = first + out
    if p.returncode != -signal.SIGKILL:
        raise AssertionError(f"the worker ended on its own (exit {p.returncode}): {err.strip()[-500:]}")
    lines = [ln.split() for ln in out.splitlines() if ln.strip()]
    commits = [int(x[1]) for x in lines if x[0] == "C"]
    synced = max([int(x[1]) for x in lines if x[0] == "J"], default=0)
    started = [x for x in lines if x[0] == "R"]
    if started:
        if int(started[0][1]) < committed_before:
            raise AssertionError(f"the worker restarted from {started[0][1]}, older than commit {committed_before}")
        synced = max(synced, int(started[0][2]))
    committed = max([committed_before, *commits])
    with CheckpointStore.open(store_dir, fingerprint=FINGERPRINT, persistent=pfs, flush_every=3) as store:
        stale = any("stale lock" in n for n in store.notes)
        if started and not stale:
            raise AssertionError(f"the killed worker's lock was not reported as recovered: {store.notes}")
        restart_id = None
        if committed:
            r = store.start_restart()
            restart_id = r.id
            if r.id < committed or r.skipped:
                raise AssertionError(f"restart from {r.id} (skipped {r.skipped}), but {committed} was committed")
            for name, want in dataset_objects(r.id).items():
                if r.read(name) != want:
                    raise AssertionError(f"dataset {r.id} object {name} differs from what was written")
        bad = [(d.id, d.problem) for d in store.datasets(verify=True) if not d.checksums_ok]
        if bad:
            raise AssertionError(f"datasets fail their checksums after a kill: {bad}")
        interrupted = any("interrupted" in n for n in store.notes)
    frames, torn = 0, None
    if os.path.exists(journal_path):
        rep = Journal.replay(journal_path)
        frames, torn = len(rep), rep.reason
        if len(rep) < synced:
            raise AssertionError(f"the journal replays {len(rep)} frames, {synced} were synced ({rep.reason})")
        for k, frame in enumerate(rep):
            if frame != frame_payload(k):
                raise AssertionError(f"journal frame {k} differs from what was appended")
    return KillRound(bool(started), commits, restart_id, interrupted, stale, frames, synced, torn)




def run_fill_disk(mount_dir: str) -> dict:
    """Fill a small real file system with datasets and journal frames until
    it is full; report what happened (for the tmpfs / loop-mount test, which
    runs this in a private mount namespace)."""
    from qckpt.diagnostics import QckptError
    from qckpt.runtime.store.journal import Journal
    from qckpt.runtime.store import CheckpointStore

    report: dict = {"committed": [], "store_error": None, "journal_error": None}
    store_dir = os.path.join(mount_dir, "store")
    jpath = os.path.join(mount_dir, "run.journal")
    ballast = os.path.join(mount_dir, "ballast")
    journal = Journal.open(jpath, sync_interval=None)
    # Ballast fills all but ~400 KiB (so the store fills up after a few
    # datasets, whatever the file system's size); freed later to show the
    # store goes on.
    st = os.statvfs(mount_dir)
    with open(ballast, "wb") as f:
        f.write(b"\1" * max(200_000, st.f_bavail * st.f_frsize - 400_000))
        f.flush()
        os.fsync(f.fileno())
    store = CheckpointStore.open(store_dir, fingerprint=FINGERPRINT, keep=None)
    for i in range(1, 10_000):
        w = store.start_output()
        try:
            for name, data in dataset_objects(i).items():
                w.write(name, data)
            info = w.complete()
        except QckptError as e:
            report["store_error"] = str(e)
            break
        report["committed"].append(info.id)
    report["tmp_left"] = [os.path.join(d, n) for d, _, names in os.walk(store_dir) for n in names if n.startswith(".tmp-")]
    report["after_error_restart"] = getattr(store.have_restart(), "id", None)
    store.close()
    # the journal on the full disk
    synced = journal.synced_frames
    seq = synced
    for _ in range(100_000):
        journal.append(frame_payload(seq))
        seq += 1
        try:
            journal.sync()
        except QckptError as e:
            report["journal_error"] = str(e)
            break
        synced = journal.synced_frames
    report["journal_synced"] = synced
    rep = Journal.replay(jpath)
    report["journal_replay"] = len(rep)
    report["journal_replay_ok"] = list(rep) == [frame_payload(k) for k in range(len(rep))]
    report["journal_replay_clean"] = rep.clean
    try:
        journal.close()
    except QckptError as e:
        report["journal_close_error"] = str(e)
    # reopen the full store: it must open, and restart from the newest commit intact
    s2 = CheckpointStore.open(store_dir, fingerprint=FINGERPRINT, keep=None)
    report["reopen_notes"] = s2.notes
    r = s2.start_restart()
    report["reopen_restart"] = r.id
    report["reopen_skipped"] = r.skipped
    report["reopen_intact"] = all(r.read(n) == d for n, d in dataset_objects(r.id).items())
    report["all_verified"] = all(d.checksums_ok for d in s2.datasets(verify=True))
    # free space: the same store commits again
    os.unlink(ballast)
    w = s2.start_output()
    for name, data in dataset_objects(w.id).items():
        w.write(name, data)
    try:
        report["after_free_commit"] = w.complete().id
    except QckptError as e:
        report["after_free_commit"] = None
        report["after_free_error"] = str(e)
    s2.close()
    s3 = CheckpointStore.open(store_dir, fingerprint=FINGERPRINT, keep=None)
    report["final_restart"] = getattr(s3.have_restart(), "id", None)
    s3.close()
    j2 = Journal.open(jpath, sync_interval=None)
    report["journal_reopen_frames"] = j2.frames
    j2.close()
    return report
