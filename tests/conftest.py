"""Suite-wide hooks: the shared Slurm cluster (``slurm_cluster`` fixture,
see ``tests/hpc/slurm_cluster.py``), and the rule that a CI run in which
no Slurm test ran is a failed run (a skipped scheduler test would
otherwise look like a green one)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

HPC = Path(__file__).resolve().parent / "hpc"
if str(HPC) not in sys.path:
    sys.path.insert(0, str(HPC))

import slurm_cluster as _slurm  # noqa: E402

_executed = {"slurm": 0}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slurm: runs jobs on the real one-node Slurm cluster (counted: CI fails if none ran)")
    if not hasattr(config, "workerinput") and _slurm.SHARED_ENV not in os.environ:
        # the controller (or a plain run): a directory its xdist workers inherit through the environment
        os.environ[_slurm.SHARED_ENV] = tempfile.mkdtemp(prefix="qckpt-slurm-")
        config._qckpt_slurm_shared = os.environ[_slurm.SHARED_ENV]  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    shared = getattr(config, "_qckpt_slurm_shared", None)
    if shared:
        _slurm.stop(Path(shared))
        shutil.rmtree(shared, ignore_errors=True)
        os.environ.pop(_slurm.SHARED_ENV, None)


@pytest.fixture(scope="session")
def slurm_cluster(tmp_path_factory) -> _slurm.SlurmCluster:
    """The run's Slurm cluster (started on first use). Skips only when not
    root: Slurm's daemons need it. Anything else that stops the cluster is
    an error, not a skip."""
    if os.geteuid() != 0:
        pytest.skip("the Slurm tests start slurmctld/slurmd, which needs root")
    return _slurm.start_or_join(_slurm.shared_dir(tmp_path_factory.getbasetemp()))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and "slurm" in report.keywords and not report.skipped:
        _executed["slurm"] += 1


def _selects_hpc(config: pytest.Config) -> bool:
    for arg in config.args or [str(HPC.parent)]:
        p = Path(arg.split("::")[0]).resolve()
        if p == HPC or HPC in p.parents or p in HPC.parents:
            return True
    return False


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput"):
        return  # the controller counts the reports of all workers
    required = os.environ.get("CI", "").lower() in ("1", "true", "yes") or os.environ.get("QCKPT_REQUIRE_SLURM") == "1"
    if required and _executed["slurm"] == 0 and _selects_hpc(session.config) and not session.config.option.collectonly:
        tr = session.config.pluginmanager.get_plugin("terminalreporter")
        msg = "no Slurm test ran (CI needs them: run as root so tests/hpc/slurm_cluster.sh can install and start Slurm)"
        if tr is not None:
            tr.write_line(f"ERROR: {msg}", red=True)
        else:
            print(f"ERROR: {msg}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
