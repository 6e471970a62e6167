// RUN: xdsl-opt %s -p qc-decompose-to-target -t qir | filecheck %s
// The whole pipeline from plain xdsl-opt: our pass, then the qir target.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<2>
  %a = qc.qubit %q[0] : !qc.reg<2>
  %b = qc.qubit %q[1] : !qc.reg<2>
  qc.gate "h" %a
  qc.gate "cy" %a, %b
  %m = qc.measure %b
  qc.output "c" %m : i1
  func.return
}

// CHECK:      call void @__quantum__qis__h__body(ptr null)
// CHECK-NEXT: call void @__quantum__qis__s__adj(ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT: call void @__quantum__qis__cx__body(ptr null, ptr inttoptr (i64 1 to ptr))
// CHECK-NEXT: call void @__quantum__qis__s__body(ptr inttoptr (i64 1 to ptr))
// CHECK:      "required_num_qubits"="2" "required_num_results"="1"
