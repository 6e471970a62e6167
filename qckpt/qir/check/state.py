"""The state the rule families share while one module is checked, and how
they report a finding (deduplicated).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyqir

from qckpt.qir.check.report import ERROR, Violation, WARNING
from qckpt.qir.check.spec import ADAPTIVE, AP, BP, PROFILE_TITLE, RuntimeFn

if TYPE_CHECKING:  # the extensions family builds on this module's CheckerState
    from qckpt.qir.check.extensions import Extension


@dataclass
class Callee:
    """What the checker knows about one called function, computed once."""

    fn: pyqir.Function
    name: str
    kind: str  # "qis" | "rt" | "ir" | "ext" | "dbg" | "llvm" | "other"
    defined: bool
    rt: RuntimeFn | None = None
    ext: tuple[str, Extension] | None = None
    measurement: bool = False
    writeonly: tuple[bool, ...] | None = None  # per parameter, from the declaration text

    @property
    def is_record(self) -> bool:
        if self.rt is not None:
            return self.rt.record
        if self.ext is not None:
            return self.ext[1].record
        return self.kind == "rt" and self.name.endswith("_record_output")


@dataclass
class _Caps:
    """Capabilities the module flags declare."""

    int_widths: set[int] | None = None  # None: flag absent
    float_types: set[str] | None = None
    ir_functions: bool = False
    backwards_branching: int = 0
    multiple_target_branching: bool = False
    multiple_return_points: bool = False
    arrays: bool = False
    dynamic_qubit_management: bool = False
    dynamic_result_management: bool = False
    extensions: set[str] = field(default_factory=set)  # extension keys declared by flag

    def has(self, cap: str) -> bool:
        if cap == "int_computations":
            return bool(self.int_widths)
        if cap == "float_computations":
            return bool(self.float_types)
        return bool(getattr(self, cap))


class CheckerState:
    """What every rule family reads and writes: the module, the declared
    capabilities, the findings so far. The families are mixins over this."""

    def __init__(self, module: pyqir.Module, profile: str | None):
        self.m = module
        self.forced_profile = profile
        self.profile = profile or ADAPTIVE
        self.out: list[Violation] = []
        self._seen: set[tuple[str, str | None, str | None, str]] = set()
        self.caps = _Caps()
        self.callees: dict[str, Callee] = {}
        self.functions = list(module.functions)
        self.entry_points: list[pyqir.Function] = []
        # static ids: kind -> {id: (function, block)} of the first use
        self.ids: dict[str, dict[int, tuple[str, str]]] = {"qubit": {}, "result": {}}
        self._param_kinds: dict[str, dict[int, str]] = {}
        self._param_kinds_busy: set[str] = set()
        self._called: set[str] = set()
        self._call_edges: dict[str, set[str]] = {}
        self._base_labels: dict = {}  # label global -> first use
        # LLVM numbers unnamed globals (@0, @1, ...) in its text; pyqir shows "".
        self._gnames: dict = {}
        k = 0
        for g in module.global_variables:
            if g.name:
                self._gnames[g] = g.name
            else:
                self._gnames[g] = str(k)
                k += 1
        self._block_order: dict[tuple[str, str], int] = {}
        self._ext_uses: dict[tuple[str, str], list] = {}  # (function, callee) -> [first block, calls, key]
        self._fn_order = {f.name: i for i, f in enumerate(self.functions)}

    def report(self, severity: str, fn: str | None, block: str | None, message: str, spec: str = "") -> None:
        key = (severity, fn, block, message)
        if key not in self._seen:
            self._seen.add(key)
            self.out.append(Violation(severity, fn, block, message, spec))

    def error(self, fn: str | None, block: str | None, message: str, spec: str = "") -> None:
        self.report(ERROR, fn, block, message, spec)

    def warn(self, fn: str | None, block: str | None, message: str, spec: str = "") -> None:
        self.report(WARNING, fn, block, message, spec)

    @property
    def ref(self) -> str:
        return AP if self.profile == ADAPTIVE else BP

    @property
    def title(self) -> str:
        return PROFILE_TITLE[self.profile]
