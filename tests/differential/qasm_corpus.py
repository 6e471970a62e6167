"""OpenQASM 3 text programs for the differential test of ``compile_qasm``.

These go through qckpt's text front door, while the reference reads the same
text with ``qiskit.qasm3.loads`` and runs it on Aer. The programs are limited
to what that importer reads (no ``def``, ``switch``, ``int`` variables, ``!=``,
``&&``, or arrays indexed by a loop variable), which is why the control-flow
heavy cases live in ``corpus.py`` as Qiskit circuits instead. What this file
adds is the surface syntax: both measurement spellings, register-wide
measurement and reset, ``if``/``else`` with and without braces, ``while``,
``for`` over ranges and sets, the ``U`` builtin, gate modifiers-free stdgates,
and comments in odd places.

Every classical declaration is a sized ``bit[n]``: Qiskit's importer turns a
scalar ``bit b;`` into a loose Clbit that belongs to no register, so it never
appears in Qiskit's counts, and whether qckpt should record it is a
convention question this suite does not try to settle. OpenQASM 3's
``stdgates.inc`` has no lowercase ``u`` (the builtin is ``U``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QasmProgram:
    name: str
    description: str
    source: str
    deterministic: bool = False


QASM_PROGRAMS: list[QasmProgram] = [
    QasmProgram(
        "qasm_teleport",
        "teleportation with brace-less `if (m[1]) x q[2];` corrections and an undo of the teleported U state",
        """OPENQASM 3.0;
include "stdgates.inc";
qubit[3] q;
bit[2] m;
bit[1] out;
U(1.1, 0.7, -0.4) q[0];
h q[1];
cx q[1], q[2];
cx q[0], q[1];
h q[0];
m[0] = measure q[0];
m[1] = measure q[1];
if (m[1]) x q[2];
if (m[0]) z q[2];
U(-1.1, 0.4, -0.7) q[2];
out[0] = measure q[2];
""",
    ),
    QasmProgram(
        "qasm_while_until_zero",
        "repeat-until-success: `while (c[0])` re-measures after H until 0; a parity qubit counts iterations",
        """OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[1] c;
bit[1] par;
h q[0];
c[0] = measure q[0];
while (c[0]) {
  x q[1];
  h q[0];
  c[0] = measure q[0];
}
par[0] = measure q[1];
""",
    ),
    QasmProgram(
        "qasm_reset_reuse",
        "one qubit reused via `reset`, arrow-style `measure q -> c`, register-wide reset",
        """OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[4] c;
h q[0];
cx q[0], q[1];
measure q[0] -> c[0];
reset q[0];
x q[0];
measure q[0] -> c[1];
reset q[0];
ry(2*pi/3) q[0];
measure q[0] -> c[2];
reset q;
measure q[1] -> c[3];
""",
    ),
    QasmProgram(
        "qasm_register_compare",
        "`if (r == 5) { ... } else { ... }` on a 3-bit register measured in one statement",
        """OPENQASM 3.0;
include "stdgates.inc";
qubit[4] q;
bit[3] r;
bit[1] out;
h q[0];
h q[1];
h q[2];
r = measure q[0:2];
if (r == 5) {
  x q[3];
} else {
  ry(pi/3) q[3];
}
out[0] = measure q[3];
""",
    ),
    QasmProgram(
        "qasm_nested_if",
        "if/else nested inside if/else on two random bits, distinct rotation per leaf",
        """OPENQASM 3.0;
include "stdgates.inc";
qubit[3] q;
bit[2] b;
bit[1] out;
h q[0];
b[0] = measure q[0];
h q[1];
b[1] = measure q[1];
if (b[0]) {
  if (b[1]) {
    rx(pi/3) q[2];
  } else {
    ry(2*pi/3) q[2];
  }
} else {
  if (b[1]) {
    h q[2];
  } else {
    x q[2];
    // a comment inside a branch
  }
}
out[0] = measure q[2];
""",
    ),
    QasmProgram(
        "qasm_for_loops",
        "`for uint i in [0:4]` without using i, with i as a rotation angle, and over a discrete set {1, 3, 4}",
        """OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[2] c;
