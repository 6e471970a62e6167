"""What `qckpt inspect` shows: a run's store, read without taking its lock
(so it works while the run goes on) and without changing a byte.

Its cost is that of the uncommitted work: it reads the kept datasets and the
journal segments from the newest ledger's ``journal_from`` on, never the
journal of the whole run."""

from __future__ import annotations

import copy
import json
import os
import time

from qckpt.diagnostics import QckptError
from qckpt.runtime.execution.job import load_run
from qckpt.runtime.execution.ledger import apply_journal, decode_frames
from qckpt.runtime.store import HEADER, LOCK, CheckpointStore, journal_segments, store_exists
from qckpt.runtime.store.storage import LockHolder


def inspect_store(path: str) -> dict:
    if not os.path.isdir(path):
        raise QckptError(f"{path}: no such directory")
    if not store_exists(path):
        raise QckptError(f"{path} is not a qckpt checkpoint store (no {HEADER})")
    with CheckpointStore.open(path, readonly=True, create=False) as store:
        datasets = store.datasets(verify=True)
        out: dict = {"store": store.path, "fingerprint": store.fingerprint, "notes": list(store.notes)}
        out["datasets"] = [
            {
                "id": d.id,
                "name": d.name,
                "valid": d.valid,
                "checksums_ok": d.checksums_ok,
                "bytes": d.bytes,
                "levels": list(d.levels),
                "created": d.created,
                "problem": d.problem,
            }
            for d in datasets
        ]
        try:
            ledger, _program, notes, ds = load_run(store)
        except QckptError as e:
            out["run"] = None
            out["problem"] = str(e)
            ledger = None
            logical = _logical_summary(store)
            if logical is not None:
                out["logical"], out["problem"] = logical, None
        if ledger is not None:
            out["notes"] = notes
            p = ledger.plan
            out["restart_from"] = ds
            status = ledger.status
            if status == "running" and not _held(store.path):
                # Its process died (SIGKILL, a crash, a lost node) before it could commit a status.
                status = "interrupted"
                out["notes"].append("the run's process is gone without committing its status (killed or crashed): 'qckpt resume' continues it")
            out["run"] = {
                "status": status,
                "mode": p.mode,
                "shots": p.target_shots,
                "shard": list(p.shard) if p.shard != (0, 1) else None,
                "seed": p.seed,
                "batch_size": p.batch_size,
                "batches": p.shard_batches.stop - p.shard_batches.start,  # len() overflows past 2**63
                "run_batches": p.batches,
                "batches_done": len(ledger.done),
                "shots_committed": ledger.shots_done,
                "boundary_visits": ledger.visits,
                "sessions": ledger.sessions,
                "failures_survived": ledger.failures_total,
                "restarted_shots": ledger.restarted_shots,
                "resumed_shots": ledger.resumed_shots,
                "saved_visits": ledger.saved_visits,
                "lost_visits": ledger.lost_visits,
                "registers": [n for n, _ in ledger.shape],
                "counts": ledger.counts() if ledger.status == "complete" else None,
                "levels": store.recorded_levels or None,
                "last_failures": ledger.failures[-5:],
            }
        present = journal_segments.segments(store.path)
        if present:
            # Without a ledger only the newest segment is read: what the run did last.
            first = ledger.journal_from if ledger is not None else present[-1]
            reps = journal_segments.replay_from(store.path, first)
            shots = [f for _, rep in reps for f in decode_frames(list(rep))[1]]
            torn = next(((k, rep) for k, rep in reps if rep.torn_at is not None), None)
            j = {
                "segments": len(present),
                "bytes": sum(_size(journal_segments.segment_path(store.path, k)) for k in present),
                "read_segments": [k for k, _ in reps],
                "frames": sum(len(rep) for _, rep in reps),
                "torn_at": torn[1].torn_at if torn else None,
                "reason": f"segment {torn[0]}: {torn[1].reason}" if torn else None,
            }
            if ledger is not None:
                j["uncommitted_shots"] = apply_journal(copy.deepcopy(ledger), shots)
            out["journal"] = j
        out["bytes"] = _du(store.path)
    return out


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _held(store_dir: str) -> bool:
    """Whether a live process holds the store's lock, read from the lock
    file's content (taking the lock, even shared, could make a starting
    run fail). A holder on another host counts as alive."""
    try:
        with open(os.path.join(store_dir, LOCK), "rb") as f:
            holder = LockHolder.parse(f.read())
    except OSError:
        return False
    return holder is not None and holder.alive() is not False


