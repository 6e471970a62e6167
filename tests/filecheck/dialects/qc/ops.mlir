// RUN: %roundtrip | filecheck %s
// RUN: %roundtrip-generic | filecheck %s
// RUN: xdsl-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<3>
  %q0 = qc.qubit %q[0] : !qc.reg<3>
  %q1 = qc.qubit %q[1] : !qc.reg<3>
  %q2 = qc.qubit %q[2] : !qc.reg<3>
  %theta = arith.constant 0.25 : f64
  qc.gate "h" %q0
  qc.gate "rx"(%theta) %q1
  qc.gate "u"(%theta, %theta, %theta) %q2
  qc.gate "ccx" %q0, %q1, %q2
  qc.barrier %q0, %q1, %q2
  %b0 = qc.measure %q0
  qc.reset %q0
  %b1 = qc.measure %q1
  scf.if %b0 {
    qc.gate "x" %q2
  }
  qc.output "c" %b0, %b1 : i1, i1
  func.return
}

// CHECK:      %q = qc.alloc "q" : !qc.reg<3>
// CHECK-NEXT: %q0 = qc.qubit %q[0 : i64] : !qc.reg<3>
// CHECK:      qc.gate "h" %q0
// CHECK-NEXT: qc.gate "rx"(%theta) %q1
// CHECK-NEXT: qc.gate "u"(%theta, %theta, %theta) %q2
// CHECK-NEXT: qc.gate "ccx" %q0, %q1, %q2
// CHECK-NEXT: qc.barrier %q0, %q1, %q2
// CHECK-NEXT: %b0 = qc.measure %q0
// CHECK-NEXT: qc.reset %q0
// CHECK-NEXT: %b1 = qc.measure %q1
// CHECK-NEXT: scf.if %b0 {
// CHECK-NEXT:   qc.gate "x" %q2
// CHECK:      qc.output "c" %b0, %b1 : i1, i1

// GENERIC: "qc.alloc"() <{reg_name = "q"}> : () -> !qc.reg<3>
// GENERIC: "qc.gate"(%theta, %q1) <{gate = "rx", operandSegmentSizes = array<i32: 1, 1>}> : (f64, !qc.qubit) -> ()
// GENERIC: "qc.measure"(%q0) : (!qc.qubit) -> i1
// GENERIC: "qc.output"(%b0, %b1) <{label = "c"}> : (i1, i1) -> ()
