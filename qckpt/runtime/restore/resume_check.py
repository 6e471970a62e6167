"""Fault injection for restoration: kill shots at a boundary, resume them,
and check that nothing about the run changed.

For a program and a policy: compile it resumable, run it uninterrupted (the
reference) and once more (the victims). For each restorable boundary b, each
victim shot j gets a cut point drawn *before* it is looked at: m_j, uniform
on 1..K (K = the most visits of b any reference shot made). If the shot
visited b at least m_j times it is cut right after its m_j-th visit (which
depends only on its past, so the cut cannot favour any future), resumed
(``qckpt.runtime.restore.resume``) and stitched. Three checks, each able to fail:

- **errors**: every shot that could not be resumed (a capped replay that
  gave up, a run that failed) is a failure; there must be none;
- **per state**: every resumed shot was bound to its own recorded state (the
  visit it was cut after, post-selected cone outcomes included), and no
  state's replay failed. A histogram cannot see a bias confined to rare
  states (a 1000-try cap on an outcome of probability 0.25% moves the TVD by
  about 2e-4); this check sees every shot;
- **histogram**: the stitched histogram (with the untouched shots) against
  the reference, under the Bretagnolle-Huber-Carol bound at ``delta``.

``replay_tries`` (a cap on post-selection) and ``misbind`` (each cut shot
resumed from another cut shot's state) are the negative controls: each must
make the checks fail. Used by the CI sample in ``tests/restore`` and by
``benchmarks/restore_fault_injection.py`` over the differential corpus.
"""

from __future__ import annotations

import random
import tempfile
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

import pyqir

from qckpt.dialects import ckpt
from qckpt.pipeline import insert_checkpoints, module_to_qir
from qckpt.qir.bind import load_module
from qckpt.qir.resume_binding import bind_resume, restorable_boundaries
from qckpt.runtime.qir_runner import Shot, run_qir
from qckpt.runtime.restore.checkpoint_log import Visit, read_shot
from qckpt.runtime.restore.histogram_stats import tvd, tvd_bound
from qckpt.runtime.restore.resume import resume_shots


@dataclass
class BoundaryCheck:
    program: str
    policy: str
    boundary: int
    kind: str  # the boundary's kind; "exact" or "replay" is in `exact`
    exact: bool
    killed: int  # shots cut at this boundary
    bindings: int
    tvd: float
    bound: float
    errors: int = 0  # cut shots that could not be resumed (each one a failure)
    wrong_state: int = 0  # resumed shots not bound to their own recorded state
    postselected: int = 0  # resumed shots whose state has post-selected cone outcomes
    first_error: str = ""

    @property
    def ok(self) -> bool:
        return self.tvd <= self.bound and self.errors == 0 and self.wrong_state == 0

    def why(self) -> str:
        parts = []
        if self.tvd > self.bound:
            parts.append(f"TVD {self.tvd:.4f} > {self.bound:.4f}")
        if self.errors:
            parts.append(f"{self.errors} resume error(s): {self.first_error}")
        if self.wrong_state:
            parts.append(f"{self.wrong_state} shot(s) resumed from another state")
        return "; ".join(parts) or "ok"


@dataclass
class ModuleCheck:
    """One program under one policy: what was placed, what can be restored,
    and the check of each restorable boundary that some shot visited."""

    program: str
    policy: str
    placed: int
    restorable: int
    checks: list[BoundaryCheck] = field(default_factory=list)
    not_restorable: dict[int, str] = field(default_factory=dict)  # boundary -> why (from ckpt-insert)


def _counts(shots: list[Shot]) -> dict[str, int]:
    return dict(Counter(s.bitstring() for s in shots if s.complete))


def _run(path: Path, shots: int, seed: int) -> list[Shot]:
    module = bind_resume(load_module(path), None)
    return run_qir(str(module), shots=shots, seed=seed).shots


