// Three stages on 10 qubits: a 4-qubit GHZ state, then a rotated
// GHZ whose last qubit is flipped when the first stage's first bit was 1,
// then a Bell pair fed forward from the second stage (4 + 4 + 2). Each stage is
// measured before the next starts, so the points between stages are exact
// boundaries and `qckpt split` gives each segment only its own qubits (plus
// a qubit whose recorded bit it re-prepares): the program runs on a 4-qubit
// executor segment by segment (`qckpt run-segments --max-qubits 4`).
OPENQASM 3.0;
include "stdgates.inc";
qubit[10] q;
bit[4] a;
bit[4] b;
bit[2] c;
h q[0]; cx q[0], q[1]; cx q[1], q[2]; cx q[2], q[3];
a = measure q[0:3];
ry(0.6) q[4]; cx q[4], q[5]; cx q[5], q[6]; cx q[6], q[7];
if (a[0]) x q[7];
b = measure q[4:7];
h q[8]; cx q[8], q[9];
if (b[3]) x q[9];
c = measure q[8:9];
