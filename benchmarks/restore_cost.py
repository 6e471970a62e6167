"""What restoring costs: binding a resume state against compiling from
source, the time from a failure to the first resumed output, the quantum
work re-executed after a failure against a rerun from scratch, and
segmented execution's bindings and overhead.

    .venv/bin/python benchmarks/restore_cost.py [--quick] [--out docs/benchmarks.md] [--figures docs/figures]

Binding and compiling are timed warm, in one process, alternately, best of
--repeat. Re-executed work is counted from the program (the ops on the
resumed path: re-preparation plus the cone replayed once per try, plus the
ops between the boundary and the failure, which any restart repeats), for
failures drawn uniformly over the run's operations.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import pyqir  # noqa: E402

from benchlib.circuits import reuse_sequence  # noqa: E402
from benchlib.measure import side_by_side  # noqa: E402
from benchlib.report import Section, command_line, run_line  # noqa: E402

from qckpt.dialects import ckpt, qc  # noqa: E402
from qckpt.passes.analyze_boundaries import analyze_module  # noqa: E402
from qckpt.pipeline import gc_paused, insert_checkpoints, lower_to_target, module_to_bitcode, module_to_qir, qasm_to_module  # noqa: E402
from qckpt.ir import entry_function  # noqa: E402
from qckpt.qir.resume_blocks import restorable_points  # noqa: E402
from qckpt.qir.resume_binding import ResumeRecord, bind_resume, program_fingerprint, restorable_boundaries  # noqa: E402
from qckpt.runtime.qir_runner import qir_runner_binary, run_qir  # noqa: E402
from qckpt.runtime.restore.segments import compile_segments, run_segmented  # noqa: E402

SECTION = Section("restore_cost")
BEGIN, END = SECTION.begin, SECTION.end
QUANTUM = (qc.GateOp, qc.MeasureOp, qc.ResetOp)


def _ops(n_ops: int) -> int:
    return max(2, n_ops // 7)  # segments: ~7 quantum ops per segment with its flush share


# ------------------------------------------------------------------ binding vs compiling
def bind_vs_compile(sizes: list[int], repeat: int) -> list[dict]:
    rows = []
    for n in sizes:
        src = reuse_sequence(_ops(n))

        def compile_once() -> bytes:
            m = qasm_to_module(src, "reuse.qasm")
            insert_checkpoints(m, "exact")
            return module_to_bitcode(m, record_mode="streaming", resumable=True)

        bc = compile_once()
        module = pyqir.Module.from_bitcode(pyqir.Context(), bc)
        points = restorable_boundaries(module)
        bid = sorted(points)[len(points) // 2]
        values = {k: (False if t == "i1" else 0) for k, t in points[bid].items() if k != "qckpt.visit"}
        record = ResumeRecord(program_fingerprint(bc), bid, 1, values)

        def bind_once() -> bytes:
            m = pyqir.Module.from_bitcode(pyqir.Context(), bc)
            return bind_resume(m, record).bitcode

        best, _ = side_by_side(repeat, {"compile": compile_once, "bind": bind_once}, around=gc_paused)
        ops = sum(1 for op in lower_to_target(qasm_to_module(src, "r.qasm")).walk() if isinstance(op, QUANTUM))
        rows.append({"ops": ops, "boundaries": len(points), **best, "ratio": best["compile"] / best["bind"]})
        print(f"[bind] {ops} ops: compile {best['compile']:.3f} s, bind {best['bind'] * 1e3:.1f} ms", file=sys.stderr)
    return rows


def failure_to_first_output(n: int) -> dict:
    """A fresh process binds the record (CLI), then qir-runner runs the
    resumed shot: wall time from the start of one to the end of the other."""
    src = reuse_sequence(_ops(n))
    m = qasm_to_module(src, "reuse.qasm")
    insert_checkpoints(m, "exact")
    with tempfile.TemporaryDirectory() as d:
        prog = Path(d) / "p.bc"
        prog.write_bytes(module_to_bitcode(m, record_mode="streaming", resumable=True))
        points = restorable_boundaries(pyqir.Module.from_bitcode(pyqir.Context(), prog.read_bytes()))
        bid = sorted(points)[len(points) // 2]
        values = {k: (False if t == "i1" else 0) for k, t in points[bid].items() if k != "qckpt.visit"}
        rec = ResumeRecord(program_fingerprint(prog.read_bytes()), bid, 1, values)
        (Path(d) / "r.json").write_text(json.dumps(rec.to_json()))
        out = Path(d) / "out.bc"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "qckpt.cli", "bind-resume", str(prog), str(Path(d) / "r.json"), "-o", str(out)], check=True)
        t1 = time.perf_counter()
        subprocess.run([qir_runner_binary(), "-f", str(out), "-s", "1", "-r", "1"], check=True, capture_output=True)
        t2 = time.perf_counter()
    return {"ops": n, "bind_process_s": t1 - t0, "run_s": t2 - t1, "total_s": t2 - t0}


# ------------------------------------------------------------------ re-executed work
def reexecuted_work(segments: int, draws: int, seed: int) -> list[dict]:
    src = reuse_sequence(segments)
    rows = []
    for policy, kw in (("exact", {}), ("interval", {"mtbf": 2e-4}), ("every", {"every": 8})):
        m = qasm_to_module(src, "reuse.qasm")
        insert_checkpoints(m, policy, **kw)
        lower_to_target(m)
        fn = entry_function(m)
        points, cones = restorable_points(fn)
        restorable = {b.id for b in points}
        # Quantum ops in program order; each boundary's position and resume work.
        pos = 0
        marks: list[tuple[int, int, int]] = []  # (ops before it, resume work, floor)
        analysis = {c.anchor: c for c in analyze_module(m).candidates}
        floor_at: list[int] = []
        for op in fn.body.block.ops:
            if isinstance(op, ckpt.BoundaryOp) and op.id in restorable:
                reprep = sum(1 for n, _ in op.named_values() if n.startswith(ckpt.QUBIT_BIT_PREFIX))
                cone = cones[op.id] if op.cut else None
                cone_ops = len(cone.ops) if cone else 0
                marks.append((pos, reprep + cone_ops, cone_ops))
            if isinstance(op, QUANTUM):
                c = analysis.get(op)
                floor_at.append(c.replay_cost if c is not None else 0)
                pos += 1
        total = pos
        rng = random.Random(seed)
        resumed, restore, lost, scratch, floors = 0.0, 0.0, 0.0, 0.0, 0.0
        for _ in range(draws):
            f = rng.randrange(total)
            before = [mk for mk in marks if mk[0] <= f]
            if before:
                at, work, _ = before[-1]
                resumed += work + (f - at)
                restore += work
                lost += f - at
            else:
                resumed += f
                lost += f
            scratch += f
            floors += floor_at[f]
        n_bound = len(marks)
        per_failure = resumed / draws
        failures = max(1, n_bound // 50)
        rows.append({
            "policy": policy + (f" every={kw['every']}" if "every" in kw else "") + (f" mtbf={kw['mtbf']}" if "mtbf" in kw else ""),
            "ops": total, "restorable": n_bound, "resumed": per_failure, "restore": restore / draws, "lost": lost / draws,
            "scratch": scratch / draws, "floor": floors / draws,
            "one_per_50": (total + failures * per_failure) / total, "failures": failures,
        })
        print(f"[work] {policy}: {n_bound} restorable boundaries, {per_failure:.1f} ops re-executed per failure", file=sys.stderr)
    return rows


# ------------------------------------------------------------------ segmented execution
def segmented(segments: int, shots: int) -> dict:
    src = reuse_sequence(segments)
    m = qasm_to_module(src, "reuse.qasm")
    insert_checkpoints(m, "exact")
    segs = compile_segments(lower_to_target(m))
    t0 = time.perf_counter()
    run = run_segmented(segs, shots, seed=5)
    t1 = time.perf_counter()
    plain = module_to_qir(qasm_to_module(src, "reuse.qasm"))
    t2 = time.perf_counter()
    run_qir(plain, shots=shots, seed=5)
    t3 = time.perf_counter()
    return {"segments": len(segs), "shots": shots, "bindings": sum(run.bindings), "segmented_s": t1 - t0, "plain_s": t3 - t2}


def render(cmd: str, binds: list[dict], first: dict, work: list[dict], seg: dict) -> str:
    out = [BEGIN, "## Restore cost", ""]
    out.append(f"- Command: `{cmd}`")
    out.append(run_line())
    out.append("- Program: a measured qubit-reuse sequence on 10 qubits (`reuse_sequence` in `benchmarks/benchlib/circuits.py`): each segment entangles a data qubit with an ancilla that is measured and reset; every 5 segments the data qubits are measured and reset (exact points).")
    out.append("")
    out.append("### Binding a resume state against compiling from source (warm, in-process, best of runs)")
    out.append("")
    out.append("| quantum ops | restorable boundaries | compile s | bind ms | compile / bind |")
    out.append("|---:|---:|---:|---:|---:|")
    for r in binds:
        out.append(f"| {r['ops']} | {r['boundaries']} | {r['compile']:.3f} | {1e3 * r['bind']:.1f} | {r['ratio']:.0f}× |")
    ten = next((r for r in binds if 5000 <= r["ops"] <= 20000), None)
    if ten is not None:
        out.append("")
        out.append(f"Target: binding at least 20× faster than compiling at 10k operations: **{'PASS' if ten['ratio'] >= 20 else 'FAIL'}** ({ten['ratio']:.0f}×).")
    out.append("")
    out.append(f"From a failure to the first resumed output, start-up included ({first['ops']} ops): `qckpt bind-resume` in a fresh process {first['bind_process_s']:.2f} s, then qir-runner for the resumed shot {first['run_s']:.2f} s: **{first['total_s']:.2f} s**.")
    out.append("")
    out.append("### Quantum work re-executed per failure (failures uniform over the run)")
    out.append("")
    out.append("| policy | quantum ops | restorable boundaries | resume: re-prep + cone | + ops since the boundary | = redone | rerun from scratch | physical floor (cone at the failure) | total work, one failure per 50 boundaries |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in work:
        out.append(
            f"| {r['policy']} | {r['ops']} | {r['restorable']} | {r['restore']:.1f} | {r['lost']:.1f} | {r['resumed']:.1f} | {r['scratch']:.1f} | {r['floor']:.1f} | "
            f"{r['one_per_50']:.3f}× ({r['failures']} failures) |"
        )
    out.append("")
    out.append("Per failure, averaged over failures drawn uniformly over the run's quantum ops: the resume block's work (re-preparation X gates, and at a replay boundary its cone run once, the least a post-selected replay costs) plus the ops between the boundary and the failure, which any restart repeats. At exact boundaries the resume block's work is the re-preparation gates alone. The floor is the cone of the state at the failure point itself. Target: total work under one failure per 50 boundaries within 10% of failure-free.")
    out.append("")
    out.append("### Segmented execution")
    out.append("")
    out.append(f"{seg['segments']} segments, {seg['shots']} shots: {seg['bindings']} bindings in all (one per distinct state per segment, not one per shot); "
               f"segmented {seg['segmented_s']:.2f} s against {seg['plain_s']:.2f} s unsegmented ({seg['segmented_s'] / seg['plain_s']:.1f}×: each segment is its own qir-runner run).")
    out.append(END)
    return "\n".join(out)


def draw(directory: Path, binds: list[dict], work: list[dict]) -> list[str]:
    """The two figures docs/benchmarks.md embeds: binding against compiling
    by program size, and the work a failure costs by policy against a rerun."""
    from benchlib.figures import grouped_bars, lines

    directory.mkdir(parents=True, exist_ok=True)
    ops = [r["ops"] for r in binds]
    return [
        lines(directory / "restore_bind_vs_compile.png", {"compile from source": (ops, [r["compile"] for r in binds]), "bind a resume record": (ops, [r["bind"] for r in binds])},
              "program size (operations)", "seconds (best of --repeat)", "Resuming: bind a record vs compile again"),
        grouped_bars(directory / "restore_reexecuted_work.png", [r["policy"] for r in work],
                     {"resume from boundary": [r["resumed"] for r in work], "rerun from scratch": [r["scratch"] for r in work]},
                     "quantum ops re-executed per failure", f"Work a failure costs ({work[0]['ops']} ops, failures drawn uniformly)"),
    ]


def write_section(path: Path, section: str) -> None:
    SECTION.write(path, section)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1k and 10k ops only, fewer shots")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, help="rewrite this file's restore_cost section")
    ap.add_argument("--figures", type=Path, help="draw the section's figures (PNG) into this directory (docs/figures)")
    args = ap.parse_args()
    sizes = [1000, 10000] if args.quick else [1000, 10000, 100000]
    binds = bind_vs_compile(sizes, args.repeat)
    first = failure_to_first_output(10000)
    work = reexecuted_work(200, 2000, seed=1)
    seg = segmented(40, 2000 if args.quick else 10000)
    section = render(command_line(), binds, first, work, seg)
    print(section)
    if args.out:
        write_section(args.out, section)
    if args.figures:
        for f in draw(args.figures, binds, work):
            print(f"wrote {f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
