"""Reading and writing classical variables: assignments (plain and compound),
l-values, bit-register slices (references to the bits they select), single
bits of a register or of an integer's representation, and whole registers
from integers."""

from __future__ import annotations

from typing import Any

from lark import Token, Tree
from xdsl.dialects import arith
from xdsl.ir import SSAValue

from qckpt.frontend.ir_builder import constant_value
from qckpt.frontend.qasm.state import LoweringState
from qckpt.frontend.qasm.symbols import CSym, ConstSym
from qckpt.frontend.qasm.tree import first_token, name_of
from qckpt.frontend.qasm.values import BIT, Dyn, INT, QType, Val, is_const


class VariableLowering(LoweringState):
    """Classical state lives in the SSA environment; these read and update it."""

    def st_assignment(self, st: Tree) -> None:
        target, op, value = st.children
        sym, idx = self.lvalue(target)
        v = self.eval(value)
        if str(op) != "=":
            if idx is None and sym.type.fixed_angle:  # modulo-2^n integer arithmetic, even on a known value
                cur: Val = Dyn(self.env[sym.keys[0]], sym.type)
            else:
                cur = self.read(sym, idx, target)
            v = self.binary(str(op)[:-1], cur, v, st)
        self.store(sym, idx, v, st)

    def st_expr_stmt(self, st: Tree) -> None:
        e = st.children[0]
        if self.is_gphase_call(e):
            self.gphase_angle(e)  # checked; a global phase without a control is unobservable
            return
        self.eval(e)  # a subroutine call for its effects

    def lvalue(self, node: Any) -> tuple[CSym, Any]:
        if isinstance(node, Tree) and node.data == "name":
            tok = node.children[0]
            return self.csym(tok), None
        if isinstance(node, Tree) and node.data == "indexed":
            tok = node.children[0]
            text = str(tok)
            return self.csym(tok, name_of(tok)), int(text[text.index("[") + 1 : -1])
        if isinstance(node, Tree) and node.data == "index" and isinstance(node.children[0], Tree) and node.children[0].data == "name":
            sym = self.csym(node.children[0].children[0])
            index = node.children[1]
            if isinstance(index, Tree) and index.data in ("range_expr", "index_set"):
                return self.slice_view(sym, index, node), None
            return sym, index
        raise self.error(node, "the left side of an assignment must be a variable or a bit of one")

    def slice_view(self, sym: CSym, index: Tree, node: Any) -> CSym:
        """``c[0:2]`` or ``c[{0, 3}]`` of a bit register: a register of the
        selected bits that shares their locations, so reading it reads them
        and assigning it assigns them (a slice is a reference, per the spec)."""
        if not sym.type.is_register:
            raise self.error(node, f"only bit registers can be sliced, not a value of type {sym.type}")
        n = len(sym.keys)
        picked = self.index_values(index, n, first_token(node))
        for i in picked:
            if not -n <= i < n:
                raise self.error(index, f"index {i} is out of range for a register of {n} bit(s)")
        if not picked:
            raise self.error(index, "a slice must select at least one bit")
        return CSym(QType("bit", len(picked)), [sym.keys[i] for i in picked])

    def csym(self, tok: Token, name: str | None = None) -> CSym:
        name = name or str(tok)
        sym = self.lookup(name)
        if sym is None:
            raise self.error(tok, f"'{name}' is not declared")
        if isinstance(sym, ConstSym):
            raise self.error(tok, f"'{name}' is a constant and cannot be assigned")
        if not isinstance(sym, CSym):
            raise self.error(tok, f"'{name}' is not a classical variable")
        return sym

    def read(self, sym: CSym, idx: Any, node: Any) -> Val:
        if idx is None:
            if sym.type.is_register:
                bits = [self.env[k] for k in sym.keys]
                consts = [constant_value(b) for b in bits]
                if all(c is not None for c in consts):
                    return sum((int(c) & 1) << i for i, c in enumerate(consts))  # type: ignore[arg-type]
                return Dyn(self.b.bits_to_int(bits), QType("uint", sym.type.width))
            return self.from_ssa(self.env[sym.keys[0]], sym.type)
        i = idx if isinstance(idx, int) else self.eval(idx)
        if sym.type.is_register:
            if isinstance(i, Dyn):
                return Dyn(self._dynamic_bit(sym, i), BIT)
            self.check_bit_index(sym, i, node)
            return self.from_ssa(self.env[sym.keys[i]], BIT)
        # A bit of an integer or angle[n] variable: of its representation.
        if is_const(i) and (isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < sym.type.int_width):
            raise self.error(node, f"bit index {i!r} is out of range for a variable of type {sym.type}")
        word = Dyn(self.env[sym.keys[0]], sym.type) if sym.type.fixed_angle else self.read(sym, None, node)
        return self.bit_of(word, i, node)

    def check_bit_index(self, sym: CSym, i: Any, node: Any) -> None:
        if isinstance(i, bool) or not isinstance(i, int):
            raise self.error(node, f"a bit index must be an integer, not {i!r}")
        if not 0 <= i < len(sym.keys):
            raise self.error(node, f"bit index {i} is out of range for a register of {len(sym.keys)} bit(s)")

    def _dynamic_bit(self, sym: CSym, i: Dyn) -> SSAValue:
        word = self.b.bits_to_int([self.env[k] for k in sym.keys])
        shifted = self.b.binop(arith.ShRUIOp, word, self.to_ssa(i, INT, None))
        return self.b.trunc_i1(self.b.and_(shifted, self.b.const_i64(1)))

    def store(self, sym: CSym, idx: Any, v: Val, node: Any) -> None:
        t = sym.type
        if idx is None:
            if t.is_register:
                self.assign(sym, None, v, node)
                return
            self.env[sym.keys[0]] = self.to_ssa(v, t, node)
            return
        i = idx if isinstance(idx, int) else self.eval(idx)
        if not t.is_register:
            self._store_bit_of_word(sym, i, v, node)
            return
        bit = self.to_ssa(v, BIT, node)
        if isinstance(i, Dyn):
            index = self.to_ssa(i, INT, node)
            for j, k in enumerate(sym.keys):
                hit = self.b.cmpi("eq", index, self.b.const_i64(j))
                self.env[k] = self.b.add(arith.SelectOp(hit, bit, self.env[k])).results[0]
            return
        self.check_bit_index(sym, i, node)
        self.env[sym.keys[i]] = bit

    def _store_bit_of_word(self, sym: CSym, i: Val, v: Val, node: Any) -> None:
        """``x[i] = b`` for an int, uint or angle[n] ``x``: bit i of its
        representation (bit 0 least significant)."""
        t = sym.type
        if t.kind not in ("int", "uint") and not t.fixed_angle:
            raise self.error(node, f"cannot assign to a bit of a variable of type {t}")
        if is_const(i):
            if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < t.int_width:
                raise self.error(node, f"bit index {i!r} is out of range for a variable of type {t}")
        word = self.env[sym.keys[0]]
        bit = self.b.zext_i64(self.to_ssa(v, BIT, node))
        index = self.to_ssa(i, INT, node)
        one = self.b.binop(arith.ShLIOp, self.b.const_i64(1), index)
        cleared = self.b.and_(word, self.b.xor(one, self.b.const_i64(-1)))
        new = self.b.binop(arith.OrIOp, cleared, self.b.binop(arith.ShLIOp, bit, index))
        self.env[sym.keys[0]] = self.mask_to_width(Dyn(new, t)).value

    def assign(self, sym: CSym, idx: Any, v: Val, node: Any) -> None:
        t = sym.type
        if idx is not None or not t.is_register:
            self.store(sym, idx, v, node)
            return
        # A whole bit register from an integer: bit i of the value.
        if is_const(v):
            n = int(v)  # type: ignore[arg-type]
            for i, k in enumerate(sym.keys):
                self.env[k] = self.b.const_bool(bool((n >> i) & 1))
            return
        word = self.to_ssa(v, INT, node)
        for i, k in enumerate(sym.keys):
            shifted = self.b.binop(arith.ShRUIOp, word, self.b.const_i64(i)) if i else word
            self.env[k] = self.b.trunc_i1(self.b.and_(shifted, self.b.const_i64(1)))
