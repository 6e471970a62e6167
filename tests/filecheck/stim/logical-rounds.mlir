// RUN: xdsl-opt %s -p qec-recognize-rounds -o %t.mlir && qckpt convert %t.mlir --emit stim | filecheck %s
// Detectors, observables and logical boundaries on stim: a detector that
// compares two rounds addresses the previous round from the end of the
// record, so every round lowers the same and the loop stays a REPEAT; each
// round end is a tagged TICK the logical-checkpoint runtime cuts at.
func.func @main() {
  %q = qc.alloc "q" : !qc.reg<3>
  %d0 = qc.qubit %q[0] : !qc.reg<3>
  %a = qc.qubit %q[1] : !qc.reg<3>
  %d1 = qc.qubit %q[2] : !qc.reg<3>
  qc.gate "cx" %d0, %a
  qc.gate "cx" %d1, %a
  %m0 = qc.measure %a
  qc.reset %a
  ckpt.detector [%m0] coords [1.0, 0.0]
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  %last = scf.for %r = %c0 to %c4 step %c1 iter_args(%prev = %m0) -> (i1) {
    qc.gate "cx" %d0, %a
    qc.gate "cx" %d1, %a
    %m = qc.measure %a
    qc.reset %a
    ckpt.detector [%m, %prev]
    scf.yield %m : i1
  }
  %f0 = qc.measure %d0
  %f1 = qc.measure %d1
  ckpt.detector [%f0, %f1, %last]
  ckpt.observable 0 [%f0]
  func.return
}

// CHECK:      M 1
// CHECK-NEXT: R 1
// CHECK-NEXT: DETECTOR(1, 0) rec[-1]
// CHECK-NEXT: TICK[logical:0]
// CHECK-NEXT: REPEAT 4 {
// CHECK:          M 1
// CHECK-NEXT:     R 1
// CHECK-NEXT:     DETECTOR rec[-1] rec[-2]
// CHECK-NEXT:     TICK[logical:1]
// CHECK-NEXT: }
// CHECK-NEXT: M 0 2
// CHECK-NEXT: DETECTOR rec[-1] rec[-2] rec[-3]
// CHECK-NEXT: OBSERVABLE_INCLUDE(0) rec[-2]
