"""OpenQASM types and the conversions between them: types as written, zero
values, casts, and moving a value between a folded Python constant and an SSA
value of its IR type (``int[n]`` sign-extended, ``uint[n]``/``bit[n]``/
``angle[n]`` masked to their width, ``angle[n]`` as an n-bit fraction of 2π)."""

from __future__ import annotations

import math
from typing import Any

from lark import Tree
from xdsl.dialects import arith
from xdsl.dialects.builtin import i1, i64
from xdsl.ir import SSAValue

from qckpt.frontend.ir_builder import F64, constant_value
from qckpt.frontend.qasm.state import LoweringState
from qckpt.frontend.qasm.limits import INT_MIN, UINT_MAX
from qckpt.frontend.qasm.symbols import MAX_REGISTER
from qckpt.frontend.qasm.timing import is_duration
from qckpt.frontend.qasm.values import BOOL, Dyn, FLOAT, INT, QType, Val, angle_to_units, is_const, units_to_angle, wrap_int


class ConversionLowering(LoweringState):
    """Types, casts and value conversions."""

    def scalar_type(self, ty: Tree) -> QType:
        kind = ty.data[: -len("_type")]
        if kind == "complex":
            raise self.error(ty, f"type '{kind}' is not supported")
        width = None
        for c in ty.children:
            if isinstance(c, Tree) and c.data == "designator":
                width = self.const_int(c.children[0], "a type width")
                limit = 64 if kind in ("int", "uint", "angle") else MAX_REGISTER  # ints live in i64
                if not 1 <= width <= limit:
                    raise self.error(c, f"{kind}[{width}] is not supported (widths 1 to {limit})")
        return QType(kind, width)

    def zero_of(self, t: QType) -> SSAValue:
        if t.kind in ("bit", "bool"):
            return self.b.const_bool(False)
        if t.kind in ("int", "uint") or t.fixed_angle:
            return self.b.const_i64(0)
        return self.b.const_f64(0.0)

    def ex_cast(self, e: Tree) -> Val:
        ty, x = e.children
        t = self.scalar_type(ty)
        v = self.eval(x)
        if is_const(v):
            return self.convert_const(v, t, e)
        assert isinstance(v, Dyn)
        if t.kind in ("bool", "bit") and not t.is_register:
            return Dyn(self.truthy(v, e), BOOL)
        if t.kind in ("int", "uint") or t.is_register:
            return self.mask_to_width(Dyn(self.to_ssa(v, INT, e), QType("uint" if t.kind == "bit" else t.kind, t.width)))
        if t.fixed_angle:
            return Dyn(self.to_ssa(v, t, e), t)
        return Dyn(self.to_ssa(v, FLOAT, e), FLOAT)

    def const_int(self, node: Any, what: str) -> int:
        v = self.eval(node)
        if isinstance(v, Dyn):
            raise self.error(node, f"{what} must be known at compile time")
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, bool) or not isinstance(v, int):
            raise self.error(node, f"{what} must be an integer, not {v!r}")
        return self.int_in_range(v, node)

    def convert_const(self, v: Any, t: QType, node: Any) -> Val:
        self.not_a_duration(v, t, node)
        if t.kind in ("bool",) or (t.kind == "bit" and not t.is_register):
            return bool(v)
        if t.kind in ("int", "uint") or t.is_register:
            if isinstance(v, float):
                self.finite(v, node)
                if not v.is_integer() or not INT_MIN <= v <= UINT_MAX:
                    # A cast truncates toward zero; out of range it has no value (LLVM: poison).
                    self.int_in_range(int(v), node)
            if isinstance(v, float) and not v.is_integer() and t.kind != "bit":
                return wrap_int(int(v), t)
            return wrap_int(int(v), QType("uint" if t.kind == "bit" else t.kind, t.width))
        if t.fixed_angle:
            assert t.width is not None
            return units_to_angle(angle_to_units(float(v), t.width), t.width)
        if t.kind in ("float", "angle"):
            return float(v)
        raise self.error(node, f"cannot convert {v!r} to {t}")

    def from_ssa(self, v: SSAValue, t: QType) -> Val:
        c = constant_value(v)
        if c is not None:
            if t.kind in ("bit", "bool") and not t.is_register:
                return bool(int(c) & 1)
            if t.fixed_angle:
                assert t.width is not None
                return units_to_angle(int(c), t.width)
            if t.kind in ("float", "angle"):
                return float(c)
            return wrap_int(int(c), t)
        return Dyn(v, t)

    def to_ssa(self, v: Val, t: QType, node: Any) -> SSAValue:
        """Materialise ``v`` as an SSA value of ``t``'s IR type."""
        if t.fixed_angle:
            return self._to_angle_units(v, t, node)
        kind = "bool" if t.kind in ("bit", "bool") and not t.is_register else ("float" if t.kind in ("float", "angle") else "int")
        self.not_a_duration(v, t, node)
        if is_const(v):
            if kind == "bool":
                return self.b.const_bool(bool(v))
            if kind == "int":
                if isinstance(v, float) and not v.is_integer():
                    raise self.error(node, f"cannot use {v} as an integer")
                return self.b.const_i64(wrap_int(int(v), t))  # type: ignore[arg-type]
            return self.b.const_f64(float(v))  # type: ignore[arg-type]
        assert isinstance(v, Dyn)
        src = v.value.type
        if kind == "bool":
            return v.value if src == i1 else self.truthy(v, node)
        if kind == "int":
            if src == i1:
                return self.b.zext_i64(v.value)
            if src == i64:
                return self.mask_to_width(Dyn(v.value, t)).value if self._narrows(v.type, t) else v.value
            return self.mask_to_width(Dyn(self.b.add(arith.FPToSIOp(v.value, i64)).results[0], t)).value
        if src == F64:
            return v.value
        f = self.b.add(arith.SIToFPOp(self.b.zext_i64(v.value) if src == i1 else v.value, F64)).results[0]
        if v.type.fixed_angle:  # n-bit pattern -> radians
            assert v.type.width is not None
            f = self.b.binop(arith.MulfOp, f, self.b.const_f64(math.tau / (1 << v.type.width)))
        return f

    @staticmethod
    def _narrows(src: QType, dst: QType) -> bool:
        """Storing a ``src`` value in a ``dst`` location must reduce it to
        ``dst``'s width (and sign-extend for ``int[n]``)."""
        if dst.width is None or dst.width >= 64 or dst.kind not in ("int", "uint"):
            return False
        return not (src.kind == dst.kind and src.width is not None and src.width <= dst.width)

    def _to_angle_units(self, v: Val, t: QType, node: Any) -> SSAValue:
        """``v`` as the n-bit pattern of an ``angle[n]``."""
        n = t.width
        assert n is not None
        if is_const(v):
            return self.b.const_i64(angle_to_units(float(v), n))  # type: ignore[arg-type]
        assert isinstance(v, Dyn)
        if v.type.fixed_angle:
            m = v.type.width
            assert m is not None
            if m == n:
                return v.value
            if m < n:
                return self.b.binop(arith.ShLIOp, v.value, self.b.const_i64(n - m))
            return self.b.binop(arith.ShRUIOp, v.value, self.b.const_i64(m - n))
        # Radians -> nearest pattern: round half away from zero, then mod 2^n.
        x = self.b.binop(arith.MulfOp, self.to_ssa(v, FLOAT, node), self.b.const_f64((1 << n) / math.tau))
        nonneg = self.b.add(arith.CmpfOp(x, self.b.const_f64(0.0), "oge")).results[0]
        half = self.b.add(arith.SelectOp(nonneg, self.b.const_f64(0.5), self.b.const_f64(-0.5))).results[0]
        units = self.b.add(arith.FPToSIOp(self.b.binop(arith.AddfOp, x, half), i64)).results[0]
        return self.mask_to_width(Dyn(units, t)).value

    def not_a_duration(self, v: Any, t: QType, node: Any) -> None:
        """Durations exist only at compile time, for timing: they convert to
        no other type (``duration / duration`` is the way to a number)."""
        if is_duration(v):
            raise self.error(node, f"a duration ({v}) cannot be used as {t}")

    def truthy_const(self, v: Val, node: Any) -> bool:
        self.not_a_duration(v, BOOL, node)
        return bool(v)

    def truthy(self, v: Val, node: Any) -> SSAValue:
        if is_const(v):
            self.not_a_duration(v, BOOL, node)
            return self.b.const_bool(bool(v))
        assert isinstance(v, Dyn)
        if v.value.type == i1:
            return v.value
        if v.value.type == i64:
            return self.b.cmpi("ne", v.value, self.b.const_i64(0))
        return self.b.add(arith.CmpfOp(v.value, self.b.const_f64(0.0), "one")).results[0]

    def truthy_val(self, v: Val, node: Any) -> Val:
        return bool(v) if is_const(v) else Dyn(self.truthy(v, node), BOOL)

    def mask_to_width(self, v: Dyn) -> Dyn:
        """Reduce a run-time integer to its type's width: ``int[n]`` is kept
        sign-extended, ``uint[n]``, ``bit[n]`` and ``angle[n]`` zero-extended,
        so that i64 comparisons and arithmetic on them are right."""
        w = v.type.width
        if w is None or w >= 64 or v.value.type != i64 or v.type.kind not in ("int", "uint", "bit", "angle"):
            return v
        if v.type.kind == "int":
            up = self.b.binop(arith.ShLIOp, v.value, self.b.const_i64(64 - w))
            return Dyn(self.b.binop(arith.ShRSIOp, up, self.b.const_i64(64 - w)), v.type)
        return Dyn(self.b.and_(v.value, self.b.const_i64((1 << w) - 1)), v.type)
