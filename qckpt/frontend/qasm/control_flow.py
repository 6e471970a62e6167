"""Lowering structured control flow. ``break``, ``continue`` and ``return``
are flags in the SSA environment: the statements after one run under an
``scf.if`` on the flags, and loops carry them. A ``for`` loop whose variable
(or a variable it updates) must be known at compile time (a qubit index, a
gate angle or modifier) is unrolled, since QIR needs static qubit ids;
other loops stay loops."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from lark import Token, Tree
from xdsl.dialects import arith, scf
from xdsl.dialects.builtin import DenseArrayBase, i1, i64
from xdsl.ir import Block, Region, SSAValue

from qckpt.frontend.ir_builder import F64, INDEX
from qckpt.frontend.qasm.arrays import ArraySym
from qckpt.frontend.qasm.limits import static_size
from qckpt.frontend.qasm.state import LoweringState
from qckpt.frontend.qasm.symbols import BREAK, CONTINUE, CSym, ConstSym, QSym, RETURN, RETVAL
from qckpt.frontend.qasm.tree import first_token, name_of, names_in, subtrees
from qckpt.frontend.qasm.values import BIT, Dyn, INT, QType, is_const


def hint_loop_value(value: SSAValue, key: Hashable) -> None:
    """Name a loop-carried value after the variable it carries, so the IR and
    checkpoint records say `c_0` rather than `%7`."""
    if isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str) and key[0] != "flag":
        value.name_hint = re.sub(r"[^A-Za-z0-9_]", "_", key[0])


class ControlFlowLowering(LoweringState):
    """``if``/``else``, ``while``, ``for``, ``switch``, ``break``/``continue``, as
    ``scf`` ops threading the variables they may write. A condition known at
    compile time picks its branch; the other is checked, not emitted."""

    def lower_stmts(self, stmts: list[Any]) -> None:
        for i, st in enumerate(stmts):
            self.lower_stmt(st)
            if i + 1 < len(stmts) and self._flags_active() and self._may_escape(st):
                rest = stmts[i + 1 :]
                cond = self._not_escaped()
                written: set[Hashable] = set()
                for r in rest:
                    written |= self.written(r)
                self.structured_if(cond, lambda: self.lower_stmts(rest), None, written, first_token(rest[0]))
                return

    def _flags_active(self) -> bool:
        return self.loop_depth > 0 or self.sub_depth > 0

    def _not_escaped(self) -> SSAValue:
        acc: SSAValue | None = None
        for f in (BREAK, CONTINUE, RETURN):
            if f in self.env:
                v = self.env[f]
                acc = v if acc is None else self.b.or_(acc, v)
        assert acc is not None
        return self.b.not_(acc)

    def _may_escape(self, st: Any) -> bool:
        return bool(self._escapes(st))

    def _escapes(self, st: Any, nested_loop: bool = False) -> set[Hashable]:
        """The flags a statement may set that reach past it: break and
        continue of the enclosing loop (not of loops inside it), and return."""
        out: set[Hashable] = set()
        if not isinstance(st, Tree):
            return out
        d = st.data
        if d == "break_stmt" and not nested_loop:
            out.add(BREAK)
        elif d == "continue_stmt" and not nested_loop:
            out.add(CONTINUE)
        elif d == "return_stmt":
            out.add(RETURN)
        inner = nested_loop or d in ("while_stmt", "for_stmt")
        for c in st.children:
            out |= self._escapes(c, inner)
        return out

    def written(self, st: Any) -> set[Hashable]:
        """Locations a statement may assign: what structured control flow
        around it must thread."""
        out: set[Hashable] = set()
        for t in subtrees(st):
            d = t.data
            target = None
            if d in ("measure_assign", "assignment"):
                target = t.children[0]
            elif d == "measure_arrow" and len(t.children) > 1:
                target = t.children[1]
            elif d == "break_stmt":
                out.add(BREAK)
            elif d == "continue_stmt":
                out.add(CONTINUE)
            elif d == "return_stmt":
                out.add(RETURN)
                out.add(RETVAL)
            elif d in ("call", "gate_call") and isinstance(t.children[0], Token) and str(t.children[0]) in self.subs:
                # Arrays are passed by reference: a call may write any array it is given.
                for a in subtrees(t):
                    if a.data == "name" and isinstance(sym := self.lookup(str(a.children[0])), ArraySym):
                        out.update(k for e in sym.elems for k in e.keys)
            if target is not None:
                tok = first_token(target)
                if tok is not None:
                    sym = self.lookup(name_of(tok))
                    if isinstance(sym, CSym):
                        out.update(sym.keys)
                    elif isinstance(sym, ArraySym):
                        out.update(k for e in sym.elems for k in e.keys)
        return out

    def structured_if(self, cond: SSAValue, then_fn: Callable[[], None], else_fn: Callable[[], None] | None, written: set[Hashable], tok: Token | None) -> None:
        keys = sorted((k for k in written if k in self.env), key=repr)
        op, then_b, else_b = self.b.if_(cond, [self.env[k].type for k in keys])
        for block, fn in ((then_b, then_fn), (else_b, else_fn)):
            with self.env.scope():
                outer = self.b.set_block(block)
                self.scopes.append({})
                try:
                    if fn is not None:
                        fn()
                finally:
                    self.scopes.pop()
                self.b.yield_([self.env[k] for k in keys])
                self.b.set_block(outer)
        for k, r in zip(keys, op.results):
            self.env[k] = r

    def st_if_stmt(self, st: Tree) -> None:
        cond, then_st, *rest = st.children
        c = self.eval(cond)
        else_st = rest[0] if rest else None
        if is_const(c):  # decided at compile time: the branch not taken is only checked
            taken = self.truthy_const(c, cond)
            for branch, live in ((then_st, taken), (else_st, not taken)):
                if branch is None:
                    continue
                if live:
                    self.st_scoped(branch)
                else:
                    self.check_unreachable(lambda b=branch: self.st_scoped(b))
            return
        written = self.written(then_st) | (self.written(else_st) if else_st is not None else set())
        self.structured_if(
            self.truthy(c, cond),
            lambda: self.lower_stmt(then_st),
            (lambda: self.lower_stmt(else_st)) if else_st is not None else None,
            written,
            first_token(st),
        )

    def st_scoped(self, st: Any) -> None:
        self.scopes.append({})
        try:
            self.lower_stmt(st)
        finally:
            self.scopes.pop()

    def _enter_loop(self) -> dict[Hashable, SSAValue | None]:
        self.loop_depth += 1
        return self.env.reset((BREAK, CONTINUE), self.b.const_bool(False))

    def _leave_loop(self, saved: dict[Hashable, SSAValue | None]) -> None:
        self.loop_depth -= 1
        self.env.restore(saved)

    def _not_stopped(self) -> SSAValue:
        """Neither break nor return has fired: the loop body should run."""
        flags = [self.env[f] for f in (BREAK, RETURN) if f in self.env]
        acc = flags[0]
        for f in flags[1:]:
            acc = self.b.or_(acc, f)
        return self.b.not_(acc)

    def _loop_written(self, body: Any) -> set[Hashable]:
        return self.written(body) - {BREAK, CONTINUE}

    def st_while_stmt(self, st: Tree) -> None:
        cond, body = st.children
        c0 = self.eval(cond)
        if is_const(c0) and not self.truthy_const(c0, cond):
            self.check_unreachable(lambda: self._dead_loop_body(body))
            return
        saved = self._enter_loop()
        escapes = self._escapes(body)
        carried = sorted((k for k in self._loop_written(body) if k in self.env and k not in (RETURN, RETVAL)), key=repr)
        if BREAK in escapes:
            carried.append(BREAK)
        if RETURN in escapes:
            carried += [RETURN, RETVAL]
        init = [self.env[k] for k in carried]
        types = [v.type for v in init]
        before, after = Block(arg_types=types), Block(arg_types=types)
        wop = self.b.add(scf.WhileOp(init, types, Region(before), Region(after)))
        outer_block = self.b.set_block(before)
        with self.env.scope():
            for k, a in zip(carried, before.args):
                hint_loop_value(a, k)
                self.env[k] = a
            cv = self.truthy(self.eval(cond), cond)
            stops = [self.env[f] for f in (BREAK, RETURN) if f in carried]
            if stops:
                stop = stops[0] if len(stops) == 1 else self.b.or_(*stops)
                cv = self.b.and_(cv, self.b.not_(stop))
            self.b.add(scf.ConditionOp(cv, *before.args))
        with self.env.scope():
            for k, a in zip(carried, after.args):
                hint_loop_value(a, k)
                self.env[k] = a
            self.env[CONTINUE] = self.b.const_bool(False)
            self.b.set_block(after)
            self.st_scoped(body)
            self.b.yield_([self.env[k] for k in carried])
        self.b.set_block(outer_block)
        for k, r in zip(carried, wop.results):
            self.env[k] = r
        self._leave_loop(saved)

    def _dead_loop_body(self, body: Any) -> None:
        saved = self._enter_loop()
        try:
            self.st_scoped(body)
        finally:
            self._leave_loop(saved)

    def check_unreachable(self, lower: Callable[[], None]) -> None:
        """Lower code that never runs (a branch or loop body decided at
        compile time) into a block that is then dropped. OpenQASM's semantic
        errors are errors wherever they are written, and this gives dead code
        the same checks as live code without emitting it. Subroutine calls in
        it are checked but not inlined: a recursion that a constant argument
        ends would not end here."""
        block = Block(arg_types=[i1, i64, F64])  # opaque values (see opaque_value)
        outer = self.b.set_block(block)
        saved_notes, self.pending_annotations = self.pending_annotations, []
        self.dead_blocks.append(block)
        try:
            with self.env.scope():
                lower()
        finally:
            self.dead_blocks.pop()
            self.pending_annotations = saved_notes
            self.b.set_block(outer)
            for op in reversed(list(block.ops)):
                block.erase_op(op, safe_erase=False)  # drop the uses it made of live values

    def opaque_value(self, t: QType) -> Dyn:
        """A value of type ``t`` that is not known at compile time, in dead code."""
        i = 0 if t.kind in ("bit", "bool") and not t.is_register else (2 if t.kind in ("float", "angle") and not t.fixed_angle else 1)
        return Dyn(self.dead_blocks[-1].args[i], t)

    def st_for_stmt(self, st: Tree) -> None:
        kids = st.children
        body = kids[-1]
        rng = kids[-2]
        var = kids[-3]
        vtype = self.scalar_type(kids[0]) if len(kids) == 4 else INT
        values: Sequence[Any]
        if rng.data == "for_range":
            values = self.const_range(rng.children[0])  # a range, listed only if unrolled
        elif rng.data == "for_set":
            values = [self.eval(e) for e in rng.children[0].children]
            if not all(is_const(v) for v in values):
                raise self.error(rng, "the values of a for loop's set must be known at compile time")
        else:
            sym = self.lookup(str(rng.children[0]))
            if isinstance(sym, CSym) and sym.type.is_register:
                values = [self.from_ssa(self.env[k], BIT) for k in sym.keys]
            else:
                raise self.error(rng, "a for loop can iterate over a range, a set, or a bit register")
        if isinstance(values, range) and not _fits_i64(values):
            raise self.error(rng, "a for loop of 2^63 or more iterations: its counter does not fit in 64 bits")
        name = str(var)
        unroll = rng.data != "for_range" or self._needs_unrolling(body, name)
        if unroll:
            # Unrolled, the body is lowered once per iteration: refuse before starting.
            self.check_budget(len(values) * static_size(body, self.size_of), rng)
        saved = self._enter_loop()
        try:
            if unroll:
                self._unrolled_for(var, vtype, values, body)
            else:
                self._counted_for(var, vtype, values, body)
        finally:
            self._leave_loop(saved)

    def _needs_unrolling(self, body: Any, name: str) -> bool:
        """A loop is unrolled when its variable, or a variable its body
        writes, is used where a compile-time value is needed: a qubit index
        (QIR needs static qubit ids), a gate parameter or modifier (so angles
        fold: a QIR backend need not compute them), an alias. Unrolled, each
        iteration sees those values as constants (``pow(power)`` in the
        OpenQASM ``ipe`` example, with ``power <<= 1`` in the body)."""
        static = self._static_names(body, set())
        return name in static or bool(static & self._assigned_names(body))

    def _static_names(self, node: Any, seen: set[str]) -> set[str]:
        """Names used where a value must be known at compile time, looking
        through calls into subroutines (their bodies are inlined per call)."""
        out: set[str] = set()
        for t in subtrees(node):
            d = t.data
            if d == "qarg_index":
                out |= names_in(t.children[1])
            elif d == "alias_decl":
                out |= names_in(t)
            elif d == "gate_call":
                for c in t.children:
                    if isinstance(c, Tree) and c.data in ("expr_list", "pow_mod", "ctrl_mod", "negctrl_mod", "designator"):
                        out |= names_in(c)
                    elif isinstance(c, Tree) and not c.data.startswith("qarg"):
                        out |= names_in(c)  # a single parameter
                if isinstance(t.children[0], Token) and str(t.children[0]) in self.subs:
                    out |= self._static_args(str(t.children[0]), [c for c in t.children[1:] if isinstance(c, Tree)], seen)
            elif d == "index" and isinstance(t.children[0], Tree) and t.children[0].data == "name":
                if isinstance(self.lookup(str(t.children[0].children[0])), QSym):
                    out |= names_in(t.children[1])
            elif d == "call" and str(t.children[0]) in self.subs and len(t.children) > 1:
                out |= self._static_args(str(t.children[0]), [t.children[1]], seen)
        return out

    def _static_args(self, sub_name: str, arg_nodes: list[Tree], seen: set[str]) -> set[str]:
        """The names in a call's classical arguments whose parameters the
        subroutine uses where a compile-time value is needed."""
        if sub_name in seen:
            return set()
        sub = self.subs[sub_name]
        inner = self._static_names(sub.body, seen | {sub_name})
        args: list[Any] = []
        for n in arg_nodes:
            args.extend(n.children if n.data in ("expr_list", "qarg_list") else [n])
        out: set[str] = set()
        for (kind, aname, _t, _n), a in zip(sub.args, args):
            if kind == "c" and aname in inner:
                out |= names_in(a)
        return out

    def _assigned_names(self, body: Any) -> set[str]:
        out: set[str] = set()
        for t in subtrees(body):
            target = None
            if t.data in ("measure_assign", "assignment"):
                target = t.children[0]
            elif t.data == "measure_arrow" and len(t.children) > 1:
                target = t.children[1]
            if target is not None and (tok := first_token(target)) is not None:
                out.add(name_of(tok))
        return out

    def _unrolled_for(self, var: Token, vtype: QType, values: Sequence[Any], body: Any) -> None:
        has_escape = bool(self._escapes(body) & {BREAK, RETURN})
        written = self._loop_written(body) | {BREAK}
        for n, v in enumerate(values):
            def one(v: Any = v) -> None:
                self.env[CONTINUE] = self.b.const_bool(False)
                self.scopes.append({str(var): ConstSym(v if not isinstance(v, Dyn) else v, vtype)})
                try:
                    self.lower_stmt(body)
                finally:
                    self.scopes.pop()

            if n and has_escape:
                self.structured_if(self._not_stopped(), one, None, written, var)
            else:
                one()

    def _counted_for(self, var: Token, vtype: QType, r: range, body: Any) -> None:
        escapes = self._escapes(body)
        carried = sorted((k for k in self._loop_written(body) if k in self.env and k not in (RETURN, RETVAL)), key=repr)
        has_break = bool(escapes & {BREAK, RETURN})
        if BREAK in escapes:
            carried.append(BREAK)
        if RETURN in escapes:
            carried += [RETURN, RETVAL]
        init = [self.env[k] for k in carried]
        block = Block(arg_types=[INDEX, *(v.type for v in init)])
        fop = scf.ForOp(self.b.const_index(0), self.b.const_index(len(r)), self.b.const_index(1), init, Region(block))
        self.b.add(fop)
        outer_block = self.b.set_block(block)
        with self.env.scope():
            for k, a in zip(carried, block.args[1:]):
                hint_loop_value(a, k)
                self.env[k] = a
            iv = self.b.add(arith.IndexCastOp(block.args[0], i64)).results[0]
            value = iv
            if r.step != 1:
                value = self.b.binop(arith.MuliOp, value, self.b.const_i64(r.step))
            if r.start != 0:
                value = self.b.binop(arith.AddiOp, value, self.b.const_i64(r.start))

            def iteration() -> None:
                self.env[CONTINUE] = self.b.const_bool(False)
                self.scopes.append({str(var): ConstSym(Dyn(value, vtype), vtype)})
                try:
                    self.lower_stmt(body)
                finally:
                    self.scopes.pop()

            if has_break:
                self.structured_if(self._not_stopped(), iteration, None, set(carried), var)
            else:
                iteration()
            self.b.yield_([self.env[k] for k in carried])
        self.b.set_block(outer_block)
        for k, res in zip(carried, fop.results):
            self.env[k] = res

    def st_switch_stmt(self, st: Tree) -> None:
        target, *items = st.children
        v = self.eval(target)
        cases: list[tuple[int, Tree]] = []
        default: Tree | None = None
        for it in items:
            if it.data == "default":
                if default is not None:
                    raise self.error(it, "switch has more than one default")
                default = it.children[1]
            else:
                for e in it.children[0].children:
                    c = self.const_int(e, "a case value")
                    if any(c == x for x, _ in cases):
                        raise self.error(e, f"case {c} appears twice")
                    cases.append((c, it.children[1]))
        if is_const(v):
            chosen = next((b for c, b in cases if c == v), default)
            for body in dict.fromkeys([*(b for _, b in cases), default]):
                if body is chosen:
                    self.st_scoped(body)
                elif body is not None:
                    self.check_unreachable(lambda b=body: self.st_scoped(b))
            return
        sel = self.b.index_cast(self.to_ssa(v, INT, target))
        written: set[Hashable] = set()
        for _, body in cases:
            written |= self.written(body)
        if default is not None:
            written |= self.written(default)
        keys = sorted((k for k in written if k in self.env), key=repr)
        regions = []
        for body in [default, *(b for _, b in cases)]:
            block = Block()
            with self.env.scope():
                outer = self.b.set_block(block)
                if body is not None:
                    self.st_scoped(body)
                self.b.yield_([self.env[k] for k in keys])
                self.b.set_block(outer)
            regions.append(Region(block))
        sop = scf.IndexSwitchOp(sel, DenseArrayBase.from_list(i64, [c for c, _ in cases]), regions[0], regions[1:], [self.env[k].type for k in keys])
        self.b.add(sop)
        for k, r in zip(keys, sop.results):
            self.env[k] = r

    def st_break_stmt(self, st: Tree) -> None:
        if not self.loop_depth:
            raise self.error(st, "'break' outside a loop")
        self.env[BREAK] = self.b.const_bool(True)

    def st_continue_stmt(self, st: Tree) -> None:
        if not self.loop_depth:
            raise self.error(st, "'continue' outside a loop")
        self.env[CONTINUE] = self.b.const_bool(True)


def _fits_i64(r: range) -> bool:
    """Whether the iteration count of ``r`` fits in an i64 (``len`` itself
    overflows past the platform's size)."""
    try:
        return len(r) < 1 << 63
    except OverflowError:
        return False
