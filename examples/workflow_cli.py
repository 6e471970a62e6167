"""What the four workflow examples share: their command line, error
handling (one line, no traceback) and the results file.

Each example writes ``--out`` as JSON: ``result`` holds everything the run
computed (parameters, energies, histograms: bit-identical between an
uninterrupted run and a killed-and-resumed one with the same seed), and
``stats`` how it got there (executions run and replayed, timings), which
differs between the two.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from qckpt.diagnostics import QckptError
from qckpt.workflow import Session


def parser(description: str, *, iterations: int, shots: int, seed: int = 7) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--store", required=True, help="session directory: created on the first run, resumed after a kill")
    p.add_argument("--seed", type=int, default=seed, help=f"session seed (default {seed})")
    p.add_argument("--iterations", type=int, default=iterations, help=f"iterations (default {iterations})")
    p.add_argument("--shots", type=int, default=shots, help=f"shots per execution (default {shots})")
    p.add_argument("--out", help="write the results as JSON to this file")
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    return p


def run(name: str, args: argparse.Namespace, drive: Callable[[Session, argparse.Namespace], dict[str, Any]], summary: Callable[[dict[str, Any]], str]) -> int:
    """Open the session, run the driver, write the results; a QckptError is
    one line on stderr and exit status 1."""
    t0 = time.perf_counter()
    try:
        if args.iterations < 1 or args.shots < 1:
            raise QckptError("--iterations and --shots must be at least 1")
        with Session.open(args.store, seed=args.seed, name=name) as session:
            result = drive(session, args)
        stats = session.stats.as_dict()
    except QckptError as e:
        print(e.render(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        # Everything executed so far is in the log: the same command resumes.
        print(f"interrupted; run the same command again to resume from {args.store}", file=sys.stderr)
        return 130
    doc = {"workload": name, "seed": args.seed, "result": result, "stats": stats, "seconds": time.perf_counter() - t0}
    if args.out:
        tmp = f"{args.out}.tmp{os.getpid()}"
        with open(tmp, "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
        os.replace(tmp, args.out)
    if not args.quiet:
        s = stats
        how = f"{s['executions_live']} executions run, {s['executions_replayed']} replayed from the log"
        if s["restored_from"] is not None:
            how += f", restarted after iteration {s['restored_from']}"
        print(f"{summary(result)}\n{how}; {doc['seconds']:.1f} s")
    return 0
