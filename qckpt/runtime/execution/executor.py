"""Executors: what runs a batch of shots of a QIR program.

The runtime (:mod:`qckpt.runtime.execution.job`) talks to an :class:`Executor` only
through this interface, so that a faster simulator, a remote QPU service or
a batch on a distributed engine can come later. It drives several executions
at once from one thread with a selector: an execution offers a file
descriptor that becomes readable when it has output or has ended, and
:meth:`Execution.read` turns what arrived into events: a finished shot
(:class:`ShotDone`) or the end of the execution (:class:`Ended`, with the
failure the detector saw, if any).

The first backend runs qir-runner in a subprocess:

- in its own process group (``start_new_session``): a program that calls
  ``__quantum__rt__fail`` aborts its host, and a kill must reach only it;
- with ``PR_SET_PDEATHSIG = SIGKILL`` (Linux), set between fork and exec, so
  that if the runtime dies, even by SIGKILL, the kernel kills qir-runner too
  and no orphan goes on burning a core. The signal follows the *thread* that
  forked, so the runtime starts executions from its main thread only;
- its output is read as it streams (qir-runner prints each record as the
  shot runs), a shot at a time: a shot counts once its ``END`` line is read.
"""

from __future__ import annotations

import ctypes
import os
import re
import signal
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from qckpt.diagnostics import QckptError
from qckpt import abi
from qckpt.runtime.execution import failures
from qckpt.runtime.execution.failures import Failure
from qckpt.runtime.qir_runner import Shot, parse_output, qir_runner_binary, refuse_forging_labels

END_OF_VISIT = b"\tqckpt.end\n"  # streaming records: one per complete visit
REPLAY_FAILED = b"\t" + abi.REPLAY_FAILED_LABEL.encode() + b"\n"
LAST_GROUP = b"\tqckpt.last\n"  # final records: a group's first line
_LAST_VISITS = re.compile(rb"\tINT\t(\d+)\tqckpt\.visits\n")  # final records: a visit count per boundary


@dataclass(frozen=True)
class ShotDone:
    key: str  # the histogram key (Qiskit's convention, as `qckpt run` prints)
    visits: int  # complete checkpoint-boundary visits recorded by the shot
    shape: tuple[tuple[str, int], ...]  # (register, bits) of its outputs
    replay_failed: bool = False  # a resumed shot whose cone replay gave up (restoration): no outcome


@dataclass(frozen=True)
class Ended:
    failure: Failure | None  # None: every shot asked for finished
    torn: bytes = b""  # records of a shot that began and did not end (for restoration)


Event = ShotDone | Ended


class Execution(Protocol):
    shots: int  # shots asked of this execution
    last_output: float  # time.monotonic() of the last output: the heartbeat

    def fileno(self) -> int: ...

    def read(self) -> list[Event]:
        """Consume what is available (call when :meth:`fileno` is readable).
        The last event of an execution is always one :class:`Ended`."""
        ...

    def kill(self) -> None:
        """Stop it now; its :class:`Ended` still follows from :meth:`read`."""
        ...


class Executor(Protocol):
    name: str

    def check(self) -> None:
        """Raise :class:`BackendUnavailable` if the backend cannot run at
        all (checked before a run touches its store)."""
        ...

    def start(self, program: str, shots: int, seed: int, fill: Mapping[str, bool | int | float] | None = None) -> Execution:
        """Begin ``shots`` shots of the program at path ``program`` with a
        simulator seed. ``fill``: output records whose values are already
        decided (a resumed shot's bits measured before its boundary, which
        restoration takes from the log), by label. Raises
        :class:`BackendUnavailable` if the backend cannot be started at all."""
        ...


class BackendUnavailable(QckptError):
    """The backend is missing or cannot be run: retrying will not help."""


# -- qir-runner ----------------------------------------------------------------

_PR_SET_PDEATHSIG = 1
try:
    _prctl = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):  # not Linux: children are killed on the way out instead
    _prctl = None


def die_with_parent(parent: int) -> None:
    """In a child of ``parent`` (between fork and exec, or in a forked worker):
    the kernel kills this process when its parent dies."""
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the runtime died before prctl took effect
        os._exit(1)


def _child_setup(parent: int):
    return lambda: die_with_parent(parent)


READ_CHUNK = 1 << 16  # bytes per read of qir-runner's output (a pipe holds 64 KiB)


class QirRunnerExecutor:
    name = "qir-runner"

    def __init__(self, binary: str | None = None, extra_args: Sequence[str] = ()):
        self.binary = binary
        self.extra_args = list(extra_args)
        self._labels_checked: set[str] = set()

    def resolve(self) -> str:
        if self.binary is None:
            try:
                self.binary = qir_runner_binary()
            except QckptError as e:
                raise BackendUnavailable(e.message) from None
        return self.binary

    def check(self) -> None:
        self.resolve()

    def start(self, program: str, shots: int, seed: int, fill: Mapping[str, bool | int | float] | None = None) -> QirRunnerExecution:
        if program not in self._labels_checked:  # once per program, not per batch
            refuse_forging_labels(program)
            self._labels_checked.add(program)
        return QirRunnerExecution(self.resolve(), program, shots, seed, self.extra_args, fill)


