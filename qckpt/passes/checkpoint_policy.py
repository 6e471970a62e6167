"""When to checkpoint: the cost model and the Young/Daly interval.

A checkpoint every τ seconds of execution, with δ the cost of taking one and
M the mean time between failures, minimises expected lost work at Daly's
higher-order optimum (J. T. Daly, "A higher order estimate of the optimum
checkpoint interval for restart dumps", FGCS 22, 2006):

    τ = √(2δM)·[1 + ⅓·√(δ/2M) + ⅑·(δ/2M)] − δ     for δ < 2M
    τ = M                                          otherwise

The durations of gates, measurements and records come from a small device
table, which a user can override.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class DeviceCosts:
    """Durations in seconds. The defaults are of superconducting hardware's
    order (tens of ns per 1-qubit gate, hundreds per 2-qubit gate, about a
    microsecond per measurement); a record is a classical write."""

    gate_1q: float = 50e-9
    gate_2q: float = 300e-9
    gate_3q: float = 1.2e-6
    measure: float = 1.0e-6
    reset: float = 1.0e-6
    record_bit: float = 1.0e-6  # per recorded bit
    record_fixed: float = 20e-6  # per boundary visit

    def with_overrides(self, **overrides: float) -> DeviceCosts:
        unknown = set(overrides) - set(self.__dataclass_fields__)
        if unknown:
            raise ValueError(f"unknown cost(s): {', '.join(sorted(unknown))}")
        return replace(self, **overrides)

    def gate(self, num_qubits: int) -> float:
        return (self.gate_1q, self.gate_2q, self.gate_3q)[min(num_qubits, 3) - 1]

    def record(self, bits: int) -> float:
        return self.record_fixed + bits * self.record_bit


def daly_interval(delta: float, mtbf: float) -> float:
    """Daly's higher-order optimum checkpoint interval (same unit as the inputs)."""
    if delta < 0 or mtbf <= 0:
        raise ValueError("the checkpoint cost must be >= 0 and the MTBF > 0")
    if delta >= 2 * mtbf:
        return mtbf
    r = delta / (2 * mtbf)
    return math.sqrt(2 * delta * mtbf) * (1 + math.sqrt(r) / 3 + r / 9) - delta


def nearest_to_multiples(times: list[float], tau: float) -> list[int]:
    """Indices of the points (cumulative times, ascending) nearest to each
    multiple of ``tau`` within the run; each point chosen at most once.

    The multiples are not walked one by one: a tiny ``tau`` (a tiny MTBF)
    has astronomically many of them. From each multiple the walk jumps to
    the first one whose nearest point can differ, so it takes O(points)."""
    if not times or tau <= 0:
        return []
    chosen: list[int] = []
    end = times[-1]
    # Below end / 2**60 a finer tau chooses the same points (a multiple falls
    # in every point's neighbourhood), and k stays a size floats can hold.
    tau = max(tau, end * 2**-60)
    k = 1
    j = 0
    while k * tau <= end:
        target = k * tau
        while j + 1 < len(times) and times[j + 1] <= target:
            j += 1
        best = j
        if j + 1 < len(times) and abs(times[j + 1] - target) < abs(times[j] - target):
            best = j + 1
        if not chosen or best > chosen[-1]:
            chosen.append(best)
        if j + 1 >= len(times):
            break  # every later multiple is nearest to the last point
        # The next change: past the midpoint (best is j) or at the next point (best is j + 1).
        edge = times[j + 1] if best > j else (times[j] + times[j + 1]) / 2
        nxt = max(k + 1, math.floor(edge / tau))
        while nxt * tau <= target:  # past 2**53 multiples, k + 1 can round to the same time
            nxt = max(nxt + 1, math.ceil(nxt * (1 + 2**-50)))
        k = nxt
    return chosen


def mtbf_placing_one(delta: float, duration: float) -> float | None:
    """The largest MTBF whose Daly interval still fits in ``duration`` (so
    the interval policy places at least one boundary), or None when none
    does. Found by bisection on a log scale: the interval grows with the
    MTBF (up to the small step at δ = 2M), and a warning needs 3 digits."""
    if duration <= 0:
        return None
    lo, hi = 1e-12, 1e12
    if daly_interval(delta, lo) > duration:
        return None
    for _ in range(200):
        mid = math.sqrt(lo * hi)
        if daly_interval(delta, mid) <= duration:
            lo = mid
        else:
            hi = mid
    return lo
