// RUN: qckpt convert %s --checkpoint every --emit mlir | filecheck %s --check-prefix=IR
// RUN: qckpt convert %s --checkpoint every --record-mode streaming --resumable --runtime extern | filecheck %s
// The iteration boundary of a constant-bound loop whose cut (q[0], q[1])
// carries state across iterations. Its cone: the top-level gates on q[1] and
// the qubit it met (q[2], measured: post-selected to the recorded c[2]),
// then one run of the body's gates per iteration before the recorded one,
// in a loop of the resume block up to the recorded induction variable.
OPENQASM 3.0;
include "stdgates.inc";
qubit[3] q;
bit[3] c;
h q[1];
cx q[1], q[2];
c[2] = measure q[2];
for int i in [0:3] {
  ry(0.5) q[0];
  cx q[1], q[0];
}
c[0] = measure q[0];
c[1] = measure q[1];

// IR:      scf.for %[[I:[0-9]+]] =
// IR-NEXT:   ckpt.boundary 0 algorithmic "iteration" [%[[I]] as "v0" : index, {{.*}} as "cone:0" : i1] cut [%{{[0-9]+}}, %{{[0-9]+}}] cost 5
// IR-NOT:  ckpt.not_restorable

// CHECK:       ckpt.resume.0:
// CHECK-NEXT:    call i64 @qckpt_resume.0.qckpt.visit()
// CHECK-NEXT:    [[IV:%.*]] = call i64 @qckpt_resume.0.v0()
// CHECK:         [[REC:%.*]] = call i1 @"qckpt_resume.0.cone:0"()
// CHECK:       ckpt.replay.body:
// CHECK-NEXT:    call void @__quantum__qis__h__body(ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT:    call void @__quantum__qis__cx__body(ptr inttoptr (i64 1 to ptr), ptr inttoptr (i64 2 to ptr))
// CHECK-NEXT:    call void @__quantum__qis__mz__body(ptr inttoptr (i64 2 to ptr), ptr {{.*}})
// CHECK-NEXT:    [[GOT:%.*]] = call i1 @__quantum__rt__read_result
// CHECK-NEXT:    {{%.*}} = xor i1 [[GOT]], [[REC]]
// CHECK:       ckpt.replay.match:
// CHECK-NEXT:    br label %ckpt.replay.loop
// CHECK:       ckpt.replay.loop:
// CHECK-NEXT:    [[J:%.*]] = phi i64 [ 0, %ckpt.replay.match ], [ [[NEXT:%.*]], %ckpt.replay.iter ]
// CHECK-NEXT:    [[MORE:%.*]] = icmp slt i64 [[J]], [[IV]]
// CHECK:       ckpt.replay.iter:
// CHECK-NEXT:    call void @__quantum__qis__ry__body(double 5.000000e-01, ptr null)
// CHECK-NEXT:    call void @__quantum__qis__cx__body(ptr inttoptr (i64 1 to ptr), ptr null)
// CHECK-NEXT:    [[NEXT]] = add i64 [[J]], 1
// CHECK:       ckpt.replay.here:
// CHECK-NEXT:    call void @__quantum__qis__reset__body(ptr inttoptr (i64 2 to ptr))
