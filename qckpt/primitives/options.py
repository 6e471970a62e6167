"""The options qckpt's Qiskit primitives share: seed, backend, checkpointing.

``SamplerV2(options=...)`` and ``QckptBackend().run(..., **options)`` take
the same names, checked here once, so that a sampler and a backend given the
same options run the same programs with the same seeds.

A run given a ``store`` and no ``seed`` still has to draw the same seeds
when the script is started again (otherwise nothing it finds in the store
would match): the seed it chose is kept in ``STORE/seed.json`` and read back.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from qckpt.diagnostics import QckptError
from qckpt.passes.policy_names import POLICIES as PASS_POLICIES
from qckpt.runtime.execution.ledger import MODES

BACKENDS = ("qir-runner", "stim")  # stim: Clifford circuits only, compiled per parameter set
POLICIES = (*PASS_POLICIES, "none")
SEED_FILE = "seed.json"


@dataclass(frozen=True)
class RunOptions:
    """How circuits run. ``store``: a directory that makes runs resumable
    (one sub-store per program run, see ``qckpt.primitives.execution``);
    ``checkpoint``: where boundaries go (with a store, ``exact`` unless
    given); ``mode``: ``reproducible`` (counts bit-identical to an
    uninterrupted run, an interrupted batch reruns whole) or ``resume``
    (shots cut short finish from their last boundary)."""

    seed: int | None = None
    backend: str = "qir-runner"
    store: str | None = None
    checkpoint: str | None = None
    every: int = 1
    mode: str = "reproducible"
    workers: int | None = None
    batch_size: int | None = None  # None: batch_size_for(shots)

    def __post_init__(self) -> None:
        if self.seed is not None and (not isinstance(self.seed, int) or isinstance(self.seed, bool) or self.seed < 0):
            raise QckptError(f"seed must be a non-negative integer, got {self.seed!r}")
        if self.backend not in BACKENDS:
            raise QckptError(f"backend must be one of {', '.join(BACKENDS)}, got {self.backend!r}")
        if self.checkpoint is not None and self.checkpoint not in POLICIES:
            raise QckptError(f"checkpoint must be one of {', '.join(POLICIES)}, got {self.checkpoint!r}")
        if self.mode not in MODES:
            raise QckptError(f"mode must be one of {', '.join(MODES)}, got {self.mode!r}")
        if self.every < 1:
            raise QckptError(f"every must be at least 1, got {self.every}")
        if self.batch_size is not None and self.batch_size < 1:
            raise QckptError(f"batch_size must be at least 1, got {self.batch_size}")
        if self.workers is not None and self.workers < 1:
            raise QckptError(f"workers must be at least 1, got {self.workers}")

    def updated(self, changes: Mapping[str, Any]) -> RunOptions:
        """These options with ``changes`` (option name -> value); an unknown
        name is an error, not silently ignored."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise QckptError(f"unknown option(s) {', '.join(unknown)}; the options are {', '.join(sorted(known))}")
        store = changes.get("store", self.store)
        return replace(self, **{**changes, "store": None if store is None else os.fspath(store)})

    @property
    def policy(self) -> str | None:
        """The checkpoint policy compiled in: the given one, else ``exact``
        when there is a store to record to."""
        if self.checkpoint is not None:
            return None if self.checkpoint == "none" else self.checkpoint
        return "exact" if self.store is not None else None

    def batch_size_for(self, shots: int) -> int:
        """Shots per committed batch: the given size, else up to 1000. A
        batch is one backend process; a sampler element of a few hundred
        shots is one batch, where the CLI's 16 would cost 16 process starts
        for well under a second of simulation."""
        return self.batch_size or min(shots, 1000)

    def run_seed(self) -> int:
        """The seed everything derives from: the given one, the one a
        store remembers, or a fresh one (remembered if there is a store)."""
        if self.seed is not None:
            return self.seed
        if self.store is None:
            return secrets.randbits(63)
        path = os.path.join(self.store, SEED_FILE)
        try:
            with open(path) as f:
                return int(json.load(f)["seed"])
        except FileNotFoundError:
            pass
        except (ValueError, KeyError, TypeError) as e:
            raise QckptError(f"{path}: not a seed file ({e}); give seed= or remove it") from None
        seed = secrets.randbits(63)
        _write_atomically(path, json.dumps({"seed": seed}).encode())
        return seed


def _write_atomically(path: str, data: bytes) -> None:
    """Write, fsync, rename: a kill leaves the old file or the new one."""
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".seed-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
