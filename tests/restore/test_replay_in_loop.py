"""Replay boundaries inside a constant-bound loop: the cone runs the loop
body's gates once per earlier iteration (the count is the recorded induction
variable), then this iteration's gates before the boundary.

Each program is run on qir-runner, cut at a visit drawn before the shot is
looked at, resumed and compared (``resume_check``); the deterministic ones
end in one outcome, so a single shot resumed into the wrong iteration fails
them. The negative control replays one iteration too few and must fail.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
import stats
from xdsl.parser import Parser

from qckpt.pipeline import insert_checkpoints, module_to_qir, qasm_to_module
from qckpt.qir import resume_blocks
from qckpt.qir.resume_binding import bind_resume_file
from qckpt.runtime.qir_runner import Shot, run_qir
from qckpt.runtime.restore.checkpoint_log import read_shot
from qckpt.runtime.restore.resume import resume_shots
from qckpt.runtime.restore.resume_check import check_program

ROOT = Path(__file__).resolve().parents[2]

# Four iterations of rx(pi/4) make rx(pi): q[0] ends in |1>, and q[1] (flipped
# once, its cx pairs cancel) too. The cut is both qubits (they interact).
DETERMINISTIC = """OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[2] c;
x q[1];
for int i in [0:3] {
  rx(pi/4) q[0];
  cx q[0], q[1];
  cx q[0], q[1];
}
c[0] = measure q[0];
c[1] = measure q[1];
"""

# A cone with a post-selected measurement before the loop (c[2]) and a
# random outcome: compared state by state.
ENTANGLED = (ROOT / "tests" / "filecheck" / "restore" / "replay_in_loop.qasm").read_text()
MID_BODY = ROOT / "tests" / "filecheck" / "restore" / "replay_in_loop_mid_body.mlir"


def _mid_body_module():
    from qckpt.universe import make_context

    return Parser(make_context(), MID_BODY.read_text()).parse_module()


def _checks(module, policy: str | None, shots: int):
    result = check_program("in_loop", module, policy, shots, 5, stats.DELTA)
    assert result.placed == result.restorable == 1, result
    (check,) = result.checks
    return check


@pytest.mark.parametrize("source", ["deterministic", "mid_body"])
def test_a_deterministic_loop_resumes_in_its_recorded_iteration(source: str) -> None:
    module = qasm_to_module(DETERMINISTIC, "det.qasm") if source == "deterministic" else _mid_body_module()
    check = _checks(module, "every" if source == "deterministic" else None, 4000)
    assert check.killed > 3000 and check.bound == 0.0  # one outcome: any shot resumed wrongly shows
    assert check.ok, check.why()


def test_replaying_one_iteration_too_few_fails_the_check(monkeypatch) -> None:
    """Negative control: the same checks with a replay that stops one
    iteration early."""
    real = resume_blocks.ResumeBlocks.emit_replayed_iterations

    def one_short(self, prefix, iv):
        return real(self, prefix, self.sink.binop("sub", "i64", iv, self.sink.const_int(64, 1)))

    monkeypatch.setattr(resume_blocks.ResumeBlocks, "emit_replayed_iterations", one_short)
    for module, policy in ((qasm_to_module(DETERMINISTIC, "det.qasm"), "every"), (_mid_body_module(), None)):
        check = _checks(module, policy, 2000)
        assert not check.ok and check.tvd > 0.05, check.why()


@pytest.mark.comparisons(9)
def test_each_iteration_state_follows_its_conditional_law(tmp_path: Path) -> None:
    """ENTANGLED under ``every``: the histogram check, then state by state.
    A victim is cut after its m-th visit (m drawn beforehand, 1..4); the
    shots resumed from (iteration i, c[2]) must follow the law of the
    uninterrupted shots with that c[2], whatever i."""
    check = _checks(qasm_to_module(ENTANGLED, "in_loop.qasm"), "every", 10_000)
    assert check.ok and check.postselected == check.killed, check.why()

    module = qasm_to_module(ENTANGLED, "in_loop.qasm")
    insert_checkpoints(module, "every")
    path = tmp_path / "in_loop.ll"
    path.write_text(module_to_qir(module, record_mode="streaming", resumable=True))
    start = str(bind_resume_file(path, None))
    ref = run_qir(start, shots=10_000, seed=71).shots
    victims = run_qir(start, shots=10_000, seed=72).shots
    rng = random.Random(73)
    cut = []
    for s in victims:
        log = read_shot(s)
        m = rng.randint(1, 4)
        cut.append(Shot(s.records[: log.ends[m - 1] + 1], s.metadata, None))
    report = resume_shots(path, cut, seed=74)
    assert not report.failed

    def key(s: Shot, visit: int) -> tuple:
        v = read_shot(s).visits[visit]
        return (v.values["v0"], v.values["cone:0"])

    theirs: dict[object, Counter] = {}
    for s in ref:
        theirs.setdefault(key(s, 0)[1], Counter())[s.bitstring()] += 1
    ours: dict[tuple, Counter] = {}
    for s, c in zip(report.shots, cut):
        ours.setdefault(key(c, len(read_shot(c).visits) - 1), Counter())[s.bitstring()] += 1
    assert len(ours) == 8  # iterations 0..3, c[2] in {0, 1}
    bad = []
    for (i, c2), got in sorted(ours.items()):
        try:
            stats.assert_same_distribution(dict(got), dict(theirs[c2]))
        except AssertionError as e:
            bad.append(f"iteration {i}, c[2]={c2}: {e}")
    assert not bad, "\n".join(bad)
