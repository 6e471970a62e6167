"""Fuzzing of the native OpenQASM 3 frontend at scale: grammar mutations and extreme inputs.

The same mutations, extreme-input generators and property as
``tests/frontend_native/test_fuzz.py`` and ``test_robustness.py`` (shared in
``tests/frontend_native/qasm_fuzz.py``), driven by a seeded
``random.Random`` instead of hypothesis so that every case runs and is
counted: a failure does not stop the run. Half the cases are mutants of the
corpus, half come from the extreme generators (extreme literals, deep
nesting, huge ranges and registers, exponential gate and subroutine chains,
invalid UTF-8, a byte-order mark, CRLF line ends), compiled with an
operation budget of ``qasm_fuzz.FUZZ_MAX_OPS``.

A case fails if it raises anything but a located ``QckptError`` (the command
line's exit 70), takes longer than ``--case-seconds`` (an alarm stops it) or
pushes the process's peak RSS past ``--max-rss-mib``. Prints a summary, the
first failures in full, and with ``--out`` rewrites its section of
``docs/benchmarks.md``.

    .venv/bin/python benchmarks/fuzz_frontend.py --cases 10000 --seed 1 --out docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import signal
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT / "tests" / "frontend_native", ROOT / "tests" / "differential", ROOT / "benchmarks"):
    sys.path.insert(0, str(p))

import qasm_fuzz  # noqa: E402
from benchlib.report import Section, quoted_command, run_line, source_state  # noqa: E402

SECTION = Section("fuzz_frontend")


class CaseTimeout(Exception):
    pass


def _alarm(signum, frame):  # noqa: ANN001 - signal handler signature
    raise CaseTimeout()


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _run_slice(job: tuple[int, int, int, float, float, int]) -> tuple[list[tuple[str, str, float]], list[tuple[str, str, bytes]], float]:
    """Cases ``first, first + step, ...`` below ``cases``, in one worker process.
    Case i draws from its own ``random.Random(f"{seed}:{i}")``, so the cases
    are the same whatever the number of workers."""
    first, step, cases, case_seconds, max_rss_mib, seed = job
    cap = int(2 * max_rss_mib * 2**20)  # a runaway case fails here instead of taking the machine
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    signal.signal(signal.SIGALRM, _alarm)
    seeds = qasm_fuzz.seed_programs()
    results: list[tuple[str, str, float]] = []
    failures: list[tuple[str, str, bytes]] = []
    for i in range(first, cases, step):
        rng = random.Random(f"{seed}:{i}")
        if i % 2 == 0:
            kind, data = "mutant", qasm_fuzz.mutate(seeds, rng.randrange).encode()
        else:
            kind, data = qasm_fuzz.extreme(seeds, rng.randrange)
        start = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, case_seconds)
        try:
            outcome = qasm_fuzz.check_bytes(data)
        except CaseTimeout:
            outcome = qasm_fuzz.Outcome("failure", f"over the time budget of {case_seconds:.0f} s")
        except MemoryError:
            outcome = qasm_fuzz.Outcome("failure", "MemoryError")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        took = time.perf_counter() - start
        if "CaseTimeout" in outcome.detail:  # the alarm went off inside check's own except clause
            outcome = qasm_fuzz.Outcome("failure", f"over the time budget of {case_seconds:.0f} s")
        if outcome.kind != "failure" and _peak_mib() > max_rss_mib:
            outcome = qasm_fuzz.Outcome("failure", f"peak RSS {_peak_mib():.0f} MiB past {max_rss_mib:.0f} MiB")
        results.append((kind, outcome.kind, took))
        if outcome.kind == "failure":
            failures.append((kind, outcome.detail, data))
        done = len(results)
        if first == 0 and done % 100 == 0:
            print(f"worker 0: {done} cases, {len(failures)} failures", file=sys.stderr, flush=True)
    return results, failures, _peak_mib()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (the cases do not depend on it)")
    ap.add_argument("--case-seconds", type=float, default=30.0, help="time budget of one case")
    ap.add_argument("--max-rss-mib", type=float, default=2048.0, help="peak-RSS budget of each worker")
    ap.add_argument("--show", type=int, default=5, help="failures to print in full")
    ap.add_argument("--out", type=Path, help="rewrite this script's section of this Markdown file")
    args = ap.parse_args(argv)

    counts: Counter[tuple[str, str]] = Counter()
    slowest: dict[str, float] = {}
    failures: list[tuple[str, str, bytes]] = []
    peak = 0.0
    jobs = [(w, args.jobs, args.cases, args.case_seconds, args.max_rss_mib, args.seed) for w in range(args.jobs)]
    t0 = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        for results, fails, worker_peak in pool.imap_unordered(_run_slice, jobs):
            for kind, outcome, took in results:
                counts[(kind, outcome)] += 1
                slowest[kind] = max(slowest.get(kind, 0.0), took)
            failures.extend(fails)
            peak = max(peak, worker_peak)
    elapsed = time.perf_counter() - t0

    kinds = ["mutant", *qasm_fuzz.EXTREME_KINDS]
    rows = []
    for k in kinds:
        c, loc, f = counts[(k, "compiled")], counts[(k, "located")], counts[(k, "failure")]
        rows.append(f"| {k} | {c + loc + f} | {c} | {loc} | {f} | {slowest.get(k, 0.0):.2f} |")
    total = {o: sum(v for (k, oo), v in counts.items() if oo == o) for o in ("compiled", "located", "failure")}
    table = "\n".join(["| generator | cases | compiled | located errors | failures | slowest case (s) |",
                       "|---|---:|---:|---:|---:|---:|", *rows,
                       f"| **all** | {args.cases} | {total['compiled']} | {total['located']} | {total['failure']} | "
                       f"{max(slowest.values(), default=0.0):.2f} |"])
    summary = (f"{args.cases} cases in {elapsed:.0f} s wall clock on {args.jobs} worker(s); "
               f"peak RSS of a worker {peak:.0f} MiB (budget {args.max_rss_mib:.0f}); "
               f"time budget per case {args.case_seconds:.0f} s; {total['failure']} failures "
               "(internal errors, unlocated errors, cases over the time or memory budget)")
    print(table)
    print(summary)
    for kind, detail, data in failures[: args.show]:  # noqa: B007
        print(f"\n--- failure ({kind}):", detail)
        print(data[:3000].decode("utf-8", "replace"))
    if args.out:
        body = "\n".join([
            "## Frontend fuzz: mutants and extreme inputs",
            "",
            "Written by `benchmarks/fuzz_frontend.py`; rerun it instead of editing this section (see `benchmarks/README.md`).",
            "",
            f"- Command: `{quoted_command(__file__, sys.argv[1:] if argv is None else argv)}`",
            run_line(),
            f"- Source: {source_state()}",
            f"- Method: half the cases mutate the corpus programs (tokens and characters), half come from the extreme "
            f"generators; each compiles in-process (`compile_qasm`, operation budget {qasm_fuzz.FUZZ_MAX_OPS:,}). "
            "A failure is any exception but a `QckptError` located inside the input (the command line's exit 70), an "
            "error without a location, a case over the time budget, or a peak RSS over the memory budget.",
            f"- Result: {summary}",
            "",
            table,
        ])
        SECTION.write_body(args.out, body)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
