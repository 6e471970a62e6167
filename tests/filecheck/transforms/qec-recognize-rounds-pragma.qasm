// RUN: qckpt convert %s --emit mlir | xdsl-opt -p qec-recognize-rounds | filecheck %s
// RUN: qckpt convert %S/Inputs/not_a_round.qasm --emit mlir | not xdsl-opt -p qec-recognize-rounds 2>&1 | filecheck %s --check-prefix=REFUSED
// A loop of rounds written by hand in OpenQASM 3, marked by its author.
OPENQASM 3.0;
include "stdgates.inc";
qubit[3] q;
bit s;
#pragma qckpt round
for int r in [0:5] {
  reset q[1];
  cx q[0], q[1];
  cx q[2], q[1];
  s = measure q[1];
}

// CHECK: scf.for %[[R:[^ ]*]] =
// CHECK:   qc.measure
// CHECK:   ckpt.boundary 0 logical "round" [%[[R]] as "round" : index]
// REFUSED: error: '#pragma qckpt round' on a loop that is not a round of syndrome extraction: its body does not reset, entangle and measure ancillas
