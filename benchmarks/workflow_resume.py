"""Resuming iterative workflows after a failure: qckpt replay against
restarting from scratch and against a hand-written "save parameters only"
checkpoint.

For each worked workload in examples/ (VQE, QAOA, FALQON, Trotter), with
the example's default settings:

1. an uninterrupted run (the reference), then the same command again on its
   finished log: every iteration replayed, nothing run (replay time per
   iteration);
2. one failure iteration k, drawn uniformly from 1..N-1 (``--seed``), used by
   every strategy of that workload;
3. each strategy is started in a fresh directory, killed with SIGKILL once
   k iterations are done (plus a random delay up to 50 ms, so the kill lands
   anywhere in iteration k), then restarted and run to its solution:

   - *qckpt replay*: the same command again; the driver replays its log
     (``--resume replay`` for FALQON and Trotter, whose default is the fast
     path);
   - *qckpt fast path* (FALQON, Trotter): the same command again; the driver
     restores its last checkpoint (its state is complete);
   - *from scratch*: the same command in a new directory;
   - *parameters only*: a driver written here that saves its parameters after
     every iteration (VQE: the SPSA iterate; QAOA: the best COBYLA point so
     far; FALQON: the betas; Trotter: the results so far) and restarts from
     them with a fresh optimizer: SPSA's gain schedule and random stream
     start over, COBYLA builds a new simplex. Where that loses ground, it
     keeps iterating past the budget until the exact objective of its
     parameters reaches the reference's (VQE: energy within 1 mHa; QAOA:
     expected cut within 0.05), for at most twice the budget.

Time to solution is the wall time of the processes (the killed one and the
restarted one, Python start-up included) until the run has its answer, and
their CPU time with the qir-runner processes they ran (steadier than wall
time on a shared machine).
Executions and shots are counted by a qir-runner wrapper, so a run killed in
the middle of an execution counts it. "Redone" is executions and shots beyond
the uninterrupted run's.

    .venv/bin/python benchmarks/workflow_resume.py --out docs/benchmarks.md
    .venv/bin/python benchmarks/workflow_resume.py --quick --workloads vqe,trotter
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib.processes import CountingRunner  # noqa: E402
from benchlib.report import Section, command_line, run_line  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SECTION = Section("workflow_resume")
BEGIN, END = SECTION.begin, SECTION.end

# name -> arguments of --quick, and the arguments that select replay (FALQON
# and Trotter default to the fast path). Everything else is the example's default.
WORKLOADS: dict[str, dict[str, Any]] = {
    "vqe": {"quick": ["--iterations", "16", "--shots", "200"], "replay": []},
    "qaoa": {"quick": ["--iterations", "12", "--shots", "128"], "replay": []},
    "falqon": {"quick": ["--iterations", "10", "--shots", "50", "--final-shots", "500"], "replay": ["--resume", "replay"]},
    "trotter": {"quick": ["--iterations", "10", "--shots", "200"], "replay": ["--resume", "replay"]},
}
VQE_TOLERANCE = 1e-3  # Ha
QAOA_TOLERANCE = 0.05  # edges


def _examples(names: list[str] | None = None) -> dict[str, Any]:
    import importlib

    if str(EXAMPLES) not in sys.path:
        sys.path.insert(0, str(EXAMPLES))
    return {name: importlib.import_module(name) for name in names or WORKLOADS}


# -- the parameters-only baseline (runs in a worker process) ---------------------


def _save(path: Path, doc: dict) -> None:
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w") as f:
        json.dump(doc, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _load(path: Path) -> dict | None:
    return json.loads(path.read_text()) if path.exists() else None


def baseline(workload: str, state: Path, store: Path, iterations: int, shots: int, final_shots: int, target: float | None, out: Path) -> None:
    """A driver as one would write it without qckpt: parameters to a file
    after each iteration, a fresh optimizer from them after a restart. The
    session is only used to run circuits (a new directory each time, so
    nothing is replayed)."""
    import numpy as np

    from qckpt.workflow import Session

    ex = _examples([workload])[workload]  # only what this driver needs: its start-up is timed
    saved = _load(state)
    restarts = saved["restarts"] + 1 if saved else 0
    done = saved["iteration"] + 1 if saved else 0
    with Session.open(store, seed=7 + restarts, name=f"baseline-{workload}") as session:
        if workload == "vqe":
            circuit = ex.ansatz()
            energy = ex.Energy(session, ex.HAMILTONIAN, circuit, shots)
            x = np.array(saved["params"]) if saved else np.full(circuit.num_parameters, 0.1)
            rng = session.random("spsa")
            k = 0  # the gain schedule starts over: that state was not saved
            while done < iterations or (_vqe_exact(ex, circuit, x) > target + VQE_TOLERANCE and done < 2 * iterations):
                x, _, _ = ex.spsa_step(energy, x, k, rng)
                k += 1
                _save(state, {"iteration": done, "params": x.tolist(), "restarts": restarts})
                done += 1
            # The same final measurements as the example: energy, then a histogram.
            energy(x)
            session.execute(ex.measured_in_basis(circuit.assign_parameters(x), "ZZ"), 1000)
            result = {"params": x.tolist(), "iterations": done}
        elif workload == "qaoa":
            from scipy.optimize import minimize

            circuit = ex.ansatz()
            best = (saved["cost"], np.array(saved["params"])) if saved else (float("inf"), ex.initial_point())

            class Enough(Exception):
                pass

            def objective(x: np.ndarray) -> float:
                nonlocal done, best
                if done >= iterations and (done >= 2 * iterations or _qaoa_exact(ex, circuit, best[1]) >= target - QAOA_TOLERANCE):
                    raise Enough
                cost = -ex.mean_cut(session.execute(circuit, shots, params=list(x)).counts)
                if cost < best[0]:
                    best = (cost, np.array(x))
                _save(state, {"iteration": done, "params": best[1].tolist(), "cost": best[0], "restarts": restarts})
                done += 1
                return cost

            while True:  # COBYLA may stop on its own before the budget: start it again from the best point
                try:
                    minimize(objective, best[1], method="COBYLA", options={"maxiter": 2 * iterations, "rhobeg": ex.RHOBEG})
                except Enough:
                    break
                if done >= 2 * iterations:
                    break
            session.execute(circuit, 1000, params=list(best[1]))  # the example's final histogram
            result = {"params": best[1].tolist(), "iterations": done}
        elif workload == "falqon":
            comm = ex.commutator()
            labels, coeffs = comm.paulis.to_labels(), comm.coeffs.real
            groups = ex.group_by_basis(labels)
            betas = list(saved["betas"]) if saved else [ex.BETA_1]
            while done < iterations:
                counts = [session.execute(ex.program(len(betas), b), shots, params=ex.angles(betas)).counts for b, _ in groups]
                betas.append(-ex.estimate(coeffs, labels, groups, counts))
                _save(state, {"iteration": done, "betas": betas, "restarts": restarts})
                done += 1
            hist = session.execute(ex.program(len(betas), "Z" * ex.NODES), final_shots, params=ex.angles(betas)).counts
            result = {"betas": betas, "iterations": done, "histogram": hist}
        elif workload == "trotter":
            text = ex.program()
            series = saved["series"] if saved else []
            while done < iterations:
                series.append(ex.observables(session.execute(text, shots, params={"steps": done + 1}).counts))
                _save(state, {"iteration": done, "series": series, "restarts": restarts})
                done += 1
            result = {"series": series, "iterations": done}
        else:
            raise SystemExit(f"unknown workload {workload}")
    out.write_text(json.dumps(result))


# -- exact quality of a result (classical statevector, outside the timed runs) ----


def _vqe_exact(ex: Any, circuit: Any, x: Any) -> float:
    from qiskit.quantum_info import Statevector

    return float(Statevector(circuit.assign_parameters(list(x))).expectation_value(ex.HAMILTONIAN).real)


def _qaoa_exact(ex: Any, circuit: Any, x: Any) -> float:
    from qiskit.quantum_info import Statevector

    probs = Statevector(circuit.remove_final_measurements(inplace=False).assign_parameters(list(x))).probabilities()
    return float(sum(p * ex.cut_size(format(k, f"0{ex.NODES}b")) for k, p in enumerate(probs)))


def _falqon_exact(ex: Any, betas: list[float]) -> float:
    """Exact probability of the clique {0,1,2} after the layers of ``betas``."""
    import numpy as np
    from scipy.linalg import expm

    hc, hd = ex.cost_hamiltonian().to_matrix(), ex.driver_hamiltonian().to_matrix()
    uc = expm(-1j * ex.DT * hc)
    psi = np.full(2**ex.NODES, 2 ** (-ex.NODES / 2), dtype=complex)
    for b in betas:
        psi = expm(-1j * ex.DT * b * hd) @ (uc @ psi)
    return float(abs(psi[0b00111]) ** 2)


def quality(workload: str, result: dict, ex: dict) -> tuple[float | None, str]:
    if workload == "vqe":
        e = _vqe_exact(ex["vqe"], ex["vqe"].ansatz(), result["params"])
        return e, f"E = {e:.5f} Ha"
    if workload == "qaoa":
        c = _qaoa_exact(ex["qaoa"], ex["qaoa"].ansatz(), result["params"])
        return c, f"⟨cut⟩ = {c:.3f}"
    if workload == "falqon":
        p = _falqon_exact(ex["falqon"], result["betas"])
        return p, f"P(00111) = {p:.3f}"
    return None, "—"


def _log_iterations(store: Path) -> int:
    from qckpt.diagnostics import QckptError
    from qckpt.workflow import execution_log

    try:
        return len(execution_log.read(store / execution_log.LOG_NAME).iterations)
    except QckptError:
        return 0


def _state_iterations(state: Path) -> int:
    try:
        return json.loads(state.read_text())["iteration"] + 1
    except (OSError, ValueError, KeyError):
        return 0


def bench_workload(name: str, runner: CountingRunner, rng: random.Random, quick: bool, ex: dict) -> dict:
    cfg = WORKLOADS[name]
    args = list(cfg["quick"]) if quick else []
    settings = ex[name].parser().parse_args(["--store", "-", *args])
    n = settings.iterations
    py = sys.executable

    def example(store: Path, out: Path | None, extra: list[str] = ()) -> list[str]:
        cmd = [py, str(EXAMPLES / f"{name}.py"), "--store", str(store), "--quiet", *args, *extra]
        return cmd + (["--out", str(out)] if out else [])

    print(f"[{name}] uninterrupted", file=sys.stderr)
    ref_store, ref_out = runner.fresh(name), runner.fresh(f"{name}.json")
    ref = runner.run(example(ref_store, ref_out))
    ref_doc = json.loads(ref_out.read_text())
    ref_q, ref_q_text = quality(name, ref_doc["result"], ex)
    print(f"[{name}] replay of the finished log", file=sys.stderr)
    again_out = runner.fresh(f"{name}-again.json")
    runner.run(example(ref_store, again_out, cfg["replay"]))
    again = json.loads(again_out.read_text())
    assert again["result"] == ref_doc["result"] and again["stats"]["executions_live"] == 0
    full_replay_ms = 1e3 * again["seconds"] / n

    k = rng.randint(1, n - 1)
    rows = [{"strategy": "uninterrupted", "seconds": ref["seconds"], "cpu": ref["cpu"], "executions": len(ref["calls"]),
             "shots": sum(ref["calls"]), "same": True, "quality": ref_q_text}]

    def resumed_rows(label: str, extra: list[str]) -> None:
        print(f"[{name}] {label}: failure at iteration {k}", file=sys.stderr)
        store, out = runner.fresh(name), runner.fresh(f"{name}-{label}.json")
        killed = runner.run_killed(example(store, None, extra), lambda: _log_iterations(store), k, rng)
        resumed = runner.run(example(store, out, extra))
        doc = json.loads(out.read_text())
        st = doc["stats"]
        replayed_its = st["iterations_replayed"]
        rows.append({
            "strategy": label,
            "seconds": killed["seconds"] + resumed["seconds"],
            "cpu": killed["cpu"] + resumed["cpu"],
            "executions": len(killed["calls"]) + len(resumed["calls"]),
            "shots": sum(killed["calls"]) + sum(resumed["calls"]),
            "same": doc["result"] == ref_doc["result"],
            "quality": quality(name, doc["result"], ex)[1],
            "replay_ms_per_iteration": (1e3 * st["replay_seconds"] / replayed_its) if st["replay_seconds"] and replayed_its else None,
            "replay_cpu_ms_per_iteration": (1e3 * st["replay_cpu_seconds"] / replayed_its) if st["replay_cpu_seconds"] and replayed_its else None,
            "iterations_replayed": replayed_its,
            "restored_from": st["restored_from"],
            "resumed_executions": len(resumed["calls"]),
            "logged_at_restart": st["logged_at_open"],
        })

    resumed_rows("qckpt replay", cfg["replay"])
    if cfg["replay"]:
        resumed_rows("qckpt fast path", [])

    print(f"[{name}] from scratch: failure at iteration {k}", file=sys.stderr)
    store = runner.fresh(name)
    killed = runner.run_killed(example(store, None), lambda: _log_iterations(store), k, rng)
    again_out = runner.fresh(f"{name}-scratch.json")
    fresh = runner.run(example(runner.fresh(name), again_out))
    rows.append({"strategy": "from scratch", "seconds": killed["seconds"] + fresh["seconds"], "cpu": killed["cpu"] + fresh["cpu"],
                 "executions": len(killed["calls"]) + len(fresh["calls"]), "shots": sum(killed["calls"]) + sum(fresh["calls"]),
                 "same": json.loads(again_out.read_text())["result"] == ref_doc["result"], "quality": ref_q_text})

    print(f"[{name}] parameters only: failure at iteration {k}", file=sys.stderr)
    state = runner.fresh(f"{name}-state.json")
    final = getattr(settings, "final_shots", 1000)

    def worker(out: Path) -> list[str]:
        cmd = [py, __file__, "--baseline", name, "--state", str(state), "--store", str(runner.fresh(name)),
               "--iterations", str(n), "--shots", str(settings.shots), "--final-shots", str(final), "--result", str(out)]
        if ref_q is not None:
            cmd += ["--target", repr(ref_q)]
        return cmd

    killed = runner.run_killed(worker(runner.fresh("unused.json")), lambda: _state_iterations(state), k, rng)
    base_out = runner.fresh(f"{name}-baseline.json")
    resumed = runner.run(worker(base_out))
    base = json.loads(base_out.read_text())
    base_q_text = quality(name, base, ex)[1]
    if name == "trotter":
        dev = max(abs(a - b) for (m, c), mr, cr in zip(base["series"], ref_doc["result"]["magnetization"], ref_doc["result"]["correlation"]) for a, b in ((m, mr), (c, cr)))
        base_q_text = f"largest deviation from the uninterrupted run {dev:.3f} (shot noise)"
    rows.append({"strategy": "parameters only", "seconds": killed["seconds"] + resumed["seconds"], "cpu": killed["cpu"] + resumed["cpu"],
                 "executions": len(killed["calls"]) + len(resumed["calls"]), "shots": sum(killed["calls"]) + sum(resumed["calls"]),
                 "same": False, "quality": base_q_text, "iterations": base["iterations"]})
    return {"workload": name, "iterations": n, "failure_at": k, "rows": rows, "full_replay_ms_per_iteration": full_replay_ms,
            "reference_stats": ref_doc["stats"], "reference_result": ref_doc["result"], "args": args}


# -- report ------------------------------------------------------------------------


def render(cmd: str, results: list[dict]) -> str:
    out = [BEGIN, "## Workflow resume: replay against restarting", ""]
    out.append("Written by `benchmarks/workflow_resume.py`; rerun it instead of editing this section (see `benchmarks/README.md`).")
    out.append("")
    out.append(f"- Command: `{cmd}`")
    out.append(run_line(load_note=" at the end", extra="; backend qir-runner"))
    out.append(
        "- Method: each workload runs with its example's settings (below). One failure iteration k per workload, "
        "uniform in 1..N-1, is shared by its strategies; the run is SIGKILLed once k iterations are done plus up to 50 ms, "
        "then restarted. Time to solution = both processes, Python start-up included: wall time, and CPU time with their "
        "qir-runner children (on a shared machine the CPU column is the steadier one). Executions and shots "
        "are counted by a qir-runner wrapper (an execution cut by the kill counts). *Redone* = beyond the uninterrupted run. "
        "*Parameters only* restarts a fresh optimizer from the saved parameters and, for VQE and QAOA, keeps going past the "
        f"budget until the exact objective of its parameters is within {VQE_TOLERANCE * 1e3:.0f} mHa (VQE) or {QAOA_TOLERANCE} "
        "edges (QAOA) of the uninterrupted run's, for at most 2N iterations. Quality is exact (statevector) for the final "
        "parameters."
    )
    out.append("")
    out.append("| workload (N iterations, failure at k) | strategy | time to solution: wall s | CPU s | quantum executions (redone) | shots (redone) | result identical to uninterrupted | quality |")
    out.append("|---|---|---:|---:|---:|---:|---|---|")
    for r in results:
        ref = r["rows"][0]
        label = f"{r['workload']} (N={r['iterations']}, k={r['failure_at']})"
        for row in r["rows"]:
            redo_e = row["executions"] - ref["executions"]
            redo_s = row["shots"] - ref["shots"]
            strat = row["strategy"]
            if row.get("iterations") and row["iterations"] != r["iterations"]:
                strat += f" ({row['iterations']} iterations)"
            same = "—" if row["strategy"] == "uninterrupted" else ("yes" if row["same"] else "no")
            redo = "" if row["strategy"] == "uninterrupted" else f" ({redo_e:+d})"
            redo_sh = "" if row["strategy"] == "uninterrupted" else f" ({redo_s:+d})"
            out.append(f"| {label} | {strat} | {row['seconds']:.1f} | {row['cpu']:.1f} | {row['executions']}{redo} | {row['shots']}{redo_sh} | {same} | {row['quality']} |")
            label = ""
    out.append("")
    out.append("Replay cost (target: under 5 ms per logged iteration, zero repeated quantum executions):")
    out.append("")
    out.append("| workload | iterations replayed after the failure | replay ms per iteration: wall / CPU | executions run after the restart / not in the log | full replay of the finished log: ms per iteration (wall, whole process run) |")
    out.append("|---|---:|---:|---|---:|")
    for r in results:
        rp = next(x for x in r["rows"] if x["strategy"] == "qckpt replay")
        total = r["rows"][0]["executions"]
        per = "—"
        if rp["replay_ms_per_iteration"] is not None:
            per = f"{rp['replay_ms_per_iteration']:.2f} / {rp['replay_cpu_ms_per_iteration']:.2f}"
        out.append(
            f"| {r['workload']} | {rp['iterations_replayed']} | {per} | {rp['resumed_executions']} / {total - rp['logged_at_restart']} | "
            f"{r['full_replay_ms_per_iteration']:.2f} |"
        )
    out.append("")
    out.append("Settings: " + "; ".join(f"{r['workload']} `{' '.join(r['args']) or 'defaults'}`" for r in results) + ".")
    out.append(END)
    return "\n".join(out)


def write_section(path: Path, section: str) -> None:
    SECTION.write(path, section)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workloads", default=",".join(WORKLOADS), help="comma-separated subset of " + ", ".join(WORKLOADS))
    ap.add_argument("--quick", action="store_true", help="fewer iterations and shots (FALQON then does not reach its target)")
    ap.add_argument("--seed", type=int, default=2024, help="seed of the failure iterations and kill delays")
    ap.add_argument("--out", type=Path, help="rewrite this file's workflow_resume section")
    ap.add_argument("--json", type=Path, help="write every measurement as JSON")
    ap.add_argument("--figures", type=Path, help="draw the section's figures (PNG) into this directory (docs/figures)")
    # worker mode: the parameters-only baseline
    ap.add_argument("--baseline", help=argparse.SUPPRESS)
    ap.add_argument("--state", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--iterations", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--shots", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--final-shots", type=int, default=1000, help=argparse.SUPPRESS)
    ap.add_argument("--target", type=float, help=argparse.SUPPRESS)
    ap.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.baseline:
        baseline(args.baseline, args.state, args.store, args.iterations, args.shots, args.final_shots, args.target, args.result)
        return 0
    names = [w for w in args.workloads.split(",") if w]
    unknown = [w for w in names if w not in WORKLOADS]
    if unknown:
        ap.error(f"unknown workload(s) {', '.join(unknown)}")
    rng = random.Random(args.seed)
    ex = _examples()
    results = []
    with tempfile.TemporaryDirectory(prefix="qckpt-workflow-bench-") as tmp:
        runner = CountingRunner(Path(tmp))
        for name in names:
            results.append(bench_workload(name, runner, rng, args.quick, ex))
    section = render(command_line(), results)
    print(section)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    if args.out:
        write_section(args.out, section)
    if args.figures:
        from benchlib import figures

        for f in figures.save_all(args.figures, figures.workflow_resume(results)):
            print(f"wrote {f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
