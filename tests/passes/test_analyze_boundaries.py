"""ckpt-analyze-boundaries on hand-checked programs.

Each expectation below was worked out by hand from the qubit-class rules in
DESIGN.md ("What a safe boundary is"), not read off the implementation."""

from __future__ import annotations

from qckpt.passes.analyze_boundaries import analyze_module
from qckpt.pipeline import lower_to_target, qasm_to_module

HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'


def analyze(body: str):
    result = analyze_module(lower_to_target(qasm_to_module(HEAD + body, "t.qasm")))
    names = result.qubit_names
    return [
        (c.where, sorted(names[q] for q in c.cut), sorted(names[q] for q in c.classical_qubits), c.record_bits, c.replay_cost)
        for c in result.candidates
    ], result


def test_cx_on_a_fresh_control_does_not_entangle() -> None:
    rows, _ = analyze("qubit[2] q; bit[2] c;\nh q[1];\ncx q[0], q[1];\nh q[0];\nc = measure q;\n")
    # q[0] is |0>: cx does nothing, and q[0] stays fresh (out of the cut) until its own h.
    before_h0 = rows[2]
    assert before_h0[1] == ["q[1]"] and before_h0[2] == []


def test_teleportation() -> None:
    rows, _ = analyze(
        "qubit[3] q; bit[2] m; bit[1] out;\n"
        "ry(0.8) q[0];\n"
        "h q[1]; cx q[1], q[2]; cx q[0], q[1]; h q[0];\n"
        "m[0] = measure q[0]; m[1] = measure q[1];\n"
        "if (m[1]) x q[2]; if (m[0]) z q[2];\n"
        "out[0] = measure q[2];\n"
    )
    by_where = [r for r in rows]
    # After both measurements, only the teleported qubit is quantum; its cone
    # is every gate so far (5) plus the two measurements it depends on (2).
    after_meas = next(r for r in by_where if r[0] == "before scf.if")
    assert after_meas[1] == ["q[2]"]
    assert after_meas[2] == ["q[0]", "q[1]"]
    assert after_meas[4] == 7
    # m[0] and m[1] are still needed by the corrections: 2 value bits + 2 qubit bits.
    assert after_meas[3] == 4
    # At the end every qubit has been measured: an exact boundary.
    assert rows[-1][1] == [] and rows[-1][4] == 0


def eval_bit(bit, env) -> int:
    """Evaluate a symbolic bit under an assignment of its SSA leaves."""
    tag = bit[0]
    if tag in ("0", "1"):
        return int(tag)
    if tag == "v":
        return env[bit[1]]
    if tag == "xor":
        return eval_bit(bit[1], env) ^ eval_bit(bit[2], env)
    if tag == "and":
        return eval_bit(bit[1], env) & eval_bit(bit[2], env)
    if tag == "sel":
        return eval_bit(bit[2], env) if env[bit[1]] else eval_bit(bit[3], env)
    raise AssertionError(f"unexpected bit {bit}")


def test_active_reset_leaves_qubit_classical_zero() -> None:
    rows, result = analyze("qubit[1] q; bit[1] c;\nh q[0];\nc[0] = measure q[0];\nif (c[0]) x q[0];\nh q[0];\n")
    cand = result.candidates[-2]
    assert cand.where == "before qc.gate" and cand.exact  # measure + conditional X: exact
    ((qubit, bit),) = cand.classical_qubits.items()
    (measured,) = [op.results[0] for op in result.candidates[0].anchor.parent.ops if op.name == "qc.measure"]
    # Whatever the measurement gave, the qubit is |0> now.
    assert eval_bit(bit, {measured: 0}) == 0 and eval_bit(bit, {measured: 1}) == 0


def test_syndrome_round_keeps_data_quantum() -> None:
    rows, _ = analyze(
        "qubit[3] d; qubit[1] a; bit[1] s; bit[3] m;\n"
        "h d[0]; cx d[0], d[1]; cx d[1], d[2];\n"
        "cx d[0], a[0]; cx d[1], a[0];\n"
        "s[0] = measure a[0];\nreset a[0];\n"
        "cx d[1], a[0]; cx d[2], a[0];\n"
        "m = measure d;\n"  # the data stays live to the end
    )
    # The last point where the ancilla is neither quantum nor classical: just after its reset.
    after_reset = [r for r in rows if r[0] == "before qc.gate" and r[2] == [] and r[1] == ["d[0]", "d[1]", "d[2]"]][-1]
    # The ancilla is fresh again, but the data qubits were never measured:
    # the cut is the whole data block and the cone is all of its history.
    assert after_reset[1] == ["d[0]", "d[1]", "d[2]"]
    assert after_reset[4] == 3 + 2 + 1  # 3 data gates, 2 syndrome cx, the ancilla measurement


