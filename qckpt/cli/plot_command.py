"""``qckpt plot``: the figures of qckpt.plots from a store or a program."""

from __future__ import annotations

import argparse
import os
import sys

from qckpt.cli.io import _limits, _parse_params, _read_input
from qckpt.diagnostics import QckptError


def _module(args: argparse.Namespace):
    from qckpt import pipeline

    text, name = _read_input(args.source)
    module = pipeline.parse_mlir(text, name) if name.endswith(".mlir") else pipeline.qasm_to_module(text, name, params=_parse_params(args.param), limits=_limits(args))
    return pipeline.lower_to_target(module), os.path.basename(name)


def cmd_plot(args: argparse.Namespace) -> int:
    from qckpt import plots

    if args.figure == "timeline":
        fig = plots.timeline(args.source)
    elif args.figure == "objective":
        values, replayed, name = plots.objective_of(args.source)
        fig = plots.objective_trace(values, replayed, name)
    elif args.figure == "histogram":
        fig = plots.histogram(plots.store_counts(args.source), args.top)
    elif args.figure == "cost":
        from qckpt.passes.insert_boundaries import cost_model_inputs

        module, name = _module(args)
        work, delta = cost_model_inputs(module)
        if work <= 0:
            raise QckptError(f"{name}: the program has no operation with a duration to checkpoint")
        fig = plots.cost_curve(work, delta, args.mtbf, f"{name}: MTBF {args.mtbf:g} s, record {delta:.3g} s, work {work:.3g} s")
    else:
        from qckpt.cli.compile_commands import candidate_rows

        module, name = _module(args)
        fig = plots.boundaries(candidate_rows(module), f"{name}: checkpoint boundary candidates; marker area ~ record bits")
    print(f"wrote {plots.save(fig, args.output)}", file=sys.stderr)
    return 0


def add_plot_parser(sub, command) -> None:
    p = command(
        sub,
        "plot",
        help="draw a run's timeline, a program's cost curve or boundaries, a histogram, or a workflow's objective (PNG/SVG/PDF)",
        description="Draw a figure to a file. timeline and histogram read a checkpoint store (qckpt run --store); "
        "cost and boundaries read a program (.qasm or .mlir); objective reads a workflow session's directory (the "
        "values its driver gave it.objective). Needs matplotlib (pip install 'qckpt[plot]').",
    )
    p.add_argument("figure", choices=["timeline", "cost", "boundaries", "histogram", "objective"], help="which figure")
    p.add_argument("source", help="the store (timeline, histogram), the program (cost, boundaries; - for stdin), or the session directory (objective)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="figure file: .png, .svg or .pdf")
    p.add_argument("--mtbf", type=float, default=3600.0, help="cost: mean time between failures in seconds (default: 3600)")
    p.add_argument("--top", type=int, default=16, metavar="N", help="histogram: the N most frequent outcomes, the rest in one bar (default: 16)")
    p.add_argument("--param", action="append", metavar="NAME=VALUE", help="cost, boundaries: value of an 'input' declaration")
    p.set_defaults(func=cmd_plot)
