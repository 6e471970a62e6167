"""A hybrid workflow session: iterations, quantum executions, seeds, and
replay after a restart.

A session owns one directory::

    DIR/executions.journal   the execution log (qckpt.workflow.execution_log)
    DIR/checkpoints/         algorithmic checkpoints, one dataset per iteration
                             (a qckpt.runtime.store.CheckpointStore)

Replay: when a session opens a directory that already has a log, the driver
is simply run again from the start. Each ``execute`` whose execution is in
the log is checked against the record and answered from it, without
compiling or running anything; each iteration already committed is checked
against its digests instead of being committed again. The first execution
that is not in the log goes live. Everything random the driver uses comes
from the session's seed (``random``, and each execution's simulator seed),
so the replayed driver takes exactly the path the first run took, optimizer
internals included. A driver whose saved values are its whole state can skip
the replay with ``restore`` (the fast path).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from qckpt.diagnostics import QckptError
from qckpt.runtime.store import CheckpointStore
from qckpt.runtime.store.events import append_event
from qckpt.workflow import seeds, values
from qckpt.workflow.backend import Backend, ExecutorBackend, backend_named
from qckpt.workflow.execution_log import LOG_NAME, ExecutionLog, ExecutionRecord, IterationRecord
from qckpt.workflow.programs import ProgramCache
from qckpt.workflow.replay import ADVICE, ReplayDivergence, check_execution, check_iteration, where
from qckpt.workflow.request import describe

log = logging.getLogger(__name__)

CHECKPOINTS = "checkpoints"
CHECKPOINT_OBJECT = "checkpoint.json"


@dataclass(frozen=True)
class ExecutionResult:
    index: int  # the session's execution counter
    iteration: int | None  # the iteration it ran in, None outside iterations
    shots: int
    seed: int  # simulator seed, derived from the session seed and ``index``
    counts: dict[str, int]  # keyed as Qiskit keys counts (bit 0 rightmost), sorted by key
    replayed: bool  # served from the log, not run


@dataclass(frozen=True)
class Checkpoint:
    """The last committed iteration, as :meth:`Session.restore` returns it."""

    iteration: int
    executions: int
    values: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            have = ", ".join(sorted(self.values)) or "none"
            raise QckptError(f"the checkpoint of iteration {self.iteration} has no value '{name}' (it has: {have})") from None


@dataclass
class SessionStats:
    logged_at_open: int = 0  # executions in the log when the session opened
    executions_live: int = 0
    executions_replayed: int = 0
    shots_live: int = 0
    shots_replayed: int = 0
    iterations_committed: int = 0
    iterations_replayed: int = 0  # committed by an earlier run, checked here
    compiles: int = 0
    binds: int = 0
    restored_from: int | None = None  # iteration restored by the fast path
    skipped_executions: int = 0  # executions before that checkpoint: neither run nor replayed
    replay_seconds: float | None = None  # from open to the first live step, if anything was replayed
    replay_cpu_seconds: float | None = None  # the same in this process's CPU time
    backend_seconds: float = 0.0  # time in the backend, live executions only

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class Iteration:
    """One iteration of the driver's loop; a context manager. Values given to
    :meth:`save` are committed as the iteration's algorithmic checkpoint when
    the block ends without an exception."""

    def __init__(self, session: Session, index: int) -> None:
        self.session = session
        self.index = index
        self.values: dict[str, Any] = {}
        self._state = "new"
        self._objective: tuple[str, float] | None = None

    @property
    def replayed(self) -> bool:
        """Whether an earlier run already committed this iteration."""
        return self.index in self.session._log.contents.iterations

    def objective(self, value: float, name: str = "objective") -> None:
        """The value the driver optimizes (or follows) at this iteration. It
        goes to the session store's event log when the iteration ends, marked
        replayed or live, so ``qckpt plot objective DIR`` draws the trace of a
        run across its restarts; the log is for people, not for replay."""
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise QckptError(f"iteration {self.index}: the objective must be a number, got {value!r}") from None
        if not math.isfinite(v):
            raise QckptError(f"iteration {self.index}: the objective must be a finite number, got {v}")
        self._objective = (name, v)

    def save(self, **values: Any) -> None:
        """Name the values to checkpoint (merged over earlier calls)."""
        if self._state != "open":
            raise QckptError(f"iteration {self.index} is not open; save values inside its block")
        self.values.update(values)

    def __enter__(self) -> Iteration:
        self.session._begin(self)
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.session._end(self, commit=exc_type is None)


class Session:
    """Use :meth:`open`."""

    def __init__(self, path: Path, seed: int, name: str, backend: Backend, log_: ExecutionLog, store: CheckpointStore) -> None:
        self.path = path
        self.seed = seed
        self.name = name
        self.backend = backend
        self._log = log_
        self._store = store
        self._programs = ProgramCache()
        self._streams: dict[str, np.random.Generator] = {}
        self._next_exec = 0
        self._next_iteration = 0
        self._last_iteration: int | None = None
        self._current: Iteration | None = None
        self._opened = time.perf_counter()
        self._opened_cpu = time.process_time()
        self._live = False
        self._diverged: ReplayDivergence | None = None
        self._closed = False
        self.stats = SessionStats(logged_at_open=len(log_.contents.executions))
        self.notes: list[str] = list(store.notes)
        if log_.contents.dropped:
            self.notes.append(f"{log_.journal.path}: {log_.contents.dropped}")
        for note in self.notes:
            log.warning("%s", note)

    # -- opening and closing ---------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        seed: int,
        name: str = "workflow",
        backend: Backend | str | None = None,
        keep: int | None = 3,
        client: Any = None,
    ) -> Session:
        """Open the session stored in ``path`` (created if missing). A store
        that holds a log resumes it: see the module docstring. ``client``: a
        :class:`distributed.Client` whose workers run the live executions
        (replay is unchanged: it never runs anything)."""
        if client is not None:
            if backend is not None:
                raise QckptError("give a session a backend or a Dask client, not both")
            from qckpt.runtime.execution.dask_executor import DaskExecutor

            backend = ExecutorBackend(DaskExecutor(client))
        seed = seeds.check_seed(seed)
        if isinstance(backend, str):  # "qir-runner" or "stim", as on the command line
            backend = backend_named(backend)
        if not isinstance(name, str) or not name:
            raise QckptError(f"a session needs a non-empty name, got {name!r}")
        p = Path(path)
        if p.exists() and not p.is_dir():
            raise QckptError(f"{p} is not a directory")
        if p.is_dir() and not (p / LOG_NAME).exists() and any(e.name != CHECKPOINTS for e in p.iterdir()):
            raise QckptError(f"{p} is not a workflow session (it has files but no {LOG_NAME}); refusing to write into it")
        try:
            p.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise QckptError(f"cannot create {p}: {e.strerror or e}") from None
        # The store first: its lock names the process that holds the session.
        fp = hashlib.sha256(f"qckpt-workflow\0{name}\0{seed}".encode()).hexdigest()
        # An existing store is checked against the seed and name after the
        # log, which says which of the two differs.
        fresh = not (p / CHECKPOINTS).exists()
        store = CheckpointStore.open(p / CHECKPOINTS, fingerprint=fp if fresh else None, keep=keep)
        try:
            log_ = ExecutionLog.open(p / LOG_NAME, name=name, seed=seed)
            if store.fingerprint != fp:
                log_.close()
                raise QckptError(f"{p / CHECKPOINTS} holds the checkpoints of another session (another seed or name); use a new store")
        except BaseException:
            store.close()
            raise
        return cls(p, seed, name, backend or ExecutorBackend(), log_, store)

    def close(self, *, check: bool = True) -> None:
        """Close the log and the store. With ``check``, a replayed driver that
        ended before using up the log is a divergence."""
        if self._closed:
            return
        self._closed = True
        try:
            if check and self._diverged is None:
                self._check_finished()
        finally:
            try:
                self._log.close()
            finally:
                self._store.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close(check=exc_type is None)

    def _check_finished(self) -> None:
        if self._next_exec == 0 and self._next_iteration == 0:
            return  # opened and closed without running anything: not a driver
        logged = len(self._log.contents.executions)
        if self._next_exec < logged:
            self._diverge(
                f"replay diverged: the driver finished after {self._next_exec} executions, "
                f"but the log holds {logged}; {ADVICE}"
            )
        later = [i for i in self._log.contents.iterations if i >= self._next_iteration]
        if later:
            self._diverge(
                f"replay diverged: the driver finished after {self._next_iteration} iterations, "
                f"but the log has iteration {max(later)}; {ADVICE}"
            )

    # -- seeds -------------------------------------------------------------------

    def random(self, name: str = "default") -> np.random.Generator:
        """The session's random stream ``name``: the same object on every
        call, drawing the same numbers in a replayed run."""
        gen = self._streams.get(name)
        if gen is None:
            gen = self._streams[name] = seeds.stream(self.seed, name)
        return gen

    # -- the fast path -------------------------------------------------------------

    def restore(self) -> Checkpoint | None:
        """Restart from the last committed iteration instead of replaying the
        driver: for drivers whose saved values are all they need to go on.
        Returns ``None`` on a fresh store. The random streams and the
        execution counter are set to where they were at that iteration;
        :meth:`iterations` continues after it. Executions logged after the
        checkpoint are still served from the log."""
        self._check_usable()
        if self._next_exec or self._next_iteration or self._current is not None or self.stats.restored_from is not None:
            raise QckptError("restore() must come before the first iteration and execution")
        if self._store.have_restart() is None:
            return None
        with self._store.start_restart() as reader:
            try:
                doc = json.loads(reader.read(CHECKPOINT_OBJECT))
                iteration, executions = int(doc["iteration"]), int(doc["executions"])
                streams, saved = doc["streams"], doc["values"]
            except (ValueError, KeyError, TypeError) as e:
                raise QckptError(f"dataset {reader.id} of {self._store.path} is not a workflow checkpoint ({e})") from None
        logged = len(self._log.contents.executions)
        if executions > logged:
            raise QckptError(
                f"the checkpoint of iteration {iteration} was made after {executions} executions, "
                f"but the log holds only {logged}: the log is not the one this checkpoint was written with"
            )
        for stream_name, state in streams.items():
            seeds.restore_stream(self.random(stream_name), state)
        self._next_exec = executions
        self._next_iteration = iteration + 1
        self._last_iteration = iteration
        self.stats.restored_from = iteration
        self.stats.skipped_executions = executions
        return Checkpoint(iteration, executions, values.decode(saved))

    # -- iterations ------------------------------------------------------------------

    def iteration(self) -> Iteration:
        """The next iteration, to use as ``with session.iteration() as it:``."""
        self._check_usable()
        return Iteration(self, self._next_iteration)

    def iterations(self, stop: int) -> Iterator[Iteration]:
        """Iterations up to ``stop`` (exclusive), from the first not yet run
        (after a :meth:`restore`, the one after the checkpoint). Each one is
        committed when the loop body ends; leaving the loop with ``break`` or
        an exception does not commit the iteration it was in."""
        while self._next_iteration < stop:
            with self.iteration() as it:
                yield it

    def _begin(self, it: Iteration) -> None:
        self._check_usable()
        if self._current is not None:
            raise QckptError(f"iteration {self._current.index} is still open; iterations do not nest")
        if it._state != "new" or it.index != self._next_iteration:
            raise QckptError(f"iteration {it.index} cannot be entered again; ask the session for the next one")
        it._state = "open"
        self._current = it

    def _end(self, it: Iteration, commit: bool) -> None:
        if self._current is it:
            self._current = None
        it._state = "closed"
        if not commit or self._diverged is not None:
            return
        encoded = values.encode(it.values)
        digests = values.digests(encoded)
        record = self._log.contents.iterations.get(it.index)
        if record is not None:
            try:
                check_iteration(it.index, digests, self._next_exec, record)
            except ReplayDivergence as e:
                self._diverged = e
                raise
            self.stats.iterations_replayed += 1
        else:
            self._go_live()
            doc = {
                "iteration": it.index,
                "executions": self._next_exec,
                "values": encoded,
                "streams": {n: seeds.stream_state(g) for n, g in sorted(self._streams.items())},
            }
            w = self._store.start_output(f"iteration-{it.index}")
            w.write(CHECKPOINT_OBJECT, values.canonical(doc))
            w.complete(valid=True)
            self._log.append_iteration(IterationRecord(it.index, self._next_exec, digests))
            self.stats.iterations_committed += 1
        if it._objective is not None:
            name, value = it._objective
            append_event(self._store.path, "iteration", iteration=it.index, objective=value, name=name, replayed=record is not None)
        self._last_iteration = it.index
        self._next_iteration = it.index + 1

    # -- executions -------------------------------------------------------------------

    def execute(
        self,
        circuit: Any,
        shots: int,
        params: Mapping[Any, Any] | Sequence[Any] | None = None,
    ) -> ExecutionResult:
        """Run ``circuit`` (a Qiskit ``QuantumCircuit``, OpenQASM 3 text or an
        IR ``ModuleOp``) for ``shots`` shots, with ``params`` giving the values
        of its unbound parameters (Qiskit: by ``Parameter`` or name, or a
        sequence in ``circuit.parameters`` order; OpenQASM: by ``input`` name).
        In replay, answered from the log; live, compiled (once per circuit;
        new parameter values are bound), run and logged before returning."""
        self._check_usable()
        request = describe(circuit, shots, params)
        index = self._next_exec
        iteration = self._current.index if self._current is not None else None
        at = where(index, iteration, self._last_iteration)
        logged = self._log.contents.executions
        if index < len(logged):
            record = logged[index]
            try:
                check_execution(request, record, at)
            except ReplayDivergence as e:
                self._diverged = e
                raise
            self._next_exec += 1
            self.stats.executions_replayed += 1
            self.stats.shots_replayed += record.shots
            return ExecutionResult(index, iteration, record.shots, record.seed, dict(record.counts), True)
        self._check_may_go_live(index, iteration)
        self._go_live()
        seed = seeds.execution_seed(self.seed, index)
        program = self._programs.program(request, getattr(self.backend, "target", "qir"))
        t0 = time.perf_counter()
        counts = self.backend.run(program, request.shots, seed)
        seconds = time.perf_counter() - t0
        counts = dict(sorted(counts.items()))
        self._log.append_execution(
            ExecutionRecord(index, iteration, request.kind, request.circuit, request.params, request.shots, seed, counts, seconds)
        )
        self._next_exec += 1
        s = self.stats
        s.executions_live += 1
        s.shots_live += request.shots
        s.backend_seconds += seconds
        s.compiles, s.binds = self._programs.compiles, self._programs.binds
        return ExecutionResult(index, iteration, request.shots, seed, counts, False)

    def _check_may_go_live(self, index: int, iteration: int | None) -> None:
        """An execution past the end of the log may run only if the log has
        not already closed the iteration it belongs to: otherwise the driver
        asks for more executions than the run that wrote the log did."""
        current = iteration if iteration is not None else (self._last_iteration + 1 if self._last_iteration is not None else 0)
        later = [i for i in self._log.contents.iterations if i >= current]
        if later:
            first = min(later)
            rec = self._log.contents.iterations[first]
            self._diverge(
                f"replay diverged at {where(index, iteration, self._last_iteration)}: the log ended iteration {first} "
                f"after {rec.executions} executions, and the driver asks for more; {ADVICE}"
            )

    # -- internals --------------------------------------------------------------------------

    def _go_live(self) -> None:
        if not self._live:
            self._live = True
            if self.stats.executions_replayed or self.stats.iterations_replayed or self.stats.restored_from is not None:
                self.stats.replay_seconds = time.perf_counter() - self._opened
                self.stats.replay_cpu_seconds = time.process_time() - self._opened_cpu

    def _diverge(self, message: str) -> None:
        self._diverged = ReplayDivergence(message)
        raise self._diverged

    def _check_usable(self) -> None:
        if self._closed:
            raise QckptError(f"the session at {self.path} is closed")
        if self._diverged is not None:
            raise self._diverged

    @property
    def live(self) -> bool:
        """Whether the session has gone past its log."""
        return self._live

    @property
    def executions(self) -> int:
        """Executions asked for so far (replayed and live)."""
        return self._next_exec
