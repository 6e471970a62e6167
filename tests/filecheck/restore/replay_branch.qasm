// RUN: qckpt convert %s --checkpoint interval --mtbf 1e-7 --emit mlir | filecheck %s --check-prefix=IR
// RUN: qckpt convert %s --checkpoint interval --mtbf 1e-7 --record-mode streaming --resumable --runtime extern | filecheck %s
// Teleportation's feed-forward in a replay cone: after the corrections the
// boundary persists each branch's condition (cone-if:<k>) beside the
// measured outcomes (cone:<k>), and its resume block, once the
// post-selection matched, takes each recorded decision.
OPENQASM 3.0;
include "stdgates.inc";
qubit[3] q;
bit[2] m;
bit[1] out;
ry(0.8) q[0];
h q[1]; cx q[1], q[2]; cx q[0], q[1]; h q[0];
m[0] = measure q[0]; m[1] = measure q[1];
if (m[1]) x q[2];
if (m[0]) z q[2];
h q[2];
out[0] = measure q[2];

// IR:      ckpt.boundary 7 user "interval" [{{.*}}%[[M0:[0-9]+]] as "cone:0" : i1, %[[M1:[0-9]+]] as "cone:1" : i1, %[[M1]] as "cone-if:0" : i1, %[[M0]] as "cone-if:1" : i1] cut [%{{[0-9]+}}]
// IR-NOT:  ckpt.not_restorable

// CHECK:       ckpt.resume.7:
// CHECK:         [[IF0:%.*]] = call i1 @"qckpt_resume.7.cone-if:0"()
// CHECK-NEXT:    [[IF1:%.*]] = call i1 @"qckpt_resume.7.cone-if:1"()
// CHECK:         br i1 [[IF0]], label %[[THEN0:ckpt.replay.then[0-9]*]], label %[[ELSE0:ckpt.replay.else[0-9]*]]
// CHECK:       [[THEN0]]:
// CHECK-NEXT:    call void @__quantum__qis__x__body(ptr inttoptr (i64 2 to ptr))
// CHECK-NEXT:    br label %[[JOIN0:ckpt.replay.join[0-9]*]]
// CHECK:       [[JOIN0]]:
// CHECK-NEXT:    br i1 [[IF1]], label %[[THEN1:ckpt.replay.then[0-9]*]], label %{{ckpt.replay.else[0-9]*}}
// CHECK:       [[THEN1]]:
// CHECK-NEXT:    call void @__quantum__qis__z__body(ptr inttoptr (i64 2 to ptr))
