; A conformant QIR Adaptive Profile program (integer computations on i64).
; Teleport-style feed-forward: measure q0, flip q1 on a 1, count the ones.

@0 = internal constant [2 x i8] c"t\00"
@1 = internal constant [3 x i8] c"r0\00"
@2 = internal constant [3 x i8] c"r1\00"
@3 = internal constant [4 x i8] c"any\00"
@4 = internal constant [6 x i8] c"count\00"

define i64 @main() local_unnamed_addr #0 {
entry:
  call void @__quantum__rt__initialize(ptr null)
  tail call void @__quantum__qis__h__body(ptr null)
  tail call void @__quantum__qis__mz__body(ptr null, ptr writeonly null)
  %0 = tail call i1 @__quantum__rt__read_result(ptr readonly null)
  br i1 %0, label %then, label %continue

then:                                             ; preds = %entry
  tail call void @__quantum__qis__x__body(ptr nonnull inttoptr (i64 1 to ptr))
  br label %continue

continue:                                         ; preds = %then, %entry
  tail call void @__quantum__qis__mz__body(ptr nonnull inttoptr (i64 1 to ptr), ptr writeonly nonnull inttoptr (i64 1 to ptr))
  %1 = tail call i1 @__quantum__rt__read_result(ptr readonly nonnull inttoptr (i64 1 to ptr))
  %2 = or i1 %0, %1
  %3 = zext i1 %0 to i64
  %4 = zext i1 %1 to i64
  %5 = add i64 %3, %4
  br label %exit

exit:                                             ; preds = %continue
  call void @__quantum__rt__tuple_record_output(i64 4, ptr @0)
  call void @__quantum__rt__result_record_output(ptr null, ptr @1)
  call void @__quantum__rt__result_record_output(ptr nonnull inttoptr (i64 1 to ptr), ptr @2)
  call void @__quantum__rt__bool_record_output(i1 %2, ptr @3)
  call void @__quantum__rt__int_record_output(i64 %5, ptr @4)
  ret i64 0
}

declare void @__quantum__qis__h__body(ptr) local_unnamed_addr
declare void @__quantum__qis__x__body(ptr) local_unnamed_addr
declare void @__quantum__qis__mz__body(ptr, ptr writeonly) #1
declare void @__quantum__rt__initialize(ptr)
declare i1 @__quantum__rt__read_result(ptr readonly)
declare void @__quantum__rt__tuple_record_output(i64, ptr)
declare void @__quantum__rt__result_record_output(ptr, ptr)
declare void @__quantum__rt__bool_record_output(i1, ptr)
declare void @__quantum__rt__int_record_output(i64, ptr)

attributes #0 = { "entry_point" "qir_profiles"="adaptive_profile" "output_labeling_schema"="labeled" "required_num_qubits"="2" "required_num_results"="2" }
attributes #1 = { "irreversible" }

!llvm.module.flags = !{!0, !1, !2, !3, !4, !5, !6, !7, !8, !9}

!0 = !{i32 1, !"qir_major_version", i32 2}
!1 = !{i32 7, !"qir_minor_version", i32 0}
!2 = !{i32 1, !"dynamic_qubit_management", i1 false}
!3 = !{i32 1, !"dynamic_result_management", i1 false}
!4 = !{i32 5, !"int_computations", !10}
!5 = !{i32 5, !"float_computations", !11}
!6 = !{i32 1, !"ir_functions", i1 false}
!7 = !{i32 1, !"backwards_branching", i2 0}
!8 = !{i32 1, !"multiple_target_branching", i1 false}
!9 = !{i32 1, !"multiple_return_points", i1 false}
!10 = !{!"i64"}
!11 = !{}
