"""The long kill -9 run of the runtime: at least 100 SIGKILLs of a real
`qckpt run --store` process at random moments, each followed by
`qckpt resume`, in both modes, with the checks of
tests/runtime/test_runtime_chaos.py after each run (exactly N shots, every
batch finished once, no qir-runner left behind, and in reproducible mode a
histogram bit-identical to an uninterrupted run).

    .venv/bin/python benchmarks/runtime_chaos.py [--kills 100] [--seed 1]

Prints one line per run and a summary; exits 1 if any check failed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "runtime"))

from runtime_helpers import QCKPT, compile_qasm_with_boundaries, trotter_loop  # noqa: E402

from qckpt.runtime.execution.job import JobOptions, fingerprint, start_run  # noqa: E402
from qckpt.runtime.execution.ledger import Ledger, RunPlan  # noqa: E402
from qckpt.runtime.store import CheckpointStore  # noqa: E402
from qckpt.testing.runtime_kills import kill_runtime_round  # noqa: E402

SHOTS, BATCH = 12_000, 500
KILLS_PER_RUN = 10


def one_run(work: Path, program: Path, mode: str, seed: int, kills: int, rng: random.Random) -> tuple[bool, str, int]:
    store = work / f"store-{mode}-{seed}"
    cmd = [*QCKPT, "run", str(program), "--shots", str(SHOTS), "--seed", str(seed), "--store", str(store), "--batch-size", str(BATCH), "--mode", mode, "--sync-interval", "0.05", "--json"]
    r = kill_runtime_round(cmd, store, kills=kills, rng=rng, cwd=ROOT)
    problems = []
    if r.orphans:
        problems.append(f"orphaned qir-runner pids {r.orphans}")
    if r.final.returncode != 0:
        problems.append(f"final resume exit {r.final.returncode}: {r.final.stderr.strip()[-300:]}")
        return False, "; ".join(problems), r.kills
    with CheckpointStore.open(store, readonly=True, create=False) as st:
        led = Ledger.from_bytes(st.start_restart().read("ledger"))
    if led.status != "complete" or led.done != set(range(led.plan.batches)) or led.batches:
        problems.append(f"ledger not complete: status {led.status}, {len(led.done)} of {led.plan.batches} batches")
    if sum(led.counts().values()) != SHOTS:
        problems.append(f"{sum(led.counts().values())} shots, not {SHOTS}")
    if json.loads(r.final.stdout)["counts"] != led.counts():
        problems.append("printed histogram differs from the ledger")
    if mode == "reproducible":
        plan = RunPlan(shots=SHOTS, seed=seed, batch_size=BATCH, mode=mode, program_sha256=fingerprint(program.read_bytes()))
        clean = start_run(work / f"clean-{seed}", program.read_bytes(), plan, JobOptions(workers=2))
        if clean.counts != led.counts():
            problems.append("histogram differs from the uninterrupted run")
    summary = (
        f"{r.kills} kills ({r.mid_run} while qir-runner ran), {r.sessions_with_progress} followed by more finished shots, "
        f"{led.failures_total} backend failures seen"
    )
    return not problems, summary + "".join(f"; {p}" for p in problems), r.kills


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=100, help="SIGKILLs in all (default 100)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    t0 = time.monotonic()
    done, failed, runs = 0, 0, 0
    with tempfile.TemporaryDirectory(prefix="qckpt-runtime-chaos-") as d:
        work = Path(d)
        program = work / "loop.ll"
        program.write_bytes(compile_qasm_with_boundaries(trotter_loop(6, 6), "loop.qasm", "every"))
        while done < args.kills:
            mode = ("reproducible", "resume")[runs % 2]
            k = min(KILLS_PER_RUN, args.kills - done)
            ok, msg, landed = one_run(work, program, mode, args.seed * 1000 + runs, k, rng)
            runs += 1
            done += landed  # a run that finished before all its kills landed counts only those that did
            failed += not ok
            print(f"run {runs} ({mode}): {'ok' if ok else 'FAILED'}: {msg}", flush=True)
    print(f"{done} kills over {runs} runs in {time.monotonic() - t0:.0f} s: {runs - failed} runs passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
