"""The ``qckpt`` command line.

Every user error ends as one ``file:line:col: error: ...`` line (with an
excerpt where there is a source line), exit code 1, and no traceback.
Exit code 2 is a usage error (argparse's convention).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from pathlib import Path

from qckpt.diagnostics import QckptError

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE


def _read_input(path: str) -> tuple[str, str]:
    if path == "-":
        return sys.stdin.read(), "<stdin>"
    p = Path(path)
    if not p.exists():
        raise QckptError(f"{path}: no such file")
    if p.is_dir():
        raise QckptError(f"{path}: is a directory")
    try:
        return p.read_text(), path
    except UnicodeDecodeError as e:
        raise QckptError(f"{path}: not a text file ({e.reason} at byte {e.start})") from e


def _write_output(path: str, data: str | bytes) -> None:
    if path == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        p.write_bytes(data)
    else:
        p.write_text(data)


def _input_kind(name: str, forced: str | None) -> str:
    if forced:
        return forced
    return "mlir" if name.endswith(".mlir") else "qasm"


def _parse_params(items: list[str] | None) -> dict[str, float]:
    """NAME=VALUE pairs; a value is an OpenQASM constant expression (pi/4)."""
    from qckpt.frontend.constant_expression import evaluate_constant

    params: dict[str, float] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QckptError(f"--param {item!r}: expected NAME=VALUE")
        try:
            params[name.strip()] = evaluate_constant(value)
        except QckptError as e:
            raise QckptError(f"--param {name.strip()}: {e.message}") from None
    return params


def _program_kind(data: bytes) -> str:
    """What a program read from stdin is: bc, ll, mlir or qasm."""
    if data[:2] == b"BC" or data[:4] == b"\xde\xc0\x17\x0b":
        return "bc"
    text = data[:4096].decode("utf-8", "replace")
    if "OPENQASM" in text or "include \"" in text or "qubit" in text and "define " not in text:
        return "qasm"
    if "builtin.module" in text or "func.func" in text or text.lstrip().startswith(("module", '"builtin')):
        return "mlir"
    return "ll"


def _read_program(path: str) -> tuple[bytes, str, str]:
    """A program's bytes, its kind (qasm, mlir, ll, bc) and a name for
    messages; ``-`` reads stdin and tells the kind from the content."""
    if path == "-":
        data = sys.stdin.buffer.read()
        return data, _program_kind(data), "<stdin>"
    p = Path(path)
    if not p.exists():
        raise QckptError(f"{path}: no such file")
    if p.is_dir():
        raise QckptError(f"{path}: is a directory")
    kind = p.suffix.lstrip(".")
    return p.read_bytes(), kind if kind in ("qasm", "mlir", "bc") else "ll", path


def cmd_convert(args: argparse.Namespace) -> int:
    from qckpt import pipeline

    text, name = _read_input(args.input)
    kind = _input_kind(name, args.input_format)
    params = _parse_params(args.param)
    module = pipeline.parse_mlir(text, name) if kind == "mlir" else pipeline.qasm_to_module(text, name, args.frontend, params)
    if args.checkpoint:
        if args.profile == "base":
            raise QckptError("--checkpoint needs the Adaptive Profile: the Base Profile has no classical values to record")
        pipeline.insert_checkpoints(module, args.checkpoint, args.every, args.mtbf, args.max_replay_cost, args.max_postselect_bits)
    if args.emit == "mlir":
        _write_output(args.output, str(module) + "\n")
        return 0
    if args.emit == "bc":
        if args.output == "-" and sys.stdout.isatty():
            raise QckptError("refusing to write bitcode to a terminal; use -o FILE")
        _write_output(args.output, pipeline.module_to_bitcode(module, args.profile, args.native_rx, args.record_mode, args.runtime, args.resumable))
    else:
        _write_output(args.output, pipeline.module_to_qir(module, args.profile, args.native_rx, args.record_mode, args.runtime, args.resumable))
    if args.resumable:
        _note_restorable(module)
    return 0


def _note_restorable(module) -> None:
    """Tell the user when --resumable found nothing to resume at."""
    from qckpt.ir import entry_function
    from qckpt.qir.resume_blocks import restorable_points

    if not restorable_points(entry_function(module))[0]:
        print("note: no restorable boundary: the program can only start from the top (place exact boundaries with --checkpoint exact)", file=sys.stderr)


def _compile_for_run(args: argparse.Namespace) -> tuple[bytes, str]:
    """The program to run, as bytes, and a file name for it: a .ll/.bc as
    given (with --param values bound in), or OpenQASM / our IR compiled first."""
    path = args.program
    data, kind, name = _read_program(path)
    if kind in ("qasm", "mlir"):
        from qckpt import pipeline

        text = data.decode("utf-8", "replace")
        module = pipeline.parse_mlir(text, name) if kind == "mlir" else pipeline.qasm_to_module(text, name, params=_parse_params(args.param))
        policy = getattr(args, "checkpoint", None)
        if getattr(args, "store", None):
            policy = policy or ("interval" if args.mtbf is not None else "exact")
        if policy and policy != "none":
            pipeline.insert_checkpoints(module, policy, args.every, args.mtbf if args.mtbf is not None else 3600.0)
            if getattr(args, "store", None):
                # Streaming records and a resume dispatch: a shot cut short resumes from its last restorable boundary.
                try:
                    return pipeline.module_to_qir(module, record_mode="streaming", resumable=True).encode(), "program.ll"
                except QckptError as e:  # no restorable boundary, or a value a resume could not rebuild
                    print(f"note: {path} cannot be made resumable ({e.message}); shots cut short will start over", file=sys.stderr)
                    return pipeline.module_to_qir(module, record_mode="streaming").encode(), "program.ll"
        return pipeline.module_to_qir(module).encode(), "program.ll"
    if args.mtbf is not None or getattr(args, "checkpoint", None):
        raise QckptError(f"--mtbf and --checkpoint place boundaries when compiling OpenQASM; {name} is compiled already")
    if args.param:
        return _bind_compiled(data, kind, name, _parse_params(args.param))
    return data, f"program.{kind}"


def _bind_compiled(data: bytes, kind: str, name: str, params: dict[str, float]) -> tuple[bytes, str]:
    """--param on a .ll/.bc made by qckpt: the late-bound inputs get their
    values the way ``qckpt bind`` gives them (qckpt.qir.bind)."""
    import pyqir

    from qckpt.qir.bind import bind_parameters

    try:
        module = pyqir.Module.from_bitcode(pyqir.Context(), data) if kind == "bc" else pyqir.Module.from_ir(pyqir.Context(), data.decode())
    except (ValueError, UnicodeDecodeError) as e:
        raise QckptError(f"{name}: not a QIR module ({e})") from None
    bind_parameters(module, params)
    return str(module).encode(), "program.ll"


def _print_counts(counts: dict[str, int], regs: list[str], shots: int, seed: int, as_json: bool, extra: dict | None = None, top: int | None = None, min_count: int = 1) -> None:
    counts = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    total = max(1, sum(counts.values()))
    kept = {k: n for k, n in counts.items() if n >= min_count}
    if top is not None:
        kept = dict(list(kept.items())[: max(0, top)])
    cut = (len(counts) - len(kept), sum(counts.values()) - sum(kept.values()))
    if as_json:
        doc = {"shots": shots, "seed": seed, "registers": regs, "counts": kept, **(extra or {})}
        if cut[0]:
            doc["omitted"] = {"outcomes": cut[0], "shots": cut[1]}
        json.dump(doc, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    counts = kept
    header = " ".join(reversed(regs)) or "(no registers)"
    width = max([len(header), *(len(k) for k in counts)])
    print(f"{header:<{width}}  {'count':>7}  {'freq':>6}")
    for k, n in counts.items():
        print(f"{k:<{width}}  {n:>7}  {n / total:>6.3f}")
    if cut[0]:
        print(f"... {cut[0]} more outcome(s) with {cut[1]} shot(s) ({cut[1] / total:.3f}) not shown (--top/--min-count)")
    print(f"{shots} shots, seed {seed}; bit 0 of each register is rightmost")


def cmd_run(args: argparse.Namespace) -> int:
    if args.store:
        return _run_in_store(args)
    if args.mode or args.workers or args.batch_size or args.policy or args.persistent:
        raise QckptError("--mode, --workers, --batch-size, --policy and --persistent need --store DIR (a checkpointed run)")
    import tempfile

    from qckpt.runtime.execution.qir_runner import run_qir

    data, name = _compile_for_run(args)
    if name.endswith(".bc"):
        with tempfile.NamedTemporaryFile(suffix=".bc") as f:
            f.write(data)
            f.flush()
            result = run_qir(f.name, shots=args.shots, seed=args.seed)
    else:
        result = run_qir(data.decode("utf-8", "replace"), shots=args.shots, seed=args.seed)
    incomplete = sum(1 for s in result.shots if not s.complete)
    regs = list(result.shots[0].registers()) if result.shots else []
    _print_counts(result.counts, regs, args.shots, args.seed, args.json, {"incomplete_shots": incomplete}, args.top, args.min_count)
    if incomplete:
        print(f"warning: {incomplete} shot(s) ended without END (the program failed mid-shot)", file=sys.stderr)
        return EXIT_USER_ERROR
    return 0


def _job_options(args: argparse.Namespace):
    from qckpt.runtime.execution.job import JobOptions
    from qckpt.runtime.execution.policy import parse_policy
    from qckpt.runtime.execution.progress import ProgressBar

    if args.workers is not None and args.workers < 1:
        raise QckptError(f"--workers must be at least 1, got {args.workers}")
    if args.sync_interval < 0:
        raise QckptError(f"--sync-interval must be >= 0 seconds, got {args.sync_interval}")
    return JobOptions(
        workers=args.workers,
        policy=parse_policy(args.policy),
        sync_interval=args.sync_interval,
        persistent=args.persistent,
        flush_every=args.flush_every,
        progress=ProgressBar(),
    )


def _run_in_store(args: argparse.Namespace) -> int:
    from qckpt.runtime.execution.job import default_batch_size, fingerprint, start_run
    from qckpt.runtime.execution.ledger import RunPlan

    if args.shots < 1:
        raise QckptError(f"--shots must be at least 1, got {args.shots}")
    program, name = _compile_for_run(args)
    plan = RunPlan(
        shots=args.shots,
        seed=args.seed,
        batch_size=args.batch_size or default_batch_size(args.shots),
        mode=_LEDGER_MODE[args.mode or "continue"],
        program_sha256=fingerprint(program),
        program_name=name,
    )
    options = _job_options(args)
    return _report_job(start_run(args.store, program, plan, options), args.json, args.top, args.min_count)


# The ledger's name for each --mode (stored in existing runs; "resume" was
# the CLI's name too until it clashed with the resume subcommand).
_LEDGER_MODE = {"continue": "resume", "resume": "resume", "reproducible": "reproducible"}


def cmd_resume(args: argparse.Namespace) -> int:
    from qckpt.runtime.execution.job import resume_run

    return _report_job(resume_run(args.store, _job_options(args)), args.json, args.top, args.min_count)


def _report_job(result, as_json: bool, top: int | None = None, min_count: int = 1) -> int:
    from qckpt.runtime.execution.job import EXIT_PREEMPTED

    led = result.ledger
    for n in result.notes:
        print(f"note: {n}", file=sys.stderr)
    extra = {
        "store": result.store,
        "status": result.status,
        "mode": "continue" if led.plan.mode == "resume" else led.plan.mode,
        "batch_size": led.plan.batch_size,
        "shots_done": led.shots_done,
        "checkpoints_committed": result.commits,
        "failures_survived": len(result.failures) if result.status != "failed" else 0,
        "failures": [f.to_json() for f in result.failures],
        "restarted_shots": led.restarted_shots,
        "resumed_shots": led.resumed_shots,
        "saved_visits": led.saved_visits,
        "lost_visits": led.lost_visits,
        "boundary_visits": led.visits,
        "recovered_shots": result.recovered_shots,
    }
    regs = [n for n, _ in led.shape]
    if result.status == "complete":
        _print_counts(led.counts(), regs, led.plan.shots, led.plan.seed, as_json, extra, top, min_count)
        if result.failures:
            print(f"survived {len(result.failures)} failure(s): " + "; ".join(f.describe() for f in result.failures[-3:]), file=sys.stderr)
        return 0
    if as_json:
        json.dump(extra, sys.stdout, indent=2)
        sys.stdout.write("\n")
    if result.status == "preempted":
        print(f"preempted: {led.shots_done} of {led.plan.shots} shots are committed in {result.store}; continue with 'qckpt resume {result.store}'", file=sys.stderr)
        return EXIT_PREEMPTED
    print(f"error: run stopped after {len(result.failures)} failure(s); {led.shots_done} of {led.plan.shots} shots are committed in {result.store} ('qckpt resume {result.store}' tries again)", file=sys.stderr)
    print(result.report, file=sys.stderr)
    return EXIT_USER_ERROR


def cmd_inspect(args: argparse.Namespace) -> int:
    from qckpt.runtime.store.inspection import inspect_store, render

    info = inspect_store(args.store)
    if args.json:
        json.dump(info, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(render(info))
    return 0


def cmd_check_qir(args: argparse.Namespace) -> int:
    from qckpt.qir.check import check_file, format_report

    import tempfile

    status = 0
    for path in args.files:
        if path == "-":  # the checker reads files; give stdin one
            data, kind, _ = _read_program("-")
            with tempfile.NamedTemporaryFile(suffix=f".{kind}") as f:
                f.write(data)
                f.flush()
                violations = check_file(f.name, profile=args.profile)
            path = "<stdin>"
        else:
            if not Path(path).exists():
                raise QckptError(f"{path}: no such file")
            violations = check_file(path, profile=args.profile)
        print(format_report(violations, path))
        if any(v.severity == "error" for v in violations):
            status = EXIT_USER_ERROR
    return status


def cmd_analyze(args: argparse.Namespace) -> int:
    from qckpt import pipeline
    from qckpt.passes.analyze_boundaries import analyze_module

    text, name = _read_input(args.input)
    kind = _input_kind(name, args.input_format)
    module = pipeline.parse_mlir(text, name) if kind == "mlir" else pipeline.qasm_to_module(text, name, args.frontend, _parse_params(args.param))
    result = analyze_module(pipeline.lower_to_target(module))
    names = result.qubit_names
    rows = [
        {
            "index": c.index,
            "location": str(c.location) if c.location else None,
            "kind": c.kind,
            "exact": c.exact,
            "where": c.where,
            "cut": [names.get(q, "?") for q in c.cut],
            "classical_qubits": sorted(names.get(q, "?") for q in c.classical_qubits),
            "live_values": c.state_values.count,
            "output_values": c.output_values.count,
            "record_bits": c.record_bits,
            "replay_cost": c.replay_cost,
        }
        for c in result.candidates
    ]
    if args.exact_only:
        rows = [r for r in rows if r["exact"]]
    if args.json:
        json.dump({"function": result.function, "candidates": rows}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    w = max([len("location"), *(len(r["location"] or "-") for r in rows)])
    print(f"{'#':>4}  {'location':<{w}} {'kind':<14} {'class':<7} {'cut':>4} {'record bits':>11} {'replay cost':>11}  where")
    for r in rows:
        loc = r["location"] or "-"
        print(f"{r['index']:>4}  {loc:<{w}} {r['kind']:<14} {'exact' if r['exact'] else 'replay':<7} {len(r['cut']):>4} {r['record_bits']:>11} {r['replay_cost']:>11}  {r['where']}")
    exact = sum(1 for r in rows if r["exact"])
    print(f"{len(rows)} candidate boundaries, {exact} exact (empty quantum cut)")
    return 0


def cmd_bind(args: argparse.Namespace) -> int:
    from qckpt.qir.bind import bind_parameters, load_module

    module = bind_parameters(load_module(args.program), _parse_params(args.param))
    _write_module(args, module)
    return 0


def _write_module(args: argparse.Namespace, module) -> None:
    out = args.output
    if out.endswith(".bc") or args.emit == "bc":
        if out == "-" and sys.stdout.isatty():
            raise QckptError("refusing to write bitcode to a terminal; use -o FILE")
        _write_output(out, module.bitcode)
    else:
        _write_output(out, str(module))


def cmd_bind_resume(args: argparse.Namespace) -> int:
    from qckpt.qir.resume_binding import ResumeRecord, bind_resume_file

    record = None if args.record == "start" else ResumeRecord.load(args.record)
    _write_module(args, bind_resume_file(args.program, record))
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    from qckpt.runtime.restore.resume import record_from_log

    program, _, _ = _read_program(args.program)
    log_text, _ = _read_input(args.log)
    record, shot = record_from_log(program, log_text, args.shot)
    if record is None:
        raise QckptError(f"shot {shot} has no complete visit to a restorable boundary: it starts over (qckpt bind-resume {args.program} start)")
    _write_output(args.output, json.dumps(record.to_json(), indent=2) + "\n")
    print(f"shot {shot}: boundary {record.boundary}, visit {record.visit}", file=sys.stderr)
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    from qckpt import pipeline
    from qckpt.runtime.restore.segments import compile_segments, write_plan

    text, name = _read_input(args.input)
    kind = _input_kind(name, args.input_format)
    module = pipeline.parse_mlir(text, name) if kind == "mlir" else pipeline.qasm_to_module(text, name, params=_parse_params(args.param))
    if args.checkpoint:
        pipeline.insert_checkpoints(module, args.checkpoint, args.every, args.mtbf)
    at = [int(x) for x in args.at.split(",")] if args.at else None
    segments = compile_segments(pipeline.lower_to_target(module), at)
    plan = write_plan(args.output, segments)
    for seg in segments:
        m = seg.manifest
        begin = "start" if m["starts_at"] is None else f"boundary {m['starts_at']}"
        finish = "end" if m["ends_at"] is None else f"boundary {m['ends_at']}"
        print(f"segment {m['index']}: {begin} -> {finish}; {len(m['inputs'])} inputs, {len(m['records'])} state records")
    print(f"wrote {len(segments)} segments and {plan}")
    return 0


def cmd_run_segments(args: argparse.Namespace) -> int:
    from qckpt.runtime.restore.segments import load_plan, run_segmented

    run = run_segmented(load_plan(args.plan), args.shots, args.seed)
    counts: dict[str, int] = {}
    for s in run.shots:
        counts[s.bitstring()] = counts.get(s.bitstring(), 0) + 1
    regs = list(run.shots[0].registers()) if run.shots else []
    _print_counts(counts, regs, args.shots, args.seed, args.json, {"bindings": run.bindings}, args.top, args.min_count)
    if not args.json:
        print(f"bindings per segment: {', '.join(map(str, run.bindings))}")
    return 0


def _add_module_output(p: argparse.ArgumentParser) -> None:
    """-o and --emit of the commands that write a bound module (_write_module)."""
    p.add_argument("-o", "--output", default="-", help="output file; - for stdout (default)")
    p.add_argument("--emit", choices=["qir", "bc"], default="qir", help="QIR text or bitcode (default: qir, or bc when -o ends in .bc)")


def _command(sub, name: str, **kw) -> argparse.ArgumentParser:
    """A subcommand whose --help ends with examples and its environment."""
    from qckpt.cli_help import epilog

    return sub.add_parser(name, epilog=epilog(name), formatter_class=argparse.RawDescriptionHelpFormatter, **kw)


def _add_histogram_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("output")
    g.add_argument("--json", action="store_true", help="print JSON instead of a table")
    g.add_argument("--top", type=int, metavar="N", help="print only the N most frequent outcomes (a last line says what was left out)")
    g.add_argument("--min-count", type=int, default=1, metavar="K", help="print only outcomes seen at least K times")


class _VersionAction(argparse.Action):
    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from qckpt.cli_help import versions

        print(" ".join(f"{k} {v}" for k, v in versions().items()))
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    from qckpt.cli_help import epilog

    p = argparse.ArgumentParser(
        prog="qckpt",
        description="Compile dynamic quantum circuits to QIR, run them with checkpoints, and resume them.",
        epilog=epilog("convert").replace("examples:", "examples (qckpt COMMAND --help for each command's):", 1),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action=_VersionAction, help="print the versions of qckpt, pyqir, xdsl and qir-runner")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = _command(sub, "convert", help="OpenQASM 3 (or our IR) -> QIR", description="Convert OpenQASM 3 or qckpt IR (.mlir) to QIR.")
    c.add_argument("input", help="input file (.qasm or .mlir); - for stdin")
    c.add_argument("-o", "--output", default="-", help="output file; - for stdout (default)")
    c.add_argument("--profile", choices=["adaptive", "base"], default="adaptive", help="QIR profile (default: adaptive)")
    c.add_argument("--emit", choices=["qir", "bc", "mlir"], default="qir", help="QIR text, QIR bitcode, or our IR (default: qir)")
    c.add_argument("--frontend", choices=["native", "qiskit"], default="native", help="OpenQASM 3 frontend: qckpt's own (default) or Qiskit's importer")
    c.add_argument("--param", action="append", metavar="NAME=VALUE", help="value of an 'input' declaration (repeatable)")
    c.add_argument(
        "--native-rx",
        action="store_true",
        help="emit rx as __quantum__qis__rx__body (default: h; rz; h, since qir-runner 0.9.7 mis-simulates fused rx(pi) before ry)",
    )
    ck = c.add_argument_group("checkpoints")
    ck.add_argument("--checkpoint", choices=["exact", "every", "interval", "annotated"], help="place checkpoint boundaries by this policy (ckpt-insert)")
    ck.add_argument("--every", type=int, default=1, help="with --checkpoint every: every N loop iterations, or N gate layers (default: 1)")
    ck.add_argument("--mtbf", type=float, default=3600.0, help="with --checkpoint interval: mean time between failures, seconds (default: 3600)")
    ck.add_argument("--max-replay-cost", type=int, default=-1, help="leave out boundaries whose quantum cone has more operations (default: no limit)")
    ck.add_argument("--max-postselect-bits", type=int, default=4, help="a replay boundary is restorable when its cone holds at most this many measurements (default: 4)")
    ck.add_argument("--record-mode", choices=["final", "streaming"], default="final", help="how boundaries are recorded: final (default; conformant Adaptive Profile, last visit of each boundary recorded at the end) or streaming (qckpt extension; every visit recorded as it happens, for intra-shot recovery)")
    ck.add_argument("--resumable", action="store_true", help="emit a program that can start at any exact boundary (needs --record-mode streaming; bind the start with qckpt bind-resume)")
    ck.add_argument("--runtime", choices=["linked", "extern"], default="linked", help="link the __qckpt_* runtime library, or leave declarations (default: linked)")
    c.add_argument("--input-format", choices=["qasm", "mlir"], help="input language (default: from the file extension)")
    c.set_defaults(func=cmd_convert)

    r = _command(
        sub,
        "run",
        help="run QIR on qir-runner and print the histogram (checkpointed with --store)",
        description="Run a QIR program (.ll/.bc; .qasm/.mlir are compiled first; - reads stdin) on qir-runner. With --store DIR the run is "
        "cut into batches run in parallel, committed to a checkpoint store, survives failures and preemption "
        "(exit 75: continue with 'qckpt resume DIR').",
    )
    r.add_argument("program", help="QIR file (.ll or .bc), or .qasm/.mlir to compile first; - for stdin")
    rc = r.add_argument_group("compile (OpenQASM or our IR)")
    rc.add_argument("--param", action="append", metavar="NAME=VALUE", help="value of an 'input' (an OpenQASM constant expression such as pi/4); for .ll/.bc made by qckpt, bound as qckpt bind does")
    rk = r.add_argument_group("checkpoint (when compiling OpenQASM)")
    rk.add_argument("--checkpoint", choices=["none", "exact", "every", "interval", "annotated"], help="boundary policy (default with --store: exact, or interval with --mtbf); with --store the program records in streaming mode and is resumable, so a shot cut short resumes from its last restorable boundary")
    rk.add_argument("--mtbf", type=float, help="mean time between failures (s) for the interval policy")
    rk.add_argument("--every", type=int, default=1, help="with --checkpoint every: every N loop iterations (default: 1)")
    rx = r.add_argument_group("execution")
    rx.add_argument("--shots", type=int, default=1000, help="number of shots (default: 1000)")
    rx.add_argument("--seed", type=int, default=0, help="run seed (default: 0)")
    rx.add_argument("--workers", type=int, help="with --store: qir-runner processes at once (default: one per core)")
    rx.add_argument("--batch-size", type=int, help="with --store: shots per batch, the unit of commit (default: shots/16, at most 1000)")
    rx.add_argument("--mode", choices=["continue", "reproducible", "resume"], metavar="{continue,reproducible}", help="with --store: continue: a failed batch goes on from its finished shots (default; 'resume' is an old name for it); reproducible: it reruns whole, and the histogram is bit-identical to an uninterrupted run")
    rx.add_argument("--policy", metavar="K=V,...", help="with --store: failure policy, e.g. action=retry,max-failures=20,batch-retries=8,backoff=0.05,backoff-max=30,jitter=0.5,heartbeat=120 (see docs/runtime.md)")
    rstore = r.add_argument_group("store (checkpointed runs)")
    rstore.add_argument("--store", metavar="DIR", help="checkpoint store directory (new or empty): run under the runtime")
    rstore.add_argument("--sync-interval", type=float, default=1.0, help="journal fsync interval in seconds: the most a kill -9 can lose (default: 1)")
    rstore.add_argument("--persistent", metavar="DIR", help="a second store level that receives every --flush-every-th checkpoint")
    rstore.add_argument("--flush-every", type=int, default=1, help="with --persistent: flush every K-th checkpoint (default: 1)")
    _add_histogram_options(r)
    r.set_defaults(func=cmd_run)

    rr = _command(sub, "resume", help="continue a checkpointed run", description="Continue the run in a checkpoint store from its newest valid checkpoint and its journal.")
    rr.add_argument("store", metavar="DIR", help="the run's checkpoint store")
    _add_histogram_options(rr)
    rr.add_argument("--workers", type=int, help="qir-runner processes at once (default: one per core)")
    rr.add_argument("--policy", metavar="K=V,...", help="failure policy for this session (see qckpt run --help)")
    rr.add_argument("--sync-interval", type=float, default=1.0, help="journal fsync interval in seconds (default: 1)")
    rr.add_argument("--persistent", metavar="DIR", help="the store's persistent level, if it has one")
    rr.add_argument("--flush-every", type=int, default=1, help="with --persistent: flush every K-th checkpoint (default: 1)")
    rr.set_defaults(func=cmd_resume)

    ins = _command(sub, "inspect", help="show a checkpoint store: datasets, validity, shots done, bytes", description="Show a run's checkpoint store without changing it (safe while the run goes on).")
    ins.add_argument("store", metavar="DIR", help="checkpoint store directory")
    ins.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ins.set_defaults(func=cmd_inspect)

    a = _command(sub, "analyze",
        help="list candidate checkpoint boundaries: quantum cut, record size, replay cost",
        description="Run ckpt-analyze-boundaries and print every candidate boundary.",
    )
    a.add_argument("input", help="input file (.qasm or .mlir); - for stdin")
    a.add_argument("--json", action="store_true", help="print JSON instead of a table")
    a.add_argument("--exact-only", action="store_true", help="only boundaries with an empty quantum cut")
    a.add_argument("--frontend", choices=["native", "qiskit"], default="native", help="OpenQASM 3 frontend (default: native)")
    a.add_argument("--param", action="append", metavar="NAME=VALUE", help="value of an 'input' declaration (repeatable)")
    a.add_argument("--input-format", choices=["qasm", "mlir"], help="input language (default: from the file extension)")
    a.set_defaults(func=cmd_analyze)

    bd = _command(sub, "bind",
        help="bind input parameters into emitted QIR without recompiling it",
        description="Define the program's late-bound parameters (OpenQASM inputs compiled without --param) and link them in.",
    )
    bd.add_argument("program", help="QIR file (.bc is fastest; .ll works)")
    bd.add_argument("--param", action="append", metavar="NAME=VALUE", help="a parameter value (repeatable)")
    _add_module_output(bd)
    bd.set_defaults(func=cmd_bind)

    br = _command(sub, "bind-resume",
        help="bind a resume record into a resumable program without recompiling it",
        description="Choose where a resumable program (convert --resumable --record-mode streaming) starts: at the boundary visit "
        "a resume record names, with its values as constants. The record's fingerprint must match the program file.",
    )
    br.add_argument("program", help="resumable QIR file (.ll or .bc), exactly as the run used it")
    br.add_argument("record", help='resume record (JSON: {"format": "qckpt-resume-record", "version": 1, "fingerprint", "boundary", "visit", "values"}), or "start" to run from the top')
    _add_module_output(br)
    br.set_defaults(func=cmd_bind_resume)

    sp = _command(sub, "split",
        help="cut a program at exact boundaries into segment programs",
        description="Cut a program at exact top-level checkpoint boundaries into segments joined by classical data only; "
        "writes one bitcode file per segment and plan.json. Run them with qckpt run-segments.",
    )
    sp.add_argument("input", help="OpenQASM 3 (.qasm) or our IR (.mlir); - for stdin")
    sp.add_argument("-o", "--output", required=True, metavar="DIR", help="directory for the segments and plan.json")
    sp.add_argument("--checkpoint", choices=["exact", "every", "interval", "annotated"], default="exact", help="place boundaries first by this policy (default: exact)")
    sp.add_argument("--every", type=int, default=1, help="with --checkpoint every: every N iterations or layers")
    sp.add_argument("--mtbf", type=float, default=3600.0, help="with --checkpoint interval: MTBF in seconds")
    sp.add_argument("--at", metavar="IDS", help="comma-separated boundary ids to cut at (default: every exact top-level boundary)")
    sp.add_argument("--param", action="append", metavar="NAME=VALUE", help="value of an 'input' declaration")
    sp.add_argument("--input-format", choices=["qasm", "mlir"], help="input language (default: from the file extension)")
    sp.set_defaults(func=cmd_split)

    rs = _command(sub, "run-segments",
        help="run a split program segment by segment on qir-runner",
        description="Run segment 0 for all shots, group shots by their recorded state, bind the next segment once per state, and stitch.",
    )
    rs.add_argument("plan", metavar="DIR", help="directory written by qckpt split")
    rs.add_argument("--shots", type=int, default=1000, help="number of shots (default: 1000)")
    rs.add_argument("--seed", type=int, default=0, help="seed (default: 0)")
    _add_histogram_options(rs)
    rs.set_defaults(func=cmd_run_segments)

    k = _command(sub, "check-qir", help="check QIR against the Adaptive or Base Profile", description="Report every construct the QIR profile does not allow, with function and block.")
    k.add_argument("files", nargs="+", help="QIR files (.ll or .bc); - for stdin")
    k.add_argument("--profile", choices=["adaptive", "base"], help="profile to check against (default: the entry point's qir_profiles)")
    k.set_defaults(func=cmd_check_qir)

    rec = _command(
        sub,
        "record",
        help="write the resume record of a shot from a streaming log",
        description="Read a resumable program's streaming record log (qir-runner's output, one or more shots) and write the "
        "resume record of a shot's last complete visit to a restorable boundary: the input of qckpt bind-resume.",
    )
    rec.add_argument("program", help="the resumable QIR file the log came from (its fingerprint goes in the record)")
    rec.add_argument("log", help="the output stream of a run of it (qir-runner's stdout); - for stdin")
    rec.add_argument("--shot", type=int, help="which shot, from 0 (default: the first shot that did not finish, else the last)")
    rec.add_argument("-o", "--output", default="-", help="record file; - for stdout (default)")
    rec.set_defaults(func=cmd_record)
    return p


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    from qckpt.diagnostics import QckptWarning

    if issubclass(category, QckptWarning):
        print(f"warning: {message}", file=sys.stderr)
    else:
        _python_showwarning(message, category, filename, lineno, file, line)


_python_showwarning = warnings.showwarning


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # bare qckpt: what it can do, not an error
        parser.print_help()
        return 0
    warnings.showwarning = _show_warning
    try:
        return args.func(args)
    except QckptError as e:
        print(e.render(), file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # a bug in qckpt, not in the input
        if os.environ.get("QCKPT_TRACEBACK"):
            raise
        print(f"internal error: {type(e).__name__}: {e}\n(this is a qckpt bug; rerun with QCKPT_TRACEBACK=1 to see the traceback)", file=sys.stderr)
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
