"""The record journal: an append-only file of checksummed frames.

Between two checkpoint commits the executor appends each output record it
reads (qir-runner's record stream) to a journal, so that a run killed between
commits loses at most one sync interval of records instead of everything
since the last checkpoint. On resume the journal is replayed.

File format (all integers little-endian)::

    header  "QCKPTJNL" | u16 version = 1 | u16 flags = 0 | u32 crc32(first 12 bytes)     16 bytes
    frame   "QJF1" | u32 length | u32 crc32(length field + payload) | payload           12 + length bytes
    frame   ...

A frame is intact when its magic, length and crc32 check and it lies wholly
inside the file. Replay returns every frame up to the first one that is not,
with the byte offset and the reason. Appends only ever go at the end, so a
crash can leave only a torn *tail*: a partly written frame, or zeros or
garbage a file system left after a crash. :meth:`Journal.open` truncates such
a tail. If intact frames follow a bad one, the damage is not from a crash
(media corruption, an edit); ``open`` then refuses to truncate, since that
would throw away good frames.

Durability: :meth:`Journal.append` only buffers. :meth:`Journal.sync` writes
the buffered frames and fsyncs. A background thread syncs ``sync_interval``
seconds after the oldest unsynced append, and ``append`` syncs by itself when
that much time has passed, so a frame is durable at most ``sync_interval``
(plus the time of one fsync) after it was appended. A kill -9 (or a power
loss) loses at most the frames appended in that window; ``sync_interval=0``
syncs every append.
"""

from __future__ import annotations

import fcntl
import os
import struct
import threading
import time
import zlib
from dataclasses import dataclass

from qckpt.diagnostics import QckptError
from qckpt.runtime.store.storage import OsCalls

FILE_MAGIC = b"QCKPTJNL"
FILE_VERSION = 1
FRAME_MAGIC = b"QJF1"
HEADER_SIZE = 16
FRAME_HEADER = struct.Struct("<4sII")  # magic, length, crc32
MAX_FRAME = 1 << 30  # a larger length field is damage, not data


def _file_header() -> bytes:
    head = FILE_MAGIC + struct.pack("<HH", FILE_VERSION, 0)
    return head + struct.pack("<I", zlib.crc32(head))


def encode_frame(payload: bytes) -> bytes:
    return frame_header((payload,)) + payload


def frame_header(parts) -> bytes:
    """The header of the frame whose payload is ``parts`` joined, without joining
    them: header + parts, written with one ``writev``, is :func:`encode_frame`'s bytes."""
    length = struct.pack("<I", sum(map(len, parts)))
    crc = zlib.crc32(length)
    for part in parts:
        crc = zlib.crc32(part, crc)
    return FRAME_MAGIC + length + struct.pack("<I", crc)


class Replay(list):
    """The intact frames of a journal (a ``list[bytes]``), and where and why
    reading stopped, if it stopped before the end of the file."""

    end: int  # byte offset just after the last intact frame
    size: int  # file size
    torn_at: int | None  # offset of the first bad byte, None if the file is whole
    reason: str | None
    intact_after: bool  # an intact frame exists after torn_at: corruption, not a torn tail

    @property
    def clean(self) -> bool:
        return self.torn_at is None


def _scan(data: bytes, path: str) -> Replay:
    out = Replay()
    out.size = len(data)
    out.torn_at = None
    out.reason = None
    out.intact_after = False
    header_ok = (
        len(data) >= HEADER_SIZE
        and data[:8] == FILE_MAGIC
        and struct.unpack_from("<I", data, 12)[0] == zlib.crc32(data[:12])
    )
    if not header_ok:
        # A file whose creation was cut short: a prefix of the header, or the
        # zeros some file systems leave for unsynced blocks after a crash.
        if (len(data) < HEADER_SIZE and FILE_MAGIC.startswith(data[:8])) or data.count(0) == len(data):
            out.end = 0
            if data:
                out.torn_at, out.reason = 0, f"torn file header ({len(data)} bytes)"
            return out
        raise QckptError(f"{path} is not a qckpt journal (bad file header)")
    version = struct.unpack_from("<H", data, 8)[0]
    if version != FILE_VERSION:
        raise QckptError(f"{path} is journal format version {version}; this qckpt reads version {FILE_VERSION}")
    off = HEADER_SIZE
    n = len(data)
    view = memoryview(data)
    while off < n:
        why = _frame_problem(view, off, n)
        if why is not None:
            out.torn_at, out.reason = off, why
            out.intact_after = _intact_frame_after(view, off + 1, n)
            break
        length = struct.unpack_from("<I", data, off + 4)[0]
        out.append(bytes(view[off + 12 : off + 12 + length]))
        off += 12 + length
    out.end = off if out.torn_at is None else out.torn_at
    return out


