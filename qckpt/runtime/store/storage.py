"""Where the checkpoint store puts its bytes: a narrow storage interface.

The store (:mod:`qckpt.runtime.store`) never calls ``rename`` or ``fsync``
itself. It asks a :class:`Storage` for four things: make these files exist,
whole and durable (:meth:`Storage.write_many`, :meth:`Storage.write_atomic`);
read a file; list a folder; remove a file or folder. Plus an exclusive lock.
That is the contract an object store or an fsspec filesystem can meet too (a
PUT is atomic and durable when it returns), so a second backend only has to
implement these methods; temp files, fsync and directory fsync are what
:class:`LocalStorage` does to meet the contract on a POSIX file system.

Paths are relative, ``/``-separated strings under the storage's root, as they
would be keys in a bucket.

Every system call :class:`LocalStorage` makes goes through an
:class:`OsCalls` object. Production uses the plain one; the chaos tests use
:class:`qckpt.testing.faulty_os.FaultyOs`, which fails a chosen call (ENOSPC,
EIO, a short write, a failed fsync or rename, or a simulated crash) against
the real files. That seam is the only place a test touches the file system
through anything but the real thing.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import secrets
import socket
import stat
import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count
from typing import Protocol, runtime_checkable

TMP_PREFIX = ".tmp-"
"""Files whose name starts with this are unfinished writes; the store removes
them when it opens (only a writer that died leaves them behind)."""


class OsCalls:
    """The system calls of a local storage, one method each.

    A subclass can fail or record any of them; see
    :class:`qckpt.testing.faulty_os.FaultyOs`. Reads, listing and ``flock`` are
    not routed here when they cannot break a store (stat, the lock itself).
    """

    def open(self, path: str, flags: int, mode: int = 0o644) -> int:
        return os.open(path, flags | os.O_CLOEXEC, mode)

    def write(self, fd: int, data: bytes | memoryview) -> int:
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        os.fsync(fd)

    def close(self, fd: int) -> None:
        os.close(fd)

    def ftruncate(self, fd: int, length: int) -> None:
        os.ftruncate(fd, length)

    def replace(self, src: str, dst: str) -> None:
        os.replace(src, dst)

    def unlink(self, path: str) -> None:
        os.unlink(path)

    def mkdir(self, path: str) -> None:
        os.mkdir(path, 0o755)

    def rmdir(self, path: str) -> None:
        os.rmdir(path)

    def listdir(self, path: str) -> list[str]:
        return os.listdir(path)

    def read_file(self, path: str) -> bytes:
        with open(path, "rb", buffering=0) as f:
            return f.read()

    # Composite helpers, built only from the calls above so that a fault
    # layer sees every step.

    def write_all(self, fd: int, data: bytes | memoryview) -> None:
        """Write all of ``data``: ``write`` may legally write less than asked
        (a full disk, a signal); loop until done or until it raises."""
        view = memoryview(data)
        while view:
            n = self.write(fd, view)
            if n <= 0:  # POSIX never returns 0 for a non-empty regular-file write; don't spin if it does
                raise OSError(errno.EIO, "write made no progress")
            view = view[n:]

    def fsync_dir(self, path: str) -> None:
        fd = self.open(path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            self.fsync(fd)
        finally:
            self.close(fd)


@dataclass(frozen=True)
class LockHolder:
    """Who wrote a lock file: enough to tell a user which run holds a store."""

    pid: int | None
    host: str | None
    since: float | None

    @classmethod
    def parse(cls, raw: bytes) -> LockHolder | None:
        if not raw.strip():
            return None
        try:
            d = json.loads(raw)
            return cls(int(d["pid"]), str(d["host"]), float(d.get("since", 0)) or None)
        except (ValueError, KeyError, TypeError):
            return cls(None, None, None)  # a lock file someone else wrote

    def describe(self) -> str:
        if self.pid is None:
            return "an unknown process"
        return f"pid {self.pid} on {self.host}"

    def alive(self) -> bool | None:
        """Whether the holder still runs: None when it is on another host."""
        if self.pid is None or self.host != socket.gethostname():
            return None
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


class LockHeld(Exception):
    """The lock is held by a running process."""

    def __init__(self, holder: LockHolder | None):
        super().__init__(holder.describe() if holder else "another process")
        self.holder = holder


class Lock(Protocol):
    stale: LockHolder | None
    """The holder recorded by a previous owner that died without releasing."""

    def release(self) -> None: ...


@runtime_checkable
class Storage(Protocol):
    """The narrow interface the checkpoint store is written against."""

    location: str
    """Where it is, for messages: a directory or a URL."""

    def write_many(self, items: Sequence[tuple[str, bytes]]) -> None:
        """Make every ``(path, data)`` exist with exactly ``data``. Each file
        is whole or absent at any instant; all are durable when this returns;
        they become visible in the given order (the store puts its manifest
        last). Parent folders are created as needed. On error some may exist,
        and no partial file does."""
        ...

    def write_atomic(self, path: str, data: bytes) -> None:
        """``write_many([(path, data)])``: replace one file atomically."""
        ...

    def read(self, path: str) -> bytes:
        """The whole file. ``FileNotFoundError`` if it is absent."""
        ...

    def list(self, dir: str = "") -> list[str]:
        """Names in a folder, sorted; ``[]`` if the folder is absent."""
        ...

    def exists(self, path: str) -> bool: ...

    def remove(self, path: str) -> None:
        """Remove a file or a folder tree; absent is not an error."""
        ...

    def lock(self, name: str) -> Lock:
        """Take an exclusive lock for the life of this process, or raise
        :class:`LockHeld`."""
        ...


class LocalStorage:
    """A :class:`Storage` on a local (or POSIX network) directory.

    ``write_many`` is the only place durability is decided. To keep the
    number of fsyncs to what atomicity needs it works in phases: write every
    file to a temp name beside its target and fsync it; rename them all in
    order; fsync each folder it touched once; and fsync the parent of any
    folder it created, so the new folder's own entry is durable. A folder
    fsync covers every rename in it, so a dataset of n objects costs n + 1
    file fsyncs and two folder fsyncs, not 3n.
    """

    def __init__(self, root: str | os.PathLike[str], os_calls: OsCalls | None = None):
        self.root = os.path.abspath(os.fspath(root))
        self.location = self.root
        self.os = os_calls or OsCalls()
        self._tmp_ids = count()

    def __repr__(self) -> str:
        return f"LocalStorage({self.root!r})"

    def _abs(self, path: str) -> str:
        if path in ("", "."):
            return self.root
        parts = path.split("/")
        if path.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise ValueError(f"storage path must be relative and normal: {path!r}")
        return os.path.join(self.root, *parts)

    # -- reading -----------------------------------------------------------

    def read(self, path: str) -> bytes:
        return self.os.read_file(self._abs(path))

    def list(self, dir: str = "") -> list[str]:
        try:
            return sorted(self.os.listdir(self._abs(dir)))
        except (FileNotFoundError, NotADirectoryError):
            return []

    def exists(self, path: str) -> bool:
        return os.path.lexists(self._abs(path))

    # -- writing -----------------------------------------------------------

    def _ensure_dir(self, dir_abs: str, created: list[str]) -> None:
        """mkdir -p, remembering each folder made (its parent needs an fsync)."""
        if os.path.isdir(dir_abs):
            return
        parent = os.path.dirname(dir_abs)
        if parent != dir_abs:
            self._ensure_dir(parent, created)
        try:
            self.os.mkdir(dir_abs)
        except FileExistsError:
            if not os.path.isdir(dir_abs):
                raise
            return
        created.append(dir_abs)

    def write_many(self, items: Sequence[tuple[str, bytes]]) -> None:
        created: list[str] = []
        pending: list[tuple[str, str]] = []  # (temp, target) not yet renamed
        touched: dict[str, None] = {}  # folders whose entries changed, in order
        try:
            for path, _ in items:
                self._ensure_dir(os.path.dirname(self._abs(path)), created)
            for path, data in items:
                target = self._abs(path)
                folder, name = os.path.split(target)
                # A random part, not just the pid: a container runs every
                # job as the same pid, and a killed one leaves its temps.
                tmp = os.path.join(folder, f"{TMP_PREFIX}{name}.{os.getpid()}.{next(self._tmp_ids)}.{secrets.token_hex(4)}")
                fd = self.os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                pending.append((tmp, target))
                try:
                    self.os.write_all(fd, data)
                    self.os.fsync(fd)
                finally:
                    self.os.close(fd)
                touched[folder] = None
            while pending:
                tmp, target = pending[0]
                self.os.replace(tmp, target)
                pending.pop(0)
            for folder in touched:
                self.os.fsync_dir(folder)
            # Deepest first: a new folder's entry is made durable by its parent.
            for folder in reversed(created):
                self.os.fsync_dir(os.path.dirname(folder))
        except BaseException:
            for tmp, _ in pending:
                try:
                    self.os.unlink(tmp)
                except BaseException:  # noqa: BLE001 - best effort; the store removes leftovers on open
                    pass
            raise

    def write_atomic(self, path: str, data: bytes) -> None:
        self.write_many([(path, data)])

    def remove(self, path: str) -> None:
        target = self._abs(path)
        try:
            st = os.lstat(target)
        except FileNotFoundError:
            return
        if stat.S_ISDIR(st.st_mode):
            for name in self.os.listdir(target):
                self.remove(f"{path}/{name}" if path else name)
            try:
                self.os.rmdir(target)
            except FileNotFoundError:
                pass
        else:
            try:
                self.os.unlink(target)
            except FileNotFoundError:
                pass

    # -- locking -----------------------------------------------------------

    def lock(self, name: str) -> _LocalLock:
        """``flock`` on ``name``, with our pid and host written in it.

        The kernel drops an ``flock`` when its holder dies, so a lock we can
        take is never held by a live process; if the file still names a
        previous holder, that one died without releasing, and ``stale`` says
        who. A lock we cannot take is held by a live process (the lock fd is
        close-on-exec, so children do not inherit it).
        """
        # Not filelock: its Unix lock is this same flock, but without the
        # holder's pid and host (what "store in use by ..." and "stale lock
        # of ..." messages name) and outside self.os, through which the
        # fault-injection harness fails each call.
        self._ensure_dir(self.root, [])
        path = self._abs(name)
        fd = self.os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise LockHeld(LockHolder.parse(_pread_all(fd))) from None
            stale = LockHolder.parse(_pread_all(fd))
            info = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}).encode()
            try:
                self.os.ftruncate(fd, 0)
                os.pwrite(fd, info + b"\n", 0)
            except OSError as e:
                # The flock is what excludes; the pid is only for messages. A
                # full disk must not stop a restart, so go on without it.
                if e.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EIO):
                    raise
        except BaseException:
            os.close(fd)
            raise
        return _LocalLock(fd, path, stale, self.os)


def _pread_all(fd: int) -> bytes:
    out = []
    off = 0
    while True:
        chunk = os.pread(fd, 65536, off)
        if not chunk:
            return b"".join(out)
        out.append(chunk)
        off += len(chunk)


class _LocalLock:
    def __init__(self, fd: int, path: str, stale: LockHolder | None, oscalls: OsCalls):
        self._fd: int | None = fd
        self.path = path
        self.stale = stale
        self._os = oscalls

    def release(self) -> None:
        """Empty the lock file (a clean release leaves no holder named in it)
        and drop the lock. The file itself stays: unlinking a locked file
        races with the next opener."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass  # the next opener then reports a stale lock, which is harmless
        finally:
            os.close(fd)  # closing drops the flock

    def abandon(self) -> None:
        """Drop the lock as a killed process would: without emptying the
        file. For tests that simulate a crash inside one process."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)
