"""Job arrays without a daemon: a run cut into shards, and their merge.

``qckpt run ... --shard I/N`` runs the I-th of N contiguous shares of the
whole run's batch plan (:attr:`qckpt.runtime.execution.ledger.RunPlan.shard_batches`)
under the whole run's seeds, each shard in its own store. ``qckpt merge``
checks that the finished shard stores are the N shares of one run and
writes a store holding that run, complete. In ``reproducible`` mode each
batch's histogram is a function of (program, seed, batch size, batch), so
the merged histogram is bit-identical to a single run of the whole.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace

from qckpt.diagnostics import QckptError
from qckpt.runtime.execution.job import fingerprint, load_run
from qckpt.runtime.execution.ledger import Ledger
from qckpt.runtime.store import CheckpointStore
from qckpt.runtime.store.levels import has_store


def parse_shard(text: str, environ: Mapping[str, str] | None = None) -> tuple[int, int]:
    """``I/N`` (0 <= I < N), or ``auto``: this task of a Slurm job array
    (its index among the array's tasks, whatever number the array starts at)."""
    if text == "auto":
        return _slurm_array_shard(os.environ if environ is None else environ)
    try:
        i, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise QckptError(f"--shard wants I/N (e.g. 0/4) or auto, got {text!r}") from None
    if n < 1 or not 0 <= i < n:
        raise QckptError(f"--shard {text}: I must be in 0..N-1")
    return i, n


def _slurm_array_shard(env: Mapping[str, str]) -> tuple[int, int]:
    if "SLURM_ARRAY_TASK_ID" not in env:
        raise QckptError("--shard auto needs a Slurm job array task (SLURM_ARRAY_TASK_ID is not set); give --shard I/N")
    try:
        task = int(env["SLURM_ARRAY_TASK_ID"])
        count = int(env["SLURM_ARRAY_TASK_COUNT"])
        first = int(env.get("SLURM_ARRAY_TASK_MIN", "0"))
        step = int(env.get("SLURM_ARRAY_TASK_STEP", "1") or 1)
    except (KeyError, ValueError):
        raise QckptError("--shard auto: SLURM_ARRAY_TASK_ID/COUNT/MIN/STEP are not numbers; give --shard I/N") from None
    index, off = divmod(task - first, step)
    if off or not 0 <= index < count:
        raise QckptError(
            f"--shard auto: task {task} of an array of {count} from {first} in steps of {step} is not one of "
            "evenly spaced tasks (an array like --array=0-3 is); give --shard I/N"
        )
    return index, count


def merge_stores(paths: list[str], out: str) -> tuple[Ledger, list[str]]:
    """Merge finished shard stores into a new store at ``out``; returns the
    merged ledger and notes. Refuses, with a one-line reason, stores that
    are not the complete, disjoint shards of one run."""
    if not paths:
        raise QckptError("qckpt merge needs the shard stores to merge")
    if has_store(out) or (os.path.isdir(out) and os.listdir(out)):
        raise QckptError(f"{out} is not empty: merge into a new directory")
    shards: list[tuple[str, Ledger, bytes]] = []
    for p in paths:
        if not has_store(p):
            raise QckptError(f"{p} is not a qckpt checkpoint store")
        with CheckpointStore.open(p, readonly=True, create=False) as st:
            ledger, program, _, _ = load_run(st)
        shards.append((p, ledger, program))
    first_path, first, program = shards[0]
    want = replace(first.plan, shard=(0, 1))
    seen: dict[int, str] = {}
    for p, led, prog in shards:
        plan = led.plan
        for what, mine, theirs in (
            ("programs", plan.program_sha256, want.program_sha256),
            ("seeds", plan.seed, want.seed),
            ("shot counts", plan.shots, want.shots),
            ("batch sizes", plan.batch_size, want.batch_size),
            ("modes", plan.mode, want.mode),
            ("shard counts", plan.shard[1], first.plan.shard[1]),
        ):
            if mine != theirs:
                raise QckptError(f"cannot merge: {p} and {first_path} have different {what} ({_short(mine)} and {_short(theirs)})")
        if led.status != "complete":
            raise QckptError(f"cannot merge: {p} (shard {plan.shard[0]}/{plan.shard[1]}) is not complete (status {led.status}, {led.shots_done} of {plan.target_shots} shots): resume it first")
        if plan.shard[0] in seen:
            raise QckptError(f"cannot merge: {p} and {seen[plan.shard[0]]} are the same shard {plan.shard[0]}/{plan.shard[1]}")
        seen[plan.shard[0]] = p
        if led.shape and first.shape and led.shape != first.shape:
            raise QckptError(f"cannot merge: {p} and {first_path} recorded different registers")
    n = first.plan.shard[1]
    missing = [i for i in range(n) if i not in seen]
    if missing:
        raise QckptError(f"cannot merge: shard(s) {', '.join(f'{i}/{n}' for i in missing)} missing (got {len(shards)} of {n} stores)")
    merged = Ledger(want)
    merged.status = "complete"
    merged.done_counts = Counter()
    for _, led, _ in shards:
        merged.done |= led.done
        merged.done_counts.update(led.done_counts)
        merged.done_visits += led.done_visits
        merged.sessions = max(merged.sessions, led.sessions)
        merged.failures += led.failures
        merged.failures_total += led.failures_total
        for counter in ("restarted_shots", "resumed_shots", "saved_visits", "lost_visits"):
            setattr(merged, counter, getattr(merged, counter) + getattr(led, counter))
        merged.shape = merged.shape or list(led.shape)
    if merged.pending() or merged.shots_done != want.shots:
        raise QckptError(f"cannot merge: the shards hold {merged.shots_done} of {want.shots} shots")  # a shard store edited by hand
    with CheckpointStore.open(out, fingerprint=fingerprint(program)) as st:
        w = st.start_output("merged")
        w.write("ledger", merged.to_bytes())
        w.write("program", program)
        w.complete(valid=True)
    return merged, [f"merged {n} shards into {out}"]


def _short(v: object) -> str:
    return str(v)[:12] + "…" if isinstance(v, str) and len(v) > 16 else str(v)
