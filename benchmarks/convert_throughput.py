#!/usr/bin/env python3
"""OpenQASM 3 -> QIR conversion throughput: qckpt per stage, and qckpt against qbraid-qir.

Tools (``--tools``), each run in its own process on the same inputs in the same run:

- ``qckpt-native``: qckpt's own OpenQASM 3 frontend (lark LALR parse, IR
  build, QIR emission), the default of ``qckpt convert``;
- ``qckpt`` (alias ``qckpt-qiskit``): qckpt through Qiskit's importer
  (``qasm3_to_circuit``, ``circuit_to_module``, QIR emission);
- ``qbraid-qir``: ``qbraid_qir.qasm3.qasm3_to_qir``, the peer;
- ``openqasm3``: ``openqasm3.parse`` only, the reference parser, against which
  the native frontend's parse stage is compared.

Why it is built this way:

- Every conversion runs in its own fresh interpreter (``--worker``), so each
  tool pays its own start-up and imports and its peak RSS is its own. Inside
  the worker the imports are done first and timed on their own; the clock for
  the conversion starts after them.
- Time per gate is the *slope* between two sizes, (t(b) - t(a)) / (b - a), so
  that fixed costs (first-use caches, module headers, the ANTLR parser's
  warm-up) drop out. Two slopes (1k->10k, 10k->100k) and their ratio say
  whether the cost per gate stays flat as programs grow.
- Inputs are generated here from a fixed seed, so every run, on every
  machine, converts the same programs.

Usage (from the repository root, with the project's venv):

    .venv/bin/python benchmarks/convert_throughput.py --out docs/benchmarks.md
    .venv/bin/python benchmarks/convert_throughput.py --quick          # 1k and 10k only

See ``benchmarks/README.md``.
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()  # the worker's clock starts here, before any heavier import
_T0_WALL = time.time()  # the same instant on the clock the driver shares, for start-up

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchlib and convert, also when loaded by path

from benchlib.circuits import (  # noqa: E402,F401  (some are read by tests/test_benchmark_inputs.py)
    QUBITS,
    RANDOM_GATES,
    SEED,
    BenchInput,
    make_inputs,
    qaoa_circuit,
    qft_circuit,
    random_dynamic_circuit,
)
from benchlib.measure import children_cpu, log, run_child  # noqa: E402
from benchlib.report import Section, load_range, loadavg, machine_info, package_versions, quoted_command, source_state, utc_now  # noqa: E402
from convert.report import render  # noqa: E402
from convert.targets import BIG, evaluate_targets  # noqa: E402
from convert.workers import NATIVE, QISKIT, TIMEOUT_S, TOOLS, sanity_worker, worker_main  # noqa: E402
from convert.workers import qis_calls as _qis_calls  # noqa: E402,F401  (the tests count QIS calls as the workers do)

DEFAULT_SIZES = (1000, 10_000, 100_000)
QUICK_SIZES = (1000, 10_000)
SECTION = Section("convert_throughput")
BEGIN, END = SECTION.begin, SECTION.end
TOOL_ALIASES = {"qckpt-qiskit": "qckpt", "native": "qckpt-native", "openqasm3.parse": "openqasm3"}
DEFAULT_TOOLS = "qckpt-native,qckpt,qbraid-qir,openqasm3"
VERSIONED = ("qckpt", "xdsl", "pyqir", "qiskit", "qiskit-qasm3-import", "qbraid-qir", "pyqasm", "openqasm3")


def run_worker(tool: str, path: Path, timeout: float, qbraid_profile: str, save: Path | None = None) -> dict:
    args = ["--worker", tool, "--input", str(path), "--qbraid-profile", qbraid_profile]
    if save is not None:
        args += ["--save", str(save)]
    spawned = time.time()
    before = children_cpu()
    t = time.perf_counter()
    res = run_child(__file__, args, timeout)
    res["wall_s"] = time.perf_counter() - t
    res["process_cpu_s"] = children_cpu() - before  # the driver runs one child at a time: the delta is this one
    if res.get("ok"):
        interp = max(0.0, res.pop("t0_wall") - spawned)  # interpreter start-up, up to the script's first line
        res["startup_s"] = interp + res["import_s"]  # start-up + imports
        res["exit_s"] = max(0.0, res["wall_s"] - interp - res["script_s"])  # interpreter teardown (freeing the objects)
    return res


def _min_merge(runs: list[dict]) -> dict:
    """Minimum of each measurement over the successful runs."""
    good = [r for r in runs if r.get("ok")]
    if not good:
        return runs[-1] | {"runs": len(runs)}
    out: dict = {"ok": True, "runs": len(runs), "ok_runs": len(good)}
    for key in (
        "convert_s", "convert_cpu_s", "import_s", "startup_s", "exit_s", "wall_s", "process_cpu_s", "parser_build_s",
        "rss_import_mib", "rss_peak_mib", "hwm_peak_mib", "qir_bytes", "qis_calls", "statements",
    ):
        vals = [r[key] for r in good if r.get(key) is not None]
        out[key] = min(vals) if vals else None
    for key in ("rss_after", "rss_now_after"):
        if key in good[0]:
            out[key] = {
                k: min((r[key][k] for r in good if r.get(key, {}).get(k) is not None), default=None) for k in good[0][key]
            }
    stages: dict = {}
    for key in good[0].get("stages", {}):
        vals = [r["stages"][key] for r in good if r["stages"].get(key) is not None]
        numeric = [v for v in vals if isinstance(v, (int, float))]
        stages[key] = min(numeric) if numeric else (vals[0] if vals else None)
    out["stages"] = stages
    out["stages_gc"] = {  # from the run with the smallest total
        k: v for k, v in min(good, key=lambda r: r["convert_s"]).get("stages_gc", {}).items()
    }
    out["stages_cpu"] = {
        key: min(r["stages_cpu"][key] for r in good) for key in good[0].get("stages_cpu", {}) if all(key in r.get("stages_cpu", {}) for r in good)
    }
    out["emit_path"] = good[0].get("emit_path")
    out["load_1m"] = [r.get("load_1m") for r in runs]
    out["all_runs"] = runs
    if len(good) < len(runs):
        out["note"] = f"{len(runs) - len(good)} of {len(runs)} runs failed: {[r for r in runs if not r.get('ok')][-1].get('error')}"
    return out



def sanity_check(workdir: Path, inputs: list[BenchInput], tools: list[str], timeout: float, qbraid_profile: str) -> dict:
    """Before timing: what is timed must produce QIR that runs (qckpt, on
    qir-runner) or at least parses and verifies (qbraid-qir, with pyqir)."""
    first = min((i for i in inputs if i.kind == "random"), key=lambda i: i.gates)
    qasm = workdir / f"{first.name}.qasm"
    out: dict = {"input": first.name}
    for tool in [t for t in tools if t in (NATIVE, QISKIT)]:
        t = time.perf_counter()
        log(f"[sanity] {TOOLS[tool]}: compile {first.name} and run 10 shots on qir-runner ...")
        res = run_child(__file__, ["--sanity", tool, "--input", str(qasm)], timeout)
        if not res.get("ok") or res["complete"] != 10 or res["widths"] != [first.measurements]:
            raise SystemExit(f"sanity check failed: {TOOLS[tool]}'s QIR for {first.name} does not run as expected on qir-runner: {res}")
        out[TOOLS[tool]] = f"{first.name}: 10/10 shots complete on qir-runner, {first.measurements} bits recorded per shot"
        log(f"[sanity] {TOOLS[tool]} ok ({time.perf_counter() - t:.1f} s)")
    if "qbraid-qir" in tools:
        t = time.perf_counter()
        log(f"[sanity] qbraid-qir: convert {first.name} and parse it with pyqir ...")
        save = workdir / f"{first.name}.qbraid.ll"
        res = run_worker("qbraid-qir", qasm, timeout, qbraid_profile, save=save)
        if not res.get("ok"):
            out["qbraid-qir"] = f"conversion failed: {res.get('error')}"
        else:
            chk = run_child(__file__, ["--sanity", "pyqir", "--input", str(save)], timeout)
            if not chk.get("ok"):
                out["qbraid-qir"] = f"{first.name}: output does NOT parse with pyqir: {chk.get('error')}"
            elif chk["verify_error"] is not None:
                out["qbraid-qir"] = f"{first.name}: output parses with pyqir but does NOT verify: {chk['verify_error']}"
            else:
                out["qbraid-qir"] = f"{first.name}: output parses and verifies with pyqir"
        log(f"[sanity] qbraid-qir: {out['qbraid-qir']} ({time.perf_counter() - t:.1f} s)")
    return out



def write_section(path: Path, body: str) -> None:
    SECTION.write_body(path, body)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", help="comma-separated gate counts of the random inputs (default 1000,10000,100000)")
    p.add_argument("--quick", action="store_true", help="1k and 10k gates only")
    p.add_argument("--repeat", type=int, help="runs per measurement, the minimum is kept (default: 3 below 100k gates, 1 from 100k)")
    p.add_argument("--out", type=Path, help="markdown file whose convert_throughput section is rewritten (created if missing)")
    p.add_argument("--json", type=Path, help="write all measurements as JSON here")
    p.add_argument("--timeout", type=float, default=TIMEOUT_S, help=f"seconds per conversion (default {TIMEOUT_S:.0f})")
    p.add_argument("--seed", type=int, default=SEED, help=f"input generator seed (default {SEED})")
    p.add_argument(
        "--tools",
        default=DEFAULT_TOOLS,
        help=f"comma-separated, run in this order on each input (default {DEFAULT_TOOLS}): "
        "qckpt-native (alias native), qckpt (alias qckpt-qiskit: through Qiskit's importer), qbraid-qir, openqasm3 (openqasm3.parse only)",
    )
    p.add_argument("--qbraid-profile", default="adaptive", help="profile passed to qbraid-qir's qasm3_to_qir (default adaptive)")
    p.add_argument("--keep", type=Path, help="write the generated OpenQASM here instead of a temporary directory")
    p.add_argument("--no-sanity", action="store_true", help="skip the qir-runner / pyqir sanity check")
    # internal: one conversion in this (fresh) process
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--sanity", help=argparse.SUPPRESS)
    p.add_argument("--input", help=argparse.SUPPRESS)
    p.add_argument("--save", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        return worker_main(args.worker, args.input, args.save, args.qbraid_profile, _T0, _T0_WALL)
    if args.sanity:
        return sanity_worker(args.sanity, args.input)

    if args.sizes:
        sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    else:
        sizes = list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    tools = []
    for t in (t.strip() for t in args.tools.split(",") if t.strip()):
        t = TOOL_ALIASES.get(t, t)
        if t not in TOOLS:
            raise SystemExit(f"--tools: unknown tool '{t}'; choose from {', '.join(TOOLS)} (aliases: {', '.join(TOOL_ALIASES)})")
        if t not in tools:
            tools.append(t)
    versions = package_versions(VERSIONED)
    if "qbraid-qir" in tools and versions["qbraid-qir"] == "not installed":
        log("qbraid-qir is not installed (pip install -e '.[bench]'): not measuring it")
        tools.remove("qbraid-qir")
    if "openqasm3" in tools and versions["openqasm3"] == "not installed":
        log("openqasm3 is not installed: no parse-only comparison")
        tools.remove("openqasm3")

    def repeats(inp: BenchInput) -> int:
        return args.repeat if args.repeat else (1 if inp.gates >= BIG else 3)

    command = quoted_command(__file__, argv if argv is not None else sys.argv[1:])
    started = time.perf_counter()
    load_start = loadavg()
    inputs = make_inputs(sizes, args.seed)
    with tempfile.TemporaryDirectory(prefix="qckpt-bench-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        for inp in inputs:
            (workdir / f"{inp.name}.qasm").write_text(inp.source)
        log(f"{len(inputs)} inputs written to {workdir}: " + ", ".join(f"{i.name} ({i.gates} gates)" for i in inputs))

        sanity = {"skipped": "--no-sanity"} if args.no_sanity else sanity_check(workdir, inputs, tools, args.timeout, args.qbraid_profile)

        results: dict[str, dict[str, dict]] = {}
        loads: list[str] = []
        for inp in inputs:
            results[inp.name] = {}
            for tool in tools:
                runs = []
                for k in range(repeats(inp)):
                    t = time.perf_counter()
                    load = loadavg()
                    log(f"[{time.perf_counter() - started:7.1f} s] {tool:<12} {inp.name:<12} run {k + 1}/{repeats(inp)} (load {load}) ...")
                    r = run_worker(tool, workdir / f"{inp.name}.qasm", args.timeout, args.qbraid_profile)
                    r["load_1m"] = load
                    loads.append(load)
                    runs.append(r)
                    what = (
                        f"convert {r['convert_s']:.2f} s (CPU {r['convert_cpu_s']:.2f} s), peak {r['rss_peak_mib']:.0f} MiB"
                        if r.get("ok")
                        else r.get("error")
                    )
                    log(f"{'':12}-> {what} (process {time.perf_counter() - t:.1f} s)")
                    if r.get("status") == "timeout":
                        break  # a second timeout would tell nothing new
                results[inp.name][tool] = _min_merge(runs)

    targets = evaluate_targets(results, inputs)
    repeat_desc = f"{args.repeat} run(s)" if args.repeat else "3 runs (1 run at 100k gates and above)"
    meta = {
        "command": command,
        "date": utc_now(),
        "machine": machine_info(),
        "versions": versions,
        "seed": args.seed,
        "sizes": sizes,
        "tools": tools,
        "repeat_desc": repeat_desc,
        "timeout": args.timeout,
        "qbraid_call": f'str(qbraid_qir.qasm3.qasm3_to_qir(src, profile="{args.qbraid_profile}"))',
        "sanity": sanity,
        "elapsed_s": time.perf_counter() - started,
        "load": (load_start, loadavg()),
        "load_runs": load_range(loads),
        "source": source_state(),
    }
    body = render(meta, inputs, results, targets)
    print(body)
    if args.out:
        write_section(args.out, body)
        log(f"wrote the convert_throughput section of {args.out}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "meta": meta,
            "inputs": [{k: v for k, v in vars(i).items() if k != "source"} for i in inputs],
            "results": results,
            "targets": targets,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n")
        log(f"wrote {args.json}")
    log(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
