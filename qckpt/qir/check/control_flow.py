"""Control flow: the Base Profile's straight line, loops and backwards
branching, and what a loop exit or a computed id may depend on.
"""

from __future__ import annotations

import pyqir

from qckpt.qir.check.graphs import back_edges, control_dependence, cyclic_components
from qckpt.qir.check.pyqir_values import bref, describe, static_id
from qckpt.qir.check.spec import AP, BASE, BP, OLD_READ_RESULT, OP
from qckpt.qir.check.state import CheckerState


class ControlFlowRules(CheckerState):
    """Rules of docs/check-qir.md, section "Control flow"."""

    def _check_base_order(self, f: pyqir.Function, labels: list[str], succs: list[list[int]]) -> None:
        """Base Profile: initialization, then gates, then measurements, then output
        recording, along the chain of blocks, and no qubit used after its measurement.
        (The spec draws this as four blocks; any chain with this order is accepted.)"""
        ref = f"{BP}: Entry Point Definition"
        phase_names = {1: "quantum instructions", 2: "measurements", 3: "output recording"}
        blocks = f.basic_blocks
        phase = 0
        measured: set[int] = set()
        seen: set[int] = set()
        i = 0
        while i not in seen and i < len(blocks):
            seen.add(i)
            for ins in blocks[i].instructions:
                if not isinstance(ins, pyqir.Call) or not isinstance(ins.callee, pyqir.Function):
                    continue
                c = self._callee(ins.callee)
                if c.kind == "qis":
                    want = 2 if c.measurement else 1
                    if phase > want:
                        self.error(f.name, labels[i], f"{describe(ins)} after {phase_names[phase]}; the Base Profile "
                                   f"runs quantum instructions, then measurements, then output recording", ref)
                    phase = max(phase, want)
                    for j, a in enumerate(ins.args):
                        if self._arg_kind(c, j) != "qubit":
                            continue
                        q = static_id(a) if isinstance(a, pyqir.Constant) else None
                        if q is None:
                            continue
                        if q in measured:
                            self.error(f.name, labels[i], f"qubit {q} is used after it was measured",
                                       f"{BP}: Qubit and Result Usage")
                        if c.measurement:
                            measured.add(q)
                elif c.is_record:
                    phase = 3
            nxt = succs[i]
            if len(nxt) != 1:
                break
            i = nxt[0]

    def _check_loops(self, fname: str, labels: list[str], succs: list[list[int]]) -> bool:
        """Report back edges (cycles) unless backwards_branching allows them; True if any."""
        back = back_edges(succs)
        for u, h in back:
            if self.profile == BASE:
                self.error(fname, labels[u], f"branch back to {bref(labels[h])} makes a loop; the Base Profile has none",
                           f"{BP}: Entry Point Definition")
            elif not self.caps.backwards_branching:
                self.error(fname, labels[u], f"branch back to {bref(labels[h])} makes a loop; loops need the module "
                           "flag backwards_branching", f"{AP}: Bullet 7: Backwards branching")
        return bool(back)

    def _check_measurement_dependence(self, f: pyqir.Function, labels: list[str], succs: list[list[int]],
                                      index: dict, inttoptr_insts: list, cyclic: bool) -> None:
        tainted = self._tainted_values(f, succs, index)
        fname = f.name
        ref = f"{AP}: Bullet 7: Backwards branching"
        for i, ins in inttoptr_insts:
            src = ins.operands[0]
            if src in tainted:
                self.error(fname, labels[i], "the qubit/result id cast by 'inttoptr' depends on a measurement",
                           f"{AP}: Qubit and Result Usage")
        if not cyclic or self.caps.backwards_branching not in (1, 2):
            return
        blocks = f.basic_blocks
        comp = cyclic_components(succs)
        loops: dict[int, list[int]] = {}
        for b, k in comp.items():
            loops.setdefault(k, []).append(b)
        for k, members in loops.items():
            conditional = None
            for b in members:
                term = blocks[b].terminator
                if term is None or len(succs[b]) < 2 or all(comp.get(s) == k for s in succs[b]):
                    continue
                cond = term.operands[0]
                if cond in tainted:
                    conditional = b
                    break
            head = labels[min(members)]
            if conditional is not None and self.caps.backwards_branching == 1:
                self.error(fname, labels[conditional], f"the exit of the loop at {bref(head)} depends on a measurement "
                           "(a conditionally terminating loop); backwards_branching is 1 (iterations only), "
                           "use 2 or 3", ref)
            elif conditional is None and self.caps.backwards_branching == 2:
                self.warn(fname, head, "this loop looks like an iteration (its exit does not depend on a measurement), "
                          "but backwards_branching is 2 (conditionally terminating loops only); use 3", ref)

    def _tainted_values(self, f: pyqir.Function, succs: list[list[int]], index: dict) -> set:
        """Values that depend on a measurement: data flow from read_result (and from
        other calls that may read one), plus phis that merge paths split by a branch
        on such a value (control dependence, from post-dominators)."""
        blocks = f.basic_blocks
        cd_parents = control_dependence(succs)  # block -> blocks whose branch it depends on
        cd_children: dict[int, list[int]] = {}
        for b, ps in cd_parents.items():
            for p in ps:
                cd_children.setdefault(p, []).append(b)
        users: dict = {}
        phis_from: dict[int, list[tuple[pyqir.Instruction, int]]] = {}
        branch_of: dict = {}  # condition value -> blocks whose terminator branches on it
        work: list = []
        tainted: set = set()
        for bi, bb in enumerate(blocks):
            for ins in bb.instructions:
                op = ins.opcode
                if op == OP.PHI:
                    for _v, pb in ins.incoming:
                        phis_from.setdefault(index[pb], []).append((ins, bi))
                if op in (OP.BR, OP.SWITCH):
                    if len(succs[bi]) > 1:
                        branch_of.setdefault(ins.operands[0], []).append(bi)
                    continue
                for o in ins.operands:
                    if isinstance(o, (pyqir.Instruction, pyqir.Call)):
                        users.setdefault(o, []).append(ins)
                if isinstance(ins, pyqir.Call) and self._reads_measurement(ins):
                    tainted.add(ins)
                    work.append(ins)
        done_branches: set[int] = set()
        while work:
            v = work.pop()
            for bi in branch_of.get(v, ()):
                if bi in done_branches:
                    continue
                done_branches.add(bi)
                for x in [bi, *cd_children.get(bi, ())]:
                    for phi, jb in phis_from.get(x, ()):
                        if bi not in cd_parents.get(jb, ()) and phi not in tainted:
                            tainted.add(phi)
                            work.append(phi)
            for u in users.get(v, ()):
                if u not in tainted:
                    tainted.add(u)
                    work.append(u)
        return tainted

    def _reads_measurement(self, ins: pyqir.Call) -> bool:
        if not isinstance(ins.callee, pyqir.Function) or ins.type.is_void:
            return False
        c = self._callee(ins.callee)
        if c.name in ("__quantum__rt__read_result", OLD_READ_RESULT):
            return True
        if c.kind == "qis":
            return True  # a QIS function that returns a value may measure
        if c.kind == "ir" and c.defined:
            return self._function_reads(c.fn, set())
        return False

    def _function_reads(self, fn: pyqir.Function, busy: set[str]) -> bool:
        if fn.name in busy:
            return False
        busy.add(fn.name)
        for bb in fn.basic_blocks:
            for ins in bb.instructions:
                if isinstance(ins, pyqir.Call) and isinstance(ins.callee, pyqir.Function):
                    c = self._callee(ins.callee)
                    if c.name in ("__quantum__rt__read_result", OLD_READ_RESULT):
                        return True
                    if c.kind == "qis" and not ins.type.is_void:
                        return True
                    if c.kind == "ir" and c.defined and self._function_reads(c.fn, busy):
                        return True
        return False
