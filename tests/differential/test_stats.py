"""Tests of the comparison itself, with no compiler involved: the bound is
valid on samples known to agree, has power on samples known to differ, and
the Aer reference is keyed and distributed the way exact calculation says.

If these fail, the differential verdicts mean nothing, so they are kept
separate from the compiler tests and run even when the compiler does not.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit_aer import AerSimulator

import corpus
import stats

N = stats.SHOTS


def _sample(rng: np.random.Generator, probs: dict[str, float], n: int) -> dict[str, int]:
    keys = list(probs)
    draws = rng.multinomial(n, [probs[k] for k in keys])
    return {k: int(c) for k, c in zip(keys, draws) if c}


def test_epsilon_matches_the_formula() -> None:
    k, n, d = 6, 4000, 1e-6
    assert stats.epsilon(k, n, d) == pytest.approx(math.sqrt(2 * math.log((2**k - 2) / d) / n))
    # The per-sample tail bound at that radius is exactly d.
    eps = stats.epsilon(k, n, d)
    assert (2**k - 2) * math.exp(-n * eps**2 / 2) == pytest.approx(d)
    assert stats.tvd_bound(k, n, n, d) == pytest.approx(stats.epsilon(k, n, d / 2))
    # Sensible monotonicity: more outcomes or smaller delta loosen it, more shots tighten it.
    assert stats.tvd_bound(8, n, n) > stats.tvd_bound(4, n, n)
    assert stats.tvd_bound(4, 4 * n, 4 * n) == pytest.approx(stats.tvd_bound(4, n, n) / 2)
    assert stats.epsilon(1, n, d) == 0.0
    assert math.isfinite(stats.epsilon(2000, n, d))  # no overflow for huge supports


@pytest.mark.comparisons(60)
def test_no_false_alarm_on_identical_distributions() -> None:
    rng = np.random.default_rng(7)
    supports = [
        {"0": 0.5, "1": 0.5},
        {"00": 0.7, "01": 0.1, "10": 0.1, "11": 0.1},
        {f"{i:04b}": (i + 1) / 136 for i in range(16)},
    ]
    for probs in supports:
        for _ in range(20):
            stats.assert_same_distribution(_sample(rng, probs, N), _sample(rng, probs, N))


def test_bound_is_conservative_at_a_large_delta() -> None:
    """At δ = 0.5 the false-alarm rate may be up to 50 %; BHC is loose, so it
    should in fact be far lower. Catches a bound that is too small by a
    constant factor, which the δ = 1e-8 test above could not."""
    rng = np.random.default_rng(11)
    probs = {"a": 0.4, "b": 0.3, "c": 0.2, "d": 0.1}
    alarms = 0
    for _ in range(400):
        try:
            stats.assert_same_distribution(_sample(rng, probs, 2000), _sample(rng, probs, 2000), delta=0.5)
        except AssertionError:
            alarms += 1
    assert alarms <= 0.5 * 400 / 4


def test_detects_a_modest_difference() -> None:
    rng = np.random.default_rng(3)
    p = {"00": 0.25, "01": 0.25, "10": 0.25, "11": 0.25}
    q = {"00": 0.40, "01": 0.25, "10": 0.25, "11": 0.10}  # TVD 0.15
    with pytest.raises(AssertionError) as err:
        stats.assert_same_distribution(_sample(rng, q, N), _sample(rng, p, N))
    msg = str(err.value)
    assert "TVD" in msg and "bound" in msg and "'11'" in msg and "'00'" in msg


def test_deterministic_reference_requires_exact_agreement() -> None:
    stats.assert_same_distribution({"101": N}, {"101": N})
    with pytest.raises(AssertionError, match="1 of our"):
        stats.assert_same_distribution({"101": N - 1, "001": 1}, {"101": N})
    with pytest.raises(AssertionError, match="empty"):
        stats.assert_same_distribution({}, {"1": N})


def test_diff_table_lists_largest_differences_first() -> None:
    ours = {"0": 900, "1": 100}
    ref = {"0": 500, "1": 500}
    with pytest.raises(AssertionError) as err:
        stats.assert_same_distribution(ours, ref)
    lines = str(err.value).splitlines()
    assert lines[0].startswith("distributions differ: TVD 0.4000 > bound")
    assert "outcome" in lines[1] and "ours" in lines[1] and "ref" in lines[1]
    assert "900" in lines[2] or "900" in lines[3]


# --------------------------------------------------------------------------
# The Aer reference against exact distributions and Qiskit's own keys
# --------------------------------------------------------------------------


def _exact_teleport_ry() -> dict[str, float]:
    # m uniform; out ~ Bernoulli(sin^2(pi/3)) independently of m
    return {f"{o} {m:02b}": 0.25 * (0.75 if o else 0.25) for o in (0, 1) for m in range(4)}


def _exact_dynamic_ghz() -> dict[str, float]:
    return {f"{g} {p:02b}": 0.125 for g in ("000000", "111111") for p in range(4)}


def _exact_switch_register() -> dict[str, float]:
    # c uniform; case 0: x -> 1; cases 1,2: ry(pi/3) -> P(1)=1/4; default (3): h s h -> P(1)=1/2
    p1 = {0: 1.0, 1: 0.25, 2: 0.25, 3: 0.5}
    out = {}
    for c, p in p1.items():
        for o, po in ((1, p), (0, 1 - p)):
            if po:
                out[f"{o} {c:02b}"] = 0.25 * po
    return out


@pytest.mark.comparisons(1)
@pytest.mark.parametrize(
    ("name", "exact"),
    [("teleport_ry", _exact_teleport_ry), ("dynamic_ghz", _exact_dynamic_ghz), ("switch_register", _exact_switch_register)],
)
def test_reference_matches_exact_distribution(name, exact, reference) -> None:
    stats.assert_matches_exact(reference(name, corpus.by_name(name).build), exact())


@pytest.mark.parametrize("name", ["teleport_ry", "switch_register", "nested_if_else", "dynamic_ghz"])
def test_reference_keys_match_qiskit_get_counts(name) -> None:
    """Our keys come from Aer's raw memory words. Where the registers tile the
    clbits in declaration order (the usual case) they must be exactly
    Qiskit's ``get_counts()`` keys."""
    from qiskit import transpile

    qc = corpus.by_name(name).build()
    sim = AerSimulator(seed_simulator=stats.REF_SEED, enable_truncation=False)
    result = sim.run(transpile(qc, sim, optimization_level=0), shots=500).result()
    assert stats.reference_counts(qc, shots=500, seed=stats.REF_SEED) == dict(result.get_counts())


