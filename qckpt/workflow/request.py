"""What a driver asks to run, described before anything is compiled.

A request is a circuit in one of three forms (a Qiskit ``QuantumCircuit``,
OpenQASM 3 text, or our IR as an xDSL ``ModuleOp``), the values of its
unbound parameters, and a shot count. Replay compares requests with the log
by these descriptions alone, so serving a logged execution never compiles:

- ``circuit`` digests the circuit with its parameters left symbolic;
- ``params`` are the bound values by name (Qiskit parameter names, OpenQASM
  ``input`` names, ``qc.param`` names);
- ``fingerprint`` digests all of it with the shot count.

Keeping parameters apart from the circuit lets a divergence say which
parameter changed, and lets the compiler reuse one program per circuit and
bind new values into it.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qckpt.diagnostics import QckptError

QISKIT = "qiskit"
OPENQASM = "openqasm3"
IR = "ir"
KIND_NAMES = {QISKIT: "a Qiskit circuit", OPENQASM: "OpenQASM 3 text", IR: "an IR module"}


@dataclass(frozen=True)
class ExecutionRequest:
    kind: str
    circuit: str  # sha256 hex of the circuit, parameters symbolic
    params: tuple[tuple[str, float], ...]  # bound values, sorted by name
    shots: int
    source: Any = field(default=None, compare=False, repr=False)  # what to compile when live
    bindings: Any = field(default=None, compare=False, repr=False)  # Qiskit: {Parameter: value}

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.kind, self.circuit, self.params, self.shots)


def fingerprint(kind: str, circuit: str, params: Sequence[Sequence[Any]], shots: int) -> str:
    h = hashlib.sha256()
    h.update(f"{kind}\0{circuit}\0{shots}\0".encode())
    for name, value in params:
        h.update(f"{name}={float(value)!r}\0".encode())
    return h.hexdigest()


def describe(circuit: Any, shots: int, params: Mapping[Any, Any] | Sequence[Any] | None = None) -> ExecutionRequest:
    if isinstance(shots, bool) or not isinstance(shots, (int, np.integer)) or shots < 1:
        raise QckptError(f"shots must be a positive integer, got {shots!r}")
    shots = int(shots)
    if isinstance(circuit, str):
        return ExecutionRequest(OPENQASM, _digest(circuit.encode()), _named_values(params, "input"), shots, circuit)
    from xdsl.dialects.builtin import ModuleOp

    if isinstance(circuit, ModuleOp):
        return ExecutionRequest(IR, _digest(str(circuit).encode()), _named_values(params, "parameter"), shots, circuit)
    from qiskit import QuantumCircuit

    if isinstance(circuit, QuantumCircuit):
        bindings = _qiskit_bindings(circuit, params)
        named = tuple(sorted((p.name, v) for p, v in bindings.items()))
        return ExecutionRequest(QISKIT, qiskit_digest(circuit), named, shots, circuit, bindings)
    raise QckptError(
        f"cannot execute a {type(circuit).__name__}: pass a Qiskit QuantumCircuit, OpenQASM 3 text or an IR module"
    )


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _number(name: str, value: Any) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise QckptError(f"parameter '{name}' has the value {value!r}, which is not a number") from None
    if not math.isfinite(x):
        raise QckptError(f"parameter '{name}' is {x}; parameter values must be finite")
    return x


def _named_values(params: Mapping[Any, Any] | Sequence[Any] | None, what: str) -> tuple[tuple[str, float], ...]:
    if params is None:
        return ()
    if not isinstance(params, Mapping):
        raise QckptError(f"give {what} values as a mapping from name to value, got a {type(params).__name__}")
    out = []
    for name, value in params.items():
        if not isinstance(name, str):
            raise QckptError(f"{what} names must be strings, got {name!r}")
        out.append((name, _number(name, value)))
    return tuple(sorted(out))


def _qiskit_bindings(circuit: Any, params: Mapping[Any, Any] | Sequence[Any] | None) -> dict[Any, float]:
    wanted = list(circuit.parameters)
    if params is None:
        params = {}
    if isinstance(params, Mapping):
        by_name = {p.name: p for p in wanted}
        out: dict[Any, float] = {}
        for key, value in params.items():
            name = key if isinstance(key, str) else getattr(key, "name", None)
            p = by_name.get(name) if name is not None else None
            if p is None:
                have = ", ".join(sorted(by_name)) or "none"
                raise QckptError(f"the circuit has no parameter {key!r} (its parameters: {have})")
            out[p] = _number(p.name, value)
    else:
        values = list(params)
        if len(values) != len(wanted):
            raise QckptError(f"the circuit has {len(wanted)} parameter(s) but {len(values)} value(s) were given")
        out = {p: _number(p.name, v) for p, v in zip(wanted, values)}
    missing = [p.name for p in wanted if p not in out]
    if missing:
        raise QckptError(f"no value for parameter(s) {', '.join(missing)}")
    return out


# -- Qiskit circuits ------------------------------------------------------------


def qiskit_digest(circuit: Any) -> str:
    """sha256 of a circuit's structure: registers, and each instruction's
    name, operands, angles (numbers, or the text of an expression over
    parameters), conditions and control-flow bodies. A gate outside Qiskit's
    standard library is digested with its definition, since its name alone
    does not say what it does."""
    h = hashlib.sha256()
    _digest_circuit(h, circuit, _standard_gates())
    return h.hexdigest()


_STANDARD: dict[str, type] | None = None


def _standard_gates() -> dict[str, type]:
    global _STANDARD
    if _STANDARD is None:
        from qiskit.circuit.library import get_standard_gate_name_mapping

        _STANDARD = {name: type(g) for name, g in get_standard_gate_name_mapping().items()}
    return _STANDARD


def _digest_circuit(h: Any, circ: Any, standard: dict[str, type]) -> None:
    from qiskit import QuantumCircuit
    from qiskit.circuit import ParameterExpression

    h.update(f"circuit {circ.num_qubits} {circ.num_clbits}\n".encode())
    for reg in circ.qregs:
        h.update(f"qreg {reg.name} {reg.size}\n".encode())
    for reg in circ.cregs:
        h.update(f"creg {reg.name} {reg.size} {[circ.find_bit(b).index for b in reg]}\n".encode())
    qi = {q: i for i, q in enumerate(circ.qubits)}
    ci = {c: i for i, c in enumerate(circ.clbits)}
    for inst in circ.data:
        op = inst.operation
        line = [op.name, ",".join(str(qi[q]) for q in inst.qubits), ",".join(str(ci[c]) for c in inst.clbits)]
        bodies = []
        for p in op.params:
            if isinstance(p, QuantumCircuit):
                bodies.append(p)
                line.append("<body>")
            elif isinstance(p, ParameterExpression):
                line.append(f"P:{p}" if p.parameters else repr(float(p)))
            elif isinstance(p, float):
                line.append(repr(p))
            elif isinstance(p, np.ndarray):
                line.append(f"A:{p.dtype.str}:{p.shape}:{hashlib.sha256(np.ascontiguousarray(p).tobytes()).hexdigest()}")
            else:
                line.append(repr(p))
        condition = getattr(op, "condition", None)
        if condition is not None:
            line.append(f"if {condition!r}")
        target = getattr(op, "target", None)
        if target is not None:
            line.append(f"switch {target!r} {[c for c, _ in op.cases_specifier()]!r}")
        h.update(("|".join(line) + "\n").encode())
        for body in bodies:
            _digest_circuit(h, body, standard)
        if op.name not in standard or type(op) is not standard[op.name]:
            definition = getattr(op, "definition", None)
            if definition is not None and not bodies:
                h.update(b"definition\n")
                _digest_circuit(h, definition, standard)
