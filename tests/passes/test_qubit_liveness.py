"""Qubit liveness (``qckpt.passes.qubit_liveness``) on hand-checked programs:
a qubit is live before an operation when some path from there uses it
before resetting it."""

from __future__ import annotations

from xdsl.dialects import scf

from qckpt.dialects import qc
from qckpt.ir import entry_function
from qckpt.passes.qubit_liveness import qubit_liveness
from qckpt.pipeline import lower_to_target, parse_mlir, qasm_to_module

HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'


def setup(body: str):
    fn = entry_function(lower_to_target(qasm_to_module(HEAD + body, "t.qasm")), "main")
    qubits = {f"q[{op.index.value.data}]": op.qubit for op in fn.walk() if isinstance(op, qc.QubitOp)}
    return fn, qubits, qubit_liveness(fn)


def live_set(live, op, qubits) -> set[str]:
    return {name for name, q in qubits.items() if live.live_before(op, q)}


def test_straight_line_reset_and_last_use() -> None:
    fn, qs, live = setup("qubit[3] q; bit[1] c;\nh q[0]; cx q[0], q[1]; h q[2];\nreset q[0];\nh q[0];\nc[0] = measure q[1];\n")
    ops = [op for op in fn.body.block.ops if isinstance(op, (qc.GateOp, qc.ResetOp, qc.MeasureOp))]
    h2, reset0, h0_again, measure1 = ops[2], ops[3], ops[4], ops[5]
    # q[2] is never used after its h; q[0]'s next operation is a reset.
    assert live_set(live, h2, qs) == {"q[1]", "q[2]"}
    assert live_set(live, reset0, qs) == {"q[1]"}
    assert live_set(live, h0_again, qs) == {"q[0]", "q[1]"}
    assert live_set(live, measure1, qs) == {"q[1]"}


def test_branch_use_on_one_path_is_live() -> None:
    fn, qs, live = setup("qubit[2] q; bit[1] c;\nh q[0];\nc[0] = measure q[0];\nh q[1];\nif (c[0]) { x q[1]; } else { reset q[1]; }\nreset q[1];\n")
    (branch,) = [op for op in fn.body.block.ops if isinstance(op, scf.IfOp)]
    assert live_set(live, branch, qs) == {"q[1]"}


def test_loop_carries_liveness_around_its_back_edge() -> None:
    text = """
func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %a = qc.qubit %q[0] : !qc.reg<2>
  %b = qc.qubit %q[1] : !qc.reg<2>
  %lo = arith.constant 0 : index
  %hi = arith.constant 3 : index
  %one = arith.constant 1 : index
  scf.for %i = %lo to %hi step %one {
    qc.gate "cx" %a, %b
    qc.reset %a
    qc.gate "h" %a
    scf.yield
  }
  %r = qc.measure %b
  qc.output "c" %r : i1
  func.return
}
"""
    fn = entry_function(parse_mlir(text), "main")
    qs = {f"q[{op.index.value.data}]": op.qubit for op in fn.walk() if isinstance(op, qc.QubitOp)}
    live = qubit_liveness(fn)
    (loop,) = [op for op in fn.body.block.ops if isinstance(op, scf.ForOp)]
    body = list(loop.body.block.ops)
    # At each iteration start %a is used by the cx; between the cx and the
    # reset it is dead; the h's state is read by the next iteration's cx (the
    # back edge), so %a is live at the yield.
    assert live_set(live, loop, qs) == {"q[0]", "q[1]"}
    assert live_set(live, body[0], qs) == {"q[0]", "q[1]"}
    assert live_set(live, body[1], qs) == {"q[1]"}
    assert live_set(live, body[2], qs) == {"q[0]", "q[1]"}
    assert live_set(live, body[3], qs) == {"q[0]", "q[1]"}


def test_while_body_that_starts_with_a_reset() -> None:
    text = """
func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %a = qc.qubit %q[0] : !qc.reg<2>
  %b = qc.qubit %q[1] : !qc.reg<2>
  qc.gate "h" %a
  %m0 = qc.measure %a
  %done = scf.while (%again = %m0) : (i1) -> i1 {
    scf.condition(%again) %again : i1
  } do {
  ^bb0(%c: i1):
    qc.reset %a
    qc.gate "h" %a
    qc.gate "cx" %a, %b
    %m = qc.measure %b
    qc.reset %b
    scf.yield %m : i1
  }
  %r = qc.measure %a
  qc.output "c" %done, %r : i1, i1
  func.return
}
"""
    fn = entry_function(parse_mlir(text), "main")
    qs = {f"q[{op.index.value.data}]": op.qubit for op in fn.walk() if isinstance(op, qc.QubitOp)}
    live = qubit_liveness(fn)
    (loop,) = [op for op in fn.body.block.ops if isinstance(op, scf.WhileOp)]
    first = loop.after_region.block.first_op
    # Inside the body (the loop went on) %a is reset first: dead. Before the
    # loop it is live: the loop may exit at once, and %a is measured after it.
    # %b is live throughout (its next use is the cx).
    assert live_set(live, first, qs) == {"q[1]"}
    assert live_set(live, loop, qs) == {"q[0]", "q[1]"}
