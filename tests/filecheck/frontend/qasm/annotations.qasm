// RUN: qckpt convert %s --emit mlir | filecheck %s
// #pragma and @annotation stay on the first op of the next statement.
OPENQASM 3.0;
include "stdgates.inc";
qubit q;
#pragma qckpt policy every 4
@qckpt.boundary kind=user
h q;
x q;

// CHECK:      qc.gate "h" %{{.*}} {qasm.annotations = ["#pragma qckpt policy every 4", "@qckpt.boundary kind=user"]}
// CHECK-NEXT: qc.gate "x" %{{.*}}
// CHECK-NOT:  qasm.annotations
