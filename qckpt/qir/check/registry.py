"""The rule registry: every rule family, the section of docs/check-qir.md
that describes it, and the class holding its rules.

The checker is composed from exactly these families (see
:mod:`qckpt.qir.check.checker`), so a new family is added here and nowhere
else; its rules run from the driver where the module walk reaches them.
"""

from __future__ import annotations

from dataclasses import dataclass

from qckpt.qir.check.module import ModuleRules
from qckpt.qir.check.entry_point import EntryPointRules
from qckpt.qir.check.instructions import InstructionRules
from qckpt.qir.check.control_flow import ControlFlowRules
from qckpt.qir.check.calls import CallRules
from qckpt.qir.check.output_recording import OutputRecordingRules
from qckpt.qir.check.qubits_results import QubitResultRules
from qckpt.qir.check.extensions import ExtensionRules
from qckpt.qir.check.state import CheckerState


@dataclass(frozen=True)
class RuleFamily:
    """One group of rules, named as in the doc (a ``###`` heading under "The rules")."""

    name: str
    section: str
    rules: type[CheckerState]


FAMILIES: tuple[RuleFamily, ...] = (
    RuleFamily("module", "Module", ModuleRules),
    RuleFamily("entry_point", "Entry point", EntryPointRules),
    RuleFamily("instructions", "Instructions", InstructionRules),
    RuleFamily("control_flow", "Control flow", ControlFlowRules),
    RuleFamily("calls", "Calls", CallRules),
    RuleFamily("output_recording", "Output recording", OutputRecordingRules),
    RuleFamily("qubits_results", "Qubits and results", QubitResultRules),
    RuleFamily("extensions", "Extensions", ExtensionRules),
)
