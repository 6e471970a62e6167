"""The workflow session: replay from the log, divergence, the fast path,
seeds, and what each kind of circuit costs to run. Real qir-runner runs and
real files; the kills here are exceptions raised by the driver (the
SIGKILL tests are in test_kill_resume.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import ParameterVector

from qckpt.diagnostics import QckptError
from qckpt.pipeline import qasm_to_module
from qckpt.workflow import QirRunnerBackend, ReplayDivergence, Session, execution_log
from qckpt.workflow.execution_log import LOG_NAME


class CountingBackend(QirRunnerBackend):
    """qir-runner, counting what actually reaches it."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[int, int]] = []

    def run(self, program: bytes, shots: int, seed: int) -> dict[str, int]:
        self.calls.append((shots, seed))
        return super().run(program, shots, seed)


class Stop(Exception):
    pass


def ansatz(extra_gate: bool = False) -> QuantumCircuit:
    t = ParameterVector("t", 2)
    qc = QuantumCircuit(2, 2)
    if extra_gate:
        qc.x(1)
    qc.ry(t[0], 0)
    qc.cx(0, 1)
    qc.ry(2 * t[1], 1)
    qc.measure([0, 1], [0, 1])
    return qc


def driver(session: Session, iterations: int, *, shots: int = 100, extra_gate: bool = False, x0: float = 0.3, nudge: float = 0.0, stop_at: int | None = None) -> dict:
    """A small stochastic optimizer: its path depends on every count and every random draw."""
    qc = ansatz(extra_gate)
    rng = session.random("opt")
    x = np.array([x0, 0.4])
    trace = []
    for it in session.iterations(iterations):
        counts = session.execute(qc, shots, params=list(x)).counts
        if it.index == stop_at:
            raise Stop  # after the execution was logged, before the iteration commits
        p11 = counts.get("11", 0) / shots
        x = x + 0.2 * (p11 - 0.5) + rng.normal(scale=0.05, size=2) + nudge
        trace.append(p11)
        it.save(x=x, p11=p11)
    final = session.execute(qc, 400, params=list(x)).counts
    return {"x": x.tolist(), "trace": trace, "final": final}


def run(path: Path, iterations: int = 5, *, seed: int = 5, backend: QirRunnerBackend | None = None, **kw) -> tuple[dict, Session]:
    with Session.open(path, seed=seed, name="t", backend=backend) as s:
        out = driver(s, iterations, **kw)
    return out, s


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out, s = run(tmp_path_factory.mktemp("whole"))
    assert s.stats.executions_live == 6
    return out


@pytest.mark.parametrize("stop_at", [0, 2, 4])
def test_a_resumed_run_is_identical_to_an_uninterrupted_one(tmp_path: Path, uninterrupted: dict, stop_at: int) -> None:
    with pytest.raises(Stop):
        run(tmp_path, stop_at=stop_at)
    log = execution_log.read(tmp_path / LOG_NAME)
    assert len(log.executions) == stop_at + 1 and sorted(log.iterations) == list(range(stop_at))
    backend = CountingBackend()
    resumed, s = run(tmp_path, backend=backend)
    assert resumed == uninterrupted
    st = s.stats
    assert (st.logged_at_open, st.executions_replayed, st.executions_live) == (stop_at + 1, stop_at + 1, 5 - stop_at)
    assert (st.iterations_replayed, st.iterations_committed) == (stop_at, 5 - stop_at)
    # Only the executions not in the log reached qir-runner, each with the seed its index gives.
    assert len(backend.calls) == 6 - (stop_at + 1)
    log = execution_log.read(tmp_path / LOG_NAME)
    assert [r.seed for r in log.executions[stop_at + 1 :]] == [seed for _, seed in backend.calls]
    assert len({r.seed for r in log.executions}) == 6


def test_replay_never_compiles_or_runs(tmp_path: Path, uninterrupted: dict) -> None:
    run(tmp_path)
    backend = CountingBackend()
    again, s = run(tmp_path, backend=backend)
    assert again == uninterrupted
    assert backend.calls == []
    assert (s.stats.compiles, s.stats.binds, s.stats.executions_live, s.stats.executions_replayed) == (0, 0, 0, 6)
    assert s.stats.replay_seconds is None  # it never went live


