"""Logical checkpoints: decoder state committed at every round end, restored
bit for bit (qckpt.runtime.execution.logical_run, qckpt.qec)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from qckpt.diagnostics import QckptError
from qckpt.passes.recognize_rounds import recognize_rounds
from qckpt.pipeline import module_to_stim
from qckpt.qec.decoder import DecoderConfig, DecoderState
from qckpt.runtime.execution.logical_run import DECODER, LogicalRun, run_logical
from qckpt.runtime.store import CheckpointStore
from qckpt.stim.importer import generated
from qckpt.stim.noise import parse_noise
from qckpt.testing.logical_kills import kill_until_done

REPO = Path(__file__).resolve().parents[2]


def qec_run(task: str, d: int, rounds: int, noise: str | None, shots: int = 200, seed: int = 3, window: tuple[int, int] = (6, 3)) -> LogicalRun:
    module = generated(task, d, rounds)
    recognize_rounds(module)
    return LogicalRun(module_to_stim(module).with_noise(parse_noise(noise)), shots, seed, DecoderConfig(*window))


def stop_after(n: int):
    seen = {"k": 0}

    def stop() -> bool:
        seen["k"] += 1
        return seen["k"] >= n

    return stop


@pytest.mark.parametrize(
    "task,d,rounds,noise", [("repetition_code:memory", 3, 25, "0.03"), ("repetition_code:memory", 7, 20, "0.02"), ("surface_code:rotated_memory_z", 3, 15, "0.006")]
)
def test_stopped_and_restored_runs_are_bit_identical(tmp_path, task, d, rounds, noise):
    run = qec_run(task, d, rounds, noise)
    whole = run_logical(None, run)
    assert whole.errors > 0  # noisy enough that corrections matter
    assert whole.corrections.any()
    for k in (1, 4, rounds - 2):
        store = str(tmp_path / f"s{k}")
        first = run_logical(store, run, stop=stop_after(k))
        assert first.stopped_at == k
        rest = run_logical(store, run)
        assert rest.resumed_at == k
        assert np.array_equal(rest.outcomes, whole.outcomes)
        assert np.array_equal(rest.corrections, whole.corrections)
        assert rest.errors == whole.errors


def test_noiseless_memory_needs_no_correction():
    res = run_logical(None, qec_run("surface_code:rotated_memory_z", 5, 6, None))
    assert res.errors == 0 and not res.outcomes.any() and not res.corrections.any()


def test_window_decoding_matches_decoding_the_whole_history():
    """The sliding window loses (almost) nothing against one matching over
    every round: same detection events, decoded both ways."""
    import pymatching

    from qckpt.qec.decoder import WindowDecoder
    from qckpt.qec.rounds import cut_rounds
    from qckpt.qec.simulation import SimulatorFrame, parities, simulate_layer

    run = qec_run("repetition_code:memory", 5, 40, "0.03", shots=2000, window=(10, 5))
    rounds = cut_rounds(run.program.circuit, run.program.num_qubits)
    decoder = WindowDecoder(rounds, run.program.noise, run.config, run.shots)
    frame = SimulatorFrame.fresh(rounds.num_qubits, run.shots)
    previous, events = np.zeros((0, run.shots), bool), []
    for t in range(rounds.num_layers):
        layer = rounds.layer(t)
        ms, frame = simulate_layer(layer, frame, run.program.noise, run.seed)
        events.append(parities(layer.detectors, previous, ms))
        decoder.push(events[-1], ms)
        previous = ms
    observed = parities(tuple(o for _, o in rounds.layer(rounds.num_layers - 1).observables), np.zeros((0, run.shots), bool), previous)
    whole = pymatching.Matching.from_detector_error_model(run.program.stim_circuit().detector_error_model(decompose_errors=True))
    global_wrong = (whole.decode_batch(np.concatenate(events).T).T != observed).any(axis=0)
    window_wrong = (decoder.state.frame != observed).any(axis=0)
    assert global_wrong.sum() > 20
    # The two decoders disagree on few shots, and the window is not worse by more than that noise.
    assert (global_wrong != window_wrong).mean() < 0.02
    assert window_wrong.sum() <= global_wrong.sum() * 1.1 + 5


def test_checkpoint_holds_the_window_not_the_history(tmp_path):
    run = qec_run("repetition_code:memory", 5, 60, "0.02")
    store = str(tmp_path / "s")
    sizes = {}
    for k in (12, 48):
        run_logical(store, run, stop=stop_after(k) if k == 12 else stop_after(k - 12))
        with CheckpointStore.open(store, readonly=True) as s:
            sizes[k] = len(s.start_restart().read(DECODER))
    # The window and the frame are the same size at round 12 and round 48.
    assert abs(sizes[48] - sizes[12]) < 64, sizes


def test_every_window_end_is_committed_and_datasets_only_when_due(tmp_path):
    """With a sync interval longer than the run, the writer makes a dataset of
    the first window end and, at a stop, of the round it stops at; every
    window end between them goes to the window journal. The stop commits
    exactly that round, and the run resumed from it is bit-identical."""
    run = qec_run("repetition_code:memory", 3, 60, "0.03")
    whole = run_logical(None, run)
    store = str(tmp_path / "s")
    first = run_logical(store, run, stop=stop_after(40), interval=3600.0)
    assert first.stopped_at == 40
    assert (first.commits, first.windows) == (2, len(range(6, 40, 3)))  # window 6/3: window ends at rounds 6, 9, ... 39
    assert [d.name for d in _datasets(store)] == ["round-6", "round-40"]
    rest = run_logical(store, run, interval=3600.0)
    assert rest.resumed_at == 40
    assert rest.commits == 2  # round 42 (its first window end) and the final result
    assert np.array_equal(rest.outcomes, whole.outcomes) and np.array_equal(rest.corrections, whole.corrections)


def _datasets(store: str) -> list:
    with CheckpointStore.open(store, readonly=True) as s:
        return [d for d in s.datasets() if d.valid]


def test_corrupt_decoder_state_resumes_from_the_boundary_before(tmp_path):
    run = qec_run("repetition_code:memory", 3, 20, "0.03")
    whole = run_logical(None, run)
    store = str(tmp_path / "s")
    run_logical(store, run, stop=stop_after(9), background=False)  # every round end on disk: the one before is there
    newest = max(_datasets(store), key=lambda d: d.id)
    assert newest.name == "round-9"
    victim = next(p for p in Path(store).rglob(DECODER) if p.parent.name.endswith(f"{newest.id:06d}") or str(newest.id) in p.parent.name)
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    rest = run_logical(store, run)
    assert rest.resumed_at == 8
    assert [i for i, _ in rest.skipped] == [newest.id]
    assert np.array_equal(rest.outcomes, whole.outcomes) and np.array_equal(rest.corrections, whole.corrections)


def test_decoder_state_head_is_sorted_json_of_its_fields():
    """The head is written without json (it is on every window end's path); it
    must still be what json.dumps(sort_keys=True) gives, for any shapes, a
    non-contiguous window and a fingerprint that needs escaping."""
    import hashlib
    import json

    rng = np.random.default_rng(5)
    for shots in (1, 8, 9, 200):
        for rows in (0, 3, 40):
            window = (rng.random((rows + 4, shots)) < 0.5)[2 : rows + 2]
            state = DecoderState(7, 4, rng.random((2, shots)) < 0.5, np.asfortranarray(window), rng.random((5, shots)) < 0.5, 'f"p\\1', DecoderConfig(9, 4))
            head_text, _, body = state.to_bytes().partition(b"\n")
            arrays = {"frame": state.frame, "window": window, "last": state.last_measurements}
            assert body == b"".join(np.packbits(v, axis=1).tobytes() for v in arrays.values())
            fields = {
                "format": "qckpt-decoder-state", "version": 2, "layer": 7, "start": 4, "fingerprint": 'f"p\\1',
                "config": {"window": 9, "commit": 4}, "shapes": {k: list(v.shape) for k, v in arrays.items()}, "sha256": hashlib.sha256(body).hexdigest(),
            }
            assert head_text == json.dumps(fields, sort_keys=True).encode()
            back = DecoderState.from_bytes(state.to_bytes())
            assert np.array_equal(back.window, window) and np.array_equal(back.frame, state.frame)


def test_decoder_state_detects_its_own_corruption():
    run = qec_run("repetition_code:memory", 3, 10, "0.03")
    from qckpt.qec.decoder import WindowDecoder
    from qckpt.qec.rounds import cut_rounds

    decoder = WindowDecoder(cut_rounds(run.program.circuit, run.program.num_qubits), run.program.noise, run.config, run.shots)
    blob = bytearray(decoder.state.to_bytes())
    blob[-3] ^= 1
    with pytest.raises(QckptError, match="decoder state: corrupt"):
        DecoderState.from_bytes(bytes(blob))
    other = WindowDecoder(cut_rounds(run.program.circuit, run.program.num_qubits), parse_noise("0.02"), run.config, run.shots)
    with pytest.raises(QckptError, match="fingerprint differs"):
        other.restore(decoder.state)


@pytest.mark.parametrize("change", ["distance", "noise"])
def test_a_store_of_another_distance_or_noise_is_refused(tmp_path, change):
    store = str(tmp_path / "s")
    run_logical(store, qec_run("repetition_code:memory", 3, 10, "0.03"), stop=stop_after(4))
    before = [(d.id, d.name) for d in _datasets(store)]
    other = qec_run("repetition_code:memory", 5 if change == "distance" else 3, 10, "0.03" if change == "distance" else "0.01")
    with pytest.raises(QckptError, match="another program"):
        run_logical(store, other)
    assert [(d.id, d.name) for d in _datasets(store)] == before


def _cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qckpt.cli", *args], capture_output=True, text=True, cwd=REPO, check=check)


def test_cli_prints_the_logical_error_rate_with_its_interval(tmp_path):
    out = _cli("run", "examples/qec/repetition_d3.mlir", "--backend", "stim", "--noise", "0.03", "--shots", "500", "--store", str(tmp_path / "s"))
    assert out.stdout.startswith("logical error rate: ")
    assert "(95% CI " in out.stdout and "of 500 shots wrong after decoding, 9 rounds and the final readout" in out.stdout
    again = _cli("resume", str(tmp_path / "s"))
    assert again.stdout == out.stdout
    seen = _cli("inspect", str(tmp_path / "s")).stdout.splitlines()
    assert seen[1].startswith("logical run (QEC, docs/logical.md): 500 shots, seed 0, decoder window 10/5; 10 layers done")
    assert "status complete" in seen[1]
    bad = _cli("run", "examples/qec/repetition_d3.mlir", "--backend", "stim", "--decoder-window", "4/9", check=False)
    assert bad.returncode == 1 and bad.stderr.strip().splitlines() == ["error: decoder window: commit 9 must be between 1 and the window (4)"]


def test_kill_9_at_random_rounds_then_resume_is_bit_identical(tmp_path):
    """At least 20 SIGKILLs of `qckpt run --store` at random committed rounds,
    over three small codes; each run, resumed by the same command, ends with
    the uninterrupted run's outcomes and corrections (their sha256)."""
    rng = random.Random(16)
    total = 0
    for i, (task, d, rounds, noise, kills) in enumerate(
        # 2000 shots make a round take 10-30 ms, so a run outlasts the kills planned for it.
        [("repetition_code:memory", 3, 250, "0.03", 8), ("repetition_code:memory", 5, 200, "0.02", 6), ("surface_code:rotated_memory_z", 3, 150, "0.006", 6)]
    ):
        module = generated(task, d, rounds)
        path = tmp_path / f"p{i}.mlir"
        path.write_text(str(module))
        expected = run_logical(None, qec_run(task, d, rounds, noise, shots=2000, seed=9, window=(10, 5)))
        store = str(tmp_path / f"s{i}")
        cmd = [sys.executable, "-m", "qckpt.cli", "run", str(path), "--backend", "stim", "--noise", noise, "--shots", "2000", "--seed", "9", "--store", store, "--sync-interval", "0", "--json"]
        report = kill_until_done(cmd, store, rounds + 1, kills, rng)
        assert report.final["outcomes_sha256"] == expected.digest("outcomes")
        assert report.final["corrections_sha256"] == expected.digest("corrections")
        assert report.final["logical_errors"] == expected.errors
        assert report.kills == kills, report.kill_rounds
        total += report.kills
    assert total >= 20


def test_examples_are_generated_from_stims_circuits():
    """examples/qec/ is what examples/qec/generate.py writes today."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate", REPO / "examples/qec/generate.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)  # type: ignore[union-attr]
    for stem, task, distances in gen.SIZES:
        for d in (distances[0], distances[-1]):
            text = (REPO / f"examples/qec/{stem}_d{d}.mlir").read_text()
            assert text.split("\n", 1)[1] == str(generated(task, d, 3 * d)) + "\n"
    assert os.path.exists(REPO / "examples/qec/repetition_d25.mlir") and os.path.exists(REPO / "examples/qec/surface_d11.mlir")
