"""Comparing two histograms of one program: the total variation distance
and the Bretagnolle–Huber–Carol bound it stays under when both are samples
of the same distribution. The differential suite (``tests/differential/
stats.py``, which explains the choice) and restoration's fault injection
(``qckpt.runtime.restore.resume_check``) both judge with these."""

from __future__ import annotations

import math
from collections.abc import Mapping


def tvd(p: Mapping[str, int], q: Mapping[str, int]) -> float:
    """Total variation distance between two histograms (normalised)."""
    n_p, n_q = sum(p.values()), sum(q.values())
    keys = sorted(set(p) | set(q))  # a fixed order: the same float in every process, whatever the hash seed
    return 0.5 * sum(abs(p.get(x, 0) / n_p - q.get(x, 0) / n_q) for x in keys)


def epsilon(k: int, n: int, delta: float) -> float:
    """L1 radius that one n-shot sample on k outcomes exceeds with
    probability at most ``delta`` (Bretagnolle–Huber–Carol)."""
    if k <= 1:
        return 0.0
    # ln(2^k - 2) without overflowing for large k
    log_sets = k * math.log(2) + math.log1p(-(2.0 ** (1 - k)))
    return math.sqrt(2.0 * (log_sets + math.log(1.0 / delta)) / n)


def tvd_bound(k: int, n1: int, n2: int, delta: float) -> float:
    """TVD that two samples of one distribution exceed with probability at
    most ``delta`` (each sample gets delta/2)."""
    return 0.5 * (epsilon(k, n1, delta / 2) + epsilon(k, n2, delta / 2))
