"""Resume a checkpointed run on an executor narrower than it started on.

``qckpt resume DIR --max-qubits N``: a run started on a wide layout goes on
on N qubits when the rest of the program fits. The program's QIR addresses
every qubit it ever uses, so it cannot run there as it is. The run's store
keeps the checkpointed program in qckpt IR beside its QIR
(:data:`~qckpt.runtime.execution.committer.SOURCE_OBJECT`); from it this
module builds the narrow form with what ``qckpt split`` already does for
segments (:func:`qckpt.runtime.restore.segments.compile_segments`): the
program cut at every exact top-level boundary, each segment the code after
its boundary only, on its own qubits renumbered densely, with the state its
boundary recorded bound in as constants. Each remaining shot runs segment by
segment on the N-qubit executor, which refuses any QIR addressing a qubit
``>= N`` (:func:`qckpt.runtime.qir_runner.refuse_wider_than`), and the
stitched shot reports the same records as a whole one.

A segment wider than N is refused in one line before the store is touched
(the store is only read, never locked for writing, until the widths are
known to fit).

Executions are worker processes, ``python -m
qckpt.runtime.execution.narrow_resume PLAN_DIR SHOTS SEED MAX_QUBITS``, that
print the stitched shots as qir-runner prints records, so the runtime's
journal, ledger and store cannot tell them from qir-runner's (the stim
backend's pattern, :mod:`qckpt.runtime.execution.stim_executor`). Like
stim's, a segmented shot is delivered whole or not at all: a worker killed
mid-way leaves no torn shot, and its batch runs the shot again. Boundary
visits are not counted for these shots (segments record their cuts' state,
not visits).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from qckpt.diagnostics import QckptError
from qckpt.runtime.execution.executor import BackendUnavailable, Ended, QirRunnerExecution
from qckpt.runtime.qir_runner import Shot, qir_runner_binary

CHUNK = 200  # shots segmented at a time: output flows between chunks, so the heartbeat sees progress
WORKER = "qckpt.runtime.execution.narrow_resume"


def narrow_segments(source: bytes, name: str = "source.mlir") -> list:
    """The run's program (qckpt IR, boundaries placed) cut at every exact
    top-level boundary and emitted, each segment on its own qubits."""
    from qckpt.pipeline import parse_mlir
    from qckpt.runtime.restore.segments import compile_segments

    return compile_segments(parse_mlir(source.decode(), name))


def refuse_if_wider(segments: list, max_qubits: int, store: str) -> None:
    """One line naming the widest segment and the narrowest executor the
    run resumes on, when a segment does not fit in ``max_qubits``."""
    if max_qubits < 1:
        raise QckptError(f"--max-qubits must be at least 1, not {max_qubits}")
    widest = max(segments, key=lambda s: s.manifest["num_qubits"])
    need = widest.manifest["num_qubits"]
    if need <= max_qubits:
        return
    m = widest.manifest
    span = f"{'start' if m['starts_at'] is None else 'boundary ' + str(m['starts_at'])} -> {'end' if m['ends_at'] is None else 'boundary ' + str(m['ends_at'])}"
    names = ", ".join(m["qubits"][:8]) + (", ..." if need > 8 else "")
    raise QckptError(
        f"cannot resume {store} on {max_qubits} qubit(s): segment {m['index']} of the rest of the program ({span}) needs {need} ({names}); "
        f"it resumes on {need} or more"
    )


@contextlib.contextmanager
def narrow_executor(store_dir: str, max_qubits: int) -> Iterator[NarrowLayoutExecutor]:
    """The executor that resumes the run in ``store_dir`` on ``max_qubits``
    qubits, its segments written to a directory removed afterwards. Raises,
    having only read the store, when the run cannot resume that narrow."""
    from qckpt.runtime.execution.job import load_run_source
    from qckpt.runtime.execution.logical_run import is_logical_store
    from qckpt.runtime.restore.segments import write_plan
    from qckpt.runtime.store import CheckpointStore
    from qckpt.runtime.store.levels import has_store

    if not has_store(store_dir):
        raise QckptError(f"no run to resume in {store_dir} (no checkpoint store there)")
    if is_logical_store(store_dir):
        raise QckptError(f"{store_dir} holds a logical (stim) run: --max-qubits is for QIR runs on qir-runner")
    with CheckpointStore.open(store_dir, create=False, readonly=True) as store:
        ledger, _, _, _, source = load_run_source(store)
    if source is None:
        raise QckptError(
            f"cannot resume {store_dir} on a narrower executor: its run was started from compiled QIR, whose qubits cannot be "
            "renumbered; start the run from OpenQASM or qckpt IR (qckpt run PROGRAM.qasm --store DIR), or resume without --max-qubits"
        )
    if ledger.plan.program_name != "program.ll":
        raise QckptError(f"{store_dir} is not a QIR run: --max-qubits is for runs on qir-runner")
    try:
        segments = narrow_segments(source)
    except QckptError as e:
        raise QckptError(f"cannot resume {store_dir} on a narrower executor: {e.message}") from None
    refuse_if_wider(segments, max_qubits, store_dir)
    with tempfile.TemporaryDirectory(prefix="qckpt-narrow-") as plan_dir:
        write_plan(plan_dir, segments)
        yield NarrowLayoutExecutor(plan_dir, max_qubits)


class NarrowLayoutExecutor:
    """Runs each batch of the run's program segment by segment on
    ``max_qubits`` qubits. The program path the runtime passes is the run's
    wide QIR; what runs is the segment plan made from the same source."""

    name = "qir-runner (segmented)"

    def __init__(self, plan_dir: str, max_qubits: int):
        self.plan_dir = plan_dir
        self.max_qubits = max_qubits

    def check(self) -> None:
        try:
            qir_runner_binary()
        except QckptError as e:
            raise BackendUnavailable(e.message) from None

    def start(self, program: str, shots: int, seed: int, fill: Mapping[str, bool | int | float] | None = None) -> NarrowExecution:
        if fill:  # never asked: these executions leave no torn shot to finish
            raise BackendUnavailable("the segmented executor runs whole shots only; it cannot finish a shot from a boundary")
        cmd = [sys.executable, "-m", WORKER, self.plan_dir, str(shots), str(seed), str(self.max_qubits)]
        return NarrowExecution(cmd, program, shots, seed)


class NarrowExecution(QirRunnerExecution):
    backend_name = "the segmented worker"

    def __init__(self, cmd: list[str], program: str, shots: int, seed: int):
        super().__init__(cmd[0], program, shots, seed, command=cmd)

    def _finish(self, failure=None) -> Ended:
        ended = super()._finish(failure)
        return Ended(ended.failure, b"")  # a shot is printed whole once stitched: a torn block did not happen


def shot_text(shot: Shot) -> bytes:
    """A shot as qir-runner prints it."""
    lines = ["START"]
    lines += [f"METADATA\t{k}\t{v}" for k, v in shot.metadata.items()]
    lines += [f"OUTPUT\t{r.kind}\t{r.value}" + (f"\t{r.label}" if r.label is not None else "") for r in shot.records]
    lines.append(f"END\t{shot.end_code or 0}")
    return ("\n".join(lines) + "\n").encode()


def chunk_seed(seed: int, chunk: int) -> int:
    return (seed * 1_000_003 + chunk * 7_919 + 1) % (2**63)


def _work(plan_dir: str, shots: int, seed: int, max_qubits: int) -> int:
    from qckpt.runtime.restore.segments import load_plan, run_segmented

    try:
        segments = load_plan(Path(plan_dir))
        out = sys.stdout.buffer
        done = chunk = 0
        while done < shots:
            n = min(CHUNK, shots - done)
            run = run_segmented(segments, n, chunk_seed(seed, chunk), max_qubits)
            out.write(b"".join(shot_text(s) for s in run.shots))
            out.flush()
            done, chunk = done + n, chunk + 1
    except QckptError as e:
        print(f"error: {e.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        print(f"usage: python -m {WORKER} PLAN_DIR SHOTS SEED MAX_QUBITS", file=sys.stderr)
        sys.exit(2)
    try:
        sys.exit(_work(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])))
    except BrokenPipeError:  # the runtime stopped reading: it killed us or is going away
        os._exit(1)
