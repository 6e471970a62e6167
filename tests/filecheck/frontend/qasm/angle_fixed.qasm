// RUN: qckpt convert %s --emit mlir | filecheck %s
// angle[4] is kept as its 4-bit pattern: a measured bit is set into it,
// and as a gate angle it is scaled by 2*pi/16.
OPENQASM 3.0;
include "stdgates.inc";
qubit q;
angle[4] a = pi / 2;
a[3] = measure q;
rz(a) q;

// CHECK-DAG:  [[FOUR:%.*]] = arith.constant 4 : i64
// CHECK-DAG:  [[SCALE:%.*]] = arith.constant 0.39269908169872414 : f64
// CHECK:      [[M:%.*]] = qc.measure
// CHECK:      [[BIT:%.*]] = arith.extui [[M]] : i1 to i64
// CHECK:      [[W:%.*]] = arith.ori %{{.*}}, %{{.*}} : i64
// CHECK-NEXT: [[MASKED:%.*]] = arith.andi [[W]], %{{.*}} : i64
// CHECK-NEXT: [[F:%.*]] = arith.sitofp [[MASKED]] : i64 to f64
// CHECK-NEXT: [[R:%.*]] = arith.mulf [[F]], [[SCALE]] : f64
// CHECK-NEXT: qc.gate "rz"([[R]])
