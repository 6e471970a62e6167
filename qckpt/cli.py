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
from pathlib import Path

from qckpt.diagnostics import QckptError, decode_source

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
    return decode_source(p.read_bytes(), path), path


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
    params: dict[str, float] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QckptError(f"--param {item!r}: expected NAME=VALUE")
        try:
            params[name.strip()] = float(value)
        except ValueError:
            raise QckptError(f"--param {item!r}: {value!r} is not a number") from None
    return params


def _limits(args: argparse.Namespace):
    """The frontend's resource budgets from --max-ops / --max-depth."""
    from qckpt.frontend.qasm.limits import Limits

    return Limits(max_ops=args.max_ops, max_depth=args.max_depth)


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def _add_limit_args(p: argparse.ArgumentParser) -> None:
    from qckpt.frontend.qasm.limits import DEFAULT_MAX_DEPTH, DEFAULT_MAX_OPS

    p.add_argument("--max-ops", type=_positive_int, default=DEFAULT_MAX_OPS, metavar="N",
                   help=f"OpenQASM: operations the program may expand to by unrolling, inlining and pow (default: {DEFAULT_MAX_OPS:,})")
    p.add_argument("--max-depth", type=_positive_int, default=DEFAULT_MAX_DEPTH, metavar="N",
                   help=f"OpenQASM: how deep the program may nest (default: {DEFAULT_MAX_DEPTH})")


def cmd_convert(args: argparse.Namespace) -> int:
    from qckpt import pipeline

    text, name = _read_input(args.input)
    kind = _input_kind(name, args.input_format)
    params = _parse_params(args.param)
    module = pipeline.parse_mlir(text, name) if kind == "mlir" else pipeline.qasm_to_module(text, name, args.frontend, params, _limits(args))
    if args.checkpoint:
        if args.profile == "base":
            raise QckptError("--checkpoint needs the Adaptive Profile: the Base Profile has no classical values to record")
        pipeline.insert_checkpoints(module, args.checkpoint, args.every, args.mtbf, args.max_replay_cost, args.max_postselect_bits)
    if args.emit == "mlir":
        _write_output(args.output, str(module) + "\n")
        return 0
    if args.emit == "stim":
        _write_output(args.output, pipeline.module_to_stim(module).circuit + "\n")
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


def _compile_for_stim(args: argparse.Namespace):
    """The program lowered to stim (``--backend stim``), with the run's
    noise model; boundaries placed as for QIR, so a checkpointed run
    records its boundary visits the same way."""
    from qckpt import pipeline
    from qckpt.stim.noise import parse_noise

    path = args.program
    if not (path.endswith(".qasm") or path.endswith(".mlir")):
        raise QckptError(f"{path}: --backend stim lowers OpenQASM 3 or qckpt IR (.qasm, .mlir); compiled QIR cannot be lowered to stim (run it with --backend qir-runner)")
    noise = parse_noise(args.noise)
    text, name = _read_input(path)
    module = pipeline.parse_mlir(text, name) if path.endswith(".mlir") else pipeline.qasm_to_module(text, name, params=_parse_params(args.param), limits=_limits(args))
    policy = getattr(args, "checkpoint", None)
    if getattr(args, "store", None):
        policy = policy or ("interval" if args.mtbf is not None else "exact")
    if policy and policy != "none":
        pipeline.insert_checkpoints(module, policy, args.every, args.mtbf if args.mtbf is not None else 3600.0)
    return pipeline.module_to_stim(module).with_noise(noise)


