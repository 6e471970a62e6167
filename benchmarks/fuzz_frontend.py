"""Grammar-mutation fuzzing of the native OpenQASM 3 frontend at scale.

The same mutations and the same property as ``tests/frontend_native/
test_fuzz.py`` (shared in ``tests/frontend_native/qasm_fuzz.py``), driven by a
seeded ``random.Random`` instead of hypothesis so that every case runs and is
counted: a failure does not stop the run. Prints a summary (cases, compiled,
located errors, failures, time) and the first failures in full.

    .venv/bin/python benchmarks/fuzz_frontend.py --cases 10000 --seed 1
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT / "tests" / "frontend_native", ROOT / "tests" / "differential"):
    sys.path.insert(0, str(p))

import qasm_fuzz  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=5, help="failures to print in full")
    args = ap.parse_args(argv)

    seeds = qasm_fuzz.seed_programs()
    rng = random.Random(args.seed)
    counts: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    t0 = time.perf_counter()
    for _ in range(args.cases):
        text = qasm_fuzz.mutate(seeds, rng.randrange)
        outcome = qasm_fuzz.check(text)
        counts[outcome.kind] += 1
        if outcome.kind == "failure":
            failures.append((text, outcome.detail))
    elapsed = time.perf_counter() - t0

    print(f"seed programs   {len(seeds)}")
    print(f"cases           {args.cases}")
    print(f"compiled        {counts['compiled']}")
    print(f"located errors  {counts['located']}")
    print(f"failures        {counts['failure']}")
    print(f"time            {elapsed:.1f} s ({1000 * elapsed / max(args.cases, 1):.2f} ms per case)")
    for text, detail in failures[: args.show]:
        print("\n--- failure:", detail)
        print(text)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