def _frame_problem(view: memoryview, off: int, n: int) -> str | None:
    if n - off < FRAME_HEADER.size:
        return f"incomplete frame header ({n - off} of {FRAME_HEADER.size} bytes)"
    magic, length, crc = FRAME_HEADER.unpack_from(view, off)
    if magic != FRAME_MAGIC:
        return "bad frame magic" + (" (zeros)" if magic == b"\0\0\0\0" else "")
    if length > MAX_FRAME:
        return f"implausible frame length {length}"
    if off + 12 + length > n:
        return f"frame of {length} bytes is cut short ({n - off - 12} bytes present)"
    if zlib.crc32(view[off + 12 : off + 12 + length], zlib.crc32(view[off + 4 : off + 8])) != crc:
        return "crc32 mismatch"
    return None


def _intact_frame_after(view: memoryview, start: int, n: int) -> bool:
    data = view.obj
    pos = start
    while True:
        pos = data.find(FRAME_MAGIC, pos, n)  # type: ignore[union-attr]
        if pos < 0:
            return False
        if _frame_problem(view, pos, n) is None:
            return True
        pos += 1


def _lock_journal(fd: int, path: str) -> None:
    """One appender per journal: a second one would interleave frames."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise QckptError(f"journal {path} is open for appending in another process") from None


@dataclass(frozen=True)
class Recovery:
    """What :meth:`Journal.open` dropped from the end of an existing file."""

    offset: int
    reason: str
    dropped_bytes: int


class Journal:
    """An open journal, appending at its end.

    One journal per run: the executor opens it when a run starts and reopens
    the same file on resume (replaying it first). Each committed checkpoint
    can record :attr:`frames` so that a resume applies only the frames after
    it.
    """

    def __init__(self, path: str, fd: int, frames: int, end: int, sync_interval: float | None, oscalls: OsCalls):
        self.path = path
        self._fd: int | None = fd
        self._os = oscalls
        self.sync_interval = sync_interval
        self.recovered: Recovery | None = None
        self._synced_frames = frames
        self._end = end  # bytes durable in the file
        self._buf: list[bytes] = []
        self._oldest: float | None = None  # monotonic time of the oldest unsynced append
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._error: BaseException | None = None
        self._broken: str | None = None
        self._thread: threading.Thread | None = None

    # -- opening and replay ------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        sync_interval: float | None = 1.0,
        create: bool = True,
        oscalls: OsCalls | None = None,
    ) -> Journal:
        """Open a journal for appending, creating it if ``create``. A torn
        tail is truncated (see :attr:`recovered`). ``sync_interval`` is in
        seconds; ``0`` syncs at every append, ``None`` only on :meth:`sync`
        and :meth:`close`."""
        path = os.fspath(path)
        osc = oscalls or OsCalls()
        if sync_interval is not None and sync_interval < 0:
            raise QckptError(f"sync_interval must be >= 0 seconds, got {sync_interval}")
        try:
            existed = os.path.exists(path)
            if not existed and not create:
                raise QckptError(f"no journal at {path}")
            if not existed:
                fd = osc.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                try:
                    _lock_journal(fd, path)
                    osc.write_all(fd, _file_header())
                    osc.fsync(fd)
                    osc.fsync_dir(os.path.dirname(os.path.abspath(path)))
                except BaseException:
                    osc.close(fd)
                    try:
                        osc.unlink(path)
                    except OSError:
                        pass
                    raise
                return cls(path, fd, 0, HEADER_SIZE, sync_interval, osc)
            rep = _scan(osc.read_file(path), path)
            if rep.intact_after:
                raise QckptError(
                    f"journal {path} is corrupt at byte {rep.torn_at} ({rep.reason}) and intact frames follow; "
                    "refusing to truncate them (replay it with Journal.replay, and move it aside to start a new one)"
                )
            fd = osc.open(path, os.O_WRONLY)
            try:
                _lock_journal(fd, path)
                recovered = None
                if rep.end == 0:  # a header torn at creation
                    osc.ftruncate(fd, 0)
                    os.lseek(fd, 0, os.SEEK_SET)
                    osc.write_all(fd, _file_header())
                    osc.fsync(fd)
                    recovered = Recovery(0, rep.reason or "empty file", rep.size)
                    end = HEADER_SIZE
                else:
                    end = rep.end
                    if rep.torn_at is not None:
                        osc.ftruncate(fd, rep.end)
                        osc.fsync(fd)
                        recovered = Recovery(rep.torn_at, rep.reason or "", rep.size - rep.end)
                os.lseek(fd, end, os.SEEK_SET)
            except BaseException:
                osc.close(fd)
                raise
            j = cls(path, fd, len(rep), end, sync_interval, osc)
            j.recovered = recovered
            return j
        except OSError as e:
            raise QckptError(f"cannot open journal {path}: {e.strerror or e}") from None

    @staticmethod
    def replay(path: str | os.PathLike[str]) -> Replay:
        """Every intact frame of the journal, in order, stopping at the first
        torn or corrupt one (``torn_at``, ``reason``). Does not modify the
        file."""
        path = os.fspath(path)
        try:
            with open(path, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            raise QckptError(f"no journal at {path}") from None
        except OSError as e:
            raise QckptError(f"cannot read journal {path}: {e.strerror or e}") from None
        return _scan(data, path)

    # -- appending -----------------------------------------------------------

    @property
    def frames(self) -> int:
        """Frames appended so far, synced or not (the file's frames included)."""
        return self._synced_frames + len(self._buf)

    @property
    def synced_frames(self) -> int:
        """Frames that are durable in the file."""
        return self._synced_frames

    def append(self, payload: bytes | bytearray | memoryview) -> None:
        frame = encode_frame(bytes(payload))
        with self._lock:
            self._check()
            self._buf.append(frame)
            now = time.monotonic()
            first = self._oldest is None
            if first:
                self._oldest = now
            interval = self.sync_interval
            if interval is not None and now - self._oldest >= interval:
                self._sync_locked()
            elif interval is not None and first:
                # Only the first unsynced frame wakes the syncer: waking it
                # per append would cost a thread switch per record.
                self._ensure_thread()
                self._wake.notify()

    def sync(self) -> None:
        """Write every buffered frame and fsync: when this returns they
        survive a kill -9 or a power loss. On a failure (no space, EIO) the
        file is cut back to its last durable frame and the frames stay
        buffered, so a later ``sync`` can retry."""
        with self._lock:
            self._check()
            self._sync_locked()

    def _sync_locked(self) -> None:
        if not self._buf:
            return
        data = b"".join(self._buf)
        n = len(self._buf)
        fd = self._fd
        assert fd is not None
        try:
            self._os.write_all(fd, data)
            self._os.fsync(fd)
        except OSError as e:
            try:
                self._os.ftruncate(fd, self._end)
                os.lseek(fd, self._end, os.SEEK_SET)
            except OSError as e2:
                self._broken = f"could not cut it back after a failed write ({e2.strerror or e2})"
            msg = f"cannot sync journal {self.path}: {e.strerror or e}; {n} frame(s) are not durable"
            if self._broken:
                msg += f"; {self._broken}, reopen it to recover"
            raise QckptError(msg) from None
        self._buf.clear()
        self._oldest = None
        self._end += len(data)
        self._synced_frames += n

    def _check(self) -> None:
        if self._fd is None:
            raise QckptError(f"journal {self.path} is closed")
        if self._broken:
            raise QckptError(f"journal {self.path} is unusable: {self._broken}; reopen it to recover")
        if self._error is not None:
            err, self._error = self._error, None
            self._wake.notify()  # the syncer waits while an error is pending: let it retry
            raise err

    # -- the background syncer ----------------------------------------------

    def _ensure_thread(self) -> None:
        if self._thread is None and self.sync_interval:
            self._thread = threading.Thread(target=self._run, name="qckpt-journal-sync", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        with self._lock:
            while self._fd is not None:
                interval = self.sync_interval or 0
                if self._oldest is None or self._error is not None or self._broken:
                    self._wake.wait()
                    continue
                due = self._oldest + interval - time.monotonic()
                if due > 0:
                    self._wake.wait(due)
                    continue
                try:
                    self._sync_locked()
                except QckptError as e:
                    self._error = e  # raised by the next append / sync / close
                    self._oldest = time.monotonic()  # retry after another interval, not in a loop

    # -- closing -----------------------------------------------------------

    def close(self) -> None:
        """Sync what is buffered and close the file."""
        if self._fd is None:
            return
        try:
            with self._lock:
                self._error = None
                if not self._broken:
                    self._sync_locked()
        finally:
            with self._lock:
                fd, self._fd = self._fd, None
                self._wake.notify_all()
            if fd is not None:
                self._os.close(fd)
            if self._thread is not None:
                self._thread.join(timeout=5)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
