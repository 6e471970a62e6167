"""The hook through which restoration resumes a shot cut short mid-way.

When an execution dies in the middle of a shot, that shot's records up to
the failure are all the runtime has. With the ``streaming`` record mode they
hold the shot's complete boundary visits
(:func:`qckpt.runtime.restore.checkpoint_log.read_shot`). A :class:`ShotResumer`
turns those into a program that finishes *that* shot from its last complete
visit, with the same output records as a whole shot; the runtime runs it for
one shot and counts it in place of the torn one.

The call site is :meth:`qckpt.runtime.execution.job.Job._settle_torn_shot`, the one
place the runtime handles an in-flight shot. Two resumers:

- :class:`BoundaryResumer` (the default): restoration's resume binding
  (``qckpt.qir.resume_binding``, ``docs/restoration.md``). It needs a
  *resumable* program (``--resumable --record-mode streaming``, which
  ``qckpt run --store`` compiles OpenQASM to) and resumes from the last
  complete visit of a restorable (exact) boundary. Anything else starts over.
- :class:`StartOver`: every torn shot starts over from the top.

Either way the work is counted: visits a resumed shot did not run again
(``saved_visits``), and visits that are run again (``lost_visits``), in the
ledger, ``--json`` and ``qckpt inspect``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from qckpt.diagnostics import QckptError
from qckpt import abi
from qckpt.runtime.qir_runner import Shot

if TYPE_CHECKING:
    from qckpt.qir.resume_binding import ResumeRecord


@dataclass(frozen=True)
class Resumption:
    program: str  # a program (.ll or .bc path) that runs the rest of the shot and records its outputs
    kept_visits: int  # complete visits of the torn shot that it does not run again
    decided: dict = field(default_factory=dict)  # output label -> value decided before the boundary (from the log)


class ShotResumer(Protocol):
    def resume(self, program: str, shot: Shot, workdir: str) -> Resumption | None:
        """Finish the torn ``shot`` (its records so far) of ``program`` from
        its last usable boundary visit: a program written under ``workdir``
        that records the shot's outputs as the original would, except those
        decided before the boundary, which it names in
        :attr:`Resumption.decided` with their values from the log. None:
        this shot starts over."""
        ...


class StartOver:
    """Every torn shot starts over from the beginning."""

    def resume(self, program: str, shot: Shot, workdir: str) -> Resumption | None:
        return None


class BoundaryResumer:
    """Resume at the last complete visit of a restorable boundary, by binding
    that visit's state into the program (one binding per distinct state,
    kept for the run)."""

    def __init__(self) -> None:
        self._programs: dict[str, tuple[str, set[int]]] = {}  # path -> (fingerprint, restorable ids)
        self._bound: dict[tuple, str] = {}

    def _program(self, program: str) -> tuple[str, set[int]]:
        if program not in self._programs:
            from qckpt.qir.bind import load_module
            from qckpt.qir.resume_binding import program_fingerprint, restorable_boundaries

            with open(program, "rb") as f:
                fp = program_fingerprint(f.read())
            self._programs[program] = (fp, set(restorable_boundaries(load_module(program))))
        return self._programs[program]

    def record(self, program: str, shot: Shot) -> ResumeRecord | None:
        """The resume record of ``shot``'s last complete visit to a
        restorable boundary, None when it has none: what the run keeps of a
        torn shot in its event log, for ``qckpt record STORE``."""
        from qckpt.runtime.restore.resume import last_complete_visit, record_for

        fp, restorable = self._program(program)
        try:
            visit, _ = last_complete_visit(shot, restorable) if restorable else (None, [])
        except (ValueError, AssertionError):  # records that do not follow the ABI
            return None
        return record_for(visit, fp) if visit is not None else None

    def resume(self, program: str, shot: Shot, workdir: str) -> Resumption | None:
        from qckpt.runtime.restore.resume import record_for, resume_point

        fp, restorable = self._program(program)
        if not restorable:
            return None
        try:
            visit, prefix, decided = resume_point(shot, restorable)
        except (ValueError, AssertionError):  # records that do not follow the ABI: start over
            return None
        if visit is None:
            return None
        kept = sum(1 for r in prefix if r.kind == "INT" and r.label == abi.END_LABEL)
        key = (program, visit.boundary, visit.visit, tuple(sorted(visit.values.items())))
        path = self._bound.get(key)
        if path is None:
            from qckpt.qir.resume_binding import bind_resume_file

            try:
                module = bind_resume_file(program, record_for(visit, fp))
            except QckptError:
                return None
            path = os.path.join(workdir, f"resume-{len(self._bound)}.bc")
            with open(path, "wb") as f:
                f.write(module.bitcode)
            self._bound[key] = path
        return Resumption(path, kept, decided)
