"""Single instructions: which opcodes and value types a profile allows,
and which module flags they need.
"""

from __future__ import annotations

import re

import pyqir

from qckpt.qir.check.pyqir_values import float_tokens, mnemonic, tname
from qckpt.qir.check.spec import AGGREGATE, AP, BASE, BP, FLOAT_BINOPS, FLOAT_CASTS, FLOAT_TYPES, INT_BINOPS, INT_CASTS, MEMORY, OP
from qckpt.qir.check.state import CheckerState


class InstructionRules(CheckerState):
    """Rules of docs/check-qir.md, section "Instructions"."""

    def _type_need(self, tn: str) -> str | None:
        """None if computations on a local of type ``tn`` are declared, else what is missing."""
        if tn in ("i1", "void"):
            return None
        m = re.fullmatch(r"i(\d+)", tn)
        if m:
            w = int(m.group(1))
            if self.caps.int_widths is None:
                return f"the module flag int_computations (listing \"{tn}\")"
            if w not in self.caps.int_widths:
                return f"the module flag int_computations to list \"{tn}\""
            return None
        if tn in FLOAT_TYPES:
            if self.caps.float_types is None:
                return f"the module flag float_computations (listing \"{tn}\")"
            if tn not in self.caps.float_types:
                return f"the module flag float_computations to list \"{tn}\""
            return None
        if tn == "ptr":
            return "ptr locals, which the profile does not have"
        return f"a '{tn}' value, which the profile does not have"

    def _check_instruction(self, fname: str, lab: str, ins: pyqir.Instruction, op: pyqir.Opcode) -> None:
        mn = mnemonic(op)
        if self.profile == BASE:
            if op == OP.BR:
                if len(ins.successors) > 1:
                    self.error(fname, lab, "a conditional 'br': the Base Profile branches only unconditionally",
                               f"{BP}: Classical Instructions")
                return
            if op == OP.RET:
                return
            self.error(fname, lab, f"'{mn}' is not allowed in the Base Profile (only call, br and ret; "
                       "no local variables)", f"{BP}: Classical Instructions")
            return

        ci = f"{AP}: Classical Instructions"
        if op == OP.BR or op == OP.RET:
            return
        if op == OP.SWITCH:
            if not self.caps.multiple_target_branching:
                self.error(fname, lab, "'switch' needs the module flag multiple_target_branching",
                           f"{AP}: Bullet 8: Multiple Target Branching")
            return
        if op == OP.PHI or op == OP.SELECT:
            tn = tname(ins.type, ins)
            if tn == "ptr":
                if not (self.caps.arrays or self.caps.dynamic_qubit_management or self.caps.dynamic_result_management):
                    self.error(fname, lab, f"'{mn} ptr' makes a ptr local; qubits and results may occur only as "
                               "call arguments", f"{AP}: Data Types and Values")
                return
            need = self._type_need(tn)
            if need:
                self.error(fname, lab, f"'{mn} {tn}' needs {need}", f"{AP}: Bullet 5: Classical Computations")
            return
        if op in INT_BINOPS or op == OP.ICMP:
            src = ins.operands[0].type if op == OP.ICMP else ins.type
            tn = tname(src, ins)
            need = self._type_need(tn)
            if need:
                self.error(fname, lab, f"'{mn} {tn}' needs {need}", f"{AP}: Bullet 5: Classical Computations")
            elif op != OP.ICMP and op not in (OP.UDIV, OP.SDIV, OP.UREM, OP.SREM, OP.AND, OP.OR, OP.XOR):
                # No pyqir accessor for the nuw/nsw/exact flags: read the instruction text.
                text = str(ins)
                flags = [w for w in ("nuw", "nsw", "exact") if re.search(rf"\b{w}\b", text.split("=", 1)[-1])]
                if flags:
                    self.warn(fname, lab, f"'{mn} {' '.join(flags)}': the profile does not support the "
                              f"{'/'.join(flags)} flag(s); a backend may ignore them", ci)
            return
        if op in INT_CASTS:
            src = tname(ins.operands[0].type)
            dst = tname(ins.type)
            for tn in (src, dst):
                need = self._type_need(tn)
                if need:
                    self.error(fname, lab, f"'{mn} {src} to {dst}' as an instruction needs {need} "
                               "(inline it into an output recording call otherwise)", ci)
                    break
            return
        if op in FLOAT_BINOPS or op == OP.FCMP or op in FLOAT_CASTS:
            tokens = None
            if op in FLOAT_CASTS:
                tokens = float_tokens(ins)
                names = [tokens[0], tokens[-1]] if tokens else ["?"]
            else:
                src = ins.operands[0].type
                names = [tname(src, ins)]
            for tn in names:
                need = self._type_need(tn)
                if need:
                    self.error(fname, lab, f"'{mn} {tn}' needs {need}", f"{AP}: Bullet 5: Classical Computations")
                    break
            return
        if op in MEMORY:
            if self.caps.arrays:
                return
            if self._dynamic_out_err_memory(ins, op):
                return
            self.error(fname, lab, f"'{mn}': the profile has no memory instructions (alloca, load, store) "
                       "unless the module flag arrays is true", f"{AP}: Bullet 11: Arrays")
            return
        if op in AGGREGATE:
            if not self.caps.arrays:
                what = ("'getelementptr' may occur only inline, for an output label, "
                        if op == OP.GET_ELEMENT_PTR else f"'{mn}' is allowed only ")
                self.error(fname, lab, what + "unless the module flag arrays is true", f"{AP}: Bullet 11: Arrays")
            return
        if op == OP.INT_TO_PTR:
            if not (self.caps.backwards_branching & 1) and not self.caps.arrays:
                self.error(fname, lab, "an 'inttoptr' instruction makes a ptr local; cast qubit and result ids inline "
                           "in the call (ptr inttoptr (i64 N to ptr)), or declare iterations with "
                           "backwards_branching (1 or 3)", f"{AP}: Qubit and Result Usage")
                return
            src = ins.operands[0]
            if not isinstance(src, (pyqir.Phi, pyqir.IntConstant)) and not self.caps.arrays:
                self.error(fname, lab, "the id cast by 'inttoptr' must be a constant or a phi node",
                           f"{AP}: Qubit and Result Usage")
            return
        self.error(fname, lab, f"'{mn}' is not in the Adaptive Profile's instruction set", ci)

    def _dynamic_out_err_memory(self, ins: pyqir.Instruction, op: pyqir.Opcode) -> bool:
        """The error flag of the dynamic allocation functions: an ``i1`` on the stack
        (Memory_Management.md, "Single qubit allocation with error checking")."""
        if not (self.caps.dynamic_qubit_management or self.caps.dynamic_result_management):
            return False
        if op == OP.ALLOCA:
            return isinstance(ins, pyqir.Alloca) and tname(ins.allocated_type) == "i1"
        if op == OP.LOAD:
            return tname(ins.type) == "i1"
        return tname(ins.operands[0].type) == "i1"  # store i1
