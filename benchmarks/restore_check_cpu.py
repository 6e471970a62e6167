"""CPU time of the fault-injection check of one program (every restorable
boundary, ``qckpt.runtime.restore.resume_check``) under two source trees,
interleaved (A, B, A, B, ...): the check runs the runtime's output path
(qir-runner's output parsed, each shot's checkpoint records read, resumed
shots stitched) for every shot. CPU seconds of the process and of its
qir-runner children, not wall time: on a loaded machine the wall clock
mostly measures the wait for a core.

    .venv/bin/python benchmarks/restore_check_cpu.py --before /path/to/old/tree --after . [--shots 2000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

CHILD = r'''
import resource, sys, time
sys.path[:0] = ["benchmarks", "tests/differential", "tests/restore"]
from qckpt.pipeline import qasm_to_module
from qckpt.runtime.restore.resume_check import check_program
from restore_programs import repetition_code
mod = qasm_to_module(repetition_code(), "rep.qasm")
def cpu():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime, c.ru_utime + c.ru_stime
t = time.perf_counter(); p0, c0 = cpu()
res = check_program("rep", mod, "every", int(sys.argv[1]), 11, 5e-10, every=1)
p1, c1 = cpu()
print(p1 - p0, c1 - c0, time.perf_counter() - t, len(res.checks), all(c.ok for c in res.checks))
'''


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", required=True, help="source tree measured first in each pair")
    ap.add_argument("--after", required=True, help="source tree measured second in each pair")
    ap.add_argument("--shots", default="2000")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    trees = {"before": os.path.abspath(args.before), "after": os.path.abspath(args.after)}
    per: dict[str, list[float]] = {k: [] for k in trees}
    for r in range(args.repeats):
        for label, tree in trees.items():
            env = dict(os.environ, PYTHONPATH=tree)
            out = subprocess.run([sys.executable, "-c", CHILD, args.shots], cwd=tree, env=env, capture_output=True, text=True, check=True).stdout.split()
            py, kids, wall, n = float(out[0]), float(out[1]), float(out[2]), int(out[3])
            per[label].append((py + kids) / n)
            print(f"repeat {r} {label}: python {py:.1f} + qir-runner {kids:.1f} CPU s over {n} boundaries = {(py + kids) / n:.2f} CPU s a boundary "
                  f"(python {py / n:.2f}); wall {wall:.0f} s; all passed: {out[4]}; load {os.getloadavg()[0]:.1f}", flush=True)
    b, a = per["before"], per["after"]
    ratios = [x / y for x, y in zip(b, a)]
    print(f"restore_repetition_code / every, {args.shots} shots: CPU s a boundary, before median {statistics.median(b):.2f}, after {statistics.median(a):.2f}; "
          f"before/after median {statistics.median(ratios):.2f}x (range {min(ratios):.2f}-{max(ratios):.2f}); load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
