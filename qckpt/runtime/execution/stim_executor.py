"""The stim backend of the runtime: a batch of shots sampled with stim.

The program file is a :class:`~qckpt.stim.program.StimProgram` (what
``qckpt run --backend stim`` stores instead of QIR). Each execution is a
worker process, ``python -m qckpt.runtime.execution.stim_executor PROGRAM SHOTS SEED``,
that samples the shots and prints each one's records exactly as qir-runner
prints the QIR program's (:mod:`qckpt.stim.sampling`). So the execution is
the qir-runner backend's own (:class:`QirRunnerExecution`): the same process
group, parent-death signal, heartbeat, failure classification and record
parser, and the runtime's journal, ledger and store cannot tell the two
backends apart.

One difference, on purpose: stim samples whole shots, so a shot is either
delivered or not. A worker killed while printing a shot leaves a torn block
of records, which this backend drops instead of handing it to restoration:
the shot has not happened, and its batch runs it again.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from qckpt.runtime.execution.executor import BackendUnavailable, Ended, QirRunnerExecution

CHUNK = 256  # shots sampled and printed at a time: output flows, so the heartbeat sees progress


class StimExecutor:
    name = "stim"

    def check(self) -> None:
        try:
            import stim  # noqa: F401
        except ImportError:
            raise BackendUnavailable("the stim backend needs the 'stim' package (pip install stim)") from None

    def start(self, program: str, shots: int, seed: int, fill: Mapping[str, bool | int | float] | None = None) -> StimExecution:
        if fill:
            raise BackendUnavailable("the stim backend runs whole shots only; it cannot finish a shot from a boundary")
        self.check()
        cmd = [sys.executable, "-m", "qckpt.runtime.execution.stim_executor", program, str(shots), str(seed)]
        return StimExecution(cmd, program, shots, seed)


class StimExecution(QirRunnerExecution):
    backend_name = "the stim worker"

    def __init__(self, cmd: list[str], program: str, shots: int, seed: int):
        super().__init__(cmd[0], program, shots, seed, command=cmd)

    def _finish(self, failure=None) -> Ended:
        ended = super()._finish(failure)
        return Ended(ended.failure, b"")  # a torn shot did not happen (module docstring)


def _work(path: str, shots: int, seed: int) -> int:
    from qckpt.diagnostics import QckptError
    from qckpt.stim.program import StimProgram
    from qckpt.stim.sampling import sampler_seed, shot_records

    try:
        with open(path, "rb") as f:
            program = StimProgram.from_bytes(f.read(), path)
    except (OSError, QckptError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    circuit = program.stim_circuit()
    sampler = circuit.compile_sampler(seed=sampler_seed(seed)) if circuit.num_measurements else None
    out = sys.stdout.buffer
    import numpy as np

    done = 0
    while done < shots:
        n = min(CHUNK, shots - done)
        record = sampler.sample(n).view(np.uint8) if sampler is not None else np.zeros((n, 0), np.uint8)
        out.write(b"".join(shot_records(program, record)))
        out.flush()
        done += n
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print("usage: python -m qckpt.runtime.execution.stim_executor PROGRAM SHOTS SEED", file=sys.stderr)
        sys.exit(2)
    try:
        sys.exit(_work(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
    except BrokenPipeError:  # the runtime stopped reading: it killed us or is going away
        os._exit(1)
