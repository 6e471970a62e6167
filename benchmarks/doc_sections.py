"""Each benchmark owns one section of docs/benchmarks.md, between its
``<!-- name:begin -->`` and ``<!-- name:end -->`` markers, and rewrites only
that section."""

from __future__ import annotations

from pathlib import Path

NEW_FILE_HEAD = "# Benchmarks\n\nEach section below is owned and rewritten by one script in `benchmarks/` (see `benchmarks/README.md`).\n\n"


def replace_section(path: Path, begin: str, end: str, section: str) -> None:
    """Put ``section`` (markers included) in place of the old one, or append it."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(NEW_FILE_HEAD + section + "\n")
        return
    text = path.read_text()
    if begin in text and end in text and text.index(begin) < text.index(end):
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)
