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

    .venv/bin/python benchmarks/restore_fault_injection.py [--shots 20000] [--only NAMES] [--stop-after SECONDS] [--results FILE [--render-only]] [--smallest-first] [--out docs/benchmarks.md]

The false-alarm probability is 1e-6 over the whole run (split evenly over
the comparisons). Placed and restorable boundaries are counted for every
program whatever --only says (compiling is cheap). CI runs a fixed sample of
this (tests/restore/test_fault_injection_sample.py); `make test-full` runs
this script. The negative controls run first; ``--stop-after`` starts no
boundary's check past that many seconds, and the report names the
program/policy pairs it did not check.

The whole run takes hours. With ``--results FILE`` every finished piece
(a control's verdict, a program's counts, each boundary's check, the end of
a program/policy) is appended to FILE as it finishes, keyed by (program,
policy, boundary); the same command run again skips what FILE holds and
goes on, and the report is rendered from the whole file. Each boundary's
seeds depend only on the program, the policy and its id, so a run continued
after a kill reports what an uninterrupted one would.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests" / "differential"))
sys.path.insert(0, str(HERE.parent / "tests" / "restore"))

from benchlib.report import Section, command_line, utc_now  # noqa: E402
from benchlib.results_file import ResultsFile  # noqa: E402
from corpus import PROGRAMS  # noqa: E402
from qasm_corpus import QASM_PROGRAMS  # noqa: E402
from restore_programs import PROGRAMS as RESTORE_PROGRAMS, repetition_code  # noqa: E402

from qckpt.pipeline import circuit_to_module, qasm_to_module  # noqa: E402
from qckpt.runtime.restore.histogram_stats import tvd_bound  # noqa: E402
from qckpt.runtime.restore.resume_check import BoundaryCheck, check_program  # noqa: E402

SECTION = Section("restore_fault_injection")
BEGIN, END = SECTION.begin, SECTION.end
POLICIES = (("exact", {}), ("every", {"every": 1}), ("interval", {"mtbf": 1e-7}))
SUITE_DELTA = 1e-6
ESTIMATED_COMPARISONS = 2000
SEED = 11


def programs(names: set[str] | None = None):
    """(name, builder) of every program, or of those in ``names``."""
    for name, build in _all_programs():
        if names is None or name in names:
            yield name, build


def _all_programs():
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


def negative_controls(shots: int, delta: float, results: ResultsFile) -> list[str]:
    """Each control must make the checks fail; a verdict line for each
    (kept in ``results``: a continued run does not run them again)."""
    if ("control", "cap") not in results:
        rare = qasm_to_module(repetition_code(checkpoint_after_round=2), "rep.qasm")
        capped = check_program("repetition_code", rare, "annotated", shots, 5, delta, replay_tries=1000).checks
        errors = sum(c.errors for c in capped)
        fails = any(not c.ok for c in capped)
        results.add(("control", "cap"), fails=fails, line=(
            f"- A 1000-try cap on post-selection (repetition code, boundary after round 2, {shots} shots): {errors} resume error(s) -> "
            f"**{'FAILS the check, as it must' if fails else 'PASSES: the benchmark cannot see the bias'}**"))
    if ("control", "misbind") not in results:
        ghz = next(b for n, b in programs() if n == "qasm_dynamic_ghz")
        wrong = check_program("qasm_dynamic_ghz", ghz(), "every", shots, 17, delta, misbind=True, every=1).checks
        bad = [c for c in wrong if not c.ok]
        results.add(("control", "misbind"), fails=bool(bad), line=(
            f"- Binding another shot's state (qasm_dynamic_ghz, every, {shots} shots): {len(bad)} of {len(wrong)} boundary checks fail, "
            f"{sum(c.wrong_state for c in wrong)} shots resumed from another state -> **{'FAILS the check, as it must' if bad else 'PASSES: the benchmark cannot see it'}**"))
    return [r["line"] for r in results.records("control")]


def count(results: ResultsFile, name: str, build, policy: str, kw: dict) -> dict:
    """The placed/restorable counts of one program under one policy, compiled once per results file."""
    key = ("count", name, policy)
    if key not in results:
        try:
            placed, restorable, why = placed_and_restorable(build, policy, kw)
            results.add(key, placed=placed, restorable=restorable, why=list(why.values()))
        except Exception as e:  # a program this policy or emission cannot handle: report, go on
            results.add(key, error=f"{type(e).__name__}: {e}".splitlines()[0][:160])
    return results.get(key)  # type: ignore[return-value]


class OutOfTime(Exception):
    """--stop-after passed: stop after the check just kept (the pair stays open in the results file)."""


