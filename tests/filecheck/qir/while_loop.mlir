// RUN: qckpt convert %s | filecheck %s
// RUN: qckpt convert %s -o %t.ll && qckpt check-qir %t.ll | filecheck %s --check-prefix=CONFORMS
// Repeat until success: a while on a measured bit becomes a header block
// with a phi, a conditional exit and a back edge, and the module declares
// backwards_branching.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<1>
  %q0 = qc.qubit %q[0] : !qc.reg<1>
  %true = arith.constant true
  %done = scf.while (%again = %true) : (i1) -> i1 {
    scf.condition(%again) %again : i1
  } do {
  ^bb0(%a: i1):
    qc.reset %q0
    qc.gate "h" %q0
    %m = qc.measure %q0
    scf.yield %m : i1
  }
  qc.output "c" %done : i1
  func.return
}

// CHECK:       entry:
// CHECK:         br label %[[HEAD:while.head.*]]
// CHECK:       [[HEAD]]:
// CHECK-NEXT:    [[A:%.*]] = phi i1 [ true, %entry ], [ [[M:%.*]], %[[BODY:.*]] ]
// CHECK-NEXT:    br i1 [[A]], label %[[BODY]], label %[[EXIT:.*]]
// CHECK:       [[BODY]]:
// CHECK-NEXT:    call void @__quantum__qis__reset__body(ptr null)
// CHECK-NEXT:    call void @__quantum__qis__h__body(ptr null)
// CHECK-NEXT:    call void @__quantum__qis__mz__body(ptr null, ptr null)
// CHECK-NEXT:    [[M]] = call i1 @__quantum__rt__read_result(ptr null)
// CHECK-NEXT:    br label %[[HEAD]]
// CHECK:       [[EXIT]]:
// CHECK-NEXT:    call void @__quantum__rt__array_record_output(i64 1,
// CHECK-NEXT:    call void @__quantum__rt__bool_record_output(i1 [[A]],
// LLVM prints the i2 value 3 (both bits set) as -1.
// CHECK:       !{i32 7, !"backwards_branching", i2 -1}
// CONFORMS: conforms (no errors, extensions or warnings)
