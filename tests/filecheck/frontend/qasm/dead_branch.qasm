// RUN: qckpt convert %s --emit mlir | filecheck %s
// RUN: not qckpt convert %S/Inputs/dead_branch_error.qasm 2>&1 | filecheck %s --check-prefix=ERR
// A branch decided at compile time is checked but not emitted.
OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
const int k = 1;
if (k == 2) { h q[0]; } else { x q[1]; }

// CHECK-NOT:  qc.gate "h"
// CHECK:      qc.gate "x"
// CHECK-NOT:  scf.if

// ERR: dead_branch_error.qasm:5:17: error: index 7 is out of range for 'q' of 2 qubit(s)
