"""From a run's counts to per-shot samples, as Qiskit's results hold them.

The runtime keeps a histogram per run (its ledger), not the order in which
shots finished: that order depends on which worker ran which batch, and on
where a run was cut and resumed. Shots are independent and identically
distributed, so every order of one multiset of outcomes is equally likely;
qckpt gives a uniformly random one, drawn from the run's seed. The samples
are then a faithful sample sequence (the first k shots are a fair sample of
k shots) and, like the counts, a function of the seed alone: a resumed run
returns the same sequence as an uninterrupted one.
"""

from __future__ import annotations

import numpy as np

from qckpt.runtime.execution.ledger import derive_seed


def shot_order(counts: dict[str, int], seed: int) -> tuple[list[str], np.ndarray]:
    """The distinct keys (sorted), and for each shot, in a random order
    drawn from ``seed``, the index of its key."""
    keys = sorted(counts)
    expanded = np.repeat(np.arange(len(keys)), [counts[k] for k in keys])
    return keys, np.random.default_rng(derive_seed(seed, "shot-order")).permutation(expanded)


def shot_sequence(counts: dict[str, int], seed: int) -> list[str]:
    """Every shot's key, in the order of :func:`shot_order`."""
    keys, order = shot_order(counts, seed)
    return [keys[i] for i in order]


def register_bits(key: str, layout: list[tuple[str, int]]) -> dict[str, str]:
    """Register name -> its bits (bit 0 rightmost) in a counts key, whose
    registers are in reverse declaration order, separated by spaces."""
    words = key.split(" ") if layout else []
    if len(words) != len(layout):
        raise ValueError(f"counts key {key!r} does not have the registers {layout}")
    return {name: word for (name, _), word in zip(layout, reversed(words))}
