"""A checkpointed run of many shots: batches, commits, failures, preemption.

::

    result = start_run("/scratch/job42", program_text, RunPlan(...), JobOptions(workers=2))
    result = resume_run("/scratch/job42", JobOptions())      # after a kill, a failure or a preemption

One thread drives everything: it starts an execution per worker (one
qir-runner process each, see :mod:`qckpt.runtime.execution.executor`), reads their
record streams as they come with a selector, appends every finished shot to
the journal, commits the ledger to the checkpoint store each time a batch
completes, and turns each failure the detector reports into the policy's
decision (:mod:`qckpt.runtime.execution.policy`). Signals only set flags; the loop
acts on them between two steps, so a signal never interrupts a commit.

Store layout used by a run (on top of the store's own files)::

    STORE/journal.NNNNNN          the run's journal, a segment per commit (qckpt.runtime.store.journal_segments):
                                  a frame per session start and per finished shot
    STORE/ds-NNNNNN/ledger        the shot ledger (qckpt.runtime.execution.ledger), cumulative
    STORE/ds-NNNNNN/program       the program that runs (its sha256 is the store's fingerprint)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import selectors
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Protocol

from qckpt.diagnostics import QckptError
from qckpt.runtime.execution import failures
from qckpt.runtime.restore.checkpoint_log import LogFormatError, ShotLog, read_shot
from qckpt.runtime.execution.executor import BackendUnavailable, Ended, Execution, Executor, ShotDone, executor_for
from qckpt.runtime.execution.committer import SOURCE_OBJECT, Committer
from qckpt.runtime.execution.failures import Failure
from qckpt.runtime.store import journal_segments
from qckpt.runtime.store.events import append_event
from qckpt.runtime.store.journal import Journal
from qckpt.runtime.execution.workdirs import remove_dead_workdirs, workdir_prefix
from qckpt.runtime.execution.ledger import Ledger, RunPlan, apply_journal, decode_frames, part_name, session_frame, shot_frame
from qckpt.runtime.execution.policy import FailurePolicy, PolicyEngine
from qckpt.runtime.qir_runner import Shot, parse_output
from qckpt.runtime.restore.shot_resume import BoundaryResumer, ShotResumer
from qckpt.runtime.execution.stop_signals import StopRequests
from qckpt.runtime.store.storage import LocalStorage, Storage
from qckpt.runtime.store import CheckpointStore
from qckpt.runtime.store.levels import has_store, locate_levels

JOURNAL = "journal"
EXIT_PREEMPTED = 75  # EX_TEMPFAIL: "resume me"
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl-C
READ_PAUSE = 0.003  # seconds between two reads of the record streams while they flow


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def default_batch_size(shots: int) -> int:
    """About 16 batches, at most 1000 shots each. A function of the shot
    count alone (not of the machine), so that the same command gives the
    same plan, and so the same histogram, everywhere."""
    return max(1, min(1000, -(-shots // 16)))


def fingerprint(program: bytes) -> str:
    return hashlib.sha256(program).hexdigest()


class Progress(Protocol):
    def update(self, shots_done: int, shots: int, commits: int, failures: int) -> None: ...

    def close(self) -> None: ...


@dataclass
class JobOptions:
    workers: int | None = None  # None: one per core
    policy: FailurePolicy = field(default_factory=FailurePolicy)
    sync_interval: float = 1.0  # journal fsync interval, seconds: what a kill -9 can lose
    keep: int = 3  # valid datasets kept in the store
    persistent: str | None = None  # a second, persistent store level
    flush_every: int = 1
    executor: Executor | None = None  # None: qir-runner
    resumer: ShotResumer | None = None  # None: BoundaryResumer (restoration's resume binding)
    progress: Progress | None = None
    stop: StopRequests | None = None  # None: the run counts SIGTERM/SIGUSR1 itself while its loop runs (the CLI passes one that counts SIGINT too)
    inject_kill_every: int = 0  # test/benchmark knob: SIGKILL the backend after every K finished shots
    seed_rng: int | None = None  # seed of the backoff jitter (tests)


@dataclass
class JobResult:
    status: str  # complete, preempted (SIGTERM, SIGUSR1), interrupted (SIGINT), failed
    ledger: Ledger
    store: str
    notes: list[str]
    commits: int
    failures: list[Failure]  # of this session
    report: str = ""  # what happened, when the run gave up
    recovered_shots: int = 0  # shots taken back from the journal at resume
    commit_seconds: list[float] = field(default_factory=list)  # wall time of each commit of this session
    committed_bytes: int = 0  # object bytes committed in this session (what the store wrote, before pruning)
    killed_for_chaos: int = 0  # executions killed by inject_kill_every
    persistent: str | None = None  # the store's persistent level, if it has one

    @property
    def counts(self) -> dict[str, int]:
        return self.ledger.counts()


@dataclass
class _Run:
    """One execution in flight."""

    batch: int
    execution: Execution
    part: str
    session: int
    attempt: int
    seq: int = 0  # shots of this execution finished so far
    stopping: bool = False  # we killed it on purpose (preemption, rollback)
    hung: bool = False
    bad: Failure | None = None  # the runtime's own finding (output shape changed)
    asked: int = 0  # shots asked of it
    resumes_shot: bool = False  # a one-shot run that finishes a torn shot (ShotResumer)
    kept_visits: int = 0  # visits of that torn shot it does not run again


class Job:
    def __init__(self, store: CheckpointStore, ledger: Ledger, program: bytes, options: JobOptions, notes: list[str], store_dir: str, source: bytes | None = None):
        self.store = store
        self.ledger = ledger
        self.plan = ledger.plan
        self.program = program
        self.opts = options
        self.notes = notes
        self.executor: Executor = options.executor or executor_for(self.plan.program_name)
        # A cluster's executor knows its own width (its workers' threads); this machine's cores otherwise.
        self.workers = options.workers or getattr(self.executor, "default_workers", default_workers)()
        self.resumer: ShotResumer = options.resumer or BoundaryResumer()
        self.engine = PolicyEngine(options.policy, self.plan.mode, _rng(options.seed_rng))
        self.progress = options.progress
        self.committer = Committer(store, program, store_dir, source)
        self.failures: list[Failure] = []
        self.running: dict[int, _Run] = {}
        self.queue: dict[int, float] = {}  # batch to run again -> monotonic time it may start
        self._cursor = 0  # batches from here on that are not done have not been started: handed out lazily
        self._fresh_at = 0.0  # monotonic time fresh batches may start (after a rollback's delay)
        self._open_frames: dict[int, list[bytes]] = {}  # reproducible mode: the current attempt's shot frames per unfinished batch
        self.attempts: dict[int, int] = {}
        self.shape: tuple | None = tuple(ledger.shape) or None
        self.stop = options.stop or StopRequests()
        self._own_handlers = options.stop is None
        self.killed_for_chaos = 0
        self._shots_since_kill = 0
        self._rollback: float | None = None
        self._give_up: str | None = None
        self._last_progress = 0.0

    # -- the loop ----------------------------------------------------------------

    def run(self, journal: Journal, segment: int, session: int) -> JobResult:
        self.journal = journal
        self.segment = segment
        self.session = session
        self.queue = {}
        self._cursor = 0
        self._event("resume" if self.ledger.shots_done or session > 0 else "start")
        self.sel = selectors.DefaultSelector()
        remove_dead_workdirs()
        with tempfile.TemporaryDirectory(prefix=workdir_prefix()) as work:
            self.workdir = work
            self.program_path = os.path.join(work, self.plan.program_name)
            with open(self.program_path, "wb") as f:
                f.write(self.program)
            # Without the caller's StopRequests, SIGTERM/SIGUSR1 only: Ctrl-C stays the caller's KeyboardInterrupt.
            handlers = self.stop.installed(sigint=False) if self._own_handlers else contextlib.nullcontext()
            with handlers:  # signals are counted until the executions are reaped
                try:
                    self.start_path = _bound_at_start(self.program, self.program_path, work)
                    status = self._loop()
                finally:
                    self.committer.close()
                    self.journal.close()
                    for r in self.running.values():
                        r.execution.kill()
                    for r in list(self.running.values()):  # reap them
                        _drain(r.execution)
                    self.running.clear()
                    self.sel.close()
                    if self.progress is not None:
                        self._show(force=True)
                        self.progress.close()
        c = self.committer
        return JobResult(
            status, self.ledger, self.store.path, self.notes, c.commits, self.failures, self._give_up or "",
            commit_seconds=c.seconds, committed_bytes=c.bytes, killed_for_chaos=self.killed_for_chaos,
        )

    def _loop(self) -> str:
        while True:
            self.committer.check()
            if self.stop.count >= 2:
                # At once: no shot end is awaited. What finished is committed, so that the
                # status and the counts printed are the store's.
                for r in self.running.values():
                    r.stopping = True
                    r.execution.kill()
                self._finish(self.stop.status)
                return self.stop.status
            draining = self.stop.count == 1 or self._give_up is not None or self._rollback is not None
            if draining:
                for r in self.running.values():
                    # An execution whose shots come whole at its end (a Dask task) has no shot end to stop at.
                    whole = not getattr(r.execution, "streams_shots", True)
                    if not r.stopping and (self._give_up is not None or self._rollback is not None or whole):
                        r.stopping = True
                        r.execution.kill()
            if draining and not self.running:
                if self._give_up is not None:
                    self._finish("failed")
                    return "failed"
                if self._rollback is not None:
                    self._do_rollback()
                    continue
                self._finish(self.stop.status)
                return self.stop.status
            if not draining:
                self._start_ready()
                if not self.running and not self.queue and self._peek_fresh() is None:
                    self._finish("complete")
                    return "complete"
            self._wait_and_read()
            self._show()

    def _start_ready(self) -> None:
        now = time.monotonic()
        for b in sorted(self.queue):  # lowest batch first: a retried batch finishes (and commits) sooner
            if len(self.running) >= self.workers:
                return
            if self.queue[b] <= now:
                del self.queue[b]
                self._start(b)
        while len(self.running) < self.workers and self._fresh_at <= now:
            b = self._peek_fresh()
            if b is None:
                return
            self._cursor = b + 1
            self._start(b)

    def _peek_fresh(self) -> int | None:
        """The next batch never started in this session, or None."""
        b = next(self.ledger.pending(self._cursor), None)
        if b is not None:
            self._cursor = b
        return b

    def _in_flight(self, b: int) -> int:
        """Shots of batch ``b`` that running executions were asked for and have not delivered."""
        return sum(r.asked - r.seq for r in self.running.values() if r.batch == b)

    def _start(self, b: int, program: str | None = None, kept_visits: int = 0, fill: dict | None = None) -> None:
        if self.ledger.is_done(b):
            return
        if self.plan.mode == "reproducible" and program is None:
            self.ledger.drop_partial(b)
            self._open_frames[b] = []
        shots = 1 if program is not None else self.ledger.remaining(b) - self._in_flight(b)
        if shots <= 0:
            return
        attempt = self.attempts[b] = self.attempts.get(b, -1) + 1
        seed = self.plan.attempt_seed(b, self.session, attempt)
        try:
            ex = self.executor.start(program or self.start_path, shots, seed, fill)
        except BackendUnavailable as e:
            self._fail(_Run(b, None, "", self.session, attempt), Failure(failures.BACKEND, e.message, b))  # type: ignore[arg-type]
            return
        r = _Run(b, ex, part_name(self.session, attempt), self.session, attempt, asked=shots, resumes_shot=program is not None, kept_visits=kept_visits)
        self.running[ex.fileno()] = r
        self.sel.register(ex.fileno(), selectors.EVENT_READ, r)

    def _wait_and_read(self) -> None:
        now = time.monotonic()
        timeout = 0.25
        if self.queue and not self.stop.count and len(self.running) < self.workers:
            timeout = min(timeout, max(0.0, min(self.queue.values()) - now))
        if self._fresh_at > now and not self.stop.count and len(self.running) < self.workers:
            timeout = min(timeout, self._fresh_at - now)
        hb = self.opts.policy.heartbeat
        for r in self.running.values():
            if not r.resumes_shot:
                timeout = min(timeout, max(0.0, r.execution.last_output + hb - now))
        if not self.running:
            time.sleep(timeout)
            return
        ready = self.sel.select(timeout)
        ended = False
        for key, _ in ready:
            r = key.data
            for ev in r.execution.read():
                if isinstance(ev, ShotDone):
                    self._on_shot(r, ev)
                else:
                    self._on_end(r, ev)
                    ended = True
        if ready and not ended:
            # qir-runner writes line by line: waking for every few lines would cost the loop more than the
            # records. A short pause lets output gather (a pipe holds 64 KiB: tens of ms of it at the fastest).
            time.sleep(READ_PAUSE)
        now = time.monotonic()
        for r in self.running.values():
            # A resumed shot may be post-selecting its cone replay, which records nothing until
            # the recorded outcomes come back (1/p tries for an outcome of probability p): killing
            # it would restart rare states more often than common ones, a bias. Its death is
            # still seen (the process ends).
            if not r.hung and not r.resumes_shot and now - r.execution.last_output > hb:
                r.hung = True
                r.execution.kill()

    # -- events --------------------------------------------------------------------

    def _on_shot(self, r: _Run, ev: ShotDone) -> None:
        if r.bad is not None:
            return  # killed for bad records: the shots still in the pipe are not trusted
        self.engine.working = True
        if self.shape is None:
            self.shape = ev.shape
            self.ledger.shape = list(ev.shape)
        elif ev.shape != self.shape:
            r.bad = Failure(failures.BAD_RECORDS, f"a shot recorded registers {_shape(ev.shape)}, the others {_shape(self.shape)}", r.batch, r.seq)
            r.execution.kill()
            return
        if self.ledger.is_done(r.batch):
            return  # cannot happen: an execution is asked for no more than the batch lacks
        if ev.replay_failed:
            # Only a program emitted with a capped replay (a negative control) gets here: the cone did
            # not reproduce the recorded outcomes within the cap, and the shot starts over. That is
            # biased against rare states, which is why programs are emitted without a cap.
            self.ledger.resumed_shots -= 1
            self.ledger.restarted_shots += 1
            self.ledger.saved_visits -= r.kept_visits
            self.ledger.lost_visits += r.kept_visits
            return
        visits = ev.visits + r.kept_visits
        finished = self.ledger.add(r.batch, r.part, ev.key, visits)
        frame = shot_frame(r.batch, r.session, r.attempt, r.seq, visits, ev.key)
        self.journal.append(frame)
        if self.plan.mode == "reproducible":
            if finished:
                self._open_frames.pop(r.batch, None)
            else:
                self._open_frames.setdefault(r.batch, []).append(frame)
        r.seq += 1
        if self.stop.count == 1 and not r.stopping:  # preemption: stop at the end of this shot
            r.stopping = True
            r.execution.kill()
        k = self.opts.inject_kill_every
        if k and not r.stopping:
            self._shots_since_kill += 1
            if self._shots_since_kill >= k and not finished:
                self._shots_since_kill = 0
                self.killed_for_chaos += 1
                r.execution.kill()

    def _on_end(self, r: _Run, ev: Ended) -> None:
        fd = r.execution.fileno()
        self.sel.unregister(fd)
        del self.running[fd]
        done = self.ledger.is_done(r.batch)
        self._note_torn(r, ev.torn)
        if r.stopping:  # we stopped it: not a failure of the backend
            if self.plan.mode == "reproducible":
                self.ledger.drop_partial(r.batch)
            elif ev.torn:
                self._count_restarted(self._log(self._torn_shot(ev.torn)))
            if not done:
                self.queue[r.batch] = 0.0
            return
        failure = r.bad or ev.failure
        if r.hung:
            failure = Failure(failures.HANG, f"no output for {self.opts.policy.heartbeat:g} s (heartbeat); killed it", r.batch, r.seq)
        if failure is None:
            if done:
                self.engine.succeeded(r.batch)
                if self.ledger.has_pending():
                    self._commit(f"batch-{r.batch}")
            elif not self._in_flight(r.batch):
                self.queue.setdefault(r.batch, 0.0)  # a resumed shot that could not be resumed: run it afresh
            return
        failure = Failure(failure.kind, failure.detail, r.batch, r.seq)
        self._settle_torn_shot(r, ev.torn)
        self._fail(r, failure)

    def _note_torn(self, r: _Run, torn: bytes) -> None:
        """A torn shot's resume record goes to the event log, where ``qckpt
        record STORE`` finds it (a resumed shot's records lack their prefix)."""
        record = getattr(self.resumer, "record", None)
        rec = record(self.program_path, self._torn_shot(torn)) if record and torn and not r.resumes_shot else None
        if rec is not None:
            self._event("torn-shot", batch=r.batch, record=rec.to_json())

    def _event(self, event: str, **fields: object) -> None:
        append_event(self.store.path, event, session=self.session, shots_done=self.ledger.shots_done, **fields)

    def _fail(self, r: _Run, failure: Failure) -> None:
        self.failures.append(failure)
        self._event("failure", kind=failure.kind, batch=failure.batch)
        self.ledger.failures.append({**failure.to_json(), "session": self.session, "time": time.time()})
        self.ledger.failures_total += 1
        d = self.engine.decide(failure)
        if d.action == "give-up":
            self._give_up = _report(d.reason, self.failures)
            return
        if d.action == "restart" or self.plan.mode == "reproducible":
            self.ledger.drop_partial(r.batch)
        if d.action == "rollback":
            self._rollback = d.delay
        if not self.ledger.is_done(r.batch):
            self.queue[r.batch] = time.monotonic() + d.delay

    # -- in-flight shots: the one place restoration plugs in ------------------------

    def _settle_torn_shot(self, r: _Run, torn: bytes) -> None:
        """A shot that began and did not end. In ``reproducible`` mode it
        goes with its batch. In ``resume`` mode the :class:`ShotResumer`
        may give a program that finishes it from its last complete boundary
        visit, which then runs as a one-shot execution of the batch; with no
        such program the shot starts over. The work is counted either way."""
        if not torn or self.plan.mode == "reproducible":
            return
        shot = self._torn_shot(torn)
        log = self._log(shot)
        if r.resumes_shot or not log.visits:  # a resumed shot cut again starts over (its records lack the prefix)
            self._count_restarted(log)
            return
        try:
            res = self.resumer.resume(self.program_path, shot, self.workdir)
        except QckptError as e:
            self.notes.append(f"could not resume a torn shot of batch {r.batch}, it starts over: {e.message}")
            res = None
        if res is None:
            self._count_restarted(log)
            return
        self.ledger.resumed_shots += 1
        self.ledger.saved_visits += res.kept_visits
        self.ledger.lost_visits += len(log.visits) - res.kept_visits
        self._start(r.batch, program=res.program, kept_visits=res.kept_visits, fill=res.decided)

    @staticmethod
    def _torn_shot(torn: bytes) -> Shot:
        shots = parse_output(torn.decode(errors="replace"))
        return shots[-1] if shots else Shot()

    @staticmethod
    def _log(shot: Shot) -> ShotLog:
        try:
            return read_shot(shot)
        except (LogFormatError, ValueError):
            return ShotLog()

    def _count_restarted(self, log: ShotLog) -> None:
        self.ledger.restarted_shots += 1
        self.ledger.lost_visits += len(log.visits)

    # -- commits, rollback, the end ---------------------------------------------------

    def _commit(self, name: str, wait: bool = False) -> None:
        # The last commit (wait) also goes to the persistent level: the fast one may not outlive the job.
        old = self._rotate_journal()
        self.committer.submit(name, self.ledger.to_bytes(partial=self.plan.mode == "resume"), old, self.segment, flush=wait)
        self._event("commit", name=name)
        if wait:
            self.committer.flush()

    def _rotate_journal(self) -> Journal:
        """Start the next journal segment; the ledger about to be committed
        holds every shot of the older ones. It opens with the session number
        (the next session's number must survive the removal of the segment
        that started this one). In reproducible mode a batch is taken from
        the journal only whole, and unfinished batches are not committed, so
        their frames so far are copied into the new segment."""
        old = self.journal
        k = self.segment + 1
        j = Journal.open(journal_segments.segment_path(os.path.dirname(old.path), k), sync_interval=self.opts.sync_interval)
        j.append(session_frame(self.session))
        for b, frames in sorted(self._open_frames.items()):
            if not self.ledger.is_done(b):
                for f in frames:
                    j.append(f)
        self.journal, self.segment = j, k
        self.ledger.journal_from = k
        return old

    def _finish(self, status: str) -> None:
        if status != "complete" and self.plan.mode == "reproducible":
            for b in list(self.ledger.batches):
                self.ledger.drop_partial(b)
        self.ledger.status = status
        self._commit(status, wait=True)
        self._event("preempt" if status == "preempted" else status)

    def _do_rollback(self) -> None:
        delay, self._rollback = self._rollback or 0.0, None
        self.committer.flush()
        reader = self.store.start_restart()
        for i, why in reader.skipped:
            self.notes.append(f"rollback skipped dataset {i}: {why}")
        kept = Ledger.from_bytes(reader.read("ledger"))
        kept.sessions = self.ledger.sessions
        kept.failures, kept.failures_total = self.ledger.failures, self.ledger.failures_total
        for counter in ("restarted_shots", "resumed_shots", "saved_visits", "lost_visits"):
            setattr(kept, counter, getattr(self.ledger, counter))
        kept.shape = self.ledger.shape
        self.ledger = kept
        self.notes.append(f"rolled back to dataset {reader.id} ({kept.shots_done} shots)")
        self._fresh_at = time.monotonic() + delay
        self.queue = {}
        self._cursor = 0
        self._open_frames = {}

    def _show(self, force: bool = False) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        if force or now - self._last_progress >= 0.1:
            self._last_progress = now
            self.progress.update(self.ledger.shots_done, self.plan.target_shots, self.committer.commits, len(self.failures))


def _bound_at_start(program: bytes, path: str, work: str) -> str:
    """What fresh shots run. A resumable program (one that can start at a
    boundary, for restoration) must be told to start at the top: bound once
    per session; its resume functions are otherwise undefined."""
    from qckpt import abi

    if abi.RESUME_POINT.encode() not in program:
        return path
    from qckpt.qir.resume_binding import bind_resume_file

    start = os.path.join(work, "start.bc")
    with open(start, "wb") as f:
        f.write(bind_resume_file(path, None).bitcode)
    return start


def _shape(shape: tuple) -> str:
    return ", ".join(f"{n}[{k}]" for n, k in shape) or "none"


def _report(reason: str, fails: list[Failure]) -> str:
    kinds = Counter(f.kind for f in fails)
    lines = [f"gave up: {reason}", "failures by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common())]
    lines += [f"  {f.describe()}" for f in fails[-5:]]
    return "\n".join(lines)


def _rng(seed: int | None):
    import random

    return random.Random(seed)


def _drain(ex: Execution) -> None:
    """Read an execution to its end (after a kill) so its process is reaped."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if any(isinstance(e, Ended) for e in ex.read()):
            return


# -- starting and resuming -----------------------------------------------------------


def _run_session(store: CheckpointStore, store_dir: str, ledger: Ledger, program: bytes, options: JobOptions, notes: list[str], session: int, recovered: int, source: bytes | None = None) -> JobResult:
    # Each session appends to a segment of its own: the older ones are only
    # ever read (a torn tail in them is where replay stops).
    segment = journal_segments.next_segment(store_dir)
    journal = Journal.open(journal_segments.segment_path(store_dir, segment), sync_interval=options.sync_interval)
    try:
        # Made durable before any shot of the session runs: continuation seeds
        # include the session number, so it must never be used twice.
        journal.append(session_frame(session))
        journal.sync()
        ledger.sessions = session + 1
        ledger.status = "running"
        result = Job(store, ledger, program, options, notes, store_dir, source).run(journal, segment, session)
    finally:
        journal.close()
    result.recovered_shots = recovered
    result.persistent = store.persistent_path
    return result


def replay_journal(store_dir: str, ledger: Ledger, notes: list[str]) -> tuple[int, int]:
    """Add to ``ledger`` the shots journaled since it was committed (the
    segments from its ``journal_from``); (sessions started, shots added)."""
    sessions, shots = 0, []
    for k, rep in journal_segments.replay_from(store_dir, ledger.journal_from):
        js, ks = decode_frames(list(rep))
        sessions = max(sessions, js)
        shots += ks
        if rep.torn_at is not None:
            where = journal_segments.segment_path(store_dir, k)
            notes.append(f"journal {where} ends in a torn or damaged frame at byte {rep.torn_at} ({rep.reason}); replayed the {len(rep)} frames before it")
    return sessions, apply_journal(ledger, shots)


def _where(store: str | os.PathLike[str] | Storage) -> tuple[str | os.PathLike[str] | Storage, str]:
    """What to open the store on (a directory, or a Storage that the tests
    make faulty) and its local directory, where the journal goes."""
    if isinstance(store, LocalStorage):
        return store, store.root
    if isinstance(store, Storage):
        raise QckptError("a run needs a local store directory for its journal")
    return store, os.fspath(store)


def start_run(store_dir: str | os.PathLike[str] | Storage, program: bytes, plan: RunPlan, options: JobOptions | None = None, source: bytes | None = None) -> JobResult:
    """Start a run in a new (or empty) store directory. A store that
    already holds this same run (program and plan) is resumed instead: a
    requeued batch job can repeat its command; a store holding another run
    is refused. ``source``: the program in qckpt IR, kept so that the run
    can resume on a narrower executor (``SOURCE_OBJECT``)."""
    options = options or JobOptions()
    fp = fingerprint(program)
    if plan.program_sha256 != fp:
        raise QckptError("the run plan names another program (sha256 mismatch)")
    (options.executor or executor_for(plan.program_name)).check()
    where, store_dir = _where(store_dir)
    notes: list[str] = []
    if not isinstance(where, Storage):
        store_dir, persistent = locate_levels(store_dir, options.persistent, notes)
        where, options = store_dir, replace(options, persistent=persistent)
    fresh = not has_store(store_dir) and not has_store(options.persistent)
    store = CheckpointStore.open(where, fingerprint=None if not fresh else fp, persistent=options.persistent, flush_every=options.flush_every, keep=options.keep)
    with store:
        # A store whose run never committed its plan (killed while starting) holds nothing: start again in it.
        if not fresh and (store.datasets() or store.fingerprint != fp):
            _check_same_run(store, store_dir, plan)
            notes.append(f"{store_dir} already holds this run: resuming it")
            return _resume_open(store, store_dir, options, notes)
        ledger = Ledger(plan, journal_from=journal_segments.next_segment(store_dir))
        notes += store.notes
        w = store.start_output("plan")
        w.write("ledger", ledger.to_bytes())
        w.write("program", program)
        if source is not None:
            w.write(SOURCE_OBJECT, source)
        w.complete(valid=True)
        return _run_session(store, store_dir, ledger, program, options, notes, 0, 0, source)


def _check_same_run(store: CheckpointStore, store_dir: str, plan: RunPlan) -> None:
    hint = f"continue it with 'qckpt resume {store_dir}', or choose an empty directory"
    if store.fingerprint != plan.program_sha256:
        raise QckptError(f"{store_dir} already holds a run of another program: {hint}")
    try:
        ledger, _, _, _ = load_run(store)
    except QckptError as e:
        raise QckptError(f"{store_dir} already holds a run that cannot be read ({e.message}): {hint}") from None
    have = ledger.plan
    if have != plan:
        diff = ", ".join(f"{k} {getattr(have, k)} (not {getattr(plan, k)})" for k in ("shots", "seed", "batch_size", "mode", "shard") if getattr(have, k) != getattr(plan, k))
        raise QckptError(f"{store_dir} already holds a run with another plan ({diff}): {hint}")


def load_run(store: CheckpointStore) -> tuple[Ledger, bytes, list[str], int]:
    """The newest valid checkpoint's ledger and program, what was skipped to
    find it, and the number of the last dataset."""
    return load_run_source(store)[:4]  # type: ignore[return-value]


def load_run_source(store: CheckpointStore) -> tuple[Ledger, bytes, list[str], int, bytes | None]:
    """:func:`load_run`, and the program's qckpt IR if the run kept it."""
    reader = store.start_restart()
    notes = list(store.notes) + [f"skipped dataset {i}: {why}" for i, why in reader.skipped]
    ledger = Ledger.from_bytes(reader.read("ledger"))
    program = reader.read("program")
    if fingerprint(program) != ledger.plan.program_sha256 or fingerprint(program) != store.fingerprint:
        raise QckptError(f"dataset {reader.id} holds a program that does not match the store's fingerprint")
    return ledger, program, notes, reader.id, reader.read(SOURCE_OBJECT) if SOURCE_OBJECT in reader.objects() else None


def resume_run(store_dir: str | os.PathLike[str] | Storage, options: JobOptions | None = None) -> JobResult:
    """Go on with the run in ``store_dir`` from its newest valid checkpoint
    and the finished shots in its journal. ``store_dir`` may be either level
    of a two-level store (:func:`qckpt.runtime.store.levels.locate_levels`)."""
    options = options or JobOptions()
    where, store_dir = _where(store_dir)
    notes: list[str] = []
    if not isinstance(where, Storage):
        store_dir, persistent = locate_levels(store_dir, options.persistent, notes)
        where, options = store_dir, replace(options, persistent=persistent)
    if not has_store(store_dir) and not has_store(options.persistent):
        raise QckptError(
            f"no run to resume in {store_dir} (no checkpoint store there); if the run had a persistent level "
            "(--persistent), resume from it: 'qckpt resume PERSISTENT_DIR'"
        )
    store = CheckpointStore.open(where, persistent=options.persistent, flush_every=options.flush_every, keep=options.keep, create=False)
    with store:
        return _resume_open(store, store_dir, options, notes)


def _resume_open(store: CheckpointStore, store_dir: str, options: JobOptions, notes: list[str]) -> JobResult:
    ledger, program, more, ds, source = load_run_source(store)
    notes += more
    notes.append(f"restarting from dataset {ds} ({ledger.shots_done} of {ledger.plan.target_shots} shots committed)")
    if ledger.status == "complete":
        return JobResult("complete", ledger, store.path, notes, 0, [], persistent=store.persistent_path)
    (options.executor or executor_for(ledger.plan.program_name)).check()
    if ledger.plan.mode == "reproducible":
        for b in list(ledger.batches):
            ledger.drop_partial(b)
    js, recovered = replay_journal(store_dir, ledger, notes)
    sessions = max(ledger.sessions, js)
    if recovered:
        notes.append(f"recovered {recovered} finished shot(s) from the journal")
    return _run_session(store, store_dir, ledger, program, options, notes, sessions, recovered, source)
