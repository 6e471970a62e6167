// GHZ on 8 qubits in constant depth with mid-circuit parity measurements and
// feed-forward (Baeumer et al., "Efficient long-range entanglement using
// dynamic circuits", PRX Quantum 5, 030339 (2024); MQT Bench's ghz_dynamic).
// Bell pairs (0,1) (2,3) (4,5) (6,7) are fused by measuring the ZZ parity of
// the neighbouring qubits of two pairs on an ancilla; pair k is then fixed
// by an X on both its qubits when the XOR of the parities to its left is 1.
// The three parity outcomes select the fix-ups: `--checkpoint branches`
// puts a boundary right after each of them.
// Rotate each qubit by rz(phi) and measure in the X basis: the parity of
// the 8 outcomes has mean cos(8 phi) (the GHZ coherence); phi = 0 and
// basis = 0 (the default) measure in the Z basis (half 00000000, half 11111111).
OPENQASM 3.0;
include "stdgates.inc";
input float[64] phi;
input int[32] basis;
qubit[8] q;
qubit[3] a;
bit[3] parity;
bit[8] c;
for int i in [0:3] {
  h q[2 * i];
  cx q[2 * i], q[2 * i + 1];
}
for int i in [0:2] {
  cx q[2 * i + 1], a[i];
  cx q[2 * i + 2], a[i];
}
parity[0] = measure a[0];
parity[1] = measure a[1];
parity[2] = measure a[2];
if (parity[0]) { x q[2]; x q[3]; }
if (parity[0] ^ parity[1]) { x q[4]; x q[5]; }
if (parity[0] ^ parity[1] ^ parity[2]) { x q[6]; x q[7]; }
if (basis == 1) {
  for int i in [0:7] {
    rz(phi) q[i];
    h q[i];
  }
}
c = measure q;
