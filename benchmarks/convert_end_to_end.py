#!/usr/bin/env python3
"""OpenQASM 3 -> QIR end to end, as a user runs it: ``qckpt convert X.qasm -o
X.ll`` against qbraid-qir's ``qasm3_to_qir`` in a process of its own, process
start included, on the random dynamic circuits of ``convert_throughput.py``.

Why it is built this way:

- Each conversion is one whole process, timed from spawn to exit, and its
  peak RSS is the kernel's (``wait4``'s ``ru_maxrss``): that is what a user
  waits for and what a batch system charges.
- The tools take turns on each input (qckpt, qbraid-qir, qckpt, ...), best of
  N, so a load spike on the shared machine hits both sides of a ratio; the
  load average is reported beside each figure.
- Time and memory per gate are slopes between sizes (fixed costs drop out);
  their ratio says whether cost per gate stays flat up to 10^6 gates.
- Start-up: ``qckpt convert examples/teleport.qasm`` beside the bare import
  floor (xdsl builtin+scf+arith+func), alternating.
- Parse only (qckpt's parser, ``openqasm3.parse``, ``qiskit.qasm3.loads``) and
  the Qiskit-circuit path (``compile_circuit`` against qbraid-qir's
  ``qiskit_to_qir``) run in a process each, imports excluded from the clock.

Usage (from the repository root, with the project's venv):

    .venv/bin/python benchmarks/convert_end_to_end.py --out docs/benchmarks.md
    .venv/bin/python benchmarks/convert_end_to_end.py --sizes 1000,10000 --peer-sizes 1000 --repeat 1 --no-side
    .venv/bin/python benchmarks/convert_end_to_end.py --quick --out docs/benchmarks.md   # about 5 min on a quiet machine
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib.circuits import random_dynamic_circuit, size_label  # noqa: E402
from benchlib.measure import log  # noqa: E402
from benchlib.report import ROOT, Section, loadavg, machine_info, package_versions, quoted_command, source_state, utc_now  # noqa: E402

SECTION = Section("convert_end_to_end")
PY = sys.executable
QCKPT = str(Path(sys.executable).with_name("qckpt"))
FLOOR = "import xdsl.dialects.builtin, xdsl.dialects.scf, xdsl.dialects.arith, xdsl.dialects.func"
QBRAID = (
    "import sys\nfrom qbraid_qir.qasm3 import qasm3_to_qir\n"
    "open(sys.argv[2], 'w').write(str(qasm3_to_qir(open(sys.argv[1]).read(), profile='adaptive')))"
)
# Targets of the conversion issue.
T_SPEED_100K, T_SPEED_10K, T_TELEPORT_S, T_FLOOR_GAP_S, T_FLAT, T_MEM_RATIO, T_MEM_1M_MIB = 10.0, 6.0, 0.40, 0.08, 1.2, 5.0, 1536.0


def run_process(argv: list[str], timeout: float) -> dict:
    """Wall time and peak RSS (MiB) of one process, spawn to exit."""
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = t + timeout
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            p.kill()
            os.wait4(p.pid, 0)
            return {"ok": False, "error": f"timeout after {timeout:.0f} s"}
        time.sleep(0.005)
    wall = time.perf_counter() - t
    err = p.stderr.read().decode(errors="replace") if p.stderr else ""
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        return {"ok": False, "error": (err.strip().splitlines() or ["exit %d" % p.returncode])[-1]}
    return {"ok": True, "wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024}


def best(runs: list[dict]) -> dict:
    good = [r for r in runs if r.get("ok")]
    if not good:
        return runs[-1]
    return {"ok": True, "wall_s": min(r["wall_s"] for r in good), "cpu_s": min(r["cpu_s"] for r in good), "rss_mib": min(r["rss_mib"] for r in good),
            "runs": len(good), "load": [r["load"] for r in runs]}


def side_by_side(commands: dict[str, list[str]], repeat: int, timeout: float) -> dict[str, dict]:
    """Each command in turn, ``repeat`` rounds; the best of each."""
    runs: dict[str, list[dict]] = {k: [] for k in commands}
    for k in range(repeat):
        for name, argv in commands.items():
            load = loadavg()
            r = run_process(argv, timeout) | {"load": load}
            runs[name].append(r)
            what = f"{r['wall_s']:.2f} s (CPU {r['cpu_s']:.2f} s), {r['rss_mib']:.0f} MiB" if r.get("ok") else r["error"]
            log(f"  {name:<10} run {k + 1}/{repeat} (load {load}): {what}")
    return {name: best(rs) for name, rs in runs.items()}


# ----------------------------------------------------------------- in-process workers (parse only, Qiskit circuits)
def worker(kind: str, path: str) -> None:
    src = Path(path).read_text()
    if kind == "qckpt-parse":
        from qckpt.frontend.qasm.parser import parse, parser

        parser()
        fn = lambda: parse(src)  # noqa: E731
    elif kind == "openqasm3.parse":
        import openqasm3

        fn = lambda: openqasm3.parse(src)  # noqa: E731
    elif kind == "qiskit.qasm3.loads":
        import qiskit.qasm3

        fn = lambda: qiskit.qasm3.loads(src)  # noqa: E731
    elif kind in ("compile_circuit", "qiskit_to_qir"):
        import qiskit.qasm3

        circuit = qiskit.qasm3.loads(src)
        if kind == "compile_circuit":
            from qckpt.pipeline import compile_circuit

            fn = lambda: str(compile_circuit(circuit))  # noqa: E731
        else:
            from qbraid_qir.qiskit import qiskit_to_qir

            fn = lambda: str(qiskit_to_qir(circuit))  # noqa: E731
    else:
        raise SystemExit(f"unknown worker {kind}")
    t = time.perf_counter()
    fn()
    print(json.dumps({"s": time.perf_counter() - t}))


def in_process(kind: str, path: Path, timeout: float) -> float | str:
    try:
        out = subprocess.run([PY, __file__, "--worker", kind, str(path)], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"timeout ({timeout:.0f} s)"
    if out.returncode != 0:
        return (out.stderr.strip().splitlines() or ["failed"])[-1][:80]
    return json.loads(out.stdout.strip().splitlines()[-1])["s"]


# ----------------------------------------------------------------- report
def fmt(x, unit: str = "s") -> str:
    if isinstance(x, str):
        return x
    if x is None:
        return "–"
    return f"{x:.2f} {unit}" if unit == "s" else f"{x:.0f} {unit}"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**missed**")


def cpu_note(r: dict) -> str:
    return f" (CPU {r['cpu_s']:.2f} s)" if r.get("ok") else ""


def slopes(points: list[tuple[int, float]]) -> list[tuple[int, int, float]]:
    return [(a, b, (tb - ta) / (b - a)) for (a, ta), (b, tb) in zip(points, points[1:])]


def render(meta: dict, conv: dict, tele: dict, parse_rows: dict, circuit_rows: dict) -> str:
    lines = ["## OpenQASM 3 → QIR end to end (`qckpt convert` against qbraid-qir)", "",
             "Written by `benchmarks/convert_end_to_end.py`; rerun it instead of editing this section.", "",
             f"- Command: `{meta['command']}`", f"- Date: {meta['date']}; source: {meta['source']}",
             f"- Machine: {meta['machine']}", f"- Versions: {meta['versions']}",
             f"- Load average (1 min) over the run: {meta['load']}; every figure is the best of {meta['repeat']} runs "
             f"({meta['big_repeat']} at 10^6 gates), the tools taking turns on each input.",
             "- Inputs: random dynamic circuits, 20 qubits, 10% mid-circuit measurements each followed by a conditional X (`benchlib/circuits.py`).",
             "- CPU time (user + system, from `wait4`) is shown beside each wall time: on a loaded machine a process waits for a core, "
             "and its wall time says more about the load than about the tool; the CPU ratio is the cross-check.",
             "", "| gates | qckpt convert | peak RSS | qbraid-qir | peak RSS | speed-up | CPU speed-up | memory ratio | qckpt µs/gate (slope) | qckpt KiB/gate (slope) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    sizes = sorted(conv)
    qpts = [(n, conv[n]["qckpt"]["wall_s"]) for n in sizes if conv[n]["qckpt"].get("ok")]
    mpts = [(n, conv[n]["qckpt"]["rss_mib"] * 1024) for n in sizes if conv[n]["qckpt"].get("ok")]
    tslope = {b: s for _, b, s in slopes(qpts)}
    mslope = {b: s for _, b, s in slopes(mpts)}
    for n in sizes:
        q, p = conv[n]["qckpt"], conv[n].get("qbraid-qir")
        sp = p["wall_s"] / q["wall_s"] if p and p.get("ok") and q.get("ok") else None
        mr = p["rss_mib"] / q["rss_mib"] if p and p.get("ok") and q.get("ok") else None
        cr = p["cpu_s"] / q["cpu_s"] if p and p.get("ok") and q.get("ok") else None
        lines.append(f"| {size_label(n)} | {fmt(q.get('wall_s', q.get('error')))}{cpu_note(q)} | {fmt(q.get('rss_mib'), 'MiB')} | "
                     f"{(fmt(p.get('wall_s', p.get('error'))) + cpu_note(p)) if p else 'not run'} | {fmt(p.get('rss_mib'), 'MiB') if p else '–'} | "
                     f"{f'{sp:.1f}×' if sp else '–'} | {f'{cr:.1f}×' if cr else '–'} | {f'1/{mr:.1f}' if mr else '–'} | "
                     f"{f'{tslope[n] * 1e6:.1f}' if n in tslope else '–'} | {f'{mslope[n]:.2f}' if n in mslope else '–'} |")

    def speed(n: int, key: str = "wall_s") -> float | None:
        q, p = conv.get(n, {}).get("qckpt"), conv.get(n, {}).get("qbraid-qir")
        return p[key] / q[key] if q and p and q.get("ok") and p.get("ok") else None

    def cpu(x: float | None) -> str:
        return f" (CPU {x:.1f}×)" if x else ""

    def mem(n: int) -> float | None:
        q, p = conv.get(n, {}).get("qckpt"), conv.get(n, {}).get("qbraid-qir")
        return p["rss_mib"] / q["rss_mib"] if q and p and q.get("ok") and p.get("ok") else None

    ts = [s for _, _, s in slopes(qpts)]
    ms = [s for _, _, s in slopes(mpts)]
    flat_t = max(ts) / min(ts) if len(ts) >= 2 and min(ts) > 0 else None
    tcs = [s for _, _, s in slopes([(n, conv[n]["qckpt"]["cpu_s"]) for n in sizes if conv[n]["qckpt"].get("ok")])]
    flat_cpu = max(tcs) / min(tcs) if len(tcs) >= 2 and min(tcs) > 0 else None
    flat_m = max(ms) / min(ms) if len(ms) >= 2 and min(ms) > 0 else None
    big = max(sizes)
    rss_big = conv[big]["qckpt"].get("rss_mib")
    s100, s10, m100 = speed(100_000), speed(10_000), mem(100_000)
    tq, tf = tele.get("qckpt", {}), tele.get("floor", {})
    gap = tq["wall_s"] - tf["wall_s"] if tq.get("ok") and tf.get("ok") else None
    lines += ["", "Verdicts on wall time, as a user waits; CPU figures in brackets.", "", "| measure | measured | target | |", "|---|---|---|---|",
              f"| end to end, 100k gates, qbraid-qir / qckpt | {f'{s100:.1f}×' if s100 else '–'}{cpu(speed(100_000, 'cpu_s'))} | ≥ {T_SPEED_100K:.0f}× | {verdict(None if s100 is None else s100 >= T_SPEED_100K)} |",
              f"| end to end, 10k gates, start-up included | {f'{s10:.1f}×' if s10 else '–'}{cpu(speed(10_000, 'cpu_s'))} | ≥ {T_SPEED_10K:.0f}× | {verdict(None if s10 is None else s10 >= T_SPEED_10K)} |",
              f"| `qckpt convert examples/teleport.qasm` (whole process) | {fmt(tq.get('wall_s'))}; floor {fmt(tf.get('wall_s'))}, gap {fmt(gap)} | ≤ {T_TELEPORT_S:.2f} s, gap ≤ {T_FLOOR_GAP_S:.2f} s | "
              f"{verdict(None if gap is None else tq['wall_s'] <= T_TELEPORT_S and gap <= T_FLOOR_GAP_S)} |",
              f"| time per gate, largest / smallest slope up to {size_label(big)} | {f'{flat_t:.2f}' if flat_t else '–'}{f' (CPU {flat_cpu:.2f})' if flat_cpu else ''} | ≤ {T_FLAT} | {verdict(None if flat_t is None else flat_t <= T_FLAT)} |",
              f"| peak memory at 100k gates, qckpt / qbraid-qir | {f'1/{m100:.1f}' if m100 else '–'} | ≤ 1/{T_MEM_RATIO:.0f} | {verdict(None if m100 is None else m100 >= T_MEM_RATIO)} |",
              f"| peak memory at {size_label(big)} gates; memory per gate, largest / smallest slope | {fmt(rss_big, 'MiB')}; {f'{flat_m:.2f}' if flat_m else '–'} | ≤ 1.5 GB; ≤ {T_FLAT} | "
              f"{verdict(None if rss_big is None or big < 1_000_000 else rss_big <= T_MEM_1M_MIB and (flat_m or 99) <= T_FLAT)} |"]
    if parse_rows:
        lines += ["", "Parse only (in one process each, imports and parser construction excluded):", "",
                  "| gates | qckpt parse | openqasm3.parse | qiskit.qasm3.loads |", "|---|---|---|---|"]
        for n, row in sorted(parse_rows.items()):
            lines.append(f"| {size_label(n)} | {fmt(row['qckpt-parse'])} | {fmt(row['openqasm3.parse'])} | {fmt(row['qiskit.qasm3.loads'])} |")
    if circuit_rows:
        lines += ["", "Qiskit-circuit path (circuit loaded first, not timed; the call, QIR text included):", "",
                  "| gates | qckpt `compile_circuit` | qbraid-qir `qiskit_to_qir` |", "|---|---|---|"]
        for n, row in sorted(circuit_rows.items()):
            lines.append(f"| {size_label(n)} | {fmt(row['compile_circuit'])} | {fmt(row['qiskit_to_qir'])} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="10000,100000,1000000", help="gate counts qckpt converts (default 10000,100000,1000000)")
    p.add_argument("--peer-sizes", default="10000,100000", help="gate counts qbraid-qir converts too (default 10000,100000)")
    p.add_argument("--repeat", type=int, default=3, help="runs per figure, best kept (default 3)")
    p.add_argument("--big-repeat", type=int, default=1, help="runs at 10^6 gates and above (default 1)")
    p.add_argument("--timeout", type=float, default=900.0)
    p.add_argument("--no-side", action="store_true", help="skip parse-only and Qiskit-circuit figures")
    p.add_argument("--quick", action="store_true",
                   help="every target in about 5 minutes on a quiet machine: one run per figure (teleport still 5), parse-only and Qiskit-circuit figures at the smallest peer size only")
    p.add_argument("--out", type=Path, help="markdown file whose convert_end_to_end section is rewritten")
    p.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        worker(*args.worker)
        return 0
    sizes = sorted(int(s) for s in args.sizes.split(","))
    peers = {int(s) for s in args.peer_sizes.split(",") if s}
    if peers and importlib.util.find_spec("qbraid_qir") is None:
        # Without it every peer cell of the table would be an import error, and --out would publish that.
        print("error: the peer, qbraid-qir, is not installed: `make bench` (or pip install -e '.[bench]'), or pass --peer-sizes ''",
              file=sys.stderr)
        return 2
    if args.quick:
        args.repeat = 1
    side_sizes = set() if args.no_side else ({min(peers)} if args.quick and peers else peers)
    load_start = loadavg()
    conv: dict[int, dict] = {}
    parse_rows: dict[int, dict] = {}
    circuit_rows: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="qckpt-e2e-") as tmp:
        d = Path(tmp)
        log("start-up: teleport against the import floor")
        tele = side_by_side({"floor": [PY, "-c", FLOOR], "qckpt": [QCKPT, "convert", str(ROOT / "examples/teleport.qasm"), "-o", str(d / "t.ll")]},
                            max(args.repeat, 5), args.timeout)
        for n in sizes:
            src = d / f"random-{size_label(n)}.qasm"
            src.write_text(random_dynamic_circuit(n).source)
            cmds = {"qckpt": [QCKPT, "convert", str(src), "-o", str(d / "q.ll")]}
            if n in peers:
                cmds["qbraid-qir"] = [PY, "-c", QBRAID, str(src), str(d / "b.ll")]
            log(f"{size_label(n)} gates")
            conv[n] = side_by_side(cmds, args.big_repeat if n >= 1_000_000 else args.repeat, args.timeout)
            if n in side_sizes:
                parse_rows[n] = {k: in_process(k, src, args.timeout) for k in ("qckpt-parse", "openqasm3.parse", "qiskit.qasm3.loads")}
                circuit_rows[n] = {k: in_process(k, src, args.timeout) for k in ("compile_circuit", "qiskit_to_qir")}
                log(f"  parse only {parse_rows[n]}; circuits {circuit_rows[n]}")
    meta = {"command": quoted_command(__file__, argv if argv is not None else sys.argv[1:]), "date": utc_now(),
            "source": source_state(), "machine": ", ".join(f"{k} {v}" for k, v in machine_info().items()),
            "versions": ", ".join(f"{k} {v}" for k, v in package_versions(("qckpt", "xdsl", "pyqir", "lark", "qbraid-qir", "openqasm3", "qiskit")).items()),
            "load": f"{load_start} at the start, {loadavg()} at the end", "repeat": args.repeat, "big_repeat": args.big_repeat}
    body = render(meta, conv, tele, parse_rows, circuit_rows)
    print(body)
    if args.out:
        SECTION.write_body(args.out, body)
        log(f"wrote the convert_end_to_end section of {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
