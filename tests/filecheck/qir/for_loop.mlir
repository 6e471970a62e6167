// RUN: qckpt convert %s | filecheck %s
// RUN: qckpt convert %s -o %t.ll && qckpt check-qir %t.ll | filecheck %s --check-prefix=CONFORMS
// scf.for counts with an induction phi and a loop-carried bit; integer
// computations are declared.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<1>
  %q0 = qc.qubit %q[0] : !qc.reg<1>
  %lb = arith.constant 0 : index
  %ub = arith.constant 3 : index
  %st = arith.constant 1 : index
  %false = arith.constant false
  %last = scf.for %i = %lb to %ub step %st iter_args(%acc = %false) -> (i1) {
    qc.gate "x" %q0
    %m = qc.measure %q0
    %x = arith.xori %acc, %m : i1
    scf.yield %x : i1
  }
  qc.output "parity" %last : i1
  func.return
}

// CHECK:       [[HEAD:for.head.*]]:
// CHECK-NEXT:    [[IV:%.*]] = phi i64 [ 0, %entry ], [ [[NEXT:%.*]], %[[BODY:.*]] ]
// CHECK-NEXT:    [[ACC:%.*]] = phi i1 [ false, %entry ], [ [[X:%.*]], %[[BODY]] ]
// CHECK-NEXT:    [[C:%.*]] = icmp slt i64 [[IV]], 3
// CHECK-NEXT:    br i1 [[C]], label %[[BODY]], label %[[EXIT:.*]]
// CHECK:       [[BODY]]:
// CHECK-NEXT:    call void @__quantum__qis__x__body(ptr null)
// CHECK:         [[X]] = xor i1 [[ACC]], %{{.*}}
// CHECK-NEXT:    [[NEXT]] = add i64 [[IV]], 1
// CHECK-NEXT:    br label %[[HEAD]]
// CHECK:       [[EXIT]]:
// CHECK-NEXT:    call void @__quantum__rt__array_record_output(i64 1,
// CHECK-NEXT:    call void @__quantum__rt__bool_record_output(i1 [[ACC]],
// CHECK:       !{i32 5, !"int_computations", [[INTS:![0-9]+]]}
// CHECK-NEXT:  [[INTS]] = !{!"i64"}
// CHECK-NEXT:  !{i32 7, !"backwards_branching", i2 -1}
// CONFORMS: conforms (no errors, extensions or warnings)
