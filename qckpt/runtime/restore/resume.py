"""Resume shots that were cut short, from their last complete boundary visit.

A shot of a resumable program (``--resumable --record-mode streaming``)
that dies mid-run leaves its complete visits in its record stream
(``checkpoint_log``). Resuming it binds that visit into the program
(``qckpt.qir.resume_binding``) and runs one shot from the boundary; the
result is *stitched*: the dead shot's records up to that visit's end,
then the resumed shot's records. Visits are numbered by position, so the
stitched stream numbers them as an uninterrupted shot would.

Shots are grouped by the state they resume from (boundary, visit, values):
one binding and one qir-runner run per distinct state, however many shots
share it. A shot with no complete visit starts over.
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict

import pyqir
from dataclasses import dataclass, field
from pathlib import Path

from qckpt.diagnostics import QckptError
from qckpt.dialects.ckpt import OUTPUT_PREFIX
from qckpt import abi
from qckpt.qir.bind import load_module
from qckpt.qir.resume_binding import ResumeRecord, bind_resume, program_fingerprint, restorable_boundaries
from qckpt.runtime.restore.checkpoint_log import Visit, read_shot
from qckpt.runtime.qir_runner import OutputRecord, Shot, run_qir


def last_complete_visit(shot: Shot, restorable: set[int] | None = None) -> tuple[Visit | None, list[OutputRecord]]:
    """The shot's last complete visit (of a boundary in ``restorable``, when
    given) and its records up to that visit's end record (empty when there
    is none). Later visits are dropped: the resumed shot records them again."""
    visit, prefix, _ = resume_point(shot, restorable)
    return visit, prefix


def resume_point(shot: Shot, restorable: set[int] | None) -> tuple[Visit | None, list[OutputRecord], dict[str, bool | int | float]]:
    """:func:`last_complete_visit` and the outputs its prefix decided, from
    one reading of the shot's records."""
    log = read_shot(shot)
    n = len(log.visits)
    if restorable is not None:
        while n and log.visits[n - 1].boundary not in restorable:
            n -= 1
    if not n:
        return None, [], {}
    if len(log.ends) < n:  # final-mode records: no end record to cut after
        raise AssertionError("read_shot counted a visit whose end record is missing")
    return log.visits[n - 1], shot.records[: log.ends[n - 1] + 1], decided_in(log.visits[:n])


def record_for(visit: Visit, fingerprint: str) -> ResumeRecord:
    """The resume record of a visit: its state, without the output bits
    (``out:``), which the runtime restores from the log instead."""
    state = {k: v for k, v in visit.values.items() if not k.startswith(OUTPUT_PREFIX)}
    return ResumeRecord(fingerprint, visit.boundary, visit.visit, state)


def decided_outputs(shot_prefix: list[OutputRecord]) -> dict[str, bool | int | float]:
    """Output record label -> value, for every output bit the visits in
    ``shot_prefix`` persisted (``out:<label>``)."""
    return decided_in(read_shot(Shot(shot_prefix)).visits)


def decided_in(visits: list[Visit]) -> dict[str, bool | int | float]:
    """:func:`decided_outputs` of the records that hold these visits."""
    out: dict[str, bool | int | float] = {}
    for v in visits:
        for name, value in v.values.items():
            if name.startswith(OUTPUT_PREFIX):
                # The first record is the decided bit; a later visit of a resumed
                # shot may carry a placeholder for it.
                out.setdefault(name[len(OUTPUT_PREFIX) :], value)
    return out


def fill_outputs(records: list[OutputRecord], decided: dict[str, bool | int | float]) -> list[OutputRecord]:
    """The resumed shot's output records, with the bits decided before the
    boundary taken from the log."""
    if not decided:
        return list(records)

    def text(v: bool | int | float, kind: str) -> str:
        return ("true" if v else "false") if kind == "BOOL" else str(v)

    return [OutputRecord(r.kind, text(decided[r.label], r.kind), r.label) if r.label in decided and r.kind in ("BOOL", "INT", "DOUBLE") else r for r in records]


@dataclass
class ResumeReport:
    """What became of each cut shot. A state whose group could not be
    resumed fails only its own shots: they are listed in ``failed``, never
    started over (starting over only the shots whose state failed would
    under-represent that state, docs/restoration.md) and never allowed to
    fail the other groups."""

    shots: list[Shot]  # the stitched shots that finished, in the order given
    bindings: int  # distinct resume states bound (one qir-runner run each)
    restarted: int  # shots with no complete visit, run from the top
    failed: dict[int, str] = field(default_factory=dict)  # index in the cut shots -> why it was not resumed
    bound: list[Visit | None] = field(default_factory=list)  # per cut shot: the visit it was resumed from (None: from the top)


