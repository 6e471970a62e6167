// RUN: qckpt convert %s | filecheck %s
// RUN: qckpt convert %s -o %t.ll && qckpt check-qir %t.ll | filecheck %s --check-prefix=CONFORMS
// scf.index_switch becomes an LLVM switch and the module declares
// multiple_target_branching.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %q0 = qc.qubit %q[0] : !qc.reg<2>
  %q1 = qc.qubit %q[1] : !qc.reg<2>
  qc.gate "h" %q0
  qc.gate "h" %q1
  %a = qc.measure %q0
  %b = qc.measure %q1
  %ai = arith.extui %a : i1 to i64
  %bi = arith.extui %b : i1 to i64
  %one = arith.constant 1 : i64
  %bs = arith.shli %bi, %one : i64
  %v = arith.ori %ai, %bs : i64
  %sel = arith.index_cast %v : i64 to index
  scf.index_switch %sel
  case 1 {
    qc.gate "x" %q0
    scf.yield
  }
  case 2 {
    qc.gate "x" %q1
    scf.yield
  }
  default {
    scf.yield
  }
  %c0 = qc.measure %q0
  %c1 = qc.measure %q1
  qc.output "c" %c0, %c1 : i1, i1
  func.return
}

// CHECK:       [[V:%.*]] = or i64
// CHECK-NEXT:  switch i64 [[V]], label %[[DEF:default.[0-9]+]] [
// CHECK-NEXT:    i64 1, label %[[C1:case1.[0-9]+]]
// CHECK-NEXT:    i64 2, label %[[C2:case2.[0-9]+]]
// CHECK-NEXT:  ]
// CHECK:       [[DEF]]:
// CHECK:       [[C1]]:
// CHECK-NEXT:    call void @__quantum__qis__x__body(ptr null)
// CHECK:       [[C2]]:
// CHECK-NEXT:    call void @__quantum__qis__x__body(ptr inttoptr (i64 1 to ptr))
// CHECK:       !{i32 1, !"multiple_target_branching", i1 true}
// CONFORMS: conforms (no errors, extensions or warnings)
