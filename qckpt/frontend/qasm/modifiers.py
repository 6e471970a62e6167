"""Gate modifiers (``inv @``, ``pow(k) @``, ``ctrl @``, ``negctrl @``) on
sequences of primitive gates.

A gate call expands to a list of ``Prim``s (a gate of the table, its
parameters, its qubits); a user-defined gate expands its body. Modifiers then
transform the list: ``inv`` reverses it and inverts each gate, ``pow(k)``
repeats it, ``ctrl`` controls each gate (a controlled product is the product
of the controlled factors), ``negctrl`` conjugates the control with X. All of
it is exact, global phase included where a control makes it observable
(``gphase`` under ``ctrl`` becomes a phase gate on the control). A gate under
two or more controls that the gate table has no name for is decomposed
without ancillas through square roots of it (``square_root``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from xdsl.ir import SSAValue

from qckpt.frontend.qasm.values import Val

# A negation of an angle (folded, or an arith op for a run-time angle).
Negate = Callable[[Val], Val]


@dataclass(frozen=True)
class Prim:
    gate: str  # a name from the gate table, or "gphase"
    params: tuple[Val, ...]
    qubits: tuple[SSAValue, ...]


class ModifierError(Exception):
    """A modifier that this compiler cannot apply (reported with location by the caller)."""


_SELF_INVERSE = {"h", "x", "y", "z", "id", "cx", "CX", "cy", "cz", "ch", "swap", "ccx", "cswap"}
_DAGGER = {"s": "sdg", "sdg": "s", "t": "tdg", "tdg": "t"}
_NEGATE_ALL = {"rx", "ry", "rz", "p", "u1", "cp", "cphase", "crx", "cry", "crz", "gphase"}


def inverse(prims: list[Prim], neg: Negate) -> list[Prim]:
    return [_inverse_one(p, neg) for p in reversed(prims)]


def _inverse_one(p: Prim, neg: Negate) -> Prim:
    g = p.gate
    if g in _SELF_INVERSE:
        return p
    if g in _DAGGER:
        return Prim(_DAGGER[g], (), p.qubits)
    if g in _NEGATE_ALL:
        return Prim(g, tuple(neg(x) for x in p.params), p.qubits)
    if g == "sx":
        return Prim("sxdg", (), p.qubits)  # emitted as h; sdg; h
    if g == "sxdg":
        return Prim("sx", (), p.qubits)
    if g in ("u", "u3", "U"):
        theta, phi, lam = p.params
        return Prim("u", (neg(theta), neg(lam), neg(phi)), p.qubits)
    if g == "u2":
        phi, lam = p.params
        return Prim("u", (-math.pi / 2, neg(lam), neg(phi)), p.qubits)
    if g == "cu":
        theta, phi, lam, gamma = p.params
        return Prim("cu", (neg(theta), neg(lam), neg(phi), neg(gamma)), p.qubits)
    raise ModifierError(f"cannot invert gate '{g}'")


# One-parameter gates G with G(a)^k = G(k a) exactly, global phase included.
_ROTATIONS = {"rx", "ry", "rz", "p", "u1", "cp", "cphase", "crx", "cry", "crz", "gphase"}


def power(prims: list[Prim], k: int, neg: Negate, scale: Callable[[Val, int], Val] | None = None,
          budget: Callable[[int], None] | None = None) -> list[Prim]:
    """``pow(k) @``: a rotation's angle times k (so ``pow(512) @ p(a)`` is
    one gate, not 512), anything else repeated |k| times, inverted if k < 0.
    ``budget`` is told the size of a repetition before it is built (and may refuse it)."""
    if scale is not None and prims and all(p.gate in _ROTATIONS for p in prims):
        return [Prim(p.gate, tuple(scale(x, k) for x in p.params), p.qubits) for p in prims]
    if budget is not None:
        budget(len(prims) * abs(k))
    if k < 0:
        return inverse(prims, neg) * (-k)
    return prims * k


# One control added to a gate: gate -> (controlled gate, how its params map).
_CONTROLLED: dict[str, str] = {
    "x": "cx", "CX": "ccx", "cx": "ccx", "y": "cy", "z": "cz", "h": "ch", "swap": "cswap",
    "p": "cp", "u1": "cp", "rx": "crx", "ry": "cry", "rz": "crz",
}


# Gates with controls built in: (number of controls, the gate they control).
_BUILT_IN_CONTROLS = {
    "cx": (1, "x"), "CX": (1, "x"), "ccx": (2, "x"), "cy": (1, "y"), "cz": (1, "z"), "ch": (1, "h"),
    "cp": (1, "p"), "cphase": (1, "p"), "crx": (1, "rx"), "cry": (1, "ry"), "crz": (1, "rz"), "cswap": (1, "swap"),
}


@dataclass(frozen=True)
class AngleOps:
    """Arithmetic on gate angles that may be run-time values."""

    neg: Negate
    scale: Callable[[Val, float], Val]  # angle times a constant


_CONST_OPS = AngleOps(lambda v: -v, lambda v, k: v * k)  # type: ignore[operator]


def control(prims: list[Prim], controls: list[SSAValue], ops: AngleOps = _CONST_OPS) -> list[Prim]:
    out: list[Prim] = []
    for p in prims:
        out.extend(_control_one(p, controls, ops))
    return out


def _control_one(p: Prim, controls: list[SSAValue], ops: AngleOps) -> list[Prim]:
    g = p.gate
    if not controls:
        return [p]
    if g == "id":
        return []
    if g == "gphase":
        # A global phase under control is a phase on the (last) control.
        return _control_one(Prim("p", p.params, (controls[-1],)), controls[:-1], ops)
    if g == "sdg" or g == "s" or g == "t" or g == "tdg":
        angle = {"s": math.pi / 2, "sdg": -math.pi / 2, "t": math.pi / 4, "tdg": -math.pi / 4}[g]
        return _control_one(Prim("p", (angle,), p.qubits), controls, ops)
    if g in ("sx", "sxdg"):
        # sx = h s h exactly; sx^dagger = h sdg h.
        s = "s" if g == "sx" else "sdg"
        return control([Prim("h", (), p.qubits), Prim(s, (), p.qubits), Prim("h", (), p.qubits)], controls, ops)
    if g == "u2":
        return _control_one(Prim("u", (math.pi / 2, *p.params), p.qubits), controls, ops)
    if g == "u1":
        return _control_one(Prim("p", p.params, p.qubits), controls, ops)
    if g in ("u", "u3", "U") and len(controls) == 1:
        return [Prim("cu", (*p.params, 0.0), (controls[0], *p.qubits))]
    if len(controls) == 1 and g in _CONTROLLED:
        return [Prim(_CONTROLLED[g], p.params, (controls[0], *p.qubits))]
    if len(controls) == 2 and g == "x":
        return [Prim("ccx", (), (*controls, *p.qubits))]
    if g == "z" and len(controls) == 2:
        t = p.qubits[0]
        return [Prim("h", (), (t,)), Prim("ccx", (), (*controls, t)), Prim("h", (), (t,))]
    # A gate with controls of its own: more controls on the gate it controls.
    if g in _BUILT_IN_CONTROLS:
        k, base = _BUILT_IN_CONTROLS[g]
        return _control_one(Prim(base, p.params, p.qubits[k:]), [*controls, *p.qubits[:k]], ops)
    if g == "cu":
        theta, phi, lam, gamma = p.params
        c, t = p.qubits
        inner = [Prim("gphase", (gamma,), ()), Prim("u", (theta, phi, lam), (t,))]
        return control(inner, [*controls, c], ops)
    if g == "swap":  # swap = cx a,b; cx b,a; cx a,b exactly
        a, b = p.qubits
        return control([Prim("cx", (), (a, b)), Prim("cx", (), (b, a)), Prim("cx", (), (a, b))], controls, ops)
    if len(p.qubits) != 1 or len(controls) < 2:
        raise ModifierError(f"ctrl({len(controls)}) @ {g} is not supported")
    # A one-qubit gate U under n >= 2 controls, without ancillas (Barenco et
    # al. 1995, lemma 7.5), with V a square root of U:
    #   C^n(U) = C_last(V) . C^{n-1}(X on last) . C_last(V^dg) . C^{n-1}(X on last) . C^{n-1}(V)
    # With all other controls set, the target sees V.V = U when the last
    # control is set and V^dg.V = 1 when not; otherwise V.V^dg = 1.
    v = square_root(p, ops)
    v_dg = inverse(v, ops.neg)
    last, rest = controls[-1], controls[:-1]
    flip = _control_one(Prim("x", (), (last,)), rest, ops)
    return control(v, [last], ops) + flip + control(v_dg, [last], ops) + flip + control(v, rest, ops)


def square_root(p: Prim, ops: AngleOps) -> list[Prim]:
    """Gates V with V.V = the one-qubit gate ``p`` exactly, global phase included."""
    g = p.gate
    (q,) = p.qubits
    if g in ("rx", "ry", "rz", "p"):
        return [Prim(g, (ops.scale(p.params[0], 0.5),), p.qubits)]
    if g == "x":
        return [Prim("sx", (), p.qubits)]
    simple = {"z": ("s", ()), "s": ("t", ()), "sdg": ("tdg", ()), "t": ("p", (math.pi / 8,)), "tdg": ("p", (-math.pi / 8,))}
    if g in simple:
        name, params = simple[g]
        return [Prim(name, params, p.qubits)]
    # numpy is imported here only: start-up of a program without such a gate must not pay for it.
    from qckpt.frontend.qasm.unitary_roots import matrix, principal_sqrt, u_angles

    m = matrix(p.gate, p.params)
    if m is None:
        raise ModifierError(f"ctrl(2 or more) @ {g} needs its parameters known at compile time")
    angles = u_angles(principal_sqrt(m))
    if angles is None:
        raise ModifierError("internal error: cannot write a gate's square root as U")  # pragma: no cover
    theta, phi, lam, gamma = angles
    return [Prim("gphase", (gamma,), ()), Prim("u", (theta, phi, lam), (q,))]


def negctrl_wrap(prims: list[Prim], controls: list[SSAValue], ops: AngleOps = _CONST_OPS) -> list[Prim]:
    flips = [Prim("x", (), (c,)) for c in controls]
    return flips + control(prims, controls, ops) + flips
