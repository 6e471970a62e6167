"""The compiler's commands: convert, analyze, check-qir, bind, bind-resume,
record, split."""

from __future__ import annotations

import argparse
import os
import json
import sys
from pathlib import Path

from qckpt.cli.io import _limits, EXIT_USER_ERROR, _input_kind, _program_file, _parse_params, _read_input, _read_program, _write_module, _write_output
from qckpt.diagnostics import QckptError


def cmd_convert(args: argparse.Namespace) -> int:
    import gc

    from qckpt import pipeline
    from qckpt.cli import run_commands

    # One conversion, then the process ends: the cyclic collector stays off
    # for all of it. Re-enabled between the pipeline's stages, it scanned the
    # whole module each time (~0.6 s at 10^5 gates) and found no garbage.
    with pipeline.gc_paused():
        status = _convert(args, pipeline)
        if run_commands.OWNS_PROCESS:
            # The module is garbage now and the process ends next: frozen, the
            # collector never scans it and no one frees it object by object
            # (that cost 1 s of a 2*10^4-gate conversion). Never in a caller's
            # process (main([...])), whose objects must stay collectable.
            gc.freeze()
    return status


def _convert(args: argparse.Namespace, pipeline) -> int:
    text, name = _read_input(args.input)
    kind = _input_kind(name, args.input_format)
    params = _parse_params(args.param)
    if _streamable(args, kind):
        if args.emit == "bc" and args.output == "-" and sys.stdout.isatty():
            raise QckptError("refusing to write bitcode to a terminal; use -o FILE")
        _write_output(args.output, pipeline.qasm_to_qir(text, name, params, args.timing, _limits(args), args.profile, args.native_rx, args.runtime, args.emit == "bc"))
        return 0
    module = pipeline.parse_mlir(text, name) if kind == "mlir" else pipeline.qasm_to_module(text, name, args.frontend, params, args.timing, _limits(args))
    if args.reuse_qubits or args.max_qubits is not None:
        _reuse(pipeline, module, args)
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


def _streamable(args: argparse.Namespace, kind: str) -> bool:
    """Plain OpenQASM to QIR: emitted as the frontend lowers (``pipeline.qasm_to_qir``)."""
    return (kind != "mlir" and args.frontend == "native" and args.emit in ("qir", "bc") and not args.checkpoint
            and not args.reuse_qubits and args.max_qubits is None and not args.resumable and args.record_mode == "final")


def _reuse(pipeline, module, args: argparse.Namespace) -> None:
    """--reuse-qubits / --max-qubits: run qc-reuse-qubits and say what it reached."""
    if getattr(args, "profile", "adaptive") == "base":
        raise QckptError("--reuse-qubits needs the Adaptive Profile: a reused qubit is measured mid-circuit and reset")
    report = pipeline.reuse_qubits(module, args.max_qubits or 0, args.reuse_objective)
    print(
        f"qubit reuse: {report.logical} logical qubits on {report.width} (lower bound {report.lower_bound}), "
        f"{report.reuse_points} reuse points, depth {report.depth}",
        file=sys.stderr,
    )


def _note_restorable(module) -> None:
    """Tell the user when --resumable found nothing to resume at."""
    from qckpt.ir import entry_function
    from qckpt.qir.resume_blocks import restorable_points

    if not restorable_points(entry_function(module))[0]:
        print("note: no restorable boundary: the program can only start from the top (place exact boundaries with --checkpoint exact)", file=sys.stderr)


def cmd_check_qir(args: argparse.Namespace) -> int:
    from qckpt.qir.check import check_file, format_report

    status = 0
    for path in args.files:
        if path != "-" and not Path(path).exists():
            raise QckptError(f"{path}: no such file")
        with _program_file(path) as file:
            violations = check_file(file, profile=args.profile)
        print(format_report(violations, "<stdin>" if path == "-" else path))
        if any(v.severity == "error" for v in violations):
            status = EXIT_USER_ERROR
    return status


def cmd_analyze(args: argparse.Namespace) -> int:
    from qckpt import pipeline
    from qckpt.passes.analyze_boundaries import analyze_module

    text, name = _read_input(args.input)
    kind = _input_kind(name, args.input_format)
    module = pipeline.parse_mlir(text, name) if kind == "mlir" else pipeline.qasm_to_module(text, name, args.frontend, _parse_params(args.param), limits=_limits(args))
    module = pipeline.lower_to_target(module)
    rows = candidate_rows(module)
    if args.exact_only:
        rows = [r for r in rows if r["exact"]]
    if args.json:
        json.dump({"function": analyze_module(module).function, "candidates": rows}, sys.stdout, indent=2)
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


