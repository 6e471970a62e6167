"""The gate table: every gate name `qc.gate` accepts, with its arity.

It covers OpenQASM 3's ``stdgates.inc``, plus ``U`` (the built-in gate) and
the QIR names of the adjoint gates. ``TARGET_GATES`` is the subset that QIR
emission writes directly; ``qc-decompose-to-target`` rewrites the rest.
"""

from __future__ import annotations

from typing import NamedTuple


class GateSig(NamedTuple):
    num_qubits: int
    num_params: int


GATES: dict[str, GateSig] = {
    # one qubit, no parameters
    "id": GateSig(1, 0),
    "h": GateSig(1, 0),
    "x": GateSig(1, 0),
    "y": GateSig(1, 0),
    "z": GateSig(1, 0),
    "s": GateSig(1, 0),
    "sdg": GateSig(1, 0),
    "t": GateSig(1, 0),
    "tdg": GateSig(1, 0),
    "sx": GateSig(1, 0),
    # one qubit, parametrised
    "rx": GateSig(1, 1),
    "ry": GateSig(1, 1),
    "rz": GateSig(1, 1),
    "p": GateSig(1, 1),
    "u1": GateSig(1, 1),
    "u2": GateSig(1, 2),
    "u3": GateSig(1, 3),
    "u": GateSig(1, 3),
    "U": GateSig(1, 3),
    # two qubits
    "cx": GateSig(2, 0),
    "CX": GateSig(2, 0),
    "cy": GateSig(2, 0),
    "cz": GateSig(2, 0),
    "ch": GateSig(2, 0),
    "swap": GateSig(2, 0),
    "cp": GateSig(2, 1),
    "cphase": GateSig(2, 1),
    "crx": GateSig(2, 1),
    "cry": GateSig(2, 1),
    "crz": GateSig(2, 1),
    "cu": GateSig(2, 4),
    # three qubits
    "ccx": GateSig(3, 0),
    "cswap": GateSig(3, 0),
}

# Gate name -> QIR QIS function. This is the target gate set: what qir-runner
# and common QIR backends implement.
TARGET_GATES: dict[str, str] = {
    "h": "__quantum__qis__h__body",
    "x": "__quantum__qis__x__body",
    "y": "__quantum__qis__y__body",
    "z": "__quantum__qis__z__body",
    "s": "__quantum__qis__s__body",
    "sdg": "__quantum__qis__s__adj",
    "t": "__quantum__qis__t__body",
    "tdg": "__quantum__qis__t__adj",
    "rx": "__quantum__qis__rx__body",
    "ry": "__quantum__qis__ry__body",
    "rz": "__quantum__qis__rz__body",
    "cx": "__quantum__qis__cx__body",
    "cz": "__quantum__qis__cz__body",
    "ccx": "__quantum__qis__ccx__body",
    "swap": "__quantum__qis__swap__body",
}


def lookup(name: str) -> GateSig | None:
    return GATES.get(name)
