// RUN: qckpt convert %s --emit stim | filecheck %s
// A Pauli controlled by a bit is one CX/CZ on a record target; by a parity,
// one per bit of the parity; by a negated parity, once unconditionally too.

builtin.module {
  func.func @main() {
    %r = qc.alloc "q" : !qc.reg<3>
    %a = qc.qubit %r[0 : i64] : !qc.reg<3>
    %b = qc.qubit %r[1 : i64] : !qc.reg<3>
    %c = qc.qubit %r[2 : i64] : !qc.reg<3>
    %true = arith.constant true
    qc.gate "h" %a
    qc.gate "h" %b
    %m0 = qc.measure %a
    %m1 = qc.measure %b
    scf.if %m1 {
      qc.gate "x" %c
    } else {
    }
    %p = arith.xori %m0, %m1 : i1
    scf.if %p {
      qc.gate "y" %c
    } else {
      qc.gate "z" %c
    }
    %n = arith.xori %p, %true : i1
    scf.if %n {
      qc.gate "z" %c
    } else {
    }
    %m2 = qc.measure %c
    qc.output "m" %m0, %m1, %m2 : i1, i1, i1
    func.return
  }
}

// CHECK:      H 0 1
// CHECK-NEXT: M 0 1
// CHECK-NEXT: CX rec[-1] 2
// CHECK-NEXT: CY rec[-2] 2 rec[-1] 2
// CHECK-NEXT: Z 2
// CHECK-NEXT: CZ rec[-2] 2 rec[-1] 2
// CHECK-NEXT: Z 2
// CHECK-NEXT: CZ rec[-2] 2 rec[-1] 2
// CHECK-NEXT: M 2
