"""What the 10,000-case command-line fuzz (benchmarks/fuzz_cli.py) found,
one regression test each: the command as the fuzz ran it, and the clear
result it must give now."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from qckpt.passes.checkpoint_policy import nearest_to_multiples

ROOT = Path(__file__).resolve().parents[2]
RUS = str(ROOT / "examples" / "repeat_until_success.qasm")
QCKPT = [sys.executable, "-m", "qckpt.cli"]
HANG_GUARD_S = 120  # far beyond the few seconds these take; only a hang reaches it


def qckpt(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*QCKPT, *args], capture_output=True, text=True, timeout=HANG_GUARD_S, cwd=cwd)


@pytest.mark.parametrize("command", ["convert", "split"])
def test_interval_policy_with_a_denormal_mtbf_places_boundaries(tmp_path: Path, command: str) -> None:
    # Found: `--checkpoint interval --mtbf 1e-320` walked 10**300 multiples of the interval (a hang).
    out = ["-o", str(tmp_path / ("out.mlir" if command == "convert" else "segs"))]
    extra = ["--emit", "mlir"] if command == "convert" else []
    p = qckpt(command, RUS, "--checkpoint", "interval", "--mtbf", "1e-320", *extra, *out)
    assert p.returncode == 0, p.stderr
    if command == "convert":
        assert (tmp_path / "out.mlir").read_text().count("ckpt.boundary") >= 3  # every candidate: failures come constantly
    else:
        assert "wrote 3 segments" in p.stdout


def test_nearest_to_multiples_of_a_tiny_interval_chooses_every_point() -> None:
    assert nearest_to_multiples([1.0, 2.0, 3.0, 7.5], 5e-324) == [0, 1, 2, 3]
    assert nearest_to_multiples([1.0, 2.0, 3.0, 7.5], 1e-200) == [0, 1, 2, 3]
    assert nearest_to_multiples([1.0, 2.0, 3.0, 7.5], 3.0) == [2, 3]  # unchanged at ordinary sizes


@pytest.mark.parametrize("args, words", [
    (["--sync-interval", "1e30"], "--sync-interval must be at most 1e+09 seconds"),
    (["--progress-every", "1e30"], "--progress-every must be at most 1e+09 seconds"),
    (["--policy", "heartbeat=1e30"], "policy heartbeat must be at most 1e+09 seconds"),
    (["--policy", "backoff-max=1e30"], "policy backoff-max must be at most 1e+09 seconds"),
])
def test_waits_longer_than_the_os_can_time_are_one_line_errors(tmp_path: Path, args: list[str], words: str) -> None:
    # Found: `run --store S --sync-interval 1e30` died with an OverflowError traceback in the journal's sync thread.
    p = qckpt("run", RUS, "--store", str(tmp_path / "s"), "--shots", "4", *args)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert p.stderr.strip().count("\n") == 0 and words in p.stderr, p.stderr


@pytest.mark.parametrize("argv", [
    ["record", "{prog}", "/dev/full"],  # found: read /dev/full as the log, forever
    ["plot", "cost", "/dev/zero", "-o", "{tmp}/c.png"],  # the same path, through plot's program argument
])
def test_a_device_as_an_input_file_is_refused(tmp_path: Path, argv: list[str]) -> None:
    prog = tmp_path / "r.ll"
    assert qckpt("convert", RUS, "--checkpoint", "exact", "--record-mode", "streaming", "--resumable", "-o", str(prog)).returncode == 0
    p = qckpt(*[a.format(prog=prog, tmp=tmp_path) for a in argv])
    assert p.returncode == 1 and "is a device, not a file" in p.stderr and p.stderr.count("\n") == 1, p.stderr
