// RUN: qckpt convert %s --record-mode streaming --resumable --runtime extern | filecheck %s
// A resumable program: the entry block asks qckpt_resume_point() where to
// start and dispatches to a resume block per restorable boundary. A resume
// block reads the visit and the persisted values from functions that
// bind-resume defines, re-prepares a qubit whose recorded bit is 1, and
// joins the normal path in a continuation block whose phis merge the two.
// Boundary 0 is at the top level; boundary 1 starts a while iteration and
// also records the output bit b, decided before the loop (out:b). An output
// bit is not state: the resume block does not read it, it gets a placeholder
// (false) there, and the runtime fills the shot's record in from its log.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %q0 = qc.qubit %q[0] : !qc.reg<2>
  %q1 = qc.qubit %q[1] : !qc.reg<2>
  qc.gate "h" %q1
  %b = qc.measure %q1
  ckpt.boundary 0 classicalized "exact" [%b as "b" : i1, %b as "qubit:q[1]" : i1] cut [] cost 0
  %true = arith.constant true
  %done = scf.while (%again = %true) : (i1) -> i1 {
    scf.condition(%again) %again : i1
  } do {
  ^bb0(%a: i1):
    ckpt.boundary 1 algorithmic "iteration" [%a as "again" : i1, %b as "out:b" : i1] cut [] cost 0
    qc.reset %q0
    qc.gate "h" %q0
    %m = qc.measure %q0
    scf.yield %m : i1
  }
  qc.output "c" %done, %b : i1, i1
  func.return
}

// CHECK:       entry:
// CHECK:         [[P:%.*]] = call i64 @qckpt_resume_point()
// CHECK-NEXT:    [[IS0:%.*]] = icmp eq i64 [[P]], 1
// CHECK-NEXT:    br i1 [[IS0]], label %ckpt.resume.0, label %[[D1:ckpt.dispatch[0-9]*]]
// CHECK:       ckpt.resume.0:
// CHECK-NEXT:    call i64 @qckpt_resume.0.qckpt.visit()
// CHECK-NEXT:    [[RB:%.*]] = call i1 @qckpt_resume.0.b()
// CHECK-NEXT:    [[BIT:%.*]] = call i1 @"qckpt_resume.0.qubit:q[1]"()
// CHECK-NEXT:    br i1 [[BIT]], label %ckpt.reprep, label %ckpt.reprep.done
// CHECK:       [[D1]]:
// CHECK-NEXT:    [[IS1:%.*]] = icmp eq i64 [[P]], 2
// CHECK-NEXT:    br i1 [[IS1]], label %ckpt.resume.1, label %[[START:ckpt.dispatch[0-9]*]]
// CHECK:       ckpt.resume.1:
// CHECK-NEXT:    call i64 @qckpt_resume.1.qckpt.visit()
// CHECK-NEXT:    [[RA:%.*]] = call i1 @qckpt_resume.1.again()
// CHECK-NEXT:    br label %ckpt.cont.1
// CHECK:       [[START]]:
// CHECK-NEXT:    call void @__quantum__qis__h__body(ptr inttoptr (i64 1 to ptr))
// CHECK:         call void @__qckpt_visit_end(i64 0)
// CHECK-NEXT:    br label %ckpt.cont.0
// CHECK:       ckpt.cont.0:
// CHECK-NEXT:    [[B:%.*]] = phi i1 [ {{%.*}}, %[[START]] ], [ [[RB]], %ckpt.reprep.done ]
// CHECK:       ckpt.reprep:
// CHECK-NEXT:    call void @__quantum__qis__x__body(ptr inttoptr (i64 1 to ptr))
// b is decided before the loop and rebound in it: it is carried by the loop.
// CHECK:       while.head:
// CHECK-NEXT:    [[AGAIN:%.*]] = phi i1 [ true, %ckpt.cont.0 ], [ {{%.*}}, %ckpt.cont.1 ]
// CHECK-NEXT:    [[BL:%.*]] = phi i1 [ [[B]], %ckpt.cont.0 ], [ [[BC:%.*]], %ckpt.cont.1 ]
// CHECK:       while.body:
// CHECK:         call void @__qckpt_visit_end(i64 1)
// CHECK-NEXT:    br label %ckpt.cont.1
// CHECK:       while.exit:
// CHECK:         call void @__quantum__rt__bool_record_output(i1 [[BL]]
// CHECK:       ckpt.cont.1:
// CHECK-NEXT:    phi i1 [ [[AGAIN]], %while.body ], [ [[RA]], %ckpt.resume.1 ]
// CHECK-NEXT:    [[BC]] = phi i1 [ [[BL]], %while.body ], [ false, %ckpt.resume.1 ]
// CHECK-NEXT:    call void @__quantum__qis__reset__body(ptr null)
