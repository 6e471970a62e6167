// Bernstein-Vazirani with the secret 1011 on 4 data qubits and an ancilla.
// Each data qubit is done after its query and its H: measured early, its
// physical qubit reset and handed to the next, the program runs on 2 qubits
// (`qckpt convert --reuse-qubits`). The ancilla stays quantum throughout,
// so every reuse point is a replay boundary whose cut is the ancilla.
OPENQASM 3.0;
include "stdgates.inc";
qubit[4] data;
qubit anc;
bit[4] c;
x anc;
h anc;
h data;
cx data[0], anc;
cx data[1], anc;
cx data[3], anc;
h data;
c = measure data;
