// RUN: xdsl-opt %s -p 'qc-reuse-qubits{boundaries=false}' --split-input-file | filecheck %s

// Gates that commute on a qubit keep no order there: a run of gates that are
// all block-diagonal on a qubit (a cz, an rz, the control of a cx) may be
// scheduled in any order, before the qubit's next other gate.
//
// A graph state on a ring of 6, its cz gates in an order that would keep
// every qubit alive at once: they commute, so the schedule walks the ring,
// starting next the qubit with most work pending on live qubits, and 3
// physical qubits suffice (the first qubit waits for the ring to close).
// 3 is also the lower bound: on a ring each qubit meets two others.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<6>
  %a = qc.qubit %q[0] : !qc.reg<6>
  %b = qc.qubit %q[1] : !qc.reg<6>
  %c = qc.qubit %q[2] : !qc.reg<6>
  %d = qc.qubit %q[3] : !qc.reg<6>
  %e = qc.qubit %q[4] : !qc.reg<6>
  %f = qc.qubit %q[5] : !qc.reg<6>
  qc.gate "h" %a
  qc.gate "h" %b
  qc.gate "h" %c
  qc.gate "h" %d
  qc.gate "h" %e
  qc.gate "h" %f
  qc.gate "cz" %a, %b
  qc.gate "cz" %c, %d
  qc.gate "cz" %e, %f
  qc.gate "cz" %b, %c
  qc.gate "cz" %d, %e
  qc.gate "cz" %f, %a
  %m0 = qc.measure %a
  %m1 = qc.measure %b
  %m2 = qc.measure %c
  %m3 = qc.measure %d
  %m4 = qc.measure %e
  %m5 = qc.measure %f
  qc.output "c" %m0, %m1, %m2, %m3, %m4, %m5 : i1, i1, i1, i1, i1, i1
  func.return
}

// CHECK:      qckpt.reuse = {logical = 6 : i64, width = 3 : i64, lower_bound = 3 : i64
// CHECK-NEXT:   %0 = qc.alloc "q" : !qc.reg<3>
// CHECK-NEXT:   %[[P0:.*]] = qc.qubit %0[0 : i64]
// CHECK-NEXT:   %[[P1:.*]] = qc.qubit %0[1 : i64]
// CHECK-NEXT:   %[[P2:.*]] = qc.qubit %0[2 : i64]
// CHECK-NEXT:   qc.gate "h" %[[P0]]
// CHECK-NEXT:   qc.gate "h" %[[P1]]
// CHECK-NEXT:   qc.gate "cz" %[[P0]], %[[P1]]
// CHECK-NEXT:   qc.gate "h" %[[P2]]
// CHECK-NEXT:   qc.gate "cz" %[[P1]], %[[P2]]
// CHECK-NEXT:   %m1 = qc.measure %[[P1]]
// CHECK-NEXT:   qc.reset %[[P1]]
// CHECK-NEXT:   qc.gate "h" %[[P1]]
// CHECK-NEXT:   qc.gate "cz" %[[P2]], %[[P1]]
// CHECK-NEXT:   %m2 = qc.measure %[[P2]]
// CHECK:        %m4 = qc.measure
// CHECK-NEXT:   qc.gate "cz" %[[P1]], %[[P0]]
// CHECK-NEXT:   %m0 = qc.measure %[[P0]]
// CHECK-NEXT:   %m5 = qc.measure %[[P1]]

// -----

// One control fanning out to three targets: the three cx commute on the
// control, so each target is measured and its qubit reused before the next
// starts. The last gate uses the control as a target: it stays after all
// three.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<4>
  %a = qc.qubit %q[0] : !qc.reg<4>
  %b = qc.qubit %q[1] : !qc.reg<4>
  %c = qc.qubit %q[2] : !qc.reg<4>
  %d = qc.qubit %q[3] : !qc.reg<4>
  qc.gate "h" %a
  qc.gate "cx" %a, %b
  qc.gate "cx" %a, %c
  qc.gate "cx" %a, %d
  qc.gate "cx" %b, %a
  %m0 = qc.measure %a
  %m1 = qc.measure %b
  %m2 = qc.measure %c
  %m3 = qc.measure %d
  qc.output "c" %m0, %m1, %m2, %m3 : i1, i1, i1, i1
  func.return
}

// CHECK:      qckpt.reuse = {logical = 4 : i64, width = 2 : i64, lower_bound = 2 : i64
// CHECK:        qc.gate "h" %[[C:.*]]
// CHECK-NEXT:   qc.gate "cx" %[[C]], %[[T:.*]]
// CHECK-NEXT:   %m3 = qc.measure %[[T]]
// CHECK-NEXT:   qc.reset %[[T]]
// CHECK-NEXT:   qc.gate "cx" %[[C]], %[[T]]
// CHECK-NEXT:   %m2 = qc.measure %[[T]]
// CHECK-NEXT:   qc.reset %[[T]]
// CHECK-NEXT:   qc.gate "cx" %[[C]], %[[T]]
// CHECK-NEXT:   qc.gate "cx" %[[T]], %[[C]]
// CHECK-NEXT:   %m1 = qc.measure %[[T]]
// CHECK-NEXT:   %m0 = qc.measure %[[C]]
