"""Fault injection for restoration: kill shots at a boundary, resume them,
and compare with an uninterrupted run.

For a program and a policy: compile it resumable, run it uninterrupted (the
reference) and once more (the victims). For each restorable boundary, every
victim shot that visited it is cut right after one of its visits (chosen
with a seeded generator), resumed (``qckpt.runtime.restore.resume``), and the
stitched histogram (with the untouched shots) is compared with the
reference under a total-variation bound. Used by the CI sample in
``tests/restore`` and by ``benchmarks/restore_fault_injection.py`` over the
whole differential corpus.
"""

from __future__ import annotations

import dataclasses
import random
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyqir

from qckpt.dialects import ckpt
from qckpt.pipeline import insert_checkpoints, module_to_qir
from qckpt import abi
from qckpt.qir.bind import load_module
from qckpt.qir.resume_binding import bind_resume, restorable_boundaries
from qckpt.runtime.restore.histogram_stats import tvd, tvd_bound
from qckpt.runtime.qir_runner import Shot, run_qir
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

    @property
    def ok(self) -> bool:
        return self.tvd <= self.bound


def _counts(shots: list[Shot]) -> dict[str, int]:
    return dict(Counter(s.bitstring() for s in shots if s.complete))


def _run(path: Path, shots: int, seed: int) -> list[Shot]:
    module = bind_resume(load_module(path), None)
    return run_qir(str(module), shots=shots, seed=seed).shots


def check_module(name: str, module, policy: str, shots: int, seed: int, delta: float, **policy_args) -> list[BoundaryCheck]:
    """Every restorable boundary of ``module`` under ``policy``."""
    insert_checkpoints(module, policy, **policy_args)
    kinds = {b.id: (b.kind.data, not b.cut) for b in module.walk() if isinstance(b, ckpt.BoundaryOp)}
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"{name}.ll"
        path.write_text(module_to_qir(module, record_mode="streaming", resumable=True))
        points = sorted(restorable_boundaries(pyqir.Module.from_ir(pyqir.Context(), path.read_text())))
        if not points:
            return []
        ref = _run(path, shots, seed)
        victims = _run(path, shots, seed + 1)
        out = []
        for b in points:
            rng = random.Random(seed * 7919 + b)
            cut: list[Shot | None] = []
            for s in victims:
                ends = [i for i, r in enumerate(s.records) if r.label == abi.END_LABEL and int(r.value) == b]
                cut.append(dataclasses.replace(s, records=s.records[: rng.choice(ends) + 1], end_code=None) if ends else None)
            killed = [c for c in cut if c is not None]
            if not killed:
                continue
            report = resume_shots(path, killed, seed=seed + 2 + b)
            stitched = report.shots + [s for s, c in zip(victims, cut) if c is None]
            ours, theirs = _counts(stitched), _counts(ref)
            d_tv = tvd(ours, theirs)
            k = len(set(ours) | set(theirs)) + 1
            bound = 0.0 if len(theirs) == 1 else tvd_bound(k, sum(ours.values()), sum(theirs.values()), delta)
            kind, exact = kinds.get(b, ("?", False))
            out.append(BoundaryCheck(name, policy, b, kind, exact, len(killed), report.bindings, d_tv, bound))
        return out
