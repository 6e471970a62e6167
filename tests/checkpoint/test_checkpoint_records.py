"""Checkpoint records end to end: instrument, run on qir-runner, read the log.

Every shot's log is checked against that shot's own evidence: its recorded
outputs and its loop outcomes. Instrumentation must not change the program's
histogram: records consume no randomness, so with the same seed the
histograms are identical, not just close.

Both record modes run here. ``final`` and ``streaming`` consume no
randomness either, so with one seed they see the same shots: a shot's
``final`` record must equal the last ``streaming`` visit of each boundary."""

from __future__ import annotations

import dataclasses

import pytest
import pyqir

from qckpt.pipeline import insert_checkpoints, module_to_qir, qasm_to_module
from qckpt.qir.check import check_module
from qckpt.runtime.restore.checkpoint_log import read_shot, read_shots
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


MODES = ["final", "streaming"]


def compile_with(src: str, policy: str | None, mode: str = "streaming", **kw) -> str:
    m = qasm_to_module(src, "t.qasm")
    if policy is not None:
        insert_checkpoints(m, policy, **kw)
    return module_to_qir(m, record_mode=mode)


POLICIES = [("exact", {}), ("every", {"every": 1}), ("every", {"every": 2}), ("interval", {"mtbf": 2e-6})]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("src", [TELEPORT, RUS, TROTTER], ids=["teleport", "rus", "trotter"])
@pytest.mark.parametrize(("policy", "kw"), POLICIES, ids=["exact", "every1", "every2", "interval"])
def test_instrumentation_leaves_the_histogram_unchanged(src: str, policy: str, kw: dict, mode: str) -> None:
    plain = run_qir(compile_with(src, None), shots=SHOTS, seed=11)
    program = compile_with(src, policy, mode, **kw)
    instrumented = run_qir(program, shots=SHOTS, seed=11)
    assert instrumented.counts == plain.counts
    logs = read_shots(instrumented.shots)
    assert all(log.complete and log.torn is None for log in logs)
    assert {log.mode for log in logs} <= {mode, None}
    # final mode is conformant; streaming is reported as the one extension.
    findings = check_module(pyqir.Module.from_ir(pyqir.Context(), program))
    if mode == "final":
        assert findings == []
    else:
        assert [str(f) for f in findings if f.severity != "extension"] == []


@pytest.mark.parametrize("src", [TELEPORT, RUS, TROTTER], ids=["teleport", "rus", "trotter"])
@pytest.mark.parametrize(("policy", "kw"), POLICIES, ids=["exact", "every1", "every2", "interval"])
def test_final_record_is_the_last_streaming_visit(src: str, policy: str, kw: dict) -> None:
    final = run_qir(compile_with(src, policy, "final", **kw), shots=SHOTS, seed=17)
    streaming = run_qir(compile_with(src, policy, "streaming", **kw), shots=SHOTS, seed=17)
    passed = 0
    for fs, ss in zip(final.shots, streaming.shots):
        assert fs.registers() == ss.registers()  # the same shot
        last: dict[int, object] = {}
        for v in read_shot(ss).visits:
            last[v.boundary] = v
        expected = [last[b] for b in sorted(last)]
        assert read_shot(fs).visits == expected
        passed += len(expected)
    from qckpt.dialects.ckpt import BoundaryOp

    if any(isinstance(op, BoundaryOp) for op in insert_checkpoints(qasm_to_module(src, "t.qasm"), policy, **kw).walk()):
        assert passed > 0  # the program has boundaries, and shots passed them


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
    res = run_qir(compile_with(TROTTER, "every", "final", every=2), shots=50, seed=1)
    for shot in res.shots:
        (last,) = read_shot(shot).visits
        assert last.visit == 2


def test_rus_final_visit_count_is_the_number_of_iterations() -> None:
    res = run_qir(compile_with(RUS, "every", "final", every=1), shots=SHOTS, seed=5)
    counts = set()
    for shot in res.shots:
        log = read_shot(shot)
        assert log.mode == "final" and shot.registers()["c"] == [0]
        loop = [v for v in log.visits if v.values]
        # The loop-head boundary persists c, which is 1 at every iteration start.
        assert all(x is True for v in loop for x in v.values.values())
        counts.add(loop[0].visit if loop else 0)
    assert 0 in counts and max(counts) > 1  # some shots never loop, some loop several times


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


