// RUN: xdsl-opt %s -p 'ckpt-insert{policy=exact}' | filecheck %s
// RUN: xdsl-opt %s -p 'ckpt-analyze-boundaries,ckpt-insert{policy=exact}' | filecheck %s
// After the ancilla's measurement the quantum cut stays empty to the end:
// one run of exact points, so one boundary, at the run's end. As a value
// %m is no longer needed there, but q[1] is classical with bit %m (the
// conditional x), and re-preparing it needs that bit.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %a = qc.qubit %q[0] : !qc.reg<2>
  %b = qc.qubit %q[1] : !qc.reg<2>
  qc.gate "h" %a
  %m = qc.measure %a
  qc.reset %a
  scf.if %m {
    qc.gate "x" %b
  }
  %r = qc.measure %b
  qc.output "c" %r : i1
  func.return
}

// CHECK:      %m = qc.measure %a
// CHECK-NEXT: qc.reset %a
// CHECK-NEXT: scf.if %m {
// CHECK-NEXT:   qc.gate "x" %b
// CHECK:      ckpt.boundary 0 classicalized "exact" [%m as "qubit:q[1]" : i1] cut [] cost 0
// CHECK-NEXT: %r = qc.measure %b
// CHECK-NOT:  ckpt.boundary
