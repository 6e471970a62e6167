"""Resume by fault injection: kill shots at each restorable boundary, resume
them from their records on qir-runner, and check what comes out.

A shot is "killed" by truncating its record stream right after a boundary
visit's end record (what a dead process leaves behind), or in the middle of a
visit. The stitched shots must follow the uninterrupted program's
distribution, a resumed state must follow the *conditional* distribution
given that state (a rerun from scratch must fail that check), and a second
failure in a resumed shot must resume again.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections import Counter
from pathlib import Path

import pyqir
import pytest
import stats

from qckpt.diagnostics import QckptError
from qckpt.pipeline import insert_checkpoints, module_to_qir, qasm_to_module
from qckpt import abi
from qckpt.qir.check import check_module
from qckpt.qir.resume_binding import ResumeRecord, bind_resume, bind_resume_file, program_fingerprint, restorable_boundaries
from qckpt.runtime.restore.checkpoint_log import read_shot
from qckpt.runtime.qir_runner import Shot, run_qir
from qckpt.runtime.restore.resume import last_complete_visit, record_for, resume_shots

HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'
SHOTS = 2000

PROGRAMS = {
    # exact before the loop (c decides whether it runs); q[1] quantum inside
    "rus": (HEAD + "qubit[2] q; bit[1] c; bit[1] out;\nh q[0]; c[0] = measure q[0];\n"
            "while (c[0]) { reset q[0]; h q[0]; cx q[0], q[1]; c[0] = measure q[0]; }\nout[0] = measure q[1];\n", "exact"),
    # iteration boundaries of a measured loop: a carried tally and the counter
    "trotter": (HEAD + "qubit[2] q; bit[2] m; int[32] n = 0;\nbit[1] last;\n"
                "for int k in [0:3] { rx(0.7) q[0]; cx q[0], q[1]; rz(0.3) q[1]; m = measure q; n += int(m[0]); reset q[0]; reset q[1]; }\n"
                "last[0] = measure q[0];\n", "every"),
    # a qubit whose bit is the xor of two measured bits, re-prepared on resume
    "xor_bit": (HEAD + "qubit[2] q; bit[2] c; bit[1] out;\nh q[0]; h q[1];\nc[0] = measure q[0]; c[1] = measure q[1];\n"
                "cx q[0], q[1];\nout[0] = measure q[1];\n", "exact"),
    # dynamic GHZ-style feed-forward: corrections decided by measurements
    "feedforward": (HEAD + "qubit[3] q; bit[2] m; bit[3] out;\nh q[0]; cx q[0], q[1]; m[0] = measure q[1];\n"
                    "if (m[0]) x q[0];\nreset q[1]; h q[2]; m[1] = measure q[2];\nif (m[1]) x q[1];\n"
                    "cx q[0], q[1]; out = measure q;\n", "exact"),
    # replay boundaries: a boundary after every operation; q[2] stays quantum,
    # so resuming re-runs its cone, post-selecting the two measurements in it
    "teleport": (HEAD + "qubit[3] q; bit[2] m; bit[1] out;\nry(0.8) q[0]; h q[1]; cx q[1], q[2]; cx q[0], q[1]; h q[0];\n"
                 "m[0] = measure q[0]; m[1] = measure q[1];\nreset q[0]; reset q[1];\n"
                 "if (m[1]) x q[2]; if (m[0]) z q[2];\nh q[2]; out[0] = measure q[2];\n", "interval"),
}
POLICY_ARGS = {"interval": {"mtbf": 1e-7}}
# An output bit measured before a loop that also decides a qubit's bit: the
# resumed shot's output comes from the log, the qubit from the record.
PROGRAMS["early_output"] = (
    HEAD + "qubit[3] q; bit[1] a; bit[1] c; bit[1] b;\nh q[2]; a[0] = measure q[2];\nif (a[0]) x q[1];\nh q[0]; c[0] = measure q[0];\n"
    "while (c[0]) { reset q[0]; h q[0]; c[0] = measure q[0]; }\nb[0] = measure q[1];\n",
    "exact",
)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("resumable")
    out = {}
    for name, (src, policy) in PROGRAMS.items():
        m = qasm_to_module(src, f"{name}.qasm")
        insert_checkpoints(m, policy, **POLICY_ARGS.get(policy, {}))
        path = d / f"{name}.ll"
        path.write_text(module_to_qir(m, record_mode="streaming", resumable=True))
        out[name] = path
    return out


def fresh_run(path: Path, shots: int, seed: int) -> list[Shot]:
    module = bind_resume_file(path, None)
    return run_qir(str(module), shots=shots, seed=seed).shots


def counts(shots: list[Shot]) -> dict[str, int]:
    return dict(Counter(s.bitstring() for s in shots if s.complete))


def cut_at(shot: Shot, boundary: int, rng: random.Random) -> Shot | None:
    """The shot as a kill right after one of its visits of ``boundary`` leaves it."""
    ends = [i for i, r in enumerate(shot.records) if r.label == abi.END_LABEL and int(r.value) == boundary]
    if not ends:
        return None
    i = rng.choice(ends)
    return dataclasses.replace(shot, records=shot.records[: i + 1], end_code=None)


CASES = [(name, b) for name in PROGRAMS for b in ("first", "last")]


def test_outputs_decided_before_the_boundary_come_from_the_log(compiled) -> None:
    # a[0] is measured before every boundary, and b[0] == a[0] always
    # (q[1] is flipped exactly when a[0] is 1): a stitched shot whose a[0]
    # were a placeholder would break the equality.
    path = compiled["early_output"]
    victims = fresh_run(path, 400, seed=51)
    rng = random.Random(1)
    points = sorted(restorable_boundaries(pyqir.Module.from_ir(pyqir.Context(), path.read_text())))
    cut = [c for s in victims if (c := cut_at(s, points[-1], rng)) is not None]
    done = resume_shots(path, cut, seed=52).shots
    assert len(done) == len(cut) > 100
    assert all(s.registers()["a"] == s.registers()["b"] for s in done)
    assert {s.registers()["a"][0] for s in done} == {0, 1}


@pytest.mark.comparisons(1)
@pytest.mark.parametrize(("name", "which"), CASES)
def test_killed_at_a_boundary_resumes_to_the_same_distribution(compiled, name: str, which: str) -> None:
    path = compiled[name]
    points = sorted(restorable_boundaries(pyqir.Module.from_ir(pyqir.Context(), path.read_text())))
    assert points, f"{name}: no restorable boundary"
    boundary = points[0] if which == "first" else points[-1]
    ref = fresh_run(path, SHOTS, seed=101)
    victims = fresh_run(path, SHOTS, seed=202)
    rng = random.Random(7)
    cut = [cut_at(s, boundary, rng) for s in victims]
    killed = [c for c in cut if c is not None]
    untouched = [s for s, c in zip(victims, cut) if c is None]
    assert len(killed) > SHOTS // 4, f"{name}: only {len(killed)} shots visit boundary {boundary}"
    report = resume_shots(path, killed, seed=303)
    assert len(report.shots) == len(killed) and all(s.complete for s in report.shots)
    assert report.restarted == 0 and report.bindings <= len(killed)
    for s in report.shots:
        log = read_shot(s)
        assert log.torn is None
        # The stitched stream numbers visits as one uninterrupted shot would.
        for b in {v.boundary for v in log.visits}:
            assert [v.visit for v in log.visits if v.boundary == b] == list(range(1, 1 + sum(v.boundary == b for v in log.visits)))
    stats.assert_same_distribution(counts(report.shots + untouched), counts(ref))


def test_a_torn_visit_is_never_used(compiled) -> None:
    path = compiled["trotter"]
    (shot,) = fresh_run(path, 1, seed=5)
    begins = [i for i, r in enumerate(shot.records) if r.label == abi.VISIT_LABEL]
    assert len(begins) >= 3
    # Killed after the id record of the third visit: resume from the second.
    torn = dataclasses.replace(shot, records=shot.records[: begins[2] + 2], end_code=None)
    visit, prefix = last_complete_visit(torn)
    assert visit is not None and visit.visit == 2 and read_shot(torn).torn is not None
    assert prefix[-1].label == abi.END_LABEL
    report = resume_shots(path, [torn], seed=9)
    (done,) = report.shots
    assert [v.visit for v in read_shot(done).visits] == [1, 2, 3, 4]


def test_a_shot_that_never_reached_a_boundary_starts_over(compiled) -> None:
    path = compiled["rus"]
    (shot,) = fresh_run(path, 1, seed=5)
    report = resume_shots(path, [dataclasses.replace(shot, records=[], end_code=None)], seed=1)
    assert report.restarted == 1 and report.shots[0].complete


@pytest.mark.comparisons(2)
def test_second_failure_in_a_resumed_shot_resumes_again(compiled) -> None:
    path = compiled["trotter"]
    ref = fresh_run(path, SHOTS, seed=11)
    first = [cut_at(s, 0, random.Random(i)) for i, s in enumerate(fresh_run(path, SHOTS, seed=12))]
    resumed = resume_shots(path, [c for c in first if c is not None], seed=13).shots
    # Kill each resumed shot again, at its last visit, and resume once more.
    again = [dataclasses.replace(s, records=last_complete_visit(s)[1], end_code=None) for s in resumed]
    final = resume_shots(path, again, seed=14).shots
    assert all(len(read_shot(s).visits) == 4 for s in final)
    stats.assert_same_distribution(counts(final), counts(ref))


@pytest.mark.comparisons(1)
def test_resumed_state_follows_the_conditional_distribution(compiled) -> None:
    """Bind one state σ at the RUS boundary (c = 1: the loop must run) and
    compare with uninterrupted shots whose visit had σ. A rerun from scratch
    (the negative control) has a different distribution and must fail."""
    path = compiled["rus"]
    ref = fresh_run(path, 4 * SHOTS, seed=21)
    (boundary,) = restorable_boundaries(pyqir.Module.from_ir(pyqir.Context(), path.read_text()))
    sigma = None
    given: list[Shot] = []
    for s in ref:
        visit = next(v for v in read_shot(s).visits if v.boundary == boundary)
        if sigma is None and visit.values.get("v0") is True:
            sigma = visit
        if sigma is not None and visit.values == sigma.values:
            given.append(s)
    assert sigma is not None and len(given) > SHOTS
    fp = program_fingerprint(path.read_bytes())
    module = bind_resume_file(path, record_for(sigma, fp))
    resumed = run_qir(str(module), shots=SHOTS, seed=22).shots
    # The resumed part reports the same registers: c is decided by the loop.
    stats.assert_same_distribution(counts(resumed), counts(given))
    with pytest.raises(AssertionError):
        stats.assert_same_distribution(counts(fresh_run(path, SHOTS, seed=23)), counts(given))


def test_resume_block_reaches_no_earlier_quantum_operation(compiled) -> None:
    """From a resume block, the only quantum operations reachable that the
    normal path ran before the boundary are the re-preparation X gates."""
    for name, path in compiled.items():
        module = pyqir.Module.from_ir(pyqir.Context(), path.read_text())
        (main,) = [f for f in module.functions if f.name == "main"]
        blocks = {b.name: b for b in main.basic_blocks}

        def reach(start: str, stop: set[str]) -> set[str]:
            seen, todo = set(), [start]
            while todo:
                b = todo.pop()
                if b in seen or b in stop:
                    continue
                seen.add(b)
                todo += [s.name for s in blocks[b].terminator.successors]
            return seen

        def named(kind: str, bid: int) -> str:
            # The text sink numbers its blocks: "ckpt.cont.3" or "ckpt.cont.3.41".
            (b,) = [n for n in blocks if re.fullmatch(rf"ckpt\.{kind}\.{bid}(\.\d+)?", n)]
            return b

        for bid in restorable_boundaries(module):
            cont = named("cont", bid)
            before = reach("entry", {cont}) - reach(cont, set())  # run once, before the boundary
            from_resume = reach(named("resume", bid), set())
            for b in before & from_resume:
                quantum = [str(i) for i in blocks[b].instructions if "__quantum__qis__" in str(i)]
                assert b.startswith(("ckpt.reprep", "ckpt.replay")) or not quantum, (name, bid, b, quantum)


def test_bound_module_passes_check_qir(compiled) -> None:
    path = compiled["xor_bit"]
    module = pyqir.Module.from_ir(pyqir.Context(), path.read_text())
    bid = max(restorable_boundaries(module))
    names = restorable_boundaries(module)[bid]
    values = {n: (True if t == "i1" else 0) for n, t in names.items() if n != abi.RESUME_VISIT_NAME}
    bound = bind_resume(module, ResumeRecord("x", bid, 1, values))
    errors = [str(f) for f in check_module(bound) if f.severity == "error"]
    assert errors == []


def test_bind_resume_refuses_mismatched_records(compiled, tmp_path) -> None:
    path = compiled["rus"]
    module = pyqir.Module.from_ir(pyqir.Context(), path.read_text())
    (bid,) = restorable_boundaries(module)
    fp = program_fingerprint(path.read_bytes())
    with pytest.raises(QckptError, match="another program"):
        bind_resume_file(path, ResumeRecord("0" * 64, bid, 1, {"v0": True, "qubit:q[0]": True}))
    with pytest.raises(QckptError, match="not a restorable boundary"):
        bind_resume_file(path, ResumeRecord(fp, 99, 1, {}))
    with pytest.raises(QckptError, match="missing"):
        bind_resume_file(path, ResumeRecord(fp, bid, 1, {}))
    with pytest.raises(QckptError, match="not resumable"):
        plain = tmp_path / "plain.ll"
        plain.write_text(module_to_qir(qasm_to_module(PROGRAMS["rus"][0], "rus.qasm")))
        bind_resume_file(plain, None)


def test_a_shot_cut_after_an_unrestorable_boundary_resumes_from_the_one_before(tmp_path) -> None:
    # Teleportation with at most one post-selected bit: the boundaries after
    # the second measurement are not restorable; a shot cut after one of them
    # resumes from the last restorable visit before it.
    m = qasm_to_module(PROGRAMS["teleport"][0], "t.qasm")
    insert_checkpoints(m, "interval", mtbf=1e-7, max_postselect_bits=1)
    path = tmp_path / "teleport.ll"
    path.write_text(module_to_qir(m, record_mode="streaming", resumable=True))
    restorable = set(restorable_boundaries(pyqir.Module.from_ir(pyqir.Context(), path.read_text())))
    (shot,) = fresh_run(path, 1, seed=3)
    visited = [v.boundary for v in read_shot(shot).visits]
    assert set(visited) - restorable, (visited, restorable)
    last = max(i for i, b in enumerate(visited) if b not in restorable)
    ends = [i for i, r in enumerate(shot.records) if r.label == abi.END_LABEL]
    cut = dataclasses.replace(shot, records=shot.records[: ends[last] + 1], end_code=None)
    visit, _ = last_complete_visit(cut, restorable)
    assert visit is not None and visit.boundary in restorable and visit.boundary < visited[last]
    (done,) = resume_shots(path, [cut], seed=4).shots
    assert done.complete and [v.boundary for v in read_shot(done).visits] == visited


def test_replay_boundaries_are_restorable_through_the_branches(compiled) -> None:
    module = pyqir.Module.from_ir(pyqir.Context(), compiled["teleport"].read_text())
    points = restorable_boundaries(module)
    # Every boundary, the ones after the corrections (whose cones hold an
    # scf.if each) included: those replay the branches on recorded decisions.
    assert len(points) >= 8
    last = max(points)
    assert {"cone:0", "cone:1", "cone-if:0", "cone-if:1"} <= set(points[last])


@pytest.mark.comparisons(1)
def test_every_teleport_boundary_resumes_to_the_same_distribution(compiled) -> None:
    path = compiled["teleport"]
    points = sorted(restorable_boundaries(pyqir.Module.from_ir(pyqir.Context(), path.read_text())))
    ref = fresh_run(path, SHOTS, seed=41)
    victims = fresh_run(path, SHOTS, seed=42)
    rng = random.Random(3)
    killed = [cut_at(s, points[i % len(points)], rng) for i, s in enumerate(victims)]
    assert all(k is not None for k in killed)
    report = resume_shots(path, killed, seed=43)
    stats.assert_same_distribution(counts(report.shots), counts(ref))


def test_an_impossible_recorded_outcome_is_a_clear_failure(tmp_path) -> None:
    # h h = identity, so q[0] measures 0 every time; a record claiming 1 can
    # never be reproduced by the cone replay.
    src = HEAD + "qubit[2] q; bit[1] a; bit[1] b;\nh q[0]; h q[0]; cx q[0], q[1];\na[0] = measure q[0];\nh q[1];\nb[0] = measure q[1];\n"
    m = qasm_to_module(src, "t.qasm")
    insert_checkpoints(m, "interval", mtbf=1e-7)
    path = tmp_path / "p.ll"
    path.write_text(module_to_qir(m, record_mode="streaming", resumable=True))
    points = restorable_boundaries(pyqir.Module.from_ir(pyqir.Context(), path.read_text()))
    bid = next(b for b, vals in points.items() if "cone:0" in vals)
    (shot,) = fresh_run(path, 1, seed=1)
    cut = cut_at(shot, bid, random.Random(0))
    assert cut is not None
    # Forge the recorded outcome.
    def forge(r):
        if r.label == "cone:0":
            return dataclasses.replace(r, value="true")
        if r.label and r.label.startswith(abi.BITS_LABEL_PREFIX):  # packed bits
            names = r.label[len(abi.BITS_LABEL_PREFIX) :].split(",")
            if "cone:0" in names:
                return dataclasses.replace(r, value=str(int(r.value) | (1 << names.index("cone:0"))))
        return r

    forged = [forge(r) for r in cut.records]
    assert forged != cut.records
    # Post-selection never gives up on its own (a cap would bias restoration):
    # the run's time limit ends the wait, and it fails that state's shots
    # alone, with a message; the genuine shot in the same batch resumes.
    report = resume_shots(path, [dataclasses.replace(cut, records=forged), cut], seed=2, timeout=3)
    assert list(report.failed) == [0], report.failed
    assert "did not finish within 3 s" in report.failed[0] and "post-selection" in report.failed[0]
    (done,) = report.shots
    assert done.complete


def test_max_postselect_bits_decides_which_replay_boundaries_are_restorable(tmp_path) -> None:
    src = PROGRAMS["teleport"][0]

    def restorable(bits: int) -> dict[int, dict[str, str]]:
        m = qasm_to_module(src, "t.qasm")
        insert_checkpoints(m, "interval", mtbf=1e-7, max_postselect_bits=bits)
        return restorable_boundaries(pyqir.Module.from_ir(pyqir.Context(), module_to_qir(m, record_mode="streaming", resumable=True)))

    def most_bits(points: dict[int, dict[str, str]]) -> int:
        return max(sum(n.startswith("cone:") for n in vals) for vals in points.values())

    assert most_bits(restorable(4)) == 2
    # With at most one post-selected bit, the boundaries after the second
    # measurement are not restorable; the earlier ones still are.
    one = restorable(1)
    assert most_bits(one) == 1 and len(one) < len(restorable(4))


def test_the_post_selection_budget_has_one_default() -> None:
    """The pass, the pipeline and the CLI agree on the default budget."""
    import inspect

    from qckpt.cli.parser import build_parser
    from qckpt.passes.replay_cones import MAX_POSTSELECT_BITS

    assert inspect.signature(insert_checkpoints).parameters["max_postselect_bits"].default == MAX_POSTSELECT_BITS
    args = build_parser().parse_args(["convert", "x.qasm"])
    assert args.max_postselect_bits == MAX_POSTSELECT_BITS
