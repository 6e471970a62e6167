"""Dynamic-circuit programs for the differential test (qckpt on qir-runner vs Aer).

Each program is built with Qiskit's Python API rather than read from OpenQASM
text, because the constructs that matter most for a dynamic-circuit compiler
(``switch``, ``break``/``continue``, classical expressions over registers,
registers that alias other registers' bits) are exactly the ones Qiskit's
OpenQASM 3 importer cannot read. ``qasm_corpus.py`` covers the text path.

Design rules the statistics rely on (see ``stats.py``):

* Every outcome of a program has probability 0 or at least ~0.1 %, so that
  a 10⁴-shot reference sample sees every possible outcome and a
  "deterministic" reference sample (one outcome in every shot) really is
  deterministic. ``test_differential.py`` checks this loosely on the Aer
  reference (no outcome seen fewer than 3 times).
* Outcome supports stay small (at most a few dozen bitstrings): the
  two-sample bound grows like sqrt(k), and a small k keeps it tight.
* Phase-sensitive gates are followed by a basis change before measurement, so
  that getting a phase wrong moves the histogram instead of vanishing in the
  Z basis.
* ``deterministic=True`` marks programs whose whole output is one bitstring.
  The flag is checked against Aer, so it documents intent and guards against
  a corpus edit that silently makes a program random.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import acos, pi

from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Clbit, Parameter
from qiskit.circuit.classical import expr
from qiskit.circuit.library import U1Gate, U2Gate, U3Gate


@dataclass(frozen=True)
class Program:
    name: str
    description: str
    build: Callable[[], QuantumCircuit]
    deterministic: bool = False


PROGRAMS: list[Program] = []


def program(description: str, *, deterministic: bool = False):
    """Register a builder under its function name."""

    def register(fn: Callable[[], QuantumCircuit]) -> Callable[[], QuantumCircuit]:
        PROGRAMS.append(Program(fn.__name__, description, fn, deterministic))
        return fn

    return register


def by_name(name: str) -> Program:
    for p in PROGRAMS:
        if p.name == name:
            return p
    raise KeyError(name)


def _reveal_phase(qc: QuantumCircuit, qubit) -> None:
    """A fixed, generic basis change before measurement: makes relative
    phases (Z, S, T, P, RZ, controlled phases) visible in Z-basis counts."""
    qc.rz(0.6, qubit)
    qc.ry(1.1, qubit)


def _teleport(qc: QuantumCircuit, src, pair, dst, m: ClassicalRegister) -> None:
    """Bell measurement of (src, pair) with pair entangled with dst; the
    Pauli frame X^m[1] Z^m[0] is left to the caller."""
    qc.h(pair)
    qc.cx(pair, dst)
    qc.cx(src, pair)
    qc.h(src)
    qc.measure(src, m[0])
    qc.measure(pair, m[1])


# --------------------------------------------------------------------------
# Teleportation
# --------------------------------------------------------------------------


@program("teleport ry(2pi/3)|0>, X/Z corrections via if_test on single bits; out ~ Bernoulli(3/4)")
def teleport_ry() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    m = ClassicalRegister(2, "m")
    out = ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, m, out)
    qc.ry(2 * pi / 3, q[0])
    _teleport(qc, q[0], q[1], q[2], m)
    with qc.if_test((m[1], 1)):
        qc.x(q[2])
    with qc.if_test((m[0], 1)):
        qc.z(q[2])
    qc.measure(q[2], out[0])
    return qc


@program("teleport a generic u(θ,φ,λ) state then undo it: out is always 0 only if BOTH corrections are right")
def teleport_undo() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    m = ClassicalRegister(2, "m")
    out = ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, m, out)
    qc.u(1.1, 0.7, -0.4, q[0])
    _teleport(qc, q[0], q[1], q[2], m)
    with qc.if_test((m[1], 1)):
        qc.x(q[2])
    with qc.if_test((m[0], 1)):
        qc.z(q[2])
    qc.u(-1.1, 0.4, -0.7, q[2])  # u(θ,φ,λ)^-1 = u(-θ,-λ,-φ)
    qc.measure(q[2], out[0])
    return qc


@program("two teleport hops q0->q2->q0 reusing q0,q1 after reset; corrections deferred to a Pauli frame "
         "combined with expr.bit_xor over both hops' bits; then undo the state")
def teleport_twice_pauli_frame() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    m = ClassicalRegister(2, "m")
    n = ClassicalRegister(2, "n")
    out = ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, m, n, out)
    qc.u(0.9, -1.3, 0.5, q[0])
    _teleport(qc, q[0], q[1], q[2], m)
    qc.reset(q[0])
    qc.reset(q[1])
    _teleport(qc, q[2], q[1], q[0], n)
    # X^{n1} Z^{n0} X^{m1} Z^{m0} = ± X^{n1^m1} Z^{n0^m0}
    with qc.if_test(expr.bit_xor(m[1], n[1])):
        qc.x(q[0])
    with qc.if_test(expr.bit_xor(m[0], n[0])):
        qc.z(q[0])
    qc.u(-0.9, -0.5, 1.3, q[0])
    qc.measure(q[0], out[0])
    return qc


# --------------------------------------------------------------------------
# Repeat until success / while loops
# --------------------------------------------------------------------------


@program("RUS: H and measure until the outcome is 0 (while_loop on a bit); output is always 0",
         deterministic=True)
def rus_until_zero() -> QuantumCircuit:
    q = QuantumRegister(1, "q")
    c = ClassicalRegister(1, "c")
    qc = QuantumCircuit(q, c)
    qc.h(q[0])
    qc.measure(q[0], c[0])
    with qc.while_loop((c[0], 1)):
        qc.h(q[0])
        qc.measure(q[0], c[0])
    return qc


@program("RUS with loop-carried quantum state: a parity qubit flipped and a ry(pi/3) applied per iteration "
         "(P(odd iterations) = 1/3)")
def rus_iteration_parity() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    c = ClassicalRegister(1, "c")
    par = ClassicalRegister(1, "par")
    rot = ClassicalRegister(1, "rot")
    qc = QuantumCircuit(q, c, par, rot)
    qc.h(q[0])
    qc.measure(q[0], c[0])
    with qc.while_loop((c[0], 1)):
        qc.x(q[1])
        qc.ry(pi / 3, q[2])
        qc.h(q[0])
        qc.measure(q[0], c[0])
    qc.measure(q[1], par[0])
    qc.measure(q[2], rot[0])
    return qc


@program("RUS for the heralded rx(θ), cos θ = 3/5 (N&C ex. 4.41): Toffoli-S-Toffoli trial repeated while the "
         "ancilla register != 0 (expr.not_equal as the loop condition), undoing the failure X each time; "
         "rx(-θ) at the end makes it deterministic", deterministic=True)
def rus_heralded_rx() -> QuantumCircuit:
    anc = QuantumRegister(2, "anc")
    tgt = QuantumRegister(1, "tgt")
    mid = ClassicalRegister(2, "mid")
    final = ClassicalRegister(1, "final")
    qc = QuantumCircuit(anc, tgt, mid, final)

    def trial() -> None:
        qc.h(tgt[0])
        qc.h(anc)
        qc.ccx(anc[0], anc[1], tgt[0])
        qc.s(tgt[0])
        qc.ccx(anc[0], anc[1], tgt[0])
        qc.h(anc)
        qc.h(tgt[0])
        qc.measure(anc, mid)

    trial()
    with qc.while_loop(expr.not_equal(mid, 0)):
        with qc.if_test((mid[0], 1)):  # measure-and-flip reset of the ancillas
            qc.x(anc[0])
        with qc.if_test((mid[1], 1)):
            qc.x(anc[1])
        qc.x(tgt[0])  # a failed trial applied X
        trial()
    qc.rx(-acos(3 / 5), tgt[0])
    qc.measure(tgt[0], final[0])
    return qc


@program("while on a measurement with an expr condition (logic_not): ry(pi/4)-and-measure until 1, with a "
         "second qubit rotated rx(pi/3) every iteration")
def while_expr_condition() -> QuantumCircuit:
    q = QuantumRegister(2, "q")
    c = ClassicalRegister(1, "c")
    acc = ClassicalRegister(1, "acc")
    qc = QuantumCircuit(q, c, acc)
    qc.measure(q[0], c[0])  # c := 0
    with qc.while_loop(expr.logic_not(c[0])):
        qc.ry(pi / 4, q[0])
        qc.measure(q[0], c[0])
        qc.rx(pi / 3, q[1])
    qc.measure(q[1], acc[0])
    return qc


@program("while loop (bit condition) whose body breaks out early from inside an if_test")
def while_with_break() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    c = ClassicalRegister(2, "c")
    out = ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, c, out)
    # Loop "forever" on c[1] == 0; leave either by break (c[0] == 1) or when
    # the second coin c[1] comes up 1.
    with qc.while_loop((c[1], 0)):
        qc.ry(pi / 5, q[2])
        qc.h(q[0])
        qc.measure(q[0], c[0])
        qc.reset(q[0])
        with qc.if_test((c[0], 1)):
            qc.break_loop()
        qc.h(q[1])
        qc.measure(q[1], c[1])
        qc.reset(q[1])
    qc.measure(q[2], out[0])
    return qc


@program("while loop with continue: iterations whose coin is 0 skip the rotation; loop runs until a "
         "second coin is 1")
def while_with_continue() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    c = ClassicalRegister(2, "c")
    out = ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, c, out)
    with qc.while_loop((c[1], 0)):
        qc.h(q[1])
        qc.measure(q[1], c[1])
        qc.reset(q[1])
        qc.h(q[0])
        qc.measure(q[0], c[0])
        qc.reset(q[0])
        with qc.if_test((c[0], 0)):
            qc.continue_loop()
        qc.rx(pi / 3, q[2])
    qc.measure(q[2], out[0])
    return qc


# --------------------------------------------------------------------------
# Phase estimation
# --------------------------------------------------------------------------


def _ipe(phi: float, rounds: int, *, active_reset: bool) -> QuantumCircuit:
    """Iterative phase estimation of P(2πφ) on its eigenstate |1>: round j
    measures bit j (least significant first) after removing the already known
    lower bits with p(-π/2^(j-l)) under if_test(c[l])."""
    anc = QuantumRegister(1, "anc")
    tgt = QuantumRegister(1, "tgt")
    c = ClassicalRegister(rounds, "c")
    qc = QuantumCircuit(anc, tgt, c)
    qc.x(tgt[0])
    for j in range(rounds):
        qc.h(anc[0])
        qc.cp(2 * pi * phi * 2 ** (rounds - 1 - j), anc[0], tgt[0])
        for l in range(j):
            with qc.if_test((c[l], 1)):
                qc.p(-pi / 2 ** (j - l), anc[0])
        qc.h(anc[0])
        qc.measure(anc[0], c[j])
        if j + 1 < rounds:
            if active_reset:
                with qc.if_test((c[j], 1)):
                    qc.x(anc[0])
            else:
                qc.reset(anc[0])
    return qc


@program("iterative phase estimation, phi = 0.101b exactly: 3 rounds, reset, conditional p(-pi/2^k) "
         "corrections; always reads 101", deterministic=True)
def ipe_exact() -> QuantumCircuit:
    return _ipe(5 / 8, 3, active_reset=False)


@program("iterative phase estimation, phi = 0.3 (not dyadic): 3 rounds, measure-and-conditional-X reset; "
         "peaked distribution")
def ipe_inexact_active_reset() -> QuantumCircuit:
    return _ipe(0.3, 3, active_reset=True)


# --------------------------------------------------------------------------
# Dynamic GHZ
# --------------------------------------------------------------------------


def _dynamic_ghz(qc: QuantumCircuit, d: QuantumRegister, a, par: ClassicalRegister) -> None:
    """Three Bell pairs fused into a 6-qubit GHZ state by measuring the
    parities d1^d2 and d3^d4 with one reused ancilla; pair 2 is fixed up if
    par[0], pair 3 if par[0] ^ par[1]."""
    for i in (0, 2, 4):
        qc.h(d[i])
        qc.cx(d[i], d[i + 1])
    qc.cx(d[1], a)
    qc.cx(d[2], a)
    qc.measure(a, par[0])
    qc.reset(a)
    qc.cx(d[3], a)
    qc.cx(d[4], a)
    qc.measure(a, par[1])
    with qc.if_test(expr.lift(par[0])):
        qc.x(d[2])
        qc.x(d[3])
    with qc.if_test(expr.bit_xor(par[0], par[1])):
        qc.x(d[4])
        qc.x(d[5])


@program("dynamic GHZ on 6 qubits: parity ancilla reused, X fix-ups under expr.bit_xor; data is 000000 or 111111")
def dynamic_ghz() -> QuantumCircuit:
    d = QuantumRegister(6, "d")
    a = QuantumRegister(1, "a")
    par = ClassicalRegister(2, "par")
    ghz = ClassicalRegister(6, "ghz")
    qc = QuantumCircuit(d, a, par, ghz)
    _dynamic_ghz(qc, d, a[0], par)
    qc.measure(d, ghz)
    return qc


@program("dynamic GHZ then unitary un-computation (cx ladder + h): data reads all zeros only if the state "
         "is the coherent GHZ state, so phase errors in the fix-ups show")
def dynamic_ghz_uncompute() -> QuantumCircuit:
    d = QuantumRegister(6, "d")
    a = QuantumRegister(1, "a")
    par = ClassicalRegister(2, "par")
    data = ClassicalRegister(6, "data")
    qc = QuantumCircuit(d, a, par, data)
    _dynamic_ghz(qc, d, a[0], par)
    for i in range(5, 0, -1):
        qc.cx(d[i - 1], d[i])
    qc.h(d[0])
    qc.measure(d, data)
    return qc


# --------------------------------------------------------------------------
# Reset, reuse, repeated measurement
# --------------------------------------------------------------------------


@program("one qubit reused four times through reset, including a reset of a qubit entangled with another")
def reset_reuse() -> QuantumCircuit:
    q = QuantumRegister(2, "q")
    c = ClassicalRegister(5, "c")
    qc = QuantumCircuit(q, c)
    qc.h(q[0])
    qc.cx(q[0], q[1])
    qc.measure(q[0], c[0])
    qc.reset(q[0])
    qc.x(q[0])
    qc.measure(q[0], c[1])  # always 1
    qc.reset(q[0])
    qc.ry(2 * pi / 3, q[0])
    qc.measure(q[0], c[2])  # Bernoulli(3/4)
    qc.reset(q[0])
    qc.cx(q[1], q[0])
    qc.measure(q[0], c[3])  # copy of c[0]
    qc.measure(q[1], c[4])  # copy of c[0]
    return qc


@program("the same qubit measured repeatedly into different bits, with gates in between, and one bit "
         "overwritten by a later measurement")
def multi_measure() -> QuantumCircuit:
    q = QuantumRegister(2, "q")
    c = ClassicalRegister(4, "c")
    z = ClassicalRegister(1, "z")
    qc = QuantumCircuit(q, c, z)
    qc.h(q[0])
    qc.measure(q[0], c[0])
    qc.measure(q[0], c[1])  # equals c[0]
    qc.x(q[0])
    qc.measure(q[0], c[2])  # not c[0]
    qc.ry(pi / 3, q[0])
    qc.measure(q[0], c[3])
    qc.h(q[1])
    qc.measure(q[1], z[0])
    qc.measure(q[0], z[0])  # overwrites z[0] with the current value of q0 (= c[3])
    return qc


@program("measurement inside if/else branches: the branch decides what is measured into the shared bit")
def conditional_measure() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    c = ClassicalRegister(1, "c")
    r = ClassicalRegister(1, "r")
    qc = QuantumCircuit(q, c, r)
    qc.h(q[0])
    qc.measure(q[0], c[0])
    qc.ry(pi / 3, q[1])
    qc.ry(2 * pi / 3, q[2])
    with qc.if_test((c[0], 1)) as else_:
        qc.measure(q[1], r[0])
    with else_:
        qc.measure(q[2], r[0])
    return qc


# --------------------------------------------------------------------------
# Branching
# --------------------------------------------------------------------------


@program("if/else nested two deep on three random bits, distinct rotation in each of the four leaves")
def nested_if_else() -> QuantumCircuit:
    q = QuantumRegister(4, "q")
    b = ClassicalRegister(3, "b")
    out = ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, b, out)
    for i in range(3):
        qc.h(q[i])
        qc.measure(q[i], b[i])
    t = q[3]
    with qc.if_test((b[0], 1)) as else_:
        with qc.if_test((b[1], 1)) as else_inner:
            qc.ry(pi / 3, t)
        with else_inner:
            qc.rx(2 * pi / 3, t)
    with else_:
        with qc.if_test((b[2], 0)) as else_inner2:
            qc.h(t)
        with else_inner2:
            qc.x(t)
    qc.measure(t, out[0])
    return qc


@program("if_test((creg, 5)) and if_test((creg, 2)) with else on a 3-bit random register (register-to-integer)")
def if_register_equals() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    r = ClassicalRegister(3, "r")
    out = ClassicalRegister(2, "out")
    qc = QuantumCircuit(q, r, out)
    for i in range(3):  # one qubit, reused, makes three random bits
        qc.h(q[0])
        qc.measure(q[0], r[i])
        qc.reset(q[0])
    with qc.if_test((r, 5)):
        qc.x(q[1])
    with qc.if_test((r, 2)) as else_:
        qc.x(q[2])
    with else_:
        qc.ry(pi / 3, q[2])
    qc.measure(q[1], out[0])
    qc.measure(q[2], out[1])
    return qc


@program("classical expressions: equal(r,3), less(r,2), greater_equal(r,6), logic_and/logic_or/logic_not, "
         "bit_and/bit_or/bit_not on bits and registers, each setting its own flag qubit")
def expr_comparisons() -> QuantumCircuit:
    q = QuantumRegister(7, "q")
    r = ClassicalRegister(3, "r")
    f = ClassicalRegister(6, "f")
    qc = QuantumCircuit(q, r, f)
    for i in range(3):
        qc.h(q[0])
        qc.measure(q[0], r[i])
        qc.reset(q[0])
    with qc.if_test(expr.equal(r, 3)):
        qc.x(q[1])
    with qc.if_test(expr.less(r, 2)):
        qc.x(q[2])
    with qc.if_test(expr.greater_equal(r, 6)):
        qc.x(q[3])
    with qc.if_test(expr.logic_and(expr.less_equal(r, 5), expr.logic_not(r[0]))):
        qc.x(q[4])
    with qc.if_test(expr.logic_or(expr.greater(r, 6), expr.bit_and(r[0], r[1]))):
        qc.x(q[5])
    with qc.if_test(expr.logic_or(expr.equal(expr.bit_and(expr.bit_not(r), 5), 4),
                                  expr.equal(expr.bit_or(r, 1), 7))):
        qc.x(q[6])  # (~r & 5) == 4  or  (r | 1) == 7:  r in {1, 3, 6, 7}
    qc.measure(q[1:7], f)
    return qc


@program("switch on a 2-bit register: case 0, case (1, 2), default (builder form)")
def switch_register() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    c = ClassicalRegister(2, "c")
    o = ClassicalRegister(1, "o")
    qc = QuantumCircuit(q, c, o)
    qc.h(q[0])
    qc.h(q[1])
    qc.measure(q[0], c[0])
    qc.measure(q[1], c[1])
    with qc.switch(c) as case:
        with case(0):
            qc.x(q[2])
        with case(1, 2):
            qc.ry(pi / 3, q[2])
        with case(case.DEFAULT):
            qc.h(q[2])
            qc.s(q[2])
            qc.h(q[2])
    qc.measure(q[2], o[0])
    return qc


@program("switch on a single Clbit (True/False cases) and on a 3-bit register with an unreachable-gap case list")
def switch_bit_and_sparse_cases() -> QuantumCircuit:
    q = QuantumRegister(4, "q")
    r = ClassicalRegister(3, "r")
    o = ClassicalRegister(2, "o")
    qc = QuantumCircuit(q, r, o)
    for i in range(3):
        qc.h(q[i])
        qc.measure(q[i], r[i])
    with qc.switch(r[2]) as case:
        with case(True):
            qc.ry(2 * pi / 3, q[3])
        with case(False):
            qc.ry(pi / 6, q[3])
    qc.measure(q[3], o[0])
    qc.reset(q[3])
    with qc.switch(r) as case:
        with case(7, 1):
            qc.x(q[3])
        with case(4):
            qc.ry(pi / 2, q[3])
        with case(case.DEFAULT):
            pass
    qc.measure(q[3], o[1])
    return qc


@program("switch inside a for_loop with break in the default case: each iteration draws 2 random bits and "
         "dispatches on them; 3 ends the loop")
def switch_in_loop_with_break() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    sel = ClassicalRegister(2, "sel")
    out = ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, sel, out)
    with qc.for_loop(range(3)):
        qc.h(q[0])
        qc.h(q[1])
        qc.measure(q[0], sel[0])
        qc.measure(q[1], sel[1])
        qc.reset(q[0])
        qc.reset(q[1])
        with qc.switch(sel) as case:
            with case(0):
                qc.rx(pi / 2, q[2])
            with case(1):
                qc.ry(pi / 3, q[2])
            with case(2):
                qc.z(q[2])
            with case(case.DEFAULT):
                qc.break_loop()
    _reveal_phase(qc, q[2])
    qc.measure(q[2], out[0])
    return qc


# --------------------------------------------------------------------------
# For loops
# --------------------------------------------------------------------------


@program("for_loop over range(5) without a loop parameter: 5 x rx(pi/5) = rx(pi) and a parity flip; "
         "always 1 1, any other trip count shows", deterministic=True)
def for_plain() -> QuantumCircuit:
    q = QuantumRegister(2, "q")
    c = ClassicalRegister(2, "c")
    qc = QuantumCircuit(q, c)
    with qc.for_loop(range(5)):
        qc.rx(pi / 5, q[0])
        qc.x(q[1])
    qc.measure(q, c)
    return qc


@program("for_loop parameter used as a gate angle: range(4) with non-commuting ry(0.4 i), rz(0.7 i), and "
         "range(1, 7, 2) in a controlled phase cp(0.5 i)")
def for_param_angle() -> QuantumCircuit:
    q = QuantumRegister(2, "q")
    c = ClassicalRegister(2, "c")
    qc = QuantumCircuit(q, c)
    with qc.for_loop(range(4)) as i:
        qc.ry(0.4 * i, q[0])
        qc.rz(0.7 * i, q[0])
    qc.h(q[1])
    with qc.for_loop(range(1, 7, 2)) as k:
        qc.cp(0.5 * k, q[0], q[1])
    qc.h(q[1])
    _reveal_phase(qc, q[0])
    qc.measure(q, c)
    return qc


@program("for_loop(range(4)) with break_loop on a mid-circuit coin; the loop-carried ry(pi/3) counts "
         "iterations")
def for_with_break() -> QuantumCircuit:
    q = QuantumRegister(2, "q")
    c = ClassicalRegister(1, "c")
    out = ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, c, out)
    with qc.for_loop(range(4)):
        qc.ry(pi / 3, q[1])
        qc.h(q[0])
        qc.measure(q[0], c[0])
        qc.reset(q[0])
        with qc.if_test((c[0], 1)):
            qc.break_loop()
    qc.measure(q[1], out[0])
    return qc


@program("for_loop(range(4)) with continue_loop on a coin, skipping the loop's rotation")
def for_with_continue() -> QuantumCircuit:
    q = QuantumRegister(2, "q")
    c = ClassicalRegister(1, "c")
    out = ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, c, out)
    with qc.for_loop(range(4)):
        qc.h(q[0])
        qc.measure(q[0], c[0])
        qc.reset(q[0])
        with qc.if_test((c[0], 1)):
            qc.continue_loop()
        qc.ry(pi / 4, q[1])
    qc.measure(q[1], out[0])
    return qc


@program("loops nested in loops and branches: for(2) { while (RUS) { if ... } } and a for inside an else")
def nested_loops() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    c = ClassicalRegister(1, "c")
    f = ClassicalRegister(1, "f")
    out = ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, c, f, out)
    with qc.for_loop(range(2)):
        qc.h(q[0])
        qc.measure(q[0], c[0])
        with qc.while_loop((c[0], 1)):
            with qc.if_test((c[0], 1)):
                qc.rx(pi / 4, q[2])
            qc.h(q[0])
            qc.measure(q[0], c[0])
    qc.h(q[1])
    qc.measure(q[1], f[0])
    with qc.if_test((f[0], 1)) as else_:
        qc.x(q[2])
    with else_:
        with qc.for_loop(range(3)):
            qc.ry(pi / 6, q[2])
    qc.measure(q[2], out[0])
    return qc


# --------------------------------------------------------------------------
# Registers, parameters, barriers
# --------------------------------------------------------------------------


@program("loose Clbits grouped into interleaved registers lo=[b0,b3], hi=[b4,b1,b2] (not contiguous), "
         "used in a register condition")
def interleaved_registers() -> QuantumCircuit:
    bits = [Clbit() for _ in range(5)]
    q = QuantumRegister(4, "q")
    qc = QuantumCircuit(q, bits)
    lo = ClassicalRegister(name="lo", bits=[bits[0], bits[3]])
    hi = ClassicalRegister(name="hi", bits=[bits[4], bits[1], bits[2]])
    qc.add_register(lo)
    qc.add_register(hi)
    qc.h(q[0])
    qc.measure(q[0], lo[0])
    qc.x(q[1])
    qc.measure(q[1], hi[0])  # 1
    qc.h(q[2])
    qc.measure(q[2], hi[1])
    with qc.if_test((hi, 0b011)):
        qc.x(q[3])
    qc.measure(q[3], lo[1])  # = hi[1]
    qc.ry(pi / 3, q[0])
    qc.measure(q[0], hi[2])
    return qc


@program("a register made of bits of two other registers (mix=[a[2], b[0]], overlapping them), used in a "
         "condition and recorded alongside them")
def overlapping_registers() -> QuantumCircuit:
    q = QuantumRegister(4, "q")
    a = ClassicalRegister(3, "a")
    b = ClassicalRegister(2, "b")
    qc = QuantumCircuit(q, a, b)
    mix = ClassicalRegister(name="mix", bits=[a[2], b[0]])
    qc.add_register(mix)
    qc.h(q[0])
    qc.measure(q[0], a[2])
    qc.h(q[1])
    qc.measure(q[1], b[0])
    with qc.if_test((mix, 2)):  # a[2] == 0 and b[0] == 1
        qc.x(q[2])
    qc.measure(q[2], a[0])
    with qc.if_test(expr.equal(mix, 3)):
        qc.ry(pi / 3, q[3])
    qc.measure(q[3], b[1])
    qc.measure(q[2], a[1])
    return qc


@program("parametrized circuit (θ, φ, λ and expressions of them) in gates inside branches and a loop, all "
         "bound with assign_parameters")
def bound_parameters() -> QuantumCircuit:
    theta, phi, lam = Parameter("θ"), Parameter("φ"), Parameter("λ")
    q = QuantumRegister(3, "q")
    c = ClassicalRegister(1, "c")
    out = ClassicalRegister(2, "out")
    qc = QuantumCircuit(q, c, out)
    qc.ry(theta, q[0])
    qc.measure(q[0], c[0])
    with qc.if_test((c[0], 1)) as else_:
        qc.u(theta, phi, lam, q[1])
        qc.crx(2 * phi, q[1], q[2])
    with else_:
        qc.rx(theta + phi, q[1])
        qc.cp(lam - theta, q[1], q[2])
    with qc.for_loop(range(2)):
        qc.rz(phi / 2, q[2])
        qc.ry(lam, q[2])
    _reveal_phase(qc, q[1])
    qc.measure(q[1], out[0])
    qc.measure(q[2], out[1])
    return qc.assign_parameters({theta: 1.2, phi: -0.7, lam: 0.45})


@program("barriers everywhere (full, partial, inside if/else, loop and switch bodies): must not change semantics")
def barriers() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    c = ClassicalRegister(2, "c")
    out = ClassicalRegister(1, "out")
    qc = QuantumCircuit(q, c, out)
    qc.h(q[0])
    qc.barrier()
    qc.measure(q[0], c[0])
    qc.barrier(q[0], q[1])
    with qc.if_test((c[0], 1)) as else_:
        qc.barrier(q[2])
        qc.ry(pi / 3, q[2])
        qc.barrier()
    with else_:
        qc.barrier(q[1], q[2])
        qc.rx(2 * pi / 3, q[2])
    with qc.for_loop(range(2)):
        qc.barrier(q[1])
        qc.h(q[1])
    qc.measure(q[1], c[1])  # h twice: always 0
    with qc.switch(c) as case:
        with case(1):
            qc.barrier(q[2])
            qc.z(q[2])
        with case(case.DEFAULT):
            qc.barrier()
    _reveal_phase(qc, q[2])
    qc.barrier()
    qc.measure(q[2], out[0])
    return qc


@program("deterministic feed-forward chain: each step's condition is the previous deterministic outcome "
         "(bit, register value, expression)", deterministic=True)
def deterministic_chain() -> QuantumCircuit:
    q = QuantumRegister(4, "q")
    c = ClassicalRegister(4, "c")
    qc = QuantumCircuit(q, c)
    qc.x(q[0])
    qc.measure(q[0], c[0])
    with qc.if_test((c[0], 1)):
        qc.x(q[1])
    qc.measure(q[1], c[1])
    with qc.if_test(expr.equal(c, 3)):
        qc.x(q[2])
    with qc.if_test((c[0], 0)):
        qc.x(q[2])  # not taken
    qc.measure(q[2], c[2])
    with qc.if_test(expr.logic_and(c[2], expr.logic_not(c[3]))) as else_:
        qc.h(q[3])
        qc.z(q[3])
        qc.h(q[3])
    with else_:
        qc.h(q[3])
    qc.measure(q[3], c[3])
    return qc


@program("rx(pi), and sx twice, each followed by an ry on the same qubit, inside and outside a branch: "
         "pins the rx(±pi) lowering that qir-runner's sparse simulator gets wrong when an ry is queued "
         "behind it; always reads 11", deterministic=True)
def rx_pi_then_ry() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    f = ClassicalRegister(1, "f")
    out = ClassicalRegister(2, "out")
    qc = QuantumCircuit(q, f, out)
    qc.x(q[2])
    qc.measure(q[2], f[0])  # f = 1, always
    # ry(a) rx(pi) ry(a) = -i X: |0> -> |1>
    qc.ry(0.7, q[0])
    qc.rx(pi, q[0])
    qc.ry(0.7, q[0])
    # sx sx = X up to phase, inside a branch
    qc.ry(1.2, q[1])
    with qc.if_test((f[0], 1)):
        qc.sx(q[1])
        qc.sx(q[1])
    qc.ry(1.2, q[1])
    qc.measure([q[0], q[1]], out)
    return qc


# --------------------------------------------------------------------------
# Standard gates inside conditioned blocks
# --------------------------------------------------------------------------


def _flags(qc: QuantumCircuit, coin, f: ClassicalRegister) -> None:
    """Random flag bits from one reused coin qubit."""
    for i in range(len(f)):
        qc.h(coin)
        qc.measure(coin, f[i])
        qc.reset(coin)


@program("single-qubit stdgates (h x y z s sdg t tdg sx id rx ry rz p u u1 u2 u3) inside if/else on random "
         "flags, on non-trivial states, with a phase-revealing basis change")
def stdgates_1q_conditioned() -> QuantumCircuit:
    q = QuantumRegister(3, "q")
    f = ClassicalRegister(2, "f")
    out = ClassicalRegister(2, "out")
    qc = QuantumCircuit(q, f, out)
    coin, a, b = q[0], q[1], q[2]
    _flags(qc, coin, f)
    qc.ry(0.8, a)
    qc.ry(1.9, b)
    with qc.if_test((f[0], 1)) as else_:
        qc.h(a)
        qc.x(b)
        qc.y(a)
        qc.z(b)
        qc.s(a)
        qc.sdg(b)
        qc.sx(a)
        qc.id(b)
    with else_:
        qc.t(a)
        qc.tdg(b)
    with qc.if_test((f[1], 1)) as else_:
        qc.rx(0.7, a)
        qc.ry(1.3, b)
        qc.rz(0.5, a)
        qc.p(2.2, b)
        qc.u(0.3, 1.1, -0.6, a)
    with else_:
        qc.append(U1Gate(0.9), [a])
        qc.append(U2Gate(0.4, -1.2), [b])
        qc.append(U3Gate(1.0, 0.2, 0.3), [a])
    _reveal_phase(qc, a)
    _reveal_phase(qc, b)
    qc.measure([a, b], out)
    return qc


@program("two- and three-qubit stdgates (cx cy cz ch cp crx cry crz cu swap ccx cswap) inside if/else on "
         "random flags, with a phase-revealing basis change")
def stdgates_multi_qubit_conditioned() -> QuantumCircuit:
    q = QuantumRegister(4, "q")
    f = ClassicalRegister(2, "f")
    out = ClassicalRegister(3, "out")
    qc = QuantumCircuit(q, f, out)
    coin, a, b, c = q[0], q[1], q[2], q[3]
    _flags(qc, coin, f)
    qc.ry(2.1, a)
    qc.ry(0.8, b)
    qc.ry(1.5, c)
    with qc.if_test((f[0], 1)) as else_:
        qc.cx(a, b)
        qc.cy(b, c)
        qc.cz(a, c)
        qc.ch(c, a)
        qc.cp(0.9, a, b)
        qc.swap(a, c)
    with else_:
        qc.crx(1.4, b, a)
        qc.cry(0.8, a, c)
        qc.crz(2.1, c, b)
        qc.cu(0.7, 0.3, -0.5, 0.4, a, b)
    with qc.if_test((f[1], 1)):
        qc.ccx(a, b, c)
        qc.cswap(c, a, b)
    for t in (a, b, c):
        _reveal_phase(qc, t)
    qc.measure([a, b, c], out)
    return qc


def _inverse_pair_program(apply_pairs: Callable[[QuantumCircuit, list], None]) -> QuantumCircuit:
    """Prepare a generic entangled 3-qubit state, apply each gate under a
    flag that is always 1 and an independently written inverse of it under
    the else branch of a flag == 0 test, then un-prepare: the data always
    reads 000. Each inverse is built from *different* gates (an identity
    such as H X H = Z), so a gate lowered to the wrong operation does not
    cancel against itself."""
    q = QuantumRegister(4, "q")
    f = ClassicalRegister(1, "f")
    out = ClassicalRegister(3, "out")
    qc = QuantumCircuit(q, f, out)
    qc.x(q[3])
    qc.measure(q[3], f[0])  # f = 1, always
    prep = QuantumCircuit(3)
    prep.ry(0.7, 0)
    prep.ry(1.3, 1)
    prep.ry(2.1, 2)
    prep.cx(0, 1)
    prep.rz(0.9, 1)
    prep.cx(1, 2)
    prep.rz(-1.4, 2)
    prep.ry(0.5, 0)
    data = [q[0], q[1], q[2]]
    qc.compose(prep, data, inplace=True)
    apply_pairs(qc, [(f[0], data)])
    qc.compose(prep.inverse(), data, inplace=True)
    qc.measure(data, out)
    return qc


def _under(qc: QuantumCircuit, flag, gate_fn, inverse_fn) -> None:
    with qc.if_test((flag, 1)):
        gate_fn()
    with qc.if_test((flag, 0)) as else_:
        pass
    with else_:
        inverse_fn()


@program("each single-qubit stdgate followed by an independently written inverse (H X H = Z, S S = Z, "
         "T T = S, SX SX = X, RX = H RZ H, U = RZ RY RZ, ...) inside branches; always reads 000",
         deterministic=True)
def stdgates_1q_inverse_pairs() -> QuantumCircuit:
    def pairs(qc: QuantumCircuit, ctx) -> None:
        ((flag, (a, b, c)),) = ctx
        _under(qc, flag, lambda: qc.h(a), lambda: (qc.ry(-pi / 2, a), qc.z(a)))  # H = RY(pi/2) Z
        _under(qc, flag, lambda: (qc.h(b), qc.x(b), qc.h(b)), lambda: qc.z(b))
        _under(qc, flag, lambda: (qc.s(c), qc.s(c)), lambda: qc.z(c))
        _under(qc, flag, lambda: (qc.sdg(a), qc.sdg(a)), lambda: qc.z(a))
        _under(qc, flag, lambda: (qc.t(b), qc.t(b)), lambda: qc.sdg(b))
        _under(qc, flag, lambda: (qc.tdg(c), qc.tdg(c)), lambda: qc.s(c))
        _under(qc, flag, lambda: (qc.sx(a), qc.sx(a)), lambda: qc.x(a))
        _under(qc, flag, lambda: (qc.y(b), qc.z(b)), lambda: qc.x(b))  # X Z Y = -i I
        _under(qc, flag, lambda: qc.rx(0.7, c), lambda: (qc.h(c), qc.rz(-0.7, c), qc.h(c)))
        _under(qc, flag, lambda: qc.ry(0.9, a), lambda: (qc.sdg(a), qc.rx(-0.9, a), qc.s(a)))
        _under(qc, flag, lambda: qc.rz(0.5, b), lambda: qc.p(-0.5, b))
        _under(qc, flag, lambda: qc.append(U1Gate(0.8), [c]), lambda: qc.rz(-0.8, c))
        _under(qc, flag, lambda: qc.u(1.1, 0.4, -0.3, a), lambda: (qc.rz(-0.4, a), qc.ry(-1.1, a), qc.rz(0.3, a)))
        _under(qc, flag, lambda: qc.append(U2Gate(0.6, -0.2), [b]),
               lambda: (qc.rz(-0.6, b), qc.ry(-pi / 2, b), qc.rz(0.2, b)))
        _under(qc, flag, lambda: qc.append(U3Gate(2.0, -0.5, 0.8), [c]),
               lambda: (qc.rz(0.5, c), qc.ry(-2.0, c), qc.rz(-0.8, c)))
        _under(qc, flag, lambda: qc.id(a), lambda: None)

    return _inverse_pair_program(pairs)


@program("each multi-qubit stdgate followed by an independently written inverse (CX = H CZ H, "
         "CH = RY CZ RY, CRY/CRZ/CP by CX ladders, SWAP = 3 CX, CCX vs CSWAP) inside branches; always reads 000",
         deterministic=True)
def stdgates_multi_qubit_inverse_pairs() -> QuantumCircuit:
    def pairs(qc: QuantumCircuit, ctx) -> None:
        ((flag, (a, b, c)),) = ctx
        _under(qc, flag, lambda: qc.cx(a, b), lambda: (qc.h(b), qc.cz(a, b), qc.h(b)))
        _under(qc, flag, lambda: qc.cy(b, c), lambda: (qc.sdg(c), qc.cx(b, c), qc.s(c)))
        _under(qc, flag, lambda: qc.cz(c, a), lambda: (qc.h(a), qc.cx(c, a), qc.h(a)))
        _under(qc, flag, lambda: qc.ch(a, c), lambda: (qc.ry(-pi / 4, c), qc.cz(a, c), qc.ry(pi / 4, c)))
        _under(qc, flag, lambda: qc.cp(0.9, b, a),
               lambda: (qc.p(-0.45, b), qc.cx(b, a), qc.p(0.45, a), qc.cx(b, a), qc.p(-0.45, a)))
        _under(qc, flag, lambda: qc.crz(1.3, a, b),
               lambda: (qc.rz(-0.65, b), qc.cx(a, b), qc.rz(0.65, b), qc.cx(a, b)))
        _under(qc, flag, lambda: qc.crx(0.8, c, b), lambda: (qc.h(b), qc.crz(-0.8, c, b), qc.h(b)))
        _under(qc, flag, lambda: qc.cry(1.7, b, c),
               lambda: (qc.cx(b, c), qc.ry(0.85, c), qc.cx(b, c), qc.ry(-0.85, c)))
        _under(qc, flag, lambda: qc.cu(0.7, 0.3, -0.5, 0.4, a, c), lambda: qc.cu(-0.7, 0.5, -0.3, -0.4, a, c))
        _under(qc, flag, lambda: qc.swap(a, c), lambda: (qc.cx(a, c), qc.cx(c, a), qc.cx(a, c)))
        _under(qc, flag, lambda: qc.ccx(a, b, c), lambda: (qc.cx(c, b), qc.cswap(a, b, c), qc.cx(c, b)))
        _under(qc, flag, lambda: qc.cswap(b, c, a), lambda: (qc.cx(a, c), qc.ccx(b, c, a), qc.cx(a, c)))

    return _inverse_pair_program(pairs)
