// Checkpoints where the author asks for them (--checkpoint annotated):
// after the first round's measurement, and at each iteration of the loop.
OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[2] c;
h q[0];
cx q[0], q[1];
c[0] = measure q[0];
c[1] = measure q[1];
#pragma qckpt checkpoint
reset q[0];
reset q[1];
@qckpt.checkpoint
for int k in [0:2] {
  h q[0];
  c[0] = measure q[0];
  reset q[0];
}
c[1] = measure q[1];
