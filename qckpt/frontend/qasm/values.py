"""Classical values and types of the OpenQASM 3 lowering.

An expression evaluates either to a Python constant (``int``, ``float``,
``bool``), folded at compile time, or to a ``Dyn``: an SSA value known only at
run time (it depends on a measurement). QIR has no math library at run time,
so built-in functions must fold; arithmetic on ``Dyn`` becomes ``arith``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from xdsl.ir import SSAValue


@dataclass(frozen=True)
class QType:
    """A classical type. ``kind`` is bit, bool, int, uint, float or angle;
    ``width`` is the designator (bits for bit/int/uint), None when absent."""

    kind: str
    width: int | None = None

    @property
    def is_register(self) -> bool:
        return self.kind == "bit" and self.width is not None

    @property
    def fixed_angle(self) -> bool:
        """``angle[n]``: an n-bit fixed-point fraction of 2π. It is kept as
        its n-bit integer, so its arithmetic is integer arithmetic modulo
        2^n, as the spec defines it; ``angle`` without a width is a float."""
        return self.kind == "angle" and self.width is not None

    @property
    def int_width(self) -> int:
        return self.width if self.width is not None else 64

    def __str__(self) -> str:
        return self.kind if self.width is None else f"{self.kind}[{self.width}]"


BOOL = QType("bool")
BIT = QType("bit")
INT = QType("int")
UINT = QType("uint")
FLOAT = QType("float")
ANGLE = QType("angle")


@dataclass(frozen=True)
class Dyn:
    """A run-time value: ``i1`` for bool/bit, ``i64`` for integers (kept
    reduced to the type's width), ``f64`` for float/angle."""

    value: SSAValue
    type: QType


Val = int | float | bool | Dyn


def is_const(v: Val) -> bool:
    return not isinstance(v, Dyn)


def const_type(v: int | float | bool) -> QType:
    if isinstance(v, bool):
        return BOOL
    if isinstance(v, int):
        return INT
    return FLOAT


def wrap_int(v: int, t: QType) -> int:
    """Reduce a Python int to ``t``'s width (two's complement for int)."""
    if t.kind in ("int", "uint", "bit") and t.width is not None and t.width < 64:
        mask = (1 << t.width) - 1
        v &= mask
        if t.kind == "int" and v >> (t.width - 1):
            v -= 1 << t.width
    return v


def angle_to_units(x: float, width: int) -> int:
    """The nearest ``angle[width]`` bit pattern of ``x`` radians (mod 2π)."""
    return round(x * (1 << width) / math.tau) % (1 << width)


def units_to_angle(u: int, width: int) -> float:
    return u * math.tau / (1 << width)


def _popcount(x: int) -> int:
    return bin(x & ((1 << 64) - 1)).count("1")


def _rot(x: int, k: int, width: int, left: bool) -> int:
    width = width or 64
    k %= width
    mask = (1 << width) - 1
    x &= mask
    return ((x << k) | (x >> (width - k))) & mask if left else ((x >> k) | (x << (width - k))) & mask


# Built-in functions, folded at compile time (name -> (arity, function)).
BUILTINS: dict[str, tuple[int, object]] = {
    "sin": (1, math.sin),
    "cos": (1, math.cos),
    "tan": (1, math.tan),
    "arcsin": (1, math.asin),
    "arccos": (1, math.acos),
    "arctan": (1, math.atan),
    "exp": (1, math.exp),
    "ln": (1, math.log),
    "sqrt": (1, math.sqrt),
    "mod": (2, lambda a, b: math.fmod(a, b) if isinstance(a, float) or isinstance(b, float) else a % b),
    "popcount": (1, _popcount),
    "rotl": (2, lambda x, k: _rot(int(x), int(k), 64, True)),
    "rotr": (2, lambda x, k: _rot(int(x), int(k), 64, False)),
}

CONSTANTS = {"pi": math.pi, "π": math.pi, "tau": math.tau, "τ": math.tau, "euler": math.e, "ℇ": math.e}
