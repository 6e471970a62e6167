"""Iterative hybrid workflows with algorithmic checkpoints and deterministic replay.

::

    from qckpt.workflow import Session

    with Session.open("runs/vqe", seed=7, name="vqe") as session:
        rng = session.random("spsa")
        for it in session.iterations(100):
            counts = session.execute(ansatz, shots=1000, params=theta).counts
            ...
            it.save(params=theta, energy=energy)

Killed and started again with the same command, the driver is replayed from
its log up to where it stopped and goes on live from there. See
``docs/workflows.md``.
"""

from qckpt.workflow.backend import Backend, ExecutorBackend, QirRunnerBackend, StimBackend
from qckpt.workflow.replay import ReplayDivergence
from qckpt.workflow.session import Checkpoint, ExecutionResult, Iteration, Session, SessionStats

__all__ = [
    "Backend",
    "Checkpoint",
    "ExecutionResult",
    "Iteration",
    "ExecutorBackend",
    "QirRunnerBackend",
    "ReplayDivergence",
    "Session",
    "SessionStats",
    "StimBackend",
]