def _du(path: str) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


def _logical_summary(store: CheckpointStore) -> dict | None:
    """Where a logical run (``docs/logical.md``) stands, from its newest intact dataset; None if it is not one."""
    from qckpt.qec.decoder import DecoderState
    from qckpt.runtime.execution.logical_commits import DECODER, RUN

    try:
        reader = store.start_restart()
        if RUN not in reader.objects():
            return None
        run = json.loads(reader.read(RUN))
        state = DecoderState.from_bytes(reader.read(DECODER))
    except (QckptError, ValueError):
        return None
    return {
        "status": "complete" if reader.info.name == "final" else "in progress",
        "round": state.layer,
        "window_start": state.start,
        "shots": run["shots"],
        "seed": run["seed"],
        "window": f"{run['window']}/{run['commit']}",
        "restart_from": reader.id,
    }


def render(info: dict) -> str:
    lines = [f"store {info['store']} (program sha256 {str(info['fingerprint'])[:12]}…), {info['bytes']} bytes on disk"]
    run = info.get("run")
    lg = info.get("logical")
    if lg is not None:
        lines.append(
            f"logical run (QEC, docs/logical.md): {lg['shots']} shots, seed {lg['seed']}, decoder window {lg['window']}; "
            f"{lg['round']} layers done, open window from layer {lg['window_start']}; status {lg['status']}; restart from: dataset {lg['restart_from']}"
        )
    elif run is None:
        lines.append(f"no run to restart: {info.get('problem', 'no valid dataset')}")
    else:
        shard = f", shard {run['shard'][0]}/{run['shard'][1]} of a run of {run['run_batches']} batches" if run.get("shard") else ""
        lines.append(
            f"run: {run['mode']} mode, {run['shots']} shots, seed {run['seed']}, batches of {run['batch_size']} "
            f"({run['batches']}){shard}; status {run['status']}"
        )
        if run.get("levels"):
            lines.append(f"levels: fast {run['levels'].get('fast')}, persistent {run['levels'].get('persistent')}")
        more = info.get("journal", {}).get("uncommitted_shots")
        lines.append(
            f"shots: {run['shots_committed']} of {run['shots']} committed"
            + (f", {more} more finished in the journal" if more else "")
            + f"; {run['batches_done']} of {run['batches']} batches done"
        )
        lines.append(
            f"boundary visits recorded: {run['boundary_visits']}; failures survived: {run['failures_survived']}; "
            f"shots cut short: {run['resumed_shots']} resumed from a boundary ({run['saved_visits']} visits not run again), "
            f"{run['restarted_shots']} started over; {run['lost_visits']} visits run again; sessions: {run['sessions']}"
        )
        lines.append(f"restart from: dataset {info['restart_from']}")
    lines.append(f"{'id':>6}  {'name':<12} {'valid':<6} {'checksums':<9} {'bytes':>8}  {'levels':<16} created")
    for d in info["datasets"]:
        ok = "ok" if d["checksums_ok"] else "BAD" if d["checksums_ok"] is False else "-"
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(d["created"]))
        lines.append(f"{d['id']:>6}  {str(d['name'] or '-'):<12} {'yes' if d['valid'] else 'NO':<6} {ok:<9} {d['bytes']:>8}  {','.join(d['levels']):<16} {when}")
        if d["problem"]:
            lines.append(f"        problem: {d['problem']}")
    j = info.get("journal")
    if j:
        state = "clean" if j["torn_at"] is None else f"torn at byte {j['torn_at']}: {j['reason']}"
        lines.append(f"journal: {j['segments']} segment(s), {j['bytes']} bytes; {j['frames']} frames since the last commit ({state})")
    for n in info.get("notes", []):
        lines.append(f"note: {n}")
    return "\n".join(lines)