def test_only_parameters_change_so_the_circuit_compiles_once(tmp_path: Path) -> None:
    _, s = run(tmp_path)
    assert (s.stats.compiles, s.stats.binds) == (1, 6)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"shots": 120}, r"replay diverged at iteration 0, execution 0: 120 shots asked for, the log has 100"),
        ({"x0": 0.31}, r"replay diverged at iteration 0, execution 0: parameter 't\[0\]' is 0\.31, the log has 0\.3;"),
        ({"extra_gate": True}, r"replay diverged at iteration 0, execution 0: the circuit differs from the logged one"),
        ({"nudge": 1e-12}, r"replay diverged at iteration 0: saved value\(s\) x differ from the logged ones"),
    ],
)
def test_a_changed_driver_stops_with_the_iteration_and_what_differs(tmp_path: Path, change: dict, message: str) -> None:
    run(tmp_path)
    before = (tmp_path / LOG_NAME).read_bytes()
    with pytest.raises(ReplayDivergence, match=message) as e:
        run(tmp_path, **change)
    assert "\n" not in str(e.value)
    assert "resume with the driver that wrote it, or start a new store" in str(e.value)
    assert (tmp_path / LOG_NAME).read_bytes() == before  # nothing of the new driver was mixed in


def test_a_driver_that_stops_early_is_a_divergence(tmp_path: Path) -> None:
    run(tmp_path)
    with pytest.raises(ReplayDivergence, match=r"the driver finished after 3 executions, but the log holds 6"):
        with Session.open(tmp_path, seed=5, name="t") as s:
            qc, rng, x = ansatz(), s.random("opt"), np.array([0.3, 0.4])
            for it in s.iterations(3):
                p11 = s.execute(qc, 100, params=list(x)).counts.get("11", 0) / 100
                x = x + 0.2 * (p11 - 0.5) + rng.normal(scale=0.05, size=2)
                it.save(x=x, p11=p11)


def test_a_driver_that_asks_for_more_than_a_logged_iteration_held_is_a_divergence(tmp_path: Path) -> None:
    with Session.open(tmp_path, seed=5, name="t") as s:
        with s.iteration() as it:
            s.execute(ansatz(), 100, params=[0.3, 0.4])
            it.save(n=1)
    with pytest.raises(ReplayDivergence, match=r"at iteration 0, execution 1: the log ended iteration 0 after 1 executions"):
        with Session.open(tmp_path, seed=5, name="t") as s:
            with s.iteration() as it:
                s.execute(ansatz(), 100, params=[0.3, 0.4])
                s.execute(ansatz(), 100, params=[0.3, 0.4])
    assert len(execution_log.read(tmp_path / LOG_NAME).executions) == 1


def test_the_fast_path_restores_values_streams_and_the_execution_counter(tmp_path: Path, uninterrupted: dict) -> None:
    with pytest.raises(Stop):
        run(tmp_path, stop_at=3)
    backend = CountingBackend()
    with Session.open(tmp_path, seed=5, name="t", backend=backend) as s:
        rng = s.random("opt")
        saved = s.restore()
        assert saved is not None and saved.iteration == 2 and saved.executions == 3
        x = saved["x"]
        assert isinstance(x, np.ndarray) and x.dtype == np.float64
        qc = ansatz()
        for it in s.iterations(5):
            assert it.index in (3, 4)
            counts = s.execute(qc, 100, params=list(x)).counts
            p11 = counts.get("11", 0) / 100
            x = x + 0.2 * (p11 - 0.5) + rng.normal(scale=0.05, size=2)
            it.save(x=x, p11=p11)
        final = s.execute(qc, 400, params=list(x)).counts
    assert x.tolist() == uninterrupted["x"] and final == uninterrupted["final"]
    # Execution 3 (iteration 3, logged before the stop) came from the log.
    assert (s.stats.restored_from, s.stats.executions_replayed, s.stats.executions_live) == (2, 1, 2)
    assert len(backend.calls) == 2
    with pytest.raises(QckptError, match=r"the checkpoint of iteration 4 has no value 'betas' \(it has: p11, x\)"):
        with Session.open(tmp_path, seed=5, name="t") as s:
            s.restore()["betas"]


