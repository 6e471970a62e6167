// RUN: qckpt convert %s --checkpoint interval --mtbf 1e-7 --emit mlir | filecheck %s
// A loop that measures inside a replay cone is not replayed: its outcomes
// are SSA values of the loop body, not recorded at the boundary. The
// boundary says why, and a resume falls back to the one before it.
OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[2] c;
h q[1];
for int i in [0:2] {
  cx q[1], q[0];
  c[0] = measure q[0];
}
x q[1];
c[1] = measure q[1];

// CHECK:      scf.for
// CHECK:      ckpt.boundary {{[0-9]+}} user "interval" {{.*}} {ckpt.not_restorable = "its cone has a measurement inside a loop"}
