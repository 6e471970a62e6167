"""`qckpt run --cluster slurm` on the real one-node Slurm: dask-jobqueue's
SLURMCluster submits a worker job; scancelled mid-run, that job is replaced
(a new job appears in squeue), and the run still ends with exactly its shots,
bit for bit the histogram of an uninterrupted local run; once it has ended,
no job of its cluster and no process of those jobs is left."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from qckpt.runtime.execution.job import load_run
from qckpt.runtime.store import CheckpointStore
from slurm_cluster import FINAL_STATES

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = ROOT / "examples" / "repeat_until_success.qasm"
SHOTS = 24000

pytestmark = pytest.mark.slurm


def _shots_done(store: Path) -> int:
    try:
        with CheckpointStore.open(store, readonly=True, create=False) as st:
            return load_run(st)[0].shots_done
    except Exception:  # not there yet, or being written
        return 0


def _jobs(slurm_cluster, name: str) -> list[str]:
    out = slurm_cluster.run("squeue", "-h", "-n", name, "-o", "%i %T").stdout.split("\n")
    return [line.split()[0] for line in out if line.strip() and line.split()[1] in ("RUNNING", "PENDING", "CONFIGURING")]


def _left_behind(slurm_cluster, name: str) -> list[str]:
    """Jobs named ``name`` not yet ended (COMPLETING too: it still holds its CPUs), and live processes of any of
    them (a worker that escaped its job, found by the job id in its environment)."""
    jobs = dict(line.split() for line in slurm_cluster.run("squeue", "-h", "-t", "all", "-n", name, "-o", "%i %T").stdout.splitlines() if line.strip())
    left = [f"job {i} {state}" for i, state in jobs.items() if state not in FINAL_STATES]
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            env = dict(v.split("=", 1) for v in open(f"/proc/{pid}/environ", "rb").read().decode(errors="replace").split("\0") if "=" in v)
            cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone, or not ours to read
            continue
        if env.get("SLURM_CONF") == str(slurm_cluster.conf) and env.get("SLURM_JOB_ID") in jobs:
            left.append(f"pid {pid} of job {env['SLURM_JOB_ID']}: {cmd[:200]}")
    return left


def _until(what, timeout: float, why: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = what()
        if got:
            return got
        time.sleep(0.2)
    raise AssertionError(why)


def test_a_scancelled_worker_job_is_replaced_and_costs_nothing(slurm_cluster, tmp_path):
    common = [str(PROGRAM), "--shots", str(SHOTS), "--seed", "4", "--batch-size", "1000", "--mode", "reproducible", "--json", "--progress", "none"]
    cli = [sys.executable, "-m", "qckpt.cli", "run"]
    local = subprocess.run([*cli, *common, "--store", str(tmp_path / "local")], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert local.returncode == 0, local.stderr

    name = f"qckpt-dask-{uuid.uuid4().hex[:8]}"
    store = tmp_path / "dask"
    opts = f"jobs=1,cores=1,walltime=00:10:00,job_name={name},log_directory={tmp_path / 'logs'}"
    run = subprocess.Popen(
        [*cli, *common, "--store", str(store), "--cluster", "slurm", "--cluster-opt", opts],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=slurm_cluster.env, cwd=tmp_path,
    )
    try:
        first = _until(lambda: _jobs(slurm_cluster, name), 60, "the SLURMCluster submitted no worker job")[0]
        script = slurm_cluster.run("scontrol", "write", "batch_script", first, "-").stdout
        assert "export DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL=1s" in script, script  # the workers run Dask's chores quietly
        assert "\nexec " in script and "--no-nanny" in script, script  # the worker is the job's process, no nanny beside it
        _until(lambda: _shots_done(store) > 0, 120, "the worker job committed no batch")
        assert _shots_done(store) < SHOTS, "the run ended before the scancel: make it longer"
        slurm_cluster.run("scancel", first)
        try:
            _until(lambda: [j for j in _jobs(slurm_cluster, name) if j != first], 60, "no replacement worker job appeared in squeue")
        except AssertionError:
            run.kill()
            _, err = run.communicate()
            jobs = slurm_cluster.run("squeue", "-h", "-o", "%i %j %T %r").stdout
            raise AssertionError(f"no replacement worker job appeared in squeue; shots done {_shots_done(store)}; squeue:\n{jobs}\nstderr:\n{err[-3000:]}") from None
        out, err = run.communicate(timeout=180)
    finally:
        if run.poll() is None:
            run.kill()
            run.communicate()
    assert run.returncode == 0, err
    got = json.loads(out)
    assert got["shots_done"] == SHOTS and sum(got["counts"].values()) == SHOTS
    assert got["counts"] == json.loads(local.stdout)["counts"]
    try:
        _until(lambda: not _left_behind(slurm_cluster, name), 30, "")
    except AssertionError:
        raise AssertionError("30 s after the run ended, its cluster left behind:\n" + "\n".join(_left_behind(slurm_cluster, name))) from None
