"""Test support for the checkpoint store and the journal: fault injection, a
power-loss model, and the worker process the kill -9 tests shoot.

Nothing here is used by the runtime itself. It lives in the package (not in
``tests/``) because the chaos tests, the kill -9 worker subprocess and
``benchmarks/store_chaos.py`` all need it.

- :class:`FaultyOs` sits under :class:`~qckpt.runtime.store.storage.LocalStorage`
  (and the journal) and fails one chosen system call, against real files:
  ENOSPC / EIO / EACCES, a short write, a short write then ENOSPC, a failed
  fsync or rename, or a simulated crash after which every call fails (the
  process is "dead", so no cleanup code runs). It records a trace of the
  calls, so a test can first record the steps of a commit and then fail each
  one in turn.
- :class:`PowerLossOs` additionally tracks what is *durable*: file contents
  as of their last fsync, folder entries as of their folder's last fsync.
  :meth:`PowerLossOs.materialize` writes that durable view to another
  directory: what a machine would find after losing power at that instant,
  under the weakest POSIX reading (no ordering between unsynced operations).
- :func:`worker` is the process the kill -9 tests start and SIGKILL: it
  commits datasets and appends journal frames with contents that are a pure
  function of their ids, and prints each commit / sync once it has returned.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import sys
from dataclasses import dataclass

from qckpt.runtime.store.storage import LocalStorage, OsCalls


class SimulatedCrash(BaseException):
    """The process died at this step. A BaseException, so that no
    ``except OSError`` / ``except Exception`` in the code under test can
    swallow it, as nothing can catch a SIGKILL."""


@dataclass(frozen=True)
class Step:
    index: int
    op: str
    path: str


WRITE_FAULTS = ("enospc", "eio", "short", "short-enospc", "crash", "crash-mid-write")
"""Faults that make sense on a ``write`` step."""
OTHER_FAULTS = ("eio", "enospc", "crash")


def faults_for(op: str) -> tuple[str, ...]:
    """The faults worth injecting at a step of kind ``op``."""
    if op == "write":
        return WRITE_FAULTS
    if op == "open":
        return ("enospc", "eacces", "crash")
    if op in ("fsync", "close"):
        return ("eio", "crash")
    return OTHER_FAULTS


_ERRNO = {"enospc": errno.ENOSPC, "eio": errno.EIO, "eacces": errno.EACCES, "erofs": errno.EROFS}


class FaultyOs(OsCalls):
    """:class:`OsCalls` that can fail its n-th mutating call.

    ``arm(step, fault)`` counts from the moment it is called: step 0 is the
    next mutating call (open, write, fsync, close, ftruncate, replace, unlink,
    mkdir, rmdir). ``trace`` lists the calls made since the last
    :meth:`record` or :meth:`arm`. Reads can be failed with
    :meth:`fail_reads`.
    """

    def __init__(self) -> None:
        self.trace: list[Step] = []
        self._armed: tuple[int, str] | None = None
        self._count = 0
        self.crashed = False
        self.fired: Step | None = None
        self._enospc_next_write = False
        self._fd_paths: dict[int, str] = {}
        self._read_fault: tuple[str, int] | None = None

    def record(self) -> None:
        self.trace = []
        self._count = 0

    def arm(self, step: int, fault: str) -> None:
        self.record()
        self._armed = (step, fault)
        self.fired = None

    def disarm(self) -> None:
        self._armed = None
        self._enospc_next_write = False

    def fail_reads(self, path_contains: str, err: int = errno.EIO) -> None:
        self._read_fault = (path_contains, err)

    # the step machinery

    def _step(self, op: str, path: str) -> str | None:
        """Record a step; return the fault to apply to it, if armed for it."""
        if self.crashed:
            raise SimulatedCrash(f"{op} {path} after the crash")
        step = Step(self._count, op, path)
        self.trace.append(step)
        self._count += 1
        if self._armed and self._armed[0] == step.index:
            fault = self._armed[1]
            self._armed = None
            self.fired = step
            if op != "write" and fault in ("short", "short-enospc"):
                raise ValueError(f"fault {fault!r} applies to write steps, step {step.index} is {op}")
            if fault == "crash" or (fault == "crash-mid-write" and op != "write"):
                self.crashed = True
                raise SimulatedCrash(f"crash at step {step.index}: {op} {path}")
            if fault in _ERRNO:
                code = _ERRNO[fault]
                raise OSError(code, os.strerror(code), path)
            return fault
        return None

    def open(self, path: str, flags: int, mode: int = 0o644) -> int:
        self._step("open", path)
        fd = super().open(path, flags, mode)
        self._fd_paths[fd] = path
        return fd

    def write(self, fd: int, data: bytes | memoryview) -> int:
        path = self._fd_paths.get(fd, f"fd {fd}")
        if self._enospc_next_write:
            self._enospc_next_write = False
            self._step("write", path)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
        fault = self._step("write", path)
        if fault in ("short", "short-enospc", "crash-mid-write") and len(data) > 1:
            n = super().write(fd, data[: len(data) // 2])
            if fault == "short-enospc":
                self._enospc_next_write = True
            if fault == "crash-mid-write":
                self.crashed = True
                raise SimulatedCrash(f"crash in the middle of writing {path}")
            return n
        return super().write(fd, data)

    def fsync(self, fd: int) -> None:
        self._step("fsync", self._fd_paths.get(fd, f"fd {fd}"))
        super().fsync(fd)

    def close(self, fd: int) -> None:
        path = self._fd_paths.pop(fd, f"fd {fd}")
        try:
            self._step("close", path)
        except OSError:
            os.close(fd)  # a failed close still releases the descriptor
            raise
        except SimulatedCrash:
            os.close(fd)  # the kernel closes a dead process's files
            raise
        super().close(fd)

    def ftruncate(self, fd: int, length: int) -> None:
        self._step("ftruncate", self._fd_paths.get(fd, f"fd {fd}"))
        super().ftruncate(fd, length)

    def replace(self, src: str, dst: str) -> None:
        self._step("replace", dst)
        super().replace(src, dst)

    def unlink(self, path: str) -> None:
        self._step("unlink", path)
        super().unlink(path)

    def mkdir(self, path: str) -> None:
        self._step("mkdir", path)
        super().mkdir(path)

    def rmdir(self, path: str) -> None:
        self._step("rmdir", path)
        super().rmdir(path)

    def _read_check(self, path: str) -> None:
        if self.crashed:
            raise SimulatedCrash(f"read {path} after the crash")
        if self._read_fault and self._read_fault[0] in path:
            code = self._read_fault[1]
            raise OSError(code, os.strerror(code), path)

    def listdir(self, path: str) -> list[str]:
        self._read_check(path)
        return super().listdir(path)

    def read_file(self, path: str) -> bytes:
        self._read_check(path)
        return super().read_file(path)


class FaultyStorage(LocalStorage):
    """A :class:`LocalStorage` whose system calls go through a
    :class:`FaultyOs` (``storage.os``)."""

    def __init__(self, root: str | os.PathLike[str], faulty: FaultyOs | None = None):
        super().__init__(root, faulty or FaultyOs())

    @property
    def faults(self) -> FaultyOs:
        assert isinstance(self.os, FaultyOs)
        return self.os


# -- the power-loss model ---------------------------------------------------------


class PowerLossOs(FaultyOs):
    """A :class:`FaultyOs` that also models durability under ``root``.

    Files are inodes; a folder maps names to inodes or folders. Each has a
    live state (what the running process sees) and a durable state: an
    inode's content as of its last fsync, a folder's entries as of its last
    fsync (a new folder starts durable-empty; its entry in the parent is an
    operation on the parent). Folder operations since a folder's last fsync
    (create, rename, unlink, mkdir) are kept in order.

    :meth:`materialize` writes what a machine could find after losing power
    now. With no ``rng``: only what was fsynced. With an ``rng``: the weakest
    POSIX reading, where any subset of the unsynced folder operations may
    have reached the disk, in any combination (a rename without the mkdir
    before it, say), and a file may keep any prefix of its unsynced appended
    bytes (a torn tail). A store that survives many such samples does not
    depend on an ordering the file system never promised.
    """

    def __init__(self, root: str | os.PathLike[str]):
        super().__init__()
        self.root = os.path.abspath(os.fspath(root))
        self._ino = 0
        self._did = 0
        self.live: dict[int, bytearray] = {}
        self.durable: dict[int, bytes | None] = {}
        self.dirs_live: dict[int, dict[str, tuple[str, int]]] = {0: {}}
        self.dirs_durable: dict[int, dict[str, tuple[str, int]]] = {}
        self.dir_ops: dict[int, list[tuple]] = {}  # unsynced operations per folder, in order
        self._fds: dict[int, tuple[str, int]] = {}
        self._snapshot(self.root, 0)
        self.dirs_durable = {k: dict(v) for k, v in self.dirs_live.items()}
        self.dir_ops = {k: [] for k in self.dirs_live}
        self.durable = {k: bytes(v) for k, v in self.live.items()}

    def _snapshot(self, path: str, did: int) -> None:
        for name in sorted(os.listdir(path)):
            p = os.path.join(path, name)
            if os.path.isdir(p):
                self._did += 1
                self.dirs_live[did][name] = ("d", self._did)
                self.dirs_live[self._did] = {}
                self._snapshot(p, self._did)
            else:
                self._ino += 1
                with open(p, "rb") as f:
                    self.live[self._ino] = bytearray(f.read())
                self.dirs_live[did][name] = ("f", self._ino)

    def _resolve_parent(self, path: str) -> tuple[int, str] | None:
        rel = os.path.relpath(os.path.abspath(path), self.root)
        if rel == "." or rel.startswith(".."):
            return None
        parts = rel.split(os.sep)
        did = 0
        for part in parts[:-1]:
            node = self.dirs_live[did].get(part)
            if node is None or node[0] != "d":
                return None
            did = node[1]
        return did, parts[-1]

    def _resolve(self, path: str) -> tuple[str, int] | None:
        if os.path.abspath(path) == self.root:
            return ("d", 0)
        pn = self._resolve_parent(path)
        if pn is None:
            return None
        return self.dirs_live[pn[0]].get(pn[1])

    def _dir_op(self, did: int, op: tuple) -> None:
        _apply(self.dirs_live[did], op)
        self.dir_ops[did].append(op)

    def open(self, path: str, flags: int, mode: int = 0o644) -> int:
        fd = super().open(path, flags, mode)
        node = self._resolve(path)
        if node is None and flags & os.O_CREAT:
            pn = self._resolve_parent(path)
            if pn is not None:
                self._ino += 1
                node = ("f", self._ino)
                self.live[self._ino] = bytearray()
                self.durable[self._ino] = None
                self._dir_op(pn[0], ("set", pn[1], node))
        if node is not None:
            if node[0] == "f" and flags & os.O_TRUNC:
                del self.live[node[1]][:]
            self._fds[fd] = node
        return fd

    def write(self, fd: int, data: bytes | memoryview) -> int:
        try:
            n = super().write(fd, data)
        except SimulatedCrash:
            node = self._fds.get(fd)
            if node is not None and node[0] == "f":
                # crash-mid-write wrote part before dying: read back what is there
                with open(f"/proc/self/fd/{fd}", "rb") as f:
                    self.live[node[1]] = bytearray(f.read())
            raise
        node = self._fds.get(fd)
        if node is not None and node[0] == "f":
            buf = self.live[node[1]]
            end = os.lseek(fd, 0, os.SEEK_CUR)
            start = end - n
            if len(buf) < start:
                buf.extend(b"\0" * (start - len(buf)))
            buf[start:end] = bytes(data[:n])
        return n

    def fsync(self, fd: int) -> None:
        super().fsync(fd)
        node = self._fds.get(fd)
        if node is None:
            return
        if node[0] == "f":
            self.durable[node[1]] = bytes(self.live[node[1]])
        else:
            self.dirs_durable[node[1]] = dict(self.dirs_live[node[1]])
            self.dir_ops[node[1]] = []

    def close(self, fd: int) -> None:
        self._fds.pop(fd, None)
        super().close(fd)

    def ftruncate(self, fd: int, length: int) -> None:
        super().ftruncate(fd, length)
        node = self._fds.get(fd)
        if node is not None and node[0] == "f":
            buf = self.live[node[1]]
            del buf[length:]
            buf.extend(b"\0" * (length - len(buf)))

    def replace(self, src: str, dst: str) -> None:
        super().replace(src, dst)
        s, d = self._resolve_parent(src), self._resolve_parent(dst)
        if s is None or d is None:
            return
        node = self.dirs_live[s[0]][s[1]]
        if s[0] == d[0]:
            self._dir_op(s[0], ("rename", s[1], d[1], node))  # atomic within a folder
        else:
            self._dir_op(s[0], ("del", s[1]))
            self._dir_op(d[0], ("set", d[1], node))

    def unlink(self, path: str) -> None:
        super().unlink(path)
        pn = self._resolve_parent(path)
        if pn is not None:
            self._dir_op(pn[0], ("del", pn[1]))

    def mkdir(self, path: str) -> None:
        super().mkdir(path)
        pn = self._resolve_parent(path)
        if pn is not None:
            self._did += 1
            self.dirs_live[self._did] = {}
            self.dirs_durable[self._did] = {}
            self.dir_ops[self._did] = []
            self._dir_op(pn[0], ("set", pn[1], ("d", self._did)))

    def rmdir(self, path: str) -> None:
        super().rmdir(path)
        pn = self._resolve_parent(path)
        if pn is not None:
            self._dir_op(pn[0], ("del", pn[1]))

    def materialize(self, dst: str | os.PathLike[str], rng: random.Random | None = None, view: str | None = None) -> None:
        """Write a possible after-power-loss view of ``root`` into the empty
        folder ``dst``. ``view``:

        - ``"synced"`` (the default without ``rng``): only what was fsynced;
        - ``"random"`` (the default with ``rng``): a random one of the views
          the weakest POSIX reading allows: each unsynced folder operation
          persisted or not, each file with a random prefix of its unsynced
          appended bytes;
        - ``"drop-first"``: every unsynced folder operation persisted except
          the first in each folder, and unsynced bytes persisted: the later
          operation reached the disk, the earlier did not. It catches a
          reliance on ordering deterministically.
        """
        view = view or ("random" if rng is not None else "synced")
        if view == "random" and rng is None:
            raise ValueError("a random view needs an rng")
        dst = os.fspath(dst)
        os.makedirs(dst, exist_ok=True)
        self._build(0, dst, view, rng)

    def _build(self, did: int, path: str, view: str, rng: random.Random | None) -> None:
        entries = dict(self.dirs_durable.get(did, {}))
        for k, op in enumerate(self.dir_ops.get(did, [])):
            if (view == "random" and rng is not None and rng.random() < 0.5) or (view == "drop-first" and k > 0):
                _apply(entries, op)
        for name, (kind, key) in entries.items():
            p = os.path.join(path, name)
            if kind == "d":
                os.mkdir(p)
                self._build(key, p, view, rng)
                continue
            data = self.durable.get(key) or b""
            live = bytes(self.live.get(key, b""))
            if view != "synced" and len(live) > len(data) and live.startswith(data):
                extra = len(live) - len(data)
                data = live[: len(data) + (rng.randint(0, extra) if view == "random" and rng else extra)]
            with open(p, "wb") as f:
                f.write(data)


def _apply(entries: dict[str, tuple[str, int]], op: tuple) -> None:
    if op[0] == "set":
        entries[op[1]] = op[2]
    elif op[0] == "del":
        entries.pop(op[1], None)
    else:  # rename
        entries.pop(op[1], None)
        entries[op[2]] = op[3]


# -- deterministic contents for crash tests -------------------------------------------

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
        [sys.executable, "-m", "qckpt.testing.faulty_os", "worker", store_dir, journal_path, str(seed), pfs],
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


def children_of(pid: int) -> list[int]:
    """Direct children of a process (of every thread), from /proc."""
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def alive(pid: int) -> bool:
    """The process exists and is not a zombie (a dead child nobody reaped yet)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@dataclass
