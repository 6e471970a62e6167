// RUN: qckpt convert %s --checkpoint interval --mtbf 1e-7 --emit mlir | filecheck %s --check-prefix=IR
// RUN: qckpt convert %s --checkpoint interval --mtbf 1e-7 --record-mode streaming --resumable --runtime extern | filecheck %s
// A constant-bound loop of gates in a replay cone: the boundary after the
// measurement is restorable, and its resume block replays the loop unrolled
// (three iterations of ry; cx) before post-selecting the measurement.
OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[2] c;
h q[1];
for int i in [0:2] {
  ry(0.4) q[0];
  cx q[1], q[0];
}
c[0] = measure q[1];
x q[0];
c[1] = measure q[0];

// IR:      scf.for
// IR:      ckpt.boundary 1 user "interval" [] cut [%{{[0-9]+}}, %{{[0-9]+}}] cost 3
// IR-NOT:  ckpt.not_restorable
// IR:      ckpt.boundary 2 user "interval" [%[[M:[0-9]+]] as "out:c[0]" : i1, %[[M]] as "cone:0" : i1] cut [%{{[0-9]+}}] cost 4
// IR-NOT:  ckpt.not_restorable

// CHECK:       ckpt.resume.2:
// CHECK-NEXT:    call i64 @qckpt_resume.2.qckpt.visit()
// CHECK-NEXT:    [[REC:%.*]] = call i1 @"qckpt_resume.2.cone:0"()
// CHECK:       ckpt.replay.body{{[0-9]+}}: {{.*}}%ckpt.resume.2
// CHECK-NEXT:    call void @__quantum__qis__h__body(ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT:    call void @__quantum__qis__ry__body(double 4.000000e-01, ptr null)
// CHECK-NEXT:    call void @__quantum__qis__cx__body(ptr inttoptr (i64 1 to ptr), ptr null)
// CHECK-NEXT:    call void @__quantum__qis__ry__body(double 4.000000e-01, ptr null)
// CHECK-NEXT:    call void @__quantum__qis__cx__body(ptr inttoptr (i64 1 to ptr), ptr null)
// CHECK-NEXT:    call void @__quantum__qis__ry__body(double 4.000000e-01, ptr null)
// CHECK-NEXT:    call void @__quantum__qis__cx__body(ptr inttoptr (i64 1 to ptr), ptr null)
// CHECK-NEXT:    call void @__quantum__qis__mz__body(ptr inttoptr (i64 1 to ptr), ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT:    [[GOT:%.*]] = call i1 @__quantum__rt__read_result(ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT:    {{%.*}} = xor i1 [[GOT]], [[REC]]
