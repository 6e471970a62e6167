"""The command line without surprises (issue 19): stdin/stdout, --param
expressions and binding, --version, bare help, examples in every --help,
--top/--min-count, zero-boundary warnings, record, and xdsl-opt's handling
of our passes' errors. Each runs the real command as a user would."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
QCKPT = [sys.executable, "-m", "qckpt.cli"]
XDSL_OPT = str(Path(sys.executable).parent / "xdsl-opt")


def qckpt(*args: str, stdin: bytes | str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    text = not isinstance(stdin, bytes)
    return subprocess.run([*QCKPT, *args], input=stdin, capture_output=True, text=text, timeout=300, cwd=cwd)


def counts_json(proc) -> dict:
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_bare_qckpt_prints_help_and_exits_0():
    p = qckpt()
    assert p.returncode == 0 and "usage: qckpt" in p.stdout and "convert" in p.stdout and p.stderr == ""


def test_version_names_the_tools():
    from importlib import metadata

    p = qckpt("--version")
    assert p.returncode == 0
    assert f"pyqir {metadata.version('pyqir')}" in p.stdout and f"xdsl {metadata.version('xdsl')}" in p.stdout
    assert re.search(r"qir-runner \d+\.\d+\.\d+", p.stdout), p.stdout


def test_every_subcommand_help_ends_with_examples_and_environment():
    from qckpt.cli.parser import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert len(sub.choices) >= 12
    for name in sub.choices:
        out = qckpt(name, "--help").stdout
        tail = out[out.index("examples:") :]
        examples = [ln for ln in tail.splitlines()[1:] if ln.startswith("  qckpt") or ln.startswith("  cat")]
        assert 1 <= len(examples) <= 3, (name, tail)
        assert "QCKPT_TRACEBACK" in tail, name
        if name in ("run", "resume", "run-segments"):
            assert "QCKPT_QIR_RUNNER" in tail, name


def test_stdin_to_stdout_round_trip_matches_files(tmp_path):
    source = (EXAMPLES / "teleport.qasm").read_text()
    piped = qckpt("convert", "-", "-o", "-", stdin=source)
    assert piped.returncode == 0, piped.stderr
    from_file = qckpt("convert", str(EXAMPLES / "teleport.qasm"))
    assert piped.stdout == from_file.stdout.replace(str(EXAMPLES / "teleport.qasm"), "<stdin>") or piped.stdout.count("__quantum__qis__mz__body") == from_file.stdout.count("__quantum__qis__mz__body")
    check = qckpt("check-qir", "-", stdin=piped.stdout)
    assert check.returncode == 0 and "<stdin>: conforms" in check.stdout
    via_stdin = counts_json(qckpt("run", "-", "--shots", "200", "--seed", "3", "--json", stdin=piped.stdout))
    (tmp_path / "t.ll").write_text(piped.stdout)
    via_file = counts_json(qckpt("run", str(tmp_path / "t.ll"), "--shots", "200", "--seed", "3", "--json"))
    assert via_stdin["counts"] == via_file["counts"] and sum(via_file["counts"].values()) == 200
    qasm_stdin = counts_json(qckpt("run", "-", "--shots", "200", "--seed", "3", "--json", stdin=source))
    assert qasm_stdin["counts"] == via_file["counts"]


def test_param_pi_over_4_compiled_and_bound_agree(tmp_path):
    rotation = str(EXAMPLES / "rotation.qasm")
    compiled = counts_json(qckpt("run", rotation, "--param", "theta=pi/2", "--shots", "400", "--seed", "1", "--json"))
    late = tmp_path / "late.ll"
    assert qckpt("convert", rotation, "-o", str(late)).returncode == 0
    bound = counts_json(qckpt("run", str(late), "--param", "theta=pi/2", "--shots", "400", "--seed", "1", "--json"))
    assert compiled["counts"] == bound["counts"]
    assert 120 < bound["counts"].get("1", 0) < 280  # sin^2(pi/4) = 1/2
    zero = counts_json(qckpt("run", str(late), "--param", "theta=2*pi", "--shots", "100", "--json"))
    assert zero["counts"] == {"0": 100}
    base = qckpt("convert", rotation, "--param", "theta=pi/4", "--profile", "base", "-o", str(tmp_path / "b.ll"))
    assert base.returncode == 0, base.stderr
    assert qckpt("check-qir", str(tmp_path / "b.ll"), "--profile", "base").returncode == 0


@pytest.mark.parametrize("value, words", [("pi/", "invalid syntax"), ("foo", "unknown name 'foo'"), ("__import__('os')", "not allowed")])
def test_param_that_is_not_a_constant_is_one_line(value, words):
    p = qckpt("run", str(EXAMPLES / "rotation.qasm"), "--param", f"theta={value}", "--shots", "1")
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1 and words in p.stderr and "--param theta" in p.stderr


def test_top_and_min_count_say_what_was_cut():
    p = qckpt("run", str(EXAMPLES / "teleport.qasm"), "--shots", "500", "--seed", "2", "--top", "2")
    full = counts_json(qckpt("run", str(EXAMPLES / "teleport.qasm"), "--shots", "500", "--seed", "2", "--json"))["counts"]
    rows = [ln for ln in p.stdout.splitlines() if re.match(r"^[01 ]+\s+\d+\s+0\.\d+$", ln)]
    assert len(rows) == 2
    left = sorted(full.values(), reverse=True)[2:]
    assert f"... {len(left)} more outcome(s) with {sum(left)} shot(s)" in p.stdout
    j = counts_json(qckpt("run", str(EXAMPLES / "teleport.qasm"), "--shots", "500", "--seed", "2", "--json", "--min-count", "60"))
    assert j["counts"] == {k: n for k, n in full.items() if n >= 60}
    assert j["omitted"] == {"outcomes": len(full) - len(j["counts"]), "shots": 500 - sum(j["counts"].values())}


def test_zero_boundary_policies_warn_with_reason_and_value():
    tele = str(EXAMPLES / "teleport.qasm")
    p = qckpt("convert", tele, "--checkpoint", "interval", "--mtbf", "3600", "-o", os.devnull)
    assert p.returncode == 0
    m = re.search(r"^warning: placed no checkpoint boundary: policy=interval: .*\(an mtbf of at most ([0-9.e+-]+) s would place one\)$", p.stderr, re.M)
    assert m, p.stderr
    # The value it names does place one.
    q = qckpt("convert", tele, "--checkpoint", "interval", "--mtbf", m.group(1), "--emit", "mlir")
    assert q.returncode == 0 and "ckpt.boundary" in q.stdout and "warning" not in q.stderr
    a = qckpt("convert", tele, "--checkpoint", "annotated", "-o", os.devnull)
    assert "warning: placed no checkpoint boundary: policy=annotated: the program has no '#pragma qckpt checkpoint'" in a.stderr
    ok = qckpt("convert", str(EXAMPLES / "annotated.qasm"), "--checkpoint", "annotated", "--emit", "mlir")
    assert ok.stderr == "" and ok.stdout.count("ckpt.boundary") >= 2


def _teleport_mlir() -> str:
    return qckpt("convert", str(EXAMPLES / "teleport.qasm"), "--emit", "mlir").stdout


def test_xdsl_opt_our_errors_are_one_line_exit_1():
    p = subprocess.run([XDSL_OPT, "-p", 'ckpt-insert{policy="bogus"}'], input=_teleport_mlir(), capture_output=True, text=True, timeout=120)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert p.stderr.strip().splitlines() == ["ckpt-insert: error: unknown checkpoint policy 'bogus'; choose one of exact, every, interval, annotated, branches"]


def test_xdsl_opt_zero_boundary_warning_on_stderr():
    p = subprocess.run([XDSL_OPT, "-p", 'ckpt-insert{policy="annotated"}'], input=_teleport_mlir(), capture_output=True, text=True, timeout=120)
    assert p.returncode == 0 and "func.func" in p.stdout
    assert "ckpt-insert: warning: placed no checkpoint boundary: policy=annotated" in p.stderr


def test_lit_runs_from_a_plain_shell():
    """No venv on PATH: lit.cfg finds qckpt, xdsl-opt and filecheck itself."""
    lit = Path(sys.executable).parent / "lit"
    env = {"HOME": os.environ.get("HOME", "/tmp"), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    p = subprocess.run([str(lit), "-q", str(ROOT / "tests/filecheck/dialects")], env=env, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr


def test_record_then_bind_resume(tmp_path):
    from qckpt import abi
    from qckpt.runtime.qir_runner import qir_runner_binary

    rus = str(EXAMPLES / "repeat_until_success.qasm")
    r = tmp_path / "r.ll"
    assert qckpt("convert", rus, "--checkpoint", "exact", "--record-mode", "streaming", "--resumable", "-o", str(r)).returncode == 0
    assert qckpt("bind-resume", str(r), "start", "-o", str(tmp_path / "s.ll")).returncode == 0
    log = subprocess.run([qir_runner_binary(), "-f", str(tmp_path / "s.ll"), "-s", "2", "-r", "5"], capture_output=True, text=True, timeout=120).stdout
    # Cut the second shot short after its first complete visit, as a kill would.
    lines = log.splitlines()
    second = [i for i, ln in enumerate(lines) if ln.startswith("START")][1]
    end_of_visit = next(i for i in range(second, len(lines)) if lines[i].split("\t")[-1] == abi.END_LABEL)
    (tmp_path / "run.log").write_text("\n".join(lines[: end_of_visit + 1]) + "\n")
    p = qckpt("record", str(r), str(tmp_path / "run.log"), "-o", str(tmp_path / "rec.json"))
    assert p.returncode == 0, p.stderr
    assert p.stderr.startswith("shot 1: boundary ")
    rec = json.loads((tmp_path / "rec.json").read_text())
    assert rec["format"] == "qckpt-resume-record" and rec["visit"] >= 1
    b = qckpt("bind-resume", str(r), str(tmp_path / "rec.json"), "-o", str(tmp_path / "res.ll"))
    assert b.returncode == 0, b.stderr
    assert qckpt("run", str(tmp_path / "res.ll"), "--shots", "10").returncode == 0
    none = qckpt("record", str(r), str(tmp_path / "run.log"), "--shot", "7")
    assert none.returncode == 1 and "the log has shots 0 to 1" in none.stderr


def test_run_result_repr_is_a_summary():
    from qckpt.pipeline import compile_qasm
    from qckpt.runtime.qir_runner import run_qir

    result = run_qir(compile_qasm((EXAMPLES / "teleport.qasm").read_text()), shots=1000, seed=1)
    text = repr(result)
    assert text.startswith("RunResult(1000 shots, ") and len(text) < 200
    top = max(result.counts.items(), key=lambda kv: (kv[1], kv[0]))
    assert f"{top[0]!r}: {top[1]}" in text


def test_bind_and_bind_resume_read_stdin(tmp_path):
    late = qckpt("convert", str(EXAMPLES / "rotation.qasm"))
    bound = qckpt("bind", "-", "--param", "theta=pi", stdin=late.stdout)
    assert bound.returncode == 0, bound.stderr
    assert counts_json(qckpt("run", "-", "--shots", "20", "--json", stdin=bound.stdout))["counts"] == {"1": 20}
    r = qckpt("convert", str(EXAMPLES / "repeat_until_success.qasm"), "--checkpoint", "exact", "--record-mode", "streaming", "--resumable")
    (tmp_path / "r.ll").write_text(r.stdout)
    from_stdin = qckpt("bind-resume", "-", "start", stdin=r.stdout)
    from_file = qckpt("bind-resume", str(tmp_path / "r.ll"), "start")
    assert from_stdin.returncode == 0 and from_stdin.stdout == from_file.stdout
