"""qckpt's native OpenQASM 3 (and 2) frontend: grammar (``qasm3.lark``),
lexer and parser, and the lowering to ``qc`` + ``scf`` + ``arith``
(``lowering``, with one module per concern).

The names are loaded on first use: ``qckpt --help`` reads the budgets of
``limits`` through this package and must not import xDSL, lark and the
lowering for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qckpt.frontend.qasm.lowering import qasm_to_module
    from qckpt.frontend.qasm.parser import parse

__all__ = ["parse", "qasm_to_module"]


def __getattr__(name: str) -> Any:
    if name == "parse":
        from qckpt.frontend.qasm.parser import parse

        return parse
    if name == "qasm_to_module":
        from qckpt.frontend.qasm.lowering import qasm_to_module

        return qasm_to_module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