def check_program(name: str, module, policy: str | None, shots: int, seed: int, delta: float, *, replay_tries: int | None = None, misbind: bool = False, count_only: bool = False,
                  skip: Collection[int] = (), on_check: Callable[[BoundaryCheck], None] | None = None, **policy_args) -> ModuleCheck:
    """Place boundaries in ``module`` under ``policy`` (None: keep the ones it
    has) and check every restorable one (see the module docstring); ``count_only`` stops after
    counting placed and restorable boundaries. Boundaries in ``skip`` are
    not checked (a benchmark continuing a killed run has their checks
    already); each boundary's draws and seeds depend only on ``seed`` and its
    id, so the others come out as in a run that skipped nothing.
    ``on_check`` is called with each check as soon as it is made."""
    if policy is not None:
        insert_checkpoints(module, policy, **policy_args)
    policy = policy or "as placed"
    boundaries = [b for b in module.walk() if isinstance(b, ckpt.BoundaryOp)]
    kinds = {b.id: (b.kind.data, not b.cut) for b in boundaries}
    why_not = {b.id: b.attributes["ckpt.not_restorable"].data for b in boundaries if "ckpt.not_restorable" in b.attributes}  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"{name}.ll"
        path.write_text(module_to_qir(module, record_mode="streaming", resumable=True, replay_tries=replay_tries))
        points = sorted(restorable_boundaries(pyqir.Module.from_ir(pyqir.Context(), path.read_text())))
        result = ModuleCheck(name, policy, len(kinds), len(points), not_restorable=why_not)
        if not points or count_only:
            return result
        ref = _run(path, shots, seed)
        victims = _run(path, shots, seed + 1)
        # Each shot's records are read once, for every boundary: which of its
        # visits are of which boundary, and where each visit's records end.
        ref_visits = [Counter(v.boundary for v in read_shot(s).visits) for s in ref]
        victim_logs = [read_shot(s) for s in victims]
        victim_at: list[dict[int, list[int]]] = []  # per victim: boundary -> the indices of its visits
        for log in victim_logs:
            at: dict[int, list[int]] = {}
            for k, v in enumerate(log.visits):
                at.setdefault(v.boundary, []).append(k)
            victim_at.append(at)
        theirs = _counts(ref)
        victim_keys = [s.bitstring() if s.complete else None for s in victims]
        for b in points:
            if b in skip:
                continue
            most = max((c[b] for c in ref_visits), default=0)
            if most == 0:
                continue
            # Cut points drawn before any victim is looked at.
            rng = random.Random(seed * 7919 + b)
            draws = [rng.randint(1, most) for _ in victims]
            cut: list[Shot | None] = []
            own: list[Visit] = []
            for s, log, visits_at, m in zip(victims, victim_logs, victim_at, draws):
                at = visits_at.get(b, ())
                if len(at) < m:
                    cut.append(None)
                    continue
                cut.append(Shot(s.records[: log.ends[at[m - 1]] + 1], s.metadata, None))
                own.append(log.visits[at[m - 1]])
            killed = [c for c in cut if c is not None]
            if not killed:
                continue
            order = list(range(len(killed)))
            if misbind:
                random.Random(seed + b).shuffle(order)  # shot k resumes from shot order[k]'s state
            report = resume_shots(path, [killed[k] for k in order], seed=seed + 2 + b)
            finished = iter(report.shots)
            tails: dict[int, Shot] = {}
            for pos, k_src in enumerate(order):
                if pos in report.failed:
                    continue
                done = next(finished)
                tails[pos] = Shot(done.records[len(killed[k_src].records) :], done.metadata, done.end_code)
            stitched, wrong, postselected = [], 0, 0
            for pos, k_src in enumerate(order):
                if pos not in tails:
                    continue
                # A shot's result: its own records up to the cut, then what ran from the state bound for it.
                stitched.append(Shot(killed[pos].records + tails[pos].records, tails[pos].metadata, tails[pos].end_code))
                bound = report.bound[pos]
                if bound is None or (bound.boundary, bound.visit, bound.values) != (b, own[pos].visit, own[pos].values):
                    wrong += 1
                postselected += any(n.startswith("cone:") for n in own[pos].values)
            ours = _counts(stitched)
            for key, c in zip(victim_keys, cut):
                if c is None and key is not None:  # an untouched victim that finished
                    ours[key] = ours.get(key, 0) + 1
            d_tv = tvd(ours, theirs)
            k = len(set(ours) | set(theirs)) + 1
            bound_tv = 0.0 if len(theirs) == 1 else tvd_bound(k, sum(ours.values()), sum(theirs.values()), delta)
            kind, exact = kinds.get(b, ("?", False))
            first = next(iter(report.failed.values()), "")
            check = BoundaryCheck(name, policy, b, kind, exact, len(killed), report.bindings, d_tv, bound_tv, len(report.failed), wrong, postselected, first)
            result.checks.append(check)
            if on_check is not None:
                on_check(check)
        return result


def check_module(name: str, module, policy: str, shots: int, seed: int, delta: float, **policy_args) -> list[BoundaryCheck]:
    """The checks of every restorable boundary of ``module`` under ``policy``."""
    return check_program(name, module, policy, shots, seed, delta, **policy_args).checks
