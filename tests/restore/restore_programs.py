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

# Replay cones with qubits that only their branches and loops touch. Under
# `interval` the boundary after the last top-level measurement has such a
# qubit as its cut; its cone post-selects that measurement, so a try that
# misses must reset the branch-only or loop-only qubit too, or the next try
# starts from the last one's leftovers (bound_parameters in the differential
# corpus has the same shape).
BRANCH_ONLY_QUBIT = HEAD + """qubit[3] q;
bit[1] c;
bit[2] out;
ry(1.2) q[0];
c[0] = measure q[0];
if (c[0]) {
  ry(0.9) q[1];
  cx q[1], q[2];
  ry(0.7) q[2];
} else {
  h q[1];
  cx q[1], q[2];
  rz(0.4) q[2];
  h q[2];
}
for int i in [0:1] {
  ry(0.45) q[2];
}
ry(1.1) q[1];
out[0] = measure q[1];
out[1] = measure q[2];
"""

# No branch: q[1] is touched only inside a constant loop.
LOOP_ONLY_QUBIT = HEAD + """qubit[2] q;
bit[2] c;
h q[0];
for int i in [0:2] {
  cx q[0], q[1];
  ry(0.5) q[1];
}
ry(0.8) q[0];
c[0] = measure q[0];
c[1] = measure q[1];
"""

# The branch's condition is itself a post-selected outcome of the cone, and
# q[2] exists only inside the branch (a large angle: a second rotation of
# what a missed try left behind is far from the first).
FEEDFORWARD_ONLY_QUBIT = HEAD + """qubit[3] q;
bit[2] m;
bit[1] out;
h q[0];
cx q[0], q[1];
m[0] = measure q[0];
if (m[0]) {
  ry(2.5) q[2];
  cx q[2], q[1];
}
ry(0.6) q[1];
m[1] = measure q[1];
out[0] = measure q[2];
"""

PROGRAMS: dict[str, str] = {
    "restore_repetition_code": repetition_code(),
    "restore_loop_reset": LOOP_RESET,
    "restore_rus_reset_first": RUS_RESET_FIRST,
    "restore_branch_only_qubit": BRANCH_ONLY_QUBIT,
    "restore_loop_only_qubit": LOOP_ONLY_QUBIT,
    "restore_feedforward_only_qubit": FEEDFORWARD_ONLY_QUBIT,
}
