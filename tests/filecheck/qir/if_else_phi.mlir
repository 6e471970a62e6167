// RUN: qckpt convert %s | filecheck %s
// RUN: qckpt convert %s -o %t.ll && qckpt check-qir %t.ll | filecheck %s --check-prefix=CONFORMS
// An scf.if that yields a bit becomes a branch and a phi; the bit is
// recorded from its SSA value, not re-read from a result slot.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %q0 = qc.qubit %q[0] : !qc.reg<2>
  %q1 = qc.qubit %q[1] : !qc.reg<2>
  %false = arith.constant false
  qc.gate "h" %q0
  %m = qc.measure %q0
  %c = scf.if %m -> (i1) {
    qc.gate "x" %q1
    %r = qc.measure %q1
    scf.yield %r : i1
  } else {
    scf.yield %false : i1
  }
  qc.output "c" %m, %c : i1, i1
  func.return
}

// CHECK-LABEL: define i64 @main() #0 {
// CHECK:       entry:
// CHECK-NEXT:    call void @__quantum__rt__initialize(ptr null)
// CHECK-NEXT:    call void @__quantum__qis__h__body(ptr null)
// CHECK-NEXT:    call void @__quantum__qis__mz__body(ptr null, ptr null)
// CHECK-NEXT:    [[M:%.*]] = call i1 @__quantum__rt__read_result(ptr null)
// CHECK-NEXT:    br i1 [[M]], label %[[THEN:.*]], label %[[ELSE:.*]]
// CHECK:       [[THEN]]:
// CHECK-NEXT:    call void @__quantum__qis__x__body(ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT:    call void @__quantum__qis__mz__body(ptr inttoptr (i64 1 to ptr), ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT:    [[R:%.*]] = call i1 @__quantum__rt__read_result(ptr inttoptr (i64 1 to ptr))
// CHECK:       [[MERGE:endif.*]]:
// CHECK-NEXT:    [[C:%.*]] = phi i1 [ [[R]], %[[THEN]] ], [ false, %[[ELSE]] ]
// CHECK-NEXT:    call void @__quantum__rt__array_record_output(i64 2, ptr @{{.*}})
// CHECK-NEXT:    call void @__quantum__rt__bool_record_output(i1 [[M]], ptr @{{.*}})
// CHECK-NEXT:    call void @__quantum__rt__bool_record_output(i1 [[C]], ptr @{{.*}})
// CHECK-NEXT:    ret i64 0
// CHECK:       attributes #0 = { "entry_point" "output_labeling_schema"="qckpt_v1" "qir_profiles"="adaptive_profile" "required_num_qubits"="2" "required_num_results"="2" }
// CHECK-NOT:   backwards_branching
// CONFORMS: conforms (no errors, extensions or warnings)
