// RUN: qckpt convert %s --emit mlir | filecheck %s
// `let` names the same qubits: a concatenation, then a slice of it.
OPENQASM 3.0;
include "stdgates.inc";
qubit[2] a;
qubit[2] b;
let all = a ++ b;
let mid = all[1:2];
x mid;

// CHECK:      [[A:%.*]] = qc.alloc "a" : !qc.reg<2>
// CHECK-NEXT: qc.qubit [[A]][0 : i64]
// CHECK-NEXT: [[A1:%.*]] = qc.qubit [[A]][1 : i64]
// CHECK-NEXT: [[B:%.*]] = qc.alloc "b" : !qc.reg<2>
// CHECK-NEXT: [[B0:%.*]] = qc.qubit [[B]][0 : i64]
// CHECK:      qc.gate "x" [[A1]]
// CHECK-NEXT: qc.gate "x" [[B0]]
// CHECK-NEXT: func.return
