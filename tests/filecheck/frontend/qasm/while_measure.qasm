// RUN: qckpt convert %s --emit mlir | filecheck %s
// Repeat until success: the bit the condition reads is carried by scf.while,
// and the final value recorded is the loop's result.
OPENQASM 3.0;
include "stdgates.inc";
qubit[1] q;
bit[1] c;
h q[0];
c[0] = measure q[0];
while (c[0]) {
  reset q[0];
  h q[0];
  c[0] = measure q[0];
}

// CHECK:      [[FIRST:%.*]] = qc.measure
// CHECK-NEXT: [[RES:%.*]] = scf.while ([[ARG:%.*]] = [[FIRST]]) : (i1) -> i1 {
// CHECK-NEXT:   scf.condition([[ARG]]) [[ARG]] : i1
// CHECK-NEXT: } do {
// CHECK:        qc.reset
// CHECK-NEXT:   qc.gate "h"
// CHECK-NEXT:   [[NEXT:%.*]] = qc.measure
// CHECK-NEXT:   scf.yield [[NEXT]] : i1
// CHECK:      qc.output "c" [[RES]] : i1