def _compile_for_run(args: argparse.Namespace) -> tuple[bytes, str]:
    """The program to run, as bytes, and a file name for it: a .ll/.bc as
    given, or OpenQASM / our IR compiled first (to a stim program with
    ``--backend stim``)."""
    path = args.program
    if getattr(args, "backend", "qir-runner") == "stim":
        from qckpt.stim.program import PROGRAM_NAME

        return _compile_for_stim(args).to_bytes(), PROGRAM_NAME
    if getattr(args, "noise", None) is not None:
        raise QckptError("--noise is a simulation option of the stim backend: add --backend stim")
    if path.endswith(".qasm") or path.endswith(".mlir"):
        from qckpt import pipeline

        text, name = _read_input(path)
        module = pipeline.parse_mlir(text, name) if path.endswith(".mlir") else pipeline.qasm_to_module(text, name, params=_parse_params(args.param), limits=_limits(args))
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
    p = Path(path)
    if not p.exists():
        raise QckptError(f"{path}: no such file")
    if p.is_dir():
        raise QckptError(f"{path}: is a directory")
    if args.mtbf is not None or getattr(args, "checkpoint", None):
        raise QckptError(f"--mtbf and --checkpoint place boundaries when compiling OpenQASM; {path} is compiled already")
    return p.read_bytes(), "program.bc" if path.endswith(".bc") else "program.ll"


