"""ckpt-insert policies on small programs whose right answer is known."""

from __future__ import annotations

import pytest
from xdsl.dialects import scf

from qckpt.diagnostics import QckptError
from qckpt.dialects import ckpt
from qckpt.passes.checkpoint_policy import DeviceCosts, daly_interval
from qckpt.passes.insert_boundaries import insert_boundaries
from qckpt.pipeline import lower_to_target, qasm_to_module

HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'


def module(body: str):
    return lower_to_target(qasm_to_module(HEAD + body, "t.qasm"))


def boundaries(m):
    return [op for op in m.walk() if isinstance(op, ckpt.BoundaryOp)]


RESET_CHAIN = (
    "qubit[2] q; bit[2] c;\n"
    "h q[0]; c[0] = measure q[0]; reset q[0];\n"  # exact after the reset
    "x q[1]; c[1] = measure q[1];\n"  # exact after this measurement; only classical work between
    "h q[0]; cx q[0], q[1];\n"
    "c[0] = measure q[0]; c[1] = measure q[1];\n"
)


def test_exact_places_only_exact_points_and_merges_runs() -> None:
    m = module(RESET_CHAIN)
    bs = insert_boundaries(m, "exact")
    assert bs, "expected exact boundaries"
    assert all(b.kind.data == "classicalized" and not b.cut for b in bs)
    # Between two inserted boundaries there is always a quantum operation.
    ops = list(m.walk())
    idx = [ops.index(b) for b in bs]
    for a, b in zip(idx, idx[1:]):
        assert any(o.name.startswith("qc.") and o.name not in ("qc.qubit", "qc.alloc") for o in ops[a:b])


def test_max_replay_cost_keeps_costly_points_out() -> None:
    body = "qubit[2] q; bit[2] c;\nh q[0]; cx q[0], q[1]; h q[1]; h q[0];\nc = measure q;\n"
    assert len(boundaries(_with(body, "interval", mtbf=1e-9))) >= 1
    limited = _with(body, "interval", mtbf=1e-9, max_replay_cost=1)
    assert all(b.replay_cost is None or b.replay_cost.value.data <= 1 for b in boundaries(limited))


def _with(body: str, policy: str, **kw):
    m = module(body)
    insert_boundaries(m, policy, **kw)
    return m


def test_every_n_iterations_guards_by_the_counter() -> None:
    m = _with("qubit[1] q; bit[1] c;\nfor int k in [0:9] { x q[0]; c[0] = measure q[0]; reset q[0]; }\n", "every", every=3)
    (b,) = boundaries(m)
    guard = b.parent_op()
    assert isinstance(guard, scf.IfOp)  # only when k % 3 == 0
    assert isinstance(guard.parent_op(), scf.ForOp)
    assert b.kind.data == "algorithmic"


def test_every_one_on_a_while_loop() -> None:
    m = _with("qubit[1] q; bit[1] c;\nc[0] = measure q[0];\nwhile (!c[0]) { h q[0]; c[0] = measure q[0]; }\n", "every", every=1)
    (b,) = boundaries(m)
    assert isinstance(b.parent_op(), scf.WhileOp)


def test_every_n_layers_in_straight_line_code() -> None:
    m = _with("qubit[1] q; bit[1] c;\n" + "x q[0];\n" * 9 + "c[0] = measure q[0];\n", "every", every=3)
    assert [b.label.data for b in boundaries(m)] == ["layer 3", "layer 6", "layer 9"]


