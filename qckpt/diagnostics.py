"""User-facing errors.

Every error a user can cause (bad source, unsupported construct, bad IR,
missing tool) is a :class:`QckptError`. The CLI prints it as one line and exits
non-zero; tracebacks are for qckpt's own bugs only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceLocation:
    file: str
    line: int  # 1-based
    col: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class QckptError(Exception):
    """An error in the user's input or environment, reported without a traceback."""

    def __init__(self, message: str, loc: SourceLocation | None = None, excerpt: str | None = None):
        super().__init__(message)
        self.message = message
        self.loc = loc
        self.excerpt = excerpt  # the source line, if known, for a caret under loc.col

    def render(self) -> str:
        head = f"{self.loc}: error: {self.message}" if self.loc else f"error: {self.message}"
        if self.excerpt is None or self.loc is None:
            return head
        caret = " " * (self.loc.col - 1) + "^"
        return f"{head}\n{self.excerpt}\n{caret}"

    def __str__(self) -> str:
        return self.render()


class QckptWarning(UserWarning):
    """Something the user asked for did nothing useful (a checkpoint policy
    that placed no boundary). Raised with :func:`warnings.warn`, so library
    callers can filter it; the CLI and xdsl-opt print it as ``warning: ...``."""


def decode_source(data: bytes, filename: str) -> str:
    """A program's bytes as text: UTF-8, or an error located at the first bad
    byte (line, and column in characters) like any other error in a program."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        head = data[: e.start]
        start = head.rfind(b"\n") + 1
        line = head.count(b"\n") + 1
        col = len(head[start:].decode("utf-8")) + 1  # the prefix before the bad byte is valid
        raise QckptError(f"not UTF-8 text ({e.reason}, byte 0x{data[e.start]:02x})", SourceLocation(filename, line, col)) from None
