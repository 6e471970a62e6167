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
            # The parser bailed without saying where: ask ANTLR for the first
            # syntax error itself.
            found = _first_syntax_error(source)
            if found is not None:
                line, col, what = found
                lines = source.splitlines()
                excerpt = lines[line - 1] if 0 < line <= len(lines) else None
                raise QckptError(f"syntax error: {what}", SourceLocation(filename, line, col + 1), excerpt) from e
            loc = SourceLocation(filename, 1, 1)
        raise QckptError(f"the Qiskit OpenQASM 3 importer rejected this program: {message}", loc, excerpt) from e


def _first_syntax_error(source: str) -> tuple[int, int, str] | None:
    """(line, 0-based column, message) of the first ANTLR syntax error."""
    from antlr4 import CommonTokenStream, InputStream
    from antlr4.error.ErrorListener import ErrorListener
    from openqasm3._antlr.qasm3Lexer import qasm3Lexer
    from openqasm3._antlr.qasm3Parser import qasm3Parser

    class Collect(ErrorListener):
        first: tuple[int, int, str] | None = None

        def syntaxError(self, recognizer, offending, line, column, msg, e):  # noqa: N802 (ANTLR API)
            if self.first is None:
                self.first = (line, column, msg)

    listener = Collect()
    lexer = qasm3Lexer(InputStream(source))
    lexer.removeErrorListeners()
    lexer.addErrorListener(listener)
    parser = qasm3Parser(CommonTokenStream(lexer))
    parser.removeErrorListeners()
    parser.addErrorListener(listener)
    parser.program()
    return listener.first