def check(results: ResultsFile, name: str, build, policy: str, kw: dict, shots: int, delta: float, deadline: float = float("inf")) -> bool:
    """Check every restorable boundary of one program under one policy,
    appending each check to ``results`` as it is made; boundaries already
    there are skipped. A ``done`` record closes the pair. Past ``deadline``
    (perf_counter) no further boundary is started: False."""
    done = {r["key"][3] for r in results.records("check") if r["key"][1:3] == [name, policy]}
    t0 = time.perf_counter()
    last = [t0]

    def keep(c: BoundaryCheck) -> None:
        now = time.perf_counter()
        results.add(("check", name, policy, c.boundary), check=dataclasses.asdict(c), seconds=round(now - last[0], 3))
        last[0] = now
        if now > deadline:
            raise OutOfTime

    try:
        checks = check_program(name, build(), policy, shots, SEED, delta, skip=done, on_check=keep, **kw).checks
    except OutOfTime:
        print(f"[{name} / {policy}] stopped by --stop-after; the results file keeps its checks so far", file=sys.stderr, flush=True)
        return False
    except Exception as e:
        results.add(("done", name, policy), error=f"{type(e).__name__}: {e}".splitlines()[0][:160], seconds=round(time.perf_counter() - t0, 3))
        return True
    results.add(("done", name, policy), checks=len(checks) + len(done), seconds=round(time.perf_counter() - t0, 3))
    bad = [c for c in checks if not c.ok]
    print(f"[{name} / {policy}] {len(checks)} boundaries checked now ({len(done)} before), {len(bad)} failed", file=sys.stderr, flush=True)
    return True


