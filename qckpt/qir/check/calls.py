"""Calls: runtime functions, the quantum instruction set, IR-defined
functions (signatures, recursion, definitions nobody calls).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqir

from qckpt.qir.check.extensions import EXTENSIONS
from qckpt.qir.check.graphs import cyclic_components
from qckpt.qir.check.pyqir_values import tname, writeonly_params
from qckpt.qir.check.spec import ADAPTIVE, AP, BASE, BP, MEASUREMENT_NAMES, OLD_READ_RESULT, RUNTIME_FUNCTIONS
from qckpt.qir.check.state import Callee, CheckerState


class CallRules(CheckerState):
    """Rules of docs/check-qir.md, section "Calls"."""

    def _callee(self, fn: pyqir.Function) -> Callee:
        name = fn.name
        c = self.callees.get(name)
        if c is not None:
            return c
        defined = bool(fn.basic_blocks)
        ext = next(((k, e) for k, e in EXTENSIONS.items() if e.matches(name)), None)
        if name.startswith("llvm.dbg.") or name.startswith("llvm.lifetime."):
            kind = "dbg"
        elif name.startswith("llvm."):
            kind = "llvm"
        elif ext is not None:
            kind = "ext"
        elif name.startswith("__quantum__rt__"):
            kind = "rt"
        elif name.startswith("__quantum__qis__") and not defined:
            kind = "qis"
        elif defined:
            kind = "ir"
        else:
            kind = "other"
        c = Callee(fn, name, kind, defined, rt=RUNTIME_FUNCTIONS.get(name), ext=ext)
        if kind == "qis":
            c.measurement = "irreversible" in fn.attributes.func or name in MEASUREMENT_NAMES
            c.writeonly = writeonly_params(fn)
        self.callees[name] = c
        return c

    def _check_call(self, f: pyqir.Function, lab: str, ins: pyqir.Call, is_entry: bool, in_entry_block: bool) -> None:
        fname = f.name
        callee_v = ins.callee
        if not isinstance(callee_v, pyqir.Function):
            self.error(fname, lab, "an indirect call; the profile calls only declared QIS/runtime functions "
                       "and IR-defined functions", f"{self.ref}: Classical Instructions")
            return
        c = self._callee(callee_v)
        name = c.name
        if c.kind == "dbg":
            return
        self._called.add(name)
        args = ins.args

        if c.kind == "llvm":
            self.error(fname, lab, f"call to the LLVM intrinsic @{name}, which is not part of the profile",
                       f"{self.ref}: Classical Instructions")
        elif c.kind == "ext":
            key, ext = c.ext  # type: ignore[misc]
            if ext.flag is not None and key not in self.caps.extensions:
                self.error(fname, lab, f"call to @{name} (extension {key}) needs the module flag {ext.flag} (i1 true)")
            else:
                use = self._ext_uses.setdefault((fname, name), [lab, 0, key])
                use[1] += 1
            self._check_needs(fname, lab, name, ext.needs, f"{AP}: Runtime Functions")
            if c.defined and ext.flag is None:
                self._call_edges.setdefault(fname, set()).add(name)
        elif c.kind == "rt":
            self._check_runtime_call(fname, lab, c, is_entry)
        elif c.kind == "qis":
            self._check_qis_call(fname, lab, c)
        elif c.kind == "ir":
            self._call_edges.setdefault(fname, set()).add(name)
            if self.profile == BASE:
                self.error(fname, lab, f"call to @{name}, a function defined in the module; the Base Profile "
                           "calls only QIS and runtime functions", f"{BP}: Classical Instructions")
            elif not self.caps.ir_functions:
                self.error(fname, lab, f"call to @{name}, a function defined in the module, needs the module "
                           "flag ir_functions", f"{AP}: Bullet 6: IR-defined functions and function calls")
        else:
            self.error(fname, lab, f"call to @{name}, which is neither a QIS function (__quantum__qis__*), a "
                       "runtime function (__quantum__rt__*), nor defined in the module",
                       f"{self.ref}: Program Structure")

        # The call's own value is a local variable.
        rt = tname(ins.type, ins)
        if rt != "void" and c.kind in ("qis", "rt", "ext"):  # "ir": see the function's signature
            if self.profile == BASE:
                if c.kind == "qis":
                    self.error(fname, lab, f"@{name} returns '{rt}'; in the Base Profile QIS functions return void",
                               f"{BP}: Quantum Instruction Set")
            elif rt == "ptr":
                allowed = (c.rt is not None and name.endswith("_allocate")) or (c.kind == "ext")
                if not allowed:
                    self.error(fname, lab, f"@{name} returns 'ptr'; values of type ptr may occur only as call arguments",
                               f"{AP}: Data Types and Values")
            else:
                need = self._type_need(rt)
                if need:
                    self.error(fname, lab, f"the '{rt}' returned by @{name} needs {need}",
                               f"{AP}: Bullet 5: Classical Computations")

        if c.is_record and args:
            self._check_label(fname, lab, name, args[-1])
        self._collect_ids(fname, lab, c, args)

    def _check_needs(self, fname: str, lab: str, name: str, needs: Sequence[str], spec: str) -> None:
        missing = [n for n in needs if not self.caps.has(n)]
        if missing:
            flags = " and ".join(missing)
            self.error(fname, lab, f"@{name} needs the module flag{'s' if len(missing) > 1 else ''} {flags}", spec)

    def _check_runtime_call(self, fname: str, lab: str, c: Callee, is_entry: bool) -> None:
        name = c.name
        rt = c.rt
        if rt is None or self.profile not in rt.profiles:
            if rt is not None:
                self.error(fname, lab, f"@{name} is an Adaptive Profile runtime function; the Base Profile allows "
                           "only initialize, tuple_record_output, array_record_output and result_record_output",
                           f"{BP}: Runtime Functions")
            else:
                self.error(fname, lab, f"@{name} is not a runtime function of {self.title}",
                           f"{self.ref}: Runtime Functions")
            return
        self._check_needs(fname, lab, name, rt.needs, rt.spec)
        if not is_entry and (rt.record or name == "__quantum__rt__initialize"):
            self.error(fname, lab, f"call to @{name} inside an IR-defined function; only the entry point may "
                       "record output or initialize", f"{AP}: Bullet 6: IR-defined functions and function calls")

    def _check_qis_call(self, fname: str, lab: str, c: Callee) -> None:
        if c.name == OLD_READ_RESULT:
            if self.profile == BASE:
                self.error(fname, lab, f"@{c.name} reads a result; in the Base Profile results are only written "
                           "and recorded", f"{BP}: Qubit and Result Usage")
            else:
                self.warn(fname, lab, f"@{c.name} is the pre-1.0 name; the profile's function is "
                          "@__quantum__rt__read_result", f"{AP}: Runtime Functions")
        if c.name in MEASUREMENT_NAMES and "irreversible" not in c.fn.attributes.func:
            self.warn(c.name, None, "a measurement without the attribute \"irreversible\"",
                      f"{self.ref}: Quantum Instruction Set")

    def _check_ir_function_signature(self, f: pyqir.Function) -> None:
        ref = f"{AP}: Bullet 6: IR-defined functions and function calls"
        if self.profile == BASE:
            return  # reported at the call sites / as an uncalled definition
        ft = f.type
        ret = tname(ft.ret)
        if ret != "void":
            need = self._type_need(ret)
            if need:
                self.error(f.name, None, f"IR-defined function returns '{ret}'; this needs {need}", ref)
        for k, p in enumerate(ft.params):
            tn = tname(p)
            if tn == "ptr":
                continue
            need = self._type_need(tn)
            if need:
                self.error(f.name, None, f"parameter {k} of the IR-defined function is '{tn}'; this needs {need}", ref)

    def _check_uncalled_ir_functions(self) -> None:
        if self.profile == ADAPTIVE and self.caps.ir_functions:
            return
        for f in self.functions:
            if not f.basic_blocks or f in self.entry_points or f.name in self._called:
                continue
            ext = self._extension_runtime(f.name)
            if ext is not None:
                continue
            if self.profile == BASE:
                self.error(f.name, None, "a function defined in the module besides the entry point; the Base "
                           "Profile has only the entry point", f"{BP}: Program Structure")
            else:
                self.error(f.name, None, "a function defined in the module besides the entry point (an IR-defined "
                           "function) needs the module flag ir_functions",
                           f"{AP}: Bullet 6: IR-defined functions and function calls")

    def _check_recursion(self) -> None:
        names = set(self._call_edges) | {d for ds in self._call_edges.values() for d in ds}
        nodes = {n: i for i, n in enumerate(sorted(names))}
        succs = [[] for _ in nodes]
        for a, ds in self._call_edges.items():
            succs[nodes[a]] = [nodes[d] for d in ds]
        rev = {i: n for n, i in nodes.items()}
        comp = cyclic_components(succs)
        groups: dict[int, list[str]] = {}
        for i, k in comp.items():
            groups.setdefault(k, []).append(rev[i])
        for members in groups.values():
            members.sort()
            cycle = " -> ".join("@" + m for m in members + members[:1])
            self.error(members[0], None, f"recursion ({cycle}); direct or indirect recursion is forbidden",
                       f"{AP}: Bullet 6: IR-defined functions and function calls")
