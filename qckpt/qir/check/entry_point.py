"""The entry point: exactly one definition marked ``entry_point``, its
signature and attributes, its exit codes, and ``initialize`` first.
"""

from __future__ import annotations

import re

import pyqir

from qckpt.qir.check.pyqir_values import tname
from qckpt.qir.check.spec import ADAPTIVE, AP, BASE, BP, PROFILE_ATTR
from qckpt.qir.check.state import CheckerState


class EntryPointRules(CheckerState):
    """Rules of docs/check-qir.md, section "Entry point"."""

    def _find_entry_points(self) -> None:
        # Only containment tests on attribute sets: iterating a set that holds
        # enum attributes makes pyqir 0.12 panic.
        for f in self.functions:
            if "entry_point" in f.attributes.func:
                if f.basic_blocks:
                    self.entry_points.append(f)
                else:
                    self.error(f.name, None, "'entry_point' is attached to a declaration; it is valid only on a function definition",
                               f"{BP}: Attributes")
        if not self.entry_points:
            self.error(None, None, "no entry point: no function definition has the attribute \"entry_point\"",
                       f"{BP}: Attributes")
            # Check the rest as if the likely entry point were marked, so that one
            # missing attribute does not turn every rule for the entry point around.
            defs = [f for f in self.functions if f.basic_blocks]
            guess = [f for f in defs if "qir_profiles" in f.attributes.func] or (defs if len(defs) == 1 else [])
            if len(guess) != 1:
                return
            self.entry_points = guess
        if len(self.entry_points) > 1:
            names = ", ".join("@" + f.name for f in self.entry_points)
            self.error(None, None, f"{len(self.entry_points)} entry points ({names}); a program has one entry point",
                       f"{self.ref}: Program Structure")
        ep = self.entry_points[0]
        attrs = ep.attributes.func
        declared = attrs["qir_profiles"].string_value if "qir_profiles" in attrs else None
        names = [s.strip() for s in (declared or "").split(",") if s.strip()]
        if self.forced_profile is None:
            if "base_profile" in names:
                self.profile = BASE
            elif "adaptive_profile" in names:
                self.profile = ADAPTIVE
            elif declared is not None:
                self.error(ep.name, None,
                           f"attribute qir_profiles=\"{declared}\" names no QIR profile "
                           "(\"base_profile\" or \"adaptive_profile\"); checked against the Adaptive Profile",
                           f"{BP}: Attributes")
        elif declared is not None and PROFILE_ATTR[self.profile] not in names:
            self.warn(ep.name, None,
                      f"attribute qir_profiles=\"{declared}\", but checked against {self.title} as asked",
                      f"{self.ref}: Attributes")

    def _check_entry_signature(self, ep: pyqir.Function) -> None:
        attrs = ep.attributes.func
        a_ref = f"{BP}: Attributes"
        for name in ("qir_profiles", "output_labeling_schema"):
            if name not in attrs:
                self.error(ep.name, None, f"the entry point lacks the attribute \"{name}\"", a_ref)
        for name, dyn in (("required_num_qubits", "dynamic_qubit_management"),
                          ("required_num_results", "dynamic_result_management")):
            if name not in attrs:
                if not getattr(self.caps, dyn):
                    self.error(ep.name, None, f"the entry point lacks the attribute \"{name}\"", a_ref)
                continue
            value = attrs[name].string_value or ""
            if not re.fullmatch(r"\d+", value) or int(value) >= 2**63:
                self.error(ep.name, None,
                           f"attribute {name}=\"{value}\" is not a non-negative 64-bit integer", a_ref)
        sig_ref = f"{self.ref}: Entry Point Definition"
        ftype = ep.type
        if ftype.params:
            self.error(ep.name, None, f"the entry point takes {len(ftype.params)} parameter(s); it may take none", sig_ref)
        ret = ftype.ret
        if ret.is_void:
            # The QIR 2.0 profiles say "must return an exit code in the form of a
            # 64-bit integer"; drafts of the Adaptive Profile (2023-11 to 2024-08)
            # allowed void, pyqir.entry_point builds void, qir-runner runs it.
            self.warn(ep.name, None,
                      "the entry point returns void; the profile wants 'i64' (an exit code, 0 for success)", sig_ref)
        elif tname(ret) != "i64":
            self.error(ep.name, None, f"the entry point returns '{tname(ret)}'; it must return 'i64' (an exit code)", sig_ref)

    def _check_exit_code(self, fname: str, lab: str, ins: pyqir.Instruction) -> None:
        ops = ins.operands
        if ops and isinstance(ops[0], pyqir.IntConstant):
            code = ops[0].value
            if not 0 <= code <= 63:
                self.error(fname, lab, f"'ret i64 {code}': exit codes are 0 (success) or 1 to 63 (failure); "
                           "larger codes are reserved for the backend", f"{AP}: Entry Point Definition")

    def _check_initialize(self, f: pyqir.Function, labels: list[str]) -> None:
        ref = f"{self.ref}: Entry Point Definition"
        seen_other = False
        found = False
        for i, bb in enumerate(f.basic_blocks):
            for ins in bb.instructions:
                is_init = (isinstance(ins, pyqir.Call) and isinstance(ins.callee, pyqir.Function)
                           and ins.callee.name == "__quantum__rt__initialize")
                if is_init:
                    found = True
                    if i != 0 or seen_other:
                        self.error(f.name, labels[i], "@__quantum__rt__initialize must come first, at the start "
                                   "of the entry block", ref)
                elif self._record_kind(ins) != "neutral":
                    seen_other = True
        if not found:
            self.warn(f.name, labels[0] if labels else None,
                      "no call to @__quantum__rt__initialize at the start of the entry block", ref)
