"""Each worked workload, killed with a real SIGKILL at a random iteration and
resumed with the same command: its results must be bit-identical to an
uninterrupted run with the same seed, and the resumed process must run
exactly the executions the log does not hold."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from qckpt.workflow import execution_log
from qckpt.workflow.execution_log import LOG_NAME

# Small versions of the examples (their defaults are in docs/workflows.md).
WORKLOADS = {
    "vqe": ("vqe", ["--iterations", "8", "--shots", "200"]),
    "qaoa": ("qaoa", ["--iterations", "8", "--shots", "64"]),
    "falqon": ("falqon", ["--iterations", "8", "--shots", "32", "--final-shots", "200"]),
    "trotter": ("trotter", ["--iterations", "8", "--shots", "100"]),
    "trotter-replay": ("trotter", ["--iterations", "8", "--shots", "100", "--resume", "replay"]),
}
FAST_PATH = {"falqon", "trotter"}  # state complete: they restart from the last checkpoint
ITERATIONS = 8

_references: dict[str, object] = {}


def reference(examples, tmp_path_factory, workload: str):
    if workload not in _references:
        example, args = WORKLOADS[workload]
        run = examples.run(example, tmp_path_factory.mktemp(f"ref-{workload}"), args)
        assert run.returncode == 0, run.stderr
        assert run.doc["stats"]["executions_live"] == len(run.calls)
        _references[workload] = run
    return _references[workload]


def canonical(result: dict) -> str:
    return json.dumps(result, sort_keys=True)


@pytest.mark.parametrize("workload", sorted(WORKLOADS))
def test_killed_at_a_random_iteration_then_resumed_is_bit_identical(workload: str, examples, tmp_path: Path, tmp_path_factory) -> None:
    example, args = WORKLOADS[workload]
    ref = reference(examples, tmp_path_factory, workload)
    total = len(ref.calls)
    rng = random.Random()
    after = rng.randint(1, ITERATIONS - 2)
    store = tmp_path / "store"
    killed = examples.run_killed(example, store, args, after, rng)
    assert killed.returncode == -9, f"the driver was not killed (after iteration {after}): {killed.stderr}"
    logged = len(execution_log.read(store / LOG_NAME).executions)
    where = f"killed after {killed.killed_after} iterations, {logged} executions logged"
    # Every execution the killed run finished is in the log; at most the one in flight was lost.
    assert logged <= len(killed.calls) <= logged + 1, where

    resumed = examples.run(example, store, args)
    assert resumed.returncode == 0, resumed.stderr
    assert canonical(resumed.doc["result"]) == canonical(ref.doc["result"]), where
    stats = resumed.doc["stats"]
    # After the restart, exactly the executions not yet done reach qir-runner.
    assert len(resumed.calls) == total - logged, where
    assert stats["executions_live"] == total - logged
    assert sum(resumed.calls) == sum(ref.calls[logged:]), where  # the same shots, too
    if workload in FAST_PATH:
        assert stats["restored_from"] is not None and stats["restored_from"] >= after - 1, where
        # Executions before the checkpoint are skipped; those after it come from the log.
        assert stats["skipped_executions"] + stats["executions_replayed"] == logged, where
    else:
        assert stats["restored_from"] is None
        assert stats["executions_replayed"] == logged, where
        assert stats["iterations_replayed"] >= after, where


def test_ctrl_c_stops_with_one_line_and_the_same_command_resumes(examples, tmp_path: Path, tmp_path_factory) -> None:
    import signal

    example, args = WORKLOADS["trotter"]
    ref = reference(examples, tmp_path_factory, "trotter")
    store = tmp_path / "store"
    stopped = examples.run_killed(example, store, args, 2, random.Random(), sig=signal.SIGINT)
    assert stopped.returncode == 130, stopped
    assert 3 <= len(stopped.calls) < ITERATIONS  # stopped inside the run, at the execution after iteration 2
    assert stopped.stderr.strip() == f"interrupted; run the same command again to resume from {store}", stopped.stderr
    resumed = examples.run(example, store, args)
    assert resumed.returncode == 0, resumed.stderr
    assert canonical(resumed.doc["result"]) == canonical(ref.doc["result"])


def with_flags(args: list[str], **flags: str) -> list[str]:
    """``args`` with each ``--name value`` in ``flags`` set (underscores for dashes)."""
    out, pending = list(args), {f"--{k.replace('_', '-')}": v for k, v in flags.items()}
    for i in range(0, len(out) - 1):
        if out[i] in pending:
            out[i + 1] = pending.pop(out[i])
    for k, v in pending.items():
        out += [k, v]
    return out


@pytest.mark.parametrize(
    ("workload", "changed"),
    [
        ("vqe", {"shots": "201"}),
        ("qaoa", {"shots": "65"}),
        ("falqon", {"shots": "33", "resume": "replay"}),
        ("trotter-replay", {"shots": "101"}),
    ],
)
def test_a_changed_driver_is_refused_with_the_iteration_and_nothing_is_mixed(workload: str, changed: dict, examples, tmp_path: Path) -> None:
    example, args = WORKLOADS[workload]
    args = with_flags(args, iterations="2", resume="replay") if example in ("falqon", "trotter") else with_flags(args, iterations="2")
    store = tmp_path / "store"
    first = examples.run(example, store, args)
    assert first.returncode == 0, first.stderr
    log_before = (store / LOG_NAME).read_bytes()
    again = examples.run(example, store, with_flags(args, **changed))
    assert again.returncode == 1
    err = again.stderr.strip()
    assert "\n" not in err and "Traceback" not in again.stderr, again.stderr
    old = args[args.index("--shots") + 1]
    assert err.startswith(f"error: replay diverged at iteration 0, execution 0: {changed['shots']} shots asked for, the log has {old};"), err
    assert again.calls == []  # refused before anything ran
    assert (store / LOG_NAME).read_bytes() == log_before
