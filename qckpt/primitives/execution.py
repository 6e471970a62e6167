"""Run Qiskit circuits through qckpt's runtime: compile once, bind per
parameter set, run each bound program as a checkpointed job.

How a store maps to work: every (bound program, shots, seed) is one run of
``qckpt.runtime.execution.job`` in its own sub-store ``STORE/run-<key>``, where
``key`` is a sha256 of the program's own fingerprint (the bitcode, so the
circuit, the compile options and the parameter values), the shot count, the
seed, the mode and the batch size. A script started again with the same
store and the same calls computes the same keys: runs that completed are
read back, the one that was cut resumes from its last commit and journal,
the others start. Nothing depends on the order in which they are found, and
a different circuit, value, shot count or seed can never pick up another's
shots.

Without a store the same runs go to a temporary directory, so that a run
with a store and one without give the same counts for the same seed.
"""

from __future__ import annotations

import hashlib
import os
import signal
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

import pyqir
from qiskit import QuantumCircuit
from qiskit.circuit import Parameter

from qckpt.diagnostics import QckptError
from qckpt.pipeline import module_to_bitcode, prepare_circuit
from qckpt.primitives.options import RunOptions
from qckpt.qir.bind import bind_parameters
from qckpt.runtime.execution.job import JobOptions, fingerprint, resume_run, start_run
from qckpt.runtime.execution.stop_signals import PREEMPT_SIGNALS
from qckpt.runtime.execution.ledger import RunPlan
from qckpt.runtime.store import HEADER, CheckpointStore


class Preempted(QckptError):
    """A run stopped by SIGTERM or SIGUSR1 (as Slurm sends before a job's
    time is up): its committed work is in the store, and the same script
    started again resumes it. A batch script can exit 75 (EX_TEMPFAIL) on it."""


@dataclass(frozen=True)
class Outcome:
    """What a finished run gave: Qiskit-keyed counts (registers in reverse
    declaration order, space-separated, bit 0 rightmost) and the recorded
    registers as (name, bits) in declaration order."""

    counts: dict[str, int]
    layout: list[tuple[str, int]]
    resumed: bool  # the run was found in the store (complete or cut) rather than started


@dataclass
class _Compiled:
    circuit: QuantumCircuit  # kept so that its id() is not reused while cached
    bitcode: bytes | None  # None: an angle is not linear in its parameters; compiled per value set
    inputs: dict[str, Parameter]


