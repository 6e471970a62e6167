"""A fuzz of the command line: every subcommand with arguments a user (or a
script gone wrong) can give: paths that are directories, unwritable, full
(``/dev/full``), below a regular file, missing or unreadable; numbers that are
NaN, infinite, negative, zero or huge; malformed ``K=V`` lists.

Each case runs ``qckpt.cli.main`` in a forked worker process that runs
case after case (a fresh interpreter per case would make 10,000 cases take
hours), with standard input empty: a ``-`` argument must not wait on the
caller's terminal or pipe, which is what kept the first 10,000-case runs
from finishing. A case that outlives its budget is a hang: the worker is
killed and a new one forked, so one hang costs ``budget`` seconds, not the
run. Each outcome is judged by :func:`judge`: no exit 70 (internal error),
no traceback, and a failure says so in one line (argparse's usage errors,
exit 2, are a usage line and an error line).
``tests/unit/test_cli_values_and_paths.py`` runs a bounded sample; ``benchmarks/fuzz_cli.py``
runs 10,000, resumably.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import random
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

BAD_NUMBERS = ["nan", "NaN", "inf", "-inf", "1e999", "-1", "0", "-0.0", str(10**30), str(-(10**30)), "1e-320", "x", "", "0x10", "1_000"]
GOOD_QASM = """OPENQASM 3.0;
include "stdgates.inc";
input float theta;
qubit[2] q;
bit[2] c;
h q[0];
rz(theta) q[1];
cx q[0], q[1];
c = measure q;
"""


@dataclass
class Fixture:
    """Files and directories the cases point at, made once in ``root``."""

    root: Path
    qasm: str
    qir: str
    resumable: str
    record: str
    deep_record: str
    plan_dir: str
    directory: str
    regular: str
    unreadable: str
    unwritable_dir: str
    store: str


def make_fixture(root: Path) -> Fixture:
    from qckpt import pipeline
    from qckpt.runtime.restore.segments import compile_segments, write_plan

    root.mkdir(parents=True, exist_ok=True)
    qasm = root / "prog.qasm"
    qasm.write_text(GOOD_QASM)
    module = pipeline.qasm_to_module(GOOD_QASM, str(qasm), params={"theta": 0.5})
    (root / "prog.ll").write_text(pipeline.module_to_qir(module))
    rus = (Path(__file__).resolve().parents[2] / "examples" / "repeat_until_success.qasm").read_text()
    m = pipeline.qasm_to_module(rus, "rus.qasm")
    pipeline.insert_checkpoints(m, "exact")
    (root / "resumable.ll").write_text(pipeline.module_to_qir(m, record_mode="streaming", resumable=True))
    (root / "record.json").write_text('{"format": "qckpt-resume-record", "version": 1, "fingerprint": "0", "boundary": 0, "visit": 18446744073709551616, "values": {}}')
    (root / "deep.json").write_text("[" * 200_000 + "]" * 200_000)
    m2 = pipeline.qasm_to_module(rus, "rus.qasm")
    pipeline.insert_checkpoints(m2, "exact")
    write_plan(root / "plan", compile_segments(pipeline.lower_to_target(m2), None))
    (root / "dir").mkdir(exist_ok=True)
    (root / "file").write_text("not a directory\n")
    unreadable = root / "unreadable.qasm"
    unreadable.write_text(GOOD_QASM)
    unreadable.chmod(0)
    ro = root / "readonly"
    ro.mkdir(exist_ok=True)
    ro.chmod(stat.S_IRUSR | stat.S_IXUSR)
    _finished_store(root / "store", root / "prog.ll")
    return Fixture(
        root, str(qasm), str(root / "prog.ll"), str(root / "resumable.ll"), str(root / "record.json"), str(root / "deep.json"),
        str(root / "plan"), str(root / "dir"), str(root / "file"), str(unreadable), str(ro), str(root / "store"),
    )


def _finished_store(store: Path, program: Path) -> None:
    """A real, finished checkpointed run for record, plot, merge, resume and
    inspect to read (once per fixture; nothing the cases do may change it:
    they only read a finished store)."""
    from qckpt.runtime.execution.job import JobOptions, RunPlan, default_batch_size, fingerprint, start_run

    if store.exists():
        return
    prog = program.read_bytes()
    plan = RunPlan(shots=16, seed=1, batch_size=default_batch_size(16), mode="resume", program_sha256=fingerprint(prog), program_name=program.name)
    start_run(store, prog, plan, JobOptions(workers=1))


def _paths(f: Fixture, k: int) -> list[str]:
    """Paths, bad and good, for a file argument."""
    return [f.directory, f.regular + "/x", "/dev/full", f.unwritable_dir + f"/out{k}", f.unreadable, str(f.root / f"missing{k}"),
            f.qasm, f.qir, f.root / "dir/../file", "/", "-"]


def _out_paths(f: Fixture, k: int) -> list[str]:
    return [f.directory, f.regular, f.regular + "/x", "/dev/full", f.unwritable_dir + f"/out{k}", str(f.root / f"new{k}/o.ll"), "/proc/version"]


def generate(f: Fixture, rng: random.Random, k: int) -> list[str]:
    """One command line (without the program name)."""
    num = lambda: rng.choice(BAD_NUMBERS)  # noqa: E731
    path = lambda: str(rng.choice(_paths(f, k)))  # noqa: E731
    out = lambda: rng.choice(_out_paths(f, k))  # noqa: E731
    cmd = rng.choice(["convert", "analyze", "run", "run-store", "resume", "inspect", "bind", "bind-resume", "split", "run-segments", "check-qir",
                      "record", "plot", "merge"])
    if cmd == "convert":
        args = ["convert", rng.choice([f.qasm, path()]), "-o", rng.choice([out(), str(f.root / f"c{k}.ll")])]
        args += rng.choice([[], ["--param", f"theta={num()}"], ["--checkpoint", "interval", "--mtbf", num()], ["--checkpoint", "every", "--every", num()],
                            ["--max-postselect-bits", num()], ["--emit", "bc"], ["--param", rng.choice(["theta", "=1", "theta=1=2"])]])
        return args
    if cmd == "analyze":
        return ["analyze", rng.choice([f.qasm, path()]), *rng.choice([[], ["--param", f"theta={num()}"], ["--json"]])]
    if cmd == "run":
        return ["run", rng.choice([f.qir, path()]), *rng.choice([["--shots", num()], ["--seed", num()], ["--shots", "3", "--seed", num()],
                                                                 ["--param", f"theta={num()}"], ["--workers", "2"]])]
    if cmd == "run-store":
        store = rng.choice([f.directory, f.regular, f.regular + "/x", f.unwritable_dir, str(f.root / f"s{k}"), "/dev/full", "/proc"])
        extra = rng.choice([["--shots", num()], ["--seed", num()], ["--policy", rng.choice([f"heartbeat={num()}", f"backoff={num()}", f"jitter={num()}", "x=1", "action=nope", f"max-failures={num()}"])],
                            ["--mtbf", num()], ["--sync-interval", num()], ["--workers", num()], ["--batch-size", num()], ["--flush-every", num()],
                            ["--persistent", rng.choice([f.regular, "/dev/full", f.unwritable_dir])]])
        return ["run", rng.choice([f.qasm, f.qir]), "--store", store, "--shots", "4", *extra]
    if cmd == "resume":
        return ["resume", rng.choice([f.store, f.directory, f.regular, f.regular + "/x", "/", f.root / "missing", f.plan_dir]), *rng.choice([[], ["--sync-interval", num()], ["--workers", num()], ["--policy", f"heartbeat={num()}"]])]
    if cmd == "inspect":
        return ["inspect", rng.choice([f.store, f.directory, f.regular, f.regular + "/x", "/", f.plan_dir, f.unwritable_dir, "/dev/full"])]
    if cmd == "bind":
        return ["bind", rng.choice([f.qir, path()]), "--param", f"theta={num()}", "-o", out()]
    if cmd == "bind-resume":
        return ["bind-resume", rng.choice([f.resumable, path()]), rng.choice([f.record, f.deep_record, f.directory, f.regular, "start", f.unreadable]), "-o", out()]
    if cmd == "split":
        return ["split", rng.choice([f.qasm, path()]), "-o", rng.choice([f.regular, f.regular + "/x", "/dev/full", f.unwritable_dir + "/p", str(f.root / f"sp{k}")]),
                *rng.choice([[], ["--at", rng.choice(["a,b", "1,,2", "-1", str(10**30), ","])], ["--mtbf", num(), "--checkpoint", "interval"], ["--every", num()]])]
    if cmd == "run-segments":
        return ["run-segments", rng.choice([f.plan_dir, f.regular, f.directory, f.regular + "/x", "/"]), *rng.choice([["--shots", num()], ["--seed", num()]])]
    if cmd == "record":
        source = rng.choice([[f.resumable, path()], [path(), f.regular], [rng.choice([f.directory, f.plan_dir, f.store, f.regular, "/", "-"])]])
        return ["record", *source, *rng.choice([[], ["--shot", num()], ["-o", out()], ["--program-out", out()]])]
    if cmd == "plot":
        figure = rng.choice(["timeline", "histogram", "objective", "cost", "boundaries"])
        source = rng.choice([f.directory, f.plan_dir, f.store, f.regular, f.qasm, f.unreadable, "/", "-"])
        target = rng.choice([out(), str(f.root / f"p{k}.png"), str(f.root / f"p{k}.gif"), str(f.root / f"p{k}")])
        return ["plot", figure, source, "-o", target, *rng.choice([[], ["--top", num()], ["--mtbf", num()], ["--param", f"theta={num()}"]])]
    if cmd == "merge":
        stores = [rng.choice([f.store, f.directory, f.regular, f.plan_dir, "/", str(f.root / "missing")]) for _ in range(rng.randint(1, 3))]
        return ["merge", *stores, "-o", rng.choice([f.regular, f.directory, "/dev/full", f.unwritable_dir + "/m", str(f.root / f"m{k}")])]
    return ["check-qir", path(), *rng.choice([[], ["--profile", "base"]])]


@dataclass
class Outcome:
    argv: list[str]
    code: int
    stderr: str
    seconds: float
    problem: str | None  # why the case fails the fuzz, None if it passes


def run_case(argv: list[str]) -> Outcome:
    """One case in this process, stdin empty, stdout and stderr captured."""
    from qckpt import cli

    err, out = io.StringIO(), io.StringIO()
    saved_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(b""))
    t0 = time.perf_counter()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            try:
                code = cli.main(argv)
            except SystemExit as e:  # argparse
                code = e.code if isinstance(e.code, int) else 2
    finally:
        sys.stdin = saved_stdin
    return judge(argv, code, err.getvalue(), time.perf_counter() - t0)


def _worker(conn) -> None:
    """Run the cases the parent sends until it sends None."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)  # qir-runner and friends inherit an empty stdin too
    while (argv := conn.recv()) is not None:
        conn.send(run_case(argv))


