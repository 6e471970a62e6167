// RUN: qckpt convert %s --checkpoint interval --mtbf 1e-7 --emit mlir | filecheck %s --check-prefix=IR
// RUN: qckpt convert %s --checkpoint interval --mtbf 1e-7 --record-mode streaming --resumable --runtime extern | filecheck %s
// RUN: qckpt convert %s --checkpoint interval --mtbf 1e-7 --record-mode streaming --resumable --runtime extern | filecheck %s --check-prefix=UNCAPPED
// A replay boundary after an inlined `def`: the subroutine's measurement is
// in the cone of q[1], so the boundary persists its outcome (cone:0) and the
// resume block re-runs the cone, post-selecting that measurement to it,
// retrying after a reset of the cone's qubits until it matches: no try
// counter, no give-up block (a cap would bias restoration against rare
// recorded outcomes, docs/restoration.md).
OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[1] a;
bit[1] b;
def entangle(qubit x, qubit y) -> bit {
  h x;
  cx x, y;
  return measure x;
}
a[0] = entangle(q[0], q[1]);
h q[1];
b[0] = measure q[1];

// IR:      %[[M:.*]] = qc.measure %[[Q0:[0-9]+]]
// IR-NEXT: ckpt.boundary [[ID:[0-9]+]] user "interval" [{{.*}}%[[M]] as "cone:0" : i1] cut [%[[Q1:[0-9]+]]] cost {{[0-9]+}}

// CHECK:         [[REC:%.*]] = call i1 @"qckpt_resume.{{[0-9]+}}.cone:0"()
// CHECK-NEXT:    br label %[[BODY:ckpt.replay.body[0-9]*]]
// CHECK:       [[BODY]]:
// CHECK-NEXT:    call void @__quantum__qis__h__body(ptr null)
// CHECK-NEXT:    call void @__quantum__qis__cx__body(ptr null, ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT:    call void @__quantum__qis__mz__body(ptr null, ptr inttoptr (i64 [[R:[0-9]+]] to ptr))
// CHECK-NEXT:    [[GOT:%.*]] = call i1 @__quantum__rt__read_result(ptr inttoptr (i64 [[R]] to ptr))
// CHECK-NEXT:    [[MISS:%.*]] = xor i1 [[GOT]], [[REC]]
// CHECK-NEXT:    br i1 [[MISS]], label %[[RETRY:ckpt.replay.retry[0-9]*]], label %[[MATCH:ckpt.replay.match[0-9]*]]
// CHECK:       [[RETRY]]:
// CHECK-NEXT:    call void @__quantum__qis__reset__body(ptr null)
// CHECK-NEXT:    call void @__quantum__qis__reset__body(ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT:    br label %[[BODY]]
// CHECK:       [[MATCH]]:
// q[0] is outside the cut: reset after the replay (q[1] keeps its state).
// CHECK-NEXT:    call void @__quantum__qis__reset__body(ptr null)

// UNCAPPED-NOT: ckpt.replay.failed
// UNCAPPED-NOT: ckpt.replay.head
// UNCAPPED-NOT: qckpt.replay_failed
// UNCAPPED-NOT: multiple_return_points", i1 true
