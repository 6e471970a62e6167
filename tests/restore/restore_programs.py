"""Programs that restoration needs beyond the differential corpus: a
replay whose recorded outcome is rare, and loops whose iterations begin with
a reset. Used by the CI sample (test_fault_injection_sample.py) and by
``benchmarks/restore_fault_injection.py``."""

from __future__ import annotations

HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'

# sin^2(0.451 / 2) = 0.0500: each round flips d[0] with probability 5%.
_ROUND = "cx d[0], a[0]; cx d[1], a[0]; cx d[1], a[1]; cx d[2], a[1];\n"


def repetition_code(checkpoint_after_round: int | None = None) -> str:
    """A 3-round bit-flip repetition code on 3 data qubits, an error of 5% on
    d[0] before each round. The data are measured only at the end, so every
    boundary before that is a replay boundary whose cone post-selects the
    syndromes so far. After two rounds the syndrome (s0, s1) = (10, 00) (d[0]
    flipped, then flipped back) has probability 0.05 * 0.05 = 0.25%: a
    1000-try post-selection gives up on it in (1 - 0.0025)^1000 = 8.2% of
    resumes. ``checkpoint_after_round`` places a ``#pragma qckpt
    checkpoint`` after that round's error (for the annotated policy)."""
    src = HEAD + "qubit[3] d;\nqubit[2] a;\nbit[2] s0;\nbit[2] s1;\nbit[2] s2;\nbit[3] out;\n"
    for r in range(3):
        src += "rx(0.451) d[0];\n"
        if checkpoint_after_round == r:
            src += "#pragma qckpt checkpoint\n"
        src += _ROUND + f"s{r} = measure a;\nreset a;\n"
    return src + "out = measure d;\n"


# Each iteration resets its target first: at the iteration start the target
# is dead (whatever entanglement the last iteration left), so `every`
# places an exact, restorable boundary there.
LOOP_RESET = HEAD + """qubit[2] q;
bit[2] c;
bit[1] last;
int[32] n = 0;
for int i in [0:3] {
  reset q[0];
  h q[0];
  cx q[0], q[1];
  c[0] = measure q[1];
  if (c[0]) { n = n + 1; }
  reset q[1];
  ry(0.7) q[0];
}
last[0] = measure q[0];
c[1] = n == 2;
"""

# Repeat until success (examples/repeat_until_success.qasm), with the target
# left entangled at the end of each try and reset at the start of the next.
RUS_RESET_FIRST = HEAD + """qubit[2] q;
bit[1] c;
bit[1] out;
h q[0];
c[0] = measure q[0];
while (c[0]) {
  reset q[0];
  h q[0];
  cx q[0], q[1];
  c[0] = measure q[1];
  reset q[1];
  ry(0.4) q[0];
}
out[0] = measure q[0];
"""

PROGRAMS: dict[str, str] = {
    "restore_repetition_code": repetition_code(),
    "restore_loop_reset": LOOP_RESET,
    "restore_rus_reset_first": RUS_RESET_FIRST,
}
