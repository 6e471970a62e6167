// RUN: xdsl-opt %s -p qc-unroll-qubit-loops --split-input-file | filecheck %s
// RUN: not qckpt convert %S/Inputs/dynamic_qubit_index.mlir 2>&1 | filecheck %s --check-prefix=ERR

// A loop that indexes qubits by its variable is unrolled, and q[i + 1]
// folds to a static reference.
func.func @ladder() {
  %q = qc.alloc "q" : !qc.reg<3>
  %lb = arith.constant 0 : index
  %ub = arith.constant 2 : index
  %st = arith.constant 1 : index
  %one = arith.constant 1 : index
  scf.for %i = %lb to %ub step %st {
    %j = arith.addi %i, %one : index
    %a = qc.qubit_at %q[%i] : !qc.reg<3>, index
    %b = qc.qubit_at %q[%j] : !qc.reg<3>, index
    qc.gate "cx" %a, %b
  }
  func.return
}

// CHECK-LABEL: func.func @ladder
// CHECK-NOT:   scf.for
// CHECK:       [[A0:%.*]] = qc.qubit %q[0 : i64] : !qc.reg<3>
// CHECK:       [[B0:%.*]] = qc.qubit %q[1 : i64] : !qc.reg<3>
// CHECK-NEXT:  qc.gate "cx" [[A0]], [[B0]]
// CHECK:       [[A1:%.*]] = qc.qubit %q[1 : i64] : !qc.reg<3>
// CHECK:       [[B1:%.*]] = qc.qubit %q[2 : i64] : !qc.reg<3>
// CHECK-NEXT:  qc.gate "cx" [[A1]], [[B1]]
// CHECK-NOT:   qc.qubit_at

// -----

// A loop that does not index qubits stays a loop.
func.func @repeat() {
  %q = qc.alloc "q" : !qc.reg<1>
  %q0 = qc.qubit %q[0] : !qc.reg<1>
  %lb = arith.constant 0 : index
  %ub = arith.constant 100 : index
  %st = arith.constant 1 : index
  scf.for %i = %lb to %ub step %st {
    qc.gate "x" %q0
  }
  func.return
}

// CHECK-LABEL: func.func @repeat
// CHECK:       scf.for
// CHECK-NEXT:    qc.gate "x" %q0

// ERR: error: qubit index is not a compile-time constant
