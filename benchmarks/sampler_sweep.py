"""A parameter sweep through qckpt's SamplerV2: against Aer's SamplerV2 on
the same pubs, checkpointed against not, and compile-once-and-bind against
compiling every parameter set.

    .venv/bin/python benchmarks/sampler_sweep.py [--values 16] [--shots 1000] [--out docs/benchmarks.md]

The circuit is a layered ansatz with a mid-circuit measurement and an
``if_test`` per layer (so Aer runs it shot by shot too, as qir-runner does).
Each variant runs in this process, one after another, best of --repeat.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchlib.report import Section, command_line, run_line  # noqa: E402

from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister  # noqa: E402
from qiskit.circuit import ParameterVector  # noqa: E402
from qiskit_aer.primitives import SamplerV2 as AerSampler  # noqa: E402

from qckpt.pipeline import module_to_bitcode, prepare_circuit  # noqa: E402
from qckpt.primitives import SamplerV2  # noqa: E402
from qckpt.primitives.execution import CircuitRunner  # noqa: E402
from qckpt.primitives.options import RunOptions  # noqa: E402

SECTION = Section("sampler_sweep")


def ansatz(qubits: int, layers: int) -> QuantumCircuit:
    theta = ParameterVector("theta", qubits * layers)
    q = QuantumRegister(qubits, "q")
    mid, meas = ClassicalRegister(layers, "mid"), ClassicalRegister(qubits, "meas")
    qc = QuantumCircuit(q, mid, meas)
    for layer in range(layers):
        for i in range(qubits):
            qc.ry(theta[layer * qubits + i], i)
        for i in range(qubits - 1):
            qc.cx(i, i + 1)
        qc.measure(qubits - 1, mid[layer])
        with qc.if_test((mid[layer], 1)):
            qc.x(qubits - 1)
    qc.measure(range(qubits), meas)
    return qc


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--values", type=int, default=16, help="parameter sets in the sweep")
    ap.add_argument("--shots", type=int, default=1000)
    ap.add_argument("--qubits", type=int, default=4)
    ap.add_argument("--layers", type=int, default=24)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--out", type=Path, help="rewrite this file's sampler_sweep section")
    ap.add_argument("--figures", type=Path, help="draw the section's figures (PNG) into this directory (docs/figures)")
    args = ap.parse_args()
    qc = ansatz(args.qubits, args.layers)
    values = np.random.default_rng(1).uniform(0, np.pi, size=(args.values, qc.num_parameters))
    pubs = [(qc, values)]

    def qckpt_plain() -> None:
        SamplerV2(seed=1).run(pubs, shots=args.shots).result()

    def qckpt_store() -> None:
        with tempfile.TemporaryDirectory() as d:
            SamplerV2(seed=1, store=d).run(pubs, shots=args.shots).result()

    def aer() -> None:
        AerSampler(seed=1).run(pubs, shots=args.shots).result()

    params = list(qc.parameters)

    def bind_each() -> None:
        runner = CircuitRunner(RunOptions(seed=1))
        for row in values:
            runner.program(qc, dict(zip(params, row)))

    def compile_each() -> None:
        for row in values:
            module_to_bitcode(prepare_circuit(qc.assign_parameters(dict(zip(params, row))))[0])

    t = {name: best(fn, args.repeat) for name, fn in [("aer", aer), ("plain", qckpt_plain), ("store", qckpt_store), ("bind", bind_each), ("compile", compile_each)]}
    gates = sum(qc.count_ops().values())
    n = args.values
    body = "\n".join(
        [
            "## Qiskit sampler: a parameter sweep (`benchmarks/sampler_sweep.py`)",
            "",
            f"{n} parameter sets of a {args.qubits}-qubit, {args.layers}-layer ansatz ({qc.num_parameters} parameters, "
            f"{gates} instructions, a mid-circuit measurement and an `if_test` per layer), {args.shots} shots each; "
            f"best of {args.repeat}, one process.",
            "",
            "| what | seconds | ratio |",
            "|---|---:|---:|",
            f"| Aer `SamplerV2` (peer) | {t['aer']:.2f} | 1.00 |",
            f"| qckpt `SamplerV2`, no store | {t['plain']:.2f} | {t['plain'] / t['aer']:.2f}x Aer |",
            f"| qckpt `SamplerV2`, `store=` (checkpointed, reproducible) | {t['store']:.2f} | {t['store'] / t['plain']:.2f}x no store |",
            f"| compile once, bind {n} times | {t['bind']:.3f} | 1.00 |",
            f"| compile each of the {n} bound circuits | {t['compile']:.3f} | {t['compile'] / t['bind']:.1f}x binding |",
            "",
            run_line(),
            f"- Command: `{command_line()}`",
        ]
    )
    print(body)
    if args.out:
        SECTION.write_body(args.out, body)
    if args.figures:
        from benchlib import figures

        for f in figures.save_all(args.figures, figures.sampler_sweep(t, n)):
            print(f"wrote {f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
