"""A real one-node Slurm cluster for the tests, shared by all pytest-xdist
workers of a run: the first test that asks for it starts it (through
``slurm_cluster.sh``) under a file lock; the others find it started; the
run's controller process stops it at the end (``tests/conftest.py``).

Any test can use it through the ``slurm_cluster`` fixture::

    def test_something(slurm_cluster):
        job = slurm_cluster.sbatch("--wrap", "hostname")
        assert slurm_cluster.wait(job)["JobState"] == "COMPLETED"
        subprocess.run(["squeue"], env=slurm_cluster.env)     # SLURM_CONF points at the cluster
"""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "slurm_cluster.sh"
SHARED_ENV = "QCKPT_SLURM_SHARED"  # a directory the controller and its workers share (set by tests/conftest.py)
CLUSTER = "slurm-cluster"
FINAL_STATES = {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "PREEMPTED"}


class SlurmError(Exception):
    pass


@dataclass
class SlurmCluster:
    dir: Path
    conf: Path
    env: dict[str, str] = field(repr=False, default_factory=dict)  # os.environ + SLURM_CONF + this Python's bin on PATH

    def run(self, *cmd: str, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess:
        r = subprocess.run(list(cmd), capture_output=True, text=True, env=self.env, timeout=timeout)
        if check and r.returncode != 0:
            raise SlurmError(f"{' '.join(cmd)}: exit {r.returncode}: {r.stderr.strip()}")
        return r

    def sbatch(self, *args: str, cwd: str | os.PathLike[str] | None = None) -> str:
        """Submit; returns the job id (of an array: the array's id)."""
        r = subprocess.run(["sbatch", "--parsable", *map(str, args)], capture_output=True, text=True, env=self.env, cwd=cwd, timeout=60)
        if r.returncode != 0:
            raise SlurmError(f"sbatch {' '.join(map(str, args))}: {r.stderr.strip()}")
        return r.stdout.strip().split(";")[0]

    def job(self, job_id: str) -> dict[str, str]:
        """``scontrol show job`` as a dict (of an array: its first task)."""
        out = self.run("scontrol", "show", "job", "-o", job_id).stdout.splitlines()
        if not out:
            raise SlurmError(f"no job {job_id}")
        return _fields(out[0])

    def jobs(self, job_id: str) -> list[dict[str, str]]:
        return [_fields(line) for line in self.run("scontrol", "show", "job", "-o", job_id).stdout.splitlines() if line.strip()]

    @staticmethod
    def is_final(info: dict[str, str]) -> bool:
        return info["JobState"] in FINAL_STATES

    def wait(self, job_id: str, timeout: float = 180, until=None) -> dict[str, str]:
        """Poll until every task of the job is in a final state (or ``until(info)`` holds)."""
        deadline = time.monotonic() + timeout
        while True:
            infos = self.jobs(job_id)
            if until is not None:
                if until(infos[0]):
                    return infos[0]
            elif infos and all(i["JobState"] in FINAL_STATES for i in infos):
                return infos[0]
            if time.monotonic() > deadline:
                raise SlurmError(f"job {job_id} is still {[i['JobState'] for i in infos]} after {timeout:g} s; logs in {self.dir}")
            time.sleep(0.25)


def _fields(line: str) -> dict[str, str]:
    out = {}
    for m in re.finditer(r"(\S+?)=(\S*)", line):
        out.setdefault(m[1], m[2])
    return out


def shared_dir(fallback: Path) -> Path:
    return Path(os.environ.get(SHARED_ENV) or fallback)


def start_or_join(shared: Path) -> SlurmCluster:
    """The cluster of this run: started by the first caller, under a lock."""
    shared.mkdir(parents=True, exist_ok=True)
    d = shared / CLUSTER
    with open(shared / "slurm.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (d / "failed").exists():
            raise SlurmError((d / "failed").read_text())
        if not (d / "env").exists():
            r = subprocess.run(["bash", str(SCRIPT), "start", str(d)], capture_output=True, text=True, timeout=900)
            if r.returncode != 0:
                d.mkdir(parents=True, exist_ok=True)
                (d / "failed").write_text(f"the Slurm cluster did not start: {r.stderr.strip()[-2000:]}")
                raise SlurmError((d / "failed").read_text())
    conf = d / "slurm.conf"
    env = {**os.environ, "SLURM_CONF": str(conf)}
    env["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), env.get("PATH", "")])
    for k in [k for k in env if k.startswith("SLURM_") and k != "SLURM_CONF"]:
        del env[k]  # a test run inside a Slurm job must not pass that job's identity to the jobs it submits
    return SlurmCluster(d, conf, env)


def stop(shared: Path) -> None:
    d = shared / CLUSTER
    if (d / "slurm.conf").exists():
        subprocess.run(["bash", str(SCRIPT), "stop", str(d)], capture_output=True, text=True, timeout=120)