def _long_run_progressing(argv: list[str]) -> bool:
    """Whether a case that outlived its budget is a checkpointed run asked
    for more shots than fit in it (``--store S --shots 10**30``): not a hang
    when its store has committed shots, since such a run goes on until it is
    preempted. (Issue 21 found it building a list of every batch instead.)"""
    from qckpt.runtime.store.events import read_events

    if argv[:1] != ["run"] or "--store" not in argv or "--shots" not in argv:
        return False
    try:
        shots = int(argv[len(argv) - 1 - argv[::-1].index("--shots") + 1])  # argparse keeps the last
    except (ValueError, IndexError):
        return False
    store = argv[argv.index("--store") + 1]
    return shots >= 10**6 and any(e["event"] == "commit" and e.get("shots_done", 0) > 0 for e in read_events(store))


class _Runner:
    """A forked worker that runs one case at a time, killed and replaced
    when a case outlives ``budget_s`` (the case is then a hang)."""

    def __init__(self, budget_s: float) -> None:
        self.budget_s = budget_s
        self._ctx = multiprocessing.get_context("fork")
        self._proc = None
        self._conn = None

    def _start(self) -> None:
        parent, child = self._ctx.Pipe()
        self._proc = self._ctx.Process(target=_worker, args=(child,), daemon=True)
        self._proc.start()
        child.close()
        self._conn = parent

    def run(self, argv: list[str]) -> Outcome:
        if self._proc is None or not self._proc.is_alive():
            self._start()
        t0 = time.perf_counter()
        self._conn.send(argv)
        if self._conn.poll(self.budget_s):
            try:
                return self._conn.recv()
            except EOFError:  # the worker died mid-case (a crash of the interpreter itself)
                self.stop()
                return Outcome(argv, -1, "", time.perf_counter() - t0, "worker died")
        self.stop()
        took = time.perf_counter() - t0
        if _long_run_progressing(argv):
            return Outcome(argv, -1, "", took, None)
        return Outcome(argv, -1, "", took, f"hang (over {self.budget_s:g} s)")

    def stop(self) -> None:
        if self._proc is not None:
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join()
            self._conn.close()
        self._proc = self._conn = None


