// RUN: qckpt convert %s --checkpoint interval --mtbf 1e-7 --record-mode streaming --resumable --runtime extern | filecheck %s
// A replay cone whose cut qubit q[2] is touched only inside an if/else and
// a constant loop. The boundary after the measurement of q[1] post-selects
// it; a try that misses must reset q[2] as well as q[1], or the next try
// starts from what the last one left behind.
OPENQASM 3.0;
include "stdgates.inc";
qubit[3] q;
bit[1] c;
bit[2] out;
ry(1.2) q[0];
c[0] = measure q[0];
if (c[0]) {
  ry(0.9) q[1];
  cx q[1], q[2];
} else {
  h q[1];
  cx q[1], q[2];
}
for int i in [0:1] {
  ry(0.45) q[2];
}
ry(1.1) q[1];
out[0] = measure q[1];
out[1] = measure q[2];

// CHECK:       ckpt.resume.4:
// CHECK:         br label %[[BODY:ckpt.replay.body[0-9]+]]
// CHECK:       [[BODY]]:
// CHECK-NEXT:    br i1 %{{[0-9]+}}, label %{{ckpt.replay.then[0-9]+}}, label %{{ckpt.replay.else[0-9]+}}
// CHECK:       {{ckpt.replay.retry[0-9]+}}:
// CHECK-NEXT:    call void @__quantum__qis__reset__body(ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT:    call void @__quantum__qis__reset__body(ptr inttoptr (i64 2 to ptr))
// CHECK-NEXT:    br label %[[BODY]]
// After the match only q[1], outside the cut, is reset.
// CHECK:       ckpt.replay.match:
// CHECK-NEXT:    call void @__quantum__qis__reset__body(ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT:    br label
