"""Young/Daly spacing and the cost model."""

from __future__ import annotations

import pytest

from qckpt.passes.checkpoint_policy import DeviceCosts, daly_interval, nearest_to_multiples


@pytest.mark.parametrize(
    ("mtbf_minutes", "expected_minutes"),
    # Daly (2006), Table 1 / text: delta = 5 min.
    [(24 * 60, 117.0), (6 * 60, 57.0), (15, 9.1)],
)
def test_daly_published_values(mtbf_minutes: float, expected_minutes: float) -> None:
    assert daly_interval(5.0, mtbf_minutes) == pytest.approx(expected_minutes, abs=0.5 if expected_minutes > 10 else 0.05)


def test_daly_large_delta_is_mtbf() -> None:
    assert daly_interval(30.0, 10.0) == 10.0


def test_daly_rejects_nonsense() -> None:
    with pytest.raises(ValueError):
        daly_interval(1.0, 0.0)


def test_nearest_to_multiples() -> None:
    times = [0.9, 2.1, 2.9, 4.2, 6.1, 7.0]
    assert nearest_to_multiples(times, 2.0) == [1, 3, 4]  # nearest to 2, 4, 6


def test_cost_overrides() -> None:
    c = DeviceCosts().with_overrides(gate_2q=1e-6)
    assert c.gate(2) == 1e-6 and c.gate(1) == DeviceCosts().gate_1q
    with pytest.raises(ValueError, match="unknown cost"):
        DeviceCosts().with_overrides(warp_drive=1.0)
