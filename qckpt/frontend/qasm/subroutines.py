"""Gate definitions and ``def`` subroutines: recorded when defined, inlined
at each call. A subroutine body runs in a scope holding only the global
constants and qubits and its arguments; ``return`` sets a flag and a value
that the structured control flow threads to the end of the body."""

from __future__ import annotations

from typing import Any

from lark import Token, Tree

from qckpt.frontend.qasm.gate_library import BUILTIN_GATES, QELIB1_INC, STDGATES_INC
from qckpt.frontend.qasm.limits import DEPTH_HINT
from qckpt.frontend.qasm.state import LoweringState
from qckpt.frontend.qasm.symbols import CSym, ConstSym, GateDef, QSym, RETURN, RETVAL, SubDef
from qckpt.frontend.qasm.tree import first_token, name_of
from qckpt.frontend.qasm.values import BIT, Dyn, QType, Val


class SubroutineLowering(LoweringState):
    """Gate and subroutine definitions and their inlining."""

    def st_gate_def(self, st: Tree) -> None:
        name, *rest = st.children
        params: list[str] = []
        qubits: list[str] = []
        body = rest[-1]
        for c in rest[:-1]:
            if c.data == "gate_params":
                params = [str(t) for t in (c.children[0].children if c.children else [])]
            elif c.data == "id_list":
                qubits = [str(t) for t in c.children]
        g = str(name)
        taken = g in self.gates or g in BUILTIN_GATES
        taken |= "stdgates.inc" in self.included and g in STDGATES_INC
        taken |= "qelib1.inc" in self.included and g in QELIB1_INC
        if taken:
            raise self.error(name, f"gate '{name}' is already defined")
        if g in self.subs:
            raise self.error(name, f"'{name}' is already defined as a subroutine")
        if len(set(qubits)) != len(qubits):
            raise self.error(name, f"gate '{name}' names a qubit argument twice")
        self.gates[str(name)] = GateDef(params, qubits, body)

    def st_opaque_def(self, st: Tree) -> None:
        raise self.error(st, "'opaque' gates have no definition to compile")

    def st_def_def(self, st: Tree) -> None:
        name, *rest = st.children
        args: list[tuple[str, str, QType | None, int | None]] = []
        ret: QType | None = None
        for c in rest[:-1]:
            if c.data == "def_args":
                for a in c.children:
                    if a.data == "def_classical":
                        args.append(("c", str(a.children[1]), self.scalar_type(a.children[0]), None))
                    elif a.data == "def_array":
                        aname, spec = self.array_parameter(a)
                        args.append(("a", aname, None, spec))  # type: ignore[arg-type]
                    else:
                        n = None
                        des = [x for x in a.children if isinstance(x, Tree) and x.data == "designator"]
                        if des:
                            n = self.const_int(des[0].children[0], "a qubit array size")
                        tok = [x for x in a.children if isinstance(x, Token) and x.type in ("NAME", "GATE_NAME", "INDEXED")][-1]
                        if tok.type == "INDEXED":  # `qreg q[2]`
                            n = int(str(tok)[len(name_of(tok)) + 1 : -1])
                        args.append(("q", name_of(tok), None, n))
            elif c.data == "return_type":
                ret = self.scalar_type(c.children[0])
        if str(name) in self.subs:
            raise self.error(name, f"subroutine '{name}' is already defined")
        self.subs[str(name)] = SubDef(args, ret, rest[-1], name)

    def st_return_stmt(self, st: Tree) -> None:
        if not self.sub_depth:
            raise self.error(st, "'return' outside a subroutine")
        if len(st.children) > 1:
            e = st.children[1]
            if isinstance(e, Tree) and e.data == "measure_expr":
                (q,) = self.resolve_qarg(e.children[0])
                v: Val = Dyn(self.b.measure(q, self.loc(first_token(e))), BIT)
            else:
                v = self.eval(e)
            ret_t = self.ret_types[-1]
            if ret_t is None:
                raise self.error(st, "this subroutine declares no return type")
            self.env[RETVAL] = self.to_ssa(v, ret_t, st)
        self.env[RETURN] = self.b.const_bool(True)

    def call_subroutine(self, node: Tree, sub: SubDef, args: list[Any]) -> Val:
        name = str(node.children[0])
        if len(args) != len(sub.args):
            raise self.error(node, f"subroutine '{name}' takes {len(sub.args)} argument(s), but {len(args)} were given")
        # Recursion is inlined while its arguments fold (f(n) calling f(n - 1));
        # a chain of distinct subroutines is only nesting, bounded by max_depth.
        if self.inlining.count(name) > 32:
            raise self.error(node, f"subroutine '{name}' recurses too deeply (recursion cannot be inlined)")
        if len(self.inlining) >= self.limits.max_depth:
            raise self.error(node, f"subroutine calls nest more than {self.limits.max_depth} deep; {DEPTH_HINT}")
        self.check_budget(self.size_of(name), node)
        scope: dict[str, Any] = {}
        for (kind, aname, atype, n), a in zip(sub.args, args):
            if kind == "q":
                qs = self.resolve_qarg(self.as_qarg(a))
                if len(qs) != (n if n is not None else 1):
                    raise self.error(a, f"argument '{aname}' of '{name}' takes {n or 1} qubit(s), but {len(qs)} were given")
                scope[aname] = QSym(qs, n is not None)
            elif kind == "a":
                scope[aname] = self.array_argument(a, n, aname, name)  # type: ignore[arg-type]
            else:
                v = self.eval(a)
                key = self.fresh_key(aname)
                assert atype is not None
                scope[aname] = CSym(atype, [key])
                self.env[key] = self.to_ssa(v, atype, a)
        if self.dead_blocks:
            return self.opaque_value(sub.ret) if sub.ret is not None else 0
        saved_scopes = self.scopes
        globals_ = {k: v for k, v in self.scopes[0].items() if isinstance(v, (ConstSym, QSym))}
        self.scopes = [globals_, scope]
        saved_flags = {f: self.env.get(f) for f in (RETURN, RETVAL)}
        saved_loop = self.loop_depth
        self.loop_depth = 0
        self.sub_depth += 1
        self.inlining.append(name)
        self.ret_types.append(sub.ret)
        self.env[RETURN] = self.b.const_bool(False)
        self.env[RETVAL] = self.zero_of(sub.ret) if sub.ret is not None else self.b.const_bool(False)
        try:
            self.lower_stmts(sub.body.children)
            result: Val = self.from_ssa(self.env[RETVAL], sub.ret) if sub.ret is not None else 0
        finally:
            self.ret_types.pop()
            self.inlining.pop()
            self.sub_depth -= 1
            self.loop_depth = saved_loop
            self.scopes = saved_scopes
            for f, v in saved_flags.items():
                if v is None:
                    self.env.pop(f)
                else:
                    self.env[f] = v
        return result

    def as_qarg(self, a: Any) -> Any:
        if isinstance(a, Tree) and a.data.startswith("qarg_"):
            return a  # already a qubit argument (a subroutine called as `f(x) q;`)
        if isinstance(a, Token) and a.type == "HWQUBIT":
            return a
        if isinstance(a, Tree) and a.data == "name":
            return Tree("qarg_name", a.children)
        if isinstance(a, Tree) and a.data == "indexed":
            return Tree("qarg_indexed", a.children)
        if isinstance(a, Tree) and a.data == "index":
            return Tree("qarg_index", [a.children[0].children[0], a.children[1]])
        raise self.error(a, "a qubit argument must be a qubit, a register, or an indexed register")
