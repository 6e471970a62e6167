"""Scale-out on Dask: shots per second at 1 and 2 workers for the local
executor, a LocalCluster and a SLURMCluster (on the one-node Slurm of
tests/hpc), the Dask overhead against the local executor at equal workers,
and a model of throughput and commit traffic at 10, 100 and 1000 workers,
checked against these measurements.

    .venv/bin/python benchmarks/scale_out.py [--quick] [--no-slurm] [--out docs/benchmarks.md]

- The program is runtime_overhead.py's 10-qubit one (``trotter_loop(10, 4)``,
  streaming records, resumable), 10,000 shots in 16 batches, ``resume`` mode,
  store on the local disk. Clusters are started once, before the timed runs
  (their start-up is reported apart); rounds alternate the executors and each
  figure is the minimum of the rounds (the machine is shared).
- The driver's CPU cost per shot (unpacking a batch, the ledger, the journal
  frame) and per batch (a task's submit, scheduling and result, with the
  scheduler in the driver's process as both clusters have it, and the
  ledger's encoding for its commit) are timed on those code paths
  (``driver_costs``); with the commit time and bytes they are the model's
  input. The workers' own rate is the 1-worker rate.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests" / "hpc"))

from benchlib.report import Section, command_line, run_line  # noqa: E402
from runtime_overhead import program  # noqa: E402

from qckpt.runtime.execution.clusters import connect, local_cluster  # noqa: E402
from qckpt.runtime.execution.dask_executor import DaskExecutor  # noqa: E402
from qckpt.runtime.execution.job import JobOptions, fingerprint, start_run  # noqa: E402
from qckpt.runtime.execution.ledger import RunPlan  # noqa: E402

import logging  # noqa: E402

logging.getLogger("distributed").setLevel(logging.WARNING)
SECTION = Section("scale_out")
WORKER_COUNTS = (10, 100, 1000)
PFS_COMMIT_S = 0.05  # assumed: one commit (4 files, fsyncs, renames) on a busy parallel file system
TARGET = 1.10


def one_run(prog: bytes, shots: int, batch: int, work: Path, executor=None, workers: int | None = None) -> dict:
    store = work / f"store-{time.monotonic_ns()}"
    plan = RunPlan(shots=shots, seed=5, batch_size=batch, mode="resume", program_sha256=fingerprint(prog))
    c0, t0 = time.process_time(), time.perf_counter()
    res = start_run(store, prog, plan, JobOptions(workers=workers, executor=executor))
    t, cpu = time.perf_counter() - t0, time.process_time() - c0
    assert res.status == "complete" and res.ledger.shots_done == shots, res.report
    journal = (store / "journal").stat().st_size
    shutil.rmtree(store)
    return {"s": t, "cpu": cpu, "commits": res.commits, "commit_s": res.commit_seconds, "bytes": res.committed_bytes, "journal": journal}


def measure(args, work: Path) -> dict:
    src, _ = program(10, work)
    prog = src.read_bytes()
    shots, batch = args.shots, max(1, args.shots // 16)
    clusters: dict[str, dict[int, object]] = {"local": {1: None, 2: None}}
    startup: dict[str, float] = {}
    opened = []
    t0 = time.perf_counter()
    clusters["LocalCluster"] = {}
    for w in (1, 2):
        c = local_cluster(w)
        opened.append(c)
        clusters["LocalCluster"][w] = c
    startup["LocalCluster"] = (time.perf_counter() - t0) / 2
    rows: dict[tuple[str, int], list[dict]] = {}
    paired: dict[tuple[str, int], list[float]] = {}  # a Dask run over the local run just before it, same workers
    last_local: dict[int, float] = {}

    def timed(name: str, w: int, c, rnd: int) -> None:
        r = one_run(prog, shots, batch, work, None if c is None else DaskExecutor(c.client, slots=w), None if c is not None else w)
        rows.setdefault((name, w), []).append(r)
        if c is None:
            last_local[w] = r["s"]
        else:
            paired.setdefault((name, w), []).append(r["s"] / last_local[w])
        print(f"[round {rnd + 1}] {name} {w} worker(s): {r['s']:.2f} s, driver CPU {r['cpu']:.2f} s, load {os.getloadavg()[0]:.1f}", file=sys.stderr)

    try:
        for rnd in range(args.repeat):
            for w in (1, 2):
                for name, by_w in clusters.items():
                    timed(name, w, by_w[w], rnd)
        a, b = driver_costs(clusters["LocalCluster"][1].client, work)
    finally:
        for c in opened:
            c.close()
    if args.slurm:
        # One SLURMCluster at a time: the one-node Slurm has two CPUs, one per worker job.
        import slurm_cluster as sc

        slurm_dir = Path(tempfile.mkdtemp(prefix="qckpt-bench-slurm-"))
        # A SIGTERM (a job's time limit, a kill) unwinds like Ctrl-C, so the finally below stops the daemons.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        try:
            os.environ.update(sc.start_or_join(slurm_dir).env)
            for w in (1, 2):
                t0 = time.perf_counter()
                c = connect("slurm", f"jobs={w},cores=1,job_name=qckpt-bench-{w},log_directory={work / 'logs'}")
                try:
                    c.client.wait_for_workers(w, timeout=120)
                    startup[f"SLURMCluster {w}w"] = time.perf_counter() - t0
                    for rnd in range(args.repeat):
                        timed("local", w, None, rnd)
                        timed("SLURMCluster", w, c, rnd)
                finally:
                    c.close()
        finally:
            sc.stop(slurm_dir)
            shutil.rmtree(slurm_dir, ignore_errors=True)
    best = {k: min(v, key=lambda r: r["s"]) for k, v in rows.items()}
    big = min(rows[("LocalCluster", 2)], key=lambda r: r["cpu"])
    commit_s = sorted(x for v in rows.values() for r in v for x in r["commit_s"])
    return {
        "shots": shots, "batch": batch, "best": best, "all": rows, "paired": paired, "startup": startup,
        "a": a, "b": b, "commit_median": commit_s[len(commit_s) // 2], "bytes_per_commit": big["bytes"] / max(1, big["commits"]),
        "journal_per_shot": big["journal"] / shots,
    }


def driver_costs(client, work: Path, shots: int = 20000, tasks: int = 100) -> tuple[float, float]:
    """The driver's CPU per shot (a): what it does for each shot of a returned
    batch (unpack, ledger, journal frame), timed on its own code over a packed
    batch of ``shots``; and per batch (b): a task's submit, scheduling and
    result (the scheduler runs in this process) plus a commit's ledger
    encoding, from ``tasks`` no-op batches in a row."""
    from qckpt.runtime.execution.dask_executor import pack
    from qckpt.runtime.execution.executor import Ended, ShotDone
    from qckpt.runtime.execution.ledger import Ledger, shot_frame
    from qckpt.runtime.store.journal import Journal

    keys = [format(i, "010b") for i in range(1024)]
    rec = pack([ShotDone(keys[(i * 7919) % 1024], 4, (("m", 10),)) for i in range(shots)] + [Ended(None)])
    ledger = Ledger(RunPlan(shots=shots, seed=1, batch_size=shots, mode="resume", program_sha256="0" * 64))
    journal = Journal.open(str(work / "fit-journal"), sync_interval=1.0)
    c0 = time.process_time()
    for seq, ev in enumerate(rec.events()[:-1]):
        ledger.add(0, "0.0", ev.key, ev.visits)
        journal.append(shot_frame(0, 0, 0, seq, ev.visits, ev.key))
    a = (time.process_time() - c0) / shots
    journal.close()
    c0 = time.process_time()
    for i in range(tasks):
        client.submit(pack, [Ended(None)], key=f"qckpt-fit-{time.monotonic_ns()}-{i}", pure=False).result()
        ledger.to_bytes()
    b = (time.process_time() - c0) / tasks
    return a, b


def model(m: dict, workers: int, batch: int) -> dict:
    """Throughput is the least of what the workers make and what the driver
    (one core: loop, journal, client, scheduler) can take; commits are one per
    batch, coalesced by the committer when they come faster than it writes."""
    rate = m["shots"] / m["best"][("LocalCluster", 1)]["s"]  # one worker's shots per second, Dask included
    demand = workers * rate
    driver_max = 1.0 / (m["a"] + m["b"] / batch)
    thr = min(demand, driver_max)
    commits_wanted = thr / batch
    commits = min(commits_wanted, 1.0 / PFS_COMMIT_S)
    return {
        "workers": workers, "batch": batch, "demand": demand, "driver_max": driver_max, "throughput": thr,
        "bound": "workers" if demand <= driver_max else "driver", "commits_wanted": commits_wanted, "commits": commits,
        "commit_bytes": commits * m["bytes_per_commit"], "journal_bytes": thr * m["journal_per_shot"],
        "driver_load": thr * (m["a"] + m["b"] / batch),
    }


def render(cmd: str, m: dict, slurm: bool) -> str:
    best, shots = m["best"], m["shots"]
    out = ["## Scale-out on Dask", "", f"- Command: `{cmd}`", run_line(load_note=" (the machine is shared)")]
    out.append(
        f"- Program: runtime_overhead.py's 10-qubit one (`trotter_loop(10, 4)`, streaming records, resumable); {shots} shots in batches of "
        f"{m['batch']}, `resume` mode, store on the local disk. Clusters started before the timed runs (start-up, per cluster: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in m["startup"].items()) + "); minimum of the rounds (alternated)."
        + ("" if slurm else " SLURMCluster not measured (--no-slurm, or not root).")
    )
    out += ["", "| executor | workers | wall s | shots/s | best against best local, equal workers | against the local run just before it (best pair) |", "|---|---:|---:|---:|---:|---:|"]
    verdicts = []
    for w in (1, 2):
        for name in ("local", "LocalCluster", "SLURMCluster"):
            r = best.get((name, w))
            if r is None:
                continue
            ratio = r["s"] / best[("local", w)]["s"]
            pair = min(m["paired"].get((name, w), [0.0]))
            if name != "local":
                verdicts.append((name, w, pair))
            cells = "| |" if name == "local" else f"| {ratio:.3f}× | {pair:.3f}× |"
            out.append(f"| {name} | {w} | {r['s']:.2f} | {shots / r['s']:.0f} {cells}")
    out.append("")
    out.append(
        "Target: Dask at most 10% slower than the local executor at equal workers, judged on the pairs (each Dask run against the "
        "local run made just before it, which saw the nearest load of this shared machine): "
        + "; ".join(f"{n} {w}w {x:.3f}× **{'PASS' if x <= TARGET else 'FAIL'}**" for n, w, x in verdicts)
        + ". Wall times of every round: "
        + "; ".join(f"{k[0]} {k[1]}w " + ", ".join(f"{r['s']:.2f}" for r in v) for k, v in m["all"].items())
        + "."
    )
    out += ["", "### A model at 10, 100 and 1000 workers", ""]
    out.append(
        f"Measured inputs: one worker's rate {shots / best[('LocalCluster', 1)]['s']:.0f} shots/s (LocalCluster, 1 worker); the driver's CPU "
        f"a = {1e6 * m['a']:.1f} µs per shot (journal frame, ledger, unpacking) and b = {1e3 * m['b']:.2f} ms per batch (submit, scheduler, "
        f"result, commit hand-off), timed on the driver's own code paths (`driver_costs`); a commit writes {m['bytes_per_commit'] / 1024:.1f} KiB "
        f"(ledger + program) in {1e3 * m['commit_median']:.1f} ms here (median; assumed {1e3 * PFS_COMMIT_S:.0f} ms on a busy parallel file "
        f"system); the journal takes {m['journal_per_shot']:.1f} bytes a shot."
    )
    out += ["", "| workers | batch | workers could make (shots/s) | driver can take (shots/s) | throughput | bound by | driver core busy | commits/s (wanted → written) | commit + journal traffic |", "|---:|---:|---:|---:|---:|---|---:|---|---:|"]
    check = [model(m, w, m["batch"]) for w in (1, 2)]
    for w in WORKER_COUNTS:
        for batch in (m["batch"], max(m["batch"], int(2 * w * shots / best[("LocalCluster", 1)]["s"]))):
            p = model(m, w, batch)
            out.append(
                f"| {w} | {batch} | {p['demand']:.0f} | {p['driver_max']:.0f} | {p['throughput']:.0f} | {p['bound']} | {100 * min(1, p['driver_load']):.0f}% | "
                f"{p['commits_wanted']:.1f} → {p['commits']:.1f} | {(p['commit_bytes'] + p['journal_bytes']) / 1024:.0f} KiB/s |"
            )
    out.append("")
    out.append(
        "Check against the measurements: the model gives "
        + ", ".join(f"{p['throughput']:.0f} shots/s at {p['workers']} worker(s) (measured, LocalCluster: {shots / best[('LocalCluster', p['workers'])]['s']:.0f})" for p in check)
        + ". At 2 workers on this 2-core machine the driver shares its cores with the workers, which the model (a driver core of its own) does not charge."
    )
    out.append("")
    rate = shots / best[("LocalCluster", 1)]["s"]
    limit = 1.0 / (m["a"] + m["b"] / m["batch"])
    out.append(
        f"Reading: one driver takes at most {limit:.0f} shots/s with batches of {m['batch']} (its per-shot cost a and per-batch cost b), "
        f"so with this program ({rate:.0f} shots/s a worker) it is the bottleneck from about {limit / rate:.0f} workers on, and "
        "larger batches only move that to 1/a. The store is never the bottleneck of the shots: the committer coalesces commits it cannot "
        "keep up with (each commit is the cumulative ledger), so a slow parallel file system bounds how fresh the newest checkpoint is, "
        "not the throughput; the journal adds its bytes per shot, written by the driver alone. The second row of each worker count sizes "
        "batches so that each task runs about 2 s (batch ≈ 2 × workers' rate), which keeps batches/s at workers/2 and commits at the "
        "store's pace. What would change at 100 and 1000 workers: batches growing with the workers (today the default plan is a "
        "function of the shot count alone, so that one command gives one histogram on any cluster: a user sets `--batch-size`), and "
        "when the per-shot cost a binds, journal and ledger frames per batch instead of per shot (a Dask batch arrives whole, so "
        "per-shot journaling buys nothing there), then several drivers, one per shard (`--shard`, merged with `qckpt merge`). "
        "Per-worker journals are not needed: workers write nothing to the store."
    )
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="3,000 shots, one round")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-slurm", dest="slurm", action="store_false", help="leave out the SLURMCluster (it needs root to start Slurm)")
    ap.add_argument("--out", type=Path, help="rewrite this file's scale_out section")
    args = ap.parse_args()
    args.shots = 3000 if args.quick else 10_000
    args.repeat = 1 if args.quick else args.repeat
    if args.slurm and os.geteuid() != 0:
        print("note: not root: the SLURMCluster is left out", file=sys.stderr)
        args.slurm = False
    with tempfile.TemporaryDirectory(prefix="qckpt-bench-") as d:
        m = measure(args, Path(d))
    section = render(command_line(), m, args.slurm)
    print(section)
    if args.out:
        SECTION.write_body(args.out, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
