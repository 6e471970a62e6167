"""Segmented execution: a program cut at exact boundaries, run segment by
segment with one binding per distinct state, must give the unsegmented
program's distribution and report exactly its records."""

from __future__ import annotations

from collections import Counter

import pytest
import stats

from qckpt.diagnostics import QckptError
from qckpt.pipeline import insert_checkpoints, module_to_qir, qasm_to_module
from qckpt.runtime.qir_runner import run_qir
from qckpt.runtime.restore.segments import compile_segments, load_plan, run_segmented, write_plan

HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'
SHOTS = 2000


def rus_chain(segments: int) -> str:
    """Repeat-until-success segments on one ancilla and a data register; each
    segment's data qubit is measured and kept, then reset."""
    body = []
    for s in range(segments):
        d = 1 + s % 2
        body.append(f"h q[0]; cx q[0], q[{d}]; c = measure q[0];")
        body.append(f"while (c) {{ reset q[0]; ry(0.9) q[0]; cx q[0], q[{d}]; c = measure q[0]; }}")
        body.append(f"m[{s}] = measure q[{d}]; reset q[{d}];")
    return HEAD + f"qubit[3] q;\nbit c;\nbit[{segments}] m;\n" + "\n".join(body) + "\n"


PROGRAMS = {
    "rus": HEAD + "qubit[2] q; bit[1] c; bit[1] out;\nh q[0]; c[0] = measure q[0];\n"
    "while (c[0]) { reset q[0]; h q[0]; cx q[0], q[1]; c[0] = measure q[0]; }\nout[0] = measure q[1];\n",
    "feedforward": HEAD + "qubit[3] q; bit[2] m; bit[3] out;\nh q[0]; cx q[0], q[1]; m[0] = measure q[1];\n"
    "if (m[0]) x q[0];\nreset q[1]; h q[2]; m[1] = measure q[2];\nif (m[1]) x q[1];\ncx q[0], q[1]; out = measure q;\n",
    "xor_bit": HEAD + "qubit[2] q; bit[2] c; bit[1] out;\nh q[0]; h q[1];\nc[0] = measure q[0]; c[1] = measure q[1];\n"
    "cx q[0], q[1];\nout[0] = measure q[1];\n",
    "rus_chain": rus_chain(6),
}


def segmented(src: str):
    m = qasm_to_module(src, "p.qasm")
    insert_checkpoints(m, "exact")
    return compile_segments(m)


@pytest.mark.comparisons(1)
@pytest.mark.parametrize("name", list(PROGRAMS))
def test_segmented_run_matches_the_unsegmented_one(name: str) -> None:
    src = PROGRAMS[name]
    segments = segmented(src)
    assert len(segments) >= 2
    run = run_segmented(segments, SHOTS, seed=31)
    plain = run_qir(module_to_qir(qasm_to_module(src, "p.qasm")), shots=SHOTS, seed=32)
    assert len(run.shots) == SHOTS and all(s.complete for s in run.shots)
    # Exactly the records of an unsegmented shot: labels, order and kinds.
    shape = [(r.kind, r.label) for r in plain.shots[0].records]
    assert all([(r.kind, r.label) for r in s.records] == shape for s in run.shots)
    # Bindings follow the distinct states, not the shots.
    assert run.bindings[0] == 1 and all(b < SHOTS // 10 for b in run.bindings)
    stats.assert_same_distribution(dict(Counter(s.bitstring() for s in run.shots)), plain.counts)


def test_output_only_values_do_not_multiply_bindings() -> None:
    # Six data bits are decided along the chain, but they are outputs: each
    # cut's state is only the ancilla's bit (0 after the loop), so every
    # segment binds once, not once per output pattern.
    run = run_segmented(segmented(PROGRAMS["rus_chain"]), 500, seed=3)
    assert run.bindings == [1] * len(run.bindings)
    assert len({s.bitstring() for s in run.shots}) > 8  # the outputs do vary


def test_plan_round_trips_through_a_directory(tmp_path) -> None:
    segments = segmented(PROGRAMS["feedforward"])
    write_plan(tmp_path / "plan", segments)
    loaded = load_plan(tmp_path / "plan")
    assert [s.manifest for s in loaded] == [s.manifest for s in segments]
    assert [s.bitcode for s in loaded] == [s.bitcode for s in segments]


def test_cutting_where_the_program_is_not_exact_is_refused() -> None:
    m = qasm_to_module(PROGRAMS["rus"], "p.qasm")
    insert_checkpoints(m, "every")  # the loop-iteration boundary is a replay boundary
    with pytest.raises(QckptError, match="only exact top-level boundaries"):
        compile_segments(m, at=[0])
