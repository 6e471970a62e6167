"""The differential corpus through qckpt's ``SamplerV2``: for every program,
the sampler's per-register ``BitArray``s, put back together as Qiskit keys
counts, must be a sample of the distribution Aer gives the circuit, under
the suite's bound (``stats.py``).

The reference is the suite's Aer run (``stats.reference_counts``), not Aer's
``SamplerV2``: on ``interleaved_registers`` (registers that interleave the
circuit's clbits) Aer's sampler reads the registers off the memory word as
if they were contiguous and gives a distribution that differs by TVD 0.74
from Aer's own backend; Qiskit's ``StatevectorSampler`` refuses control flow.
"""

from __future__ import annotations

from collections import Counter

import pytest

import stats
from corpus import PROGRAMS
from stats import QIR_SEED

from qckpt.primitives import SamplerV2


def sampler_counts(result, circuit) -> dict[str, int]:
    """Qiskit counts keys (registers in reverse declaration order, spaces
    between) from a pub result's registers, shot by shot."""
    words = [getattr(result.data, reg.name).get_bitstrings() for reg in circuit.cregs]
    return dict(Counter(" ".join(reversed(shot)) for shot in zip(*words)))


@pytest.mark.comparisons(1)
@pytest.mark.parametrize("prog", PROGRAMS, ids=lambda p: p.name)
def test_sampler_matches_aer(prog, reference) -> None:
    circuit = prog.build()
    result = SamplerV2(seed=QIR_SEED).run([circuit], shots=stats.SHOTS).result()[0]
    assert list(result.data.keys()) == [r.name for r in circuit.cregs]
    for reg in circuit.cregs:
        bits = getattr(result.data, reg.name)
        assert (bits.shape, bits.num_shots, bits.num_bits) == ((), stats.SHOTS, reg.size)
    stats.assert_same_distribution(sampler_counts(result, circuit), reference(prog.name, prog.build))
