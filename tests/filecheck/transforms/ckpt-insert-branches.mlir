// RUN: xdsl-opt %s -p 'ckpt-insert{policy=branches}' | filecheck %s
// policy=branches: a boundary right after each measurement whose outcome
// selects what runs next (here through an xor into an scf.if), none after
// a measurement that is only recorded (%m2). The Bell pair is still quantum
// there: replay boundaries whose cone is the pair's two gates. %s is
// measured again later, so its bit is recorded to re-prepare it.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<4>
  %a = qc.qubit %q[0] : !qc.reg<4>
  %b = qc.qubit %q[1] : !qc.reg<4>
  %s = qc.qubit %q[2] : !qc.reg<4>
  %t = qc.qubit %q[3] : !qc.reg<4>
  qc.gate "h" %a
  qc.gate "cx" %a, %b
  qc.gate "h" %s
  %m0 = qc.measure %s
  qc.gate "h" %t
  %m1 = qc.measure %t
  %m2 = qc.measure %s
  %x = arith.xori %m0, %m1 : i1
  scf.if %x {
    qc.gate "x" %b
  } else {
  }
  %r0 = qc.measure %a
  %r1 = qc.measure %b
  qc.output "c" %m2, %r0, %r1 : i1, i1, i1
  func.return
}

// CHECK:      %m0 = qc.measure %s
// CHECK-NEXT: ckpt.boundary 0 classicalized "branch" [%m0 as "m0" : i1, %m0 as "qubit:q[2]" : i1] cut [%a, %b] cost 2
// CHECK-NEXT: qc.gate "h" %t
// CHECK-NEXT: %m1 = qc.measure %t
// CHECK-NEXT: ckpt.boundary 1 classicalized "branch" [%m0 as "m0" : i1, %m1 as "m1" : i1, %m0 as "qubit:q[2]" : i1] cut [%a, %b] cost 2
// CHECK-NEXT: %m2 = qc.measure %s
// CHECK-NOT:  ckpt.boundary
