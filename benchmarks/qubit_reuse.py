#!/usr/bin/env python3
"""qc-reuse-qubits against qiskit-qubit-reuse, and restart on a reduced layout.

1. Width, depth and compile time on the same circuits: Bernstein-Vazirani,
   a GHZ chain, one QAOA layer on a line and on a ring, a 1-D Trotter step
   (``qckpt.testing.reuse_circuits``) and MQT Bench's ``bv``, ``ghz``,
   ``graphstate``, ``qft`` and ``wstate`` (target-independent level), at
   10, 50, 100 and 500 logical qubits. Ours: ``reuse_qubits`` on the
   lowered module (both objectives; the time is the pass alone). The peer:
   qiskit-qubit-reuse 0.0.2's pass, run by ``benchmarks/qubit_reuse_peer.py``
   in the venv ``--peer-python`` names (default ``/work/venv-reuse``, Qiskit
   0.46.3: the package crashes on Qiskit 1.4 and 2.x). Without that venv the
   peer's columns say so and the rest still runs. The lower bound is ours
   (a clique of qubits that must overlap), so it bounds both. MQT Bench's
   circuits lose the barrier ``measure_all`` puts before the measurements,
   for both sides (it would forbid any reuse).
   Compile time per operation is reported per workload as max/min over the
   sizes (the target: within 1.5x, i.e. linear): the pass's CPU time (not
   wall time: the machine is shared, and waiting for a core is not the
   pass's cost), each sample at least ~2000 operations of work (a small
   circuit is compiled several times), samples interleaved over the
   circuits and sizes, the median of 5. MQT's ``graphstate`` is a random
   graph: seeded, so every run compares the same circuits.
2. Reduced-layout restart: S stages of a 4-qubit GHZ, each measured before
   the next, cut into segments at the exact boundaries between stages. A
   run killed after stage k resumes with the segments after k on their own
   qubits (``qckpt split``'s layout), against restarting the whole program
   from scratch; qubits needed and wall time for the same shots.

Usage (from the repository root):

    .venv/bin/python benchmarks/qubit_reuse.py --out docs/benchmarks.md
    .venv/bin/python benchmarks/qubit_reuse.py --quick --out docs/benchmarks.md   # under 5 minutes: sizes 10, 100, 500, the peer stopped at 20 s
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib.report import Section, run_line  # noqa: E402

SECTION = Section("qubit_reuse")
COMMAND = ".venv/bin/python benchmarks/qubit_reuse.py --out docs/benchmarks.md"
QUICK_COMMAND = ".venv/bin/python benchmarks/qubit_reuse.py --quick --out docs/benchmarks.md"
MQT_KWARGS = {"graphstate": {"seed": 1}}  # a random graph otherwise: a different circuit every run
PER_OP_SAMPLES = 5
PER_OP_WORK = 2000  # operations compiled per sample at least
PEER_SCRIPT = Path(__file__).resolve().parent / "qubit_reuse_peer.py"
DEFAULT_PEER = "/work/venv-reuse/bin/python"
MQT = ("bv", "ghz", "graphstate", "qft", "wstate")
MQT_MAX = {"qft": 100, "wstate": 100, "graphstate": 100}  # larger ones take minutes on either side


def circuits(sizes: list[int]):
    """(workload, n, Qiskit circuit) for every workload and size."""
    from qckpt.testing.reuse_circuits import WORKLOADS

    for name, build in WORKLOADS.items():
        for n in sizes:
            yield name, n, build(n - 1 if name == "bv" else n)  # bv: n counts the ancilla
    try:
        from mqt.bench import BenchmarkLevel, get_benchmark
    except ImportError:
        return
    from qiskit.transpiler.passes import RemoveBarriers
    for name in MQT:
        for n in sizes:
            if n <= MQT_MAX.get(name, 10**9):
                # measure_all's barrier would order every measurement after
                # every gate on both sides: reuse starts after it is removed
                yield f"mqt:{name}", n, RemoveBarriers()(get_benchmark(name, BenchmarkLevel.INDEP, n, **MQT_KWARGS.get(name, {})))


def ours(circuit, objective: str) -> dict:
    from qckpt.ir import entry_function
    from qckpt.passes.qubit_reuse import reuse_qubits
    from qckpt.pipeline import circuit_to_module, lower_to_target

    seconds = float("inf")
    for _ in range(3):  # the best of 3: the machine is shared
        module = circuit_to_module(circuit)
        lower_to_target(module)
        ops = sum(1 for _ in entry_function(module).body.block.ops)
        gc.collect()
        gc.disable()  # as the CLI's compile paths do (pipeline.gc_paused): large IR, no cycles to find
        t0 = time.perf_counter()
        r = reuse_qubits(module, objective=objective, boundaries=False)
        seconds = min(seconds, time.perf_counter() - t0)
        gc.enable()
    return {"width": r.width, "depth": r.depth, "bound": r.lower_bound, "logical": r.logical, "seconds": seconds, "ops": ops}


def cpu_per_op(circuit) -> float:
    """One sample of the pass's CPU time per operation (objective=width):
    enough copies of the circuit to compile ~PER_OP_WORK operations, so a
    small circuit's sample is not one timer tick."""
    from qckpt.ir import entry_function
    from qckpt.passes.qubit_reuse import reuse_qubits
    from qckpt.pipeline import circuit_to_module, lower_to_target

    first = circuit_to_module(circuit)
    lower_to_target(first)
    ops = sum(1 for _ in entry_function(first).body.block.ops)
    modules = [first]
    for _ in range(max(1, PER_OP_WORK // max(ops, 1)) - 1):
        m = circuit_to_module(circuit)
        lower_to_target(m)
        modules.append(m)
    gc.collect()
    gc.disable()
    t0 = time.process_time()
    for m in modules:
        reuse_qubits(m, objective="width", boundaries=False)
    t = time.process_time() - t0
    gc.enable()
    return t / (len(modules) * max(ops, 1))


def per_op_flatness(items: list[tuple[str, int, object]]) -> dict[str, dict[int, list[float]]]:
    """CPU seconds per op, PER_OP_SAMPLES samples per (workload, size),
    interleaved: one sample of every circuit, then the next round."""
    out: dict[str, dict[int, list[float]]] = {}
    for _ in range(PER_OP_SAMPLES):
        for name, n, c in items:
            out.setdefault(name, {}).setdefault(n, []).append(cpu_per_op(c))
    return out


def peer(items: list[tuple[str, object]], python: str, timeout: int) -> tuple[dict, str]:
    """qiskit-qubit-reuse's results by name, and a line saying what ran."""
    if not os.path.exists(python):
        return {}, f"qiskit-qubit-reuse: not run ({python} does not exist; make it with `python3 -m venv /work/venv-reuse && /work/venv-reuse/bin/pip install qiskit==0.46.3 qiskit-qubit-reuse==0.0.2`)"
    from qiskit import qasm2

    job = {"timeout": timeout, "circuits": [{"name": name, "qasm": qasm2.dumps(c)} for name, c in items]}
    proc = subprocess.run([python, str(PEER_SCRIPT)], input=json.dumps(job), capture_output=True, text=True)
    results, versions = {}, "?"
    for line in proc.stdout.splitlines():
        d = json.loads(line)
        if d["name"] == "__versions__":
            versions = f"qiskit-qubit-reuse {d['qiskit_qubit_reuse']} on Qiskit {d['qiskit']} ({python})"
        else:
            results[d["name"]] = d
    if proc.returncode != 0:
        versions += f"; the peer exited {proc.returncode}: {proc.stderr.strip().splitlines()[-1:]}"
    return results, versions


def width_table(sizes: list[int], python: str, timeout: int) -> list[str]:
    rows = []
    items = []
    built = list(circuits(sizes))
    for name, n, c in built:
        w = ours(c, "width")
        d = ours(c, "depth")
        key = f"{name}_{n}"
        items.append((key, c))
        rows.append((key, name, n, w, d))
        print(f"{key}: width {w['width']} (bound {w['bound']}) in {w['seconds']:.3f} s", file=sys.stderr)
    # The peer, a size at a time: a workload it could not finish at one size
    # is not tried at larger ones (it only gets slower), which keeps a run short.
    theirs: dict = {}
    versions = ""
    gave_up: set[str] = set()
    for n in sorted({r[2] for r in rows}):
        batch = [(key, c) for (key, c), (_, name, m, _, _) in zip(items, rows) if m == n and name not in gave_up]
        if not batch:
            continue
        got, versions = peer(batch, python, timeout)
        theirs.update(got)
        for key, name, m, _, _ in rows:
            if m == n and "width" not in got.get(key, {"width": 0}):
                gave_up.add(name)
    for key, name, n, _, _ in rows:
        if key not in theirs and name in gave_up:
            theirs[key] = {"error": "not tried (stopped at a smaller n)"}
    lines = [
        f"- Peer: {versions}",
        "",
        "| circuit | n | logical | ours width (depth) | ours, objective=depth: width (depth) | lower bound | qiskit-qubit-reuse width (depth) | ours s | peer s |",
        "| --- | ---: | ---: | --- | --- | ---: | --- | ---: | ---: |",
    ]
    fewer = not_more = compared = 0
    wider: list[str] = []
    for key, name, n, w, d in rows:
        p = theirs.get(key)
        if p and "width" in p:
            compared += 1
            not_more += w["width"] <= p["width"]
            fewer += w["width"] < p["width"]
            if w["width"] > p["width"]:
                wider.append(f"{name} at {n} ({w['width']} against {p['width']})")
            peer_cell, peer_s = f"{p['width']} ({p['depth']})", f"{p['seconds']:.3f}"
        else:
            peer_cell, peer_s = (p or {}).get("error", "not run")[:40], "-"
        lines.append(
            f"| {name} | {n} | {w['logical']} | {w['width']} ({w['depth']}) | {d['width']} ({d['depth']}) | {w['bound']} | {peer_cell} | {w['seconds']:.3f} | {peer_s} |"
        )
    import statistics

    flat = per_op_flatness(built)
    ratios = []
    for k, by_n in flat.items():
        if len(by_n) > 1:
            med = {n: statistics.median(v) for n, v in by_n.items()}
            spread = max((max(v) - min(v)) / statistics.median(v) for v in by_n.values())
            ratios.append(f"{k} {max(med.values()) / min(med.values()):.2f}x ({', '.join(f'{n}: {med[n] * 1e6:.0f}' for n in sorted(med))} us; spread up to {spread:.0%})")
    lines += [
        "",
        f"Width: ours <= qiskit-qubit-reuse's on {not_more} of {compared} circuits both ran, fewer on {fewer}"
        + (f"; wider on {', '.join(wider)}." if wider else "."),
        f"Compile time per operation (objective=width, CPU time, median of {PER_OP_SAMPLES} interleaved samples), max/min over the sizes: "
        + "; ".join(ratios)
        + ".",
    ]
    return lines


def stages_program(stages: int) -> str:
    lines = ['OPENQASM 3.0;', 'include "stdgates.inc";', f"qubit[{4 * stages}] q;"]
    for s in range(stages):
        lines.append(f"bit[4] c{s};")
    for s in range(stages):
        b = 4 * s
        lines.append(f"h q[{b}]; cx q[{b}], q[{b + 1}]; cx q[{b + 1}], q[{b + 2}]; cx q[{b + 2}], q[{b + 3}]; ry(0.3) q[{b + 3}];")
        lines.append(f"c{s} = measure q[{b}:{b + 3}];")
    return "\n".join(lines) + "\n"


def restart_table(shots: int) -> list[str]:
    from qckpt.pipeline import insert_checkpoints, module_to_qir, qasm_to_module
    from qckpt.runtime.qir_runner import run_qir
    from qckpt.runtime.restore.segments import _run_bitcode, compile_segments

    lines = [
        "| stages | killed after stage | restart from scratch: qubits, s | resume on the reduced layout: qubits, s | time ratio |",
        "| ---: | ---: | --- | --- | ---: |",
    ]
    for stages in (3, 4):
        src = stages_program(stages)
        module = qasm_to_module(src, "stages.qasm")
        insert_checkpoints(module, "exact")
        segments = compile_segments(module)
        assert len(segments) == stages, len(segments)
        whole = module_to_qir(qasm_to_module(src, "stages.qasm"))
        t0 = time.perf_counter()
        run_qir(whole, shots=shots, seed=1)
        scratch = time.perf_counter() - t0
        for k in (1, stages - 1):
            rest = segments[k:]
            width = max(s.manifest["num_qubits"] for s in rest)
            t0 = time.perf_counter()
            for s in rest:  # the stages are independent: no state to bind
                _run_bitcode(s.bitcode, shots, 2, max_qubits=width)
            resumed = time.perf_counter() - t0
            lines.append(f"| {stages} | {k} | {4 * stages}, {scratch:.2f} | {width}, {resumed:.2f} | {resumed / scratch:.3f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", help="rewrite this file's qubit_reuse section (docs/benchmarks.md)")
    ap.add_argument("--quick", action="store_true", help="under 5 minutes: sizes 10, 100 and 500, the peer stopped at 20 s per circuit, 200 shots")
    ap.add_argument("--sizes", default="10,50,100,500", help="logical qubit counts (default: 10,50,100,500)")
    ap.add_argument("--peer-python", default=DEFAULT_PEER, help=f"the Python of the venv with qiskit-qubit-reuse (default: {DEFAULT_PEER})")
    ap.add_argument("--peer-timeout", type=int, default=60, help="seconds per circuit for the peer (default: 60)")
    args = ap.parse_args(argv)
    sizes = [10, 100, 500] if args.quick else [int(x) for x in args.sizes.split(",")]
    shots = 200 if args.quick else 1000
    timeout = min(args.peer_timeout, 20) if args.quick else args.peer_timeout
    body = [
        "## Qubit reuse against qiskit-qubit-reuse (`benchmarks/qubit_reuse.py`)",
        "",
        f"- Command: `{QUICK_COMMAND if args.quick else COMMAND}`",
        run_line(),
        "",
        *width_table(sizes, args.peer_python, timeout),
        "",
        f"Restart on a reduced layout ({shots} shots on qir-runner, the same seed both ways):",
        "",
        *restart_table(shots),
    ]
    text = "\n".join(body)
    print(text)
    if args.out:
        SECTION.write_body(Path(args.out), text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
