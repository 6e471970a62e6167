// RUN: %roundtrip | filecheck %s
// RUN: %roundtrip-generic | filecheck %s
// RUN: xdsl-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC
// RUN: xdsl-opt %s -p dce,cse | filecheck %s --check-prefix=KEPT

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %q0 = qc.qubit %q[0] : !qc.reg<2>
  %q1 = qc.qubit %q[1] : !qc.reg<2>
  %n = arith.constant 3 : i64
  qc.gate "h" %q0
  %m = qc.measure %q0
  ckpt.boundary 0 classicalized "after-measure" [%m as "m" : i1, %n as "n" : i64]
  qc.gate "h" %q1
  ckpt.boundary 1 user "mid" [] cut [%q1] cost 1
  ckpt.boundary 2 user "again" []
  ckpt.boundary 2 user "again" []
  func.return
}

// CHECK:      %m = qc.measure %q0
// CHECK-NEXT: ckpt.boundary 0 classicalized "after-measure" [%m as "m" : i1, %n as "n" : i64]
// CHECK-NEXT: qc.gate "h" %q1
// CHECK-NEXT: ckpt.boundary 1 user "mid" [] cut [%q1] cost 1

// GENERIC: "ckpt.boundary"(%m, %n) <{boundary_id = 0 : i64, kind = "classicalized", label = "after-measure", names = ["m", "n"], operandSegmentSizes = array<i32: 2, 0>}> : (i1, i64) -> ()
// GENERIC: "ckpt.boundary"(%q1) <{boundary_id = 1 : i64, kind = "user", label = "mid", names = [], replay_cost = 1 : i64, operandSegmentSizes = array<i32: 0, 1>}> : (!qc.qubit) -> ()

// Boundaries have effects: dead-code elimination and CSE keep every one,
// even two identical ones in a row.
// KEPT:      ckpt.boundary 0
// KEPT:      ckpt.boundary 1
// KEPT:      ckpt.boundary 2 user "again" []
// KEPT-NEXT: ckpt.boundary 2 user "again" []
