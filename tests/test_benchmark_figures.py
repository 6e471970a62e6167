"""The benchmarks' figures (benchmarks/benchlib/figures.py) show the numbers
their sections report. Where a benchmark's measurement is cheap at a small
size, the test measures for real (the functions its --quick run calls, at a
smaller size) and reads the plotted values back from the figure's artists;
the others are drawn from data shaped exactly as their scripts build it.
Each script's --figures option is checked to be wired to its function."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("matplotlib", reason="the plot extra is not installed")

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(BENCH))

from benchlib import figures  # noqa: E402

DRAWN_BY = {  # script -> the figures function its --figures calls
    "checkpoint_overhead": "checkpoint_overhead",
    "runtime_overhead": "runtime_overhead",
    "scale_out": "scale_out",
    "stim_backend": "stim_backend",
    "workflow_resume": "workflow_resume",
    "journal_scaling": "journal_scaling",
    "sampler_sweep": "sampler_sweep",
    "restore_fault_injection": "restore_fault_injection",
    "restore_cost": None,  # its own draw(), through benchlib's lines and grouped_bars
}


def _bars(fig, label: str) -> list[float]:
    ax = fig.axes[0]
    container = next(c for c in ax.containers if c.get_label() == label)
    return [float(p.get_height()) for p in container.patches]


def _line(fig, label: str) -> tuple[list[float], list[float]]:
    line = next(ln for ln in fig.axes[0].lines if ln.get_label() == label)
    return [float(x) for x in line.get_xdata()], [float(y) for y in line.get_ydata()]


@pytest.mark.parametrize("script", sorted(DRAWN_BY))
def test_every_reporting_benchmark_has_figures_wired(script: str) -> None:
    text = (BENCH / f"{script}.py").read_text()
    assert '"--figures"' in text, f"{script}.py has no --figures option"
    fn = DRAWN_BY[script]
    if fn is not None:
        assert re.search(rf"figures\.save_all\(\w+\.figures, figures\.{fn}\(", text), f"{script}.py does not draw figures.{fn}"


def test_stim_backend_figure_is_its_measurement(tmp_path: Path) -> None:
    from stim_backend import measure

    rows = [measure(4, 20, 2000), measure(30, None, 2000)]
    figs = figures.stim_backend(rows)
    fig = figs["stim_backend.png"]
    assert _line(fig, "stim (histogram)") == ([4.0, 30.0], [r["stim_hist"] for r in rows])
    assert _line(fig, "stim (records)")[1] == [r["stim_records"] for r in rows]
    assert _line(fig, "qir-runner") == ([4.0], [rows[0]["qir_runner"]])  # not run past 20 qubits
    written = figures.save_all(tmp_path, figs)
    assert [Path(w).name for w in written] == ["stim_backend.png"] and Path(written[0]).read_bytes()[:4] == b"\x89PNG"


def test_checkpoint_overhead_figures_are_its_measurement() -> None:
    from checkpoint_overhead import compile_time, run_time

    comp = compile_time([200, 400])
    runs = [run_time(2, 3, 50, 1)]
    figs = figures.checkpoint_overhead(comp, runs)
    xs, ys = _line(figs["checkpoint_overhead_compile.png"], "exact")
    assert xs == [r["ops"] for r in comp]
    assert ys == pytest.approx([1e6 * (r["analyze_s"] + r["policies"]["exact"]["s"]) / r["ops"] for r in comp])
    run = figs["checkpoint_overhead_run.png"]
    assert _bars(run, "streaming records") == pytest.approx([runs[0]["streaming"] / runs[0]["plain"]])
    assert _bars(run, "final records") == pytest.approx([runs[0]["final"] / runs[0]["plain"]])


def test_runtime_overhead_figure_is_its_measurement(tmp_path: Path) -> None:
    from runtime_overhead import overhead

    rows = [overhead(2, 64, 1, 1, tmp_path)]
    fig = figures.runtime_overhead(rows)["runtime_overhead.png"]
    assert _bars(fig, "wall time") == pytest.approx([rows[0]["runtime"] / rows[0]["plain"]])
    assert _bars(fig, "CPU time") == pytest.approx([rows[0]["runtime_cpu"] / rows[0]["plain_cpu"]])


def test_figures_of_the_long_benchmarks_show_their_data() -> None:
    # scale_out.measure's dict: best[(executor, workers)] = {"s": wall seconds}; paired[(executor, workers)] = each
    # Dask run over the local run just before it, of which the figure shows the median (as the verdict)
    m = {"shots": 3000, "best": {("local", 1): {"s": 10.0}, ("LocalCluster", 1): {"s": 11.0}, ("local", 2): {"s": 6.0}, ("LocalCluster", 2): {"s": 6.6}},
         "paired": {("LocalCluster", 1): [1.3, 1.05, 1.1], ("LocalCluster", 2): [0.9, 1.2, 1.15]}}
    fig = figures.scale_out(m)["scale_out.png"]
    assert _bars(fig, "local") == [1.0, 1.0] and _bars(fig, "LocalCluster") == pytest.approx([1.1, 1.15])
    # workflow_resume.bench_workload's results: rows per strategy with their CPU seconds
    results = [{"workload": "vqe", "rows": [{"strategy": "uninterrupted", "cpu": 5.0}, {"strategy": "qckpt replay", "cpu": 5.5}]},
               {"workload": "qaoa", "rows": [{"strategy": "uninterrupted", "cpu": 3.0}, {"strategy": "qckpt replay", "cpu": 3.2}]}]
    fig = figures.workflow_resume(results)["workflow_resume.png"]
    assert _bars(fig, "qckpt replay") == [5.5, 3.2] and _bars(fig, "uninterrupted") == [5.0, 3.0]
    # journal_scaling's rows
    rows = [{"label": "legacy", "inspect": {"s": 9.0}, "resume": {"s": 12.0}}, {"label": "rotated", "inspect": {"s": 0.4}, "resume": {"s": 0.9}}]
    fig = figures.journal_scaling(rows)["journal_scaling.png"]
    assert _bars(fig, "inspect") == [9.0, 0.4] and _bars(fig, "resume") == [12.0, 0.9]
    # sampler_sweep's timings
    t = {"aer": 1.0, "plain": 2.0, "store": 2.5, "bind": 0.1, "compile": 1.5}
    assert _bars(figures.sampler_sweep(t, 16)["sampler_sweep.png"], "seconds") == [1.0, 2.0, 2.5, 0.1, 1.5]
    # restore_fault_injection's Counter of (kind, exact|replay, policy, ok)
    classes = {("classicalized", "exact", "exact", True): 7, ("classicalized", "replay", "every", True): 3, ("classicalized", "replay", "every", False): 1}
    fig = figures.restore_fault_injection(classes)["restore_fault_injection.png"]
    assert _bars(fig, "passed") == [7, 3] and _bars(fig, "failed") == [0, 1]
