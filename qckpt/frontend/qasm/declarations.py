"""Lowering declarations: qubits and registers (OpenQASM 3 and 2 forms),
classical variables with their initialisers, ``const``, ``input`` (bound at
compile time with ``--param`` or left as a run-time parameter) and
``output``, and ``let`` aliases."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from lark import Token, Tree
from xdsl.dialects.builtin import i1, i64
from xdsl.ir import SSAValue

from qckpt.frontend.ir_builder import F64
from qckpt.frontend.qasm.state import LoweringState
from qckpt.frontend.qasm.symbols import CSym, ConstSym, MAX_REGISTER, QSym
from qckpt.frontend.qasm.tree import base_token, name_of
from qckpt.frontend.qasm.values import Dyn, QType, is_const


class DeclarationLowering(LoweringState):
    """Declarations bring names into the current scope."""

    def st_qubit_decl(self, st: Tree) -> None:
        *des, name = st.children
        size = self.const_int(des[0].children[0], "a qubit register size") if des else None
        self._declare_qreg(name, size)

    def _old_register(self, st: Tree) -> tuple[Token, int]:
        """``qreg q[2];`` / ``creg c[2];``: the name and the size, whether
        the lexer made ``q[2]`` one INDEXED token or a name and a designator."""
        if len(st.children) == 1:
            tok = st.children[0]
            text = str(tok)
            return Token("NAME", name_of(tok), tok.start_pos, tok.line, tok.column), int(text[text.index("[") + 1 : -1])
        name, des = st.children
        return name, self.const_int(des.children[0], "a register size")

    def st_old_qreg(self, st: Tree) -> None:
        self._declare_qreg(*self._old_register(st))

    def _declare_qreg(self, name: Token, size: int | None) -> None:
        if self.loop_depth or self.sub_depth or len(self.scopes) > 1:
            raise self.error(name, "qubits can only be declared in the global scope")
        if size is not None and size < 1:
            raise self.error(name, f"a qubit register needs at least one qubit, not {size}")
        if size is not None and size > MAX_REGISTER:
            raise self.error(name, f"a register of {size} qubits is more than qckpt allocates ({MAX_REGISTER})")
        qubits = self.b.alloc_register(str(name), size or 1, self.loc(name))
        self.declare(name, QSym(qubits, size is not None))

    def st_old_creg(self, st: Tree) -> None:
        name, size = self._old_register(st)
        if not 1 <= size <= MAX_REGISTER:
            raise self.error(name, f"a bit register needs 1 to {MAX_REGISTER} bits, not {size}")
        self._declare_classical(name, QType("bit", size), None, st)

    def st_classical_decl(self, st: Tree) -> None:
        ty, name, *rest = st.children
        qtype = self.scalar_type(ty)
        init = rest[1] if rest else None
        self._declare_classical(name, qtype, init, st)

    def _declare_classical(self, name: Token, qtype: QType, init: Any, st: Tree) -> CSym:
        n = qtype.width if qtype.is_register else 1
        sym = CSym(qtype, [self.fresh_key(f"{name}{i}" if n > 1 else str(name)) for i in range(n)] if qtype.is_register else [self.fresh_key(str(name))])
        measured = isinstance(init, Tree) and init.data == "measure_expr"
        # The initialiser is evaluated before the name exists: in `int n = n;`
        # the right side is an outer `n`, or undeclared.
        value = self.eval(init) if init is not None and not measured else None
        if init is None:
            zero = self.zero_of(qtype)
            for k in sym.keys:
                self.env[k] = zero
        self.declare(name, sym)
        if measured:
            self.assign_measure(sym, None, init, name)
        elif init is not None:
            assert value is not None
            self.assign(sym, None, value, init)
        if qtype.kind == "bit" and len(self.scopes) == 1 and not self.loop_depth and not self.sub_depth:
            self.bit_vars.append((str(name), sym))
        return sym

    def st_const_decl(self, st: Tree) -> None:
        ty, name, _eq, value = st.children
        qtype = self.scalar_type(ty)
        v = self.eval(value)
        if not is_const(v):
            raise self.error(value, f"the value of const '{name}' must be known at compile time")
        self.declare(name, ConstSym(self.convert_const(v, qtype, value), qtype))

    def st_io_decl(self, st: Tree) -> None:
        io, ty, name = st.children
        qtype = self.scalar_type(ty)
        if str(io) == "input":
            if str(name) not in self.params:
                # Bound later (`qckpt bind`), without recompiling the body.
                if qtype.kind not in ("float", "angle", "int", "uint", "bool", "bit") or qtype.is_register:
                    raise self.error(name, f"input '{name}' of type {qtype} cannot be bound after compilation: pass --param {name}=VALUE")
                ir_type = F64 if qtype.kind in ("float", "angle") else (i1 if qtype.kind in ("bool", "bit") else i64)
                self.declare(name, ConstSym(Dyn(self.b.param(str(name), ir_type), qtype), qtype))
                return
            self.used_params.add(str(name))
            value = self.params[str(name)]
            self.declare(name, ConstSym(self.convert_const(value, qtype, name), qtype))
        else:
            if len(self.scopes) > 1:
                raise self.error(name, "output variables must be declared in the global scope")
            sym = self._declare_classical(name, qtype, None, st)
            self.outputs.append((str(name), sym))

    def st_alias_decl(self, st: Tree) -> None:
        """``let a = q[1:3] ++ r;``: a new name for (a concatenation of) qubit
        or bit selections. It refers to the same qubits or bit locations."""
        name, _eq, *parts = st.children
        pieces = [p for p in parts if not (isinstance(p, Token) and p.type == "CONCAT")]
        base = [self.lookup(name_of(t)) if (t := base_token(p)) is not None else None for p in pieces]
        if all(isinstance(b, QSym) for b in base):
            qubits: list[SSAValue] = []
            for p in pieces:
                qubits.extend(self.resolve_qarg(self.as_qarg(p)))
            if len(set(qubits)) != len(qubits):
                raise self.error(st, f"alias '{name}' names the same qubit more than once")
            self.declare(name, QSym(qubits, True))
            return
        if all(isinstance(b, CSym) and b.type.is_register for b in base):
            keys: list[Hashable] = []
            for p in pieces:
                view, idx = self.lvalue(p)
                if idx is not None:  # one bit
                    i = idx if isinstance(idx, int) else self.const_int(idx, "an index")
                    self.check_bit_index(view, i, p)
                    keys.append(view.keys[i])
                else:
                    keys.extend(view.keys)
            self.declare(name, CSym(QType("bit", len(keys)), keys))
            return
        for p, b in zip(pieces, base):
            tok = base_token(p)
            if tok is not None and b is None:
                raise self.error(tok, f"'{name_of(tok)}' is not declared")
            if not isinstance(b, (QSym, CSym)) or (isinstance(b, CSym) and not b.type.is_register):
                raise self.error(p, "an alias must name qubits, or bits of bit registers")
        odd = next(p for p, b in zip(pieces, base) if type(b) is not type(base[0]))
        raise self.error(odd, "an alias cannot mix qubits and bits")
