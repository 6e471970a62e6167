; A conformant Adaptive Profile program with optional capabilities:
; an iteration over qubits 1..3 (backwards_branching = 1, qubit ids from a phi),
; a repeat-until-success loop would need backwards_branching 2 or 3 (not here),
; an IR-defined function (ir_functions), and a switch (multiple_target_branching).

@0 = internal constant [2 x i8] c"a\00"
@1 = internal constant [3 x i8] c"r0\00"
@2 = internal constant [3 x i8] c"r1\00"
@3 = internal constant [3 x i8] c"r2\00"
@4 = internal constant [3 x i8] c"r3\00"
@5 = internal constant [5 x i8] c"case\00"

define void @flip(ptr %q) {
entry:
  call void @__quantum__qis__x__body(ptr %q)
  ret void
}

define i64 @main() #0 {
entry:
  call void @__quantum__rt__initialize(ptr null)
  call void @flip(ptr null)
  br label %loop

loop:                                             ; preds = %loop, %entry
  %i = phi i64 [ 1, %entry ], [ %next, %loop ]
  %q = inttoptr i64 %i to ptr
  call void @__quantum__qis__cnot__body(ptr null, ptr %q)
  %next = add i64 %i, 1
  %more = icmp sle i64 %next, 3
  br i1 %more, label %loop, label %measure

measure:                                          ; preds = %loop
  call void @__quantum__qis__mz__body(ptr null, ptr writeonly null)
  call void @__quantum__qis__mz__body(ptr nonnull inttoptr (i64 1 to ptr), ptr writeonly nonnull inttoptr (i64 1 to ptr))
  call void @__quantum__qis__mz__body(ptr nonnull inttoptr (i64 2 to ptr), ptr writeonly nonnull inttoptr (i64 2 to ptr))
  call void @__quantum__qis__mz__body(ptr nonnull inttoptr (i64 3 to ptr), ptr writeonly nonnull inttoptr (i64 3 to ptr))
  %m0 = call i1 @__quantum__rt__read_result(ptr readonly null)
  %m1 = call i1 @__quantum__rt__read_result(ptr readonly nonnull inttoptr (i64 1 to ptr))
  %b0 = zext i1 %m0 to i64
  %b1 = zext i1 %m1 to i64
  %two = shl i64 %b1, 1
  %sel = or i64 %b0, %two
  switch i64 %sel, label %other [ i64 3, label %all
                                  i64 0, label %none ]

all:                                              ; preds = %measure
  br label %exit

none:                                             ; preds = %measure
  br label %exit

other:                                            ; preds = %measure
  br label %exit

exit:                                             ; preds = %other, %none, %all
  %case = phi i64 [ 1, %all ], [ 2, %none ], [ 3, %other ]
  call void @__quantum__rt__array_record_output(i64 4, ptr @0)
  call void @__quantum__rt__result_record_output(ptr null, ptr @1)
  call void @__quantum__rt__result_record_output(ptr nonnull inttoptr (i64 1 to ptr), ptr @2)
  call void @__quantum__rt__result_record_output(ptr nonnull inttoptr (i64 2 to ptr), ptr @3)
  call void @__quantum__rt__result_record_output(ptr nonnull inttoptr (i64 3 to ptr), ptr @4)
  call void @__quantum__rt__int_record_output(i64 %case, ptr @5)
  ret i64 0
}

declare void @__quantum__qis__x__body(ptr)
declare void @__quantum__qis__cnot__body(ptr, ptr)
declare void @__quantum__qis__mz__body(ptr, ptr writeonly) #1
declare void @__quantum__rt__initialize(ptr)
declare i1 @__quantum__rt__read_result(ptr readonly)
declare void @__quantum__rt__array_record_output(i64, ptr)
declare void @__quantum__rt__result_record_output(ptr, ptr)
declare void @__quantum__rt__int_record_output(i64, ptr)

attributes #0 = { "entry_point" "qir_profiles"="adaptive_profile" "output_labeling_schema"="labeled" "required_num_qubits"="4" "required_num_results"="4" }
attributes #1 = { "irreversible" }

!llvm.module.flags = !{!0, !1, !2, !3, !4, !5, !6, !7, !8, !9}

!0 = !{i32 1, !"qir_major_version", i32 2}
!1 = !{i32 7, !"qir_minor_version", i32 0}
!2 = !{i32 1, !"dynamic_qubit_management", i1 false}
!3 = !{i32 1, !"dynamic_result_management", i1 false}
!4 = !{i32 5, !"int_computations", !10}
!5 = !{i32 5, !"float_computations", !11}
!6 = !{i32 1, !"ir_functions", i1 true}
!7 = !{i32 1, !"backwards_branching", i2 1}
!8 = !{i32 1, !"multiple_target_branching", i1 true}
!9 = !{i32 1, !"multiple_return_points", i1 false}
!10 = !{!"i64"}
!11 = !{}
