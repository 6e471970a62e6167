// RUN: qckpt convert %s --emit mlir | filecheck %s
// A constant index is the element itself (folded); a run-time index reads
// through a chain of selects (one per element after the first) and writes
// with one select per element: no memory, linear in the array's length.
OPENQASM 3.0;
qubit[2] q;
bit[2] m;
output int[8] got;
array[int[8], 3] t = {7, 8, 9};
t[1] = t[2] + 1;
m = measure q;
uint[2] i = m;
got = t[i];
t[i] = 0;

// CHECK-DAG:  [[TEN:%.*]] = arith.constant 10 : i64
// CHECK-DAG:  [[SEVEN:%.*]] = arith.constant 7 : i64
// CHECK:      [[I:%.*]] = arith.ori %{{.*}}, %{{.*}} : i64
// CHECK:      [[E1:%.*]] = arith.cmpi eq, [[I]], %{{.*}} : i64
// CHECK-NEXT: [[S1:%.*]] = arith.select [[E1]], [[TEN]], [[SEVEN]] : i64
// CHECK-NEXT: [[E2:%.*]] = arith.cmpi eq, [[I]], %{{.*}} : i64
// CHECK-NEXT: [[S2:%.*]] = arith.select [[E2]], %{{.*}}, [[S1]] : i64
// CHECK-NEXT: [[W0:%.*]] = arith.cmpi eq, [[I]], %{{.*}} : i64
// CHECK-NEXT: arith.select [[W0]]
// CHECK-NEXT: arith.cmpi eq, [[I]]
// CHECK-NEXT: arith.select
// CHECK-NEXT: arith.cmpi eq, [[I]]
// CHECK-NEXT: arith.select
// CHECK-NOT:  arith.select
// CHECK:      qc.output "got" [[S2]] : i64
