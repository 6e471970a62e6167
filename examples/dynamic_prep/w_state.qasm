// A W state on 4 qubits, (|1000> + |0100> + |0010> + |0001>) / 2, prepared
// with measurement and feed-forward: a uniform superposition over a 2-qubit
// address register is decoded into one-hot form on w (w[j] = 1 exactly when
// the address is j), and the address is then uncomputed by measurement
// (measurement-based uncomputation: C. Gidney, "Halving the cost of quantum
// addition", Quantum 2, 74 (2018)): measuring the address in the X basis
// with outcome m leaves the phase (-1)^(m.j) on term j, which Z gates on
// w[j] undo for each j with m.j odd. The outcomes select the fix-ups:
// `--checkpoint branches` puts a boundary right after each of them.
// Without the fix-ups the populations are the same but the coherence is
// lost: `interfere = 1` mixes w[0] and w[1] (cx; h), after which a W state
// never gives w[0] = w[1] = 1 (the two terms cancel).
OPENQASM 3.0;
include "stdgates.inc";
input int[32] interfere;
qubit[2] addr;
qubit[4] w;
bit[2] m;
bit[4] c;
h addr[0];
h addr[1];
// one-hot decoding: w[j] ^= (addr == j), addr[0] the low bit
ccx addr[0], addr[1], w[3];
x addr[0];
ccx addr[0], addr[1], w[2];
x addr[1];
ccx addr[0], addr[1], w[0];
x addr[0];
ccx addr[0], addr[1], w[1];
x addr[1];
// uncompute the address by measuring it in the X basis
h addr[0];
h addr[1];
m[0] = measure addr[0];
m[1] = measure addr[1];
if (m[0]) { z w[1]; z w[3]; }
if (m[1]) { z w[2]; z w[3]; }
if (interfere == 1) {
  cx w[0], w[1];
  h w[0];
}
c = measure w;
