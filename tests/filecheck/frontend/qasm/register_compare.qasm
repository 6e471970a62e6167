// RUN: qckpt convert %s --emit mlir | filecheck %s
// `if (c == 2)` reads the register as an unsigned integer, bit 0 lowest.
OPENQASM 3.0;
include "stdgates.inc";
qubit[3] q;
bit[2] c;
x q[1];
c[0] = measure q[0];
c[1] = measure q[1];
if (c == 2) x q[2];

// CHECK:      [[B0:%.*]] = qc.measure
// CHECK-NEXT: [[B1:%.*]] = qc.measure
// CHECK-NEXT: [[Z0:%.*]] = arith.extui [[B0]] : i1 to i64
// CHECK-NEXT: [[Z1:%.*]] = arith.extui [[B1]] : i1 to i64
// CHECK-NEXT: [[S:%.*]] = arith.shli [[Z1]], %{{.*}} : i64
// CHECK-NEXT: [[V:%.*]] = arith.ori [[Z0]], [[S]] : i64
// CHECK-NEXT: [[C:%.*]] = arith.cmpi eq, [[V]], %{{.*}} : i64
// CHECK-NEXT: scf.if [[C]] {
