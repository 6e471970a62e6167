// RUN: xdsl-opt %s -p 'qc-measure-early' | filecheck %s
// Each final measurement moves up to right after its qubit's last gate, so
// the qubit's live range ends there (what qc-reuse-qubits builds on).

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<3>
  %a = qc.qubit %q[0] : !qc.reg<3>
  %b = qc.qubit %q[1] : !qc.reg<3>
  %c = qc.qubit %q[2] : !qc.reg<3>
  qc.gate "h" %a
  qc.gate "cx" %a, %b
  qc.gate "cx" %b, %c
  qc.gate "h" %c
  %m0 = qc.measure %a
  %m1 = qc.measure %b
  %m2 = qc.measure %c
  qc.output "c" %m0, %m1, %m2 : i1, i1, i1
  func.return
}

// CHECK:      qc.gate "cx" %a, %b
// CHECK-NEXT: %m0 = qc.measure %a
// CHECK-NEXT: qc.gate "cx" %b, %c
// CHECK-NEXT: %m1 = qc.measure %b
// CHECK-NEXT: qc.gate "h" %c
// CHECK-NEXT: %m2 = qc.measure %c
