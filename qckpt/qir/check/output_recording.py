"""Output recording: labels, and record calls only in the final block."""

from __future__ import annotations

import pyqir

from qckpt.abi import label_problem
from qckpt.qir.check.pyqir_values import describe, is_byte_string, mnemonic
from qckpt.qir.check.spec import BASE, OP
from qckpt.qir.check.state import CheckerState


class OutputRecordingRules(CheckerState):
    """Rules of docs/check-qir.md, section "Output recording"."""

    def _check_label(self, fname: str, lab: str, name: str, label: pyqir.Value) -> None:
        ref = f"{self.ref}: Output Recording"
        if isinstance(label, pyqir.GlobalVariable):
            init = label.initializer
            if not label.is_constant or init is None or not is_byte_string(init) or not (
                    (b := pyqir.extract_byte_string(label)) is not None and b.endswith(b"\0")):
                self.error(fname, lab, f"the label of @{name} must point to a global constant null-terminated "
                           f"string; @{self._gnames.get(label, label.name)} is not one", ref)
                return
            problem = label_problem(b[:-1])
            if problem:
                self.error(fname, lab, f"the label @{self._gnames.get(label, label.name)} of @{name} {problem}; "
                           "a record reader splits records at tabs and newlines, so such a label can forge records", ref)
                return
            if self.profile == BASE:
                first = self._base_labels.get(label)
                if first is None:
                    self._base_labels[label] = (fname, lab)
                else:
                    self.error(fname, lab, f"the label @{self._gnames.get(label, label.name)} is used by more than one output recording "
                               "call; the Base Profile wants a unique label for each", ref)
            return
        if isinstance(label, pyqir.Constant) and label.is_null:
            self.warn(fname, lab, f"@{name} has a null label; the label should point to a global constant "
                      "string (backends may reject a missing label)", ref)
            return
        self.error(fname, lab, f"the label of @{name} must point to a global constant null-terminated string",
                   ref)

    def _record_kind(self, ins: pyqir.Instruction) -> str:
        """"record", "neutral" (may sit anywhere) or "other"."""
        if not isinstance(ins, pyqir.Call) or not isinstance(ins.callee, pyqir.Function):
            return "other"
        c = self._callee(ins.callee)
        if c.is_record:
            return "record"
        if c.kind == "dbg" or (c.ext is not None and c.ext[1].runtime_library):
            return "neutral"
        return "other"

    def _check_record_placement(self, f: pyqir.Function, labels: list[str]) -> None:
        ref = f"{self.ref}: Output Recording"
        for i, bb in enumerate(f.basic_blocks):
            first = None
            reported = False
            instrs = bb.instructions
            for ins in instrs[:-1]:
                kind = self._record_kind(ins)
                if kind == "record":
                    if first is None:
                        first = ins
                elif first is not None and kind == "other" and not reported:
                    self.error(f.name, labels[i], f"{describe(ins)} follows output recording; output recording "
                               "calls may be followed only by other output recording calls and 'ret'",
                               f"{self.ref}: Entry Point Definition")
                    reported = True
            term = bb.terminator
            if first is not None and (term is None or term.opcode != OP.RET):
                what = mnemonic(term.opcode) if term is not None else "nothing"
                self.error(f.name, labels[i], f"output recording ({describe(first)}) in a block that ends in "
                           f"'{what}', not 'ret'; output is recorded only in the final block", ref)
