// RUN: not xdsl-opt %s -p 'qc-reuse-qubits{max-qubits=2}' 2>&1 | filecheck %s
// Three qubits that all meet in one ccx need 3 at once: max-qubits=2
// cannot be reached, and the error names the width reached and the bound.

func.func @main() {
  %q = qc.alloc "q" : !qc.reg<3>
  %a = qc.qubit %q[0] : !qc.reg<3>
  %b = qc.qubit %q[1] : !qc.reg<3>
  %c = qc.qubit %q[2] : !qc.reg<3>
  qc.gate "h" %a
  qc.gate "ccx" %a, %b, %c
  %m = qc.measure %c
  qc.output "c" %m : i1
  func.return
}

// CHECK: qc-reuse-qubits: error: max-qubits=2 not reached: width 3 reached (objective=width), lower bound 3, 3 logical qubits
