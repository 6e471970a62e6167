"""Figures of a run, a program and its checkpoint cost model (matplotlib).

Four figures, each a function that returns a ``matplotlib.figure.Figure``
(so a notebook shows it and a test reads its artists back) and that
:func:`save` writes to PNG, SVG or PDF by the file's extension:

- :func:`timeline`: a run's shots done over time from its store's event
  log, with commits, failures, preemptions and resumes; one lane per worker;
- :func:`cost_curve`: the Young-Daly model of a program, expected completion
  time against checkpoint interval for an MTBF, the chosen interval marked;
- :func:`boundaries`: the candidate boundaries along the program, class
  (exact/replay), replay cost and record size;
- :func:`histogram`: the top-N outcomes of a run's store (or any counts);
- :func:`objective_trace`: a workflow's objective by iteration, replayed
  iterations marked (:func:`objective_of` reads it from a session's event
  log).

matplotlib is an optional extra (``pip install qckpt[plot]``): importing
this module without it is a one-line error, not a traceback.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

from qckpt.diagnostics import QckptError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("png", "svg", "pdf")
EVENT_STYLE = {  # marker, colour, label of each event kind on the timeline
    "commit": ("o", "tab:blue", "commit"),
    "failure": ("x", "tab:red", "failure"),
    "preempt": ("v", "tab:orange", "preemption"),
    "resume": ("^", "tab:green", "resume"),
}


def _pyplot():
    try:
        import matplotlib

        matplotlib.use("Agg")  # files, never a window: plots are made on clusters
        import matplotlib.pyplot as plt
    except ImportError:
        raise QckptError("plots need matplotlib: pip install 'qckpt[plot]' (or pip install matplotlib)") from None
    return plt


def save(fig: Figure, path: str | os.PathLike[str]) -> str:
    """Write ``fig`` to ``path``; the format is the extension's."""
    ext = os.path.splitext(os.fspath(path))[1].lstrip(".").lower()
    if ext not in FORMATS:
        raise QckptError(f"{path}: choose a .png, .svg or .pdf file name")
    fig.savefig(path, dpi=110, bbox_inches="tight", metadata={"Software": None} if ext == "png" else None)
    _pyplot().close(fig)
    return os.fspath(path)


def timeline(store_dir: str | os.PathLike[str]) -> Figure:
    """Shots done against seconds since the run's first event, one lane per
    worker, with a marker at each commit, failure, preemption and resume."""
    from qckpt.runtime.store.events import read_events

    events = read_events(store_dir)
    if not events:
        raise QckptError(f"{store_dir}: no event log (events.jsonl); runs made before qckpt kept one have no timeline")
    t0 = events[0]["t"]
    workers = list(dict.fromkeys(e.get("worker", "?") for e in events))
    plt = _pyplot()
    fig, axes = plt.subplots(len(workers), 1, figsize=(7, 2.2 + 1.2 * len(workers)), sharex=True, squeeze=False)
    for ax, w in zip(axes[:, 0], workers):
        mine = [e for e in events if e.get("worker", "?") == w]
        xs = [e["t"] - t0 for e in mine]
        ax.step(xs, [e.get("shots_done", 0) for e in mine], where="post", color="0.3", label="shots done")
        for kind, (marker, colour, label) in EVENT_STYLE.items():
            pts = [(e["t"] - t0, e.get("shots_done", 0)) for e in mine if e["event"] == kind]
            if pts:
                ax.scatter([p[0] for p in pts], [p[1] for p in pts], marker=marker, color=colour, label=label, zorder=3)
        ax.set_ylabel("shots done")
        ax.set_title(f"worker {w}" if len(workers) > 1 else f"run in {os.fspath(store_dir)}", fontsize=9)
        ax.legend(fontsize=7, loc="lower right")
    axes[-1, 0].set_xlabel("seconds since the run started")
    return fig


def expected_time(work: float, tau: float, delta: float, mtbf: float, restart: float = 0.0) -> float:
    """Daly's expected wall time of ``work`` seconds checkpointed every
    ``tau`` seconds at ``delta`` each, with exponential failures of mean
    ``mtbf`` and a restart cost (J. T. Daly, FGCS 22, 2006, eq. 13)."""
    return mtbf * math.exp(restart / mtbf) * math.expm1((tau + delta) / mtbf) * work / tau


def cost_curve(work: float, delta: float, mtbf: float, title: str = "") -> Figure:
    """Expected completion time against checkpoint interval, log-log, with
    the Daly interval the interval policy uses marked."""
    from qckpt.passes.checkpoint_policy import daly_interval

    chosen = daly_interval(delta, mtbf)
    # Past ~40 MTBFs per interval the expected time overflows a float (and
    # no one checkpoints that rarely); the curve stops there.
    lo, hi = max(chosen / 1e3, 1e-12), min(max(chosen * 1e3, work), 40 * mtbf)
    taus = [lo * (hi / lo) ** (k / 199) for k in range(200)]
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.6))
    ax.loglog(taus, [expected_time(work, t, delta, mtbf) for t in taus], label="expected completion time")
    ax.axvline(chosen, color="tab:red", linestyle="--", label=f"Daly interval {chosen:.3g} s")
    ax.axhline(work, color="0.6", linestyle=":", label=f"work without failures {work:.3g} s")
    ax.set_xlabel("checkpoint interval τ (s)")
    ax.set_ylabel("expected time (s)")
    ax.set_title(title or f"MTBF {mtbf:g} s, checkpoint cost {delta:.3g} s", fontsize=9)
    ax.legend(fontsize=7)
    return fig