def render(results: ResultsFile, shots: int, delta: float, names: list[str]) -> tuple[str, bool]:
    """The report of everything ``results`` holds about the programs
    ``names``, and whether it fails (a failed check, or a negative control
    that passed)."""
    checks = [BoundaryCheck(**r["check"]) for r in results.records("check")]
    # Each check's seconds run from the previous check of its session (the
    # first from the pair's start: compiling and the reference runs included).
    seconds = sum(r["seconds"] for r in results.records("check"))
    done = {tuple(r["key"][1:]): r for r in results.records("done")}
    failed = [c for c in checks if not c.ok]
    controls = [r["line"] for r in results.records("control")] or ["- Not run in this results file (--control-shots 0)."]
    by_pair: dict[tuple, list[BoundaryCheck]] = {}
    for c in checks:
        by_pair.setdefault((c.program, c.policy), []).append(c)
    lines = [BEGIN, "## Restoration by fault injection (differential corpus + restoration programs)", ""]
    argv = [a for a in sys.argv if a not in ("--render-only", "--out") and not a.endswith(".md")]  # the command that continues the run
    lines.append(f"- Command (run it again to continue this run; it skips what the results file holds): `{command_line(argv)}`")
    lines.append(f"- Rendered {utc_now()} from the results file; {shots} shots per run; δ = {delta:.1e} per comparison")
    n_checked = len(checks)
    lines.append(f"- Time: {seconds:.0f} s of checks in the file, {seconds / n_checked if n_checked else 0:.1f} s per boundary check (the reference and victim runs of a program included)")
    lines.append(
        "- Method: each victim shot is cut after its m-th visit of the boundary, m uniform on 1..K drawn before the shot is looked at "
        "(K: the most visits in the reference run); checks: 0 resume errors, every resumed shot bound to its own recorded state, TVD within the bound."
    )
    smallest = tvd_bound(3, shots, shots, delta)
    lines.append(f"- Smallest TVD the histogram test can detect at {shots} shots (3 outcomes; more outcomes need more): {smallest:.4f}. The per-state check sees a single shot resumed wrongly or not at all.")
    ran = sorted({c.program for c in checks})
    lines.append(f"- Checks ran on {len(ran)} programs, {n_checked} (program, policy, boundary) checks: **{n_checked - len(failed)} passed, {len(failed)} failed**; resume errors (replay_failed or raised): {sum(c.errors for c in checks)}; shots resumed from another state: {sum(c.wrong_state for c in checks)}.")
    by = Counter((c.kind, "exact" if c.exact else "replay", c.policy, "passed" if c.ok else "failed") for c in checks)
    lines.append("- By class and policy (passed/failed): " + ", ".join(
        f"{k} {e} / {p}: {by[(k, e, p, 'passed')]}/{by[(k, e, p, 'failed')]}" for (k, e, p) in sorted({(k, e, p) for k, e, p, _ in by})))
    for c in failed[:20]:
        lines.append(f"  - FAILED {c.program} / {c.policy} / boundary {c.boundary} ({c.kind}): {c.why()}")
    lines.append("")
    lines.append("Negative controls:")
    lines += controls
    lines.append("")
    lines.append("Boundaries placed → restorable, per program (all programs, compiled), and what the checks found: "
                 "ok n (all n checks passed), FAILED f/n, none visited (no shot reached a restorable boundary), "
                 "partial n (n checks made, the run stopped inside the pair), not run, nothing to check (no restorable boundary), or error.")
    lines.append("")
    lines.append("| program | exact | every | interval |")
    lines.append("| --- | --- | --- | --- |")
    tot = {p: [0, 0] for p, _ in POLICIES}
    low, errors, not_run = [], [], []
    reasons: Counter = Counter()
    for name in names:
        cells = []
        for p, _ in POLICIES:
            cnt = results.get(("count", name, p))
            if cnt is None or "error" in cnt:
                cells.append("—")
                if cnt is not None:
                    errors.append(f"{name}/{p}: {cnt['error']}")
                continue
            placed, rest = cnt["placed"], cnt["restorable"]
            tot[p][0] += placed
            tot[p][1] += rest
            short = [r.split("(")[0].split(",")[0].strip() for r in cnt["why"]]
            for r in short:
                reasons[(p, r)] += 1
            if p in ("every", "interval") and placed and rest < 0.95 * placed:
                low.append(f"{name}/{p} ({rest}/{placed}: {'; '.join(sorted(set(short)))})")
            mine = by_pair.get((name, p), [])
            bad = sum(not c.ok for c in mine)
            fin = done.get((name, p))
            if not rest:
                status = "nothing to check"
            elif fin is not None and "error" in fin:
                status = "error"
                errors.append(f"{name}/{p}: {fin['error']}")
            elif fin is None:
                status = f"partial {len(mine)}" if mine else "not run"
                not_run.append(f"{name}/{p}")
            elif not mine:
                status = "none visited"
            else:
                status = f"FAILED {bad}/{len(mine)}" if bad else f"ok {len(mine)}"
            cells.append(f"{placed} → {rest}; {status}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("| **total** | " + " | ".join(f"**{a} → {b} ({b / a:.0%})**" if a else "0" for a, b in tot.values()) + " |")
    lines.append("")
    lines.append(f"- Below 95% under every/interval ({len(low)}): " + (", ".join(low) if low else "none"))
    lines.append("- Why boundaries are not restorable (policy: reason, count): " + "; ".join(f"{p}: {r} ({n})" for (p, r), n in reasons.most_common()))
    if not_run:
        lines.append(f"- Not checked yet ({len(not_run)} program/policy pairs with restorable boundaries; counted above): " + ", ".join(not_run))
    if errors:
        lines.append(f"- Errors ({len(errors)} program/policy pairs): " + "; ".join(errors[:12]) + (" ..." if len(errors) > 12 else ""))
    lines.append(END)
    fails = bool(failed) or any(not r["fails"] for r in results.records("control"))
    return "\n".join(lines), fails


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shots", type=int, default=20000)
    ap.add_argument("--only", help="comma-separated program names to run checks on (counts cover all)")
    ap.add_argument("--programs", help="comma-separated program names: the whole run (counts and report too) covers only these")
    ap.add_argument("--control-shots", type=int, default=40000, help="shots for the negative controls (0: do not run them)")
    ap.add_argument("--stop-after", type=float, help="start no boundary's check after this many seconds (the report lists what was not checked; --results keeps what was)")
    ap.add_argument("--results", type=Path, help="append each finished check to this file and skip those it holds (continue a killed run); default: a file of this run only")
    ap.add_argument("--render-only", action="store_true", help="run nothing: render the report of what --results holds")
    ap.add_argument("--smallest-first", action="store_true", help="check program/policy pairs with the fewest restorable boundaries first")
    ap.add_argument("--out", type=Path, help="rewrite this file's restore_fault_injection section")
    ap.add_argument("--figures", type=Path, help="draw the section's figures (PNG) into this directory (docs/figures)")
    args = ap.parse_args()
    only = set(args.only.split(",")) if args.only else None
    delta = SUITE_DELTA / ESTIMATED_COMPARISONS
    with tempfile.TemporaryDirectory() as scratch:
        results = ResultsFile(args.results or Path(scratch) / "results.jsonl", {"shots": args.shots, "delta": delta, "seed": SEED})
        return run(args, only, delta, results)


def run(args: argparse.Namespace, only: set[str] | None, delta: float, results: ResultsFile) -> int:
    t0 = time.perf_counter()
    if args.control_shots and not args.render_only:
        print("\n".join(negative_controls(args.control_shots, delta, results)), file=sys.stderr, flush=True)
    chosen = set(args.programs.split(",")) if args.programs else None
    pairs = [(name, build, policy, kw, count(results, name, build, policy, kw)) for name, build in programs(chosen) for policy, kw in POLICIES]
    if args.smallest_first:  # the most program/policy pairs checked in a run that cannot finish
        pairs.sort(key=lambda x: x[4].get("restorable", 0))
    deadline = t0 + args.stop_after if args.stop_after is not None else float("inf")
    for name, build, policy, kw, cnt in pairs:
        if args.render_only or "error" in cnt or not cnt["restorable"] or (only is not None and name not in only) or ("done", name, policy) in results:
            continue
        if time.perf_counter() > deadline or not check(results, name, build, policy, kw, args.shots, delta, deadline):
            break
    section, fails = render(results, args.shots, delta, [n for n, _ in programs(chosen)])
    print(section)
    if args.out:
        SECTION.write(args.out, section)
    if args.figures:
        from benchlib import figures

        classes = Counter((c["kind"], "exact" if c["exact"] else "replay", c["policy"], BoundaryCheck(**c).ok) for c in (r["check"] for r in results.records("check")))
        for f in figures.save_all(args.figures, figures.restore_fault_injection(dict(classes))):
            print(f"wrote {f}", file=sys.stderr)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
