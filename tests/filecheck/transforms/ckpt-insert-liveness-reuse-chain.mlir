// RUN: xdsl-opt %s -p 'ckpt-insert{policy=every every=1}' | filecheck %s
// A reuse chain: %b is measured and reset, then reused; %a is discarded
// (reset without a measurement) and reused. Between its last gate and its
// reset %a is dead: the boundaries there cut only %b, the live qubit
// entangled with it (the cone still re-runs %a's gates: they made %b's state).

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %a = qc.qubit %q[0] : !qc.reg<2>
  %b = qc.qubit %q[1] : !qc.reg<2>
  qc.gate "h" %a
  qc.gate "cx" %a, %b
  %m0 = qc.measure %b
  qc.reset %b
  qc.gate "cx" %a, %b
  qc.gate "h" %a
  qc.reset %a
  qc.gate "h" %a
  %m1 = qc.measure %b
  %m2 = qc.measure %a
  qc.output "c" %m0, %m1, %m2 : i1, i1, i1
  func.return
}

// CHECK:      qc.reset %b
// CHECK-NEXT: ckpt.boundary 3
// CHECK-NEXT: qc.gate "cx" %a, %b
// CHECK-NEXT: ckpt.boundary 4 layer "layer 5" [%m0 as "cone:0" : i1] cut [%a, %b] cost 4
// CHECK-NEXT: qc.gate "h" %a
// CHECK-NEXT: ckpt.boundary 5 layer "layer 6" [%m0 as "cone:0" : i1] cut [%b] cost 5
// CHECK-NEXT: qc.reset %a
// CHECK-NEXT: ckpt.boundary 6 layer "layer 7" [%m0 as "cone:0" : i1] cut [%b] cost 5
// CHECK-NEXT: qc.gate "h" %a
// CHECK-NEXT: ckpt.boundary 7 layer "layer 8" [%m0 as "cone:0" : i1] cut [%a, %b] cost 6