def test_restore_on_a_new_store_returns_none_and_must_come_first(tmp_path: Path) -> None:
    with Session.open(tmp_path, seed=1) as s:
        assert s.restore() is None
        s.execute(ansatz(), 10, params=[0.1, 0.2])
        with pytest.raises(QckptError, match=r"restore\(\) must come before the first iteration and execution"):
            s.restore()


def test_seeds_depend_on_the_session_seed_name_and_index_only(tmp_path: Path) -> None:
    with Session.open(tmp_path / "a", seed=9) as a, Session.open(tmp_path / "b", seed=9) as b, Session.open(tmp_path / "c", seed=10) as c:
        a.random("x")
        draws_a = a.random("y").random(3)
        draws_b = b.random("y").random(3)  # asked for first, without "x": the same numbers
        assert draws_a.tolist() == draws_b.tolist()
        assert a.random("y") is a.random("y")
        assert c.random("y").random(3).tolist() != draws_a.tolist()
        assert a.random("x").random(3).tolist() != b.random("z").random(3).tolist()
        ra, rb = a.execute(ansatz(), 50, params=[1.0, 0.5]), b.execute(ansatz(), 50, params=[1.0, 0.5])
        assert ra.seed == rb.seed and ra.counts == rb.counts
        assert c.execute(ansatz(), 50, params=[1.0, 0.5]).seed != ra.seed


def test_execute_takes_openqasm_with_inputs_and_ir_modules(tmp_path: Path) -> None:
    src = 'OPENQASM 3.0;\ninclude "stdgates.inc";\ninput float theta;\nqubit[1] q;\nbit[1] c;\nry(theta) q[0];\nc[0] = measure q[0];\n'
    with Session.open(tmp_path, seed=3) as s:
        assert s.execute(src, 200, params={"theta": 0.0}).counts == {"0": 200}
        assert s.execute(src, 200, params={"theta": np.pi}).counts == {"1": 200}
        module = qasm_to_module(src)
        text_before = str(module)
        assert s.execute(module, 200, params={"theta": np.pi}).counts == {"1": 200}
        assert str(module) == text_before  # compiling did not rewrite the caller's module
        assert (s.stats.compiles, s.stats.binds) == (2, 3)
        with pytest.raises(QckptError, match=r"no value for input\(s\) theta: give them in params"):
            s.execute(src, 10)
        with pytest.raises(QckptError, match=r"the program has no input phi \(it has: theta\)"):
            s.execute(src, 10, params={"theta": 1.0, "phi": 2.0})
        bound = ansatz().assign_parameters([np.pi, 0.0])
        assert s.execute(bound, 100).counts == {"11": 100}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.execute(ansatz(), 0, params=[1, 2]), r"shots must be a positive integer, got 0"),
        (lambda s: s.execute(ansatz(), 10), r"no value for parameter\(s\) t\[0\], t\[1\]"),
        (lambda s: s.execute(ansatz(), 10, params=[1.0]), r"the circuit has 2 parameter\(s\) but 1 value\(s\) were given"),
        (lambda s: s.execute(ansatz(), 10, params={"u": 1.0}), r"the circuit has no parameter 'u' \(its parameters: t\[0\], t\[1\]\)"),
        (lambda s: s.execute(ansatz(), 10, params=[1.0, float("nan")]), r"parameter 't\[1\]' is nan; parameter values must be finite"),
        (lambda s: s.execute(42, 10), r"cannot execute a int: pass a Qiskit QuantumCircuit, OpenQASM 3 text or an IR module"),
        (lambda s: s.execute("OPENQASM 3.0;\nqubit q;\nfoo q;\n", 10), r"<execute>:3:1: error: unknown gate 'foo'"),
    ],
)
def test_bad_requests_are_one_line_errors(tmp_path: Path, call, message: str) -> None:
    with Session.open(tmp_path, seed=1) as s:
        with pytest.raises(QckptError) as e:
            call(s)
        assert e.value.render().count("\n") <= 2  # a message, plus the source line and caret for source errors
    import re

    assert re.search(message, e.value.render()), e.value.render()


