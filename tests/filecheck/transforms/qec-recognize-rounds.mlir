// RUN: xdsl-opt %s --split-input-file -p qec-recognize-rounds | filecheck %s

// A repetition-code memory as stim writes it: the first round before the
// loop, the other rounds in it. Both round ends become logical boundaries,
// the one in the loop persisting the round counter.
func.func @main() {
  %q = qc.alloc "q" : !qc.reg<3>
  %d0 = qc.qubit %q[0] : !qc.reg<3>
  %a = qc.qubit %q[1] : !qc.reg<3>
  %d1 = qc.qubit %q[2] : !qc.reg<3>
  qc.gate "cx" %d0, %a
  qc.gate "cx" %d1, %a
  %m0 = qc.measure %a
  qc.reset %a
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
  func.return
}

// CHECK-LABEL: func.func @main
// CHECK:         qc.reset
// CHECK:         ckpt.boundary 0 logical "round" []
// CHECK-NEXT:    %{{.*}} = scf.for %[[R:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args
// CHECK:           ckpt.detector
// CHECK-NEXT:      ckpt.boundary 1 logical "round" [%[[R]] as "round" : index]
// CHECK-NEXT:      scf.yield

// -----

// Not a round: the loop measures a qubit it never resets (a measurement
// that is a program output, not an ancilla reused each round).
func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %d = qc.qubit %q[0] : !qc.reg<2>
  %a = qc.qubit %q[1] : !qc.reg<2>
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  scf.for %r = %c0 to %c4 step %c1 {
    qc.gate "cx" %d, %a
    %m = qc.measure %a
  }
  func.return
}

// CHECK-LABEL: func.func @main
// CHECK-NOT:   ckpt.boundary

// -----

// Not a round: reset and measured, but never entangled with a data qubit.
func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %a = qc.qubit %q[1] : !qc.reg<2>
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  scf.for %r = %c0 to %c4 step %c1 {
    qc.reset %a
    qc.gate "h" %a
    %m = qc.measure %a
  }
  func.return
}

// CHECK-LABEL: func.func @main
// CHECK-NOT:   ckpt.boundary