for uint i in [0:4] {
  rx(pi/5) q[0];
}
for uint j in [0:3] {
  ry(0.3 * j) q[1];
}
for uint k in {1, 3, 4} {
  rz(0.4 * k) q[1];
  ry(0.2) q[1];
}
c[0] = measure q[0];
c[1] = measure q[1];
""",
    ),
    QasmProgram(
        "qasm_ipe",
        "iterative phase estimation of p(2π·5/8): conditional `p(-pi/2)`/`p(-pi/4)` corrections, reset; reads 101",
        """OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[3] c;
x q[1];
h q[0];
cp(5*pi) q[0], q[1];
h q[0];
c[0] = measure q[0];
reset q[0];
h q[0];
cp(5*pi/2) q[0], q[1];
if (c[0]) p(-pi/2) q[0];
h q[0];
c[1] = measure q[0];
reset q[0];
h q[0];
cp(5*pi/4) q[0], q[1];
if (c[0]) p(-pi/4) q[0];
if (c[1]) p(-pi/2) q[0];
h q[0];
c[2] = measure q[0];
""",
        deterministic=True,
    ),
    QasmProgram(
        "qasm_dynamic_ghz",
        "4-qubit GHZ from two Bell pairs fused by a parity measurement and a braced conditional fix-up",
        """OPENQASM 3.0;
include "stdgates.inc";
qubit[4] d;
qubit a;
bit[1] par;
bit[4] ghz;
h d[0];
cx d[0], d[1];
h d[2];
cx d[2], d[3];
cx d[1], a;
cx d[2], a;
par[0] = measure a;
if (par[0]) {
  x d[2];
  x d[3];
}
ghz = measure d;
""",
    ),
    QasmProgram(
        "qasm_stdgates_conditioned",
        "the stdgates.inc set plus the U builtin inside a branch taken on a random flag, then a basis change",
        """OPENQASM 3.0;
include "stdgates.inc";
qubit[4] q;
bit[1] f;
bit[3] out;
h q[3];
f[0] = measure q[3];
ry(0.9) q[0];
ry(1.7) q[1];
ry(2.3) q[2];
if (f[0]) {
  h q[0]; x q[1]; y q[2]; z q[0]; s q[1]; sdg q[2]; t q[0]; tdg q[1]; sx q[2]; id q[0];
  rx(0.3) q[0]; ry(0.4) q[1]; rz(0.5) q[2]; p(0.6) q[0];
  u1(0.7) q[1]; u2(0.8, 0.9) q[2]; u3(1.0, 1.1, 1.2) q[0]; U(0.2, 0.1, -0.3) q[1];
  cx q[0], q[1]; cy q[1], q[2]; cz q[2], q[0]; ch q[0], q[2]; cp(0.7) q[1], q[0];
  crx(0.8) q[2], q[1]; cry(0.9) q[0], q[1]; crz(1.0) q[1], q[2]; cu(0.4, 0.5, 0.6, 0.7) q[2], q[0];
  swap q[0], q[2]; ccx q[0], q[1], q[2]; cswap q[2], q[0], q[1];
} else {
  tdg q[0]; sx q[1]; u3(0.5, -0.2, 0.1) q[2];
}
rz(0.6) q[0]; ry(1.1) q[0];
rz(0.6) q[1]; ry(1.1) q[1];
rz(0.6) q[2]; ry(1.1) q[2];
out = measure q[0:2];
""",
    ),
    QasmProgram(
        "qasm_barrier_deterministic",
        "barriers and a deterministic chain of feed-forward steps; reads 111",
        """OPENQASM 3.0;
include "stdgates.inc";
qubit[3] q;
bit[3] c;
x q[0];
barrier q;
c[0] = measure q[0];
if (c[0]) x q[1];
barrier q[0], q[1];
c[1] = measure q[1];
if (c == 3) {
  barrier q[2];
  x q[2];
}
c[2] = measure q[2];
""",
        deterministic=True,
    ),
]


def by_name(name: str) -> QasmProgram:
    for p in QASM_PROGRAMS:
        if p.name == name:
            return p
    raise KeyError(name)
