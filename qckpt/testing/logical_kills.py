"""Kill -9 a logical run at random rounds, resume it, compare bit for bit.

``qckpt run PROG --backend stim --store DIR`` is started as a real process;
when the store shows a random number of new datasets (round ends), the
process gets SIGKILL; the same command starts again (it continues the run in DIR), and so
on until a start finishes. Its logical outcomes and corrections (their
sha256 in ``--json``) must equal those of an uninterrupted run.

    python -m qckpt.testing.logical_kills --kills 100     # make test-full
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

from qckpt.runtime.store import CheckpointStore

_DATASET = re.compile(r"^ds-(\d+)$")


@dataclass
class KillReport:
    kills: int = 0
    kill_rounds: list[int] = field(default_factory=list)  # the newest committed round after each kill
    final: dict = field(default_factory=dict)  # the finishing start's --json


def committed_round(store: str) -> int:
    """The newest committed round in ``store`` (-1: none yet; a large number once final)."""
    # A reader that looks while the run commits sees a dataset the index does not list yet, and says so; not news here.
    logging.getLogger("qckpt.runtime.store").setLevel(logging.ERROR)
    try:
        with CheckpointStore.open(store, readonly=True) as s:
            names = [d.name or "" for d in s.datasets() if d.valid]
    except Exception:  # the store is being created, or its index replaced: not yet readable
        return -1
    if "final" in names:
        return 1 << 30
    return max((int(n.split("-")[1]) for n in names if n.startswith("round-")), default=-1)


def newest_dataset(store: str) -> int:
    """The highest dataset folder id in ``store`` (0: none): cheap enough to poll every few milliseconds."""
    try:
        names = os.listdir(store)
    except OSError:
        return 0
    return max((int(m[1]) for m in map(_DATASET.match, names) if m), default=0)


def kill_until_done(command: list[str], store: str, layers: int, kills: int, rng: random.Random, timeout: float = 600.0) -> KillReport:
    """Run ``command`` (which writes ``store``) with ``kills`` SIGKILLs, each
    after a random number (1 to 4) of new datasets appeared (a commit may be
    under way: that is part of the test), then let it finish."""
    report = KillReport()
    deadline = time.monotonic() + timeout
    while True:
        target = newest_dataset(store) + rng.randint(1, 4) if report.kills < kills else None
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONWARNINGS": "ignore"})
        killed = False
        while target is not None and proc.poll() is None:
            if newest_dataset(store) >= target:
                proc.send_signal(signal.SIGKILL)
                killed = True
                break
            if time.monotonic() > deadline:
                proc.kill()
                raise TimeoutError(f"{' '.join(command)} took longer than {timeout:g} s")
            time.sleep(0.002)
        out, err = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
        if killed and proc.returncode == -signal.SIGKILL:
            report.kills += 1
            report.kill_rounds.append(committed_round(store))
            continue
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} exited {proc.returncode}: {err.decode(errors='replace').strip()}")
        report.final = json.loads(out)
        return report


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--kills", type=int, default=100, help="SIGKILLs in all, spread over the programs (default: 100)")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    from qckpt.passes.recognize_rounds import recognize_rounds
    from qckpt.pipeline import module_to_stim
    from qckpt.qec.decoder import DecoderConfig
    from qckpt.runtime.execution.logical_run import LogicalRun, run_logical
    from qckpt.stim.importer import generated
    from qckpt.stim.noise import parse_noise

    rng = random.Random(args.seed)
    # 2000 shots: rounds of 10-30 ms, so that runs outlast their kills; rounds for about 8 rounds per kill.
    per = max(1, args.kills // 3)
    cases = [("repetition_code:memory", 3, 40 + 10 * per, "0.03"), ("repetition_code:memory", 5, 40 + 10 * per, "0.02"), ("surface_code:rotated_memory_z", 3, 40 + 8 * per, "0.005")]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (task, d, rounds, noise) in enumerate(cases):
            module = generated(task, d, rounds)
            path = os.path.join(tmp, f"case{i}.mlir")
            with open(path, "w") as f:
                f.write(str(module))
            recognize_rounds(module)
            expected = run_logical(None, LogicalRun(module_to_stim(module).with_noise(parse_noise(noise)), 2000, 5, DecoderConfig(10, 5)))
            store = os.path.join(tmp, f"store{i}")
            command = [sys.executable, "-m", "qckpt.cli", "run", path, "--backend", "stim", "--noise", noise, "--shots", "2000", "--seed", "5", "--store", store, "--sync-interval", "0", "--json"]
            share = args.kills // len(cases) + (1 if i < args.kills % len(cases) else 0)
            report = kill_until_done(command, store, rounds + 1, share, rng)
            same = report.final["outcomes_sha256"] == expected.digest("outcomes") and report.final["corrections_sha256"] == expected.digest("corrections")
            failures += not same
            print(f"{task} d={d}: {report.kills} kills at rounds {report.kill_rounds}: {'bit-identical' if same else 'DIFFERENT'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