class RuntimeKills:
    """What :func:`kill_runtime_round` saw."""

    kills: int
    orphans: list[int]  # backend processes still alive after their runtime was SIGKILLed
    sessions_with_progress: int  # kills after which the store held more finished shots than before
    mid_run: int  # kills that came while qir-runner processes were running
    final: object  # the CompletedProcess of the last, uninterrupted resume
    progress: list[int]  # finished shots (committed + journaled) after each kill


def kill_runtime_round(cmd: list[str], store: str | os.PathLike[str], kills: int, rng: random.Random, cwd=None, delay=(0.2, 0.9)) -> RuntimeKills:
    """SIGKILL a ``qckpt run --store`` command at random moments, ``kills``
    times: the first start runs ``cmd``, each later one ``qckpt resume``
    (or ``cmd`` again while the store holds no run yet). After each kill,
    the backend processes the runtime had must be gone (no orphans). Then a
    last resume runs to its end. A run that finishes before its next kill
    ends the round early (``kills`` then says how many landed)."""
    import signal
    import subprocess
    import time

    from qckpt.runtime.store.inspection import inspect_store

    store = os.fspath(store)
    exe = cmd[: cmd.index("run")]
    resume = [*exe, "resume", store, "--json", "--sync-interval", cmd[cmd.index("--sync-interval") + 1] if "--sync-interval" in cmd else "1"]

    def has_run() -> bool:
        try:
            return inspect_store(store).get("run") is not None
        except Exception:
            return False

    def finished() -> int:
        try:
            info = inspect_store(store)
        except Exception:
            return 0
        run = info.get("run") or {}
        return int(run.get("shots_committed", 0)) + int(info.get("journal", {}).get("uncommitted_shots", 0) or 0)

    orphans: list[int] = []
    progress: list[int] = []
    done = 0
    mid_run = 0
    killed = 0
    for i in range(kills):
        p = subprocess.Popen(resume if has_run() else cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
        # Every third kill comes at a random moment from the start (it may land while the runtime starts
        # up); the others at a random moment after its first qir-runner started, so that on a loaded
        # machine, where start-up alone can take longer than the delay, kills still land mid-run.
        wait = rng.uniform(*delay)
        t0 = time.monotonic()
        since = t0 if i % 3 == 2 else None
        kids: set[int] = set()
        while p.poll() is None and time.monotonic() - t0 < 120:
            now_kids = children_of(p.pid)
            kids.update(now_kids)
            if since is None and now_kids:
                since = time.monotonic()
            if since is not None and time.monotonic() - since >= wait:
                break
            time.sleep(0.01)
        if p.poll() is not None:
            err = p.stderr.read().decode()[-500:] if p.stderr else ""
            if p.returncode != 0:
                raise AssertionError(f"the run failed before its kill (exit {p.returncode}): {err}")
            break  # it finished before this kill: the last resume below reports the finished run
        running = [k for k in children_of(p.pid) if alive(k)]
        kids.update(running)
        mid_run += bool(running)
        p.send_signal(signal.SIGKILL)
        killed += 1
        p.wait()
        if p.stderr:
            p.stderr.close()
        t = time.monotonic() + 3
        while time.monotonic() < t and any(alive(k) for k in kids):
            time.sleep(0.02)
        orphans += [k for k in kids if alive(k)]
        now = finished()
        progress.append(now)
        if now > done:
            done = now
    final = subprocess.run(resume if has_run() else cmd, capture_output=True, text=True, cwd=cwd, timeout=600)
    gained = sum(1 for a, b in zip([0, *progress], progress) if b > a)
    return RuntimeKills(killed, orphans, gained, mid_run, final, progress)


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


def main(argv: list[str]) -> int:
    if argv[:1] == ["worker"]:
        worker(argv[1], argv[2], int(argv[3]), argv[4] if len(argv) > 4 else None)
        return 0
    if argv[:1] == ["fill-disk"]:
        print(json.dumps(run_fill_disk(argv[1])))
        return 0
    print("usage: python -m qckpt.testing.faulty_os worker STORE JOURNAL SEED [PERSISTENT] | fill-disk DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
