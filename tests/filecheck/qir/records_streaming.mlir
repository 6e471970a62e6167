// RUN: qckpt convert %s --record-mode streaming --runtime extern | filecheck %s
// RUN: qckpt convert %s --record-mode streaming -o %t.ll && qckpt check-qir %t.ll | filecheck %s --check-prefix=CHECKQIR
// streaming record mode: each visit calls the runtime library where it
// happens (begin, one record per value, end); nothing is carried to the end.

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
  qc.output "c" %done : i1
  func.return
}

// CHECK:       [[HEAD:while.head.*]]:
// CHECK-NEXT:    [[A:%.*]] = phi i1
// CHECK-NEXT:    br i1
// CHECK:       while.body{{.*}}:
// CHECK-NEXT:    call void @__qckpt_visit_begin(i64 0, i64 1)
// CHECK-NEXT:    call void @__qckpt_record_bool(i1 [[A]], ptr @[[AGAIN:[0-9]+]])
// CHECK-NEXT:    call void @__qckpt_visit_end(i64 0)
// CHECK-NEXT:    call void @__quantum__qis__reset__body
// CHECK:       while.exit{{.*}}:
// CHECK-NOT:     qckpt.last
// CHECK:         ret i64 0
// CHECK:       declare void @__qckpt_visit_begin(i64, i64)
// CHECK:       !{i32 7, !"qckpt_streaming_records", i1 true}

// CHECKQIR: extension: module: the module flag qckpt_streaming_records declares the extension
// CHECKQIR: conforms but for the named extensions: 0 errors, {{[0-9]+}} extensions, 0 warnings
