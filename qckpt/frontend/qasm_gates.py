"""Gate modifiers (``inv @``, ``pow(k) @``, ``ctrl @``, ``negctrl @``) on
sequences of primitive gates.

A gate call expands to a list of ``Prim``s (a gate of the table, its
parameters, its qubits); a user-defined gate expands its body. Modifiers then
transform the list: ``inv`` reverses it and inverts each gate, ``pow(k)``
repeats it, ``ctrl`` controls each gate (a controlled product is the product
of the controlled factors), ``negctrl`` conjugates the control with X. All of
it is exact, global phase included where a control makes it observable
(``gphase`` under ``ctrl`` becomes a phase gate on the control).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from xdsl.ir import SSAValue

from qckpt.frontend.qasm_values import Val

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


def power(prims: list[Prim], k: int, neg: Negate) -> list[Prim]:
    if k < 0:
        return inverse(prims, neg) * (-k)
    return prims * k


# One control added to a gate: gate -> (controlled gate, how its params map).
_CONTROLLED: dict[str, str] = {
    "x": "cx", "CX": "ccx", "cx": "ccx", "y": "cy", "z": "cz", "h": "ch", "swap": "cswap",
    "p": "cp", "u1": "cp", "cphase": "cp", "rx": "crx", "ry": "cry", "rz": "crz",
}


def control(prims: list[Prim], controls: list[SSAValue]) -> list[Prim]:
    out: list[Prim] = []
    for p in prims:
        out.extend(_control_one(p, controls))
    return out


def _control_one(p: Prim, controls: list[SSAValue]) -> list[Prim]:
    g = p.gate
    if not controls:
        return [p]
    if g == "id":
        return []
    if g == "gphase":
        # A global phase under control is a phase on the (last) control.
        return _control_one(Prim("p", p.params, (controls[-1],)), controls[:-1])
    if g == "sdg" or g == "s" or g == "t" or g == "tdg":
        angle = {"s": math.pi / 2, "sdg": -math.pi / 2, "t": math.pi / 4, "tdg": -math.pi / 4}[g]
        return _control_one(Prim("p", (angle,), p.qubits), controls)
    if g in ("sx", "sxdg"):
        # sx = h s h exactly; sx^dagger = h sdg h.
        s = "s" if g == "sx" else "sdg"
        return control([Prim("h", (), p.qubits), Prim(s, (), p.qubits), Prim("h", (), p.qubits)], controls)
    if g in ("u", "u3", "U", "u2") and len(controls) == 1:
        params = p.params if g != "u2" else (math.pi / 2, *p.params)
        return [Prim("cu", (*params, 0.0), (controls[0], *p.qubits))]
    if len(controls) == 1 and g in _CONTROLLED:
        return [Prim(_CONTROLLED[g], p.params, (controls[0], *p.qubits))]
    if len(controls) == 2 and g == "x":
        return [Prim("ccx", (), (*controls, *p.qubits))]
    if len(controls) == 1 and g == "ccx":
        raise ModifierError("ctrl @ ccx (three controls) is not supported")
    if g == "z" and len(controls) == 2:
        t = p.qubits[0]
        return [Prim("h", (), (t,)), Prim("ccx", (), (*controls, t)), Prim("h", (), (t,))]
    if g in ("cx", "CX") and len(controls) == 1:
        return [Prim("ccx", (), (controls[0], *p.qubits))]
    raise ModifierError(f"ctrl({len(controls)}) @ {g} is not supported (no exact decomposition without ancillas here)")


def negctrl_wrap(prims: list[Prim], controls: list[SSAValue]) -> list[Prim]:
    flips = [Prim("x", (), (c,)) for c in controls]
    return flips + control(prims, controls) + flips
