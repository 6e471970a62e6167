"""Qubits and results: static ids, and ids within required_num_qubits /
required_num_results.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqir

from qckpt.qir.check.pyqir_values import static_id
from qckpt.qir.check.spec import BP, OLD_READ_RESULT
from qckpt.qir.check.state import Callee, CheckerState


class QubitResultRules(CheckerState):
    """Rules of docs/check-qir.md, section "Qubits and results"."""

    def _arg_kind(self, c: Callee, i: int) -> str | None:
        """Whether argument ``i`` of a call to ``c`` is a qubit or a result id."""
        if c.kind == "qis":
            if c.writeonly and any(c.writeonly):
                return "result" if i < len(c.writeonly) and c.writeonly[i] else "qubit"
            if c.name == OLD_READ_RESULT:
                return "result"
            if c.measurement and i >= 1:
                return "result"
            return "qubit"
        if c.kind == "rt":
            return "result" if c.rt is not None and i in c.rt.result_args else None
        if c.defined and c.kind in ("ir", "ext"):
            return self._param_kinds_of(c.fn).get(i)
        return None

    def _param_kinds_of(self, fn: pyqir.Function) -> dict[int, str]:
        """Infer which ``ptr`` parameters of a defined function are qubits or
        results, from the calls that pass them on (one scan per function)."""
        name = fn.name
        got = self._param_kinds.get(name)
        if got is not None:
            return got
        if name in self._param_kinds_busy:  # recursion (reported elsewhere)
            return {}
        self._param_kinds_busy.add(name)
        params = {p: k for k, p in enumerate(fn.params)}
        kinds: dict[int, str] = {}
        for bb in fn.basic_blocks:
            for ins in bb.instructions:
                if not isinstance(ins, pyqir.Call) or not isinstance(ins.callee, pyqir.Function):
                    continue
                c = self._callee(ins.callee)
                for j, a in enumerate(ins.args):
                    k = params.get(a) if not isinstance(a, pyqir.Constant) else None
                    if k is not None and k not in kinds:
                        kind = self._arg_kind(c, j)
                        if kind:
                            kinds[k] = kind
        self._param_kinds_busy.discard(name)
        self._param_kinds[name] = kinds
        return kinds

    def _collect_ids(self, fname: str, lab: str, c: Callee, args: Sequence[pyqir.Value]) -> None:
        for i, a in enumerate(args):
            if not isinstance(a, pyqir.Constant) or not isinstance(a.type, pyqir.PointerType):
                continue
            kind = self._arg_kind(c, i)
            if kind is None:
                continue
            sid = static_id(a)
            if sid is None:
                if isinstance(a, pyqir.GlobalVariable):
                    what = f"the global @{self._gnames.get(a, a.name)}"
                elif isinstance(a, pyqir.Function):
                    what = f"the function @{a.name}"
                else:
                    what = f"'{str(a).strip()}'"
                self.error(fname, lab, f"{kind} argument {i} of @{c.name} is {what}; a {kind} id is 'ptr null' or "
                           "'inttoptr (i64 N to ptr)'", f"{self.ref}: Qubit and Result Usage")
                continue
            if sid < 0:
                self.error(fname, lab, f"{kind} id {sid} is negative", f"{self.ref}: Qubit and Result Usage")
                continue
            self.ids[kind].setdefault(sid, (fname, lab))

    def _check_static_ids(self) -> None:
        if not self.entry_points:
            return
        ep = self.entry_points[0]
        attrs = ep.attributes.func
        for kind, attr, dyn in (("qubit", "required_num_qubits", "dynamic_qubit_management"),
                                ("result", "required_num_results", "dynamic_result_management")):
            used = self.ids[kind]
            if not used:
                continue
            top = max(used)
            where = used[top]
            if getattr(self.caps, dyn):
                f0, b0 = used[min(used)]
                self.error(f0, b0, f"static {kind} ids (null / inttoptr constants) are used, but the module flag "
                           f"{dyn} is true; a module never mixes the two kinds of pointers",
                           f"{BP}: Memory Management")
                continue
            if attr not in attrs:
                continue
            value = attrs[attr].string_value or ""
            if not value.isdigit():
                continue
            n = int(value)
            if top >= n:
                self.error(where[0], where[1], f"{kind} id {top} is used, but {attr} is {n} "
                           f"(ids must lie in [0, {attr}); it must be at least {top + 1})",
                           f"{self.ref}: Data Types and Values")
