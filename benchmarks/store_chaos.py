"""kill -9 the checkpoint store and the journal, many times (not run in CI).

A worker process (``python -m qckpt.testing worker``) commits
datasets to a two-level store (fast + persistent, flush every 3rd, keep 3)
and appends journal frames, printing each commit and sync once it has
returned. This script SIGKILLs it at a random moment (every other round
counted from when it has opened the store, the others from its start, so
some kills land in its recovery), checks what it left
(:func:`qckpt.testing.crash_worker.kill_round`: the store opens, restart returns a
dataset at least as new as every reported commit, byte for byte, every
dataset passes its checksums, the journal replays an exact prefix that covers
every synced frame), and starts it again on the same store and journal.
``tests/runtime/test_store_chaos.py`` runs the same loop for ~12 s.

    .venv/bin/python benchmarks/store_chaos.py                 # 200 kills, ~2 minutes
    .venv/bin/python benchmarks/store_chaos.py --kills 1000 --max-delay 1.0 --dir /scratch/x
    .venv/bin/python benchmarks/store_chaos.py --json /tmp/chaos.json
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import random
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qckpt.testing.crash_worker import kill_round  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=200, help="kill -9 rounds (default 200)")
    ap.add_argument("--min-delay", type=float, default=0.05, help="earliest kill after the worker starts, seconds")
    ap.add_argument("--max-delay", type=float, default=0.6, help="latest kill after the worker starts, seconds")
    ap.add_argument("--seed", type=int, default=1, help="seed of the kill times")
    ap.add_argument("--dir", help="where to put the store and journal (default: a new temporary directory)")
    ap.add_argument("--json", help="write every round as JSON here")
    args = ap.parse_args(argv)
    logging.getLogger("qckpt.runtime.store").setLevel(logging.ERROR)  # each round's recovery notes are counted, not printed
    if args.kills < 1 or not 0 <= args.min_delay <= args.max_delay:
        ap.error("need --kills >= 1 and 0 <= --min-delay <= --max-delay")

    base = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="qckpt-chaos-"))
    base.mkdir(parents=True, exist_ok=True)
    fast, pfs, journal = str(base / "fast"), str(base / "pfs"), str(base / "run.journal")
    rng = random.Random(args.seed)
    rounds, failures = [], []
    committed = 0
    t0 = time.monotonic()
    for k in range(args.kills):
        delay = rng.uniform(args.min_delay, args.max_delay)
        try:
            r = kill_round(fast, pfs, journal, seed=k, delay=delay, committed_before=committed, after_ready=k % 2 == 0)
        except AssertionError as e:
            failures.append((k, str(e)))
            print(f"round {k}: FAILED: {e}", file=sys.stderr)
            continue
        committed = max([committed, *r.commits])
        rounds.append(r)
        if (k + 1) % 25 == 0:
            print(f"{k + 1}/{args.kills} kills, {committed} datasets, {time.monotonic() - t0:.0f} s", file=sys.stderr)
    elapsed = time.monotonic() - t0

    # restart newer than the last commit the worker reported: the kill came
    # after complete() returned and before the report was printed
    unreported = sum(1 for r in rounds if r.restart_id is not None and r.restart_id > max(r.commits, default=0) and r.commits)
    print(f"store chaos: {len(rounds) + len(failures)} kill -9 rounds in {elapsed:.1f} s on {platform.node()} ({base})")
    print(f"  failures                        {len(failures)}")
    print(f"  datasets committed              {committed}")
    print(f"  rounds killed after startup     {sum(r.started for r in rounds)}")
    print(f"  rounds with commits before kill {sum(bool(r.commits) for r in rounds)}")
    print(f"  interrupted commits removed     {sum(r.interrupted for r in rounds)}")
    print(f"  stale locks recovered           {sum(r.stale_lock for r in rounds)}")
    print(f"  torn journal tails dropped      {sum(r.journal_torn is not None for r in rounds)}")
    print(f"  journal frames at the end       {rounds[-1].journal_frames if rounds else 0}")
    print(f"  commits done but not yet reported {unreported}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"dir": str(base), "elapsed_s": elapsed, "failures": failures, "rounds": [asdict(r) for r in rounds]}, f, indent=1)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
