"""The whole-corpus fault injection (``benchmarks/restore_fault_injection.py``)
takes hours, so it keeps its results in a file and continues a killed run.
A run killed between its parts and continued must run no key twice and
report exactly what an uninterrupted run reports."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "restore_fault_injection.py"
# A loop whose reset target is dead at the iteration start, and teleportation:
# 17 restorable boundaries in 5 program/policy pairs.
ARGS = ["--programs", "restore_loop_reset,teleport_ry", "--shots", "100", "--control-shots", "0"]


def run(results: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(SCRIPT), *ARGS, "--results", str(results), *extra],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def finish(proc: subprocess.Popen) -> str:
    out, _ = proc.communicate(timeout=900)
    assert proc.returncode == 0, out
    return out


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def report(results: Path) -> list[str]:
    """The rendered report without the lines that name the run (its command, date and time)."""
    text = finish(run(results, "--render-only"))
    return [line for line in text.splitlines() if not line.startswith(("- Command", "- Rendered", "- Time"))]


def test_a_killed_run_continues_without_running_a_key_twice_and_reports_the_same(tmp_path: Path) -> None:
    whole = tmp_path / "whole.jsonl"
    finish(run(whole))
    checks = {tuple(r["key"]): r["check"] for r in lines(whole) if r["key"][0] == "check"}
    assert len(checks) == 17 and all(c["errors"] == 0 and c["wrong_state"] == 0 for c in checks.values())

    parts = tmp_path / "parts.jsonl"
    # Part 1, killed as soon as its first boundary check is on disk.
    first = run(parts)
    deadline = time.monotonic() + 600
    while not (parts.exists() and '"check"' in parts.read_text()):
        assert first.poll() is None and time.monotonic() < deadline, "part 1 ended before its first check was written"
        time.sleep(0.02)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    before = lines(parts)
    assert not any(r["key"][0] == "done" and r["key"][1:] == ["teleport_ry", "interval"] for r in before)
    # What a kill in the middle of a write leaves: a line without its end.
    with open(parts, "a") as f:
        f.write('{"key": ["check", "teleport_ry", "every", 1')
    # Part 2 continues to the end.
    finish(run(parts))

    keys = [tuple(r["key"]) for r in lines(parts)]
    assert len(keys) == len(set(keys)), "a key was run twice"
    assert {tuple(r["key"]) for r in before} <= set(keys)
    continued = {tuple(r["key"]): r["check"] for r in lines(parts) if r["key"][0] == "check"}
    assert continued == checks
    assert report(parts) == report(whole)


def test_a_results_file_of_other_settings_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"key": ["control", "cap"], "settings": {"shots": 7, "delta": 1.0, "seed": 11}, "fails": True, "line": "-"}) + "\n")
    proc = subprocess.run([sys.executable, str(SCRIPT), *ARGS, "--results", str(path), "--render-only"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode != 0
    assert "r.jsonl:1: made with {'shots': 7" in proc.stderr and "Traceback" not in proc.stderr
