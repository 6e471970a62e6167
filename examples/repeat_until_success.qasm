// Repeat until success: q[0] is re-prepared until it measures 0; each try
// entangles it with q[1]. Used in docs/checkpoints.md.
OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[1] c;
bit[1] out;
h q[0];
c[0] = measure q[0];
while (c[0]) {
  reset q[0];
  h q[0];
  cx q[0], q[1];
  c[0] = measure q[0];
}
out[0] = measure q[1];
