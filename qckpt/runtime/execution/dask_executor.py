"""Batches of shots as Dask tasks: the :class:`Executor` for a Dask cluster.

The driver (the run's loop in :mod:`qckpt.runtime.execution.job`) keeps the
ledger, the journal and the commits exactly as with local processes; only
where qir-runner runs changes. Each execution is one task,
:func:`run_batch`, which runs on a Dask worker with the local executor
(:class:`~qckpt.runtime.execution.executor.QirRunnerExecutor`): qir-runner in
its own process group, killed by the kernel if its worker dies (even by
SIGKILL), watched by the heartbeat there, since only the worker sees its
output as it streams. The task returns the batch's records as one compact
:class:`BatchRecords` (a table of distinct histogram keys, and per shot an
index into it and a visit count), not as text lines per shot.

A batch's records arrive whole, when its task ends. So a worker lost mid-batch
delivers nothing of that batch: the task fails (:class:`distributed.KilledWorker`
on a scheduler with ``allowed-failures`` 0, which the clusters qckpt makes
have), the driver sees an :class:`Ended` with a failure like any other and its
policy runs the batch again. Shots are never counted twice, because nothing
of a task is counted before the task is over. A scheduler that reschedules the
task by itself (Dask's default ``allowed-failures`` is 3) is safe for the same
reason; the loss just goes unseen by the policy.

The task wakes the driver's selector through a pipe written by the future's
done-callback, so a Dask execution looks like a local one to the loop.
"""

from __future__ import annotations

import functools
import itertools
import os
import selectors
import threading
import time
import uuid
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field

from qckpt.runtime.execution import failures
from qckpt.runtime.execution.executor import READ_CHUNK, BackendUnavailable, Ended, Event, QirRunnerExecutor, ShotDone
from qckpt.runtime.execution.failures import Failure

WORKER_LOST = "worker-lost"  # a failure kind of its own: the Dask worker (or its job) went away mid-batch
REPLAY_FAILED = 0xFFFFFFFF  # a key index: a resumed shot whose cone replay gave up
DEFAULT_HEARTBEAT = 120.0
IN_FLIGHT_PER_SLOT = 2  # batches in flight per worker thread: one running, one queued at the scheduler
_POLL = 0.25  # seconds: how often the worker looks at its task's cancellation between reads
# A worker's task returns its batch whole, so reading sooner buys nothing, and on cores that all run
# qir-runner each wake-up takes one from it: LocalCluster at 2 workers on 2 cores, against the local
# executor, median of 8 pairs 1.06x with the driver's 3 ms pause, 0.99x with 20 ms (and a smaller spread).
WORKER_READ_PAUSE = 0.02


@dataclass
class BatchRecords:
    """One execution's outcome as it travels from a worker: about 8 bytes a
    shot plus the distinct keys, against ~100 bytes a shot of record text."""

    keys: list[str] = field(default_factory=list)  # distinct histogram keys, first seen first
    index: bytes = b""  # array('I'): per finished shot, its key's index (REPLAY_FAILED: no outcome)
    visits: bytes = b""  # array('I'): per finished shot, its complete boundary visits
    shapes: list[tuple[tuple[str, int], ...]] = field(default_factory=list)  # distinct output shapes
    shape_index: bytes = b""  # array('I') per shot, only when there is more than one shape
    failure: Failure | None = None
    torn: bytes = b""  # records of a shot that began and did not end (restoration resumes it)
    worker: str = ""  # where it ran, for failure reports

    def events(self) -> list[Event]:
        index, visits = array("I"), array("I")
        index.frombytes(self.index)
        visits.frombytes(self.visits)
        shape_of = array("I")
        shape_of.frombytes(self.shape_index)
        out: list[Event] = []
        for i, (k, v) in enumerate(zip(index, visits)):
            if k == REPLAY_FAILED:
                out.append(ShotDone("", 0, (), replay_failed=True))
                continue
            shape = self.shapes[shape_of[i]] if shape_of else (self.shapes[0] if self.shapes else ())
            out.append(ShotDone(self.keys[k], v, shape))
        out.append(Ended(self.failure, self.torn))
        return out


def pack(events: list[Event], worker: str = "") -> BatchRecords:
    """The compact form of an execution's events (the last one its :class:`Ended`)."""
    keys: dict[str, int] = {}
    shapes: dict[tuple, int] = {}
    index, visits, shape_of = array("I"), array("I"), array("I")
    rec = BatchRecords(worker=worker)
    for ev in events:
        if isinstance(ev, Ended):
            rec.failure, rec.torn = ev.failure, ev.torn
        elif ev.replay_failed:
            index.append(REPLAY_FAILED)
            visits.append(0)
            shape_of.append(0)
        else:
            index.append(keys.setdefault(ev.key, len(keys)))
            visits.append(ev.visits)
            shape_of.append(shapes.setdefault(ev.shape, len(shapes)))
    rec.keys = list(keys)
    rec.shapes = list(shapes)
    rec.index, rec.visits = index.tobytes(), visits.tobytes()
    rec.shape_index = shape_of.tobytes() if len(shapes) > 1 else b""
    return rec


# -- on the worker ----------------------------------------------------------------

_programs: dict[tuple[str, str], str] = {}  # per worker process: (scratch directory, program digest) -> a local file holding it
_programs_lock = threading.Lock()


def _scratch_dir() -> str:
    """Where a worker keeps its program files: inside the Dask worker's own
    local directory, which Dask removes when the worker stops (and purges
    after a crash). Looked up per task, not once per process: thread workers
    (``LocalCluster(processes=False)``) share a process, each has its own
    directory, and a cluster closed and made again in the same process
    removed the old ones."""
    try:
        from distributed import get_worker

        d = os.path.join(get_worker().local_directory, "qckpt-programs")
    except (ImportError, ValueError):  # not on a Dask worker
        return _temp_scratch_dir()
    os.makedirs(d, exist_ok=True)
    return d


@functools.cache
def _temp_scratch_dir() -> str:
    """Off a worker: a temporary directory, removed at exit."""
    import atexit
    import shutil
    import tempfile

    d = tempfile.mkdtemp(prefix="qckpt-dask-")
    atexit.register(shutil.rmtree, d, True)
    return d


def _program_file(program: bytes, name: str) -> str:
    import hashlib

    digest = hashlib.sha256(program).hexdigest()[:32]
    d = _scratch_dir()
    with _programs_lock:
        path = _programs.get((d, digest))
        if path is None or not os.path.exists(path):
            path = os.path.join(d, digest + os.path.splitext(name)[1])
            tmp = f"{path}.tmp-{threading.get_ident()}"
            with open(tmp, "wb") as f:
                f.write(program)
            os.replace(tmp, path)
            _programs[(d, digest)] = path
    return path


def _cancelled() -> bool:
    """Whether the driver cancelled this task (a stop, a rollback): the worker
    then kills qir-runner instead of finishing a batch nobody will count."""
    try:
        from distributed import get_worker
        from distributed.worker import thread_state

        key = getattr(thread_state, "key", None)
        if key is None:
            return False
        ts = get_worker().state.tasks.get(key)
        return ts is None or ts.state in ("cancelled", "released", "forgotten")
    except Exception:  # not on a worker, or another distributed: never stop a batch for it
        return False


def run_batch(program: bytes, name: str, shots: int, seed: int, fill: Mapping | None, heartbeat: float, binary: str | None = None) -> BatchRecords:
    """The task: ``shots`` shots of ``program`` on this worker's qir-runner,
    read as they stream (the heartbeat is applied here), returned packed."""
    import socket

    where = f"{socket.gethostname()}:{os.getpid()}"
    try:
        ex = QirRunnerExecutor(binary).start(_program_file(program, name), shots, seed, fill)
    except BackendUnavailable as e:
        return pack([Ended(Failure(failures.BACKEND, f"{e.message} (on worker {where})"))], where)
    events: list[Event] = []
    hung = False
    with selectors.DefaultSelector() as sel:
        sel.register(ex.fileno(), selectors.EVENT_READ)
        while not events or not isinstance(events[-1], Ended):
            ready = sel.select(_POLL)
            if ready:
                events += ex.read()
                # Let output gather instead of waking per line (WORKER_READ_PAUSE), unless the read took a
                # whole chunk: then more is waiting, and a full pipe would stall qir-runner.
                if ex.last_read < READ_CHUNK:
                    time.sleep(WORKER_READ_PAUSE)
            elif _cancelled():
                ex.kill()
            elif time.monotonic() - ex.last_output > heartbeat and not hung:
                hung = True
                ex.kill()
    if hung:
        events[-1] = Ended(Failure(failures.HANG, f"no output for {heartbeat:g} s (heartbeat) on worker {where}; killed it"), events[-1].torn)
    return pack(events, where)


# -- on the driver ------------------------------------------------------------------


