// RUN: qckpt convert %s --emit stim | filecheck %s
// Iterations that lower to the same instructions (records addressed from
// the end of the record) fold into REPEAT; an iteration that differs (here
// the first, whose correction depends on a constant) stays outside.

builtin.module {
  func.func @main() {
    %r = qc.alloc "q" : !qc.reg<2>
    %d = qc.qubit %r[0 : i64] : !qc.reg<2>
    %a = qc.qubit %r[1 : i64] : !qc.reg<2>
    %false = arith.constant false
    %lb = arith.constant 0 : index
    %ub = arith.constant 5 : index
    %one = arith.constant 1 : index
    %last = scf.for %i = %lb to %ub step %one iter_args(%prev = %false) -> (i1) {
      qc.reset %a
      qc.gate "cx" %d, %a
      %m = qc.measure %a
      scf.if %prev {
        qc.gate "x" %d
      } else {
      }
      scf.yield %m : i1
    }
    qc.output "last" %last : i1
    func.return
  }
}

// CHECK:      R 1
// CHECK-NEXT: CX 0 1
// CHECK-NEXT: M 1
// CHECK-NEXT: REPEAT 4 {
// CHECK-NEXT:     R 1
// CHECK-NEXT:     CX 0 1
// CHECK-NEXT:     M 1
// CHECK-NEXT:     CX rec[-2] 0
// CHECK-NEXT: }
// CHECK-NOT:  M
