// RUN: qckpt convert %s --record-mode streaming --resumable --runtime extern | filecheck %s
// A replay boundary in the middle of a constant-bound loop's body: its cone
// is every earlier iteration of the body's gates on the cut (as many as the
// recorded induction variable %i says, in a loop of the resume block), then
// the gates of this iteration before the boundary (rx, as h rz h; cx), not those after
// it (the second cx). tests/restore/test_replay_in_loop.py runs it.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %q0 = qc.qubit %q[0] : !qc.reg<2>
  %q1 = qc.qubit %q[1] : !qc.reg<2>
  qc.gate "x" %q1
  %lb = arith.constant 0 : index
  %ub = arith.constant 4 : index
  %st = arith.constant 1 : index
  %a = arith.constant 0.78539816339744828 : f64
  scf.for %i = %lb to %ub step %st {
    qc.gate "rx"(%a) %q0
    qc.gate "cx" %q0, %q1
    ckpt.boundary 0 algorithmic "iteration" [%i as "i" : index] cut [%q0, %q1] cost 3
    qc.gate "cx" %q0, %q1
  }
  %m0 = qc.measure %q0
  %m1 = qc.measure %q1
  qc.output "c" %m0, %m1 : i1, i1
  func.return
}

// CHECK:       ckpt.resume.0:
// CHECK-NEXT:    call i64 @qckpt_resume.0.qckpt.visit()
// CHECK-NEXT:    [[IV:%.*]] = call i64 @qckpt_resume.0.i()
// CHECK:       ckpt.replay.body:
// CHECK-NEXT:    call void @__quantum__qis__x__body(ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT:    br label %ckpt.replay.loop
// CHECK:       ckpt.replay.loop:
// CHECK-NEXT:    [[J:%.*]] = phi i64 [ 0, %ckpt.replay.body ], [ [[NEXT:%.*]], %ckpt.replay.iter ]
// CHECK-NEXT:    [[MORE:%.*]] = icmp slt i64 [[J]], [[IV]]
// CHECK-NEXT:    br i1 [[MORE]], label %ckpt.replay.iter, label %ckpt.replay.here
// CHECK:       ckpt.replay.iter:
// CHECK-NEXT:    call void @__quantum__qis__h__body(ptr null)
// CHECK-NEXT:    call void @__quantum__qis__rz__body(double 0x3FE921FB54442D18, ptr null)
// CHECK-NEXT:    call void @__quantum__qis__h__body(ptr null)
// CHECK-NEXT:    call void @__quantum__qis__cx__body(ptr null, ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT:    call void @__quantum__qis__cx__body(ptr null, ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT:    [[NEXT]] = add i64 [[J]], 1
// CHECK-NEXT:    br label %ckpt.replay.loop
// CHECK:       ckpt.replay.here:
// CHECK-NEXT:    call void @__quantum__qis__h__body(ptr null)
// CHECK-NEXT:    call void @__quantum__qis__rz__body(double 0x3FE921FB54442D18, ptr null)
// CHECK-NEXT:    call void @__quantum__qis__h__body(ptr null)
// CHECK-NEXT:    call void @__quantum__qis__cx__body(ptr null, ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT:    br label %ckpt.replay.done
