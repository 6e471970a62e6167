"""Batches as Dask tasks, on a real LocalCluster (a scheduler and worker
processes, or worker threads): bit for bit the local executor's histogram in reproducible mode,
a worker killed with SIGKILL mid-batch costs nothing and leaves no orphan,
the CLI's --cluster tcp://, the workflow session's client, and the records'
compact form."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import threading
import time

import pytest

from qckpt.runtime.execution.clusters import QUIET_CONFIG, local_cluster, quiet_worker_env
from qckpt.runtime.execution.dask_executor import DaskExecutor, WORKER_LOST, pack
from qckpt.runtime.execution.executor import Ended, QirRunnerExecutor, ShotDone
from qckpt.runtime.execution.job import JobOptions, fingerprint, resume_run, start_run
from qckpt.runtime.execution.ledger import RunPlan
from qckpt.runtime.execution.policy import FailurePolicy
from qckpt.runtime.execution.stop_signals import StopRequests
from runtime_helpers import ROOT, alive, children_of, qckpt


@pytest.fixture(scope="module")
def cluster():
    c = local_cluster(2)
    yield c
    c.close()


def _plan(prog: bytes, shots: int, batch: int, mode: str = "reproducible", seed: int = 11) -> RunPlan:
    return RunPlan(shots=shots, seed=seed, batch_size=batch, mode=mode, program_sha256=fingerprint(prog))


def test_local_cluster_is_the_local_executor_bit_for_bit(cluster, programs, tmp_path):
    prog = programs["rus"].read_bytes()
    plan = _plan(prog, 3000, 200)
    local = start_run(tmp_path / "local", prog, plan, JobOptions(workers=2))
    dask = start_run(tmp_path / "dask", prog, plan, JobOptions(executor=DaskExecutor(cluster.client)))
    assert local.status == dask.status == "complete"
    assert dask.ledger.shots_done == 3000 and not dask.failures
    assert dask.counts == local.counts
    assert 1 < dask.commits <= plan.batches + 1  # the driver commits per batch (coalesced when they come faster than it writes)


def _qir_runners_of(pid: int) -> list[int]:
    out = []
    for k in children_of(pid):
        try:
            with open(f"/proc/{k}/comm") as f:
                if "qir" in f.read() and alive(k):
                    out.append(k)
        except OSError:
            pass
    return out


def test_thread_workers_are_the_local_executor_bit_for_bit(programs, tmp_path):
    """``local_cluster(processes=False)``: the workers are threads of this
    process, each batch still one qir-runner in its own process group, and
    the histogram is the local executor's bit for bit. Made twice in one
    process: the second cluster's workers must not reuse the first's (removed)
    directories for their program files."""
    prog = programs["rus"].read_bytes()
    plan = _plan(prog, 3000, 200)
    local = start_run(tmp_path / "local", prog, plan, JobOptions(workers=2))
    for attempt in range(2):
        c = local_cluster(2, processes=False)
        try:
            assert set(c.client.run(os.getpid).values()) == {os.getpid()}  # no worker process
            dask = start_run(tmp_path / f"dask-{attempt}", prog, plan, JobOptions(executor=DaskExecutor(c.client)))
            dirs = list(c.client.run(lambda dask_worker: dask_worker.local_directory).values())
        finally:
            c.close()
        assert dask.status == "complete", dask.report
        assert dask.ledger.shots_done == 3000 and not dask.failures
        assert dask.counts == local.counts
        assert len(set(dirs)) == 2 and not any(os.path.exists(d) for d in dirs)  # Dask removed them with the workers
    assert not _qir_runners_of(os.getpid())


def test_thread_workers_kill_the_batches_a_stop_cancels(programs, tmp_path):
    """A preemption cancels the tasks in flight; a thread worker sees its
    task cancelled and kills its qir-runner, as a worker process does."""
    prog = programs["loop"].read_bytes()
    c = local_cluster(2, processes=False)
    try:
        stop = StopRequests()
        runners: list[int] = []

        def preempt() -> None:
            deadline = time.monotonic() + 60
            while not runners and time.monotonic() < deadline:
                runners.extend(_qir_runners_of(os.getpid()))
                time.sleep(0.02)
            stop.request(signal.SIGTERM)

        t = threading.Thread(target=preempt)
        t.start()
        run = start_run(tmp_path / "s", prog, _plan(prog, 1200, 300, "resume"), JobOptions(executor=DaskExecutor(c.client), stop=stop))
        t.join()
        assert runners and run.status == "preempted" and run.ledger.shots_done < 1200
        deadline = time.monotonic() + 10
        while any(alive(r) for r in runners) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(r) for r in runners), "a cancelled batch's qir-runner still runs"
        resumed = resume_run(tmp_path / "s", JobOptions(executor=DaskExecutor(c.client)))
        assert resumed.status == "complete" and resumed.ledger.shots_done == 1200
    finally:
        c.close()


def test_clusters_run_dask_chores_quietly(cluster, tmp_path):
    """The quiet settings reach the scheduler and the worker processes of a
    LocalCluster, and, as the export lines a Slurm job runs, a fresh Python."""
    want = dict(QUIET_CONFIG)

    def settings(dask_worker=None) -> dict:
        import dask

        return {k: dask.config.get(k) for k in want}

    def periods(dask_scheduler=None, dask_worker=None) -> tuple[float, float]:
        server = dask_scheduler or dask_worker
        return server.periodic_callbacks["tick"].callback_time, server.periodic_callbacks["monitor"].callback_time

    assert all(got == want for got in cluster.client.run(settings).values())
    # The scheduler runs in this process, where the settings applied while it was made: its timers show them.
    assert set(cluster.client.run(periods).values()) == {(1000, 5000)}
    assert cluster.client.run_on_scheduler(periods) == (1000, 5000)
    script = tmp_path / "job.sh"
    code = "import json, distributed, dask; print(json.dumps({k: dask.config.get(k) for k in %r}))" % list(want)
    script.write_text("\n".join([*quiet_worker_env(), f"exec {sys.executable} -c {shlex.quote(code)}", ""]))
    out = subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == want


def test_workers_keep_program_files_in_their_own_directory(cluster, programs, tmp_path):
    """Program files live in each worker's Dask local directory, which Dask
    removes with the worker: nothing is left behind in the shared temp dir."""
    prog = programs["rus"].read_bytes()
    run = start_run(tmp_path / "dask", prog, _plan(prog, 400, 100), JobOptions(executor=DaskExecutor(cluster.client)))
    assert run.status == "complete"

    def where(dask_worker) -> tuple[str, list[str]]:
        from qckpt.runtime.execution import dask_executor

        return dask_worker.local_directory, list(dask_executor._programs.values())

    for local_dir, files in cluster.client.run(where).values():
        assert all(f.startswith(os.path.join(local_dir, "qckpt-programs") + os.sep) for f in files), (local_dir, files)
    assert any(files for _, files in cluster.client.run(where).values())


def _worker_with_qir_runner(client, deadline: float) -> tuple[int, int]:
    """(worker pid, its qir-runner's pid), once a worker runs a batch."""
    while time.monotonic() < deadline:
        for pid in client.run(os.getpid).values():
            kids = [k for k in children_of(pid) if alive(k)]
            if kids:
                return pid, kids[0]
        time.sleep(0.05)
    raise AssertionError("no worker started qir-runner")


@pytest.mark.parametrize("mode", ["reproducible", "resume"])
def test_a_worker_killed_mid_batch_costs_nothing(cluster, programs, tmp_path, mode):
    prog = programs["loop"].read_bytes()
    plan = _plan(prog, 1200, 150, mode)
    seen: dict[str, int] = {}

    def kill_one() -> None:
        worker, runner = _worker_with_qir_runner(cluster.client, time.monotonic() + 60)
        os.kill(worker, signal.SIGKILL)
        seen["runner"] = runner

    killer = threading.Thread(target=kill_one)
    killer.start()
    run = start_run(tmp_path / "dask", prog, plan, JobOptions(executor=DaskExecutor(cluster.client, slots=2), policy=FailurePolicy(backoff=0.0)))
    killer.join()
    assert run.status == "complete", run.report
    assert run.ledger.shots_done == 1200 and sum(run.counts.values()) == 1200
    # The batch it ran, and one queued on it if any: each a failure the policy saw, each rerun.
    assert run.failures and {f.kind for f in run.failures} == {WORKER_LOST}
    deadline = time.monotonic() + 10
    while alive(seen["runner"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(seen["runner"]), "the killed worker's qir-runner lives on (an orphan)"
    if mode == "reproducible":
        local = start_run(tmp_path / "local", prog, plan, JobOptions(workers=2))
        assert run.counts == local.counts
    cluster.client.wait_for_workers(2, timeout=60)  # the nanny restarts the worker for the next test


def test_cli_cluster_tcp_is_the_local_run(cluster, tmp_path):
    prog = ROOT / "examples" / "repeat_until_success.qasm"
    common = [prog, "--shots", "800", "--seed", "3", "--mode", "reproducible", "--json", "--progress", "none"]
    address = cluster.cluster.scheduler_address
    dask = qckpt("run", *common, "--store", tmp_path / "dask", "--cluster", address, "--cluster-opt", "timeout=20")
    local = qckpt("run", *common, "--store", tmp_path / "local")
    assert dask.returncode == 0, dask.stderr
    assert local.returncode == 0, local.stderr
    assert json.loads(dask.stdout)["counts"] == json.loads(local.stdout)["counts"]
    resumed = qckpt("resume", tmp_path / "dask", "--cluster", address, "--json")
    assert resumed.returncode == 0 and json.loads(resumed.stdout)["counts"] == json.loads(local.stdout)["counts"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--cluster", "pbs"], "--cluster 'pbs': expected local, tcp://HOST:PORT or slurm"),
        (["--cluster", "slurm", "--cluster-opt", "nodes=3"], "--cluster-opt nodes: not an option of --cluster slurm"),
        (["--cluster", "slurm", "--cluster-opt", "jobs=two"], "--cluster-opt jobs=two: expected int"),
        (["--cluster", "slurm", "--cluster-opt", "nanny=maybe"], "--cluster-opt nanny=maybe: expected boolean"),
        (["--cluster-opt", "jobs=2"], "--cluster-opt needs --cluster tcp://HOST:PORT or --cluster slurm"),
        (["--cluster", "tcp://127.0.0.1:9", "--cluster-opt", "timeout=2"], "--cluster tcp://127.0.0.1:9: cannot reach the Dask scheduler"),
    ],
)
def test_cli_cluster_errors_are_one_line(tmp_path, args, message):
    r = qckpt("run", ROOT / "examples" / "repeat_until_success.qasm", "--shots", "10", "--store", tmp_path / "s", *args)
    assert r.returncode == 1
    assert message in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("opts, flag", [("", "--no-nanny"), ("nanny=yes", "--nanny")])
def test_slurm_worker_jobs_exec_the_worker(monkeypatch, opts, flag):
    # exec: the worker is the job's process, so scancel's SIGTERM and KillWait's SIGKILL reach it (a worker left
    # under the batch shell outlived its job); the job is what restarts, so no nanny unless asked for
    from dask_jobqueue import SLURMCluster

    from qckpt.runtime.execution.clusters import connect

    monkeypatch.setattr(SLURMCluster, "scale", lambda self, *a, **k: None)  # no sbatch: the script is what is checked
    c = connect("slurm", opts)
    try:
        command = c.cluster.job_script().strip().splitlines()[-1]
    finally:
        c.close()
    assert command.startswith(f"exec {sys.executable} -m distributed.cli.dask_worker "), command
    assert f" {flag} " in f"{command} ", command


def test_cluster_needs_a_store(tmp_path):
    r = qckpt("run", ROOT / "examples" / "repeat_until_success.qasm", "--cluster", "slurm")
    assert r.returncode == 1 and "need --store DIR" in r.stderr


def test_session_runs_on_the_client(cluster, tmp_path):
    from qckpt.workflow import Session

    src = (ROOT / "examples" / "repeat_until_success.qasm").read_text()
    results = []
    for name, kw in (("dask", {"client": cluster.client}), ("local", {})):
        with Session.open(tmp_path / name, seed=5, **kw) as s:
            results.append(s.execute(src, 400).counts)
    assert results[0] == results[1]
    with Session.open(tmp_path / "dask", seed=5, client=cluster.client) as s:  # replay: served from the log
        r = s.execute(src, 400)
    assert r.replayed and r.counts == results[0]


def test_records_travel_packed(programs):
    ex = QirRunnerExecutor().start(str(programs["loop-start"]), 300, 9)
    events = []
    while not events or not isinstance(events[-1], Ended):
        events += ex.read()
    rec = pack(events)
    back = rec.events()
    assert back == events
    assert all(isinstance(e, ShotDone) for e in back[:-1]) and len(back) == 301
    import pickle

    size = len(pickle.dumps(rec))
    assert size < 12 * 300, size  # a few bytes a shot, not the text of its records


def test_preempted_driver_stops_its_tasks_and_resumes(cluster, programs, tmp_path):
    """SIGTERM to `qckpt run --cluster tcp://...`: exit 75 without waiting for
    the batches in flight, whose workers kill their qir-runner (the tasks are
    cancelled); `qckpt resume` on the same cluster ends with exactly N shots."""
    import subprocess
    import sys

    address = cluster.cluster.scheduler_address
    store = tmp_path / "s"
    args = [programs["loop"], "--shots", "1200", "--batch-size", "300", "--seed", "2", "--json", "--progress", "none"]
    run = subprocess.Popen(
        [sys.executable, "-m", "qckpt.cli", "run", *map(str, args), "--store", str(store), "--cluster", address],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    _, runner = _worker_with_qir_runner(cluster.client, time.monotonic() + 60)
    run.send_signal(signal.SIGTERM)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 75, err
    deadline = time.monotonic() + 10
    while alive(runner) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(runner), "a cancelled batch's qir-runner still runs on its worker"
    resumed = qckpt("resume", store, "--cluster", address, "--json")
    assert resumed.returncode == 0, resumed.stderr
    got = json.loads(resumed.stdout)
    assert got["shots_done"] == 1200 and sum(got["counts"].values()) == 1200
