"""A CI run in which no Slurm test ran fails: skipped scheduler tests must
not pass for green ones (tests/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _pytest(*args: str, **env: str) -> subprocess.CompletedProcess:
    e = {k: v for k, v in os.environ.items() if k not in ("CI", "QCKPT_REQUIRE_SLURM", "QCKPT_SLURM_SHARED", "PYTEST_XDIST_WORKER")}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", *args], capture_output=True, text=True, cwd=ROOT, env={**e, **env}, timeout=120)


def test_a_ci_run_without_slurm_tests_fails():
    # -k selects no Slurm test, as a run that skipped them all would execute none
    r = _pytest("tests/hpc/test_slurm_recipes.py", "-k", "no_such_test", CI="true")
    assert r.returncode == 1 and "no Slurm test ran" in r.stdout, r.stdout + r.stderr
    r = _pytest("tests/hpc/test_slurm_recipes.py", "-k", "no_such_test", QCKPT_REQUIRE_SLURM="1")
    assert r.returncode == 1 and "no Slurm test ran" in r.stdout
    # outside CI, or when the run does not include tests/hpc, nothing changes
    r = _pytest("tests/hpc/test_slurm_recipes.py", "-k", "no_such_test")
    assert r.returncode == 5 and "no Slurm test ran" not in r.stdout
    r = _pytest("tests/runtime/test_journal.py", "-k", "no_such_test", CI="true")
    assert r.returncode == 5 and "no Slurm test ran" not in r.stdout
