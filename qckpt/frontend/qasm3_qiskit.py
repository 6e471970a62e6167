"""OpenQASM 3 through Qiskit's importer (qiskit-qasm3-import).

This is the first OpenQASM path and, later, the reference that our native
frontend is checked against. Its errors are turned into located one-line
messages where the importer says where the problem is.
"""

from __future__ import annotations

import re

from qckpt.diagnostics import QckptError, SourceLocation

# Messages from the importer and the ANTLR parser under it carry positions in
# a few shapes; take the first one we recognise.
_POSITIONS = [
    re.compile(r"line (\d+),? col(?:umn)? (\d+)"),
    re.compile(r"line (\d+):(\d+)"),
    re.compile(r"<input>:(\d+),(\d+)"),
    re.compile(r"\b(\d+),(\d+)-\d+,\d+"),
    re.compile(r"^\W*(\d+),(\d+):"),
]


def _locate(message: str, filename: str, source: str) -> tuple[SourceLocation | None, str | None]:
    for pat in _POSITIONS:
        m = pat.search(message)
        if m:
            line, col = int(m.group(1)), int(m.group(2))
            lines = source.splitlines()
            # ANTLR columns are 0-based; ours are 1-based.
            col = col + 1 if "col" not in m.group(0) or col == 0 else col
            excerpt = lines[line - 1] if 0 < line <= len(lines) else None
            return SourceLocation(filename, line, max(col, 1)), excerpt
    return None, None


def qasm3_to_circuit(source: str, filename: str = "<input>"):
    import qiskit.qasm3

    try:
        return qiskit.qasm3.loads(source)
    except Exception as e:  # the importer raises several unrelated types
        message = " ".join(str(e).split()) or type(e).__name__
        loc, excerpt = _locate(message, filename, source)
        if loc is None:
            loc = SourceLocation(filename, 1, 1)
        raise QckptError(f"the Qiskit OpenQASM 3 importer rejected this program: {message}", loc, excerpt) from e
