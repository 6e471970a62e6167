"""Paths and values that once ended in exit 70 (an internal error) or were
accepted silently: each is one clear error line now, exit 1, no traceback.
Then a bounded sample of the command-line fuzz (the 10,000-case run is
benchmarks/fuzz_cli.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

QCKPT = [sys.executable, "-m", "qckpt.cli"]
ROOT = Path(__file__).resolve().parents[2]
RUS = str(ROOT / "examples" / "repeat_until_success.qasm")
PARAM_QASM = 'OPENQASM 3.0;\ninclude "stdgates.inc";\ninput float theta;\nqubit q;\nbit c;\nrz(theta) q;\nc = measure q;\n'


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*QCKPT, *map(str, args)], capture_output=True, text=True, timeout=120, cwd=cwd)


def one_line_error(p: subprocess.CompletedProcess[str], *words: str) -> None:
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert "Traceback" not in p.stderr and "internal error" not in p.stderr, p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), p.stderr
    for w in words:
        assert w in lines[0], lines[0]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "D").mkdir()
    (tmp_path / "D.ll").mkdir()
    (tmp_path / "F").write_text("a file\n")
    (tmp_path / "p.qasm").write_text(PARAM_QASM)
    return tmp_path


@pytest.mark.parametrize(
    "args, words",
    [
        (["convert", RUS, "-o", "D"], ["D: is a directory"]),
        (["convert", RUS, "-o", "/dev/full"], ["/dev/full: cannot write: No space left on device"]),
        (["convert", RUS, "-o", "F/x"], ["F/x: cannot write: F is not a directory"]),
        (["run", "D.ll"], ["D.ll: is a directory"]),
        (["bind", "D"], ["D", "directory"]),
        (["bind-resume", "F", "D"], ["D: cannot read: Is a directory"]),
        (["run-segments", "F"], ["F/plan.json: Not a directory"]),
        (["split", RUS, "-o", "F"], ["F: not a directory"]),
        (["split", RUS, "-o", "S", "--at", "a,b"], ["--at 'a,b'"]),
        (["check-qir", "/dev/zero"], ["/dev/zero: is a device"]),
        (["run", RUS, "--shots", str(10**30)], ["--shots", "with --store DIR"]),
        (["run", RUS, "--seed", "-1"], ["--seed must be between 0 and"]),
    ],
)
def test_paths_and_numbers_are_one_line_errors(work: Path, args: list[str], words: list[str]) -> None:
    one_line_error(run(args, work), *words)


@pytest.mark.parametrize(
    "args, words",
    [
        # --param values are OpenQASM constant expressions: nan and inf are no names there,
        # and an expression that overflows is refused as not finite.
        (["convert", "p.qasm", "--param", "theta=nan"], ["--param theta", "'nan'"]),
        (["convert", "p.qasm", "--param", "theta=-inf"], ["--param theta", "'inf'"]),
        (["convert", "p.qasm", "--param", "theta=1e308*10"], ["--param 'theta=1e308*10'", "finite"]),
        (["convert", RUS, "--checkpoint", "interval", "--mtbf", "nan"], ["--mtbf must be a finite number"]),
        (["run", RUS, "--store", "S", "--policy", "heartbeat=nan"], ["policy heartbeat must be a finite number"]),
        (["run", RUS, "--store", "S", "--sync-interval", "inf"], ["--sync-interval must be a finite number"]),
        (["run", RUS, "--store", "S", "--mtbf", "-3"], ["--mtbf must be > 0"]),
    ],
)
def test_bad_values_are_refused(work: Path, args: list[str], words: list[str]) -> None:
    one_line_error(run(args, work), *words)
    assert not (work / "S").exists()  # refused before a store was made


def test_resume_record_out_of_range_or_nested_too_deep(work: Path) -> None:
    from qckpt import pipeline

    m = pipeline.qasm_to_module(Path(RUS).read_text(), "rus.qasm")
    pipeline.insert_checkpoints(m, "exact")
    (work / "r.ll").write_text(pipeline.module_to_qir(m, record_mode="streaming", resumable=True))
    rec = {"format": "qckpt-resume-record", "version": 1, "fingerprint": "0", "boundary": 0, "visit": 2**64, "values": {}}
    (work / "big.json").write_text(json.dumps(rec))
    one_line_error(run(["bind-resume", "r.ll", "big.json"], work), "visit 18446744073709551616 is out of range")
    (work / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    one_line_error(run(["bind-resume", "r.ll", "deep.json"], work), "nested too deeply")


def test_stdout_on_a_full_device(work: Path) -> None:
    with open("/dev/full", "w") as full:
        p = subprocess.run([*QCKPT, "convert", RUS], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, cwd=work)
    one_line_error(p, "cannot write to standard output: No space left on device")


def test_cli_fuzz_sample(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cli_fuzz import fuzz

    outs = fuzz(tmp_path / "fuzz", cases=120, seed=7)
    bad = [(o.problem, o.argv, o.stderr[-300:]) for o in outs if o.problem]
    assert bad == []
    assert sum(o.code == 1 for o in outs) >= 60  # the sample reaches the error paths, not only argparse
