"""qckpt's native OpenQASM 3 (and 2) frontend: grammar (``qasm3.lark``),
lexer and parser, and the lowering to ``qc`` + ``scf`` + ``arith``
(``lowering``, with one module per concern)."""

from qckpt.frontend.qasm.lowering import qasm_to_module
from qckpt.frontend.qasm.parser import parse

__all__ = ["parse", "qasm_to_module"]
