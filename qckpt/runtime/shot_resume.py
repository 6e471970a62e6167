"""The hook through which restoration resumes a shot cut short mid-way.

When an execution dies in the middle of a shot, that shot's records up to
the failure are all the runtime has. With the ``streaming`` record mode they
hold the shot's complete boundary visits
(:func:`qckpt.runtime.checkpoint_log.read_shot`). A :class:`ShotResumer`
turns those into a program that finishes *that* shot from its last complete
visit, with the same output records as a whole shot; the runtime runs it for
one shot and counts it in place of the torn one.

Restoration (the resume binding of the restoration issue) is not built yet,
so the only resumer today is :class:`StartOver`: the torn shot is dropped
and a fresh shot runs in its place. That keeps the histogram a sample of the
program's distribution with exactly N shots; what it costs is the quantum
work of the torn shot, which the runtime counts (``restarted_shots``,
``lost_visits`` in the ledger and ``qckpt inspect``). Intra-shot resume is
pending restoration: nothing here pretends otherwise.

Plugging restoration in means implementing :meth:`ShotResumer.resume` and
passing the object as ``run_job(..., resumer=...)``: the call site is
:meth:`qckpt.runtime.job.Job._settle_torn_shot`, the one place the runtime
handles an in-flight shot.
"""

from __future__ import annotations

from typing import Protocol

from qckpt.runtime.checkpoint_log import ShotLog


class ShotResumer(Protocol):
    def resume(self, program: str, log: ShotLog, workdir: str) -> str | None:
        """A program (path of a ``.ll`` or ``.bc`` file written under
        ``workdir``) that runs the rest of the shot whose complete boundary
        visits are in ``log`` (``log.visits``, last one last), from its last
        complete visit; it must record the shot's outputs exactly as the
        original program would. ``None``: this shot cannot be resumed (no
        complete visit, or no restorable boundary), so it starts over."""
        ...


class StartOver:
    """The default: every torn shot starts over from the beginning."""

    def resume(self, program: str, log: ShotLog, workdir: str) -> str | None:
        return None
