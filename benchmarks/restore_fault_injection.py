"""Restoration by fault injection over the whole differential corpus: every
program, under the exact, every and interval policies, at every restorable
boundary: kill the shots that visit it, resume them, and compare with an
uninterrupted run (``qckpt.runtime.restore.resume_check``).

    .venv/bin/python benchmarks/restore_fault_injection.py [--shots 2000] [--out docs/benchmarks.md]

The false-alarm probability is 1e-6 over the whole run (split evenly over
the comparisons). CI runs a fixed sample of this (tests/restore/test_fault_injection_sample.py);
`make test-full` runs this script.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests" / "differential"))

from benchlib.report import Section, command_line, utc_now  # noqa: E402
from corpus import PROGRAMS  # noqa: E402
from qasm_corpus import QASM_PROGRAMS  # noqa: E402

from qckpt.pipeline import circuit_to_module, qasm_to_module  # noqa: E402
from qckpt.runtime.restore.resume_check import check_module  # noqa: E402

SECTION = Section("restore_fault_injection")
BEGIN, END = SECTION.begin, SECTION.end
POLICIES = (("exact", {}), ("every", {"every": 1}), ("interval", {"mtbf": 1e-7}))
SUITE_DELTA = 1e-6
ESTIMATED_COMPARISONS = 2000


def programs():
    for p in PROGRAMS:
        yield p.name, lambda p=p: circuit_to_module(p.build())
    for q in QASM_PROGRAMS:
        yield q.name, lambda q=q: qasm_to_module(q.source, f"{q.name}.qasm")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shots", type=int, default=2000)
    ap.add_argument("--only", help="comma-separated program names")
    ap.add_argument("--out", type=Path, help="rewrite this file's restore_fault_injection section")
    args = ap.parse_args()
    only = set(args.only.split(",")) if args.only else None
    delta = SUITE_DELTA / ESTIMATED_COMPARISONS
    results, skipped, nothing = [], [], []
    t0 = time.perf_counter()
    for name, build in programs():
        if only and name not in only:
            continue
        for policy, kw in POLICIES:
            try:
                checks = check_module(name, build(), policy, args.shots, 11, delta, **kw)
            except Exception as e:  # a program this policy or emission cannot handle: report, go on
                skipped.append((name, policy, f"{type(e).__name__}: {e}".splitlines()[0][:160]))
                continue
            if not checks:
                nothing.append(f"{name}/{policy}")
            results += checks
            bad = [c for c in checks if not c.ok]
            print(f"[{name} / {policy}] {len(checks)} boundaries, {len(bad)} failed", file=sys.stderr)
    elapsed = time.perf_counter() - t0
    failed = [c for c in results if not c.ok]
    classes = Counter((c.kind, "exact" if c.exact else "replay") for c in results)
    lines = [BEGIN, "## Restoration by fault injection (whole corpus)", ""]
    lines.append(f"- Command: `{command_line()}`")
    lines.append(f"- Date: {utc_now()}; {elapsed:.0f} s; {args.shots} shots per run; δ = {delta:.1e} per comparison")
    lines.append(f"- {len({c.program for c in results})} programs, {len(results)} (program, policy, boundary) checks: **{len(results) - len(failed)} passed, {len(failed)} failed**.")
    lines.append("- By boundary class: " + ", ".join(f"{k} {e}: {n}" for (k, e), n in sorted(classes.items())))
    if nothing:
        lines.append(f"- No restorable boundary ({len(nothing)} program/policy pairs: every boundary the policy placed has quantum state carried by a loop, or control flow in its cone, or the policy placed none): " + ", ".join(nothing))
    if skipped:
        lines.append(f"- Not checked ({len(skipped)} program/policy pairs): " + "; ".join(f"{n}/{p}: {why}" for n, p, why in skipped[:12]) + (" ..." if len(skipped) > 12 else ""))
    for c in failed[:20]:
        lines.append(f"  - FAILED {c.program} / {c.policy} / boundary {c.boundary} ({c.kind}): TVD {c.tvd:.4f} > {c.bound:.4f}")
    lines.append(END)
    section = "\n".join(lines)
    print(section)
    if args.out:
        SECTION.write(args.out, section)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
