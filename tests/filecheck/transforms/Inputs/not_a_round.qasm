OPENQASM 3.0;
qubit[2] q;
bit s;
#pragma qckpt round
for int r in [0:5] {
  h q[0];
  s = measure q[0];
}