def test_checkpoint_values_must_be_data(tmp_path: Path) -> None:
    with Session.open(tmp_path, seed=1) as s:
        with pytest.raises(QckptError, match=r"checkpoint value 'opt.state' has type object; save numbers"):
            with s.iteration() as it:
                it.save(opt={"state": object()})
        # The failed iteration committed nothing; the next one can.
        with s.iteration() as it:
            it.save(a=np.arange(3, dtype=np.int32), b=(1.5, True, None), c={"k": np.float64(0.1)})
    with Session.open(tmp_path, seed=1) as s:
        saved = s.restore()
        assert saved.iteration == 0
        assert saved["a"].dtype == np.int32 and saved["a"].tolist() == [0, 1, 2]
        assert saved["b"] == [1.5, True, None] and saved["c"] == {"k": 0.1}


def test_a_session_refuses_another_seed_name_or_directory(tmp_path: Path) -> None:
    run(tmp_path / "s", 1)
    with pytest.raises(QckptError, match=r"holds a session started with seed 5, not 6: resume with the same seed"):
        Session.open(tmp_path / "s", seed=6, name="t")
    with pytest.raises(QckptError, match=r"holds the session 't', not 'u': use a new store"):
        Session.open(tmp_path / "s", seed=5, name="u")
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "notes.txt").write_text("mine")
    with pytest.raises(QckptError, match=r"is not a workflow session \(it has files but no executions.journal\)"):
        Session.open(tmp_path / "home", seed=5)
    with pytest.raises(QckptError, match=r"a session seed must be a non-negative integer, got -1"):
        Session.open(tmp_path / "x", seed=-1)
    with Session.open(tmp_path / "s", seed=5, name="t"):
        with pytest.raises(QckptError, match=r"store .* is in use by pid"):
            Session.open(tmp_path / "s", seed=5, name="t")
    with Session.open(tmp_path / "n", seed=5) as s:
        with s.iteration():
            with pytest.raises(QckptError, match=r"iteration 0 is still open; iterations do not nest"):
                with s.iteration():
                    pass


def test_a_torn_log_tail_is_dropped_and_that_execution_runs_again(tmp_path: Path, uninterrupted: dict) -> None:
    with pytest.raises(Stop):
        run(tmp_path, stop_at=3)
    log_path = tmp_path / LOG_NAME
    data = log_path.read_bytes()
    log_path.write_bytes(data[:-7])  # a kill in the middle of the last frame's write
    backend = CountingBackend()
    resumed, s = run(tmp_path, backend=backend)
    assert resumed == uninterrupted
    assert any("dropped a torn tail" in n for n in s.notes)
    assert s.stats.executions_replayed == 3 and len(backend.calls) == 3


def test_the_log_records_what_replay_needs(tmp_path: Path) -> None:
    run(tmp_path, 2)
    log = execution_log.read(tmp_path / LOG_NAME)
    assert (log.name, log.seed) == ("t", 5)
    first = log.executions[0]
    assert (first.index, first.iteration, first.kind, first.shots) == (0, 0, "qiskit", 100)
    assert first.params == (("t[0]", 0.3), ("t[1]", 0.4))
    assert sum(first.counts.values()) == 100 and list(first.counts) == sorted(first.counts)
    assert log.executions[-1].iteration is None and log.executions[-1].shots == 400
    assert sorted(log.iterations) == [0, 1] and log.iterations[1].executions == 2
    ckpts = sorted((tmp_path / "checkpoints").glob("ds-*/checkpoint.json"))
    doc = json.loads(ckpts[-1].read_bytes())
    assert doc["iteration"] == 1 and doc["executions"] == 2 and set(doc["streams"]) == {"opt"}
