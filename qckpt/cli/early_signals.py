"""Stop signals that come while the ``qckpt`` process is still starting.

Python's default action for SIGUSR1 is to end the process, and SIGTERM's is
the same. A Slurm job whose time-limit warning (``--signal=B:USR1@60``) or a
preemption lands in the first second or so of a start, while Python is still
importing the compiler, died with no output and no commit: the batch script
saw exit 138 and the job ended FAILED instead of being requeued.

So the console script holds SIGTERM and SIGUSR1 from the first line of
``main`` on: a signal that comes early is kept, then handed to the run's own
:class:`~qckpt.runtime.execution.stop_signals.StopRequests` (``qckpt run
--store`` and ``qckpt resume``, which stop cleanly with exit 75), or, for
every other command, delivered again with the default action, as if it had
come a moment later.
"""

from __future__ import annotations

import signal

HELD = (signal.SIGTERM, signal.SIGUSR1)

_pending: list[int] = []
_previous: dict[int, object] = {}


def _keep(signum: int, frame: object) -> None:
    _pending.append(signum)


def hold() -> None:
    """Keep SIGTERM/SIGUSR1 from now on (the process's main thread only)."""
    for s in HELD:
        _previous.setdefault(s, signal.signal(s, _keep))


def take() -> list[int]:
    """The held signals, for a run that now counts them itself (its own
    handlers are installed: nothing is held any more)."""
    got = list(_pending)
    _pending.clear()
    _previous.clear()
    return got


def release() -> None:
    """The command does not stop cleanly on a signal: put the previous
    handlers back and deliver what came meanwhile."""
    for s, h in _previous.items():
        signal.signal(s, h)  # type: ignore[arg-type]
    _previous.clear()
    got = list(_pending)
    _pending.clear()
    for s in got:
        signal.raise_signal(s)
