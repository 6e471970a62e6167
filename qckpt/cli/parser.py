"""The argument parser: one subcommand per job, options grouped, every
--help ending with examples and the environment it reads (qckpt.cli.help)."""

from __future__ import annotations

import argparse

from qckpt.passes.policy_names import POLICIES

from qckpt.cli.compile_commands import cmd_analyze, cmd_bind, cmd_bind_resume, cmd_check_qir, cmd_convert, cmd_record, cmd_split
from qckpt.cli.plot_command import add_plot_parser
from qckpt.cli.run_commands import cmd_inspect, cmd_merge, cmd_resume, cmd_run, cmd_run_segments


def _add_module_output(p: argparse.ArgumentParser) -> None:
    """-o and --emit of the commands that write a bound module (_write_module)."""
    p.add_argument("-o", "--output", default="-", help="output file; - for stdout (default)")
    p.add_argument("--emit", choices=["qir", "bc"], default="qir", help="QIR text or bitcode (default: qir, or bc when -o ends in .bc)")


class _Formatter(argparse.HelpFormatter):
    """Descriptions wrap as usual; the examples epilog keeps its lines."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def _command(sub, name: str, **kw) -> argparse.ArgumentParser:
    """A subcommand whose --help ends with examples and its environment."""
    from qckpt.cli.help import epilog

    return sub.add_parser(name, epilog=epilog(name), formatter_class=_Formatter, **kw)


def _add_progress(p) -> None:
    p.add_argument("--progress", choices=["auto", "bar", "log", "none"], default="auto", help="progress on stderr: bar, log (a line every --progress-every seconds, for batch logs), none; auto (default): bar on a terminal, log in a Slurm job, none otherwise")
    p.add_argument("--progress-every", type=float, default=30.0, metavar="SECONDS", help="with --progress log: seconds between two lines (default: 30)")


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def _add_limit_args(p) -> None:
    from qckpt.frontend.qasm.limits import DEFAULT_MAX_DEPTH, DEFAULT_MAX_OPS

    p.add_argument("--max-ops", type=_positive_int, default=DEFAULT_MAX_OPS, metavar="N",
                   help=f"OpenQASM: operations the program may expand to by unrolling, inlining and pow (default: {DEFAULT_MAX_OPS:,})")
    p.add_argument("--max-depth", type=_positive_int, default=DEFAULT_MAX_DEPTH, metavar="N",
                   help=f"OpenQASM: how deep the program may nest (default: {DEFAULT_MAX_DEPTH})")


def _add_cluster(p) -> None:
    p.add_argument(
        "--cluster", default="local", metavar="local|tcp://HOST:PORT|slurm",
        help="with --store: where the batches run: local (default: qir-runner processes on this machine), tcp://HOST:PORT (an existing Dask "
        "scheduler), slurm (a dask-jobqueue SLURMCluster this command starts and stops). The store is written by this process "
        "only: it need not be visible to the workers, but qckpt and qir-runner must be installed where the workers run",
    )
    p.add_argument("--cluster-opt", metavar="K=V,...", help="with --cluster slurm: jobs=N (worker jobs kept, default 1), cores, processes, memory, walltime, queue, account, interface, job_extra='--a;--b', ... (defaults from Dask's jobqueue.slurm config); with tcp://: timeout, slots (see docs/hpc.md)")


def _add_histogram_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("output")
    g.add_argument("--json", action="store_true", help="print JSON instead of a table")
    g.add_argument("--top", type=int, metavar="N", help="print only the N most frequent outcomes (a last line says what was left out)")
    g.add_argument("--min-count", type=int, default=1, metavar="K", help="print only outcomes seen at least K times")


class _VersionAction(argparse.Action):
    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from qckpt.cli.help import versions

        print(" ".join(f"{k} {v}" for k, v in versions().items()))
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    from qckpt.cli.help import epilog

    p = argparse.ArgumentParser(
        prog="qckpt",
        description="Compile dynamic quantum circuits to QIR, run them with checkpoints, and resume them.",
        epilog=epilog("qckpt"),
        formatter_class=_Formatter,
    )
    p.add_argument("--version", action=_VersionAction, help="print the versions of qckpt, pyqir, xdsl and qir-runner")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = _command(sub, "convert", help="OpenQASM 3 (or our IR) -> QIR", description="Convert OpenQASM 3 or qckpt IR (.mlir) to QIR.")
    c.add_argument("input", help="input file (.qasm or .mlir); - for stdin")
    c.add_argument("-o", "--output", default="-", help="output file; - for stdout (default)")
    c.add_argument("--profile", choices=["adaptive", "base"], default="adaptive", help="QIR profile (default: adaptive)")
    c.add_argument("--emit", choices=["qir", "bc", "mlir", "stim"], default="qir", help="QIR text, QIR bitcode, our IR, or the stim circuit the stim backend runs (default: qir)")
    c.add_argument("--frontend", choices=["native", "qiskit"], default="native", help="OpenQASM 3 frontend: qckpt's own (default) or Qiskit's importer")
    c.add_argument("--param", action="append", metavar="NAME=VALUE", help="value of an 'input' declaration (repeatable)")
    c.add_argument("--timing", choices=["drop", "error"], default="drop", help="QIR has no timing: drop delays and box/gate durations with one warning per kind (default), or reject them (error)")
    c.add_argument(
        "--native-rx",
        action="store_true",
        help="emit rx as __quantum__qis__rx__body (default: h; rz; h, since qir-runner 0.9.7 mis-simulates fused rx(pi) before ry)",
    )
    ck = c.add_argument_group("checkpoints")
    ck.add_argument("--checkpoint", choices=POLICIES, help="place checkpoint boundaries by this policy (ckpt-insert)")
    ck.add_argument("--every", type=int, default=1, help="with --checkpoint every: every N loop iterations, or N gate layers (default: 1)")
    ck.add_argument("--mtbf", type=float, default=3600.0, help="with --checkpoint interval: mean time between failures, seconds (default: 3600)")
    ck.add_argument("--max-replay-cost", type=int, default=-1, help="leave out boundaries whose quantum cone has more operations (default: no limit)")
    ck.add_argument("--max-postselect-bits", type=int, default=7, help="a replay boundary is restorable when its cone holds at most this many measurements (default: 7; a resume replays its cone 2^N times on average at most)")
    ck.add_argument("--record-mode", choices=["final", "streaming"], default="final", help="how boundaries are recorded: final (default; conformant Adaptive Profile, last visit of each boundary recorded at the end) or streaming (qckpt extension; every visit recorded as it happens, for intra-shot recovery)")
    ck.add_argument("--resumable", action="store_true", help="emit a program that can start at any exact boundary (needs --record-mode streaming; bind the start with qckpt bind-resume)")
    ck.add_argument("--runtime", choices=["linked", "extern"], default="linked", help="link the __qckpt_* runtime library, or leave declarations (default: linked)")
    ru = c.add_argument_group("qubit reuse")
    ru.add_argument("--reuse-qubits", action="store_true", help="run on fewer physical qubits: reset and reuse a qubit once it is done (qc-reuse-qubits), with a boundary at each reuse point")
    ru.add_argument("--max-qubits", type=int, metavar="N", help="with --reuse-qubits (implied): fail, naming the width reached and a lower bound, unless the program fits in N qubits")
    ru.add_argument("--reuse-objective", choices=["width", "depth"], default="width", help="fewest qubits (default), or keep the depth and reuse only within it")
    c.add_argument("--input-format", choices=["qasm", "mlir"], help="input language (default: from the file extension)")
    _add_limit_args(c)
    c.set_defaults(func=cmd_convert)

    r = _command(
        sub,
        "run",
        help="run a program on qir-runner or stim and print the histogram (checkpointed with --store)",
        description="Run a QIR program (.ll/.bc; .qasm/.mlir are compiled first; - reads stdin) on qir-runner. With --store DIR the run is "
        "cut into batches run in parallel, committed to a checkpoint store, survives failures and preemption "
        "(exit 75: continue with 'qckpt resume DIR').",
    )
    r.add_argument("program", help="QIR file (.ll or .bc), or .qasm/.mlir to compile first; - for stdin")
    rc = r.add_argument_group("compile (OpenQASM or our IR)")
    rc.add_argument("--param", action="append", metavar="NAME=VALUE", help="value of an 'input' (an OpenQASM constant expression such as pi/4); for .ll/.bc made by qckpt, bound as qckpt bind does")
    _add_limit_args(rc)
    rc.add_argument("--timing", choices=["drop", "error"], default="drop", help="QIR has no timing: drop delays and box/gate durations with one warning per kind (default), or reject them (error)")
    rk = r.add_argument_group("checkpoint (when compiling OpenQASM)")
    rk.add_argument("--checkpoint", choices=["none", *POLICIES], help="boundary policy (default with --store: exact, or interval with --mtbf); with --store the program records in streaming mode and is resumable, so a shot cut short resumes from its last restorable boundary")
    rk.add_argument("--mtbf", type=float, help="mean time between failures (s) for the interval policy")
    rk.add_argument("--every", type=int, default=1, help="with --checkpoint every: every N loop iterations (default: 1)")
    rx = r.add_argument_group("execution")
    rx.add_argument("--shots", type=int, default=1000, help="number of shots (default: 1000)")
    rx.add_argument("--seed", type=int, default=0, help="run seed (default: 0)")
    rx.add_argument(
        "--backend",
        choices=["qir-runner", "stim"],
        default="qir-runner",
        help="simulator: qir-runner (default; any program, state vector, up to ~20 qubits) or stim (Clifford gates, "
        "measurement, reset and Pauli feed-forward, thousands of qubits; .qasm/.mlir only; see docs/stim.md)",
    )
    rx.add_argument(
        "--noise",
        metavar="P|KEY=P,...",
        help="stim backend only, a simulation option (not part of the program): depolarizing noise P after every gate and "
        "measurement/reset flips P, or KEY=P for after_clifford_depolarization, before_measure_flip_probability, after_reset_flip_probability",
    )
    rx.add_argument("--max-qubits", type=int, metavar="N", help="without --store: run on an executor of N qubits, which refuses a program that addresses a qubit >= N (see qckpt convert --reuse-qubits)")
    rx.add_argument(
        "--decoder-window",
        metavar="W[/C]",
        default="10/5",
        help="QEC programs (with detectors and recognised rounds) on stim: decode W rounds at a time, committing the first C (default: 10/5; docs/logical.md)",
    )
    rx.add_argument("--workers", type=int, help="with --store: qir-runner processes at once (default: one per core); with --cluster tcp://..|slurm, batches in flight (default: two per worker thread)")
    rx.add_argument("--batch-size", type=int, help="with --store: shots per batch, the unit of commit (default: shots/16, at most 1000)")
    rx.add_argument("--mode", choices=["continue", "reproducible", "resume"], metavar="{continue,reproducible}", help="with --store: continue: a failed batch goes on from its finished shots (default; 'resume' is an old name for it); reproducible: it reruns whole, and the histogram is bit-identical to an uninterrupted run")
    rx.add_argument("--policy", metavar="K=V,...", help="with --store: failure policy, e.g. action=retry,max-failures=20,batch-retries=8,backoff=0.05,backoff-max=30,jitter=0.5,heartbeat=120 (see docs/runtime.md)")
    rstore = r.add_argument_group("store (checkpointed runs)")
    rstore.add_argument("--store", metavar="DIR", help="checkpoint store directory (new or empty): run under the runtime")
    rstore.add_argument("--sync-interval", type=float, default=1.0, help="journal fsync interval in seconds: the most a kill -9 can lose (default: 1); for QEC programs, the least time between logical datasets (every window end is journaled)")
    rstore.add_argument("--persistent", metavar="DIR", help="a second store level that receives every --flush-every-th checkpoint")
    rstore.add_argument("--flush-every", type=int, default=1, help="with --persistent: flush every K-th checkpoint, and always the last (default: 1)")
    rstore.add_argument("--shard", metavar="I/N|auto", help="run the I-th of N shares of the run's batches (0 <= I < N), for a job array; auto: from SLURM_ARRAY_TASK_ID/COUNT. Merge the shard stores with 'qckpt merge'")
    _add_progress(rstore)
    _add_cluster(rx)
    _add_histogram_options(r)
    r.set_defaults(func=cmd_run)

    rr = _command(sub, "resume", help="continue a checkpointed run", description="Continue the run in a checkpoint store from its newest valid checkpoint and its journal.")
    rr.add_argument("store", metavar="DIR", help="the run's checkpoint store")
    _add_histogram_options(rr)
    rr.add_argument("--workers", type=int, help="qir-runner processes at once (default: one per core); with --cluster tcp://..|slurm, batches in flight (default: two per worker thread)")
    rr.add_argument("--policy", metavar="K=V,...", help="failure policy for this session (see qckpt run --help)")
    rr.add_argument("--sync-interval", type=float, default=1.0, help="journal fsync interval in seconds (default: 1)")
    rr.add_argument("--persistent", metavar="DIR", help="the store's persistent level, if it has one")
    rr.add_argument("--flush-every", type=int, default=1, help="with --persistent: flush every K-th checkpoint (default: 1)")
    rr.add_argument("--max-qubits", type=int, metavar="N", help="resume on an executor of N qubits, narrower than the run started on: the remaining shots run segment by segment, cut at the program's exact boundaries, each segment on only its own qubits; refused, before the store is touched, when a segment is wider than N")
    _add_progress(rr)
    _add_cluster(rr)
    rr.set_defaults(func=cmd_resume)

    mg = _command(
        sub,
        "merge",
        help="merge the finished shard stores of a run (qckpt run --shard) into one store",
        description="Merge the stores of the N shards of one run into a new store that holds the whole run, complete. "
        "Refuses stores of different programs, seeds or batch plans, and missing, duplicate or unfinished shards.",
    )
    mg.add_argument("stores", nargs="+", metavar="STORE", help="the shard stores (one per shard)")
    mg.add_argument("-o", "--output", required=True, metavar="DIR", help="the merged store (a new or empty directory)")
    _add_histogram_options(mg)
    mg.set_defaults(func=cmd_merge)

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
    _add_limit_args(a)
    a.set_defaults(func=cmd_analyze)

    bd = _command(sub, "bind",
        help="bind input parameters into emitted QIR without recompiling it",
        description="Define the program's late-bound parameters (OpenQASM inputs compiled without --param) and link them in.",
    )
    bd.add_argument("program", help="QIR file (.bc is fastest; .ll works); - for stdin")
    bd.add_argument("--param", action="append", metavar="NAME=VALUE", help="a parameter value (repeatable)")
    _add_module_output(bd)
    bd.set_defaults(func=cmd_bind)

    br = _command(sub, "bind-resume",
        help="bind a resume record into a resumable program without recompiling it",
        description="Choose where a resumable program (convert --resumable --record-mode streaming) starts: at the boundary visit "
        "a resume record names, with its values as constants. The record's fingerprint must match the program file.",
    )
    br.add_argument("program", help="resumable QIR file (.ll or .bc), exactly as the run used it; - for stdin")
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
    sp.add_argument("--checkpoint", choices=POLICIES, default="exact", help="place boundaries first by this policy (default: exact)")
    sp.add_argument("--every", type=int, default=1, help="with --checkpoint every: every N iterations or layers")
    sp.add_argument("--mtbf", type=float, default=3600.0, help="with --checkpoint interval: MTBF in seconds")
    sp.add_argument("--at", metavar="IDS", help="comma-separated boundary ids to cut at (default: every exact top-level boundary)")
    sp.add_argument("--param", action="append", metavar="NAME=VALUE", help="value of an 'input' declaration")
    ru = sp.add_argument_group("qubit reuse")
    ru.add_argument("--reuse-qubits", action="store_true", help="run on fewer physical qubits: reset and reuse a qubit once it is done (qc-reuse-qubits), with a boundary at each reuse point")
    ru.add_argument("--max-qubits", type=int, metavar="N", help="with --reuse-qubits (implied): fail, naming the width reached and a lower bound, unless the program fits in N qubits")
    ru.add_argument("--reuse-objective", choices=["width", "depth"], default="width", help="fewest qubits (default), or keep the depth and reuse only within it")
    sp.add_argument("--input-format", choices=["qasm", "mlir"], help="input language (default: from the file extension)")
    _add_limit_args(sp)
    sp.set_defaults(func=cmd_split)

    rs = _command(sub, "run-segments",
        help="run a split program segment by segment on qir-runner",
        description="Run segment 0 for all shots, group shots by their recorded state, bind the next segment once per state, and stitch.",
    )
    rs.add_argument("plan", metavar="DIR", help="directory written by qckpt split")
    rs.add_argument("--shots", type=int, default=1000, help="number of shots (default: 1000)")
    rs.add_argument("--seed", type=int, default=0, help="seed (default: 0)")
    rs.add_argument("--max-qubits", type=int, metavar="N", help="run on an executor of N qubits: each segment must fit (qckpt split gives a segment only its own qubits), and one that addresses a qubit >= N is refused")
    _add_histogram_options(rs)
    rs.set_defaults(func=cmd_run_segments)

    k = _command(sub, "check-qir", help="check QIR against the Adaptive or Base Profile", description="Report every construct the QIR profile does not allow, with function and block.")
    k.add_argument("files", nargs="+", help="QIR files (.ll or .bc); - for stdin")
    k.add_argument("--profile", choices=["adaptive", "base"], help="profile to check against (default: the entry point's qir_profiles)")
    k.set_defaults(func=cmd_check_qir)

    rec = _command(
        sub,
        "record",
        help="write the resume record of a shot, from a streaming log or a checkpoint store",
        description="Write the resume record of a shot's last complete visit to a restorable boundary: the input of qckpt "
        "bind-resume. From PROGRAM LOG: a resumable program and its streaming record log (qir-runner's output, one or more "
        "shots). From STORE: a shot that a checkpointed run (qckpt run --store) saw cut short, which the run keeps in the "
        "store's event log; --program-out writes the program the run ran, the one the record binds into.",
    )
    rec.add_argument("program", metavar="PROGRAM|STORE", help="the resumable QIR file the log came from (its fingerprint goes in the record; - for stdin), or a checkpoint store")
    rec.add_argument("log", nargs="?", help="with PROGRAM: the output stream of a run of it (qir-runner's stdout); - for stdin")
    rec.add_argument("--shot", type=int, help="which shot, from 0: of the log (default: the first shot that did not finish, else the last), or of the store's torn shots in the order they were cut (default: the newest)")
    rec.add_argument("-o", "--output", default="-", help="record file; - for stdout (default)")
    rec.add_argument("--program-out", metavar="FILE", help="with STORE: write the run's program here (bind-resume needs it)")
    rec.set_defaults(func=cmd_record)

    add_plot_parser(sub, _command)
    return p
