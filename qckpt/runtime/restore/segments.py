"""Segmented execution: run a program cut at exact boundaries segment by
segment, joined by classical data only (``qckpt.passes.split_segments``).

Segment k runs for all shots. Its shots are grouped by the state they
recorded at the cut; segment k+1 is bound once per distinct state (the
parameter binding of ``qckpt.qir.bind``, on the segment's kept bitcode) and
run for that group's shot count. Within a group, shots are exchangeable at
an exact boundary (the future depends on the past only through the state),
so segment k+1's shots are matched to segment k's by a seeded random
permutation. Output bits decided in an earlier segment are carried by the
runtime and filled into the last segment's output records, so a stitched
shot reports exactly the records an unsegmented shot reports.

Each segment gets only the qubits it uses, numbered densely
(``qckpt.passes.qubit_layout``): its manifest says how many
(``num_qubits``) and which they were (``qubits``). With ``max_qubits`` a
program wider than the executor runs when every segment fits, and the
executor itself refuses a segment that addresses a qubit beyond it.
"""

from __future__ import annotations

import json
import os
import random
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyqir

from qckpt.diagnostics import QckptError
from qckpt.passes.split_segments import RECORD_PREFIX, split_module
from qckpt.qir.bind import bind_parameters
from qckpt.runtime.restore.checkpoint_log import record_value
from qckpt.runtime.qir_runner import Shot, run_qir
from qckpt.runtime.restore.resume import fill_outputs

PLAN_FORMAT = "qckpt-segment-plan"
PLAN_NAME = "plan.json"


@dataclass
class Segment:
    manifest: dict
    bitcode: bytes  # the emitted segment, kept: each binding reads it, never recompiles

    @property
    def inputs(self) -> dict[str, str]:
        return self.manifest["inputs"]


@dataclass
class SegmentedRun:
    shots: list[Shot]
    bindings: list[int] = field(default_factory=list)  # per segment: distinct states bound (qir-runner runs)


def compile_segments(module, at: list[int] | None = None, **emit) -> list[Segment]:
    """Cut an analysed module (boundaries inserted) and emit each segment."""
    from qckpt.qir.emit import emit_qir
    from qckpt.pipeline import lower_to_target

    from qckpt.passes.qubit_layout import compact_qubits

    out = []
    for spec in split_module(module, at):
        lowered = lower_to_target(spec.module)
        layout = compact_qubits(lowered)
        qir = emit_qir(lowered, record_mode="final", **emit)
        out.append(Segment({**spec.manifest(), "num_qubits": len(layout), "qubits": layout}, qir.bitcode))
    return out


def check_fits(segments: list[Segment], max_qubits: int) -> None:
    """Refuse, before anything runs, a plan with a segment wider than the executor."""
    if max_qubits < 1:
        raise QckptError(f"--max-qubits must be at least 1, not {max_qubits}")
    for seg in segments:
        n = seg.manifest.get("num_qubits")
        if n is not None and n > max_qubits:
            names = ", ".join(seg.manifest.get("qubits", [])[:8])
            raise QckptError(
                f"segment {seg.manifest['index']} needs {n} qubits ({names}{', ...' if n > 8 else ''}), more than --max-qubits {max_qubits}: "
                "run it on a wider executor, or let the program reuse qubits first (qckpt convert --reuse-qubits)"
            )


def write_plan(directory: str | Path, segments: list[Segment]) -> Path:
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    entries = []
    for seg in segments:
        name = f"segment-{seg.manifest['index']}.bc"
        (d / name).write_bytes(seg.bitcode)
        entries.append({**seg.manifest, "file": name})
    (d / PLAN_NAME).write_text(json.dumps({"format": PLAN_FORMAT, "version": 1, "segments": entries}, indent=2) + "\n")
    return d / PLAN_NAME


