"""The runtime's commands: run (plain or under a checkpoint store), resume,
inspect, run-segments."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from dataclasses import replace

from qckpt.cli.io import _limits, EXIT_USER_ERROR, _parse_params, _print_counts, _read_program
from qckpt.diagnostics import QckptError, decode_source


def _compile_for_stim(args: argparse.Namespace):
    """The program lowered to stim (``--backend stim``), with the run's
    noise model; boundaries placed as for QIR, so a checkpointed run
    records its boundary visits the same way."""
    from qckpt import pipeline
    from qckpt.stim.noise import parse_noise

    data, kind, name = _read_program(args.program)
    if kind not in ("qasm", "mlir"):
        raise QckptError(f"{name}: --backend stim lowers OpenQASM 3 or qckpt IR (.qasm, .mlir); compiled QIR cannot be lowered to stim (run it with --backend qir-runner)")
    noise = parse_noise(args.noise)
    text = decode_source(data, name)
    module = pipeline.parse_mlir(text, name) if kind == "mlir" else pipeline.qasm_to_module(text, name, params=_parse_params(args.param), timing=args.timing, limits=_limits(args))
    from qckpt.passes.recognize_rounds import has_checks, recognize_rounds

    if has_checks(module):  # a QEC program: logical boundaries at its round ends, decoded as it runs
        recognize_rounds(module)
        return pipeline.module_to_stim(module).with_noise(noise)
    policy = getattr(args, "checkpoint", None)
    if getattr(args, "store", None):
        policy = policy or ("interval" if args.mtbf is not None else "exact")
    if policy and policy != "none":
        pipeline.insert_checkpoints(module, policy, args.every, args.mtbf if args.mtbf is not None else 3600.0)
    return pipeline.module_to_stim(module).with_noise(noise)


def _compile_for_run(args: argparse.Namespace) -> tuple[bytes, str]:
    """The program to run, as bytes, and a file name for it: a .ll/.bc as
    given (with --param values bound in), or OpenQASM / our IR compiled first."""
    program, name, _ = _compile_with_source(args)
    return program, name


def _compile_with_source(args: argparse.Namespace) -> tuple[bytes, str, bytes | None]:
    """:func:`_compile_for_run`, and, for a checkpointed run compiled from
    source, the checkpointed module in qckpt IR: the store keeps it so the
    run can resume on a narrower executor (``qckpt resume --max-qubits``)."""
    path = args.program
    if getattr(args, "backend", "qir-runner") == "stim":
        from qckpt.stim.program import PROGRAM_NAME

        return _compile_for_stim(args).to_bytes(), PROGRAM_NAME, None
    if getattr(args, "noise", None) is not None:
        raise QckptError("--noise is a simulation option of the stim backend: add --backend stim")
    data, kind, name = _read_program(path)
    if kind in ("qasm", "mlir"):
        from qckpt import pipeline

        text = decode_source(data, name)
        module = pipeline.parse_mlir(text, name) if kind == "mlir" else pipeline.qasm_to_module(text, name, params=_parse_params(args.param), timing=getattr(args, "timing", "drop"), limits=_limits(args))
        policy = getattr(args, "checkpoint", None)
        if getattr(args, "store", None):
            policy = policy or ("interval" if args.mtbf is not None else "exact")
        if policy and policy != "none":
            pipeline.insert_checkpoints(module, policy, args.every, args.mtbf if args.mtbf is not None else 3600.0)
            if getattr(args, "store", None):
                source = str(module).encode()  # before emission lowers it in place
                # Streaming records and a resume dispatch: a shot cut short resumes from its last restorable boundary.
                try:
                    return pipeline.module_to_qir(module, record_mode="streaming", resumable=True).encode(), "program.ll", source
                except QckptError as e:  # no restorable boundary, or a value a resume could not rebuild
                    print(f"note: {path} cannot be made resumable ({e.message}); shots cut short will start over", file=sys.stderr)
                    return pipeline.module_to_qir(module, record_mode="streaming").encode(), "program.ll", source
        return pipeline.module_to_qir(module).encode(), "program.ll", None
    if args.mtbf is not None or getattr(args, "checkpoint", None):
        raise QckptError(f"--mtbf and --checkpoint place boundaries when compiling OpenQASM; {name} is compiled already")
    if args.param:
        return (*_bind_compiled(data, kind, name, _parse_params(args.param)), None)
    return data, f"program.{kind}", None


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


def _logical_run(args: argparse.Namespace):
    """The QEC program of ``args`` as a logical run, or None if it is not one."""
    if getattr(args, "backend", "qir-runner") != "stim":
        return None
    from qckpt.runtime.execution.logical_run import LogicalRun, is_qec_program, parse_window

    program = _compile_for_stim(args)
    return LogicalRun(program, args.shots, args.seed, parse_window(args.decoder_window)) if is_qec_program(program) else None


def _report_logical(result, as_json: bool, stop=None, store: str | None = None) -> int:
    if result.stopped_at is not None:
        from qckpt.runtime.execution.job import EXIT_INTERRUPTED, EXIT_PREEMPTED

        status = stop.status if stop is not None else "preempted"
        print(f"{status} after round {result.stopped_at} of {result.rounds}, committed: continue with 'qckpt resume {store}'", file=sys.stderr)
        return EXIT_PREEMPTED if status == "preempted" else EXIT_INTERRUPTED
    lo, hi = result.interval()
    if as_json:
        doc = {
            "shots": result.shots,
            "rounds": result.rounds,
            "logical_errors": result.errors,
            "logical_error_rate": result.rate,
            "ci95": [lo, hi],
            "outcomes_sha256": result.digest("outcomes"),
            "corrections_sha256": result.digest("corrections"),
            "resumed_at_round": result.resumed_at,
        }
        print(json.dumps(doc))
        return 0
    for i, why in result.skipped:
        print(f"note: dataset {i} passed over ({why}); resumed from the logical boundary before it", file=sys.stderr)
    if result.resumed_at is not None:
        print(f"resumed at round {result.resumed_at} of {result.rounds}", file=sys.stderr)
    print(f"logical error rate: {result.rate:.4g} (95% CI {lo:.4g} to {hi:.4g}): {result.errors} of {result.shots} shots wrong after decoding, {result.rounds - 1} rounds and the final readout")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    if args.max_qubits is not None and args.store:
        raise QckptError("--max-qubits runs without --store (a checkpointed run resumes on the layout it started on)")
    if args.backend == "stim" and not (args.shard or args.cluster != "local"):
        run = _logical_run(args)
        if run is not None:
            from qckpt.runtime.execution.logical_run import run_logical

            with _stop_requests() as stop:
                return _report_logical(run_logical(args.store, run, stop=lambda: stop.count > 0, interval=args.sync_interval), args.json, stop, args.store)
    if args.store:
        return _run_in_store(args)
    if args.mode or args.workers or args.batch_size or args.policy or args.persistent or args.shard or args.cluster != "local":
        raise QckptError("--mode, --workers, --batch-size, --policy, --persistent, --shard and --cluster need --store DIR (a checkpointed run)")
    if args.max_qubits is not None and args.backend == "stim":
        raise QckptError("--max-qubits is for the qir-runner backend")
    if args.backend == "stim":
        return _run_on_stim(args)
    import tempfile

    from qckpt.runtime.qir_runner import run_qir

    data, name = _compile_for_run(args)
    if name.endswith(".bc"):
        with tempfile.NamedTemporaryFile(suffix=".bc") as f:
            f.write(data)
            f.flush()
            result = run_qir(f.name, shots=args.shots, seed=args.seed, max_qubits=args.max_qubits)
    else:
        result = run_qir(data.decode("utf-8", "replace"), shots=args.shots, seed=args.seed, max_qubits=args.max_qubits)
    incomplete = sum(1 for s in result.shots if not s.complete)
    regs = list(result.shots[0].registers()) if result.shots else []
    _print_counts(result.counts, regs, args.shots, args.seed, args.json, {"incomplete_shots": incomplete}, args.top, args.min_count)
    if incomplete:
        print(f"warning: {incomplete} shot(s) ended without END (the program failed mid-shot)", file=sys.stderr)
        return EXIT_USER_ERROR
    return 0


@contextlib.contextmanager
def _cluster_executor(args: argparse.Namespace, policy_heartbeat: float):
    """The executor ``--cluster`` names (None: this machine's), and the
    cluster closed when the run ends (a SLURMCluster's worker jobs with it)."""
    from qckpt.runtime.execution.clusters import connect

    if args.cluster != "local" and getattr(args, "backend", "qir-runner") == "stim":
        raise QckptError("--cluster sends qir-runner batches to Dask workers; --backend stim runs on this machine (use --cluster local)")
    if args.cluster != "local":
        import logging

        logging.getLogger("distributed").setLevel(logging.WARNING)  # Dask's INFO lines would drown the run's own
    cluster = connect(args.cluster, args.cluster_opt)
    if cluster is None:
        yield None
        return
    from qckpt.runtime.execution.dask_executor import DaskExecutor

    try:
        yield DaskExecutor(cluster.client, heartbeat=policy_heartbeat, slots=cluster.slots)
    finally:
        cluster.close()


def _run_on_stim(args: argparse.Namespace) -> int:
    from qckpt.stim.sampling import counts

    if args.shots < 1:
        raise QckptError(f"--shots must be at least 1, got {args.shots}")
    program = _compile_for_stim(args)
    regs = [label for label, _ in program.registers()]
    _print_counts(counts(program, args.shots, args.seed), regs, args.shots, args.seed, args.json, {"backend": "stim", "incomplete_shots": 0}, args.top, args.min_count)
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


# True when this process is the qckpt command itself (main() with argv=None,
# as the console script and ``python -m qckpt.cli`` call it), not a caller
# that runs main([...]) in its own process.
OWNS_PROCESS = False


def counts_stop_signals(args: argparse.Namespace) -> bool:
    """Whether the command stops cleanly on SIGTERM/SIGUSR1 (commits, exit
    75) through :func:`_stop_requests`: a run in a store, and resume."""
    return args.command == "resume" or (args.command == "run" and bool(getattr(args, "store", None)))


@contextlib.contextmanager
def _stop_requests():
    """Count SIGINT/SIGTERM/SIGUSR1 from now on (before the program is
    compiled), so that one that comes before the run loop is not lost.
    Afterwards they are ignored until the process exits: the run is
    committed and reported, and a late signal (the second of two sent close
    together) has nothing left to stop; it must not turn exit 75 into death
    by signal."""
    import signal

    from qckpt.runtime.execution.stop_signals import STOP_SIGNALS, StopRequests

    from qckpt.cli import early_signals

    try:
        with StopRequests().installed() as stop:
            for s in early_signals.take():  # what came while the process started
                stop.request(s)
            yield stop
    finally:
        if OWNS_PROCESS:  # never in a caller's process: its children would inherit the ignored signals
            for s in STOP_SIGNALS:
                signal.signal(s, signal.SIG_IGN)


def _run_in_store(args: argparse.Namespace) -> int:
    from qckpt.runtime.execution.job import default_batch_size, fingerprint, start_run
    from qckpt.runtime.execution.ledger import RunPlan
    from qckpt.runtime.execution.shards import parse_shard

    if args.shots < 1:
        raise QckptError(f"--shots must be at least 1, got {args.shots}")
    shard = parse_shard(args.shard) if args.shard else (0, 1)
    with _stop_requests() as stop:
        program, name, source = _compile_with_source(args)
        plan = RunPlan(
            shots=args.shots,
            seed=args.seed,
            batch_size=args.batch_size or default_batch_size(args.shots),
            mode=_LEDGER_MODE[args.mode or "continue"],
            program_sha256=fingerprint(program),
            program_name=name,
            shard=shard,
        )
        options = _job_options(args, stop)
        with _cluster_executor(args, options.policy.heartbeat) as executor:
            return _report_job(start_run(args.store, program, plan, replace(options, executor=executor), source), args.json, args.top, args.min_count)


# The ledger's name for each --mode (stored in existing runs; "resume" was
# the CLI's name too until it clashed with the resume subcommand).


_LEDGER_MODE = {"continue": "resume", "resume": "resume", "reproducible": "reproducible"}


def cmd_resume(args: argparse.Namespace) -> int:
    from qckpt.runtime.execution.job import resume_run
    from qckpt.runtime.execution.logical_run import is_logical_store, resume_logical

    if args.max_qubits is not None:
        from qckpt.runtime.execution.narrow_resume import narrow_executor

        if args.cluster != "local":
            raise QckptError("--max-qubits resumes on this machine's narrow executor; it does not combine with --cluster")
        with _stop_requests() as stop, narrow_executor(args.store, args.max_qubits) as executor:
            options = _job_options(args, stop)
            return _report_job(resume_run(args.store, replace(options, executor=executor)), args.json, args.top, args.min_count)
    if is_logical_store(args.store):
        with _stop_requests() as stop:
            return _report_logical(resume_logical(args.store, stop=lambda: stop.count > 0, interval=args.sync_interval), args.json, stop, args.store)
    with _stop_requests() as stop:
        options = _job_options(args, stop)
        with _cluster_executor(args, options.policy.heartbeat) as executor:
            return _report_job(resume_run(args.store, replace(options, executor=executor)), args.json, args.top, args.min_count)


def cmd_merge(args: argparse.Namespace) -> int:
    from qckpt.runtime.execution.shards import merge_stores

    ledger, notes = merge_stores(args.stores, args.output)
    for n in notes:
        print(f"note: {n}", file=sys.stderr)
    extra = {"store": args.output, "status": ledger.status, "mode": ledger.plan.mode, "batch_size": ledger.plan.batch_size, "shards": len(args.stores), "shots_done": ledger.shots_done}
    _print_counts(ledger.counts(), [n for n, _ in ledger.shape], ledger.plan.shots, ledger.plan.seed, args.json, extra, args.top, args.min_count)
    return 0


def _report_job(result, as_json: bool, top: int | None = None, min_count: int = 1) -> int:
    from qckpt.runtime.execution.job import EXIT_INTERRUPTED, EXIT_PREEMPTED

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
        "persistent": result.persistent,
        **({"shard": list(led.plan.shard)} if led.plan.shard != (0, 1) else {}),
    }
    regs = [n for n, _ in led.shape]
    if result.status == "complete":
        _print_counts(led.counts(), regs, led.plan.target_shots, led.plan.seed, as_json, extra, top, min_count)
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


def cmd_run_segments(args: argparse.Namespace) -> int:
    from qckpt.runtime.restore.segments import load_plan, run_segmented

    run = run_segmented(load_plan(args.plan), args.shots, args.seed, args.max_qubits)
    counts: dict[str, int] = {}
    for s in run.shots:
        counts[s.bitstring()] = counts.get(s.bitstring(), 0) + 1
    regs = list(run.shots[0].registers()) if run.shots else []
    _print_counts(counts, regs, args.shots, args.seed, args.json, {"bindings": run.bindings}, args.top, args.min_count)
    if not args.json:
        print(f"bindings per segment: {', '.join(map(str, run.bindings))}")
        if args.max_qubits is not None:
            print(f"on {args.max_qubits} qubits")
    return 0
