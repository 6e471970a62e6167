"""``QckptBackend``: a Qiskit ``BackendV2`` that runs circuits on qckpt.

::

    backend = QckptBackend()
    job = backend.run(transpile(circuit, backend), shots=1000, seed_simulator=7, store="runs/x")
    job.result().get_counts()           # qiskit.result.Counts

Its ``Target`` declares the gates qckpt's QIR emits (the QIR ``qis`` gate
set), ``measure``, ``reset``, and the control-flow instructions, so that
``transpile(circuit, backend)`` rewrites other gates into those and keeps
``if_else``, ``while_loop``, ``for_loop`` and ``switch_case`` as they are.
Results are built as Aer builds them: memory words over the circuit's clbits
in hex, with the circuit's ``creg_sizes`` in the header, so that
``get_counts()`` and ``get_memory()`` format them exactly as Qiskit does for
any backend. Circuit ``i`` of a call runs under ``derive_seed(seed,
"circuit", i)``; the options are the sampler's (``qckpt.primitives.options``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from qiskit import QuantumCircuit
from qiskit.circuit import ForLoopOp, IfElseOp, Measure, Parameter, Reset, SwitchCaseOp, WhileLoopOp
from qiskit.circuit.controlflow import BreakLoopOp, ContinueLoopOp
from qiskit.circuit.library import get_standard_gate_name_mapping
from qiskit.providers import BackendV2, JobStatus, JobV1, Options
from qiskit.result import Result
from qiskit.result.models import ExperimentResult, ExperimentResultData
from qiskit.transpiler import Target

from qckpt.dialects.gates import TARGET_GATES
from qckpt.primitives.execution import CircuitRunner
from qckpt.primitives.options import RunOptions
from qckpt.primitives.shots import register_bits, shot_sequence
from qckpt.runtime.execution.ledger import derive_seed

TARGET_QUBITS = 32  # qir-runner's sparse simulator allocates on use; dense states past ~14 qubits are slow
CONTROL_FLOW = {"if_else": IfElseOp, "while_loop": WhileLoopOp, "for_loop": ForLoopOp, "switch_case": SwitchCaseOp, "break_loop": BreakLoopOp, "continue_loop": ContinueLoopOp}
_RUN_OPTIONS = {"seed": None, "store": None, "checkpoint": None, "mode": "reproducible", "workers": None, "every": 1, "batch_size": None}


def qckpt_target(num_qubits: int = TARGET_QUBITS) -> Target:
    """The instructions qckpt runs natively, on every qubit."""
    target = Target(description="qckpt: QIR Adaptive Profile on qir-runner", num_qubits=num_qubits)
    standard = get_standard_gate_name_mapping()
    for name in TARGET_GATES:
        if name in standard:
            target.add_instruction(standard[name], name=name)
    target.add_instruction(Measure(), name="measure")
    target.add_instruction(Reset(), name="reset")
    for name, op in CONTROL_FLOW.items():
        target.add_instruction(op, name=name)
    return target


class QckptBackend(BackendV2):
    """Runs circuits on qir-runner through qckpt's runtime, checkpointed
    when given ``store=``. ``run`` options: ``shots``, ``seed_simulator``,
    ``memory`` (keep each shot's outcome, for ``get_memory()``), and the
    run options ``store``, ``checkpoint``, ``mode``, ``workers``, ``every``,
    ``batch_size``."""

    def __init__(self, num_qubits: int = TARGET_QUBITS) -> None:
        super().__init__(name="qckpt", description="qckpt: checkpointed dynamic circuits on qir-runner", backend_version="1")
        self._target = qckpt_target(num_qubits)

    @property
    def target(self) -> Target:
        return self._target

    @property
    def max_circuits(self) -> None:
        return None

    @classmethod
    def _default_options(cls) -> Options:
        return Options(shots=1024, seed_simulator=None, memory=False, **_RUN_OPTIONS)

    def run(self, run_input: QuantumCircuit | Sequence[QuantumCircuit], **options: Any) -> QckptJob:
        circuits = [run_input] if isinstance(run_input, QuantumCircuit) else list(run_input)
        given = {**dict(self.options.items()), **options}
        shots = int(given.pop("shots"))
        memory = bool(given.pop("memory"))
        seed = given.pop("seed_simulator")
        seed = seed if seed is not None else given["seed"]
        opts = RunOptions().updated({**given, "seed": seed})
        job = QckptJob(self, str(uuid.uuid4()))
        job._result = self._run(job.job_id(), circuits, shots, memory, opts)
        return job

    def _run(self, job_id: str, circuits: list[QuantumCircuit], shots: int, memory: bool, opts: RunOptions) -> Result:
        runner = CircuitRunner(opts)
        seed = opts.run_seed()
        with runner.preemptible():
            experiments = [self._experiment(runner, circuit, shots, memory, derive_seed(seed, "circuit", i)) for i, circuit in enumerate(circuits)]
        return Result(backend_name=self.name, backend_version=self.backend_version, job_id=job_id, success=True, results=experiments)

    @staticmethod
    def _experiment(runner: CircuitRunner, circuit: QuantumCircuit, shots: int, memory: bool, circuit_seed: int) -> ExperimentResult:
        if not isinstance(circuit, QuantumCircuit):
            raise TypeError(f"QckptBackend runs QuantumCircuits, got {type(circuit).__name__}")
        outcome = runner.run(runner.program(circuit, _bound_values(circuit)), shots, circuit_seed)
        words = {key: _memory_word(circuit, register_bits(key, outcome.layout)) for key in outcome.counts}
        counts: dict[str, int] = {}
        for key, n in outcome.counts.items():
            counts[words[key]] = counts.get(words[key], 0) + n
        data = ExperimentResultData(counts=counts, memory=[words[k] for k in shot_sequence(outcome.counts, circuit_seed)] if memory else None)
        header = {
            "name": circuit.name,
            "creg_sizes": [[r.name, r.size] for r in circuit.cregs],
            "memory_slots": circuit.num_clbits,
            "metadata": circuit.metadata,
        }
        return ExperimentResult(shots=shots, success=True, data=data, header=header, seed=circuit_seed)


def _bound_values(circuit: QuantumCircuit) -> dict[Parameter, float]:
    if circuit.parameters:
        names = ", ".join(sorted(p.name for p in circuit.parameters))
        raise ValueError(f"circuit '{circuit.name}' has unbound parameters ({names}): assign them, or use qckpt's SamplerV2 with parameter values")
    return {}


def _memory_word(circuit: QuantumCircuit, registers: dict[str, str]) -> str:
    """A shot as a backend reports it: clbit i of the circuit in bit i, hex."""
    word = 0
    for reg in circuit.cregs:
        bits = registers[reg.name]
        for j, clbit in enumerate(reg):
            if bits[len(bits) - 1 - j] == "1":
                word |= 1 << circuit.find_bit(clbit).index
    return hex(word)


class QckptJob(JobV1):
    """A job that ran when it was submitted, in the caller's thread (see
    ``qckpt.primitives.job`` for why)."""

    _result: Result

    def submit(self) -> None:
        """Already run by ``QckptBackend.run``."""

    def result(self) -> Result:
        return self._result

    def status(self) -> JobStatus:
        return JobStatus.DONE
