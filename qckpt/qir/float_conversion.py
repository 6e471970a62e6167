"""Integer <-> double conversions and float negation in the Adaptive
Profile's own instruction set.

The profile allows only ``fadd``/``fsub``/``fmul``/``fdiv`` among float
instructions (Adaptive_Profile.md, Bullet 5): no ``sitofp``, ``fptosi`` or
``fneg``. An angle computed at run time (``angle[4] a; a[3] = measure q;
rz(a) q;``) still needs them, so they are built here from what the
profile has: a select per bit of the integer, summed with ``fadd``; and
for the other direction, a greedy subtraction of powers of two compared
with ``fcmp``. Both are exact where the LLVM instruction is defined.
"""

from __future__ import annotations

from xdsl.dialects import arith
from xdsl.dialects.builtin import IntegerAttr, IntegerType
from xdsl.ir import SSAValue

Value = object


def _i64(n: int) -> int:
    """``n`` as the signed i64 with the same bit pattern (LLVM text wants it in range)."""
    return n - (1 << 64) if n >= 1 << 63 else n


def known_unsigned_bits(v: SSAValue) -> int | None:
    """How many low bits can be set in ``v`` when that is known from the op
    that made it (a zext of a narrow int, an ``and`` with a non-negative
    constant mask), else None. Narrows the per-bit conversion below."""
    owner = v.owner
    if isinstance(owner, arith.ExtUIOp) and isinstance(owner.operands[0].type, IntegerType):
        return owner.operands[0].type.width.data
    if isinstance(owner, arith.AndIOp):
        for x in owner.operands:
            if isinstance(x.owner, arith.ConstantOp) and isinstance(x.owner.value, IntegerAttr):
                mask = x.owner.value.value.data
                if mask >= 0:
                    return mask.bit_length()
    return None


def negate(sink, x: Value) -> Value:
    """``-x`` as ``fsub -0.0, x``: equal to ``fneg`` for every x, zeros included."""
    return sink.binop("fsub", "double", sink.const_f64(-0.0), x)


def _sum_bits(sink, mag: Value, lo: int, hi: int) -> Value:
    """sum over bits i in [lo, hi) of ``mag`` of 2^(i-lo), as a double; exact
    because hi - lo <= 32 keeps every partial sum below 2^53."""
    acc = None
    for i in range(lo, hi):
        bit = sink.binop("and", "i64", mag, sink.const_int(64, _i64(1 << i)))
        on = sink.icmp("ne", "i64", bit, sink.const_int(64, 0))
        term = sink.select("double", on, sink.const_f64(float(1 << (i - lo))), sink.const_f64(0.0))
        acc = term if acc is None else sink.binop("fadd", "double", acc, term)
    return acc if acc is not None else sink.const_f64(0.0)


def int_to_double(sink, v: Value, unsigned_bits: int | None) -> Value:
    """``sitofp i64 v to double``, correctly rounded: the magnitude in two
    exact 32-bit halves, joined by one ``fmul`` (exact) and one ``fadd``
    (the single rounding, as sitofp's)."""
    if unsigned_bits is not None and unsigned_bits <= 32:
        return _sum_bits(sink, v, 0, unsigned_bits)
    neg = None
    mag = v
    if unsigned_bits is None or unsigned_bits >= 64:
        neg = sink.icmp("slt", "i64", v, sink.const_int(64, 0))
        # INT64_MIN stays INT64_MIN, read as the unsigned 2^63 by the bit sum.
        mag = sink.select("i64", neg, sink.binop("sub", "i64", sink.const_int(64, 0), v), v)
    top = 64 if unsigned_bits is None else min(unsigned_bits, 64)
    low = _sum_bits(sink, mag, 0, 32)
    high = _sum_bits(sink, mag, 32, top)
    f = sink.binop("fadd", "double", sink.binop("fmul", "double", high, sink.const_f64(2.0**32)), low)
    if neg is None:
        return f
    return sink.select("double", neg, sink.binop("fsub", "double", sink.const_f64(0.0), f), f)


def double_to_int(sink, x: Value) -> Value:
    """``fptosi double x to i64`` (truncation toward zero) where it is
    defined, |x| < 2^63: subtract powers of two from |x|, largest first.
    Each subtraction is exact (Sterbenz: 2^i <= r < 2^(i+1)). NaN gives 0."""
    zero_f = sink.const_f64(0.0)
    neg = sink.fcmp("olt", x, zero_f)
    r = sink.select("double", neg, sink.binop("fsub", "double", zero_f, x), x)
    n = sink.const_int(64, 0)
    for i in range(62, -1, -1):
        p = sink.const_f64(float(1 << i))
        ge = sink.fcmp("oge", r, p)
        r = sink.select("double", ge, sink.binop("fsub", "double", r, p), r)
        n = sink.binop("or", "i64", n, sink.select("i64", ge, sink.const_int(64, 1 << i), sink.const_int(64, 0)))
    return sink.select("i64", neg, sink.binop("sub", "i64", sink.const_int(64, 0), n), n)
