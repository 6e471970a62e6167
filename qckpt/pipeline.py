"""The compiler's front door: source -> module -> passes -> QIR.

Each stage is a plain function so that benchmarks can time them one by one
and the CLI, the tests and the Python API all go through the same path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xdsl.dialects.builtin import ModuleOp

from qckpt.diagnostics import QckptError

if TYPE_CHECKING:
    from qiskit import QuantumCircuit

FRONTENDS = ("qiskit",)


def qasm_to_module(source: str, filename: str = "<input>", frontend: str = "qiskit") -> ModuleOp:
    """OpenQASM 3 text -> module."""
    if frontend == "qiskit":
        from qckpt.frontend.qasm3_qiskit import qasm3_to_circuit

        return circuit_to_module(qasm3_to_circuit(source, filename))
    raise QckptError(f"unknown frontend '{frontend}'; choose one of {', '.join(FRONTENDS)}")


def circuit_to_module(circuit: "QuantumCircuit") -> ModuleOp:
    from qckpt.frontend.qiskit_circuit import circuit_to_module as lower

    return lower(circuit)


def parse_mlir(text: str, filename: str = "<input>") -> ModuleOp:
    """Our IR in MLIR syntax (custom or generic form) -> verified module."""
    from xdsl.parser import Parser
    from xdsl.utils.exceptions import ParseError, VerifyException

    from qckpt.universe import make_context

    try:
        module = Parser(make_context(), text, filename).parse_module()
        module.verify()
    except ParseError as e:
        raise QckptError(str(e).strip()) from e
    except VerifyException as e:
        raise QckptError(f"{filename}: invalid IR: {e}") from e
    return module


def lower_to_target(module: ModuleOp) -> ModuleOp:
    """The passes every module goes through before QIR emission."""
    from qckpt.passes.decompose_to_target import decompose_module

    decompose_module(module)
    return module


def module_to_qir(module: ModuleOp, profile: str = "adaptive") -> str:
    """Module -> QIR text, verified by pyqir."""
    from qckpt.qir.emit import emit_qir

    return str(emit_qir(lower_to_target(module), profile))


def module_to_bitcode(module: ModuleOp, profile: str = "adaptive") -> bytes:
    from qckpt.qir.emit import emit_qir

    return emit_qir(lower_to_target(module), profile).bitcode


def compile_circuit(circuit: "QuantumCircuit", profile: str = "adaptive") -> str:
    """A Qiskit circuit -> QIR text."""
    return module_to_qir(circuit_to_module(circuit), profile)


def compile_qasm(source: str, filename: str = "<input>", profile: str = "adaptive", frontend: str = "qiskit") -> str:
    """OpenQASM 3 text -> QIR text."""
    return module_to_qir(qasm_to_module(source, filename, frontend), profile)
