"""Benchmark figures: small PNGs under docs/figures/ that the docs embed.

matplotlib (the ``plot`` extra) draws them headless; qckpt.plots.save
writes them, so benchmarks and ``qckpt plot`` share one output path.

Each benchmark's figures are a function here of the data the script already
renders into its section (so a figure never disagrees with its table), that
returns ``{file name: Figure}``; :func:`save_all` writes them. Tests draw
from real ``--quick`` measurements and read the plotted values back.
qckpt.plots is imported when a figure is drawn, not at import: the scripts
that import benchlib stay light in their measured workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FIGURES = Path(__file__).resolve().parents[2] / "docs" / "figures"


def _plt():
    from qckpt.plots import _pyplot

    return _pyplot()


def line_figure(series: dict[str, tuple[list[float], list[float]]], xlabel: str, ylabel: str, title: str, log: bool = True) -> Figure:
    """One line per series (x, y), log-log by default."""
    fig, ax = _plt().subplots(figsize=(5.5, 3.2))
    for label, (xs, ys) in series.items():
        ax.plot(xs, ys, marker="o", label=label)
    if log:
        ax.set_xscale("log")
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7)
    return fig


def bar_figure(groups: list[str], series: dict[str, list[float]], ylabel: str, title: str, reference: float | None = None) -> Figure:
    """Bars side by side per group, one colour per series; ``reference``
    draws a dashed line (a ratio's 1.0, a target)."""
    fig, ax = _plt().subplots(figsize=(5.5, 3.2))
    width = 0.8 / max(1, len(series))
    for k, (label, values) in enumerate(series.items()):
        ax.bar([i + k * width for i in range(len(groups))], values, width, label=label)
    ax.set_xticks([i + width * (len(series) - 1) / 2 for i in range(len(groups))], groups, fontsize=8)
    if reference is not None:
        ax.axhline(reference, color="0.4", linestyle="--", linewidth=1)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7)
    return fig


def save_all(directory: Path, figures: dict[str, Figure]) -> list[str]:
    from qckpt.plots import save

    directory.mkdir(parents=True, exist_ok=True)
    return [save(fig, directory / name) for name, fig in figures.items()]


def lines(path: Path, series: dict[str, tuple[list[float], list[float]]], xlabel: str, ylabel: str, title: str, log: bool = True) -> str:
    from qckpt.plots import save

    return save(line_figure(series, xlabel, ylabel, title, log), path)


def grouped_bars(path: Path, groups: list[str], series: dict[str, list[float]], ylabel: str, title: str) -> str:
    from qckpt.plots import save

    return save(bar_figure(groups, series, ylabel, title), path)


# -- one function per benchmark -------------------------------------------------------------


def checkpoint_overhead(comp: list[dict], runs: list[dict]) -> dict[str, Figure]:
    """Analysis + insertion time per IR op by program size (flat = linear),
    and qir-runner's time with checkpoint records against the plain program."""
    per_op = {
        policy: ([r["ops"] for r in comp], [1e6 * (r["analyze_s"] + r["policies"][policy]["s"]) / r["ops"] for r in comp])
        for policy in ("exact", "every", "interval")
    }
    modes = ("final", "streaming")
    return {
        "checkpoint_overhead_compile.png": line_figure(per_op, "IR operations", "µs per operation (analysis + insertion)", "Checkpoint passes: cost per operation by size"),
        "checkpoint_overhead_run.png": bar_figure(
            [f"{r['qubits']} qubits, {r['shots']} shots" for r in runs], {f"{m} records": [r[m] / r["plain"] for r in runs] for m in modes},
            "qir-runner time / plain program", "Running with checkpoint records (1.0 = no records)", reference=1.0),
    }


def runtime_overhead(rows: list[dict]) -> dict[str, Figure]:
    """The runtime (batches, journal, commits) against qir-runner alone."""
    groups = [f"{r['qubits']} qubits, {r['shots']} shots" for r in rows]
    return {"runtime_overhead.png": bar_figure(
        groups, {"wall time": [r["runtime"] / r["plain"] for r in rows], "CPU time": [r["runtime_cpu"] / r["plain_cpu"] for r in rows]},
        "runtime / qir-runner alone", "qckpt run --store against qir-runner alone (1.0 = no overhead)", reference=1.0)}


