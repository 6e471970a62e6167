OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
const int k = 1;
if (k == 2) { h q[7]; }