class CircuitRunner:
    """Compiles each circuit once per runner (its unbound parameters become
    late-bound inputs) and binds values into a copy of the bitcode for each
    parameter set: a sweep of N values costs one compilation and N bindings."""

    def __init__(self, options: RunOptions, capacity: int = 32) -> None:
        self.options = options
        self.capacity = capacity
        self._compiled: OrderedDict[int, _Compiled] = OrderedDict()
        self.compiles = 0
        self.binds = 0
        self.preempted = False  # a preemption signal came between two runs

    @contextmanager
    def preemptible(self) -> Iterator[None]:
        """Catch SIGTERM and SIGUSR1 for a whole primitive call, not only
        while a run's job has its own handlers installed: a signal that
        comes while compiling, binding or opening a store stops the call
        before its next run (:class:`Preempted`) instead of killing it."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        old = {s: signal.signal(s, self._on_signal) for s in PREEMPT_SIGNALS}
        try:
            yield
        finally:
            for s, handler in old.items():
                signal.signal(s, handler)

    def _on_signal(self, signum: int, frame: object) -> None:
        self.preempted = True

    # -- programs ----------------------------------------------------------------

    def program(self, circuit: QuantumCircuit, values: Mapping[Parameter, float] | None = None) -> bytes:
        """The program for ``circuit`` with ``values`` for its parameters:
        QIR bitcode, or a stim program (``backend="stim"``)."""
        values = dict(values or {})
        missing = sorted(p.name for p in circuit.parameters if p not in values)
        if missing:
            raise QckptError(f"no value for parameter(s) {', '.join(missing)} of circuit '{circuit.name}'")
        if self.options.backend == "stim":
            # stim takes Clifford angles only, known when lowering: bind first.
            self.compiles += 1
            return self._emit_stim(circuit.assign_parameters(values, inplace=False) if values else circuit)
        c = self._compiled.get(id(circuit))
        if c is None or c.circuit is not circuit:
            c = self._compile(circuit)
            self._compiled[id(circuit)] = c
            if len(self._compiled) > self.capacity:
                self._compiled.popitem(last=False)
        if c.bitcode is None:
            self.compiles += 1
            return self._emit(circuit.assign_parameters(values, inplace=False))[0]
        if not c.inputs:
            return c.bitcode
        module = pyqir.Module.from_bitcode(pyqir.Context(), c.bitcode)
        bind_parameters(module, {name: float(values[p]) for name, p in c.inputs.items()})
        self.binds += 1
        return module.bitcode

    def _compile(self, circuit: QuantumCircuit) -> _Compiled:
        try:
            bitcode, inputs = self._emit(circuit)
        except QckptError as e:
            if "is not linear in its parameters" not in e.message:
                raise
            return _Compiled(circuit, None, {})
        self.compiles += 1
        return _Compiled(circuit, bitcode, inputs)

    def _emit(self, circuit: QuantumCircuit) -> tuple[bytes, dict[str, Parameter]]:
        policy = self.options.policy
        module, inputs = prepare_circuit(circuit, checkpoint=policy, every=self.options.every)
        if policy is None:
            return module_to_bitcode(module), inputs
        if self.options.store is None:
            return module_to_bitcode(module, record_mode="final"), inputs
        # As `qckpt run --store` compiles: streaming records and a resume
        # dispatch, so a shot cut short resumes from its last boundary.
        try:
            return module_to_bitcode(module.clone(), record_mode="streaming", resumable=True), inputs
        except QckptError:  # nothing restorable: shots cut short start over
            return module_to_bitcode(module, record_mode="streaming"), inputs

    def _emit_stim(self, circuit: QuantumCircuit) -> bytes:
        """The bound circuit lowered to a stim program, its boundaries
        placed as for QIR (a non-Clifford gate is refused with one line)."""
        from qckpt.pipeline import module_to_stim

        module, _ = prepare_circuit(circuit, checkpoint=self.options.policy, every=self.options.every)
        return module_to_stim(module).to_bytes()

    # -- runs ----------------------------------------------------------------------

    def run(self, program: bytes, shots: int, seed: int) -> Outcome:
        """Run ``program`` for ``shots`` shots under ``seed`` to completion,
        in its sub-store (resumed if it is there)."""
        if shots < 1:
            raise QckptError(f"shots must be at least 1, got {shots}")
        if self.preempted:
            where = f"; the committed work is in {self.options.store}; run the same script again to resume" if self.options.store else ""
            raise Preempted(f"preempted: stopped between two runs{where}")
        opts = self.options
        plan = RunPlan(
            shots=shots,
            seed=seed,
            batch_size=opts.batch_size_for(shots),
            mode=opts.mode,
            program_sha256=fingerprint(program),
            program_name=_program_name(opts.backend),
        )
        job = JobOptions(workers=opts.workers)
        if opts.store is None:
            with tempfile.TemporaryDirectory(prefix="qckpt-primitives-") as tmp:
                return _outcome(start_run(os.path.join(tmp, "run"), program, plan, job), resumed=False)
        sub = os.path.join(opts.store, f"run-{run_key(plan)}")
        if _holds_run(sub):
            return _outcome(resume_run(sub, job), resumed=True)
        os.makedirs(opts.store, exist_ok=True)
        return _outcome(start_run(sub, program, plan, job), resumed=False)


def _program_name(backend: str) -> str:
    """The stored program's file name, which picks the executor on resume."""
    if backend == "stim":
        from qckpt.stim.program import PROGRAM_NAME

        return PROGRAM_NAME
    return "program.bc"


def run_key(plan: RunPlan) -> str:
    """The sub-store name of a run: everything that makes its shots what they are."""
    text = f"qckpt-primitives-v1:{plan.program_sha256}:{plan.shots}:{plan.seed}:{plan.mode}:{plan.batch_size}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _holds_run(sub: str) -> bool:
    """Whether ``sub`` has a committed run. A sub-store killed before its
    plan was committed holds nothing: ``start_run`` starts again in it."""
    if not os.path.exists(os.path.join(sub, HEADER)):
        return False
    with CheckpointStore.open(sub, create=False, readonly=True) as store:
        return bool(store.datasets())


def _outcome(result, resumed: bool) -> Outcome:
    led = result.ledger
    if result.status == "preempted":
        raise Preempted(f"preempted: {led.shots_done} of {led.plan.shots} shots are committed in {result.store}; run the same script again to resume")
    if result.status != "complete":
        raise QckptError(f"the run stopped after {len(result.failures)} failure(s); {led.shots_done} of {led.plan.shots} shots are committed in {result.store}\n{result.report}")
    return Outcome(led.counts(), [(str(n), int(k)) for n, k in led.shape], resumed)