def load_plan(directory: str | Path) -> list[Segment]:
    d = Path(directory)
    try:
        doc = json.loads((d / PLAN_NAME).read_text())
    except FileNotFoundError:
        raise QckptError(f"{d}: no {PLAN_NAME}; make one with qckpt split") from None
    except json.JSONDecodeError as e:
        raise QckptError(f"{d / PLAN_NAME}: not JSON ({e})") from None
    if doc.get("format") != PLAN_FORMAT:
        raise QckptError(f"{d / PLAN_NAME}: not a qckpt segment plan")
    segs = []
    for entry in doc["segments"]:
        path = d / entry["file"]
        if not path.exists():
            raise QckptError(f"{path}: segment file missing")
        segs.append(Segment({k: v for k, v in entry.items() if k != "file"}, path.read_bytes()))
    return segs


def recorded_state(shot: Shot) -> dict[str, bool | int | float]:
    """The ``seg:<name>`` records of a segment shot."""
    out: dict[str, bool | int | float] = {}
    for rec in shot.records:
        if rec.label and rec.label.startswith(RECORD_PREFIX) and rec.kind in ("BOOL", "INT", "DOUBLE"):
            name = rec.label[len(RECORD_PREFIX) :]
            if rec.kind == "BOOL" and name.endswith("[0]"):
                name = name[:-3]
            out[name] = record_value(rec)
    return out


def _run_bitcode(bitcode: bytes, shots: int, seed: int, max_qubits: int | None = None) -> list[Shot]:
    fd, tmp = tempfile.mkstemp(suffix=".bc", prefix="qckpt-seg-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(bitcode)
        return run_qir(tmp, shots=shots, seed=seed, max_qubits=max_qubits).shots
    finally:
        os.unlink(tmp)


def _bind(seg: Segment, state: dict) -> bytes:
    if not seg.inputs:
        return seg.bitcode
    module = pyqir.Module.from_bitcode(pyqir.Context(), seg.bitcode)
    bind_parameters(module, {p: state[name] for p, name in seg.inputs.items()})
    return module.bitcode


def run_segmented(segments: list[Segment], shots: int, seed: int, max_qubits: int | None = None) -> SegmentedRun:
    """Run every segment for ``shots`` shots; returns the stitched shots.
    ``max_qubits``: run on an executor of that many qubits (every segment
    must fit; see :func:`check_fits`)."""
    if max_qubits is not None:
        check_fits(segments, max_qubits)
    rng = random.Random(seed)
    run = SegmentedRun([])
    first = _run_bitcode(segments[0].bitcode, shots, seed, max_qubits)
    if len(first) != shots or not all(s.complete for s in first):
        raise QckptError(f"segment 0 finished {sum(s.complete for s in first)} of {shots} shots")
    run.bindings.append(1)
    states = [recorded_state(s) for s in first]
    outs = [{k: v for k, v in st.items() if k.startswith("out:")} for st in states]
    last_shots = first
    for k, seg in enumerate(segments[1:], start=1):
        names = list(seg.inputs.values())
        groups: dict[tuple, list[int]] = defaultdict(list)
        for i, st in enumerate(states):
            groups[tuple(st[n] for n in names)].append(i)
        next_shots: list[Shot | None] = [None] * shots
        for g, (key, members) in enumerate(sorted(groups.items(), key=lambda kv: repr(kv[0]))):
            bound = _bind(seg, dict(zip(names, key)))
            got = _run_bitcode(bound, len(members), (seed * 1_000_003 + k * 10_007 + g) % (2**63), max_qubits)
            if len(got) != len(members) or not all(s.complete for s in got):
                raise QckptError(f"segment {k} finished {sum(s.complete for s in got)} of {len(members)} shots of state {key}")
            rng.shuffle(got)  # exchangeable within a state: a seeded random matching
            for i, s in zip(members, got):
                next_shots[i] = s
        run.bindings.append(len(groups))
        last_shots = [s for s in next_shots if s is not None]
        new_states = [recorded_state(s) for s in last_shots]
        for o, st in zip(outs, new_states):
            o.update({n: v for n, v in st.items() if n.startswith("out:")})
        states = new_states
    filled = segments[-1].manifest["filled_outputs"]
    run.shots = [Shot(fill_outputs(s.records, {label: o[name] for label, name in filled.items()}), s.metadata, s.end_code) for s, o in zip(last_shots, outs)]
    return run
