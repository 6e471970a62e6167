r"""Is qckpt's histogram a sample of the same distribution as Aer's?

Two simulators with different random number generators never give the same
histogram, so the differential test needs a threshold. Tuning it by eye makes
a test that either flickers or hides bugs; here it follows from the shot
counts and one stated failure probability.

The bound
---------
Let p be a distribution on k outcomes and p̂ the empirical distribution of N
independent shots. For every set A of outcomes Hoeffding's inequality gives

    P(p̂(A) − p(A) ≥ t) ≤ exp(−2 N t²).

The L1 distance is twice the largest one-sided set deviation,

    ‖p̂ − p‖₁ = 2 · max_A (p̂(A) − p(A)),

attained at A* = {x : p̂(x) > p(x)}, which is never ∅ or the whole support
unless p̂ = p. A union bound over the 2^k − 2 remaining sets, with t = ε/2,
is the Bretagnolle–Huber–Carol inequality (in the form of Weissman et al.,
HP Labs tech. report HPL-2003-97):

    P(‖p̂ − p‖₁ ≥ ε) ≤ (2^k − 2) · exp(−N ε² / 2).

Two samples. Under the null hypothesis both histograms (N₁ and N₂ shots) are
drawn from the same p, and ‖p̂₁ − p̂₂‖₁ ≤ ‖p̂₁ − p‖₁ + ‖p̂₂ − p‖₁. Giving each
sample half of the failure probability δ and solving
(2^k − 2) exp(−N_i ε_i² / 2) = δ/2 for ε_i:

    ε_i = sqrt( 2 · ln( 2 (2^k − 2) / δ ) / N_i ),

so with probability at least 1 − δ

    TVD(p̂₁, p̂₂) = ½ ‖p̂₁ − p̂₂‖₁ ≤ ½ (ε₁ + ε₂) =: bound.

The test fails when the observed TVD exceeds the bound. Under the null that
happens with probability at most δ, whatever p is.

Which k. The support of p is not known. We use k = |U| + 1, U the union of
the outcomes seen in either sample, plus one cell that lumps together
everything seen in neither. Coarsening the outcome space to that partition
leaves the statistic unchanged (both samples are zero on the extra cell) and
makes the inequality exact *for a partition fixed in advance*; choosing it
from the data is the usual plug-in step. What it can miss are outcomes no
sample saw, and an outcome of probability q goes unseen in both samples
with probability (1 − q)^(N₁+N₂); the corpus keeps every possible outcome
at probability ≥ 0.1 %, where that is below 10⁻⁸ at N₁ = N₂ = 10 000.

Which δ. ``SUITE_DELTA = 1e-6`` is the false-alarm probability we accept for
a whole run of the suite; it is split evenly (a union bound again) over
``COMPARISON_BUDGET = 850`` comparisons, a ceiling on the number of
same-distribution assertions in a run of ``tests/differential`` (and of
``tests/frontend_native``, which reuses this module) that are expected to
pass (tests declare theirs with the ``comparisons`` marker, and a test checks
the total stays under the ceiling; the sampler's run of the corpus,
``test_sampler_differential.py``, took it past 300, and the qubit-reuse,
dynamic-preparation and restoration samples past 580, the
restoration of boundaries inside loops to 800). That gives
δ ≈ 1.18e-9 per comparison. So
small a δ costs little: ln(1/δ) enters under a square root.

Power (why N = ``SHOTS`` = 10 000). If the true distributions differ by TVD
Δ, the observed TVD is at least Δ minus the same kind of deviation, so a
difference Δ > 2 · bound is detected with probability ≥ 1 − δ. With
N₁ = N₂ = 10 000 and δ ≈ 1.2e-9 the bound is 0.066 for k = 2, 0.069 for k = 4,
0.073 for k = 8, 0.080 for k = 16, 0.093 for k = 32 and 0.115 for k = 64
(``python stats.py`` prints the table). Every mutation in
``test_negative_controls.py`` moves the distribution by Δ ≥ 0.25 or breaks a
deterministic reference. qir-runner and Aer both run these programs at
thousands of shots per second, so N = 10 000 rather than 4 000 costs a few
seconds and buys a bound about 1.6 times tighter.

Deterministic references. When the reference put every shot on one outcome
the comparison is exact: every one of ours must be that outcome too. A
compiler that gets such a program right is deterministic as well, and a
single stray shot is a bug, which the bound alone would forgive.

Reference side. ``reference_counts`` runs Aer with qubit truncation
disabled: with it on, Aer 0.18 refuses some circuits that have ``break`` or
``continue`` inside a ``while`` loop ("Failed to load circuits: Invalid jump
destination: while_0_end"), and a failed Aer run is raised, never read as
empty counts. The circuit
is transpiled at optimization level 0 first only because Aer does not
decompose gates such as ``ch`` or ``cu`` inside control-flow blocks. Counts
are keyed from Aer's raw memory words rather than ``get_counts()``, whose
formatter slices the memory word as if the registers were contiguous,
disjoint and in declaration order, and so misreads circuits whose registers
interleave or share bits; where registers do tile the clbits the two keys
are identical (checked in ``test_stats.py``).
"""