def candidate_rows(module) -> list[dict]:
    """Every candidate boundary of a lowered module, as analyze prints it
    (and qckpt plot boundaries draws it)."""
    from qckpt.passes.analyze_boundaries import analyze_module

    result = analyze_module(module)
    names = result.qubit_names
    return [
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


def cmd_bind(args: argparse.Namespace) -> int:
    from qckpt.qir.bind import bind_parameters, load_module

    with _program_file(args.program) as file:
        module = bind_parameters(load_module(file), _parse_params(args.param))
    _write_module(args, module)
    return 0


def cmd_bind_resume(args: argparse.Namespace) -> int:
    from qckpt.qir.resume_binding import ResumeRecord, bind_resume_file

    record = None if args.record == "start" else ResumeRecord.load(args.record)
    with _program_file(args.program) as file:
        _write_module(args, bind_resume_file(file, record))
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    if args.log is None:
        return _record_from_store(args)
    if args.program_out:
        raise QckptError("--program-out goes with a store (qckpt record STORE); from a log, the program is the one you named")
    from qckpt.runtime.restore.resume import record_from_log

    program, _, _ = _read_program(args.program)
    log_text, _ = _read_input(args.log)
    record, shot = record_from_log(program, log_text, args.shot)
    if record is None:
        raise QckptError(f"shot {shot} has no complete visit to a restorable boundary: it starts over (qckpt bind-resume {args.program} start)")
    _write_output(args.output, json.dumps(record.to_json(), indent=2) + "\n")
    print(f"shot {shot}: boundary {record.boundary}, visit {record.visit}", file=sys.stderr)
    return 0


def _record_from_store(args: argparse.Namespace) -> int:
    """The resume record of a shot the run in a store saw cut short (the
    newest one, or the --shot-th counting from 0 in the order they were cut):
    the runtime puts each in the store's event log. --program-out writes the
    program the run ran, whose fingerprint the record carries."""
    from qckpt.runtime.execution.job import load_run
    from qckpt.runtime.store.checkpoint_store import CheckpointStore
    from qckpt.runtime.store.events import read_events

    store_dir = args.program
    if store_dir == "-" or not os.path.isdir(store_dir):
        raise QckptError(f"{store_dir}: not a checkpoint store; to read a streaming log, give the program and the log: qckpt record PROGRAM LOG")
    torn = [e for e in read_events(store_dir) if e["event"] == "torn-shot" and isinstance(e.get("record"), dict)]
    with CheckpointStore.open(store_dir, readonly=True, create=False) as store:
        program = load_run(store)[1]
    if not torn:
        raise QckptError(f"{store_dir}: no shot of this run was cut short after a restorable boundary, so there is no resume record (qckpt resume {store_dir} finishes an unfinished run)")
    k = len(torn) - 1 if args.shot is None else args.shot
    if not 0 <= k < len(torn):
        raise QckptError(f"--shot {args.shot}: the store holds the records of {len(torn)} torn shots, 0 to {len(torn) - 1}")
    from qckpt.qir.resume_binding import ResumeRecord

    record = ResumeRecord.from_json(torn[k]["record"], f"{store_dir}: torn shot {k}")
    if args.program_out:
        _write_output(args.program_out, program)
    _write_output(args.output, json.dumps(record.to_json(), indent=2) + "\n")
    print(f"torn shot {k} of {len(torn)} (batch {torn[k].get('batch')}): boundary {record.boundary}, visit {record.visit}", file=sys.stderr)
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    from qckpt import pipeline
    from qckpt.runtime.restore.segments import compile_segments, write_plan

    text, name = _read_input(args.input)
    kind = _input_kind(name, args.input_format)
    module = pipeline.parse_mlir(text, name) if kind == "mlir" else pipeline.qasm_to_module(text, name, params=_parse_params(args.param), limits=_limits(args))
    if args.reuse_qubits or args.max_qubits is not None:
        _reuse(pipeline, module, args)
    if args.checkpoint:
        pipeline.insert_checkpoints(module, args.checkpoint, args.every, args.mtbf)
    at = _boundary_ids(args.at) if args.at else None
    if os.path.exists(args.output) and not os.path.isdir(args.output):
        raise QckptError(f"{args.output}: not a directory (split writes its segment files and plan.json into a directory)")
    segments = compile_segments(pipeline.lower_to_target(module), at)
    plan = write_plan(args.output, segments)
    for seg in segments:
        m = seg.manifest
        begin = "start" if m["starts_at"] is None else f"boundary {m['starts_at']}"
        finish = "end" if m["ends_at"] is None else f"boundary {m['ends_at']}"
        print(f"segment {m['index']}: {begin} -> {finish}; {m['num_qubits']} qubits, {len(m['inputs'])} inputs, {len(m['records'])} state records")
    print(f"wrote {len(segments)} segments and {plan}")
    return 0


def _boundary_ids(text: str) -> list[int]:
    try:
        return [int(x) for x in text.split(",")]
    except ValueError:
        raise QckptError(f"--at {text!r}: expected comma-separated boundary ids, such as --at 0,2") from None
