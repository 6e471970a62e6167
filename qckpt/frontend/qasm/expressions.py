"""Lowering expressions. A value known at compile time stays a Python
constant and folds (``_fold``, with integer division as LLVM does it);
otherwise it becomes ``arith`` ops on SSA values. Built-in functions must
fold, since QIR has no math library at run time."""

from __future__ import annotations

import math
from typing import Any

from lark import Token, Tree
from xdsl.dialects import arith
from xdsl.ir import SSAValue

from qckpt.dialects.gates import GATES
from qckpt.frontend.qasm.limits import INT_BITS, INT_MIN, MAX_INT_DIGITS, UINT_MAX
from qckpt.frontend.qasm.state import LoweringState
from qckpt.frontend.qasm.symbols import CSym, ConstSym
from qckpt.frontend.qasm.timing import is_duration
from qckpt.frontend.qasm.tree import name_of
from qckpt.frontend.qasm.values import BOOL, BUILTINS, CONSTANTS, Dyn, FLOAT, INT, QType, UINT, Val, const_type, is_const


class ExpressionLowering(LoweringState):
    """Expressions, each ``ex_<rule>`` for one grammar rule, dispatched by ``eval``."""

    def eval(self, e: Any) -> Val:
        if isinstance(e, Token):
            raise self.error(e, f"unexpected '{e}' in an expression")
        m = getattr(self, "ex_" + e.data, None)
        if m is None:
            raise self.error(e, f"'{e.data}' is not supported in an expression")
        return m(e)

    def ex_int_lit(self, e: Tree) -> Val:
        text = str(e.children[0]).replace("_", "")
        if len(text) > MAX_INT_DIGITS:
            raise self.error(e, f"an integer literal of {len(text)} digits does not fit in {INT_BITS} bits "
                             f"(OpenQASM int is at most {INT_BITS} bits in qckpt)")
        v = int(text, 0) if text[:2].lower() in ("0x", "0o", "0b") else int(text)
        return self.int_in_range(v, e)

    def int_in_range(self, v: int, node: Any) -> int:
        """``v`` if a 64-bit int or uint holds it, else a located error: a
        constant that large would be silently cut at run time."""
        if not INT_MIN <= v <= UINT_MAX:
            raise self.error(node, f"{_short(v)} does not fit in {INT_BITS} bits "
                             f"(OpenQASM int is at most {INT_BITS} bits in qckpt)")
        return v

    def finite(self, v: float, node: Any) -> float:
        if not math.isfinite(v):
            raise self.error(node, f"the value {v} is not a finite 64-bit float (overflow or NaN)")
        return v

    def ex_float_lit(self, e: Tree) -> Val:
        return self.finite(float(str(e.children[0])), e)

    def ex_bitstring_lit(self, e: Tree) -> Val:
        """``"0101"``: a bit-register value, most significant bit first."""
        tok = e.children[0]
        digits = str(tok)[1:-1].replace("_", "")
        if not digits or set(digits) - {"0", "1"}:
            raise self.error(tok, f"{tok} is not a bitstring literal (only 0, 1 and _ may appear in one)")
        return int(digits, 2)

    def ex_true_lit(self, e: Tree) -> Val:
        return True

    def ex_false_lit(self, e: Tree) -> Val:
        return False

    def ex_const_lit(self, e: Tree) -> Val:
        return CONSTANTS[str(e.children[0])]

    def ex_name(self, e: Tree) -> Val:
        tok = e.children[0]
        sym = self.lookup(str(tok))
        if sym is None:
            raise self.error(tok, f"'{tok}' is not declared")
        if isinstance(sym, ConstSym):
            return sym.value
        if isinstance(sym, CSym):
            return self.read(sym, None, e)
        raise self.error(tok, f"'{tok}' is a qubit, not a classical value")

    def ex_indexed(self, e: Tree) -> Val:
        tok = e.children[0]
        text = str(tok)
        name = name_of(tok)
        i = int(text[text.index("[") + 1 : -1])
        sym = self.lookup(name)
        if sym is None:
            raise self.error(tok, f"'{name}' is not declared")
        if isinstance(sym, CSym):
            return self.read(sym, i, e)
        if isinstance(sym, ConstSym):
            return self.bit_of(sym.value, i, e)
        raise self.error(tok, f"'{name}' is a qubit register, not a classical value")

    def ex_index(self, e: Tree) -> Val:
        target, index = e.children
        is_slice = isinstance(index, Tree) and index.data in ("range_expr", "index_set")
        if isinstance(target, Tree) and target.data == "name":
            sym = self.lookup(str(target.children[0]))
            if isinstance(sym, CSym):
                if is_slice:
                    return self.read(self.slice_view(sym, index, e), None, e)
                return self.read(sym, index, e)
        if is_slice:
            raise self.error(index, "only bit registers can be sliced")
        v = self.eval(target)
        return self.bit_of(v, self.eval(index), e)

    def bit_of(self, v: Val, i: Val, e: Any) -> Val:
        if is_const(v) and is_const(i):
            return bool((int(v) >> int(i)) & 1)  # type: ignore[arg-type]
        return self.truthy_val(self.binary("&", self.binary(">>", v, i, e), 1, e), e)

    def ex_unary(self, e: Tree) -> Val:
        op, x = e.children
        v = self.eval(x)
        o = str(op)
        if is_duration(v):
            if o in ("-", "+"):
                return v.scale(-1.0) if o == "-" else v
            raise self.error(e, f"'{o}' is not defined on a duration")
        if is_const(v):
            if o == "-":
                return self.int_in_range(-v, e) if type(v) is int else -v  # type: ignore[operator]
            if o == "+":
                return v
            if o == "!":
                return not v
            if o == "~":
                return ~int(v) if not isinstance(v, bool) else not v  # type: ignore[arg-type]
        assert isinstance(v, Dyn)
        if o == "+":
            return v
        if o == "!":
            return Dyn(self.b.not_(self.truthy(v, e)), BOOL)
        if o == "-":
            if v.type.fixed_angle:
                return self.binary("-", 0.0, v, e)
            if v.type.kind in ("float", "angle"):
                return Dyn(self.b.add(arith.NegfOp(v.value)).results[0], FLOAT)
            return self.binary("-", 0, v, e)
        if v.type.kind in ("bit", "bool"):
            return Dyn(self.b.not_(v.value), v.type)
        return self.mask_to_width(Dyn(self.b.xor(self.to_ssa(v, INT, e), self.b.const_i64(-1)), v.type))

    def ex_binop(self, e: Tree) -> Val:
        lhs, op, rhs = e.children
        o = str(op)
        a = self.eval(lhs)
        if o in ("&&", "||") and is_const(a):
            # Short-circuit on a constant left side.
            if o == "&&" and not a:
                return False
            if o == "||" and a:
                return True
        return self.binary(o, a, self.eval(rhs), e)

    def ex_call(self, e: Tree) -> Val:
        name_tok = e.children[0]
        name = str(name_tok)
        args = e.children[1].children if len(e.children) > 1 else []
        if name in self.subs:
            return self.call_subroutine(e, self.subs[name], args)
        if name in BUILTINS:
            arity, fn = BUILTINS[name]
            if len(args) != arity:
                raise self.error(name_tok, f"{name} takes {arity} argument(s), but {len(args)} were given")
            vals = [self.eval(a) for a in args]
            if not all(is_const(v) for v in vals):
                raise self.error(name_tok, f"{name}(...) depends on a value known only at run time (a measurement), and QIR has no {name} at run time: it must fold at compile time")
            try:
                r = fn(*vals)  # type: ignore[operator]
            except (ValueError, ZeroDivisionError, OverflowError, TypeError) as ex:
                raise self.error(name_tok, f"{name}: {ex}") from None
            return self.int_in_range(r, name_tok) if type(r) is int else self.finite(r, name_tok)
        if self.gate_def(name) is not None or name in GATES:
            raise self.error(name_tok, f"'{name}' is a gate; a gate call needs qubit arguments")
        raise self.error(name_tok, f"'{name}' is not a known function or subroutine")


    def _result_type(self, a: Val, b: Val) -> QType:
        ta = a.type if isinstance(a, Dyn) else const_type(a)
        tb = b.type if isinstance(b, Dyn) else const_type(b)
        if ta.kind in ("float", "angle") or tb.kind in ("float", "angle"):
            return FLOAT
        if ta.kind in ("int", "uint") and ta.width is not None:
            return ta
        if tb.kind in ("int", "uint") and tb.width is not None:
            return tb
        if ta.kind in ("bit", "bool") and tb.kind in ("bit", "bool"):
            return BOOL
        if ta.kind == "uint" or tb.kind == "uint":
            return UINT
        return INT

    def binary(self, o: str, a: Val, b: Val, node: Any) -> Val:
        if is_duration(a) or is_duration(b):
            return self.duration_binary(o, a, b, node)
        if is_const(a) and is_const(b):
            return self._fold(o, a, b, node)
        if any(isinstance(x, Dyn) and x.type.fixed_angle for x in (a, b)):
            return self._angle_binary(o, a, b, node)
        rt = self._result_type(a, b)
        B = self.b
        if o in ("&&", "||"):
            x, y = self.truthy(a, node), self.truthy(b, node)
            return Dyn(B.and_(x, y) if o == "&&" else B.or_(x, y), BOOL)
        if o in ("==", "!=", "<", "<=", ">", ">="):
            if rt == FLOAT:
                x, y = self.to_ssa(a, FLOAT, node), self.to_ssa(b, FLOAT, node)
                pred = {"==": "oeq", "!=": "one", "<": "olt", "<=": "ole", ">": "ogt", ">=": "oge"}[o]
                return Dyn(B.add(arith.CmpfOp(x, y, pred)).results[0], BOOL)
            if rt == BOOL:
                x, y = self.to_ssa(a, BOOL, node), self.to_ssa(b, BOOL, node)
            else:
                x, y = self.to_ssa(a, INT, node), self.to_ssa(b, INT, node)
            signed = rt.kind == "int"
            pred = {"==": "eq", "!=": "ne", "<": "slt" if signed else "ult", "<=": "sle" if signed else "ule",
                    ">": "sgt" if signed else "ugt", ">=": "sge" if signed else "uge"}[o]
            return Dyn(B.cmpi(pred, x, y), BOOL)
        if rt == FLOAT:
            ops = {"+": arith.AddfOp, "-": arith.SubfOp, "*": arith.MulfOp, "/": arith.DivfOp}
            if o not in ops:
                raise self.error(node, f"operator '{o}' on a run-time float is not supported (QIR has no float '{o}')")
            return Dyn(B.binop(ops[o], self.to_ssa(a, FLOAT, node), self.to_ssa(b, FLOAT, node)), FLOAT)
        if rt == BOOL and o in ("&", "|", "^"):
            ops1 = {"&": arith.AndIOp, "|": arith.OrIOp, "^": arith.XOrIOp}
            return Dyn(B.binop(ops1[o], self.to_ssa(a, BOOL, node), self.to_ssa(b, BOOL, node)), BOOL)
        ops2 = {"+": arith.AddiOp, "-": arith.SubiOp, "*": arith.MuliOp, "/": arith.DivSIOp, "%": arith.RemSIOp,
                "&": arith.AndIOp, "|": arith.OrIOp, "^": arith.XOrIOp, "<<": arith.ShLIOp, ">>": arith.ShRUIOp}
        if o not in ops2:
            raise self.error(node, f"operator '{o}' needs values known at compile time")
        if o in ("/", "%") and rt.kind != "int":
            ops2 = {**ops2, "/": arith.DivUIOp, "%": arith.RemUIOp}
        return self.mask_to_width(Dyn(B.binop(ops2[o], self.to_ssa(a, INT, node), self.to_ssa(b, INT, node)), rt))

    def _angle_binary(self, o: str, a: Val, b: Val, node: Any) -> Val:
        """An operator with a run-time ``angle[n]`` operand. Angles add,
        subtract and compare with angles; multiply and divide by unsigned
        integers; shift and mask as bit patterns; all modulo 2^n. Anything
        else (an angle times a float, say) is done on its value in radians."""
        ang = a if isinstance(a, Dyn) and a.type.fixed_angle else b
        assert isinstance(ang, Dyn)
        t = ang.type
        other = b if ang is a else a

        def is_intlike(x: Val) -> bool:
            if isinstance(x, Dyn):
                return x.type.kind in ("int", "uint", "bit", "bool")
            return isinstance(x, int)

        def units(x: Val) -> SSAValue:
            return self.to_ssa(x, t, node)

        def word(x: Val) -> SSAValue:
            return self.to_ssa(x, INT, node)

        B = self.b
        if o in ("+", "-") and not is_intlike(other):
            r = B.binop(arith.AddiOp if o == "+" else arith.SubiOp, units(a), units(b))
            return self.mask_to_width(Dyn(r, t))
        if o in ("==", "!=", "<", "<=", ">", ">=") and not is_intlike(other):
            pred = {"==": "eq", "!=": "ne", "<": "ult", "<=": "ule", ">": "ugt", ">=": "uge"}[o]
            return Dyn(B.cmpi(pred, units(a), units(b)), BOOL)
        if o == "*" and is_intlike(other):
            return self.mask_to_width(Dyn(B.binop(arith.MuliOp, word(a), word(b)), t))
        if o == "/" and ang is a and is_intlike(b):
            return self.mask_to_width(Dyn(B.binop(arith.DivUIOp, word(a), word(b)), t))
        if o == "/" and isinstance(b, Dyn) and b.type == t:
            return Dyn(B.binop(arith.DivUIOp, word(a), word(b)), QType("uint", t.width))
        if o in ("<<", ">>", "&", "|", "^") and (ang is a or o not in ("<<", ">>")):
            ops = {"<<": arith.ShLIOp, ">>": arith.ShRUIOp, "&": arith.AndIOp, "|": arith.OrIOp, "^": arith.XOrIOp}
            return self.mask_to_width(Dyn(B.binop(ops[o], word(a), word(b)), t))
        # Otherwise: on the angle's value in radians.
        fa = Dyn(self.to_ssa(a, FLOAT, node), FLOAT) if isinstance(a, Dyn) and a.type.fixed_angle else a
        fb = Dyn(self.to_ssa(b, FLOAT, node), FLOAT) if isinstance(b, Dyn) and b.type.fixed_angle else b
        return self.binary(o, fa, fb, node)

    def _fold(self, o: str, a: Any, b: Any, node: Any) -> Val:
        try:
            if o == "+":
                r = a + b
            elif o == "-":
                r = a - b
            elif o == "*":
                r = a * b
            elif o in ("/", "%") and not (isinstance(a, float) or isinstance(b, float)):
                # Integers divide as at run time (LLVM sdiv/srem): the quotient
                # truncates toward zero and the remainder takes the dividend's
                # sign, so a folded and a run-time `-7 % 3` agree (-1).
                q = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
                r = q if o == "/" else a - b * q
            elif o == "/":
                r = a / b
            elif o == "%":
                r = math.fmod(a, b)
            elif o == "**":
                if isinstance(a, int) and isinstance(b, int) and abs(a) > 1 and b > INT_BITS:
                    # Computing it first would take minutes (2 ** 10**11) to find it does not fit.
                    raise self.error(node, f"{_short(a)} ** {_short(b)} does not fit in {INT_BITS} bits "
                                     f"(OpenQASM int is at most {INT_BITS} bits in qckpt)")
                r = a**b
            elif o == "&":
                r = a & b
            elif o == "|":
                r = a | b
            elif o == "^":
                r = a ^ b
            elif o == "<<":
                if isinstance(b, int) and b > INT_BITS:
                    raise self.error(node, f"a shift by {_short(b)} bits is beyond {INT_BITS}-bit integers")
                r = a << b
            elif o == ">>":
                r = a >> b
            elif o == "&&":
                r = bool(a) and bool(b)
            elif o == "||":
                r = bool(a) or bool(b)
            elif o == "==":
                r = a == b
            elif o == "!=":
                r = a != b
            elif o == "<":
                r = a < b
            elif o == "<=":
                r = a <= b
            elif o == ">":
                r = a > b
            elif o == ">=":
                r = a >= b
            else:
                raise self.error(node, f"unknown operator '{o}'")
            if type(r) is int:
                r = self.int_in_range(r, node)
            elif type(r) is float:
                r = self.finite(r, node)
            elif type(r) is complex:
                raise self.error(node, f"'{o}' has no real value here")
        except ZeroDivisionError:
            raise self.error(node, "division by zero") from None
        except OverflowError:
            raise self.error(node, f"'{o}' overflows a 64-bit float") from None
        except ValueError as ex:  # a shift by a negative count, a complex power
            raise self.error(node, f"'{o}': {ex}") from None
        except TypeError:
            raise self.error(node, f"operator '{o}' does not apply to {type(a).__name__} and {type(b).__name__}") from None
        return r


def _short(v: int) -> str:
    """An integer for a message: its digits, or how many there are."""
    return str(v) if abs(v) < 10**30 else f"a {len(str(abs(v)))}-digit integer" if abs(v) < 10**4000 else "a huge integer"
