#!/usr/bin/env python3
"""Where the memory of one conversion goes: resident set size after each
stage of ``qckpt convert``, in one process, on a random dynamic circuit of
``convert_throughput.py``.

Why: the end-to-end benchmark (``convert_end_to_end.py``) reports one peak
per process; this says which stage holds what at that peak (the xDSL IR,
pyqir's LLVM module, the QIR text), which is what a memory target needs.
The stages are the ones ``qckpt convert`` runs, with the collector paused as
it pauses it; RSS is read from ``/proc/self/status`` (current) and
``ru_maxrss`` (peak so far).

Usage (from the repository root, with the project's venv):

    .venv/bin/python benchmarks/convert_memory_stages.py --gates 100000
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib.circuits import random_dynamic_circuit  # noqa: E402


def rss_mib() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--gates", type=int, default=100_000, help="gates in the random dynamic circuit (default 100000)")
    args = p.parse_args(argv)
    source = random_dynamic_circuit(args.gates).source
    t = time.perf_counter()
    from qckpt import pipeline
    from qckpt.frontend.qasm.parser import parser
    from qckpt.qir.emit import emit_qir

    parser()
    rows = [("imports and parser", time.perf_counter() - t)]
    print(f"{'stage':<28} {'s':>7} {'RSS MiB':>8} {'peak MiB':>9}")

    def report(stage: str, seconds: float) -> None:
        print(f"{stage:<28} {seconds:7.2f} {rss_mib():8.0f} {peak_mib():9.0f}")

    report(*rows[0])
    gc.disable()  # as qckpt convert runs (cmd_convert: pipeline.gc_paused)
    t = time.perf_counter()
    module = pipeline.qasm_to_module(source, f"random-{args.gates}.qasm")
    report("parse + lowering (xDSL IR)", time.perf_counter() - t)
    t = time.perf_counter()
    pipeline.lower_to_target(module)
    report("lower_to_target", time.perf_counter() - t)
    t = time.perf_counter()
    qir = emit_qir(module, "adaptive")
    report("emit_qir (LLVM module)", time.perf_counter() - t)
    t = time.perf_counter()
    text = str(qir)
    report(f"str ({len(text) / 2**20:.0f} MiB of text)", time.perf_counter() - t)
    return 0


if __name__ == "__main__":
    sys.exit(main())
