"""The figures show the store's and the program's data: each test reads the
plotted values back from the figure's artists and compares them with what
the store or the cost model holds, not only that a file was written."""

from __future__ import annotations

import json
import math
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("matplotlib", reason="the plot extra is not installed")  # make test installs it

from qckpt import plots  # noqa: E402
from qckpt.runtime.store.events import EVENTS, append_event, read_events  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
QCKPT = [sys.executable, "-m", "qckpt.cli"]


@pytest.fixture(scope="module")
def preempted_and_resumed(tmp_path_factory) -> Path:
    """A real run, preempted with SIGTERM after its first commit, then
    resumed to the end: its store has every kind of event but failures."""
    store = tmp_path_factory.mktemp("run") / "ckpt"
    cmd = [*QCKPT, "run", str(EXAMPLES / "repeat_until_success.qasm"), "--shots", "40000", "--seed", "3", "--store", str(store), "--batch-size", "500", "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not any(e["event"] == "commit" for e in read_events(store)):
        assert proc.poll() is None and time.monotonic() < deadline, "the run ended before its first commit"
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 75, err
    done = subprocess.run([*QCKPT, "resume", str(store), "--json"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return store


def _points(ax, label: str) -> list[float]:
    """The (x, y) points of a scatter, flattened: x0, y0, x1, y1, ..."""
    coll = next(c for c in ax.collections if c.get_label() == label)
    return [float(v) for p in coll.get_offsets() for v in p]


def test_timeline_is_the_event_log(preempted_and_resumed, tmp_path):
    events = read_events(preempted_and_resumed)
    kinds = [e["event"] for e in events]
    assert kinds[0] == "start" and "preempt" in kinds and "resume" in kinds and kinds[-1] == "complete"
    assert kinds.index("preempt") < kinds.index("resume")
    fig = plots.timeline(preempted_and_resumed)
    t0 = events[0]["t"]
    # Two sessions, two processes: one lane each, in the order they wrote.
    workers = list(dict.fromkeys(e["worker"] for e in events))
    assert len(fig.axes) == len(workers) == 2
    for ax, w in zip(fig.axes, workers):
        mine = [e for e in events if e["worker"] == w]
        line = ax.lines[0]
        assert list(line.get_xdata()) == pytest.approx([e["t"] - t0 for e in mine])
        assert list(line.get_ydata()) == [e["shots_done"] for e in mine]
        for kind, label in (("commit", "commit"), ("preempt", "preemption"), ("resume", "resume")):
            want = [v for e in mine if e["event"] == kind for v in (e["t"] - t0, e["shots_done"])]
            if want:
                assert _points(ax, label) == pytest.approx(want)
    assert fig.axes[-1].lines[0].get_ydata()[-1] == 40000
    out = plots.save(fig, tmp_path / "t.png")
    assert Path(out).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_histogram_bars_are_the_ledger_counts(preempted_and_resumed, tmp_path):
    counts = plots.store_counts(preempted_and_resumed)
    assert sum(counts.values()) == 40000
    fig = plots.histogram(counts, top=1)
    bars = fig.axes[0].patches
    ranked = sorted(counts.values(), reverse=True)
    assert [b.get_height() for b in bars] == [ranked[0], sum(ranked[1:])]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()][0] == max(counts, key=counts.get)
    p = subprocess.run([*QCKPT, "plot", "histogram", str(preempted_and_resumed), "-o", str(tmp_path / "h.svg")], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0 and (tmp_path / "h.svg").read_text().lstrip().startswith("<?xml")


def test_cost_curve_is_the_policy_model():
    from qckpt import pipeline
    from qckpt.passes.checkpoint_policy import daly_interval
    from qckpt.passes.insert_boundaries import cost_model_inputs

    module = pipeline.lower_to_target(pipeline.qasm_to_module((EXAMPLES / "teleport.qasm").read_text(), "teleport.qasm"))
    work, delta = cost_model_inputs(module)
    fig = plots.cost_curve(work, delta, 1e-5)
    ax = fig.axes[0]
    curve, chosen = ax.lines[0], ax.lines[1]
    taus, ys = curve.get_xdata(), curve.get_ydata()
    assert list(ys) == pytest.approx([plots.expected_time(work, t, delta, 1e-5) for t in taus])
    assert chosen.get_xdata()[0] == pytest.approx(daly_interval(delta, 1e-5))
    # The marked interval is (near) the curve's minimum: Daly's optimum.
    best = taus[min(range(len(ys)), key=ys.__getitem__)]
    assert math.isclose(best, chosen.get_xdata()[0], rel_tol=0.1)


def test_boundaries_are_analyze_rows(tmp_path):
    p = subprocess.run([*QCKPT, "analyze", str(EXAMPLES / "repeat_until_success.qasm"), "--json"], capture_output=True, text=True, timeout=300)
    rows = json.loads(p.stdout)["candidates"]
    fig = plots.boundaries(rows)
    ax = fig.axes[0]
    for exact, label in ((True, "exact (empty cut)"), (False, "replay")):
        want = [v for r in rows if r["exact"] == exact for v in (r["index"], r["replay_cost"])]
        if want:
            assert _points(ax, label) == want
    out = subprocess.run([*QCKPT, "plot", "boundaries", str(EXAMPLES / "repeat_until_success.qasm"), "-o", str(tmp_path / "b.pdf")], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and (tmp_path / "b.pdf").read_bytes()[:5] == b"%PDF-"


def test_event_log_is_append_only_and_skips_a_torn_line(tmp_path):
    append_event(tmp_path, "start", shots_done=0)
    append_event(tmp_path, "commit", shots_done=5)
    with open(tmp_path / EVENTS, "a") as f:
        f.write('{"t": 1, "event": "comm')  # a kill mid-write
    assert [e["event"] for e in read_events(tmp_path)] == ["start", "commit"]
    assert read_events(tmp_path / "nowhere") == []


def test_plot_errors_are_one_line(tmp_path):
    p = subprocess.run([*QCKPT, "plot", "timeline", str(tmp_path), "-o", str(tmp_path / "x.png")], capture_output=True, text=True, timeout=120)
    assert p.returncode == 1 and "no event log" in p.stderr and "Traceback" not in p.stderr
    q = subprocess.run([*QCKPT, "plot", "cost", str(EXAMPLES / "teleport.qasm"), "-o", str(tmp_path / "x.gif")], capture_output=True, text=True, timeout=120)
    assert q.returncode == 1 and "choose a .png, .svg or .pdf" in q.stderr


def test_objective_trace_marks_replayed_iterations():
    values = [1.0, 0.5, 0.25, 0.2, 0.18]
    replayed = [True, True, False, False, False]
    fig = plots.objective_trace(values, replayed, "energy")
    ax = fig.axes[0]
    assert list(ax.lines[0].get_ydata()) == values
    assert _points(ax, "replayed") == [0, 1.0, 1, 0.5]
    assert _points(ax, "run live") == [2, 0.25, 3, 0.2, 4, 0.18]


RY = """OPENQASM 3.0;
include "stdgates.inc";
input float a;
qubit q;
bit c;
ry(a) q;
c = measure q;
"""


def _drive(session_dir: Path, iterations: int) -> list[float]:
    """A small variational loop whose objective is P(1) of ry(a), logged
    with it.objective each iteration."""
    from qckpt.workflow import Session

    seen = []
    with Session.open(session_dir, seed=11, name="ry") as s:
        for it in s.iterations(iterations):
            counts = s.execute(RY, 100, params={"a": 0.3 * (it.index + 1)}).counts
            p1 = counts.get("1", 0) / 100
            it.save(p1=p1)
            it.objective(p1, "P(1)")
            seen.append(p1)
    return seen


def test_objective_from_a_session_marks_what_a_restart_replayed(tmp_path):
    """A session run for 3 iterations, then opened again for 5: the first 3
    are replayed from the log, the last 2 run live; the figure's points are
    the values the driver gave, split that way, read from the event log."""
    first = _drive(tmp_path / "s", 3)
    again = _drive(tmp_path / "s", 5)
    assert again[:3] == first  # replay gives the driver the same results
    values, replayed, name = plots.objective_of(tmp_path / "s")
    assert (values, replayed, name) == (again, [True, True, True, False, False], "P(1)")
    p = subprocess.run([*QCKPT, "plot", "objective", str(tmp_path / "s"), "-o", str(tmp_path / "o.svg")], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "o.svg").read_text().startswith("<?xml")
    ax = plots.objective_trace(values, replayed, name).axes[0]
    assert list(ax.lines[0].get_ydata()) == again and ax.get_ylabel() == "P(1)"
    assert _points(ax, "replayed") == [v for i in range(3) for v in (i, again[i])]
    assert _points(ax, "run live") == [v for i in (3, 4) for v in (i, again[i])]


def test_objective_without_one_logged_is_one_line(tmp_path):
    from qckpt.workflow import Session

    with Session.open(tmp_path / "s", seed=1, name="none") as s:
        with s.iteration() as it:
            it.save(x=1)
    p = subprocess.run([*QCKPT, "plot", "objective", str(tmp_path / "s"), "-o", str(tmp_path / "o.png")], capture_output=True, text=True, timeout=120)
    assert p.returncode == 1 and "no objective in the event log" in p.stderr and p.stderr.count("\n") == 1


def test_the_vqe_example_logs_its_energy_trace(tmp_path):
    p = subprocess.run([sys.executable, str(EXAMPLES / "vqe.py"), "--store", str(tmp_path / "vqe"), "--iterations", "3", "--shots", "50", "--out", str(tmp_path / "r.json")],
                       capture_output=True, text=True, timeout=300, cwd=EXAMPLES)
    assert p.returncode == 0, p.stderr
    energies = json.loads((tmp_path / "r.json").read_text())["result"]["energies"]
    assert plots.objective_of(tmp_path / "vqe") == (energies, [False] * 3, "energy (Ha)")


def test_an_objective_that_is_not_a_finite_number_is_one_line(tmp_path):
    from qckpt.diagnostics import QckptError
    from qckpt.workflow import Session

    with Session.open(tmp_path / "s", seed=1, name="bad") as s:
        with s.iteration() as it:
            for bad, words in (("low", "must be a number, got 'low'"), (float("nan"), "must be a finite number, got nan")):
                with pytest.raises(QckptError, match=words):
                    it.objective(bad)
