"""The command-line fuzz at full size: 10,000 generated command lines over
every subcommand (paths that are directories, unwritable, /dev/full, below a
regular file, devices; NaN, inf, negative, zero and huge numbers; malformed
K=V lists). Prints the outcome counts and every failing case; exits 1 if any
case is an internal error (exit 70), shows a traceback, fails in more than
one line, or takes longer than the budget. The generator is
tests/unit/cli_fuzz.py; the suite runs a bounded sample of it.

    .venv/bin/python benchmarks/fuzz_cli.py [--cases 10000] [--seed 0] [--budget 30]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "unit"))

from cli_fuzz import fuzz  # noqa: E402


def _progress(outs) -> None:
    bad = sum(1 for o in outs if o.problem)
    print(f"  {len(outs)} cases, {bad} failing", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--budget", type=float, default=30.0, help="seconds a case may take")
    a = ap.parse_args()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="qckpt-fuzz-cli-") as d:
        outs = fuzz(Path(d), a.cases, a.seed, a.budget, progress=_progress)
    took = time.perf_counter() - t0
    bad = [o for o in outs if o.problem]
    codes = Counter(o.code for o in outs)
    commands = Counter(o.argv[0] + ("-store" if "--store" in o.argv else "") for o in outs)
    print(f"{len(outs)} cases in {took:.0f} s (seed {a.seed}); exit codes {dict(sorted(codes.items()))}")
    print("by command: " + ", ".join(f"{k} {n}" for k, n in sorted(commands.items())))
    print(f"slowest case: {max(o.seconds for o in outs):.2f} s")
    print(f"failing cases: {len(bad)} ({dict(Counter(o.problem for o in bad))})")
    for o in bad[:50]:
        print(f"  {o.problem}: qckpt {' '.join(o.argv)}\n    {o.stderr.strip()[-300:]!r}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
