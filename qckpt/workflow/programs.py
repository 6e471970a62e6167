"""Turn a request into a runnable QIR program: compile a circuit once, then
bind each new set of parameter values into the emitted program.

Compiled programs are kept by circuit digest (``ExecutionRequest.circuit``),
so a variational loop that changes only parameter values pays one
compilation per distinct circuit and a binding per execution
(``qckpt.qir.bind``: link a few constant functions into the bitcode). Only
live executions come here: replay serves the log and never compiles.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import pyqir

from qckpt.diagnostics import QckptError
from qckpt.pipeline import gc_paused, module_to_bitcode, qasm_to_module
from qckpt.qir.bind import bind_parameters
from qckpt.workflow.request import IR, OPENQASM, QISKIT, ExecutionRequest


@dataclass
class _Compiled:
    bitcode: bytes
    slots: tuple[str, ...]  # the program's late-bound parameter names
    qiskit_slots: dict[str, Any] | None = None  # Qiskit: slot name -> angle expression


class ProgramCache:
    def __init__(self, capacity: int = 64) -> None:
        self.capacity = capacity
        self._programs: OrderedDict[tuple[str, str], _Compiled] = OrderedDict()
        self.compiles = 0
        self.binds = 0

    def program(self, request: ExecutionRequest, target: str = "qir") -> bytes:
        """QIR bitcode for the request, every parameter bound; with
        ``target="stim"`` the program lowered to stim instead (a lowering
        per execution: it folds the parameter values, and costs less than a
        binding)."""
        if target == "stim":
            return self._stim_program(request)
        key = (request.kind, request.circuit)
        compiled = self._programs.get(key)
        if compiled is None:
            compiled = self._compile(request)
            self.compiles += 1
            self._programs[key] = compiled
            if len(self._programs) > self.capacity:
                self._programs.popitem(last=False)
        else:
            self._programs.move_to_end(key)
        values = self._slot_values(request, compiled)
        if not values:
            return compiled.bitcode
        module = pyqir.Module.from_bitcode(pyqir.Context(), compiled.bitcode)
        bind_parameters(module, values)
        self.binds += 1
        return module.bitcode

    def _stim_program(self, request: ExecutionRequest) -> bytes:
        from qckpt.pipeline import module_to_stim

        key = ("stim", request.kind, request.circuit)
        entry = self._programs.get(key)
        if entry is None:
            entry = self._programs[key] = self._template(request)  # type: ignore[assignment]
            self.compiles += 1
            if len(self._programs) > self.capacity:
                self._programs.popitem(last=False)
        module, compiled = entry  # type: ignore[misc]
        return module_to_stim(module.clone(), self._slot_values(request, compiled)).to_bytes()

    @staticmethod
    def _template(request: ExecutionRequest):
        """The module with its parameters unbound, and its slots."""
        from qckpt.dialects.qc import ParamOp

        if request.kind == QISKIT:
            from qckpt.frontend.qiskit_circuit import circuit_to_template

            with gc_paused():
                module, slots = circuit_to_template(request.source)
            return module, _Compiled(b"", tuple(slots), slots)
        if request.kind == OPENQASM:
            module = qasm_to_module(request.source, "<execute>")
        elif request.kind == IR:
            module = request.source.clone()
        else:
            raise AssertionError(request.kind)
        return module, _Compiled(b"", tuple(op.param_name.data for op in module.walk() if isinstance(op, ParamOp)))

    @staticmethod
    def _compile(request: ExecutionRequest) -> _Compiled:
        if request.kind == QISKIT:
            from qckpt.frontend.qiskit_circuit import circuit_to_template

            with gc_paused():
                module, slots = circuit_to_template(request.source)
            return _Compiled(module_to_bitcode(module), tuple(slots), slots)
        if request.kind == OPENQASM:
            module = qasm_to_module(request.source, "<execute>")
        elif request.kind == IR:
            module = request.source.clone()  # lowering rewrites the module in place: leave the caller's alone
        else:
            raise AssertionError(request.kind)
        from qckpt.dialects.qc import ParamOp

        names = tuple(op.param_name.data for op in module.walk() if isinstance(op, ParamOp))
        return _Compiled(module_to_bitcode(module), names)

    @staticmethod
    def _slot_values(request: ExecutionRequest, compiled: _Compiled) -> dict[str, float]:
        if compiled.qiskit_slots is not None:
            from qckpt.frontend.qiskit_circuit import evaluate_slots

            return evaluate_slots(compiled.qiskit_slots, request.bindings)
        given = dict(request.params)
        what = "input" if request.kind == OPENQASM else "parameter"
        missing = [n for n in compiled.slots if n not in given]
        if missing:
            raise QckptError(f"no value for {what}(s) {', '.join(missing)}: give them in params")
        extra = sorted(set(given) - set(compiled.slots))
        if extra:
            have = ", ".join(compiled.slots) or "none"
            raise QckptError(f"the program has no {what} {', '.join(extra)} (it has: {have})")
        return given
