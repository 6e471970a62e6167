// RUN: qckpt convert %s --emit mlir | filecheck %s
// RUN: qckpt convert %s --emit mlir | xdsl-opt | filecheck %s
// Measured bits are SSA values; each feed-forward is an scf.if on one.
OPENQASM 3.0;
include "stdgates.inc";
qubit[3] q;
bit[2] m;
bit[1] out;
h q[1];
cx q[1], q[2];
cx q[0], q[1];
h q[0];
m[0] = measure q[0];
m[1] = measure q[1];
if (m[1]) x q[2];
if (m[0]) z q[2];
out[0] = measure q[2];

// CHECK:      [[Q:%.*]] = qc.alloc "q" : !qc.reg<3>
// CHECK:      qc.gate "h" [[Q1:%[0-9]+]]
// CHECK:      [[M0:%.*]] = qc.measure [[Q0:%[0-9]+]]
// CHECK-NEXT: [[M1:%.*]] = qc.measure [[Q1]]
// CHECK-NEXT: scf.if [[M1]] {
// CHECK-NEXT:   qc.gate "x" [[Q2:%[0-9]+]]
// CHECK:      scf.if [[M0]] {
// CHECK-NEXT:   qc.gate "z" [[Q2]]
// CHECK:      [[OUT:%.*]] = qc.measure [[Q2]]
// CHECK-NEXT: qc.output "m" [[M0]], [[M1]] : i1, i1
// CHECK-NEXT: qc.output "out" [[OUT]] : i1