class DaskExecutor:
    """Runs each execution as a :func:`run_batch` task through ``client``
    (a :class:`distributed.Client`). ``slots``: the worker threads to feed
    (default: the threads of the workers connected now). The run keeps
    ``IN_FLIGHT_PER_SLOT`` batches in flight per slot, so that a worker finds
    its next batch queued at the scheduler instead of idling through the
    driver's round trip (result, commit hand-off, submit) between two."""

    name = "dask"

    def __init__(self, client, heartbeat: float = DEFAULT_HEARTBEAT, slots: int | None = None, binary: str | None = None) -> None:
        self.client = client
        self.heartbeat = heartbeat
        self.slots = slots
        self.binary = binary  # qir-runner's path on the workers; None: each worker finds its own
        self._token = uuid.uuid4().hex[:12]
        self._counter = itertools.count()
        self._programs: dict[str, tuple[float, int, bytes]] = {}

    def check(self) -> None:
        status = getattr(self.client, "status", "running")
        if status not in ("running", "connecting"):
            raise BackendUnavailable(f"the Dask client is {status}: no scheduler to send batches to")

    def default_workers(self) -> int:
        """Executions the run keeps in flight (its ``workers``)."""
        if self.slots:
            return IN_FLIGHT_PER_SLOT * self.slots
        try:
            info = self.client.scheduler_info()
            threads = sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values())
        except Exception:
            threads = 1
        return IN_FLIGHT_PER_SLOT * max(1, threads)

    def _read_program(self, path: str) -> bytes:
        st = os.stat(path)
        cached = self._programs.get(path)
        if cached is None or cached[:2] != (st.st_mtime, st.st_size):
            with open(path, "rb") as f:
                cached = self._programs[path] = (st.st_mtime, st.st_size, f.read())
        return cached[2]

    def start(self, program: str, shots: int, seed: int, fill: Mapping[str, bool | int | float] | None = None) -> DaskExecution:
        try:
            data = self._read_program(program)
        except OSError as e:
            raise BackendUnavailable(f"cannot read {program}: {e.strerror or e}") from None
        key = f"qckpt-batch-{self._token}-{next(self._counter)}"
        try:
            future = self.client.submit(run_batch, data, os.path.basename(program), shots, seed, dict(fill) if fill else None, self.heartbeat, self.binary, key=key, pure=False)
        except Exception as e:  # a closed client, a lost scheduler
            raise BackendUnavailable(f"cannot submit to the Dask scheduler: {e}") from None
        return DaskExecution(future, shots)


class DaskExecution:
    """One task in flight, seen by the run's selector through a pipe."""

    streams_shots = False  # its shots arrive together when the task ends: a preemption stops it at once

    def __init__(self, future, shots: int) -> None:
        self.future = future
        self.shots = shots
        self._r, self._w = os.pipe()
        os.set_blocking(self._r, False)
        self._lock = threading.Lock()
        self._closed = False
        self._ended = False
        self._killed = False
        self._wrote = False
        future.add_done_callback(self._wake)

    @property
    def last_output(self) -> float:
        # Waiting in the scheduler's queue (or for a Slurm job to start) is not a hang; the worker
        # applies the heartbeat to qir-runner's output, which only it sees.
        return time.monotonic()

    def _wake(self, _future=None) -> None:
        with self._lock:
            if not self._closed and not self._wrote:
                self._wrote = True
                os.write(self._w, b"!")

    def fileno(self) -> int:
        return self._r

    def read(self) -> list[Event]:
        if self._ended:
            return []
        if not self._killed and not self.future.done():
            return []
        if self._killed:
            events: list[Event] = [Ended(Failure(failures.SIGNAL, "the batch's task was cancelled by the runtime"))]
        else:
            events = self._outcome()
        self._ended = True
        self._close()
        return events

    def _outcome(self) -> list[Event]:
        try:
            rec = self.future.result()  # done: the done-callback woke us
        except BaseException as e:  # KilledWorker, CancelledError, a lost scheduler, an error in the task
            kind = WORKER_LOST if type(e).__name__ in ("KilledWorker", "CancelledError", "FutureCancelledError") else failures.EXIT
            return [Ended(Failure(kind, f"the Dask task failed: {type(e).__name__}: {str(e)[:300]}"))]
        if not isinstance(rec, BatchRecords):
            return [Ended(Failure(failures.BAD_RECORDS, f"the Dask task returned {type(rec).__name__}, not batch records"))]
        events = rec.events()
        end = events[-1]
        done = len(events) - 1
        if isinstance(end, Ended) and end.failure is not None and end.failure.shots_done != done:
            f = end.failure
            events[-1] = Ended(Failure(f.kind, f.detail, f.batch, done), end.torn)
        return events

    def kill(self) -> None:
        if self._ended or self._killed:
            return
        self._killed = True
        try:
            self.future.cancel()  # the worker sees its task cancelled and kills qir-runner
        except Exception:
            pass
        self._wake()

    def _close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                os.close(self._w)
                os.close(self._r)
