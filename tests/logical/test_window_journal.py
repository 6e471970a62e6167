"""Every window end committed to the window journal (qckpt.runtime.execution.logical_commits):
a run that dies between datasets resumes from its newest intact window end, bit for bit."""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path

import numpy as np
import pytest

from qckpt.passes.recognize_rounds import recognize_rounds
from qckpt.pipeline import module_to_stim
from qckpt.qec.decoder import DecoderConfig, DecoderState
from qckpt.qec.simulation import SimulatorFrame
from qckpt.runtime.execution.logical_commits import segment_path
from qckpt.runtime.execution.logical_run import LogicalRun, run_logical
from qckpt.runtime.store import CheckpointStore
from qckpt.stim.importer import generated
from qckpt.stim.noise import parse_noise

ROUNDS, DIES_AT = 40, 23  # window 6/3: window ends at layers 6, 9, 12, ... 21


def qec_run(task: str, d: int, rounds: int, noise: str) -> LogicalRun:
    module = generated(task, d, rounds)
    recognize_rounds(module)
    return LogicalRun(module_to_stim(module).with_noise(parse_noise(noise)), 200, 3, DecoderConfig(6, 3))


class Died(Exception):
    """Stands for a kill: the run stops at once, nothing is flushed."""


def die_at(k: int):
    def progress(t: int, n: int) -> None:
        if t == k:
            raise Died

    return progress


def died_run(tmp_path: Path):
    """A run whose only dataset is its first window end (the interval is longer
    than the run), that dies at round DIES_AT: what it has is the journal."""
    run = qec_run("repetition_code:memory", 5, ROUNDS, "0.03")
    store = str(tmp_path / "s")
    with pytest.raises(Died):
        run_logical(store, run, progress=die_at(DIES_AT), interval=3600.0)
    with CheckpointStore.open(store, readonly=True) as s:
        (only,) = [d for d in s.datasets() if d.valid]
    assert only.name == "round-6"
    return run, store, segment_path(store, only.id)


def test_every_window_end_is_journaled_and_the_run_resumes_from_the_newest(tmp_path):
    run, store, segment = died_run(tmp_path)
    whole = run_logical(None, run)
    assert os.path.getsize(segment) > 0
    rest = run_logical(store, run, interval=3600.0)
    assert rest.resumed_at == 21  # the last window end before the death, not the dataset at round 6
    assert np.array_equal(rest.outcomes, whole.outcomes) and np.array_equal(rest.corrections, whole.corrections)
    # Datasets at its first window end (24) and the final one; every window end committed.
    assert (rest.commits, rest.windows) == (2, len(range(24, whole.rounds - 1, 3)))


@pytest.mark.parametrize("damage", ["torn", "flipped"])
def test_a_torn_or_corrupt_last_window_end_falls_back_to_the_one_before(tmp_path, damage):
    run, store, segment = died_run(tmp_path)
    data = bytearray(Path(segment).read_bytes())
    # The last frame is a window end's decoder state and aid; damage its middle, or cut it short.
    cut = len(data) - 40
    if damage == "torn":
        data = data[:cut]
    else:
        data[cut] ^= 0xFF
    Path(segment).write_bytes(bytes(data))
    whole = run_logical(None, run)
    rest = run_logical(store, run)
    assert rest.resumed_at == 18
    assert np.array_equal(rest.outcomes, whole.outcomes) and np.array_equal(rest.corrections, whole.corrections)


def test_segments_of_pruned_datasets_are_removed(tmp_path):
    run = qec_run("repetition_code:memory", 3, 60, "0.03")
    store = str(tmp_path / "s")
    run_logical(store, run, interval=0.0)
    with CheckpointStore.open(store, readonly=True) as s:
        kept = {d.id for d in s.datasets()}
    segments = {int(p.name.split(".")[1]) for p in Path(store).glob("windows.*")}
    assert segments and segments <= kept


def test_version_1_states_and_aids_still_read():
    """Stores written before the raw format (np.savez bodies) still resume."""
    rng = np.random.default_rng(5)
    frame, window, last = rng.random((2, 13)) < 0.5, rng.random((9, 13)) < 0.5, rng.random((4, 13)) < 0.5
    buf = io.BytesIO()
    np.savez(buf, frame=np.packbits(frame, axis=1), window=np.packbits(window, axis=1), last=np.packbits(last, axis=1))
    body = buf.getvalue()
    head = {"format": "qckpt-decoder-state", "version": 1, "layer": 7, "start": 3, "fingerprint": "f" * 64, "config": {"window": 6, "commit": 3},
            "shapes": {"frame": [2, 13], "window": [9, 13], "last": [4, 13]}, "sha256": hashlib.sha256(body).hexdigest()}
    state = DecoderState.from_bytes(json.dumps(head).encode() + b"\n" + body)
    assert (state.layer, state.start) == (7, 3)
    assert np.array_equal(state.frame, frame) and np.array_equal(state.window, window) and np.array_equal(state.last_measurements, last)
    xs, zs = rng.random((5, 13)) < 0.5, rng.random((5, 13)) < 0.5
    buf = io.BytesIO()
    np.savez(buf, xs=np.packbits(xs, axis=1), zs=np.packbits(zs, axis=1))
    aid = SimulatorFrame.from_bytes(json.dumps({"format": "qckpt-simulation-aid", "layer": 7, "shape": [5, 13], "test_aid": True}).encode() + b"\n" + buf.getvalue())
    assert aid.layer == 7 and np.array_equal(aid.xs, xs) and np.array_equal(aid.zs, zs)


