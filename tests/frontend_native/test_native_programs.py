"""OpenQASM 3 programs that only qckpt's native frontend reads, run end to end.

Qiskit's importer cannot read any of these (``def``, ``switch``, ``int``
variables, ``!=``, ``&&``, loop variables indexing qubits, modifiers on user
gates, casts, slices, ``input``/``output``, physical qubits, ``let`` ...), so
the differential suite's trick of feeding one text to both importers does
not apply. Each program is instead checked against one of:

- an equivalent circuit written with Qiskit's Python API (control flow
  included) and run on Aer, compared with ``stats.assert_same_distribution``;
- an exact distribution derived by hand (or by enumerating the program's
  fair coin flips with a small model of its classical semantics, written out
  next to the program), compared with ``stats.assert_matches_exact`` (exact
  equality for deterministic programs).

Aer cannot do integer arithmetic in classical expressions (``expr.add`` is
"unknown op"), which is why the programs that compute with ``int`` variables
use exact distributions.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from qiskit import QuantumCircuit, QuantumRegister, ClassicalRegister
from qiskit.circuit import Gate
from qiskit.circuit.classical import expr
from qiskit.circuit.library import HGate, XGate

import stats
from qckpt.pipeline import compile_qasm

SHOTS = 8000


@dataclass(frozen=True)
class Native:
    name: str
    what: str
    source: str
    circuit: Callable[[], QuantumCircuit] | None = None  # equivalent circuit, run on Aer
    exact: Callable[[], dict[str, float]] | None = None  # exact outcome probabilities
    params: dict[str, float] = field(default_factory=dict)


HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'


def regs(*spec: tuple[str, int]) -> list[ClassicalRegister]:
    return [ClassicalRegister(n, name) for name, n in spec]


def coins(n: int, outcome: Callable[..., str]) -> dict[str, float]:
    """Exact distribution of ``outcome(b0, ..., b{n-1})`` over n fair coins."""
    dist: dict[str, float] = {}
    for bits in itertools.product((0, 1), repeat=n):
        k = outcome(*bits)
        dist[k] = dist.get(k, 0.0) + 2.0**-n
    return dist


def bits(value: int, width: int) -> str:
    return format(value & ((1 << width) - 1), f"0{width}b")


def key(*words: str) -> str:
    """A counts key from register values given in declaration order."""
    return " ".join(reversed(words))


# --------------------------------------------------------------------------
# Equivalent Qiskit circuits
# --------------------------------------------------------------------------


def _def_measure_return() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    (c,) = regs(("c", 3))
    qc = QuantumCircuit(q, c)
    qc.h(0)
    qc.cx(0, 1)
    qc.measure(1, c[0])
    qc.h(2)
    qc.x(1)
    qc.cx(2, 1)
    qc.measure(1, c[1])
    qc.ry(math.pi / 3, 0)
    qc.measure(0, c[2])
    qc.store(c[2], expr.bit_xor(c[2], c[0]))
    return qc


def _switch() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    c, r = regs(("c", 2), ("r", 3))
    qc = QuantumCircuit(q, c, r)
    qc.h(0)
    qc.h(1)
    qc.measure([0, 1], c)
    with qc.switch(c) as case:
        with case(0):
            qc.x(0)
        with case(1, 2):
            qc.x(1)
            qc.h(2)
        with case(case.DEFAULT):
            qc.x(2)
    qc.measure([0, 1, 2], r)
    return qc


def _neq_and_or() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    m, f = regs(("m", 3), ("f", 2))
    qc = QuantumCircuit(q, m, f)
    qc.h([0, 1, 2])
    qc.measure(q, m)
    with qc.if_test(expr.logic_and(expr.not_equal(m[0], m[1]), expr.equal(m[2], True))):
        qc.x(0)
    with qc.if_test(expr.logic_or(expr.equal(m[0], True), expr.logic_not(expr.equal(m[2], False)))):
        qc.x(1)
    with qc.if_test(expr.logic_not(expr.logic_or(m[0], m[1]))):
        qc.x(0)
    qc.measure(0, f[0])
    qc.measure(1, f[1])
    return qc


def _for_step_set() -> QuantumCircuit:
    q = QuantumRegister(6, "q")
    (c,) = regs(("c", 6))
    qc = QuantumCircuit(q, c)
    for i in (0, 2, 4):
        qc.h(i)
    for i in (5, 3, 1):
        qc.cx(i - 1, i)
    for j in (0, 3):
        qc.x(j + 1)
    qc.ry(0.3 * 2, 5)
    qc.ry(0.3 * 3, 5)
    for i in range(6):
        qc.measure(i, c[i])
    return qc


def _modifiers_builtin() -> QuantumCircuit:
    q = QuantumRegister(4, "q")
    (c,) = regs(("c", 4))
    qc = QuantumCircuit(q, c)
    qc.h(0)
    qc.h(1)
    qc.ccx(0, 1, 2)
    qc.append(HGate().control(1, ctrl_state=0, annotated=False), [0, 3])
    qc.h(2)
    qc.tdg(2)
    qc.t(2)
    qc.t(2)
    qc.h(2)
    qc.crx(math.pi / 2, 1, 3)
    qc.h(0)
    qc.sdg(0)
    qc.p(3 * 0.7, 0)
    qc.h(0)
    qc.measure(q, c)
    return qc


def _multi_controlled() -> QuantumCircuit:
    from qiskit.circuit.library import PhaseGate, RZGate, SGate, SwapGate, SXGate, UGate, YGate, ZGate

    q = QuantumRegister(4, "q")
    (c,) = regs(("c", 4))
    qc = QuantumCircuit(q, c)
    qc.h([0, 1, 2])
    qc.ry(0.4, 3)
    qc.append(HGate().control(2, annotated=False), [0, 1, 3])
    qc.append(ZGate().control(2, annotated=False), [0, 1, 2])
    qc.append(SGate().control(2, annotated=False), [1, 2, 0])
    qc.append(RZGate(0.7).control(2, annotated=False), [0, 2, 3])
    qc.append(XGate().control(3, annotated=False), [0, 1, 2, 3])
    qc.append(YGate().control(2, ctrl_state=0, annotated=False), [0, 1, 3])
    qc.append(SwapGate().control(2, annotated=False), [0, 1, 2, 3])
    qc.append(SXGate().control(2, annotated=False), [3, 0, 1])
    qc.append(UGate(0.3, 0.2, 0.1).control(2, annotated=False), [2, 3, 0])
    qc.append(PhaseGate(0.9).control(2, annotated=False), [3, 1, 2])
    qc.append(XGate().control(3, annotated=False), [3, 2, 1, 0])
    qc.h([0, 1, 2])
    qc.measure(q, c)
    return qc


def _rot_gate(a: float, b: float) -> Gate:
    sub = QuantumCircuit(2, name="rot")
    sub.ry(a, 0)
    sub.cx(0, 1)
    sub.rz(b, 1)
    return sub.to_gate()


def _modifiers_user_gate() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    (c,) = regs(("c", 3))
    qc = QuantumCircuit(q, c)
    qc.h(0)
    qc.append(_rot_gate(math.pi / 3, math.pi / 2).control(1, annotated=False), [0, 1, 2])
    qc.h(2)
    qc.append(_rot_gate(math.pi / 5, math.pi / 4).inverse(), [1, 2])
    qc.append(_rot_gate(math.pi / 7, math.pi / 3), [2, 1])
    qc.append(_rot_gate(math.pi / 7, math.pi / 3), [2, 1])
    qc.append(_rot_gate(math.pi / 2, 0.0).control(1, ctrl_state=0, annotated=False), [0, 2, 1])
    qc.h(1)
    qc.measure(q, c)
    return qc


def _gphase_ctrl() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    (c,) = regs(("c", 3))
    qc = QuantumCircuit(q, c)
    phased = QuantumCircuit(1, name="phased", global_phase=math.pi / 2)
    phased.x(0)
    qc.h(0)
    qc.p(math.pi / 4, 0)
    qc.append(phased.to_gate().control(1, annotated=False), [0, 1])
    qc.cx(0, 1)
    qc.h(0)
    qc.h(2)
    qc.x(1)
    qc.h(1)
    qc.cp(math.pi, 1, 2)  # ctrl(2) @ gphase(pi) q[1], q[2] on |1>|+>
    qc.h(2)
    qc.h(1)
    qc.measure(q, c)
    return qc


def _register_compare() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    c, r = regs(("c", 3), ("r", 3))
    qc = QuantumCircuit(q, c, r)
    qc.h(q)
    qc.measure(q, c)
    qc.reset(q)
    with qc.if_test(expr.equal(c, 5)):
        qc.x(0)
    with qc.if_test(expr.greater_equal(c, 6)):
        qc.x(1)
    with qc.if_test(expr.logic_and(expr.less(3, c), expr.less_equal(c, 5))):
        qc.x(2)
    qc.measure(q, r)
    return qc


def _builtin_fold() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    (c,) = regs(("c", 3))
    qc = QuantumCircuit(q, c)
    qc.ry(math.pi / 3, 0)
    qc.rx(math.pi / 4, 1)
    qc.ry(1.2, 2)
    qc.measure(q, c)
    return qc


def _input_params() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    b, rr = regs(("b", 1), ("rr", 2))
    qc = QuantumCircuit(q, b, rr)
    qc.rx(3 * 0.4, 0)
    qc.measure(0, b[0])
    qc.x(2)
    qc.h(1)
    qc.measure([1, 2], rr)
    return qc


def _physical_qubits() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    (c,) = regs(("c", 3))
    qc = QuantumCircuit(q, c)
    qc.h(0)
    qc.cx(0, 2)
    qc.x(1)
    qc.ry(0.8, 1)
    qc.measure(q, c)
    return qc


def _nested_gates() -> QuantumCircuit:
    def bell() -> Gate:
        s = QuantumCircuit(2, name="bell")
        s.h(0)
        s.cx(0, 1)
        return s.to_gate()

    def layer(t: float) -> Gate:
        s = QuantumCircuit(3, name="layer")
        s.append(bell(), [0, 1])
        s.ry(t, 2)
        s.cry(2 * t, 1, 2)
        return s.to_gate()

    def twice(t: float) -> Gate:
        s = QuantumCircuit(3, name="twice")
        s.append(layer(t), [0, 1, 2])
        s.append(layer(t / 2).inverse(), [2, 1, 0])
        return s.to_gate()

    q = QuantumRegister(3, "q")
    (c,) = regs(("c", 3))
    qc = QuantumCircuit(q, c)
    qc.append(twice(0.9), [0, 1, 2])
    qc.measure(q, c)
    return qc


def _oq2() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    c, d = regs(("c", 3), ("d", 1))
    qc = QuantumCircuit(q, c, d)
    qc.u(math.pi / 2, 0, math.pi, 0)
    qc.cp(math.pi / 2, 0, 1)
    qc.cx(0, 2)
    qc.measure(0, c[0])
    with qc.if_test((c, 1)):
        qc.x(1)
    qc.measure(q, c)
    with qc.if_test((c, 5)):
        qc.h(2)
    qc.measure(2, d[0])
    return qc


def _ghz_dynamic(n: int) -> Callable[[], QuantumCircuit]:
    """MQT Bench's ``ghz_dynamic`` construction (arXiv:2308.13065, Fig. 5)."""

    def build() -> QuantumCircuit:
        q = QuantumRegister(n, "q")
        final = ClassicalRegister(n, "final")
        mid = ClassicalRegister(n // 2, "mid")
        qc = QuantumCircuit(q, mid, final)
        qc.h(range(0, n, 2))
        for i in range(0, n, 2):
            if i - 1 >= 0:
                qc.cx(i, i - 1)
            if i + 1 < n - 1:
                qc.cx(i, i + 1)
        for b, qubit in zip(mid, range(1, n, 2)):
            qc.measure(qubit, b)
            with qc.if_test((b, 1)):
                qc.x(qubit)
        cond = mid[0]
        for i in range(2, n, 2):
            with qc.if_test(expr.equal(cond, True)):
                qc.x(i)
            if i // 2 < len(mid):
                cond = expr.bit_xor(cond, mid[i // 2])
        for i in range(0, n - 1, 2):
            qc.cx(i, i + 1)
        qc.measure(q, final)
        return qc

    return build


# --------------------------------------------------------------------------
# Exact distributions
# --------------------------------------------------------------------------


def _while_counter_exact() -> dict[str, float]:
    # n = number of draws until a 0, at most 5; last = the last draw.
    out: dict[str, float] = {}
    for k in range(1, 5):
        out[key(bits(k, 3), "0")] = 2.0**-k
    out[key(bits(5, 3), "0")] = 2.0**-5
    out[key(bits(5, 3), "1")] = 2.0**-5
    return out


def _uint_wrap_exact() -> dict[str, float]:
    def run(*b: int) -> str:
        acc, s = 5, 0
        for bi in b:
            acc = (acc * 3 + bi) % 8  # uint[3]
            s = s - 3 * bi + 1
            s = ((s + 8) % 16) - 8  # int[4], two's complement
        return key(bits(acc, 3), bits(s, 4), str(int(s < 0)))

    return coins(4, run)


def _break_continue_exact() -> dict[str, float]:
    # for i in [1:6]: n = i; draw; continue on 0, break on 1.
    out: dict[str, float] = {}
    for k in range(1, 7):
        out[key(bits(k, 3), "1", "1")] = 2.0**-k
    out[key(bits(6, 3), "0", "0")] = 2.0**-6
    return out


def _casts_exact() -> dict[str, float]:
    def run(m1: int, m2: int) -> str:
        m = 1 | m1 << 1 | m2 << 2
        v = m1 | m2 << 1
        v = v - 4 if v >= 2 else v  # int[2]
        u = m  # uint[3]
        out = int(v < 0) | int(u > 4) << 1 | int(u / 2 >= 1.5) << 2
        return key(bits(m, 3), "11", bits(out, 3))

    return coins(2, run)


def _shift_exact() -> dict[str, float]:
    def run(*m: int) -> str:
        x = m[0] | m[1] << 1 | m[2] << 2  # uint[4] x = m
        r = ((x << (1 + 1)) ^ (3 & 5)) | 0
        s = (x * 3 + (~x & 15)) % 16 >> 1
        t = int(x % 3 == 1 or x >> 1 == 3)
        return key(bits(x, 3), bits(r, 4), bits(s, 4), str(t))

    return coins(3, run)


def _int_signed_exact() -> dict[str, float]:
    def run(m0: int, m1: int) -> str:
        x = m0 | m1 << 1
        y = x - 5
        d = int(y / 2)  # truncation toward zero
        r = y - 3 * int(y / 3)  # remainder with the dividend's sign
        return key(bits(x, 2), bits(d, 4), bits(r, 4), str(int(y < -3)))

    return coins(2, run)


def _rus_until_two_ones_exact() -> dict[str, float]:
    out: dict[str, float] = {}

    def walk(prev: int, cur: int, k: int, p: float) -> None:
        if (prev and cur) or k >= 6:
            kk = key(str(prev), str(cur), bits(k, 3))
            out[kk] = out.get(kk, 0.0) + p
            return
        for b in (0, 1):
            walk(cur, b, k + 1, p / 2)

    walk(0, 0, 0, 1.0)
    return out


def _angle_exact() -> dict[str, float]:
    # a = pi/4 (+ pi if m); ry(a) r; then a <<= 1 is pi/2 either way.
    out = {}
    for m in (0, 1):
        a = math.pi / 4 + math.pi * m
        p1 = math.sin(a / 2) ** 2
        for r, p in ((0, 1 - p1), (1, p1)):
            out[key("010", str(m), "1", str(r))] = 0.5 * p
    return out


def _nested_loops_exact() -> dict[str, float]:
    # three inner loops, each 1 draw (prob 1/2) or 2 draws: t = 3 + Bin(3, 1/2)
    return coins(3, lambda a, b, c: bits(3 + a + b + c, 4))


PROGRAMS: list[Native] = [
    Native(
        "def_measure_return",
        "def with qubit and int arguments, a branch on the int, measure inside and return; result used in ^",
        HEAD
        + """qubit[3] q;
bit[3] c;
def entangle_and_read(qubit a, qubit b, int k) -> bit {
  h a;
  if (k > 1) { x b; }
  cx a, b;
  return measure b;
}
def tilt(qubit a, float t) -> bit {
  bit r;
  ry(t) a;
  r = measure a;
  return r;
}
c[0] = entangle_and_read(q[0], q[1], 0);
c[1] = entangle_and_read(q[2], q[1], 5);
c[2] = tilt(q[0], pi / 3) ^ c[0];
""",
        circuit=_def_measure_return,
    ),
    Native(
        "switch_case",
        "switch on a measured uint with a two-value case, a default, and gates in each case",
        HEAD
        + """qubit[3] q;
bit[2] c;
bit[3] r;
h q[0];
h q[1];
c = measure q[0:1];
uint[2] v = c;
switch (v) {
  case 0 { x q[0]; }
  case 1, 2 {
    x q[1];
    h q[2];
  }
  default { x q[2]; }
}
r = measure q;
""",
        circuit=_switch,
    ),
    Native(
        "while_int_counter",
        "int counter carried through a while loop whose condition reads a measured bit (&&, <)",
        HEAD
        + """qubit q;
bit[3] count;
bit last = 1;
int n = 0;
while (last == 1 && n < 5) {
  h q;
  last = measure q;
  reset q;
  n += 1;
}
count = n;
""",
        exact=_while_counter_exact,
    ),
    Native(
        "uint_wraparound_loop",
        "uint[3] and int[4] state updated in a counted loop from measurements: wrap-around and sign",
        HEAD
        + """qubit q;
qubit flag;
bit[3] acc_bits;
bit[4] s_bits;
bit negative;
uint[3] acc = 5;
int[4] s = 0;
for int i in [0:3] {
  bit b;
  h q;
  b = measure q;
  reset q;
  acc = acc * 3 + b;
  s = s - 3 * b + 1;
}
acc_bits = acc;
s_bits = s;
if (s < 0) { x flag; }
negative = measure flag;
""",
        exact=_uint_wrap_exact,
    ),
    Native(
        "neq_and_or_not",
        "!=, &&, ||, ! on measured bits in if conditions",
        HEAD
        + """qubit[3] q;
bit[3] m;
bit[2] f;
h q;
m = measure q;
if (m[0] != m[1] && m[2] == 1) { x q[0]; }
if (m[0] == 1 || !(m[2] == 0)) { x q[1]; }
if (!(m[0] || m[1])) x q[0];
f[0] = measure q[0];
f[1] = measure q[1];
""",
        circuit=_neq_and_or,
    ),
    Native(
        "for_step_and_set",
        "for over ranges with positive and negative steps and over a set; loop variables index qubits and bits",
        HEAD
        + """qubit[6] q;
bit[6] c;
for int i in [0:2:5] { h q[i]; }
for int i in [5:-2:1] { cx q[i - 1], q[i]; }
for uint j in {0, 3} { x q[j + 1]; }
for float t in {0.6, 0.9} { ry(t) q[5]; }
for int i in [0:5] { c[i] = measure q[i]; }
""",
        circuit=_for_step_set,
    ),
    Native(
        "break_continue",
        "continue on a 0 draw and break on a 1 inside a counted loop; the count is carried out of the loop",
        HEAD
        + """qubit q;
qubit r;
bit[3] tries;
bit done;
bit flag;
int n = 0;
for int i in [1:6] {
  n = i;
  h q;
  done = measure q;
  reset q;
  if (!done) { continue; }
  x r;
  break;
  x r;
}
tries = n;
flag = measure r;
""",
        exact=_break_continue_exact,
    ),
    Native(
        "modifiers_builtin",
        "ctrl(2) @ x, negctrl @ h, inv @ t, pow(2) @ t, ctrl @ rx, pow(-1) @ s, pow(3) @ p on builtin gates",
        HEAD
        + """qubit[4] q;
bit[4] c;
h q[0];
h q[1];
ctrl(2) @ x q[0], q[1], q[2];
negctrl @ h q[0], q[3];
h q[2];
inv @ t q[2];
pow(2) @ t q[2];
h q[2];
ctrl @ rx(pi / 2) q[1], q[3];
h q[0];
pow(-1) @ s q[0];
pow(3) @ p(0.7) q[0];
h q[0];
c = measure q;
""",
        circuit=_modifiers_builtin,
    ),
    Native(
        "multi_controlled",
        "two and three controls on h, s, rz, x, y (negctrl), swap, sx, U, and ctrl @ on cz, cphase, ccx: exact, "
        "relative phases made visible by interference",
        HEAD
        + """qubit[4] q;
bit[4] c;
h q[0]; h q[1]; h q[2]; ry(0.4) q[3];
ctrl(2) @ h q[0], q[1], q[3];
ctrl @ cz q[0], q[1], q[2];
ctrl(2) @ s q[1], q[2], q[0];
ctrl(2) @ rz(0.7) q[0], q[2], q[3];
ctrl(3) @ x q[0], q[1], q[2], q[3];
negctrl(2) @ y q[0], q[1], q[3];
ctrl(2) @ swap q[0], q[1], q[2], q[3];
ctrl(2) @ sx q[3], q[0], q[1];
ctrl @ ctrl @ U(0.3, 0.2, 0.1) q[2], q[3], q[0];
ctrl @ cphase(0.9) q[3], q[1], q[2];
ctrl @ ccx q[3], q[2], q[1], q[0];
h q[0]; h q[1]; h q[2];
c = measure q;
""",
        circuit=_multi_controlled,
    ),
    Native(
        "modifiers_user_gate",
        "ctrl @, inv @, pow(2) @, negctrl @ on a user gate with parameters",
        HEAD
        + """gate rot(a, b) x0, x1 {
  ry(a) x0;
  cx x0, x1;
  rz(b) x1;
}
qubit[3] q;
bit[3] c;
h q[0];
ctrl @ rot(pi / 3, pi / 2) q[0], q[1], q[2];
h q[2];
inv @ rot(pi / 5, pi / 4) q[1], q[2];
pow(2) @ rot(pi / 7, pi / 3) q[2], q[1];
negctrl @ rot(pi / 2, 0) q[0], q[2], q[1];
h q[1];
c = measure q;
""",
        circuit=_modifiers_user_gate,
    ),
    Native(
        "gphase_under_ctrl",
        "ctrl @ gphase, a gate whose body has gphase, ctrl(2) @ gphase: global phases made relative",
        HEAD
        + """gate phased a {
  gphase(pi / 2);
  x a;
}
qubit[3] q;
bit[3] c;
h q[0];
ctrl @ gphase(pi / 4) q[0];
ctrl @ phased q[0], q[1];
cx q[0], q[1];
h q[0];
h q[2];
x q[1];
h q[1];
ctrl(2) @ gphase(pi) q[1], q[2];
h q[2];
h q[1];
gphase(0.3);
c = measure q;
""",
        circuit=_gphase_ctrl,
    ),
    Native(
        "casts",
        "int[2](slice) with sign, uint[3](register), bool(...), int[2](bitstring), float(uint) / 2.0 compared",
        HEAD
        + """qubit[3] q;
bit[3] m;
bit[2] flags = "11";
bit[3] out;
x q[0];
h q[1];
h q[2];
m = measure q;
int[2] v = int[2](m[1:2]);
uint[3] u = uint[3](m);
float f = float(u) / 2.0;
out[0] = v < 0;
out[1] = bool(u > 4);
out[2] = f >= 1.5;
if (int[2](flags) != -1) { out = 0; }
""",
        exact=_casts_exact,
    ),
    Native(
        "bit_slicing",
        "measure into slices and index sets, read slices and sets into other registers",
        HEAD
        + """qubit[4] q;
bit[4] c;
bit[2] hi;
bit[3] picked;
h q[0];
cx q[0], q[1];
x q[3];
c[0:1] = measure q[0:1];
c[{3, 2}] = measure q[2:3];
hi = c[2:3];
picked = c[{0, 3, 2}];
""",
        exact=lambda: {key("0" + "1" + b + b, "01", "10" + b): 0.5 for b in "01"},
    ),
    Native(
        "register_int_compare",
        "a whole bit register compared with integers: ==, >=, <, <= and a combination",
        HEAD
        + """qubit[3] q;
bit[3] c;
bit[3] r;
h q;
c = measure q;
reset q;
if (c == 5) { x q[0]; }
if (c >= 6) { x q[1]; }
if (3 < c && c <= 5) { x q[2]; }
r = measure q;
""",
        circuit=_register_compare,
    ),
    Native(
        "builtin_functions_fold",
        "pi, π, tau, euler and every built-in function folded into gate angles",
        HEAD
        + """qubit[3] q;
bit[3] c;
const float a = arcsin(0.5) * 2;
ry(a) q[0];
rx(sqrt(2) * cos(π / 4) * tau / 8) q[1];
ry(ln(exp(1.2)) + arctan(1) - pi / 4 + mod(7, 3) - 1 + popcount(5) - 2 + rotl(1, 3) - 8 + rotr(8, 3) - 1
   + tan(0) + arccos(1) + sin(0) + euler - exp(1) + 2 ** 3 - 8) q[2];
c = measure q;
""",
        circuit=_builtin_fold,
    ),
    Native(
        "input_params",
        "input float and int from params= (loop count and angle), input uint selecting a branch",
        HEAD
        + """input float theta;
input int reps;
input uint[2] mode;
qubit[3] q;
bit b;
bit[2] rr;
for int i in [1:reps] { rx(theta) q[0]; }
b = measure q[0];
if (mode == 2) { x q[2]; } else { x q[1]; }
if (mode > 1) h q[1];
rr = measure q[1:2];
""",
        circuit=_input_params,
        params={"theta": 0.4, "reps": 3, "mode": 2},
    ),
    Native(
        "output_declarations",
        "only output variables are recorded when the program declares some",
        HEAD
        + """output bit[2] result;
bit[3] scratch;
output bit flag;
qubit[2] q;
h q[0];
cx q[0], q[1];
scratch[0] = measure q[0];
result = measure q;
flag = scratch[0];
""",
        exact=lambda: {key("00", "0"): 0.5, key("11", "1"): 0.5},
    ),
    Native(
        "physical_qubits",
        "$0, $1, $2 used without declarations; the builtin U",
        HEAD
        + """bit[3] c;
h $0;
cx $0, $2;
U(pi, 0, pi) $1;
ry(0.8) $1;
c[0] = measure $0;
c[1] = measure $1;
c[2] = measure $2;
""",
        circuit=_physical_qubits,
    ),
    Native(
        "nested_gates",
        "gates defined from gates, with parameter arithmetic, and inv @ of a gate inside a gate body",
        HEAD
        + """gate bell a, b { h a; cx a, b; }
gate layer(t) a, b, c { bell a, b; ry(t) c; cry(2 * t) b, c; }
gate twice(t) a, b, c { layer(t) a, b, c; inv @ layer(t / 2) c, b, a; }
qubit[3] q;
bit[3] c;
twice(0.9) q[0], q[1], q[2];
c = measure q;
""",
        circuit=_nested_gates,
    ),
    Native(
        "else_if_chain",
        "if / else if / else if / else on a measured register assigning integers to a bit register",
        HEAD
        + """qubit[2] q;
bit[2] c;
bit[3] r;
h q;
c = measure q;
if (c == 0) { r = 1; }
else if (c == 1) { r = 2; }
else if (c[1] && !c[0]) r = 4;
else { r = 7; }
""",
        exact=lambda: {key(bits(v, 2), bits(r, 3)): 0.25 for v, r in ((0, 1), (1, 2), (2, 4), (3, 7))},
    ),
    Native(
        "openqasm2_syntax",
        "OPENQASM 2.0 with qelib1.inc: qreg/creg, measure ->, if (c==1), u3, cu1",
        """OPENQASM 2.0;
include "qelib1.inc";
qreg q[3];
creg c[3];
creg d[1];
u3(pi/2, 0, pi) q[0];
cu1(pi/2) q[0], q[1];
cx q[0],q[2];
measure q[0] -> c[0];
if (c==1) x q[1];
measure q -> c;
if(c==5) h q[2];
measure q[2] -> d[0];
""",
        circuit=_oq2,
    ),
    Native(
        "ghz_dynamic_xor",
        "MQT-style dynamic GHZ on 7 qubits: mid-circuit measurement, if on a bit, and ^ chains in conditions",
        HEAD
        + """qubit[7] q;
bit[3] mid;
bit[7] final;
h q[0]; h q[2]; h q[4]; h q[6];
cx q[0], q[1];
cx q[2], q[1]; cx q[2], q[3];
cx q[4], q[3]; cx q[4], q[5];
cx q[6], q[5];
for int k in [0:2] {
  mid[k] = measure q[2 * k + 1];
  if (mid[k]) x q[2 * k + 1];
}
if (mid[0]) x q[2];
if (mid[0] ^ mid[1]) x q[4];
if ((mid[0] ^ mid[1] ^ mid[2]) == true) x q[6];
for int i in [0:2:5] { cx q[i], q[i + 1]; }
final = measure q;
""",
        circuit=_ghz_dynamic(7),
    ),
    Native(
        "angle_fixed_point",
        "angle[3]: a bit set from a measurement, angle addition modulo 2pi, <<=, comparison, use as a gate angle",
        HEAD
        + """qubit q;
qubit r;
bit[3] ab;
bit m;
bit same;
bit rr;
angle[3] a = pi / 4;
angle[3] b;
h q;
m = measure q;
b[2] = m;
a += b;
ry(a) r;
rr = measure r;
a <<= 1;
ab = bit[3](a);
same = a == pi / 2;
""",
        exact=_angle_exact,
    ),
    Native(
        "shift_bitwise_precedence",
        "<<, ^, &, |, ~, *, %, >> on a measured uint with OpenQASM precedence; == and || between",
        HEAD
        + """qubit[3] q;
bit[3] m;
bit[4] r;
bit[4] s;
bit t;
h q;
m = measure q;
uint[4] x = m;
r = x << 1 + 1 ^ 3 & 5 | 0;
s = (x * 3 + ~x) % 16 >> 1;
t = x % 3 == 1 || x >> 1 == 3;
""",
        exact=_shift_exact,
    ),
    Native(
        "int_signed_division",
        "int[8] arithmetic on negative run-time values: / truncates, % keeps the sign, < against a negative",
        HEAD
        + """qubit[2] q;
bit[2] m;
bit[4] d_bits;
bit[4] r_bits;
bit neg;
h q;
m = measure q;
int[8] x = m;
int[8] y = x - 5;
d_bits = y / 2;
r_bits = y % 3;
neg = y < -3;
""",
        exact=_int_signed_exact,
    ),
    Native(
        "let_alias_concat",
        "let aliases: concatenation with ++, a slice of an alias, an index set; gates broadcast over them",
        HEAD
        + """qubit[2] a;
qubit[3] b;
bit[5] c;
let all = a ++ b;
let mid = all[1:3];
let ends = all[{0, 4}];
x mid;
h ends[0];
cx ends[0], ends[1];
c = measure all;
""",
        exact=lambda: {"01110": 0.5, "11111": 0.5},
    ),
    Native(
        "subroutine_gate_syntax",
        "a def called as `f(1) s, q[0:1];` with a qubit-array parameter, and a loop variable indexing a call's qubit",
        HEAD
        + """def prep(int k, qubit a, qubit[2] pair) {
  if (k == 1) x a;
  h pair[0];
  cx pair[0], pair[1];
}
def read(qubit a) -> bit { return measure a; }
qubit[3] q;
qubit s;
bit[4] c;
prep(1) s, q[0:1];
for int i in [0:2] { c[i] = read(q[i]); }
c[3] = measure s;
""",
        exact=lambda: {"1000": 0.5, "1011": 0.5},
    ),
    Native(
        "box_pragma_annotation_reset",
        "#pragma, @annotation, box, barrier, and mid-circuit reset leave the semantics alone",
        """OPENQASM 3.0;
include "stdgates.inc";
#pragma qckpt policy every 4
qubit[2] q;
bit[2] c;
@qckpt.boundary kind=user
h q[0];
box {
  cx q[0], q[1];
}
barrier q;
reset q[1];
c = measure q;
""",
        exact=lambda: {"00": 0.5, "01": 0.5},
    ),
    Native(
        "while_until_two_ones",
        "while on measured bits with classical state carried (previous draw, count) and a cap",
        HEAD
        + """qubit q;
bit prev;
bit cur;
bit[3] n;
uint k = 0;
while (!(prev && cur) && k < 6) {
  prev = cur;
  h q;
  cur = measure q;
  reset q;
  k += 1;
}
n = k;
""",
        exact=_rus_until_two_ones_exact,
    ),
    Native(
        "bitstring_not_ops",
        "bitstring literals, ~ on constant and measured registers, ! and &&, a declaration initialised by measure",
        HEAD
        + """qubit[2] q;
bit[4] f = "1010";
bit[4] g;
bit h;
bit[2] nm;
x q[1];
bit[2] m = measure q;
g = ~f;
h = !m[0] && m[1];
nm = ~m;
""",
        exact=lambda: {key("1010", "0101", "1", "01", "10"): 1.0},
    ),
    Native(
        "const_and_shadowing",
        "const declarations sizing registers, a block that shadows a variable, integer ops on constants",
        HEAD
        + """const int n = 3;
const uint[4] m = n * 5;
qubit[n] q;
bit[n] c;
int k = 1;
{
  int k = 2;
  x q[k];
}
if (k == 1) x q[0];
if (m == 15 && -7 / 2 == -3 && -7 % 3 == -1) x q[1];
c = measure q;
""",
        exact=lambda: {"111": 1.0},
    ),
    Native(
        "nested_loops_break_inner",
        "a while(true) with break nested in a for; the inner count is added to an outer uint",
        HEAD
        + """qubit q;
bit[4] total;
uint t = 0;
for int i in [0:2] {
  int j = 0;
  while (true) {
    h q;
    bit b = measure q;
    reset q;
    j += 1;
    if (b || j >= 2) break;
  }
  t += j;
}
total = t;
""",
        exact=_nested_loops_exact,
    ),
]


def _check_conforms(qir: str) -> None:
    """What the frontend emits passes qckpt's own profile checker (run-time
    angles once emitted sitofp/fneg, which the checker rejects)."""
    import pyqir

    from qckpt.qir.check import check_module

    findings = check_module(pyqir.Module.from_ir(pyqir.Context(), qir))
    # Recording a float goes through qir-runner's name for it, a known extension.
    findings = [f for f in findings if not (f.severity == "extension" and "double_record_output" in f.message)]
    assert not findings, "\n".join(map(str, findings))


def test_enough_programs() -> None:
    names = [p.name for p in PROGRAMS]
    assert len(names) == len(set(names))
    assert len(PROGRAMS) >= 25
    for p in PROGRAMS:
        assert (p.circuit is None) != (p.exact is None), p.name


@pytest.mark.comparisons(1)
@pytest.mark.parametrize("prog", PROGRAMS, ids=lambda p: p.name)
def test_native_program(prog: Native, aer_counts, run_qir_complete) -> None:
    qir = compile_qasm(prog.source, f"{prog.name}.qasm", params=prog.params or None)
    _check_conforms(qir)
    result = run_qir_complete(qir, shots=SHOTS)
    if prog.exact is not None:
        probs = prog.exact()
        assert math.isclose(sum(probs.values()), 1.0), "the exact distribution must sum to 1"
        stats.assert_matches_exact(result.counts, probs)
        return
    circuit = prog.circuit()
    layout = [(name, len(bits_)) for name, bits_ in result.shots[0].registers().items()]
    assert layout == [(r.name, r.size) for r in circuit.cregs], "recorded registers differ from the circuit's"
    stats.assert_same_distribution(result.counts, aer_counts(prog.circuit, shots=SHOTS))