def test_dynamic_ghz_is_exact_after_corrections() -> None:
    rows, _ = analyze(
        "qubit[3] q; qubit[1] a; bit[1] p; bit[3] c;\n"
        "h q[0]; h q[2];\n"
        "cx q[0], a[0]; cx q[2], a[0];\n"
        "p[0] = measure a[0];\n"
        "if (p[0]) x q[2];\n"
        "c = measure q;\n"
    )
    assert rows[-1][1] == []
    before_corr = next(r for r in rows if r[0] == "before scf.if")
    assert before_corr[1] == ["q[0]", "q[2]"]


def test_qaoa_layer_loop_iterations_are_replay_points() -> None:
    rows, result = analyze(
        "qubit[2] q; bit[2] c;\nh q[0]; h q[1];\n"
        "for int k in [0:2] { cx q[0], q[1]; rz(0.3) q[1]; cx q[0], q[1]; rx(0.5) q[0]; rx(0.5) q[1]; }\n"
        "c = measure q;\n"
    )
    iters = [r for r in rows if r[0].startswith("iteration")]
    assert len(iters) == 1
    assert iters[0][1] == ["q[0]", "q[1]"]  # nothing is measured inside the layers
    assert iters[0][4] >= 2 + 5  # the two h plus the body's (decomposed) gates


def test_trotter_loop_with_measure_and_reset_has_exact_iterations() -> None:
    rows, _ = analyze(
        "qubit[2] q; bit[2] m; int[8] n = 0;\n"
        "for int k in [0:3] { h q[0]; cx q[0], q[1]; m[0] = measure q[0]; m[1] = measure q[1]; reset q[0]; reset q[1]; n += 1; }\n"
    )
    iters = [r for r in rows if r[0].startswith("iteration")]
    assert len(iters) == 1
    # Every iteration ends with both qubits reset: the loop head is exact,
    # and what it must record is classical (the counter and the carried bits).
    assert iters[0][1] == []
    assert iters[0][3] > 0


def test_repeat_until_success_loop() -> None:
    rows, _ = analyze(
        "qubit[2] q; bit[1] c; bit[1] out;\nh q[0];\nc[0] = measure q[0];\n"
        "while (c[0]) { reset q[0]; h q[0]; cx q[0], q[1]; c[0] = measure q[0]; }\n"
        "out[0] = measure q[1];\n"
    )
    before_loop = next(r for r in rows if r[0] == "before scf.while")
    assert before_loop[1] == [] and before_loop[2] == ["q[0]"]
    (it,) = [r for r in rows if r[0].startswith("iteration")]
    assert it[1] == ["q[1]"]  # entangled with the measured q[0] in earlier iterations
    assert it[4] == 3  # the loop's h, cx and measurement


def test_outputs_are_kept_apart_from_state() -> None:
    _, result = analyze("qubit[2] q; bit[2] c;\nc[0] = measure q[0];\nh q[1];\nc[1] = measure q[1];\n")
    before_h = [c for c in result.candidates if c.where == "before qc.gate"][-1]
    # c[0] is only recorded at the end: an output, not state.
    assert len(before_h.live) == 0 and len(before_h.outputs_only) == 1


def test_cli_report_locates_each_candidate(tmp_path) -> None:
    import json
    import subprocess
    import sys

    src = HEAD + "qubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\nfor int k in [0:2] { reset q[0]; }\n"
    path = tmp_path / "p.qasm"
    path.write_text(src)
    proc = subprocess.run([sys.executable, "-m", "qckpt.cli", "analyze", str(path), "--json"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    rows = [r for r in json.loads(proc.stdout)["candidates"] if r["where"] != "before func.return"]
    # h (line 5), cx (6), the two measurements of `c = measure q` (7), the loop and its iterations (8)
    assert [int(r["location"].split(":")[-2]) for r in rows] == [5, 6, 7, 7, 8, 8]
    it = next(r for r in rows if r["kind"] == "algorithmic")
    assert it["cut"] == [] and it["exact"]
