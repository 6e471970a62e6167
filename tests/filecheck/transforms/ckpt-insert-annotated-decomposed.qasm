// RUN: qckpt convert %s --checkpoint annotated --emit mlir 2>&1 | filecheck %s
// A checkpoint requested before a gate that lower_to_target decomposes (rx
// becomes h; rz; h), and one before a delay (which is dropped), are both
// placed: the annotations move to the op that now starts the statement.
OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[3] c;
h q[0];
c[0] = measure q[0];
#pragma qckpt checkpoint
rx(0.3) q[1];
c[1] = measure q[1];
#pragma qckpt checkpoint
delay[10ns] q[1];
ry(0.2) q[1];
c[2] = measure q[1];

// CHECK-NOT:   placed no checkpoint boundary
// CHECK:       ckpt.boundary 0 user "annotated"
// CHECK-NEXT:  qc.gate "h" %{{[0-9]+}} {qasm.annotations = ["#pragma qckpt checkpoint"]}
// CHECK-NEXT:  qc.gate "rz"
// CHECK-NEXT:  qc.gate "h"
// CHECK:       ckpt.boundary 1 user "annotated"
// CHECK-NEXT:  qc.gate "ry"(%{{[0-9]+}}) %{{[0-9]+}} {qasm.annotations = ["#pragma qckpt checkpoint"]}