def test_interval_uses_daly_spacing() -> None:
    # 100 x gates of 50 ns: the points sit every 50 ns over 5 us. q[0]'s bit
    # is a constant at every point, so a record costs only its fixed 10 ns;
    # with an MTBF of 1 us, Daly's tau is ~131 ns: one boundary per multiple.
    costs = DeviceCosts(record_fixed=10e-9, record_bit=1e-9)
    body = "qubit[1] q; bit[1] c;\n" + "x q[0];\n" * 100 + "c[0] = measure q[0];\n"
    m = module(body)
    bs = insert_boundaries(m, "interval", mtbf=1e-6, costs=costs)
    tau = daly_interval(costs.record(0), 1e-6)
    expected = int(99 * 50e-9 // tau)
    assert abs(len(bs) - expected) <= 1, (len(bs), expected, tau)
    assert len(boundaries(_with(body, "interval", mtbf=1e6))) == 0  # a reliable machine needs none


def test_annotated_pragma_and_loop() -> None:
    src = (
        "qubit[1] q; bit[1] c;\nh q[0];\nc[0] = measure q[0];\n"
        "#pragma qckpt checkpoint\nreset q[0];\n"
        "@qckpt.checkpoint\nfor int k in [0:3] { h q[0]; c[0] = measure q[0]; reset q[0]; }\n"
    )
    bs = boundaries(_with(src, "annotated"))
    assert sorted(b.kind.data for b in bs) == ["algorithmic", "user"]


def test_annotated_loop_with_quantum_carry_is_an_error() -> None:
    src = "qubit[2] q; bit[2] c;\nh q[1];\n@qckpt.checkpoint\nfor int k in [0:3] { cx q[1], q[0]; c[0] = measure q[0]; reset q[0]; }\nc = measure q;\n"
    with pytest.raises(QckptError, match="cannot be checkpointed at its iterations"):
        _with(src, "annotated")


def test_unknown_policy() -> None:
    with pytest.raises(QckptError, match="unknown checkpoint policy"):
        insert_boundaries(module("qubit q;\n"), "sometimes")


def _persisted(b: ckpt.BoundaryOp) -> dict[str, object]:
    return {n: v for n, v in b.named_values()}


def test_a_classical_qubit_bit_is_computed_from_measured_bits() -> None:
    # After cx on two measured qubits, q[1] holds m0 ^ m1: no SSA value holds
    # it, so the boundary persists an xori of the two, not a new measurement.
    m = module("qubit[2] q; bit[2] c; bit[1] out;\nh q[0]; h q[1];\nc[0] = measure q[0]; c[1] = measure q[1];\ncx q[0], q[1];\nout[0] = measure q[1];\n")
    (b,) = insert_boundaries(m, "exact")
    v = _persisted(b)["qubit:q[1]"]
    from xdsl.dialects import arith

    assert isinstance(v.owner, arith.XOrIOp)
    assert "qubit:q[0]" not in _persisted(b)  # never touched again: its bit is dead
    assert sum(isinstance(op, ckpt.BoundaryOp) for op in m.walk()) == 1


def test_a_bit_decided_inside_a_branch_is_measured() -> None:
    # q[1] is measured inside the branch: its bit exists only there, so the
    # boundary measures the (basis-state, hence undisturbed) qubit instead.
    from qckpt.dialects import qc

    m = module("qubit[2] q; bit[2] c; bit[1] out;\nh q[0]; c[0] = measure q[0];\nh q[1];\nif (c[0]) { c[1] = measure q[1]; } else { c[1] = measure q[1]; x q[1]; }\nh q[0];\nout[0] = measure q[1];\n")
    bs = insert_boundaries(m, "every", every=1)
    persisted = [_persisted(b).get("qubit:q[1]") for b in bs]
    measured = [v for v in persisted if v is not None and isinstance(v.owner, qc.MeasureOp)]
    assert measured, [b for b in bs]


def test_a_qubit_reset_next_needs_no_bit() -> None:
    m = module("qubit[1] q; bit[2] c;\nh q[0]; c[0] = measure q[0];\nreset q[0];\nh q[0]; c[1] = measure q[0];\n")
    for b in insert_boundaries(m, "every", every=1):
        assert not any(n.startswith("qubit:") for n, _ in b.named_values()), b


def test_every_n_on_a_while_loop_counts_iterations() -> None:
    m = module("qubit[2] q; bit[1] c;\nh q[0]; c[0] = measure q[0];\nwhile (c[0]) { reset q[0]; h q[0]; c[0] = measure q[0]; }\n")
    (b,) = insert_boundaries(m, "every", every=3)
    names = [n for n, _ in b.named_values()]
    assert "qckpt.iteration" in names
    loop = next(op for op in m.walk() if isinstance(op, scf.WhileOp))
    assert len(loop.results) == 2 and loop.after_region.block.args[-1] is _persisted(b)["qckpt.iteration"]


def test_every_boundary_keeps_its_analysis_after_outputs_are_deduplicated() -> None:
    # Each segment ends exact: one boundary per segment, each persisting only
    # the output bits decided since the one before, all keeping cut and cost.
    seg = "ry(0.3) q[1]; cx q[1], q[0]; m[{i}] = measure q[0]; reset q[0]; f[{i}] = measure q[1]; reset q[1];\n"
    m = module("qubit[2] q; bit[3] m; bit[3] f;\n" + "".join(seg.format(i=i) for i in range(3)))
    bs = insert_boundaries(m, "exact")
    assert len(bs) == 3 and all(b.replay_cost is not None and not b.cut for b in bs)
    outs = [sorted(n for n, _ in b.named_values() if n.startswith("out:")) for b in bs]
    assert outs == [["out:f[0]", "out:m[0]"], ["out:f[1]", "out:m[1]"], ["out:f[2]", "out:m[2]"]]
