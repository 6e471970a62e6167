"""Fault injection under the checkpoint store and the journal.

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
"""

from __future__ import annotations

import errno
import os
import random
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
