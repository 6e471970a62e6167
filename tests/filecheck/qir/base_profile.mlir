// RUN: qckpt convert %s --profile base | filecheck %s
// RUN: qckpt convert %s --profile base -o %t.ll && qckpt check-qir %t.ll | filecheck %s --check-prefix=CONFORMS
// RUN: not qckpt convert %S/if_else_phi.mlir --profile base 2>&1 | filecheck %s --check-prefix=REJECT
// Measurements at the end and no feed-forward: the Base Profile records
// result slots directly and never reads them.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %q0 = qc.qubit %q[0] : !qc.reg<2>
  %q1 = qc.qubit %q[1] : !qc.reg<2>
  qc.gate "h" %q0
  qc.gate "cx" %q0, %q1
  %a = qc.measure %q0
  %b = qc.measure %q1
  qc.output "c" %a, %b : i1, i1
  func.return
}

// CHECK-NOT:   __quantum__rt__read_result
// CHECK:       call void @__quantum__qis__mz__body(ptr null, ptr null)
// CHECK-NEXT:  call void @__quantum__qis__mz__body(ptr inttoptr (i64 1 to ptr), ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT:  call void @__quantum__rt__array_record_output(i64 2,
// CHECK-NEXT:  call void @__quantum__rt__result_record_output(ptr null,
// CHECK-NEXT:  call void @__quantum__rt__result_record_output(ptr inttoptr (i64 1 to ptr),
// CHECK:       "qir_profiles"="base_profile"

// REJECT: error: scf.if needs the Adaptive Profile
// CONFORMS: conforms (no errors, extensions or warnings)