def test_a_failing_writer_stops_the_run_with_its_message(tmp_path, monkeypatch):
    """The writer is a process: its error comes back to the run, which raises it (the CLI prints it)."""
    from qckpt.diagnostics import QckptError
    from qckpt.runtime.execution import logical_commits

    def full(*args, **kwargs):
        raise QckptError("cannot commit dataset 1: No space left on device (ENOSPC)")

    monkeypatch.setattr(logical_commits, "commit_bytes", full)  # the writer is forked after this: it has it too
    with pytest.raises(QckptError, match="No space left on device"):
        run_logical(str(tmp_path / "s"), qec_run("repetition_code:memory", 3, 30, "0.03"))


def _frame(layer: int) -> bytes:
    """A window frame's payload as split_frame reads it, with a stand-in state."""
    state = f"state of {layer}".encode()
    return json.dumps({"format": "qckpt-logical-window", "layer": layer, "decoder": len(state)}).encode() + b"\n" + state


def test_window_ends_are_read_from_the_datasets_segment_and_the_one_before(tmp_path):
    """While the writer commits dataset N the run goes on journaling in the
    segment before; a restore from N must see those window ends too (N's own
    segment may still be empty), and nothing older than that segment."""
    from qckpt.runtime.execution.logical_commits import windows_after
    from qckpt.runtime.store.journal import Journal

    store = str(tmp_path)
    for k, layers in ((1, [40]), (3, [15, 22, 25]), (5, [30])):
        with Journal.open(segment_path(store, k), sync_interval=None) as j:
            for layer in layers:
                j.append(_frame(layer))
    assert [layer for layer, _, _ in windows_after(store, 5, 20)] == [30, 25, 22]
    Path(segment_path(store, 5)).unlink()
    assert [(layer, state, aid) for layer, state, aid in windows_after(store, 5, 20)] == [(25, b"state of 25", b""), (22, b"state of 22", b"")]
    assert [layer for layer, _, _ in windows_after(store, 3, 20)] == [40, 25, 22]  # dataset 3's own and the one before: segment 1


def test_a_journal_frame_that_holds_an_aid_is_restored_from_it(tmp_path, monkeypatch):
    """Stores written before frames left the simulation aid out: a frame with
    one restores the simulated qubits from it, without simulating again."""
    from qckpt.qec.simulation import SimulatorFrame
    from qckpt.runtime.execution import logical_run
    from qckpt.runtime.execution.logical_commits import split_frame
    from qckpt.runtime.store.journal import Journal

    run, store, segment = died_run(tmp_path)
    whole = run_logical(None, run)
    rounds = logical_run.cut_rounds(run.program.circuit, run.program.num_qubits, "program")
    with CheckpointStore.open(store, readonly=True) as s:
        base = SimulatorFrame.from_bytes(s.start_restart().read("simulation-aid"))
    frames = []
    for payload in Journal.replay(segment):
        layer, state, aid = split_frame(bytes(payload))
        assert aid == b""
        head = json.dumps({"format": "qckpt-logical-window", "layer": layer, "decoder": len(state)}).encode()
        frames.append(head + b"\n" + state + logical_run.resimulate(rounds, base, layer, run).to_bytes())
    Path(segment).unlink()
    with Journal.open(segment, sync_interval=None) as j:
        for f in frames:
            j.append(f)

    def refuse(*args):
        raise AssertionError("simulated again though the frame holds the aid")

    monkeypatch.setattr(logical_run, "resimulate", refuse)
    rest = run_logical(store, run, interval=3600.0)
    assert rest.resumed_at == 21
    assert np.array_equal(rest.outcomes, whole.outcomes) and np.array_equal(rest.corrections, whole.corrections)


def test_a_failing_journal_write_stops_the_run_with_a_message(tmp_path, monkeypatch):
    import errno

    from qckpt.diagnostics import QckptError

    def full(fd, buffers):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "writev", full)
    with pytest.raises(QckptError, match="cannot append to the window journal .*No space left on device"):
        run_logical(str(tmp_path / "s"), qec_run("repetition_code:memory", 3, 30, "0.03"), interval=3600.0)