def _state_key(visit: Visit) -> tuple:
    return (visit.boundary, visit.visit, tuple(sorted(visit.values.items())))


def replay_failed(shot: Shot) -> bool:
    """A resumed shot whose capped cone replay gave up (only programs
    emitted with a cap, as negative controls, can do that)."""
    return shot.end_code == abi.REPLAY_FAILED_EXIT or any(r.label == abi.REPLAY_FAILED_LABEL for r in shot.records)


def resume_shots(program: str | Path, cut: list[Shot], seed: int, timeout: float | None = None) -> ResumeReport:
    """Finish each cut shot of ``program`` (a resumable QIR file). Each group
    of shots sharing a resume state runs with its own seed derived from
    ``seed`` and the group's index, so a rerun is reproducible. ``timeout``
    bounds each group's run (post-selection included: a recorded outcome
    this program cannot produce would otherwise be waited for forever); a
    group past it fails its own shots, the others go on."""
    path = Path(program)
    fingerprint = program_fingerprint(path.read_bytes())
    # Read and parse the program once; each group binds a copy of its bitcode
    # (the records below carry this program's own fingerprint).
    module = load_module(path)
    restorable = set(restorable_boundaries(module))
    body = module.bitcode
    groups: dict[tuple, list[int]] = defaultdict(list)
    visits: dict[tuple, Visit | None] = {}
    prefixes: list[list[OutputRecord]] = []
    decided: list[dict[str, bool | int | float]] = []
    bound: list[Visit | None] = []
    for i, shot in enumerate(cut):
        visit, prefix, outputs = resume_point(shot, restorable)
        key = _state_key(visit) if visit is not None else ("start",)
        groups[key].append(i)
        visits[key] = visit
        prefixes.append(prefix)
        decided.append(outputs)
        bound.append(visit)
    out: list[Shot | None] = [None] * len(cut)
    failed: dict[int, str] = {}
    for g, (key, members) in enumerate(sorted(groups.items(), key=lambda kv: repr(kv[0]))):
        visit = visits[key]
        where = f"boundary {visit.boundary}, visit {visit.visit}" if visit is not None else "the top"
        try:
            module = bind_resume(pyqir.Module.from_bitcode(pyqir.Context(), body), record_for(visit, fingerprint) if visit is not None else None)
            fd, tmp = tempfile.mkstemp(suffix=".bc", prefix="qckpt-resume-")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(module.bitcode)
                res = run_qir(tmp, shots=len(members), seed=(seed * 1_000_003 + g) % (2**63), timeout=timeout)
            finally:
                os.unlink(tmp)
        except QckptError as e:
            for i in members:
                failed[i] = f"resuming at {where}: {e.message} (a post-selection still waiting for the recorded outcomes, or a record that does not belong to this program)"
            continue
        for i, resumed in zip(members, res.shots):
            if replay_failed(resumed):
                failed[i] = f"resuming at {where}: the capped cone replay did not reproduce the recorded measurement outcomes"
                continue
            filled = fill_outputs(resumed.records, decided[i])
            out[i] = Shot(prefixes[i] + filled, resumed.metadata, resumed.end_code)
        for i in members[len(res.shots) :]:
            failed[i] = f"resuming at {where}: qir-runner returned fewer shots than asked"
    return ResumeReport([s for s in out if s is not None], len(groups), len(groups.get(("start",), [])), failed, bound)


def record_from_log(program: bytes, log_text: str, shot: int | None = None) -> tuple[ResumeRecord | None, int]:
    """The resume record of one shot of ``log_text`` (a run of the resumable
    ``program``): its last complete visit to a restorable boundary, or None
    when it has none (it starts over). ``shot`` counts from 0; by default the
    first shot that did not finish, else the last. Returns the shot used."""
    from qckpt.runtime.qir_runner import parse_output

    shots = parse_output(log_text)
    if not shots:
        raise QckptError("the log holds no shot (expected qir-runner's output: START, OUTPUT ..., END lines)")
    if shot is None:
        shot = next((i for i, s in enumerate(shots) if not s.complete), len(shots) - 1)
    if not 0 <= shot < len(shots):
        raise QckptError(f"--shot {shot}: the log has shots 0 to {len(shots) - 1}")
    ctx = pyqir.Context()
    try:
        module = pyqir.Module.from_bitcode(ctx, program) if program[:2] == b"BC" else pyqir.Module.from_ir(ctx, program.decode())
    except (ValueError, UnicodeDecodeError) as e:
        raise QckptError(f"the program is not a QIR module ({e})") from None
    restorable = set(restorable_boundaries(module))
    if not restorable:
        raise QckptError("the program is not resumable: compile it with qckpt convert --resumable --record-mode streaming")
    visit, _ = last_complete_visit(shots[shot], restorable)
    return (record_for(visit, program_fingerprint(program)) if visit else None), shot
