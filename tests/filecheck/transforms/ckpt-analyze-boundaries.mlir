// RUN: xdsl-opt %s -p ckpt-analyze-boundaries | filecheck %s
// The analysis fills in the quantum cut and replay cost of an existing
// boundary, and lists every candidate point on the function.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %q0 = qc.qubit %q[0] : !qc.reg<2>
  %q1 = qc.qubit %q[1] : !qc.reg<2>
  qc.gate "h" %q0
  qc.gate "cx" %q0, %q1
  %m = qc.measure %q0
  ckpt.boundary 0 user "after-measure" [%m as "m" : i1]
  %r = qc.measure %q1
  qc.output "c" %m, %r : i1, i1
  func.return
}

// CHECK:      func.func @main() attributes {ckpt.candidates = [
// CHECK-SAME: {index = 0 : i64, kind = "classicalized", exact = 1 : i64, cut = [], classical_qubits = [], live_values = 0 : i64, record_bits = 0 : i64, replay_cost = 0 : i64}
// q[1] still carries history: its cone is h, cx and the measurement of q[0].
// CHECK:      ckpt.boundary 0 user "after-measure" [%m as "m" : i1] cut [%q1] cost 3
