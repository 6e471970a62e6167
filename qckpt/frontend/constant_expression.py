"""OpenQASM 3 constant expressions for values given on the command line.

``--param theta=pi/4`` should mean what ``pi/4`` means in the program. A
value is parsed with Python's ``ast`` (OpenQASM's arithmetic on constants is
Python's, with ``**`` for powers) and evaluated over a whitelist: numbers,
the built-in constants (``pi``/``π``, ``tau``/``τ``, ``euler``/``ℇ``), unary
and binary arithmetic, and the built-in math functions. Nothing else is
evaluated, so a value can never run code.
"""

from __future__ import annotations

import ast
import math
import operator

from qckpt.diagnostics import QckptError

CONSTANTS = {"pi": math.pi, "π": math.pi, "tau": math.tau, "τ": math.tau, "euler": math.e, "ℇ": math.e}
FUNCTIONS = {
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "arcsin": math.asin,
    "arccos": math.acos,
    "arctan": math.atan,
    "exp": math.exp,
    "log": math.log,
    "sqrt": math.sqrt,
}
_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv, ast.Pow: operator.pow, ast.Mod: operator.mod}
_UNARY = {ast.UAdd: operator.pos, ast.USub: operator.neg}


def evaluate_constant(text: str) -> float:
    """The value of an OpenQASM constant expression such as ``2*pi/3``;
    a :class:`QckptError` naming the expression when it is not one."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
        return float(_eval(tree.body))
    except (SyntaxError, ValueError, TypeError, ZeroDivisionError, OverflowError) as e:
        detail = e.msg if isinstance(e, SyntaxError) else str(e)
        raise QckptError(f"{text!r} is not a constant expression ({detail})") from None


def _eval(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in CONSTANTS:
            return CONSTANTS[node.id]
        raise ValueError(f"unknown name '{node.id}'; constants are {', '.join(n for n in CONSTANTS if n.isascii())}")
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_eval(node.operand))
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _BINARY[type(node.op)](_eval(node.left), _eval(node.right))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS and len(node.args) == 1 and not node.keywords:
        return FUNCTIONS[node.func.id](_eval(node.args[0]))
    raise ValueError(f"'{ast.unparse(node)}' is not allowed in a constant")
