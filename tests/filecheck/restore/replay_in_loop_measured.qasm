// RUN: qckpt convert %s --checkpoint every --emit mlir | filecheck %s
// An iteration boundary whose cut is measured inside the loop (q[0] meets
// q[1], which the body measures): one replay per earlier iteration would
// have to post-select each iteration's outcome, which the boundary does not
// record. It says why, and a resume falls back to the boundary before it.
OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[2] c;
for int i in [0:3] {
  ry(0.5) q[0];
  cx q[0], q[1];
  c[1] = measure q[1];
  reset q[1];
  h q[1];
  cx q[1], q[0];
}
c[0] = measure q[0];

// CHECK:      scf.for
// CHECK:      ckpt.boundary 0 algorithmic "iteration" {{.*}} {ckpt.not_restorable = "its cone has a measurement inside the loop it is in"}