def boundaries(rows: list[dict], title: str = "") -> Figure:
    """Candidate boundaries (``qckpt analyze --json`` rows) by index: replay
    cost as height, exact ones in one colour and replay ones in another,
    marker area growing with the record size."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 3.4))
    for exact, colour, label in ((True, "tab:green", "exact (empty cut)"), (False, "tab:purple", "replay")):
        sel = [r for r in rows if r["exact"] == exact]
        if sel:
            ax.scatter([r["index"] for r in sel], [r["replay_cost"] for r in sel], s=[20 + 8 * r["record_bits"] for r in sel], color=colour, alpha=0.7, label=label)
    ax.set_xlabel("candidate boundary (program order)")
    ax.set_ylabel("replay cost (operations)")
    ax.set_title(title or "checkpoint boundary candidates; marker area ~ record bits", fontsize=9)
    ax.legend(fontsize=7)
    return fig


def histogram(counts: dict[str, int], top: int = 16, title: str = "") -> Figure:
    """The ``top`` most frequent outcomes as bars; the rest as one bar."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    shown, rest = ranked[:top], ranked[top:]
    labels = [k for k, _ in shown] + ([f"{len(rest)} others"] if rest else [])
    heights = [n for _, n in shown] + ([sum(n for _, n in rest)] if rest else [])
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(max(4, 0.5 * len(labels) + 2), 3.4))
    bars = ax.bar(range(len(labels)), heights, color=["tab:blue"] * len(shown) + ["0.7"] * (1 if rest else 0))
    ax.set_xticks(range(len(labels)), labels, rotation=45 if len(labels) > 6 else 0, ha="right" if len(labels) > 6 else "center", fontsize=8)
    ax.set_ylabel("shots")
    ax.set_title(title or f"{sum(counts.values())} shots, {len(counts)} outcomes", fontsize=9)
    ax.bar_label(bars, fontsize=7)
    return fig


def objective_trace(values: list[float], replayed: list[bool], label: str = "objective") -> Figure:
    """A workflow's objective by iteration, iterations served by replay
    (``Iteration.replayed``: taken from the log after a restart, not run
    again) marked apart from those run live."""
    if len(values) != len(replayed):
        raise QckptError(f"{len(values)} values but {len(replayed)} replayed flags")
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.2))
    ax.plot(range(len(values)), values, color="0.5", linewidth=1, label=label)
    for flag, colour, name in ((True, "tab:orange", "replayed"), (False, "tab:blue", "run live")):
        idx = [i for i, r in enumerate(replayed) if r == flag]
        if idx:
            ax.scatter(idx, [values[i] for i in idx], color=colour, s=14, label=name, zorder=3)
    ax.set_xlabel("iteration")
    ax.set_ylabel(label)
    ax.legend(fontsize=7)
    return fig


def objective_of(path: str | os.PathLike[str]) -> tuple[list[float], list[bool], str]:
    """A workflow's objective by iteration from its event log (the session
    directory or its ``checkpoints`` store): each iteration's value as last
    logged, and whether any run served it by replay. Iterations are
    contiguous from 0; one the log lacks (skipped by ``Session.restore``)
    ends the trace there."""
    from qckpt.runtime.store.events import read_events

    store = Path(path)
    if (store / "checkpoints").is_dir():
        store = store / "checkpoints"
    by_index: dict[int, tuple[float, bool]] = {}
    name = "objective"
    for e in read_events(store):
        if e["event"] != "iteration" or not isinstance(e.get("iteration"), int) or not isinstance(e.get("objective"), (int, float)):
            continue
        was = by_index.get(e["iteration"], (0.0, False))
        by_index[e["iteration"]] = (float(e["objective"]), was[1] or bool(e.get("replayed")))
        name = str(e.get("name") or name)
    if not by_index:
        raise QckptError(f"{path}: no objective in the event log (a driver logs one per iteration with it.objective(value))")
    values, replayed = [], []
    for i in range(min(by_index), max(by_index) + 1):
        if i not in by_index:
            break
        values.append(by_index[i][0])
        replayed.append(by_index[i][1])
    return values, replayed, name


def store_counts(store_dir: str | os.PathLike[str]) -> dict[str, int]:
    """The histogram of the run in a store (its newest valid checkpoint)."""
    from qckpt.runtime.execution.job import load_run
    from qckpt.runtime.store.checkpoint_store import CheckpointStore

    with CheckpointStore.open(os.fspath(store_dir), readonly=True, create=False) as store:
        ledger = load_run(store)[0]
    return ledger.counts()
