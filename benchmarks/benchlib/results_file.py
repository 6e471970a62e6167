"""An append-only results file for a benchmark that runs for hours: one
JSON line per finished piece of work, keyed, so that a run killed at any
moment continues where it stopped and a report is rendered from everything
the file holds, whichever run made it.

A line is appended and flushed to disk only once its piece is finished, so
a kill loses at most the piece in flight. A kill in the middle of a write
leaves a last line without its newline: it is not a finished piece, so it
is ignored on reading and cut off before the next append.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class ResultsFile:
    """Keyed records, one JSON object a line: ``{"key": [...], ...}``."""

    def __init__(self, path: Path, settings: dict[str, Any]) -> None:
        """``settings``: what every record of the file must have been made
        with (shots, seeds); a file made with other settings is refused
        rather than mixed into one report."""
        self.path = path
        self.settings = settings
        self._records: dict[tuple, dict[str, Any]] = {}
        if path.exists():
            self._load()

    def _load(self) -> None:
        data = self.path.read_bytes()
        whole = data[: data.rfind(b"\n") + 1]  # a torn last line is not a finished piece
        if len(whole) != len(data):
            with open(self.path, "r+b") as f:
                f.truncate(len(whole))
        for n, line in enumerate(whole.decode().splitlines(), 1):
            rec = json.loads(line)
            if rec.get("settings") != self.settings:
                raise SystemExit(f"{self.path}:{n}: made with {rec.get('settings')}, this run uses {self.settings}: "
                                 "continue it with those settings or write to another --results file")
            self._records[tuple(rec["key"])] = rec

    def __contains__(self, key: tuple) -> bool:
        return tuple(key) in self._records

    def get(self, key: tuple) -> dict[str, Any] | None:
        return self._records.get(tuple(key))

    def records(self, kind: str | None = None) -> Iterator[dict[str, Any]]:
        """Records in the order they were first written (``kind``: the key's first element)."""
        return (r for k, r in self._records.items() if kind is None or k[0] == kind)

    def add(self, key: tuple, **fields: Any) -> None:
        """Record a finished piece; a key already held is a bug in the caller."""
        key = tuple(key)
        if key in self._records:
            raise ValueError(f"{key} is already in {self.path}")
        rec = {"key": list(key), "settings": self.settings, **fields}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(rec, sort_keys=True) + "\n")
            f.flush()
            os.fsync(f.fileno())
        self._records[key] = rec
