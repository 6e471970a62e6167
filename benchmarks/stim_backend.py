#!/usr/bin/env python3
"""The stim backend against qir-runner on the same Clifford dynamic programs.

Program: ``rounds`` rounds on n qubits, each a layer of H, a CX chain, S on
the even qubits, two mid-circuit measurements with resets, and an X on a
third qubit controlled by the parity of the two (feed-forward); every
qubit is measured at the end. The state is dense (every qubit entangled
with every other), so qir-runner's state vector pays its full 2^n, and the
program is Clifford, so stim runs it.

Measured in one run, in this process, on the same OpenQASM 3 text:

- shots per second: qir-runner (``run_qir`` on the compiled QIR, a
  subprocess, as ``qckpt run`` does) against stim (``qckpt.stim.sampling``:
  sampling plus histogram keys, as ``qckpt run --backend stim`` does; and
  sampling plus the record text the runtime's stim worker prints) at 10, 16
  and 20 qubits, and stim alone at 50, 200 and 1000;
- time to lower the IR to stim against time to compile the same IR to QIR
  (both from the parsed module; the parse is the same for both and left out).

Usage (from the repository root, with the project's venv):

    .venv/bin/python benchmarks/stim_backend.py --out docs/benchmarks.md
    .venv/bin/python benchmarks/stim_backend.py --quick     # smaller shot counts, no file written
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib.report import Section, run_line  # noqa: E402

from qckpt.pipeline import module_to_qir, module_to_stim, qasm_to_module  # noqa: E402
from qckpt.runtime.qir_runner import run_qir  # noqa: E402
from qckpt.stim.sampling import counts, sample, shot_records  # noqa: E402

ROUNDS = 4
SECTION = Section("stim_backend")
COMMAND = ".venv/bin/python benchmarks/stim_backend.py --out docs/benchmarks.md"


def clifford_rounds(n: int, rounds: int = ROUNDS) -> str:
    body = [f"  h q[{i}];" for i in range(n)]
    body += [f"  cx q[{i}], q[{i + 1}];" for i in range(n - 1)]
    body += [f"  s q[{i}];" for i in range(0, n, 2)]
    body += ["  m[0] = measure q[0]; reset q[0];", "  m[1] = measure q[1]; reset q[1];", "  if (m[0] ^ m[1]) x q[2];"]
    return (
        'OPENQASM 3.0;\ninclude "stdgates.inc";\n'
        f"qubit[{n}] q;\nbit[2] m;\nbit[{n}] c;\n"
        f"for int r in [0:{rounds - 1}] {{\n" + "\n".join(body) + "\n}\nc = measure q;\n"
    )


def best_of(fn, repeat: int = 3, prepare=lambda: None) -> float:
    """Best wall time of ``fn(prepare())``; ``prepare`` is not timed."""
    best = float("inf")
    for _ in range(repeat):
        arg = prepare()
        t0 = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - t0)
    return best


def measure(n: int, qir_shots: int | None, stim_shots: int) -> dict:
    src = clifford_rounds(n)
    parse = lambda: qasm_to_module(src, "b.qasm")  # noqa: E731
    row: dict = {"n": n, "stim_shots": stim_shots}
    row["lower_s"] = best_of(module_to_stim, 5, prepare=parse)
    row["qir_s"] = best_of(module_to_qir, 5, prepare=parse)  # it lowers the module in place: a fresh parse each time
    program = module_to_stim(parse())
    row["stim_hist"] = stim_shots / best_of(lambda _: counts(program, stim_shots, 1))
    row["stim_records"] = stim_shots / best_of(lambda _: sum(1 for _ in shot_records(program, sample(program, stim_shots, 1))), 1)
    if qir_shots:
        with tempfile.NamedTemporaryFile("w", suffix=".ll", delete=False) as f:
            f.write(module_to_qir(parse()))
        try:
            row["qir_runner"] = qir_shots / best_of(lambda _: run_qir(f.name, shots=qir_shots, seed=1), 1)
        finally:
            os.unlink(f.name)
        row["qir_shots"] = qir_shots
    return row


def render(rows: list[dict]) -> str:
    lines = [
        SECTION.begin,
        "## stim backend against qir-runner (`benchmarks/stim_backend.py`)",
        "",
        f"Clifford dynamic program: {ROUNDS} rounds of H on every qubit, a CX chain, S on even qubits, two mid-circuit "
        "measurements with reset and a parity-controlled X, then every qubit measured (a dense state: qir-runner pays 2^n). "
        "Shots per second of qir-runner (`run_qir`, a subprocess) and of stim in the same run: *histogram* is "
        "`qckpt run --backend stim` (sampling and keys), *records* is what the runtime's stim worker does "
        "(sampling and the qir-runner-format record text of every shot). Lowering and QIR compilation are timed "
        "from the parsed module (best of 5). qir-runner runs few shots at 16 and 20 qubits: its time per shot does not depend on the shot count.",
        "",
        "| qubits | qir-runner shots/s | stim shots/s (histogram) | stim shots/s (records) | histogram speed-up | lower to stim (ms) | compile to QIR (ms) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        q = r.get("qir_runner")
        qir_rate = (f"{q:,.0f}" if q >= 10 else f"{q:.2g}") + f" ({r['qir_shots']} shots)" if q else "—"
        speedup = f"{r['stim_hist'] / q:,.0f}×" if q else "—"
        lines.append(
            f"| {r['n']} | {qir_rate} | {r['stim_hist']:,.0f} | {r['stim_records']:,.0f} | {speedup} | {1000 * r['lower_s']:.1f} | {1000 * r['qir_s']:.1f} |"
        )
    lines += [
        "",
        "qir-runner is not run past 20 qubits (its state vector doubles per qubit). A shared machine: the millisecond "
        "lowering and compilation times move with the load.",
        "",
        run_line(),
        "",
        "Reproduce with:",
        "",
        "```sh",
        COMMAND,
        "```",
        SECTION.end,
    ]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", help="rewrite this file's stim_backend section (docs/benchmarks.md)")
    ap.add_argument("--quick", action="store_true", help="small shot counts, for a smoke run")
    ap.add_argument("--figures", type=Path, help="draw the section's figures (PNG) into this directory (docs/figures)")
    args = ap.parse_args()
    scale = 10 if args.quick else 1
    plan = [(10, 500 // scale, 100_000 // scale), (16, 20 // min(scale, 4), 100_000 // scale), (20, 4 // min(scale, 4), 100_000 // scale)]
    plan += [(50, None, 100_000 // scale), (200, None, 20_000 // scale), (1000, None, 5_000 // scale)]
    rows = []
    for n, qs, ss in plan:
        row = measure(n, qs, ss)
        print(row, flush=True)
        rows.append(row)
    text = render(rows)
    print(text)
    if args.out:
        SECTION.write(Path(args.out), text)
    if args.figures:
        from benchlib import figures

        for f in figures.save_all(args.figures, figures.stim_backend(rows)):
            print(f"wrote {f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
