"""The checker's report: one :class:`Violation` per finding, and its text.

Severities: ``error`` (the profile does not allow it), ``extension`` (a
known extension, named), ``warning`` (allowed but fragile).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


ERROR = "error"
EXTENSION = "extension"
WARNING = "warning"


@dataclass(frozen=True)
class Violation:
    """One finding. ``function`` and ``block`` are None for module-level findings."""

    severity: str  # "error" | "extension" | "warning"
    function: str | None
    block: str | None
    message: str
    spec: str = field(default="", compare=False)  # e.g. "Adaptive_Profile.md: Bullet 8"

    def __str__(self) -> str:
        if self.function is None:
            where = "module"
        else:
            where = f"@{self.function}" + (f"/{self.block}" if self.block else "")
        return f"{self.severity}: {where}: {self.message}"


def has_errors(violations: Iterable[Violation]) -> bool:
    """True when any finding is an error (the CLI then exits 1)."""
    return any(v.severity == ERROR for v in violations)


def format_report(violations: Sequence[Violation], path: str | Path) -> str:
    """Human-readable report: one line per finding, then a summary line."""
    lines = []
    for v in violations:
        ref = f" [{v.spec}]" if v.spec else ""
        lines.append(f"{path}: {v}{ref}")
    counts = {ERROR: 0, EXTENSION: 0, WARNING: 0}
    for v in violations:
        counts[v.severity] = counts.get(v.severity, 0) + 1
    if not violations:
        lines.append(f"{path}: conforms (no errors, extensions or warnings)")
    else:
        parts = [
            _plural(counts[ERROR], "error"),
            _plural(counts[EXTENSION], "extension"),
            _plural(counts[WARNING], "warning"),
        ]
        if counts[ERROR]:
            verdict = "does not conform"
        elif counts[EXTENSION]:
            verdict = "conforms but for the named extensions"
        else:
            verdict = "conforms"
        lines.append(f"{path}: {verdict}: " + ", ".join(parts))
    return "\n".join(lines)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
