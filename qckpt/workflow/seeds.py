"""Every random number a session hands out comes from its one root seed.

Named streams and the seed of each quantum execution are derived with numpy's
``SeedSequence`` from (root seed, a domain tag, the stream's name or the
execution's index). They do not depend on the order in which a driver asks
for them or on what ran before, so a run replayed from its log draws exactly
the numbers the first run drew.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np

from qckpt.diagnostics import QckptError

# Domain tags keep the stream and execution seed spaces apart.
_STREAM = 0x53545245  # "STRE"
_EXECUTION = 0x45584543  # "EXEC"


def check_seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise QckptError(f"a session seed must be a non-negative integer, got {seed!r}")
    return int(seed)


def _name_key(name: str) -> int:
    if not isinstance(name, str) or not name:
        raise QckptError(f"a random stream needs a non-empty name, got {name!r}")
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:16], "little")


def stream(seed: int, name: str) -> np.random.Generator:
    """A fresh generator for the stream ``name`` of the session ``seed``."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(_STREAM, _name_key(name)))))


def execution_seed(seed: int, index: int) -> int:
    """The simulator seed of execution ``index`` (32 bits, as qir-runner's ``-r`` takes any)."""
    return int(np.random.SeedSequence(seed, spawn_key=(_EXECUTION, index)).generate_state(1, np.uint32)[0])


def stream_state(gen: np.random.Generator) -> dict[str, Any]:
    """The generator's position, as JSON-able data (checkpointed for the fast path)."""
    return gen.bit_generator.state


def restore_stream(gen: np.random.Generator, state: dict[str, Any]) -> None:
    gen.bit_generator.state = state
