"""Checkpoint records end to end: instrument, run on qir-runner, read the log.

Every shot's log is checked against that shot's own evidence: its recorded
outputs and its loop outcomes. Instrumentation must not change the program's
histogram: records consume no randomness, so with the same seed the
histograms are identical, not just close."""

from __future__ import annotations

import dataclasses

import pytest

from qckpt.pipeline import insert_checkpoints, module_to_qir, qasm_to_module
from qckpt.runtime.checkpoint_log import read_shot, read_shots
from qckpt.runtime.qir_runner import Shot, run_qir

HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'

TELEPORT = HEAD + (
    "qubit[3] q; bit[2] m; bit[1] out;\n"
    "ry(0.8) q[0]; h q[1]; cx q[1], q[2]; cx q[0], q[1]; h q[0];\n"
    "m[0] = measure q[0]; m[1] = measure q[1];\n"
    "reset q[0]; reset q[1];\n"
    "if (m[1]) x q[2]; if (m[0]) z q[2];\n"
    "h q[2]; out[0] = measure q[2];\n"
)

RUS = HEAD + (
    "qubit[2] q; bit[1] c; bit[1] out;\n"
    "h q[0]; c[0] = measure q[0];\n"
    "while (c[0]) { reset q[0]; h q[0]; cx q[0], q[1]; c[0] = measure q[0]; }\n"
    "out[0] = measure q[1];\n"
)

TROTTER = HEAD + (
    "qubit[2] q; bit[2] m; bit[4] seen;\n"
    "for int k in [0:3] { rx(0.4) q[0]; cx q[0], q[1]; rz(0.3) q[1]; m[0] = measure q[0]; m[1] = measure q[1]; seen[k] = m[0] ^ m[1]; reset q[0]; reset q[1]; }\n"
)

SHOTS = 400


def compile_with(src: str, policy: str | None, **kw) -> str:
    m = qasm_to_module(src, "t.qasm")
    if policy is not None:
        insert_checkpoints(m, policy, **kw)
    return module_to_qir(m)


@pytest.mark.parametrize("src", [TELEPORT, RUS, TROTTER], ids=["teleport", "rus", "trotter"])
@pytest.mark.parametrize(("policy", "kw"), [("exact", {}), ("every", {"every": 1}), ("interval", {"mtbf": 2e-6})])
def test_instrumentation_leaves_the_histogram_unchanged(src: str, policy: str, kw: dict) -> None:
    plain = run_qir(compile_with(src, None), shots=SHOTS, seed=11)
    instrumented = run_qir(compile_with(src, policy, **kw), shots=SHOTS, seed=11)
    assert instrumented.counts == plain.counts
    logs = read_shots(instrumented.shots)
    assert all(log.complete and log.torn is None for log in logs)


def test_teleport_records_equal_the_shots_own_bits() -> None:
    # Teleportation has no exact point before its end (q[2] stays quantum), so
    # place replay boundaries by interval: the ones after the measurements persist m.
    res = run_qir(compile_with(TELEPORT, "interval", mtbf=1e-7), shots=SHOTS, seed=3)
    visited = 0
    for shot in res.shots:
        log = read_shot(shot)
        m = shot.registers()["m"]
        for v in log.visits:
            # Every persisted i1 value in this program is one of m's bits.
            for name, value in v.values.items():
                assert value in (m[0] == 1, m[1] == 1), (name, value, m)
            visited += 1
        # Boundaries are visited in program order: ids ascend within a shot.
        ids = [v.boundary for v in log.visits]
        assert ids == sorted(ids)
    assert visited >= SHOTS
    assert any(v.values for v in read_shot(res.shots[0]).visits), "no boundary persisted a measured bit"


def test_rus_visits_count_the_loop_iterations() -> None:
    res = run_qir(compile_with(RUS, "every", every=1), shots=SHOTS, seed=5)
    multi = 0
    for shot in res.shots:
        log = read_shot(shot)
        iterations = [v for v in log.visits if v.values]  # the loop-head boundary persists c
        # The loop runs while c is 1: every visit saw c == 1, and the shot ends with c == 0.
        assert all(all(x is True for x in v.values.values()) for v in iterations)
        assert shot.registers()["c"] == [0]
        assert [v.visit for v in iterations] == list(range(1, len(iterations) + 1))
        multi += len(iterations) > 1
    assert multi > 0  # some shots did loop more than once


def test_trotter_every_two_iterations() -> None:
    res = run_qir(compile_with(TROTTER, "every", every=2), shots=50, seed=1)
    for shot in res.shots:
        # k = 0..3, a boundary when k % 2 == 0: two visits per shot.
        assert len(read_shot(shot).visits) == 2


def test_a_torn_visit_is_never_used() -> None:
    res = run_qir(compile_with(RUS, "every", every=1), shots=200, seed=5)
    shot = next(s for s in res.shots if len(read_shot(s).visits) >= 2)
    full = read_shot(shot).visits
    # Cut the shot in the middle of its second visit (before that visit's end record).
    second_begin = [i for i, r in enumerate(shot.records) if r.label == "qckpt.visit"][1]
    cut = dataclasses.replace(shot, records=shot.records[: second_begin + 3], end_code=None)
    log = read_shot(cut)
    assert log.visits == full[:1]
    assert log.torn is not None and log.torn.boundary == full[1].boundary
    assert not log.complete


def test_base_profile_with_checkpoints_is_a_clear_error() -> None:
    from qckpt.diagnostics import QckptError

    m = qasm_to_module(RUS, "t.qasm")
    insert_checkpoints(m, "every")
    with pytest.raises(QckptError, match="need the Adaptive Profile"):
        module_to_qir(m, profile="base")