def test_a_torn_final_group_is_never_used() -> None:
    res = run_qir(compile_with(RUS, "every", "final", every=1), shots=50, seed=5)
    shot = res.shots[0]
    begin = next(i for i, r in enumerate(shot.records) if r.label == "qckpt.last")
    cut = dataclasses.replace(shot, records=shot.records[: begin + 2], end_code=None)
    log = read_shot(cut)
    assert log.torn is not None and log.visits == [] and log.mode == "final"


def test_base_profile_with_checkpoints_is_a_clear_error() -> None:
    from qckpt.diagnostics import QckptError

    m = qasm_to_module(RUS, "t.qasm")
    insert_checkpoints(m, "every")
    with pytest.raises(QckptError, match="need the Adaptive Profile"):
        module_to_qir(m, profile="base")


# q[1]'s bit after the boundary is measured into `out` unchanged: the
# persisted "qubit:q[1]" must equal out in every shot, whether computed
# (xor of measured bits) or measured at the boundary (bit set in a branch).
XOR_BIT = HEAD + "qubit[2] q; bit[2] c; bit[1] out;\nh q[0]; h q[1];\nc[0] = measure q[0]; c[1] = measure q[1];\ncx q[0], q[1];\nout[0] = measure q[1];\n"
BRANCH_BIT = HEAD + (
    "qubit[2] q; bit[2] c; bit[1] out;\nh q[0]; c[0] = measure q[0];\nh q[1];\n"
    "if (c[0]) { c[1] = measure q[1]; } else { c[1] = measure q[1]; x q[1]; }\nh q[0];\nout[0] = measure q[1];\n"
)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("src", "policy"), [(XOR_BIT, "exact"), (BRANCH_BIT, "exact")], ids=["xor", "branch"])
def test_a_persisted_qubit_bit_is_the_qubits_state(src: str, policy: str, mode: str) -> None:
    res = run_qir(compile_with(src, policy, mode), shots=SHOTS, seed=23)
    if src is XOR_BIT:
        assert res.counts == run_qir(compile_with(src, None), shots=SHOTS, seed=23).counts
    else:
        # The bit was measured at the boundary. That measurement is certain,
        # but it draws from qir-runner's random stream, so the same seed gives
        # other shots: check each shot's own logic instead (out = c1 xor !c0).
        for shot in res.shots:
            c, out = shot.registers()["c"], shot.registers()["out"]
            assert out[0] == (c[1] if c[0] else 1 - c[1])
    checked = 0
    for shot in res.shots:
        for v in read_shot(shot).visits:
            if "qubit:q[1]" in v.values:
                assert v.values["qubit:q[1]"] == (shot.registers()["out"][0] == 1)
                checked += 1
    assert checked >= SHOTS


def test_a_negated_bit_is_recorded_as_false() -> None:
    # q[0] measures 1 twice, then x: its bit is !c[1] = 0, computed as
    # xor(c[1], true). Passed through the streaming library's i1 argument,
    # qir-runner printed it as true until the library canonicalised it.
    src = HEAD + "qubit[1] q; bit[2] c; bit[1] d;\nx q[0];\nc[0] = measure q[0];\nc[1] = measure q[0];\nx q[0];\nd[0] = measure q[0];\n"
    for mode in MODES:
        res = run_qir(compile_with(src, "every", mode, every=1), shots=20, seed=1)
        for shot in res.shots:
            bits = [v.values["qubit:q[0]"] for v in read_shot(shot).visits if "qubit:q[0]" in v.values]
            assert bits and bits[-1] is False, (mode, bits)
            assert shot.registers()["d"] == [0]


def test_a_visits_bits_travel_packed_in_one_record() -> None:
    # Trotter's iteration boundary persists m0, m1 (bits) and n, k (ints):
    # the two bits are one INT record, read back bit by bit.
    res = run_qir(compile_with(TROTTER, "every", "streaming", every=1), shots=50, seed=4)
    for shot in res.shots:
        packed = [r for r in shot.records if r.label and r.label.startswith("qckpt.bits:")]
        visits = read_shot(shot).visits
        assert len(packed) == len(visits) == 4
        for rec, v in zip(packed, visits):
            names = rec.label[len("qckpt.bits:") :].split(",")
            assert len(names) >= 2 and all(isinstance(v.values[n], bool) for n in names)
            assert int(rec.value) == sum(int(v.values[n]) << j for j, n in enumerate(names))
