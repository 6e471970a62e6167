"""Restoration by fault injection over the differential corpus and
restoration's own programs (a rare-syndrome repetition code, loops that
reset their target at each iteration start): every program, under the
exact, every and interval policies, at every restorable boundary. Each
victim shot is cut after its m-th visit of the boundary, m drawn before the
shot is looked at; it is resumed and three checks judge the run
(``qckpt.runtime.restore.resume_check``): no resume error, every resumed
shot bound to its own recorded state, and the stitched histogram within the
TVD bound of an uninterrupted run. Then the negative controls: a 1000-try
cap on post-selection, and binding another shot's state, must each fail.

    .venv/bin/python benchmarks/restore_fault_injection.py [--shots 20000] [--only NAMES] [--stop-after SECONDS] [--out docs/benchmarks.md]

The false-alarm probability is 1e-6 over the whole run (split evenly over
the comparisons). Placed and restorable boundaries are counted for every
program whatever --only says (compiling is cheap). CI runs a fixed sample of
this (tests/restore/test_fault_injection_sample.py); `make test-full` runs
this script. The negative controls run first; ``--stop-after`` starts no
new program's checks past that many seconds, and the report names the
programs it did not check.
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
sys.path.insert(0, str(HERE.parent / "tests" / "restore"))

from benchlib.report import Section, command_line, utc_now  # noqa: E402
from corpus import PROGRAMS  # noqa: E402
from qasm_corpus import QASM_PROGRAMS  # noqa: E402
from restore_programs import PROGRAMS as RESTORE_PROGRAMS, repetition_code  # noqa: E402

from qckpt.pipeline import circuit_to_module, qasm_to_module  # noqa: E402
from qckpt.runtime.restore.histogram_stats import tvd_bound  # noqa: E402
from qckpt.runtime.restore.resume_check import check_program  # noqa: E402

SECTION = Section("restore_fault_injection")
BEGIN, END = SECTION.begin, SECTION.end
POLICIES = (("exact", {}), ("every", {"every": 1}), ("interval", {"mtbf": 1e-7}))
SUITE_DELTA = 1e-6
ESTIMATED_COMPARISONS = 2000


def programs():
    # Restoration's own programs first (the rare syndrome, resets at loop
    # starts): a run stopped by --stop-after has checked them.
    for name, src in RESTORE_PROGRAMS.items():
        yield name, lambda name=name, src=src: qasm_to_module(src, f"{name}.qasm")
    for p in PROGRAMS:
        yield p.name, lambda p=p: circuit_to_module(p.build())
    for q in QASM_PROGRAMS:
        yield q.name, lambda q=q: qasm_to_module(q.source, f"{q.name}.qasm")


def placed_and_restorable(build, policy: str, kw: dict) -> tuple[int, int, dict[int, str]]:
    """Compile only: boundaries placed, restorable, and why the others are not."""
    res = check_program("count", build(), policy, 0, 0, 1.0, count_only=True, **kw)
    return res.placed, res.restorable, res.not_restorable


def negative_controls(shots: int, delta: float) -> list[str]:
    """Each control must make the checks fail; a verdict line for each."""
    rare = lambda: qasm_to_module(repetition_code(checkpoint_after_round=2), "rep.qasm")  # noqa: E731
    out = []
    capped = check_program("repetition_code", rare(), "annotated", shots, 5, delta, replay_tries=1000).checks
    errors = sum(c.errors for c in capped)
    out.append(f"- A 1000-try cap on post-selection (repetition code, boundary after round 2, {shots} shots): {errors} resume error(s) -> **{'FAILS the check, as it must' if any(not c.ok for c in capped) else 'PASSES: the benchmark cannot see the bias'}**")
    ghz = next(b for n, b in programs() if n == "qasm_dynamic_ghz")
    wrong = check_program("qasm_dynamic_ghz", ghz(), "every", shots, 17, delta, misbind=True, every=1).checks
    bad = [c for c in wrong if not c.ok]
    out.append(f"- Binding another shot's state (qasm_dynamic_ghz, every, {shots} shots): {len(bad)} of {len(wrong)} boundary checks fail, {sum(c.wrong_state for c in wrong)} shots resumed from another state -> **{'FAILS the check, as it must' if bad else 'PASSES: the benchmark cannot see it'}**")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shots", type=int, default=20000)
    ap.add_argument("--only", help="comma-separated program names to run checks on (counts cover all)")
    ap.add_argument("--control-shots", type=int, default=40000, help="shots for the negative controls (0: do not run them)")
    ap.add_argument("--stop-after", type=float, help="start no new program's checks after this many seconds (the report lists what was not checked)")
    ap.add_argument("--out", type=Path, help="rewrite this file's restore_fault_injection section")
    ap.add_argument("--figures", type=Path, help="draw the section's figures (PNG) into this directory (docs/figures)")
    args = ap.parse_args()
    only = set(args.only.split(",")) if args.only else None
    delta = SUITE_DELTA / ESTIMATED_COMPARISONS
    results, skipped, nothing = [], [], []
    counts: dict[str, dict[str, tuple[int, int]]] = {}
    reasons: Counter = Counter()
    counts_checked: list[str] = []  # programs whose checks started, in order
    t0 = time.perf_counter()
    # --control-shots 0: no controls (a second run over part of the corpus).
    controls = negative_controls(args.control_shots, delta) if args.control_shots else ["- Not run in this run (--control-shots 0)."]
    print("\n".join(controls), file=sys.stderr, flush=True)
    out_of_time: list[str] = []
    for name, build in programs():
        for policy, kw in POLICIES:
            try:
                placed, restorable, why = placed_and_restorable(build, policy, kw)
            except Exception as e:  # a program this policy or emission cannot handle: report, go on
                skipped.append((name, policy, f"{type(e).__name__}: {e}".splitlines()[0][:160]))
                continue
            counts.setdefault(name, {})[policy] = (placed, restorable)
            for r in why.values():
                reasons[(policy, r.split("(")[0].split(",")[0].strip())] += 1
            if only is not None and name not in only:
                continue
            if args.stop_after is not None and time.perf_counter() - t0 > args.stop_after and (not counts_checked or counts_checked[-1] != name):
                out_of_time.append(f"{name}/{policy}")
                continue
            counts_checked.append(name)
            try:
                checks = check_program(name, build(), policy, args.shots, 11, delta, **kw).checks
            except Exception as e:
                skipped.append((name, policy, f"{type(e).__name__}: {e}".splitlines()[0][:160]))
                continue
            if not checks:
                nothing.append(f"{name}/{policy}")
            results += checks
            bad = [c for c in checks if not c.ok]
            print(f"[{name} / {policy}] {len(checks)} boundaries, {len(bad)} failed", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - t0
    failed = [c for c in results if not c.ok]
    classes = Counter((c.kind, "exact" if c.exact else "replay", c.policy, c.ok) for c in results)
    lines = [BEGIN, "## Restoration by fault injection (differential corpus + restoration programs)", ""]
    lines.append(f"- Command: `{command_line()}`")
    lines.append(f"- Date: {utc_now()}; {elapsed:.0f} s; {args.shots} shots per run; δ = {delta:.1e} per comparison")
    lines.append(
        "- Method: each victim shot is cut after its m-th visit of the boundary, m uniform on 1..K drawn before the shot is looked at "
        "(K: the most visits in the reference run); checks: 0 resume errors, every resumed shot bound to its own recorded state, TVD within the bound."
    )
    smallest = tvd_bound(3, args.shots, args.shots, delta)
    lines.append(f"- Smallest TVD the histogram test can detect at {args.shots} shots (3 outcomes; more outcomes need more): {smallest:.4f}. The per-state check sees a single shot resumed wrongly or not at all.")
    ran = sorted({c.program for c in results})
    lines.append(f"- Checks ran on {len(ran)} programs, {len(results)} (program, policy, boundary) checks: **{len(results) - len(failed)} passed, {len(failed)} failed**; resume errors (replay_failed or raised): {sum(c.errors for c in results)}; shots resumed from another state: {sum(c.wrong_state for c in results)}.")
    by = Counter()
    for (kind, ex, pol, ok), n in classes.items():
        by[(kind, ex, pol, "passed" if ok else "failed")] += n
    lines.append("- By class and policy (passed/failed): " + ", ".join(
        f"{k} {e} / {p}: {by[(k, e, p, 'passed')]}/{by[(k, e, p, 'failed')]}" for (k, e, p) in sorted({(k, e, p) for k, e, p, _ in by})))
    for c in failed[:20]:
        lines.append(f"  - FAILED {c.program} / {c.policy} / boundary {c.boundary} ({c.kind}): {c.why()}")
    lines.append("")
    lines.append("Negative controls:")
    lines += controls
    lines.append("")
    lines.append("Boundaries placed → restorable, per program (all programs, compiled):")
    lines.append("")
    lines.append("| program | exact | every | interval |")
    lines.append("| --- | --- | --- | --- |")
    tot = {p: [0, 0] for p, _ in POLICIES}
    low = []
    for name, per in counts.items():
        cells = []
        for p, _ in POLICIES:
            if p not in per:
                cells.append("—")
                continue
            placed, rest = per[p]
            tot[p][0] += placed
            tot[p][1] += rest
            cells.append(f"{placed} → {rest}")
            if p in ("every", "interval") and placed and rest < 0.95 * placed:
                low.append(f"{name}/{p} ({rest}/{placed})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("| **total** | " + " | ".join(f"**{a} → {b} ({b / a:.0%})**" if a else "0" for a, b in tot.values()) + " |")
    lines.append("")
    lines.append(f"- Below 95% under every/interval ({len(low)}): " + (", ".join(low) if low else "none"))
    lines.append("- Why boundaries are not restorable (policy: reason, count): " + "; ".join(f"{p}: {r} ({n})" for (p, r), n in reasons.most_common()))
    if nothing:
        lines.append(f"- Checked but no boundary visited or restorable ({len(nothing)}): " + ", ".join(nothing))
    if out_of_time:
        lines.append(f"- Not checked, past --stop-after={args.stop_after:g} s ({len(out_of_time)} program/policy pairs; counted above): " + ", ".join(out_of_time))
    if skipped:
        lines.append(f"- Not checked ({len(skipped)} program/policy pairs): " + "; ".join(f"{n}/{p}: {why}" for n, p, why in skipped[:12]) + (" ..." if len(skipped) > 12 else ""))
    lines.append(END)
    section = "\n".join(lines)
    print(section)
    if args.out:
        SECTION.write(args.out, section)
    if args.figures:
        from benchlib import figures

        for f in figures.save_all(args.figures, figures.restore_fault_injection(dict(classes))):
            print(f"wrote {f}", file=sys.stderr)
    return 1 if failed or any("PASSES" in c for c in controls) else 0  # "Not run" is neither


if __name__ == "__main__":
    sys.exit(main())
