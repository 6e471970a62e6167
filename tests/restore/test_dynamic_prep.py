"""Dynamic GHZ and W preparation (examples/dynamic_prep/) with boundaries on
their measurement branches (``ckpt-insert{policy=branches}``).

Three kinds of check, each sized so that it can fail:

- kill at every boundary: the stitched shots (killed shots resumed from
  their record, and the shots the kill missed) follow the uninterrupted
  distribution, and the exact one theory gives;
- GHZ coherence: the X-basis parity after rz(phi) on each of the 8 qubits
  has mean cos(8 phi); at N shots per phase, by Hoeffding, the estimate
  strays more than t = sqrt(2 ln(2 P / delta) / N) from its mean with
  probability at most delta over all P phases. Without the feed-forward
  fix-ups (negative control) the parity misses the curve by far more;
- W populations: the one-hot strings each at 1/4 and nothing else; W
  coherence: w[0] and w[1] mixed by cx; h never give 11 (the two terms
  cancel); without the phase fix-ups they do, in 1/4 of the shots.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from pathlib import Path

import pyqir
import pytest
import stats

from qckpt import abi
from qckpt.dialects import ckpt
from qckpt.ir import entry_function
from qckpt.pipeline import insert_checkpoints, module_to_qir, qasm_to_module
from qckpt.qir.resume_binding import bind_resume_file, restorable_boundaries
from qckpt.runtime.qir_runner import Shot, run_qir
from qckpt.runtime.restore.checkpoint_log import read_shot
from qckpt.runtime.restore.resume import resume_shots

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "dynamic_prep"
GHZ = (EXAMPLES / "ghz.qasm").read_text()
W = (EXAMPLES / "w_state.qasm").read_text()
SHOTS = 2000
DELTA = 1e-6  # false-alarm probability of each physics check below


def without_fixups(src: str) -> str:
    """The preparation with its feed-forward removed (the negative control)."""
    out = re.sub(r"^if \((parity|m)\[.*$\n", "", src, flags=re.M)
    assert out != src
    return out


def compile_prep(src: str, name: str, params: dict[str, float], tmp: Path, policy: str | None = "branches") -> tuple[Path, list[ckpt.BoundaryOp]]:
    module = qasm_to_module(src, f"{name}.qasm", params=params)
    if policy:
        insert_checkpoints(module, policy)
    boundaries = [b for b in entry_function(module).walk() if isinstance(b, ckpt.BoundaryOp)]
    path = tmp / f"{name}.ll"
    path.write_text(module_to_qir(module, record_mode="streaming", resumable=True))
    return path, boundaries


def fresh_run(path: Path, shots: int, seed: int) -> list[Shot]:
    return run_qir(str(bind_resume_file(path, None)), shots=shots, seed=seed).shots


def key(shot: Shot, *names: str) -> str:
    regs = shot.registers()
    return " ".join("".join(str(b) for b in regs[n]) for n in names)  # bit 0 leftmost


def histogram(shots: list[Shot], *names: str) -> dict[str, int]:
    return dict(Counter(key(s, *names) for s in shots if s.complete))


def cut_after(shot: Shot, boundary: int) -> Shot | None:
    ends = [i for i, r in enumerate(shot.records) if r.label == abi.END_LABEL and int(r.value) == boundary]
    if not ends:
        return None
    return dataclasses.replace(shot, records=shot.records[: ends[-1] + 1], end_code=None)


def ghz_theory() -> dict[str, float]:
    # parity outcomes uniform (each ZZ of two Bell pairs is a fair coin), c GHZ
    return {f"{c} {p:03b}": 1 / 16 for c in ("0" * 8, "1" * 8) for p in range(8)}


def w_theory() -> dict[str, float]:
    return {f"{c} {m:02b}": 1 / 16 for c in ("1000", "0100", "0010", "0001") for m in range(4)}


CASES = {
    "ghz": (GHZ, {"phi": 0.0, "basis": 0}, ("c", "parity"), ghz_theory, 3),
    "w": (W, {"interfere": 0}, ("c", "m"), w_theory, 2),
}


@pytest.mark.comparisons(10)
@pytest.mark.parametrize("name", sorted(CASES))
def test_killed_at_every_branch_resumes_to_the_uninterrupted_distribution(name: str, tmp_path: Path) -> None:
    src, params, regs, theory, n_branches = CASES[name]
    path, boundaries = compile_prep(src, name, params, tmp_path)
    # One boundary right after each measurement that selects the fix-ups,
    # each restorable (its cone post-selects the outcomes so far).
    assert [b.label.data for b in boundaries] == ["branch"] * n_branches
    points = sorted(restorable_boundaries(pyqir.Module.from_ir(pyqir.Context(), path.read_text())))
    assert points == [b.id for b in boundaries]
    ref = fresh_run(path, SHOTS, seed=11)
    stats.assert_matches_exact(histogram(ref, *regs), theory(), delta=DELTA)
    for boundary in points:
        victims = fresh_run(path, SHOTS, seed=100 + boundary)
        cut = [cut_after(s, boundary) for s in victims]
        killed = [c for c in cut if c is not None]
        assert len(killed) == SHOTS  # every shot passes every branch point
        report = resume_shots(path, killed, seed=200 + boundary)
        assert len(report.shots) == SHOTS and all(s.complete for s in report.shots)
        assert report.restarted == 0
        # Each resumed shot keeps its recorded preparation path: the
        # outcomes its cone was post-selected to are the ones it reports.
        for before, after in zip(killed, report.shots):
            recorded = read_shot(before).last(boundary).values
            outcomes = [int(recorded[f"cone:{k}"]) for k in range(boundary + 1)]
            assert after.registers()[regs[1]][: boundary + 1] == outcomes
        stitched = histogram(report.shots, *regs)
        stats.assert_same_distribution(stitched, histogram(ref, *regs))
        stats.assert_matches_exact(stitched, theory(), delta=DELTA)


PHASES = [j * math.pi / 32 for j in range(9)]  # 8 phi from 0 to pi: cos(8 phi) over a full period


def ghz_parities(src: str, tmp: Path, shots: int) -> list[float]:
    out = []
    for j, phi in enumerate(PHASES):
        path, _ = compile_prep(src, f"ghz_{j}", {"phi": phi, "basis": 1}, tmp, policy=None)
        counts = histogram(fresh_run(path, shots, seed=300 + j), "c")
        out.append(sum(n * (-1) ** x.count("1") for x, n in counts.items()) / shots)
    return out


def parity_bound(shots: int) -> float:
    # Hoeffding for a mean of +-1 variables, union over the phases
    return math.sqrt(2 * math.log(2 * len(PHASES) / DELTA) / shots)


def test_ghz_parity_oscillates_as_cos_8phi(tmp_path: Path) -> None:
    t = parity_bound(SHOTS)
    assert t < 0.15  # tight enough that the negative control below must fail
    measured = ghz_parities(GHZ, tmp_path, SHOTS)
    for phi, got in zip(PHASES, measured):
        assert abs(got - math.cos(8 * phi)) <= t, f"phi={phi:.4f}: parity {got:.3f}, theory {math.cos(8 * phi):.3f} (bound {t:.3f})"


def test_ghz_without_feed_forward_misses_the_parity_curve(tmp_path: Path) -> None:
    # Negative control: without the fix-ups each shot is |x> + |not x> for a
    # random pair-flip pattern x, whose parity is cos((8 - 2|x|) phi).
    t = parity_bound(SHOTS)
    measured = ghz_parities(without_fixups(GHZ), tmp_path, SHOTS)
    worst = max(abs(got - math.cos(8 * phi)) for phi, got in zip(PHASES, measured))
    assert worst > 3 * t


def w_interference(src: str, tmp: Path) -> dict[str, int]:
    path, _ = compile_prep(src, "w_mix", {"interfere": 1}, tmp, policy=None)
    return histogram(fresh_run(path, 4 * SHOTS, seed=400), "c")


# After cx w0, w1; h w0 on the W state: 0100 (the w0/w1 terms, interfering
# constructively) with 1/2; w0 in |+> next to the w2 or w3 excitation.
W_MIXED = {"0100": 0.5, "0010": 0.125, "1010": 0.125, "0001": 0.125, "1001": 0.125}


def test_w_state_is_coherent(tmp_path: Path) -> None:
    stats.assert_matches_exact(w_interference(W, tmp_path), W_MIXED, delta=DELTA)


def test_w_without_phase_fixups_is_not(tmp_path: Path) -> None:
    counts = w_interference(without_fixups(W), tmp_path)
    # the populations are unchanged (the fix-ups are Z gates), but the
    # relative phase of the w0/w1 terms is random: 1100 shows up at 1/4
    assert counts.get("1100", 0) > 0.2 * 4 * SHOTS
    with pytest.raises(AssertionError, match="probability 0 observed"):
        stats.assert_matches_exact(counts, W_MIXED, delta=DELTA)


@pytest.mark.comparisons(3)
def test_mqt_bench_ghz_dynamic_killed_at_every_branch(tmp_path: Path) -> None:
    """The external reference: MQT Bench's ghz_dynamic (generated offline
    here, as MQT Bench publishes it), with the same policy and kills."""
    bench = pytest.importorskip("mqt.bench", reason="mqt.bench is in the `test` extra")
    import io

    from mqt.bench.output import OutputFormat, write_circuit

    circuit = bench.get_benchmark("ghz_dynamic", bench.BenchmarkLevel.ALG, 6)
    text = io.StringIO()
    write_circuit(circuit, text, bench.BenchmarkLevel.ALG, OutputFormat.QASM3)
    path, boundaries = compile_prep(text.getvalue(), "ghz_dynamic", {}, tmp_path)
    assert len(boundaries) == 3  # one after each mid-circuit parity measurement
    points = sorted(restorable_boundaries(pyqir.Module.from_ir(pyqir.Context(), path.read_text())))
    assert points == [b.id for b in boundaries]
    regs = ("final_measurement", "mid_measurement")
    ref = histogram(fresh_run(path, SHOTS, seed=21), *regs)
    for boundary in points:
        killed = [c for s in fresh_run(path, SHOTS, seed=500 + boundary) if (c := cut_after(s, boundary)) is not None]
        assert len(killed) == SHOTS
        report = resume_shots(path, killed, seed=600 + boundary)
        assert report.restarted == 0 and all(s.complete for s in report.shots)
        stats.assert_same_distribution(histogram(report.shots, *regs), ref)
