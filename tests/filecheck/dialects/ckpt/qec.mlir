// RUN: %roundtrip | filecheck %s
// RUN: %roundtrip-generic | filecheck %s
// RUN: xdsl-opt %s -p dce,cse | filecheck %s --check-prefix=KEPT

// Detectors and logical observables: parities of measured bits, one of
// them carried from the previous round as a loop-carried value.
func.func @main() {
  %q = qc.alloc "q" : !qc.reg<3>
  %a = qc.qubit %q[0] : !qc.reg<3>
  %m0 = qc.measure %a
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  %last = scf.for %r = %c0 to %c4 step %c1 iter_args(%prev = %m0) -> (i1) {
    qc.reset %a
    %m = qc.measure %a
    ckpt.detector [%m, %prev] coords [1.0, 0.5]
    scf.yield %m : i1
  }
  ckpt.detector [%last]
  ckpt.observable 0 [%m0, %last]
  func.return
}

// CHECK:      %{{.*}} = scf.for
// CHECK:        ckpt.detector [%{{.*}}, %{{.*}}] coords [1.0, 0.5]
// CHECK:      ckpt.detector [%{{.*}}]
// CHECK-NEXT: ckpt.observable 0 [%{{.*}}, %{{.*}}]

// dce and cse keep them: they have no results, and stand for checks the decoder needs.
// KEPT: ckpt.detector [%{{.*}}, %{{.*}}] coords [1.0, 0.5]
// KEPT: ckpt.detector
// KEPT: ckpt.observable 0