def judge(argv: list[str], code: int, stderr: str, seconds: float) -> Outcome:
    lines = [ln for ln in stderr.splitlines() if ln.strip() and not ln.startswith("note: ") and not ln.startswith("warning: ")]
    problem = None
    if code == 70 or "internal error" in stderr:
        problem = "internal error"
    elif "Traceback" in stderr:
        problem = "traceback"
    elif code == 2:
        if not lines or ": error: " not in lines[-1]:
            problem = "usage error without a message"
    elif code not in (0, 1, 75):
        problem = f"exit {code}"
    elif code == 1 and not lines and argv[:1] == ["check-qir"]:
        pass  # its report (violations found) is its output, on stdout
    elif code != 0 and len([ln for ln in lines if "error" in ln]) != 1:
        problem = f"{len(lines)} lines of error"
    return Outcome(argv, code, stderr, seconds, problem)


def command_lines(f: Fixture, count: int, seed: int) -> list[list[str]]:
    """The first ``count`` command lines of the stream of ``seed`` (the
    same list for the same seed, so a run can resume by case number)."""
    rng = random.Random(seed)
    return [[str(a) for a in generate(f, rng, k)] for k in range(count)]


def run_cases(root: Path, argvs: Iterable[tuple[int, list[str]]], budget_s: float) -> Iterator[tuple[int, Outcome]]:
    """Run numbered cases with ``root`` as working directory, each bounded
    by ``budget_s``; yields each outcome as it comes."""
    runner = _Runner(budget_s)
    here = os.getcwd()
    try:
        os.chdir(root)
        for k, argv in argvs:
            yield k, runner.run(argv)
    finally:
        runner.stop()
        os.chdir(here)


def release(f: Fixture) -> None:
    """Make the fixture's unreadable and read-only paths removable again."""
    Path(f.unreadable).chmod(0o644)
    Path(f.unwritable_dir).chmod(0o755)


def fuzz(root: Path, cases: int, seed: int = 0, budget_s: float = 30.0, progress: Callable[[list[Outcome]], None] | None = None) -> list[Outcome]:
    """Run ``cases`` generated command lines; every outcome is returned
    (those with ``problem`` set failed). ``progress(outcomes)`` is called
    every 500 cases."""
    f = make_fixture(root)
    outs: list[Outcome] = []
    try:
        for k, o in run_cases(root, enumerate(command_lines(f, cases, seed)), budget_s):
            outs.append(o)
            if progress is not None and (k + 1) % 500 == 0:
                progress(outs)
    finally:
        release(f)
    return outs
