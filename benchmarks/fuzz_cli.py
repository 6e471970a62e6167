"""The command-line fuzz at full size: 10,000 generated command lines over
every subcommand (paths that are directories, unwritable, /dev/full, below a
regular file, devices; NaN, inf, negative, zero and huge numbers; malformed
K=V lists). Prints the outcome counts and every failing case; exits 1 if any
case is an internal error (exit 70), shows a traceback, fails in more than
one line, or outlives the per-case budget (a hang: its worker is killed and
the run goes on). The generator is tests/unit/cli_fuzz.py; the suite runs a
bounded sample of it.

Each outcome is appended to --results (JSON lines) as it comes, so a run
that is stopped resumes where it was when started again with the same
arguments (cases are numbered; the stream of a seed is always the same).

    .venv/bin/python benchmarks/fuzz_cli.py [--cases 10000] [--seed 0] [--budget 30] [--results build/fuzz-cli.jsonl]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "unit"))

from cli_fuzz import Outcome, command_lines, make_fixture, release, run_cases  # noqa: E402


def _load(results: Path, seed: int, cases: int) -> dict[int, Outcome]:
    """Outcomes of an earlier run of the same seed and size, by case number."""
    done: dict[int, Outcome] = {}
    if not results.exists():
        return done
    for line in results.read_text().splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line torn when the run was stopped
        if row.get("seed") == seed and row.get("cases") == cases:
            done[row["k"]] = Outcome(row["argv"], row["code"], row["stderr"], row["seconds"], row["problem"])
    return done


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--budget", type=float, default=30.0, help="seconds a case may take before it counts as a hang")
    ap.add_argument("--results", type=Path, default=ROOT / "build" / "fuzz-cli.jsonl", help="outcomes, one JSON line per case; an existing file is resumed")
    a = ap.parse_args()
    a.results.parent.mkdir(parents=True, exist_ok=True)
    done = _load(a.results, a.seed, a.cases)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="qckpt-fuzz-cli-") as d:
        f = make_fixture(Path(d))
        todo = [(k, argv) for k, argv in enumerate(command_lines(f, a.cases, a.seed)) if k not in done]
        print(f"{len(done)} cases done before, {len(todo)} to run", flush=True)
        try:
            with a.results.open("a") as out:
                for n, (k, o) in enumerate(run_cases(Path(d), todo, a.budget), 1):
                    done[k] = o
                    out.write(json.dumps({"seed": a.seed, "cases": a.cases, "k": k, **dataclasses.asdict(o)}) + "\n")
                    out.flush()
                    if n % 500 == 0:
                        print(f"  {len(done)} cases, {sum(1 for x in done.values() if x.problem)} failing, {time.perf_counter() - t0:.0f} s", flush=True)
        finally:
            release(f)
    took = time.perf_counter() - t0
    outs = [done[k] for k in sorted(done)]
    bad = [o for o in outs if o.problem]
    codes = Counter(o.code for o in outs)
    commands = Counter(o.argv[0] + ("-store" if "--store" in o.argv else "") for o in outs)
    print(f"{len(outs)} cases (seed {a.seed}; {took:.0f} s in this session); exit codes {dict(sorted(codes.items()))}")
    print("by command: " + ", ".join(f"{k} {n}" for k, n in sorted(commands.items())))
    print(f"slowest case: {max(o.seconds for o in outs):.2f} s")
    print(f"failing cases: {len(bad)} ({dict(Counter(o.problem for o in bad))})")
    for o in bad[:50]:
        print(f"  {o.problem}: qckpt {' '.join(o.argv)}\n    {o.stderr.strip()[-300:]!r}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
