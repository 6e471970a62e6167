"""Lowering gate calls and the other quantum statements. A call expands to
primitive gates (a program's or the library's gate definitions inlined),
its modifiers are applied to that list (``modifiers``), and the result is
emitted on resolved qubits. Also: qubit arguments and index selections,
measurement, reset and barrier (timing statements are in ``timing``)."""

from __future__ import annotations

from typing import Any

from lark import Token, Tree
from xdsl.dialects import arith
from xdsl.ir import SSAValue

from qckpt.dialects.gates import GATES
from qckpt.frontend.qasm.modifiers import AngleOps, ModifierError, Prim, control, inverse, negctrl_wrap, power
from qckpt.frontend.qasm.state import LoweringState
from qckpt.frontend.qasm.symbols import CSym, ConstSym, GateDef, QSym
from qckpt.frontend.qasm.tree import first_token, name_of
from qckpt.frontend.qasm.values import BIT, Dyn, FLOAT, Val, is_const


class GateLowering(LoweringState):
    """Gate calls, qubit arguments and quantum statements."""

    def st_gate_call(self, st: Tree) -> None:
        name = st.children[0]
        if isinstance(name, Token) and str(name) in self.subs:
            # `f(a) q, r;`: a subroutine called in gate syntax (earlier
            # OpenQASM 3 drafts, and the OpenQASM examples, write calls so):
            # the parenthesised values, then the qubits, in parameter order.
            args: list[Any] = []
            for c in st.children[1:]:
                if isinstance(c, Tree) and c.data == "expr_list":
                    args.extend(c.children)
                elif isinstance(c, Tree) and c.data == "qarg_list":
                    args.extend(c.children)
                elif isinstance(c, Tree) and c.data == "designator":
                    self.gate_duration(c)
                else:
                    args.append(c)
            self.call_subroutine(Tree("call", [name]), self.subs[str(name)], args)
            return
        for p in self.expand_call(st):
            self.emit_prim(p, st)

    def expand_call(self, st: Tree) -> list[Prim]:
        """A gate call as primitive gates, modifiers applied."""
        mods: list[Tree] = []
        name: Token | None = None
        params: list[Any] = []
        qargs: list[Any] = []
        for c in st.children:
            if isinstance(c, Token):
                name = c
            elif c.data.endswith("_mod"):
                mods.append(c)
            elif c.data == "expr_list":
                params = c.children
            elif c.data == "qarg_list":
                qargs = c.children
            elif c.data == "designator":
                self.gate_duration(c)
            else:  # a single parameter without expr_list wrapper
                params = [c]
        assert name is not None
        pvals = [self.eval(p) for p in params]
        qlists = [self.resolve_qarg(q) for q in qargs]
        # Controls come first in the argument list, one per ctrl qubit.
        n_controls = 0
        mod_specs: list[tuple[str, int]] = []
        for m in mods:
            if m.data in ("ctrl_mod", "negctrl_mod"):
                k = self.const_int(m.children[1], "a control count") if len(m.children) > 1 else 1
                if k < 1:
                    raise self.error(m, "the number of controls must be at least 1")
                mod_specs.append((m.data, k))
                n_controls += k
            elif m.data == "pow_mod":
                k = self.eval(m.children[1])
                if not isinstance(k, int) or isinstance(k, bool):
                    raise self.error(m, "pow(k) @ needs a compile-time integer k")
                mod_specs.append(("pow", k))
            else:
                mod_specs.append(("inv", 0))
        sig_qubits = self.gate_arity(name, len(pvals))
        if len(qlists) != n_controls + sig_qubits:
            raise self.error(name, f"gate '{name}' with {n_controls} control(s) acts on {n_controls + sig_qubits} qubit(s), but {len(qlists)} were given")
        if not mod_specs and all(len(q) == 1 for q in qlists):
            # Most calls: no modifier and one qubit per argument, so one
            # application; the same checks, without the broadcast machinery.
            qs = [q[0] for q in qlists]
            if len(set(qs)) != len(qs):
                raise self.error(name, f"gate '{name}' uses the same qubit more than once")
            return self.base_prims(name, pvals, qs)
        # Broadcast registers: all register arguments have the same size.
        sizes = {len(q) for q in qlists if len(q) != 1}
        if len(sizes) > 1:
            raise self.error(name, f"gate '{name}' is broadcast over registers of different sizes {sorted(sizes)}")
        n = sizes.pop() if sizes else 1
        out: list[Prim] = []
        for i in range(n):
            qs = [q[i] if len(q) > 1 else q[0] for q in qlists]
            if len(set(qs)) != len(qs):
                raise self.error(name, f"gate '{name}' uses the same qubit more than once")
            controls, targets = qs[:n_controls], qs[n_controls:]
            prims = self.base_prims(name, pvals, targets)
            ci = n_controls
            try:
                for kind, k in reversed(mod_specs):
                    if kind == "inv":
                        prims = inverse(prims, self.negate)
                    elif kind == "pow":
                        # Repeated |k| times unless every prim is a rotation (then scaled).
                        prims = power(prims, k, self.negate, lambda v, n: self.binary("*", v, n, name),
                                      budget=lambda n: self.check_budget(n, name))
                    else:
                        ctl = controls[ci - k : ci]
                        ci -= k
                        ops = AngleOps(self.negate, lambda v, f: self.binary("*", v, f, name))
                        prims = control(prims, ctl, ops) if kind == "ctrl_mod" else negctrl_wrap(prims, ctl, ops)
            except ModifierError as e:
                raise self.error(name, str(e)) from None
            out.extend(prims)
        return out

    def gate_def(self, g: str) -> GateDef | None:
        """The OpenQASM definition of a gate, if it has one: the program's
        own first, then the standard-library gates the gate table lacks."""
        return self.gates.get(g) or self.library.get(g)

    def gate_arity(self, name: Token, nparams: int) -> int:
        g = str(name)
        if g == "gphase":
            if nparams != 1:
                raise self.error(name, f"gphase takes 1 parameter, but {nparams} were given")
            return 0
        d = self.gate_def(g)
        if d is not None:
            if nparams != len(d.params):
                raise self.error(name, f"gate '{g}' takes {len(d.params)} parameter(s), but {nparams} were given")
            return len(d.qubits)
        sig = GATES.get(g)
        if sig is None:
            if g in self.subs:
                raise self.error(name, f"'{g}' is a subroutine, not a gate: call it as {g}(...)")
            raise self.error(name, f"unknown gate '{g}'")
        if nparams != sig.num_params:
            raise self.error(name, f"gate '{g}' takes {sig.num_params} parameter(s), but {nparams} were given")
        return sig.num_qubits

    def base_prims(self, name: Token, pvals: list[Val], qubits: list[SSAValue]) -> list[Prim]:
        g = str(name)
        d = self.gate_def(g)
        if d is None:
            return [Prim(g, tuple(pvals), tuple(qubits))]
        self.check_budget(self.size_of(g), name)
        scope: dict[str, Any] = {}
        for pname, v in zip(d.params, pvals):
            scope[pname] = ConstSym(v, FLOAT) if is_const(v) else ConstSym(v, FLOAT)
        for qname, q in zip(d.qubits, qubits):
            scope[qname] = QSym([q], False)
        saved_scopes = self.scopes
        self.scopes = [{k: v for k, v in self.scopes[0].items() if isinstance(v, ConstSym)}, scope]
        try:
            out: list[Prim] = []
            for st in d.body.children:
                if not isinstance(st, Tree):
                    continue
                if st.data == "gate_call":
                    out.extend(self.expand_call(st))
                elif st.data == "expr_stmt" and self.is_gphase_call(st.children[0]):
                    out.append(Prim("gphase", (self.gphase_angle(st.children[0]),), ()))
                elif st.data == "barrier_stmt":
                    continue
                else:
                    raise self.error(st, f"a gate body may contain only gate calls, not '{st.data.replace('_', ' ')}'")
            return out
        finally:
            self.scopes = saved_scopes

    def gphase_angle(self, call: Tree) -> Val:
        """The angle of ``gphase(a);`` written as a statement."""
        args = call.children[1].children if len(call.children) > 1 else []
        if len(args) != 1:
            raise self.error(call.children[0], f"gphase takes 1 parameter, but {len(args)} were given")
        return self.eval(args[0])

    @staticmethod
    def is_gphase_call(e: Any) -> bool:
        return isinstance(e, Tree) and e.data == "call" and str(e.children[0]) == "gphase"

    def emit_prim(self, p: Prim, st: Tree) -> None:
        self.spend(1, st)
        if p.gate == "gphase":
            return  # a global phase without a control is unobservable
        if p.gate == "sxdg":
            (q,) = p.qubits
            for g in ("h", "sdg", "h"):
                self.b.gate(g, [q])
            return
        params = [self.to_ssa(v, FLOAT, st) for v in p.params]
        self.b.gate(p.gate, list(p.qubits), params)

    def negate(self, v: Val) -> Val:
        if is_const(v):
            return -v  # type: ignore[operator]
        return Dyn(self.b.add(arith.NegfOp(self.to_ssa(v, FLOAT, None))).results[0], FLOAT)

    # ------------------------------------------------------------------ qubit arguments
    def resolve_qarg(self, q: Any) -> list[SSAValue]:
        if isinstance(q, Token) or q.data == "qarg_hw":
            tok = q if isinstance(q, Token) else q.children[0]
            n = int(str(tok)[1:])
            assert self.phys is not None
            return [self.phys[n]]
        if q.data == "qarg_name":
            tok = q.children[0]
            return self.qsym(tok).qubits
        if q.data == "qarg_indexed":
            tok = q.children[0]
            text = str(tok)
            sym = self.qsym(tok, name_of(tok))
            i = int(text[text.index("[") + 1 : -1])
            return [self.qubit_at(sym, i, tok)]
        tok, index = q.children
        sym = self.qsym(tok)
        return [self.qubit_at(sym, i, tok) for i in self.index_values(index, len(sym.qubits), tok)]

    def qsym(self, tok: Token, name: str | None = None) -> QSym:
        name = name or str(tok)
        sym = self.lookup(name)
        if sym is None:
            raise self.error(tok, f"'{name}' is not declared")
        if not isinstance(sym, QSym):
            raise self.error(tok, f"'{name}' is not a qubit or qubit register")
        return sym

    def qubit_at(self, sym: QSym, i: int, tok: Token) -> SSAValue:
        n = len(sym.qubits)
        if not -n <= i < n:
            raise self.error(tok, f"index {i} is out of range for '{name_of(tok)}' of {n} qubit(s)")
        return sym.qubits[i]

    def index_values(self, index: Any, size: int, tok: Token) -> list[int]:
        """Constant indices selected by ``[index]``: one, a range, or a set."""
        if isinstance(index, Tree) and index.data == "range_expr":
            r = self.const_range(index, size)
            # Any range longer than 2*size holds an index out of [-size, size),
            # and the first such index within its first 2*size + 1: list only
            # those (q[0:10**9] on qubit[2]), and let the caller report it.
            return list(r[: 2 * size + 1])
        if isinstance(index, Tree) and index.data == "index_set":
            return [self.const_int(e, "an index") for e in index.children[0].children]
        v = self.eval(index)
        if isinstance(v, Dyn):
            raise self.error(index, "qubit index is not a compile-time constant: QIR needs static qubit ids "
                             "(a loop that indexes qubits by its variable must have constant bounds, and the index must not depend on a measurement)")
        if isinstance(v, bool) or not isinstance(v, int):
            raise self.error(index, f"an index must be an integer, not {v!r}")
        return [v]

    def const_range(self, r: Tree, size: int | None = None) -> range:
        """``[start:stop]`` or ``[start:step:stop]``; both ends included."""
        parts: list[Any] = [None]
        for c in r.children:
            if isinstance(c, Token) and c.type == "COLON":
                parts.append(None)
            else:
                parts[-1] = c
        if len(parts) == 3:
            start, step, stop = parts
        else:
            start, stop = parts
            step = None
        lo = self.const_int(start, "a range start") if start is not None else 0
        st = self.const_int(step, "a range step") if step is not None else 1
        if stop is None:
            if size is None:
                raise self.error(r, "an open range needs a register to bound it")
            hi = size - 1
        else:
            hi = self.const_int(stop, "a range end")
        if st == 0:
            raise self.error(r, "a range step cannot be 0")
        return range(lo, hi + (1 if st > 0 else -1), st)

    # ------------------------------------------------------------------ quantum statements
    def st_measure_assign(self, st: Tree) -> None:
        target, _eq, mexpr = st.children
        sym, idx = self.lvalue(target)
        self.assign_measure(sym, idx, mexpr, target)

    def st_measure_arrow(self, st: Tree) -> None:
        mexpr = st.children[0]
        if len(st.children) == 1:
            for q in self.resolve_qarg(mexpr.children[0]):
                self.b.measure(q, self.loc(first_token(mexpr)))
            return
        self.resolve_qarg(mexpr.children[0])  # errors in source order: the qubits are written first
        sym, idx = self.lvalue(st.children[1])
        self.assign_measure(sym, idx, mexpr, st.children[1])

    def assign_measure(self, sym: CSym, idx: Any, mexpr: Tree, node: Any) -> None:
        qubits = self.resolve_qarg(mexpr.children[0])
        loc = self.loc(first_token(mexpr))
        if idx is None and sym.type.is_register:
            if len(qubits) != len(sym.keys):
                raise self.error(node, f"measuring {len(qubits)} qubit(s) into {len(sym.keys)} bit(s)")
            for k, q in zip(sym.keys, qubits):
                self.env[k] = self.b.measure(q, loc)
            return
        if len(qubits) != 1:
            raise self.error(node, f"measuring {len(qubits)} qubits into one bit")
        if idx is None and sym.type.kind not in ("bit", "bool"):
            raise self.error(node, f"cannot store a measurement in a variable of type {sym.type}")
        bit = self.b.measure(qubits[0], loc)
        self.store(sym, idx, Dyn(bit, BIT), node)

    def st_reset_stmt(self, st: Tree) -> None:
        for q in self.resolve_qarg(st.children[0]):
            self.b.reset(q)

    def st_barrier_stmt(self, st: Tree) -> None:
        qs: list[SSAValue] = []
        if len(st.children) > 1:
            for q in st.children[1].children:
                qs.extend(self.resolve_qarg(q))
        else:
            qs.extend(self.qubits_in_scope())
        self.b.barrier(list(dict.fromkeys(qs)))

    def qubits_in_scope(self) -> list[SSAValue]:
        """Every declared qubit: what a bare ``barrier;`` or ``delay[d];`` acts on."""
        return [q for scope in self.scopes for sym in scope.values() if isinstance(sym, QSym) for q in sym.qubits]
