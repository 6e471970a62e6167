// RUN: qckpt convert %s --emit stim | filecheck %s
// Rotations by multiples of pi/2 are Clifford gates (up to a global phase).
OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
rz(pi/2) q[0];
rx(-pi/2) q[0];
ry(pi) q[1];
cp(pi) q[0], q[1];
p(2*pi) q[1];
// CHECK:      S 0
// CHECK-NEXT: SQRT_X_DAG 0
// CHECK-NEXT: Y 1
// CHECK-NEXT: CZ 0 1
// CHECK-EMPTY:
