"""Where a run's batches go: ``--cluster local|tcp://HOST:PORT|slurm``.

``local`` is the single-machine executor (qir-runner processes on this
node, :class:`~qckpt.runtime.execution.executor.QirRunnerExecutor`). The other
two reach Dask (:mod:`qckpt.runtime.execution.dask_executor`): an existing
scheduler, or a ``dask-jobqueue`` ``SLURMCluster`` that this process starts
and stops. Options come from ``--cluster-opt k=v,...`` over Dask's own
configuration (``~/.config/dask/jobqueue.yaml``, ``DASK_JOBQUEUE__SLURM__*``).

Clusters made here run their scheduler with ``allowed-failures`` 0: a worker
lost mid-batch fails that batch's task at once, and the run's failure policy
(not Dask's silent rescheduling) decides what happens, and counts it. They
also run Dask's periodic chores (:data:`QUIET_CONFIG`) less often: on a
machine whose cores all run qir-runner, every CPU second those take is a
second of simulation lost.

``dask-jobqueue`` does not replace a worker job that died (scancelled,
preempted, out of walltime): its spec stays in the cluster's plan, so neither
``scale`` nor adaptive scaling sees a worker missing. :class:`JobKeeper` does:
it drops the spec of a job whose worker came and went, and scales back up,
which submits a new job.

Worker jobs run without a nanny (the job is what restarts, so a nanny is only
one more Python process per job on the cores qir-runner uses), and the worker
*is* the job's process (``exec``): a ``scancel`` then ends it or, after
Slurm's ``KillWait``, kills it. Run under the batch shell, a worker that did
not end at once (Dask's close, interrupted by the SIGTERM, hung here in 2 of
5 runs) was left behind by the shell, out of Slurm's reach, outliving its
job. Closing the cluster cancels every job it submitted, replacements too.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from qckpt.diagnostics import QckptError


def boolean(text: str) -> bool:
    """A ``--cluster-opt`` flag: true/false, yes/no, on/off, 1/0."""
    t = text.strip().lower()
    if t in ("1", "true", "yes", "on"):
        return True
    if t in ("0", "false", "no", "off"):
        return False
    raise ValueError(text)


# --cluster-opt keys for `slurm` (SLURMCluster's arguments), and their types; `jobs` is ours: worker jobs to keep.
SLURM_OPTS: dict[str, type] = {
    "jobs": int, "cores": int, "processes": int, "memory": str, "walltime": str, "queue": str, "account": str,
    "interface": str, "local_directory": str, "log_directory": str, "python": str, "job_name": str,
    "job_extra": str,  # extra #SBATCH lines, separated by ';' (e.g. --gres=gpu:1;--constraint=fast)
    "nanny": boolean,  # a Dask nanny beside each worker (default: none; the job is what restarts)
}
TCP_OPTS: dict[str, type] = {"timeout": float, "slots": int}
KEEPER_INTERVAL = 1.0  # seconds between two looks at the worker jobs

# Dask's periodic chores, on the clusters qckpt starts. With Dask's defaults an idle LocalCluster of two worker
# processes took 1.3 CPU seconds per 10 s (scheduler 0.53, each worker 0.38), with these 0.14; every chore counted
# (benchmarks/scale_out.py measures it per process). A batch's task runs qir-runner, so none of these watch anything
# that matters to it: the event loop tick only warns, the memory is qir-runner's and not the worker's, and the
# profiler and system monitor feed a dashboard these clusters do not serve.
QUIET_CONFIG: dict[str, object] = {
    "distributed.admin.tick.interval": "1s",  # default 20 ms: 50 wake-ups a second in every process
    "distributed.admin.system-monitor.interval": "5s",  # default 500 ms of psutil readings
    "distributed.worker.memory.monitor-interval": "5s",  # default 100 ms
    "distributed.worker.profile.enabled": False,  # default: samples the task's thread every 10 ms
}


def parse_cluster_opts(text: str | None, allowed: dict[str, type], where: str) -> dict[str, object]:
    """``k=v,k=v`` into typed values; a clear one-line error for anything else."""
    out: dict[str, object] = {}
    for item in filter(None, (s.strip() for s in (text or "").split(","))):
        k, sep, v = item.partition("=")
        k = k.strip().replace("-", "_")
        if not sep or not k:
            raise QckptError(f"--cluster-opt {item!r}: expected KEY=VALUE")
        if k not in allowed:
            raise QckptError(f"--cluster-opt {k}: not an option of --cluster {where} (options: {', '.join(sorted(allowed))})")
        try:
            out[k] = allowed[k](v.strip())
        except ValueError:
            raise QckptError(f"--cluster-opt {k}={v}: expected {allowed[k].__name__}") from None
    return out


@dataclass
class Cluster:
    """A connected Dask client, and what must be stopped with it."""

    client: object  # distributed.Client
    slots: int | None  # executions to keep in flight (None: ask the scheduler)
    cluster: object | None = None  # a cluster this process started (closed with it)
    keeper: JobKeeper | None = None
    notes: list[str] = field(default_factory=list)
    submitted: list[str] = field(default_factory=list)  # ids of every batch job the cluster submitted

    def close(self) -> None:
        if self.keeper is not None:
            self.keeper.stop()
        with contextlib.suppress(Exception):
            self.client.close()
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()
        if self.submitted:
            # The cluster cancels the jobs in its plan; this also reaches one submitted as the run ended, or one
            # whose cancel failed. Cancelling a job that has ended is harmless.
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(["scancel", *self.submitted], capture_output=True, timeout=60)


def _distributed():
    try:
        import distributed
    except ImportError:
        raise QckptError("--cluster other than local needs Dask: pip install distributed dask-jobqueue") from None
    return distributed


def connect(spec: str, opts_text: str | None = None) -> Cluster | None:
    """The Dask cluster ``spec`` names; ``None`` for ``local``."""
    if spec == "local":
        if opts_text:
            raise QckptError("--cluster-opt needs --cluster tcp://HOST:PORT or --cluster slurm")
        return None
    if spec.startswith("tcp://") or spec.startswith("tls://"):
        opts = parse_cluster_opts(opts_text, TCP_OPTS, "tcp://")
        distributed = _distributed()
        try:
            client = distributed.Client(spec, timeout=opts.get("timeout", 30.0), set_as_default=False)
        except (OSError, TimeoutError) as e:
            raise QckptError(f"--cluster {spec}: cannot reach the Dask scheduler ({e})") from None
        return Cluster(client, opts.get("slots"))  # type: ignore[arg-type]
    if spec == "slurm":
        return slurm_cluster(parse_cluster_opts(opts_text, SLURM_OPTS, "slurm"))
    raise QckptError(f"--cluster {spec!r}: expected local, tcp://HOST:PORT or slurm")


@contextlib.contextmanager
def owned_scheduler_config() -> Iterator[None]:
    """The settings of a cluster qckpt starts: a worker lost mid-task fails
    the task (the run's policy retries it), and Dask's chores are quieter.
    Read when the scheduler and workers are made (a ``LocalCluster`` passes
    them on to its worker processes; Slurm jobs get them from
    :func:`quiet_worker_env`)."""
    import dask

    _distributed()  # its defaults must be loaded first: leaving the block restores the config as found
    with dask.config.set({"distributed.scheduler.allowed-failures": 0, **QUIET_CONFIG}):
        yield


def quiet_worker_env() -> list[str]:
    """:data:`QUIET_CONFIG` as ``export DASK_...`` lines, for worker
    processes started by a batch system, which read Dask's configuration
    from their environment."""
    lines = []
    for key, value in QUIET_CONFIG.items():
        name = "DASK_" + "__".join(part.upper().replace("-", "_") for part in key.split("."))
        lines.append(f"export {name}={value}")
    return lines


def local_cluster(workers: int, processes: bool = True, **kwargs) -> Cluster:
    """A ``LocalCluster`` of ``workers`` single-threaded workers, configured
    as :func:`connect`'s clusters are (tests, benchmarks, notebooks).

    ``processes=False`` makes the workers threads of this process: the
    simulation runs in qir-runner processes either way, so a worker process
    adds only CPU (its event loop, the records' serialization) to a machine
    whose cores qir-runner needs. Its price: a worker can no longer be lost
    alone (there is no worker process to kill), which is what a cluster
    spanning nodes is for."""
    distributed = _distributed()
    with owned_scheduler_config():
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None, **kwargs)
    return Cluster(distributed.Client(cluster, set_as_default=False), workers, cluster)


def slurm_cluster(opts: dict[str, object]) -> Cluster:
    """A ``SLURMCluster`` of ``jobs`` worker jobs (default 1), one worker
    process per job, one thread per core, kept at that size by a :class:`JobKeeper`."""
    import dask

    distributed = _distributed()
    try:
        from dask_jobqueue import SLURMCluster
    except ImportError:
        raise QckptError("--cluster slurm needs dask-jobqueue: pip install dask-jobqueue") from None
    jobs = int(opts.pop("jobs", 1))  # type: ignore[call-overload]
    if jobs < 1:
        raise QckptError(f"--cluster-opt jobs must be at least 1, got {jobs}")
    kw: dict[str, object] = dict(opts)
    if "job_extra" in kw:
        kw["job_extra_directives"] = [x.strip() for x in str(kw.pop("job_extra")).split(";") if x.strip()]
    kw.setdefault("processes", 1)
    # Measured at 2 workers on 2 cores: SLURMCluster 1.149x of the local executor with nannies, 1.036x and 1.070x
    # without (benchmarks/scale_out.py --quick). `--cluster-opt nanny=true` gives them back.
    kw.setdefault("nanny", False)
    # The worker replaces the batch shell, so that Slurm's signals and its KillWait SIGKILL reach it (module docstring).
    kw["python"] = "exec " + str(kw.get("python") or dask.config.get("jobqueue.slurm.python", None) or sys.executable)
    submitted: list[str] = []
    kw["job_cls"] = _recording_job_cls(submitted)
    prologue = dask.config.get("jobqueue.slurm.job-script-prologue", None) or []
    kw["job_script_prologue"] = [*prologue, *quiet_worker_env()]
    if kw.get("cores") is None and dask.config.get("jobqueue.slurm.cores", None) is None:
        kw["cores"] = 1
    if kw.get("memory") is None and dask.config.get("jobqueue.slurm.memory", None) is None:
        # Slurm is not asked for memory unless the user says how much (the partition's default applies).
        kw["memory"] = "1GiB"
        kw["job_directives_skip"] = ["--mem"]
    with owned_scheduler_config():
        try:
            cluster = SLURMCluster(**kw)
        except (ValueError, TypeError, OSError, RuntimeError) as e:
            raise QckptError(f"--cluster slurm: {e}") from None
    cluster.scale(jobs=jobs)
    slots = jobs * int(kw.get("cores") or dask.config.get("jobqueue.slurm.cores"))  # type: ignore[arg-type]
    client = distributed.Client(cluster, set_as_default=False)
    return Cluster(client, slots, cluster, JobKeeper(cluster, jobs), submitted=submitted)


def _recording_job_cls(submitted: list[str]):
    """``SLURMJob`` that appends the id of each job it submits to ``submitted``."""
    from dask_jobqueue.slurm import SLURMJob

    class RecordedSLURMJob(SLURMJob):
        async def start(self) -> None:
            try:
                await super().start()
            finally:
                if self.job_id:
                    submitted.append(str(self.job_id))

    return RecordedSLURMJob


class JobKeeper:
    """Keeps a ``dask-jobqueue`` cluster at ``jobs`` worker jobs: a job whose
    worker connected and then left (scancel, preemption, walltime) is dropped
    from the plan, and the cluster is scaled back up, which submits a new job.

    Arrivals are learnt from the scheduler itself (a plugin's ``add_worker``),
    not by polling who is connected: a job killed within one polling interval
    of its worker connecting was otherwise never seen, so never replaced."""

    def __init__(self, cluster, jobs: int, interval: float = KEEPER_INTERVAL) -> None:
        self.cluster = cluster
        self.jobs = jobs
        self.interval = interval
        self.seen: set[str] = set()  # worker names that have connected (written on the scheduler's loop)
        self.replaced: list[str] = []  # names of the jobs replaced, in order
        self._stop = threading.Event()
        self._watch_arrivals()
        self._thread = threading.Thread(target=self._run, name="qckpt-job-keeper", daemon=True)
        self._thread.start()

    def _watch_arrivals(self) -> None:
        from distributed.diagnostics.plugin import SchedulerPlugin

        seen = self.seen

        class Arrivals(SchedulerPlugin):
            def add_worker(self, scheduler, worker: str) -> None:
                ws = scheduler.workers.get(worker)
                if ws is not None:
                    seen.add(str(ws.name))

        scheduler = self.cluster.scheduler
        seen.update(str(ws.name) for ws in list(scheduler.workers.values()))
        scheduler.add_plugin(Arrivals(), name="qckpt-job-keeper")

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            with contextlib.suppress(Exception):  # a cluster closing under us: the next look or the stop ends it
                self.cluster.loop.add_callback(self.check)

    def check(self) -> None:
        """Runs on the cluster's event loop, which owns the scheduler's
        workers and the cluster's ``worker_spec`` and ``workers``."""
        if self._stop.is_set():
            return
        connected = {str(ws.name) for ws in self.cluster.scheduler.workers.values()}
        gone = [n for n in list(self.cluster.worker_spec) if self._names(n) <= self.seen and not self._names(n) & connected]
        if not gone:
            return
        for name in gone:
            self.seen.difference_update(self._names(name))
            self.replaced.append(str(name))

        async def replace() -> None:
            for name in gone:
                self.cluster.worker_spec.pop(name, None)
                job = self.cluster.workers.pop(name, None)
                if job is not None:  # a worker lost while its job still runs (a network split): cancel that job too
                    with contextlib.suppress(Exception):
                        await job.close()
            if not self._stop.is_set():  # no new job for a cluster being closed
                self.cluster.scale(jobs=self.jobs)  # a new spec (possibly under the old name) and a new job

        self.cluster.loop.add_callback(replace)

    def _names(self, name) -> set[str]:
        spec = self.cluster.worker_spec.get(name, {})
        return {str(name) + s for s in spec["group"]} if "group" in spec else {str(name)}

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
