// RUN: xdsl-opt %s -p 'qc-reuse-qubits' --split-input-file | filecheck %s
// RUN: xdsl-opt %s -p 'qc-reuse-qubits{objective=depth}' --split-input-file | filecheck %s --check-prefix=DEPTH

// Bernstein-Vazirani, secret 101, on 4 logical qubits: each data qubit is
// measured as soon as it is done and its physical qubit handed to the next,
// so 2 physical qubits suffice (the lower bound: each data qubit meets the
// ancilla). The data qubits that meet the ancilla go first (starting them
// lets the ancilla's work go on); while the ancilla is quantum a reuse point
// is a replay boundary whose cut is the ancilla, and once its last gate is
// done the next one is exact, and its physical qubit goes to d1.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<4>
  %d0 = qc.qubit %q[0] : !qc.reg<4>
  %d1 = qc.qubit %q[1] : !qc.reg<4>
  %d2 = qc.qubit %q[2] : !qc.reg<4>
  %anc = qc.qubit %q[3] : !qc.reg<4>
  qc.gate "x" %anc
  qc.gate "h" %anc
  qc.gate "h" %d0
  qc.gate "h" %d1
  qc.gate "h" %d2
  qc.gate "cx" %d0, %anc
  qc.gate "cx" %d2, %anc
  qc.gate "h" %d0
  qc.gate "h" %d1
  qc.gate "h" %d2
  %c0 = qc.measure %d0
  %c1 = qc.measure %d1
  %c2 = qc.measure %d2
  qc.output "c" %c0, %c1, %c2 : i1, i1, i1
  func.return
}

// CHECK:      func.func @main() attributes {qckpt.reuse = {logical = 4 : i64, width = 2 : i64, lower_bound = 2 : i64, depth = 12 : i64}}
// CHECK-NEXT:   %0 = qc.alloc "q" : !qc.reg<2>
// CHECK-NEXT:   %[[A:.*]] = qc.qubit %0[0 : i64] : !qc.reg<2>
// CHECK-NEXT:   %[[P:.*]] = qc.qubit %0[1 : i64] : !qc.reg<2>
// CHECK-NEXT:   qc.gate "x" %[[A]]
// CHECK-NEXT:   qc.gate "h" %[[A]]
// CHECK-NEXT:   qc.gate "h" %[[P]]
// CHECK-NEXT:   qc.gate "cx" %[[P]], %[[A]]
// CHECK-NEXT:   qc.gate "h" %[[P]]
// CHECK-NEXT:   %[[C0:.*]] = qc.measure %[[P]]
// CHECK-NEXT:   ckpt.boundary 0 classicalized "reuse" [{{.*}}] cut [%[[A]]]
// CHECK-NEXT:   qc.reset %[[P]]
// CHECK-NEXT:   qc.gate "h" %[[P]]
// CHECK-NEXT:   qc.gate "cx" %[[P]], %[[A]]
// CHECK-NEXT:   qc.gate "h" %[[P]]
// CHECK-NEXT:   %[[C2:.*]] = qc.measure %[[P]]
// CHECK-NEXT:   ckpt.boundary 1 classicalized "reuse" [{{.*}}] cut [] cost 0
// CHECK-NEXT:   qc.reset %[[A]]
// CHECK-NEXT:   qc.gate "h" %[[A]]
// CHECK-NEXT:   qc.gate "h" %[[A]]
// CHECK-NEXT:   %[[C1:.*]] = qc.measure %[[A]]
// CHECK-NEXT:   qc.output "c" %[[C0]], %[[C1]], %[[C2]] : i1, i1, i1

// objective=depth keeps the critical path (6 layers): within it the data
// qubits overlap, so nothing is reused here.
// DEPTH:      qckpt.reuse = {logical = 4 : i64, width = 4 : i64, lower_bound = 2 : i64, depth = 6 : i64}
// DEPTH-NOT:  qc.reset

// -----

// Two Bell pairs, one after the other, run on the first pair's qubits.
// When the first pair is measured no qubit holds quantum state: the first
// reuse point is an exact boundary (empty cut). A physical qubit is reset
// when its new occupant starts, so at the second one the new pair's first
// qubit is already quantum: a replay boundary.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<4>
  %a = qc.qubit %q[0] : !qc.reg<4>
  %b = qc.qubit %q[1] : !qc.reg<4>
  %c = qc.qubit %q[2] : !qc.reg<4>
  %d = qc.qubit %q[3] : !qc.reg<4>
  qc.gate "h" %a
  qc.gate "cx" %a, %b
  %m0 = qc.measure %a
  %m1 = qc.measure %b
  qc.gate "h" %c
  qc.gate "cx" %c, %d
  %m2 = qc.measure %c
  %m3 = qc.measure %d
  qc.output "c" %m0, %m1, %m2, %m3 : i1, i1, i1, i1
  func.return
}

// CHECK:      qckpt.reuse = {logical = 4 : i64, width = 2 : i64, lower_bound = 2 : i64
// CHECK:      %m1 = qc.measure
// CHECK-NEXT: ckpt.boundary 0 classicalized "reuse" [{{.*}}] cut [] cost 0
// CHECK-NEXT: qc.reset %[[A:.*]]
// CHECK-NEXT: qc.gate "h" %[[A]]
// CHECK-NEXT: ckpt.boundary 1 classicalized "reuse" [] cut [%[[A]]] cost 1
// CHECK-NEXT: qc.reset %[[B:.*]]
// CHECK-NEXT: qc.gate "cx" %[[A]], %[[B]]
// objective=depth runs the two independent pairs side by side (depth 3).
// DEPTH:      qckpt.reuse = {logical = 4 : i64, width = 4 : i64, lower_bound = 2 : i64, depth = 3 : i64}
// DEPTH-NOT:  qc.reset
