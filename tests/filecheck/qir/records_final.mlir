// RUN: qckpt convert %s | filecheck %s
// RUN: qckpt convert %s -o %t.ll && qckpt check-qir %t.ll | filecheck %s --check-prefix=CONFORMS
// final record mode: a boundary in a while body and one in an if branch.
// Their last visit travels in SSA: the loop carries the visit count and the
// last value in header phis, the if merges them with phis, and the final
// block records one "qckpt.last" group per boundary after the outputs.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<1>
  %q0 = qc.qubit %q[0] : !qc.reg<1>
  %true = arith.constant true
  %done = scf.while (%again = %true) : (i1) -> i1 {
    scf.condition(%again) %again : i1
  } do {
  ^bb0(%a: i1):
    ckpt.boundary 0 algorithmic "iteration" [%a as "again" : i1]
    qc.reset %q0
    qc.gate "h" %q0
    %m = qc.measure %q0
    scf.yield %m : i1
  }
  %m2 = qc.measure %q0
  scf.if %m2 {
    ckpt.boundary 1 user "late" [%m2 as "m2" : i1]
    scf.yield
  } else {
    scf.yield
  }
  qc.output "c" %done : i1
  func.return
}

// CHECK:       [[HEAD:while.head.*]]:
// CHECK-NEXT:    [[A:%.*]] = phi i1 [ true, %entry ], [ [[M:%.*]], %[[BODY:.*]] ]
// CHECK-NEXT:    [[N0:%.*]] = phi i64 [ 0, %entry ], [ [[N1:%.*]], %[[BODY]] ]
// CHECK-NEXT:    [[V0:%.*]] = phi i1 [ false, %entry ], [ [[A]], %[[BODY]] ]
// CHECK:       [[BODY]]:
// CHECK-NEXT:    [[N1]] = add i64 [[N0]], 1
// CHECK:       [[THEN:then.*]]:
// CHECK:       [[ELSE:else.*]]:
// CHECK:       endif{{.*}}:
// CHECK-NEXT:    [[N2:%.*]] = phi i64 [ 1, %[[THEN]] ], [ 0, %[[ELSE]] ]
// CHECK-NEXT:    [[V2:%.*]] = phi i1 [ [[M2:%.*]], %[[THEN]] ], [ false, %[[ELSE]] ]
// CHECK:         call void @__quantum__rt__bool_record_output(i1 [[A]], ptr @[[C0:[0-9]+]])
// CHECK-NEXT:    call void @__quantum__rt__tuple_record_output(i64 1, ptr @[[LAST:[0-9]+]])
// CHECK-NEXT:    call void @__quantum__rt__int_record_output(i64 0, ptr @[[ID:[0-9]+]])
// CHECK-NEXT:    call void @__quantum__rt__int_record_output(i64 [[N0]], ptr @[[VISITS:[0-9]+]])
// CHECK-NEXT:    call void @__quantum__rt__bool_record_output(i1 [[V0]], ptr
// CHECK-NEXT:    call void @__quantum__rt__tuple_record_output(i64 1, ptr @[[LAST]])
// CHECK-NEXT:    call void @__quantum__rt__int_record_output(i64 1, ptr @[[ID]])
// CHECK-NEXT:    call void @__quantum__rt__int_record_output(i64 [[N2]], ptr @[[VISITS]])
// CHECK-NEXT:    call void @__quantum__rt__bool_record_output(i1 [[V2]], ptr
// CHECK-NEXT:    ret i64 0
// CHECK-NOT:   __qckpt_

// CONFORMS: conforms (no errors, extensions or warnings)
