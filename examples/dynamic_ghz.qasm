// GHZ on 8 qubits in constant depth (MQT Bench's ghz_dynamic construction):
// Bell pairs (0,1) (2,3) (4,5) (6,7), fused by measuring the parity of
// neighbouring pairs on ancillas; each pair is then fixed by an X controlled
// by the XOR of the parities to its left. Clifford with Pauli feed-forward:
// it runs on qir-runner and, at any size, on stim (--backend stim).
OPENQASM 3.0;
include "stdgates.inc";
qubit[8] q;
qubit[3] a;
bit[3] fuse;
bit[8] c;
for int i in [0:3] {
  h q[2 * i];
  cx q[2 * i], q[2 * i + 1];
}
for int i in [0:2] {
  cx q[2 * i + 1], a[i];
  cx q[2 * i + 2], a[i];
  fuse[i] = measure a[i];
}
if (fuse[0]) { x q[2]; x q[3]; }
if (fuse[0] ^ fuse[1]) { x q[4]; x q[5]; }
if (fuse[0] ^ fuse[1] ^ fuse[2]) { x q[6]; x q[7]; }
c = measure q;