def scale_out(m: dict) -> dict[str, Figure]:
    """Each executor's wall time against the local run just before it
    (the median of the pairs, as the verdict), per worker count."""
    best = m["best"]
    workers = sorted({w for _, w in best})
    names = [n for n in ("local", "LocalCluster", "LocalCluster (threads)", "SLURMCluster") if any((n, w) in best for w in workers)]

    def ratio(n: str, w: int) -> float:
        if n == "local":
            return 1.0
        pairs = sorted(m["paired"].get((n, w), []))
        return pairs[len(pairs) // 2] if pairs else 0.0

    return {"scale_out.png": bar_figure(
        [f"{w} worker{'s' if w > 1 else ''}" for w in workers],
        {n: [ratio(n, w) if (n, w) in best else 0.0 for w in workers] for n in names},
        "wall time / the local run just before", f"Scale-out on Dask, {m['shots']} shots (1.0 = local; median of pairs)", reference=1.0)}


def stim_backend(rows: list[dict]) -> dict[str, Figure]:
    """Shots per second by qubit count: qir-runner (a state vector) and stim."""
    series = {
        "qir-runner": ([r["n"] for r in rows if r.get("qir_runner")], [r["qir_runner"] for r in rows if r.get("qir_runner")]),
        "stim (histogram)": ([r["n"] for r in rows], [r["stim_hist"] for r in rows]),
        "stim (records)": ([r["n"] for r in rows], [r["stim_records"] for r in rows]),
    }
    return {"stim_backend.png": line_figure(series, "qubits", "shots per second", "A Clifford dynamic program on stim and on qir-runner")}


def workflow_resume(results: list[dict]) -> dict[str, Figure]:
    """CPU time to solution of each workload by strategy after one failure."""
    strategies = list(dict.fromkeys(row["strategy"] for r in results for row in r["rows"]))
    by = {(r["workload"], row["strategy"]): row["cpu"] for r in results for row in r["rows"]}
    return {"workflow_resume.png": bar_figure(
        [r["workload"] for r in results], {s: [by.get((r["workload"], s), 0.0) for r in results] for s in strategies},
        "CPU s to solution (both processes)", "One failure mid-run: replay against restarting")}


def journal_scaling(rows: list[dict]) -> dict[str, Figure]:
    """inspect and resume after many journaled shots, per store format."""
    return {"journal_scaling.png": bar_figure(
        [r["label"] for r in rows], {"inspect": [r["inspect"]["s"] for r in rows], "resume": [r["resume"]["s"] for r in rows]},
        "seconds (fresh process)", "inspect and resume after many journaled shots")}


def sampler_sweep(t: dict[str, float], n: int) -> dict[str, Figure]:
    """The sweep's seconds: Aer against qckpt's sampler, binding against compiling."""
    return {"sampler_sweep.png": bar_figure(
        ["Aer", "qckpt", "qckpt, store=", f"bind ×{n}", f"compile ×{n}"],
        {"seconds": [t["aer"], t["plain"], t["store"], t["bind"], t["compile"]]},
        "seconds (best of --repeat)", "A parameter sweep through SamplerV2")}


def restore_fault_injection(classes: dict[tuple, int]) -> dict[str, Figure]:
    """Checks by boundary class and policy, passed and failed (the classes
    Counter of (kind, exact|replay, policy, ok) the script tallies)."""
    groups = sorted({f"{kind}/{cls}/{policy}" for kind, cls, policy, _ in classes})
    count = lambda g, ok: sum(n for (k, c, p, o), n in classes.items() if f"{k}/{c}/{p}" == g and o == ok)  # noqa: E731
    return {"restore_fault_injection.png": bar_figure(
        groups, {"passed": [count(g, True) for g in groups], "failed": [count(g, False) for g in groups]},
        "boundaries checked", "Restoration by fault injection: checks by class")}
