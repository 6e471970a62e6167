// The frontend's example (docs/frontend.md): inputs bound with --param,
// outputs recorded, a subroutine in a bounded repeat-until-success loop.
OPENQASM 3.0;
include "stdgates.inc";

input float theta;             // --param theta=0.8
input int[8] rounds;           // --param rounds=3
output bit[2] result;          // with outputs declared, only they are recorded
output uint[4] tries;

qubit[2] q;
bit done;

// repeat until the first qubit reads 1, at most `rounds` times
def attempt(qubit a, float t) -> bit {
  reset a;
  ry(t) a;
  return measure a;
}

uint n = 0;
while (!done && n < rounds) {
  done = attempt(q[0], theta);
  n += 1;
}
tries = n;
if (done) x q[1];
result = measure q;
