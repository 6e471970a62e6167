"""Known extensions to the profiles: one table, ``EXTENSIONS``, and the
queries the other rule families ask of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from qckpt.qir.check.state import CheckerState


@dataclass(frozen=True)
class Extension:
    """A known extension to the profiles, reported with severity "extension".

    ``flag``: the module flag (``i1 true``) that declares it, or None when the
    extension is recognised by its functions alone. ``functions`` / ``prefixes``:
    the functions it adds. ``record``: calls are output recording (the final-block
    rule applies). ``runtime_library``: the functions may be defined in the module
    as the extension's own runtime; calls to them may appear anywhere and need no
    ``ir_functions``, and their bodies are not checked against the profile.
    """

    summary: str
    flag: str | None = None
    functions: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    record: bool = False
    needs: tuple[str, ...] = ()
    runtime_library: bool = False

    def matches(self, name: str) -> bool:
        return name in self.functions or any(name.startswith(p) for p in self.prefixes)


# One entry per extension. Keys are the names used in reports.
EXTENSIONS: dict[str, Extension] = {
    "double_record_output": Extension("qir-runner's name (also used by the spec's output-schema pages) for the Adaptive Profile's __quantum__rt__float_record_output", functions=frozenset({"__quantum__rt__double_record_output"}), record=True, needs=("float_computations",)),
    "qckpt_streaming_records": Extension("qckpt's streaming checkpoint records, written as each boundary is visited", flag="qckpt_streaming_records", prefixes=("__qckpt_",), runtime_library=True),
}


class ExtensionRules(CheckerState):
    """Rules of docs/check-qir.md, section "Extensions"."""

    def _declared_ext_flags(self) -> set[str]:
        return {EXTENSIONS[k].flag for k in self.caps.extensions if EXTENSIONS[k].flag}

    def _extension_runtime(self, name: str) -> tuple[str, Extension] | None:
        for k, e in EXTENSIONS.items():
            if e.runtime_library and e.matches(name):
                return k, e
        return None