from __future__ import annotations

from collections.abc import Mapping

from qckpt.runtime.restore.histogram_stats import epsilon, tvd  # noqa: F401  (the suite's names)
from qckpt.runtime.restore.histogram_stats import tvd_bound as _tvd_bound

SUITE_DELTA = 1e-6
COMPARISON_BUDGET = 850
DELTA = SUITE_DELTA / COMPARISON_BUDGET
SHOTS = 10_000

# Fixed seeds make every run reproduce the same histograms: a failure can be
# re-run, and δ is the chance that this particular choice of seeds is
# unlucky, not a flicker rate. Aer seeds shot i with (seed + i), so two
# reference runs must use seeds at least SHOTS apart, or they share most of
# their shots and agree far better than independent samples would.
QIR_SEED = 20_251_124
REF_SEED = 1_000_000
REF_SEED_OTHER = 3_000_000


def tvd_bound(k: int, n1: int, n2: int, delta: float = DELTA) -> float:
    """TVD that two samples of one distribution exceed with probability at
    most ``delta`` (each sample gets delta/2)."""
    return _tvd_bound(k, n1, n2, delta)


def _table(ours: Mapping[str, int], ref: Mapping[str, int], limit: int = 40) -> str:
    n_o, n_r = sum(ours.values()) or 1, sum(ref.values()) or 1
    keys = sorted(set(ours) | set(ref), key=lambda x: (-abs(ours.get(x, 0) / n_o - ref.get(x, 0) / n_r), x))
    width = max([len("outcome")] + [len(repr(k)) for k in keys[:limit]])
    lines = [f"  {'outcome':<{width}}  {'ours':>7}  {'ref':>7}  {'ours %':>7}  {'ref %':>7}"]
    for x in keys[:limit]:
        o, r = ours.get(x, 0), ref.get(x, 0)
        lines.append(f"  {x!r:<{width}}  {o:>7}  {r:>7}  {100 * o / n_o:>7.2f}  {100 * r / n_r:>7.2f}")
    if len(keys) > limit:
        lines.append(f"  ... {len(keys) - limit} more outcomes, smaller differences")
    return "\n".join(lines)