def test_reference_keys_for_interleaved_registers(reference) -> None:
    """lo = [b0, b3], hi = [b4, b1, b2]: Qiskit's get_counts slices the
    memory word as if registers were contiguous and so misreads this circuit;
    our keys must follow the registers' own bit order. hi[0] is always 1 and
    lo[1] = hi[1] by construction."""
    counts = reference("interleaved_registers", corpus.by_name("interleaved_registers").build)
    for key in counts:
        hi, lo = key.split(" ")
        assert hi[-1] == "1", key
        assert lo[0] == hi[-2], key


def test_reference_keys_for_overlapping_registers(reference) -> None:
    """mix = [a[2], b[0]] aliases bits of a and b: every key must show the
    same values for the aliased bits in all three registers (Qiskit's
    get_counts cannot format this circuit correctly)."""
    counts = reference("overlapping_registers", corpus.by_name("overlapping_registers").build)
    for key in counts:
        mix, b, a = key.split(" ")  # registers in reverse declaration order: a, b, mix
        assert (len(a), len(b), len(mix)) == (3, 2, 2)
        # bit 0 is rightmost: a[2] = a[0] of the string, mix[0] = mix[-1], mix[1] = mix[0]
        assert mix[-1] == a[0], key
        assert mix[0] == b[-1], key