def _print_counts(counts: dict[str, int], regs: list[str], shots: int, seed: int, as_json: bool, extra: dict | None = None) -> None:
    counts = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    if as_json:
        json.dump({"shots": shots, "seed": seed, "registers": regs, "counts": counts, **(extra or {})}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    header = " ".join(reversed(regs)) or "(no registers)"
    width = max([len(header), *(len(k) for k in counts)])
    print(f"{header:<{width}}  {'count':>7}  {'freq':>6}")
    total = max(1, sum(counts.values()))
    for k, n in counts.items():
        print(f"{k:<{width}}  {n:>7}  {n / total:>6.3f}")
    print(f"{shots} shots, seed {seed}; bit 0 of each register is rightmost")


def cmd_run(args: argparse.Namespace) -> int:
    if args.store:
        return _run_in_store(args)
    if args.mode or args.workers or args.batch_size or args.policy or args.persistent or args.shard:
        raise QckptError("--mode, --workers, --batch-size, --policy, --persistent and --shard need --store DIR (a checkpointed run)")
    if args.backend == "stim":
        return _run_on_stim(args)
    from qckpt.runtime.qir_runner import run_qir

    if args.program.endswith(".qasm") or args.program.endswith(".mlir"):
        program: str = _compile_for_run(args)[0].decode()
    else:
        program = args.program
        if not Path(program).exists():
            raise QckptError(f"{program}: no such file")
    result = run_qir(program, shots=args.shots, seed=args.seed)
    incomplete = sum(1 for s in result.shots if not s.complete)
    regs = list(result.shots[0].registers()) if result.shots else []
    _print_counts(result.counts, regs, args.shots, args.seed, args.json, {"incomplete_shots": incomplete})
    if incomplete:
        print(f"warning: {incomplete} shot(s) ended without END (the program failed mid-shot)", file=sys.stderr)
        return EXIT_USER_ERROR
    return 0


def _run_on_stim(args: argparse.Namespace) -> int:
    from qckpt.stim.sampling import counts

    if args.shots < 1:
        raise QckptError(f"--shots must be at least 1, got {args.shots}")
    program = _compile_for_stim(args)
    regs = [label for label, _ in program.registers()]
    _print_counts(counts(program, args.shots, args.seed), regs, args.shots, args.seed, args.json, {"backend": "stim", "incomplete_shots": 0})
    return 0


def _job_options(args: argparse.Namespace, stop):
    from qckpt.runtime.execution.job import JobOptions
    from qckpt.runtime.execution.policy import parse_policy
    from qckpt.runtime.execution.progress import make_progress

    if args.workers is not None and args.workers < 1:
        raise QckptError(f"--workers must be at least 1, got {args.workers}")
    if args.sync_interval < 0:
        raise QckptError(f"--sync-interval must be >= 0 seconds, got {args.sync_interval}")
    if args.progress_every <= 0:
        raise QckptError(f"--progress-every must be > 0 seconds, got {args.progress_every}")
    return JobOptions(
        workers=args.workers,
        policy=parse_policy(args.policy),
        sync_interval=args.sync_interval,
        persistent=args.persistent,
        flush_every=args.flush_every,
        progress=make_progress(args.progress, args.progress_every),
        stop=stop,
    )


def _stop_requests():
    """Count SIGINT/SIGTERM/SIGUSR1 from now on (before the program is
    compiled), so that one that comes before the run loop is not lost."""
    from qckpt.runtime.execution.stop_signals import StopRequests

    return StopRequests().installed()


def _run_in_store(args: argparse.Namespace) -> int:
    from qckpt.runtime.execution.job import default_batch_size, fingerprint, start_run
    from qckpt.runtime.execution.ledger import RunPlan
    from qckpt.runtime.execution.shards import parse_shard

    if args.shots < 1:
        raise QckptError(f"--shots must be at least 1, got {args.shots}")
    shard = parse_shard(args.shard) if args.shard else (0, 1)
    with _stop_requests() as stop:
        program, name = _compile_for_run(args)
        plan = RunPlan(
            shots=args.shots,
            seed=args.seed,
            batch_size=args.batch_size or default_batch_size(args.shots),
            mode=args.mode or "resume",
            program_sha256=fingerprint(program),
            program_name=name,
            shard=shard,
        )
        options = _job_options(args, stop)
        return _report_job(start_run(args.store, program, plan, options), args.json)


def cmd_resume(args: argparse.Namespace) -> int:
    from qckpt.runtime.execution.job import resume_run

    with _stop_requests() as stop:
        return _report_job(resume_run(args.store, _job_options(args, stop)), args.json)


def cmd_merge(args: argparse.Namespace) -> int:
    from qckpt.runtime.execution.shards import merge_stores

    ledger, notes = merge_stores(args.stores, args.output)
    for n in notes:
        print(f"note: {n}", file=sys.stderr)
    extra = {"store": args.output, "status": ledger.status, "mode": ledger.plan.mode, "batch_size": ledger.plan.batch_size, "shards": len(args.stores), "shots_done": ledger.shots_done}
    _print_counts(ledger.counts(), [n for n, _ in ledger.shape], ledger.plan.shots, ledger.plan.seed, args.json, extra)
    return 0


def _report_job(result, as_json: bool) -> int:
    from qckpt.runtime.execution.job import EXIT_INTERRUPTED, EXIT_PREEMPTED

    led = result.ledger
    for n in result.notes:
        print(f"note: {n}", file=sys.stderr)
    extra = {
        "store": result.store,
        "status": result.status,
        "mode": led.plan.mode,
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
        "persistent": result.persistent,
        **({"shard": list(led.plan.shard)} if led.plan.shard != (0, 1) else {}),
    }
    regs = [n for n, _ in led.shape]
    if result.status == "complete":
        _print_counts(led.counts(), regs, led.plan.target_shots, led.plan.seed, as_json, extra)
        if result.failures:
            print(f"survived {len(result.failures)} failure(s): " + "; ".join(f.describe() for f in result.failures[-3:]), file=sys.stderr)
        return 0
    if as_json:
        json.dump(extra, sys.stdout, indent=2)
        sys.stdout.write("\n")
    where = f"{result.store}" + (f" and in its persistent level {result.persistent}" if result.persistent else "")
    again = f"'qckpt resume {result.store}'" + (f" (or 'qckpt resume {result.persistent}' if {result.store} is lost)" if result.persistent else "")
    if result.status in ("preempted", "interrupted"):
        print(f"{result.status}: {led.shots_done} of {led.plan.target_shots} shots are committed in {where}; continue with {again}", file=sys.stderr)
        return EXIT_PREEMPTED if result.status == "preempted" else EXIT_INTERRUPTED
    print(f"error: run stopped after {len(result.failures)} failure(s); {led.shots_done} of {led.plan.target_shots} shots are committed in {where} ({again} tries again)", file=sys.stderr)
    print(result.report, file=sys.stderr)
    return EXIT_USER_ERROR


def cmd_inspect(args: argparse.Namespace) -> int:
    from qckpt.runtime.execution.inspection import inspect_store, render

    info = inspect_store(args.store)
    if args.json:
        json.dump(info, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print(render(info))
    return 0


def cmd_check_qir(args: argparse.Namespace) -> int:
    from qckpt.qir.check import check_file, format_report

    status = 0
    for path in args.files:
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
    module = pipeline.parse_mlir(text, name) if kind == "mlir" else pipeline.qasm_to_module(text, name, args.frontend, _parse_params(args.param), _limits(args))
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


def cmd_split(args: argparse.Namespace) -> int:
    from qckpt import pipeline
    from qckpt.runtime.restore.segments import compile_segments, write_plan

    text, name = _read_input(args.input)
    kind = _input_kind(name, args.input_format)
    module = pipeline.parse_mlir(text, name) if kind == "mlir" else pipeline.qasm_to_module(text, name, params=_parse_params(args.param), limits=_limits(args))
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
    _print_counts(counts, regs, args.shots, args.seed, args.json, {"bindings": run.bindings})
    if not args.json:
        print(f"bindings per segment: {', '.join(map(str, run.bindings))}")
    return 0


def _add_module_output(p: argparse.ArgumentParser) -> None:
    """-o and --emit of the commands that write a bound module (_write_module)."""
    p.add_argument("-o", "--output", default="-", help="output file; - for stdout (default)")
    p.add_argument("--emit", choices=["qir", "bc"], default="qir", help="QIR text or bitcode (default: qir, or bc when -o ends in .bc)")


def _add_progress(p) -> None:
    p.add_argument("--progress", choices=["auto", "bar", "log", "none"], default="auto", help="progress on stderr: bar, log (a line every --progress-every seconds, for batch logs), none; auto (default): bar on a terminal, log in a Slurm job, none otherwise")
    p.add_argument("--progress-every", type=float, default=30.0, metavar="SECONDS", help="with --progress log: seconds between two lines (default: 30)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="qckpt",
        description="Compile dynamic quantum circuits to QIR, run them with checkpoints, and resume them.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    c = sub.add_parser("convert", help="OpenQASM 3 (or our IR) -> QIR", description="Convert OpenQASM 3 or qckpt IR (.mlir) to QIR.")
    c.add_argument("input", help="input file (.qasm or .mlir); - for stdin")
    c.add_argument("-o", "--output", default="-", help="output file; - for stdout (default)")
    c.add_argument("--profile", choices=["adaptive", "base"], default="adaptive", help="QIR profile (default: adaptive)")
    c.add_argument("--emit", choices=["qir", "bc", "mlir", "stim"], default="qir", help="QIR text, QIR bitcode, our IR, or the stim circuit the stim backend runs (default: qir)")
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
    _add_limit_args(c)
    c.set_defaults(func=cmd_convert)

    r = sub.add_parser(
        "run",
        help="run a program on qir-runner or stim and print the histogram (checkpointed with --store)",
        description="Run a QIR program (.ll/.bc; .qasm is compiled first) on qir-runner, or a Clifford program (.qasm/.mlir) on stim with --backend stim. With --store DIR the run is "
        "cut into batches run in parallel, committed to a checkpoint store, survives failures and preemption "
        "(exit 75: continue with 'qckpt resume DIR').",
    )
    r.add_argument("program", help="QIR file (.ll or .bc), or .qasm/.mlir to compile first")
    r.add_argument("--shots", type=int, default=1000, help="number of shots (default: 1000)")
    r.add_argument("--seed", type=int, default=0, help="run seed (default: 0)")
    r.add_argument("--json", action="store_true", help="print JSON instead of a table")
    r.add_argument("--param", action="append", metavar="NAME=VALUE", help="value of an 'input' declaration, when compiling OpenQASM")
    r.add_argument(
        "--backend",
        choices=["qir-runner", "stim"],
        default="qir-runner",
        help="simulator: qir-runner (default; any program, state vector, up to ~20 qubits) or stim (Clifford gates, "
        "measurement, reset and Pauli feed-forward, thousands of qubits; .qasm/.mlir only; see docs/stim.md)",
    )
    r.add_argument(
        "--noise",
        metavar="P|KEY=P,...",
        help="stim backend only, a simulation option (not part of the program): depolarizing noise P after every gate and "
        "measurement/reset flips P, or KEY=P for after_clifford_depolarization, before_measure_flip_probability, after_reset_flip_probability",
    )
    rstore = r.add_argument_group("checkpointed runs")
    rstore.add_argument("--store", metavar="DIR", help="checkpoint store directory (new or empty): run under the runtime")
    rstore.add_argument("--mode", choices=["resume", "reproducible"], help="resume: a failed batch goes on from its finished shots (default); reproducible: it reruns whole, and the histogram is bit-identical to an uninterrupted run")
    rstore.add_argument("--workers", type=int, help="qir-runner processes at once (default: one per core)")
    rstore.add_argument("--batch-size", type=int, help="shots per batch, the unit of commit (default: shots/16, at most 1000)")
    rstore.add_argument("--policy", metavar="K=V,...", help="failure policy, e.g. action=retry,max-failures=20,batch-retries=8,backoff=0.05,backoff-max=30,jitter=0.5,heartbeat=120 (see docs/runtime.md)")
    rstore.add_argument("--mtbf", type=float, help="when compiling OpenQASM: mean time between failures (s) for the interval boundary policy")
    rstore.add_argument("--checkpoint", choices=["none", "exact", "every", "interval", "annotated"], help="when compiling OpenQASM: boundary policy (default with --store: exact, or interval with --mtbf); with --store the program records in streaming mode and is resumable, so a shot cut short resumes from its last restorable boundary")
    rstore.add_argument("--every", type=int, default=1, help="with --checkpoint every: every N loop iterations (default: 1)")
    rstore.add_argument("--sync-interval", type=float, default=1.0, help="journal fsync interval in seconds: the most a kill -9 can lose (default: 1)")
    rstore.add_argument("--persistent", metavar="DIR", help="a second store level that receives every --flush-every-th checkpoint")
    rstore.add_argument("--flush-every", type=int, default=1, help="with --persistent: flush every K-th checkpoint, and always the last (default: 1)")
    rstore.add_argument("--shard", metavar="I/N|auto", help="run the I-th of N shares of the run's batches (0 <= I < N), for a job array; auto: from SLURM_ARRAY_TASK_ID/COUNT. Merge the shard stores with 'qckpt merge'")
    _add_progress(rstore)
    _add_limit_args(r)
    r.set_defaults(func=cmd_run)

    rr = sub.add_parser("resume", help="continue a checkpointed run", description="Continue the run in a checkpoint store from its newest valid checkpoint and its journal.")
    rr.add_argument("store", metavar="DIR", help="the run's checkpoint store")
    rr.add_argument("--json", action="store_true", help="print JSON instead of a table")
    rr.add_argument("--workers", type=int, help="qir-runner processes at once (default: one per core)")
    rr.add_argument("--policy", metavar="K=V,...", help="failure policy for this session (see qckpt run --help)")
    rr.add_argument("--sync-interval", type=float, default=1.0, help="journal fsync interval in seconds (default: 1)")
    rr.add_argument("--persistent", metavar="DIR", help="the store's persistent level, if it has one")
    rr.add_argument("--flush-every", type=int, default=1, help="with --persistent: flush every K-th checkpoint (default: 1)")
    _add_progress(rr)
    rr.set_defaults(func=cmd_resume)

    mg = sub.add_parser(
        "merge",
        help="merge the finished shard stores of a run (qckpt run --shard) into one store",
        description="Merge the stores of the N shards of one run into a new store that holds the whole run, complete. "
        "Refuses stores of different programs, seeds or batch plans, and missing, duplicate or unfinished shards.",
    )
    mg.add_argument("stores", nargs="+", metavar="STORE", help="the shard stores (one per shard)")
    mg.add_argument("-o", "--output", required=True, metavar="DIR", help="the merged store (a new or empty directory)")
    mg.add_argument("--json", action="store_true", help="print JSON instead of a table")
    mg.set_defaults(func=cmd_merge)

    ins = sub.add_parser("inspect", help="show a checkpoint store: datasets, validity, shots done, bytes", description="Show a run's checkpoint store without changing it (safe while the run goes on).")
    ins.add_argument("store", metavar="DIR", help="checkpoint store directory")
    ins.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ins.set_defaults(func=cmd_inspect)

    a = sub.add_parser(
        "analyze",
        help="list candidate checkpoint boundaries: quantum cut, record size, replay cost",
        description="Run ckpt-analyze-boundaries and print every candidate boundary.",
    )
    a.add_argument("input", help="input file (.qasm or .mlir); - for stdin")
    a.add_argument("--json", action="store_true", help="print JSON instead of a table")
    a.add_argument("--exact-only", action="store_true", help="only boundaries with an empty quantum cut")
    a.add_argument("--frontend", choices=["native", "qiskit"], default="native", help="OpenQASM 3 frontend (default: native)")
    a.add_argument("--param", action="append", metavar="NAME=VALUE", help="value of an 'input' declaration (repeatable)")
    a.add_argument("--input-format", choices=["qasm", "mlir"], help="input language (default: from the file extension)")
    _add_limit_args(a)
    a.set_defaults(func=cmd_analyze)

    bd = sub.add_parser(
        "bind",
        help="bind input parameters into emitted QIR without recompiling it",
        description="Define the program's late-bound parameters (OpenQASM inputs compiled without --param) and link them in.",
    )
    bd.add_argument("program", help="QIR file (.bc is fastest; .ll works)")
    bd.add_argument("--param", action="append", metavar="NAME=VALUE", help="a parameter value (repeatable)")
    _add_module_output(bd)
    bd.set_defaults(func=cmd_bind)

    br = sub.add_parser(
        "bind-resume",
        help="bind a resume record into a resumable program without recompiling it",
        description="Choose where a resumable program (convert --resumable --record-mode streaming) starts: at the boundary visit "
        "a resume record names, with its values as constants. The record's fingerprint must match the program file.",
    )
    br.add_argument("program", help="resumable QIR file (.ll or .bc), exactly as the run used it")
    br.add_argument("record", help='resume record (JSON: {"format": "qckpt-resume-record", "version": 1, "fingerprint", "boundary", "visit", "values"}), or "start" to run from the top')
    _add_module_output(br)
    br.set_defaults(func=cmd_bind_resume)

    sp = sub.add_parser(
        "split",
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
    _add_limit_args(sp)
    sp.set_defaults(func=cmd_split)

    rs = sub.add_parser(
        "run-segments",
        help="run a split program segment by segment on qir-runner",
        description="Run segment 0 for all shots, group shots by their recorded state, bind the next segment once per state, and stitch.",
    )
    rs.add_argument("plan", metavar="DIR", help="directory written by qckpt split")
    rs.add_argument("--shots", type=int, default=1000, help="number of shots (default: 1000)")
    rs.add_argument("--seed", type=int, default=0, help="seed (default: 0)")
    rs.add_argument("--json", action="store_true", help="print JSON instead of a table")
    rs.set_defaults(func=cmd_run_segments)

    k = sub.add_parser("check-qir", help="check QIR against the Adaptive or Base Profile", description="Report every construct the QIR profile does not allow, with function and block.")
    k.add_argument("files", nargs="+", help="QIR files (.ll or .bc)")
    k.add_argument("--profile", choices=["adaptive", "base"], help="profile to check against (default: the entry point's qir_profiles)")
    k.set_defaults(func=cmd_check_qir)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