class QirRunnerExecution:
    backend_name = "qir-runner"  # in messages

    def __init__(self, binary: str, program: str, shots: int, seed: int, extra_args: Sequence[str] = (), fill: Mapping[str, bool | int | float] | None = None, command: Sequence[str] | None = None):
        self.shots = shots
        self.fill = dict(fill) if fill else None
        self.seed = seed
        self.seen = 0
        self._buf = b""
        self._ended = False
        self._killed_by_us = False
        self.last_read = 0  # bytes the last read() got: a full chunk means more is waiting
        self._stderr = tempfile.TemporaryFile(prefix="qckpt-qir-runner-stderr-")
        # ``command``: another program that prints the same records (the stim backend's worker)
        cmd = list(command) if command else [binary, "-f", program, "-s", str(shots), "-r", str(seed), *extra_args]
        try:
            self.proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                bufsize=0,
                start_new_session=True,
                preexec_fn=_child_setup(os.getpid()),
            )
        except OSError as e:
            self._stderr.close()
            raise BackendUnavailable(f"cannot run {self.backend_name} at {cmd[0]}: {e.strerror or e}") from None
        self.pid = self.proc.pid
        assert self.proc.stdout is not None
        self._fd = self.proc.stdout.fileno()
        self.last_output = time.monotonic()

    def fileno(self) -> int:
        return self._fd

    def read(self) -> list[Event]:
        if self._ended:
            return []
        data = os.read(self._fd, READ_CHUNK)
        self.last_read = len(data)
        if not data:
            return [self._finish()]
        self.last_output = time.monotonic()
        buf = self._buf + data
        events: list[Event] = []
        pos = 0
        while True:
            i = buf.find(b"\nEND\t", pos)
            if i < 0:
                break
            j = buf.find(b"\n", i + 1)
            if j < 0:
                break
            code = buf[i + 5 : j]
            text = buf[pos : i + 1]
            pos = j + 1
            if REPLAY_FAILED in text:
                events.append(ShotDone("", 0, (), replay_failed=True))
                self.seen += 1
                continue
            if code.strip() not in (b"0", b""):
                self.kill()
                self._buf = b""
                return [*events, self._finish(Failure(failures.BAD_RECORDS, f"shot {self.seen + 1} ended with code {code.decode(errors='replace')}"))]
            try:
                events.append(shot_outcome(text, self.fill))
            except QckptError as e:
                self.kill()
                self._buf = b""
                return [*events, self._finish(Failure(failures.BAD_RECORDS, f"shot {self.seen + 1}: {e}"))]
            self.seen += 1
        self._buf = buf[pos:]
        return events

    def _finish(self, failure: Failure | None = None) -> Ended:
        self._ended = True
        try:
            rc = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # closed its stdout but lives on
            self.kill()
            rc = self.proc.wait()
        torn = self._buf if b"START" in self._buf else b""
        tail = self._stderr_tail()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self._stderr.close()
        if failure is None:
            failure = failures.classify_end(rc, self.seen, self.shots, bool(torn), tail)
        if failure is not None and failure.shots_done != self.seen:
            failure = Failure(failure.kind, failure.detail, failure.batch, self.seen)
        return Ended(failure, torn)

    def _stderr_tail(self) -> str:
        try:
            self._stderr.seek(0, os.SEEK_END)
            size = self._stderr.tell()
            self._stderr.seek(max(0, size - 2000))
            lines = [ln.strip() for ln in self._stderr.read().decode(errors="replace").splitlines() if ln.strip()]
        except (OSError, ValueError):
            return ""
        return lines[-1][:300] if lines else ""

    def kill(self) -> None:
        if self.proc.returncode is None:
            self._killed_by_us = True
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def executor_for(program_name: str) -> Executor:
    """The backend that runs a stored run's program, by its file name: a
    stim program (``qckpt run --backend stim``), else QIR on qir-runner."""
    from qckpt.stim.program import PROGRAM_NAME

    if program_name == PROGRAM_NAME:
        from qckpt.runtime.execution.stim_executor import StimExecutor

        return StimExecutor()
    return QirRunnerExecutor()


def shot_outcome(text: bytes, fill: Mapping[str, bool | int | float] | None = None) -> ShotDone:
    """One shot's histogram key, boundary visits and output shape, from its
    records (``START`` up to, not including, ``END``).

    Program outputs are recorded in the final block, after every streaming
    checkpoint visit, so only the records after the last visit's end are
    parsed: a shot costs the same to read whatever its number of visits. In
    the ``final`` record mode the visits are counted from each boundary's
    ``qckpt.visits`` record."""
    visits = text.count(END_OF_VISIT)
    tail = text[text.rfind(END_OF_VISIT) + len(END_OF_VISIT) :] if visits else text
    if not visits and b"\tqckpt.visits\n" in text:
        visits = sum(int(n) for n in _LAST_VISITS.findall(text))
        first = text.find(LAST_GROUP)
        tail = text[: text.rfind(b"\n", 0, first) + 1]  # the outputs come before the groups
    shots = parse_output("START\n" + tail.decode(errors="replace") + "END\t0\n")
    shot = shots[-1]
    if fill:
        from qckpt.runtime.restore.resume import fill_outputs

        shot = Shot(fill_outputs(shot.records, dict(fill)))
    regs = shot.registers()
    return ShotDone(shot.bitstring(), visits, tuple((k, len(v)) for k, v in regs.items()))