def assert_same_distribution(ours: Mapping[str, int], ref: Mapping[str, int], *, delta: float = DELTA) -> None:
    """Fail (AssertionError with a diff table) unless ``ours`` is plausibly a
    sample of the distribution that produced ``ref`` at false-alarm
    probability ``delta``; exact agreement is required when ``ref`` is
    deterministic. See the module docstring for the bound."""
    n_o, n_r = sum(ours.values()), sum(ref.values())
    if n_o == 0 or n_r == 0:
        raise AssertionError(f"empty histogram: ours has {n_o} shots, ref has {n_r}")
    if len(ref) == 1:
        (only,) = ref
        stray = n_o - ours.get(only, 0)
        if stray:
            raise AssertionError(
                f"reference is deterministic ({only!r} in all {n_r} shots) but {stray} of our {n_o} shots "
                f"differ:\n{_table(ours, ref)}"
            )
        return
    k = len(set(ours) | set(ref)) + 1
    d = tvd(ours, ref)
    bound = tvd_bound(k, n_o, n_r, delta)
    if d > bound:
        raise AssertionError(
            f"distributions differ: TVD {d:.4f} > bound {bound:.4f} "
            f"(k={k}, N_ours={n_o}, N_ref={n_r}, delta={delta:g})\n{_table(ours, ref)}"
        )


def assert_matches_exact(ours: Mapping[str, int], probs: Mapping[str, float], *, delta: float = DELTA) -> None:
    """One-sample version against a known exact distribution, for checking
    the harness and the reference themselves: k is the true support, so the
    bound is exact rather than a plug-in."""
    n = sum(ours.values())
    if n == 0:
        raise AssertionError("empty histogram")
    impossible = {x: c for x, c in ours.items() if probs.get(x, 0.0) == 0.0 and c}
    if impossible:
        raise AssertionError(f"outcomes of probability 0 observed: {impossible}")
    support = [x for x, pr in probs.items() if pr > 0]
    l1 = sum(abs(ours.get(x, 0) / n - probs[x]) for x in support)
    bound = 0.5 * epsilon(len(support), n, delta)
    if 0.5 * l1 > bound:
        expected = {x: round(probs[x] * n) for x in support}
        raise AssertionError(
            f"TVD to the exact distribution {0.5 * l1:.4f} > bound {bound:.4f} (k={len(support)}, N={n})\n"
            f"{_table(ours, expected)}"
        )


# --------------------------------------------------------------------------
# Reference side: Aer
# --------------------------------------------------------------------------


def counts_key(bits_by_index: int, cregs, clbit_index) -> str:
    """Qiskit's counts key for one shot: registers in reverse declaration
    order separated by spaces, bit 0 rightmost. ``bits_by_index`` holds clbit
    i (circuit order) in bit i; ``clbit_index`` maps a Clbit to that i."""
    words = []
    for reg in reversed(cregs):
        words.append("".join(str((bits_by_index >> clbit_index(b)) & 1) for b in reversed(list(reg))))
    return " ".join(words)


def reference_counts(circuit, shots: int = SHOTS, seed: int = REF_SEED) -> dict[str, int]:
    """Run ``circuit`` on Aer and return counts keyed like ``RunResult.counts``."""
    from qiskit import transpile
    from qiskit_aer import AerSimulator

    sim = AerSimulator(seed_simulator=seed, enable_truncation=False)
    compiled = transpile(circuit, sim, optimization_level=0, seed_transpiler=0)
    if compiled.num_clbits != circuit.num_clbits:
        raise RuntimeError("transpilation changed the classical bits; the reference would be keyed wrongly")
    result = sim.run(compiled, shots=shots).result()
    if not result.success:
        raise RuntimeError(f"Aer could not run {circuit.name!r}: {result.status}")
    raw = result.data(0).get("counts", {})
    index = {b: i for i, b in enumerate(circuit.clbits)}
    out: dict[str, int] = {}
    for word, c in raw.items():
        key = counts_key(int(word, 16), circuit.cregs, index.__getitem__)
        out[key] = out.get(key, 0) + c
    return out


if __name__ == "__main__":
    print(f"delta per comparison = {DELTA:g}; TVD bound for N1 = N2 = n")
    print("   k " + "".join(f"{n:>9}" for n in (2000, 4000, 10000, 20000)))
    for k in (2, 3, 4, 8, 16, 32, 64):
        print(f"{k:>4} " + "".join(f"{tvd_bound(k, n, n):>9.4f}" for n in (2000, 4000, 10000, 20000)))
