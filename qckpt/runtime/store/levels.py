"""Finding both levels of a two-level store from either one.

A run with ``--persistent P`` writes every checkpoint to its fast level F
(node-local storage, a burst buffer) and the last one, and every K-th, to
P (the parallel file system). Each level's header records where both are
(:meth:`qckpt.runtime.store.layout._Level.record_levels`), so that:

- ``qckpt resume F`` finds P without being told again;
- ``qckpt resume P`` works when F is gone (the node that held it is lost,
  or the requeued job landed on another node): F is made again at its path
  if that is possible, and the run goes on from P alone if it is not.
"""

from __future__ import annotations

import json
import os

from qckpt.runtime.store.layout import HEADER


def recorded_levels(store_dir: str) -> dict[str, str]:
    """The levels a store's header names (empty if none, or no readable header).
    Read without the store's lock and without checking the seal: this only
    chooses which directories to open, and opening them checks everything."""
    try:
        with open(os.path.join(store_dir, HEADER), "rb") as f:
            doc = json.loads(f.read())
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    levels = doc.get("levels") if isinstance(doc, dict) else None
    if not isinstance(levels, dict) or not all(isinstance(v, str) for v in levels.values()):
        return {}
    return levels


def has_store(path: str | None) -> bool:
    return bool(path) and os.path.exists(os.path.join(path, HEADER))  # type: ignore[arg-type]


def locate_levels(store_dir: str, persistent: str | None, notes: list[str]) -> tuple[str, str | None]:
    """The (fast, persistent) directories to open for the store named
    ``store_dir``, given the ``--persistent`` the user passed (if any)."""
    if persistent is not None:
        return store_dir, persistent
    levels = recorded_levels(store_dir)
    here = os.path.abspath(store_dir)
    fast, pers = levels.get("fast"), levels.get("persistent")
    if not fast or not pers:
        return store_dir, None
    if here == os.path.abspath(pers) and here != os.path.abspath(fast):
        # The persistent level was named: the fast one is where the run writes first.
        if has_store(fast):
            notes.append(f"{store_dir} is the persistent level of {fast}: continuing with both levels")
            return fast, here
        try:
            os.makedirs(fast, exist_ok=True)
        except OSError as e:
            notes.append(f"the fast level {fast} is gone and cannot be made again ({e.strerror}); continuing from the persistent level {here} alone")
            return here, None
        notes.append(f"the fast level {fast} was lost; it is made again from the persistent level {here}")
        return fast, here
    if here == os.path.abspath(fast):
        return store_dir, pers
    return store_dir, None
