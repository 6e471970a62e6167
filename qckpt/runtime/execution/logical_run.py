"""A QEC run with logical checkpoints: simulate, decode, commit at round ends.

``qckpt run PROG --backend stim --store DIR --noise P`` on a program with
recognised rounds (``qec-recognize-rounds``) and detectors runs here. The
shots advance together, one layer (round) at a time: the simulated device
produces the layer's measurements, the detectors are computed, the window
decoder takes them, and the round end (a ``logical`` boundary) is offered
to the committer (:mod:`~qckpt.runtime.execution.logical_commits`: every
window end goes to the window journal; a dataset is written of the round
ends its background writer can take, and always of the one a stop or the
end of the run comes at), a dataset holding

- ``decoder``: the :class:`~qckpt.qec.decoder.DecoderState` (the logical
  checkpoint proper: frame, open window, last round's raw syndrome, layer
  counter, error-model fingerprint, configuration);
- ``simulation-aid``: the simulated data qubits' Pauli frames
  (:class:`~qckpt.qec.simulation.SimulatorFrame`), a test aid that stands in
  for qubits that on hardware would live on;
- ``program`` and ``run.json``: what runs and how (shots, seed, window), so
  every dataset describes its run and ``qckpt resume DIR`` needs nothing else.

The store's fingerprint covers the program (its circuit and noise model),
the shots, the seed and the decoder configuration, so a store made for
another distance or noise is refused. A restart takes the newest intact
dataset (a corrupt one is passed over, and the run goes on from the round
before), then the newest intact window end journaled after it; the decoder is rebuilt from the program, checked against the
state's fingerprint, and continues with the next round. The logical
outcomes and corrections are bit-identical to an uninterrupted run's.
"""

from __future__ import annotations

import hashlib
import json
import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from qckpt.diagnostics import QckptError
from qckpt.qec.decoder import DecoderConfig, DecoderState, WindowDecoder
from qckpt.qec.rounds import RoundProgram, cut_rounds
from qckpt.qec.simulation import SimulatorFrame, parities, simulate_layer
from qckpt.runtime.execution.logical_commits import AID, DECODER, OUTCOMES, PROGRAM, RUN, LogicalCommitter, windows_after
from qckpt.runtime.store import CheckpointStore
from qckpt.stim.program import StimProgram

RUN_FORMAT = "qckpt-logical-run"


@dataclass(frozen=True)
class LogicalRun:
    """What a logical run is: its program (with noise), shots, seed, decoder."""

    program: StimProgram
    shots: int
    seed: int
    config: DecoderConfig

    def fingerprint(self) -> str:
        doc = {"format": RUN_FORMAT, "program": hashlib.sha256(self.program.to_bytes()).hexdigest(), "shots": self.shots, "seed": self.seed}
        doc["window"], doc["commit"] = self.config.window, self.config.commit
        return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()

    def run_json(self) -> bytes:
        return json.dumps({"format": RUN_FORMAT, "shots": self.shots, "seed": self.seed, "window": self.config.window, "commit": self.config.commit}).encode()


@dataclass
class LogicalResult:
    shots: int
    rounds: int  # layers: syndrome rounds and the final readout
    errors: int  # shots whose corrected logical outcome is wrong (any observable)
    outcomes: np.ndarray  # bool (observables, shots): the measured observables' flips
    corrections: np.ndarray  # bool (observables, shots): the decoder's committed corrections
    resumed_at: int | None  # the layer a restart continued from, if any
    skipped: list[tuple[int, str]]  # datasets passed over on restart, and why
    stopped_at: int | None = None  # the round a stop signal ended this process at (the run is not finished)
    commits: int = 0  # logical checkpoints this process wrote as datasets
    snapshots: int = 0  # round ends copied for the background writer (each costs the run a copy)
    windows: int = 0  # window ends this process committed (to the window journal, or as a dataset)

    @property
    def rate(self) -> float:
        return self.errors / self.shots

    def interval(self, z: float = 1.96) -> tuple[float, float]:
        """Wilson score interval for the logical error rate (95% by default)."""
        n, p = self.shots, self.rate
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return max(0.0, centre - half), min(1.0, centre + half)

    def digest(self, what: str) -> str:
        a = self.outcomes if what == "outcomes" else self.corrections
        return hashlib.sha256(np.packbits(a, axis=1).tobytes()).hexdigest()


def is_qec_program(program: StimProgram) -> bool:
    """Whether ``program`` has logical boundaries (recognised rounds) to decode at."""
    from qckpt.stim.lower import LOGICAL_TAG

    return f"TICK[{LOGICAL_TAG}" in program.circuit


def parse_window(text: str) -> DecoderConfig:
    """``--decoder-window W[/C]``: C defaults to half of W."""
    w, _, c = text.partition("/")
    try:
        config = DecoderConfig(int(w), int(c) if c else max(1, int(w) // 2))
    except ValueError:
        raise QckptError(f"--decoder-window: {text!r} is not W or W/C (rounds, e.g. 10/5)") from None
    config.check()
    return config


def is_logical_store(path: str) -> bool:
    """Whether ``path`` holds a logical run (so ``qckpt resume`` continues it here)."""
    try:
        with CheckpointStore.open(path, readonly=True) as store:
            info = store.have_restart()
            return info is not None and any(o.name == RUN for o in info.objects)
    except QckptError:
        return False


def _load(store_path: str) -> LogicalRun:
    with CheckpointStore.open(store_path, readonly=True) as store:
        reader = store.start_restart()
        run = json.loads(reader.read(RUN))
        program = StimProgram.from_bytes(zlib.decompress(reader.read(PROGRAM)), store_path)
    if run.get("format") != RUN_FORMAT:
        raise QckptError(f"{store_path}: not a logical run")
    return LogicalRun(program, int(run["shots"]), int(run["seed"]), DecoderConfig(int(run["window"]), int(run["commit"])))


def resume_logical(store_path: str, progress: Callable[[int, int], None] | None = None, stop: Callable[[], bool] | None = None, interval: float = 0.0) -> LogicalResult:
    """Continue the logical run in ``store_path`` (``qckpt resume DIR``)."""
    return run_logical(store_path, _load(store_path), progress, stop, interval=interval)


def run_logical(
    store_path: str | None,
    run: LogicalRun,
    progress: Callable[[int, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
    every: int = 1,
    background: bool = True,
    interval: float = 0.0,
) -> LogicalResult:
    """Run (or continue) ``run``; with ``store_path`` None, without checkpoints.
    ``stop()`` true after a commit (a preemption signal came) ends this
    process's part at that logical boundary. ``every``: commit at every
    ``every``-th round end (and always the final one); ``background``: from
    a background writer that keeps the newest round end
    (:mod:`~qckpt.runtime.execution.logical_commits`), else in line;
    ``interval``: the background writer's least time between datasets
    (window ends are journaled whatever it is)."""
    if run.shots < 1:
        raise QckptError(f"--shots must be at least 1, got {run.shots}")
    rounds = cut_rounds(run.program.circuit, run.program.num_qubits, "program")
    decoder = WindowDecoder(rounds, run.program.noise, run.config, run.shots)
    frame = SimulatorFrame.fresh(rounds.num_qubits, run.shots)
    store = CheckpointStore.open(store_path, fingerprint=run.fingerprint()) if store_path else None
    resumed_at, skipped, commits, snapshots, windows = None, [], 0, 0, 0
    try:
        outcomes = np.zeros((rounds.num_observables, run.shots), dtype=bool)
        if store is not None and store.have_restart():
            reader = store.start_restart()
            skipped = list(reader.skipped)
            decoder.restore(DecoderState.from_bytes(reader.read(DECODER)))
            frame = restore_simulation(reader.read(AID), decoder.state.layer)
            if OUTCOMES in reader.objects():
                outcomes = np.unpackbits(np.frombuffer(reader.read(OUTCOMES), dtype=np.uint8).reshape(rounds.num_observables, -1), axis=1, count=run.shots).astype(bool)
            frame = _newer_window(store, reader.id, decoder, frame, skipped, rounds, run)
            resumed_at = decoder.state.layer
        committer = LogicalCommitter(store, zlib.compress(run.program.to_bytes()), run.run_json(), background, interval) if store is not None else None
        try:
            while decoder.state.layer < rounds.num_layers:
                t = decoder.state.layer
                layer = rounds.layer(t)
                measurements, frame = simulate_layer(layer, frame, run.program.noise, run.seed)
                previous = decoder.state.last_measurements if t else np.zeros((0, run.shots), dtype=bool)
                detectors = parities(layer.detectors, previous, measurements)
                final = t == rounds.num_layers - 1
                if final:
                    for k, offsets in layer.observables:
                        outcomes[k] ^= parities((offsets,), previous, measurements)[0]
                start = decoder.state.start
                decoder.push(detectors, measurements)
                boundary = decoder.state.layer % every == 0
                window_end = decoder.state.start != start and not final  # the decoder committed a region
                if committer is not None and (boundary or final or window_end):
                    committer.offer(decoder.state, frame, outcomes if final else None, window_end)
                if progress is not None:
                    progress(decoder.state.layer, rounds.num_layers)
                if committer is not None and boundary and not final and stop is not None and stop():
                    committer.flush()
                    return LogicalResult(
                        run.shots,
                        rounds.num_layers,
                        0,
                        outcomes,
                        decoder.state.frame.copy(),
                        resumed_at,
                        skipped,
                        committer.committed[-1],
                        len(committer.committed),
                        committer.snapshots,
                        len(committer.windows),
                    )
            if committer is not None:
                committer.flush()
                commits, snapshots, windows = len(committer.committed), committer.snapshots, len(committer.windows)
        finally:
            if committer is not None:
                committer.close()
    finally:
        if store is not None:
            store.close()
    wrong = (outcomes ^ decoder.state.frame).any(axis=0)
    return LogicalResult(run.shots, rounds.num_layers, int(wrong.sum()), outcomes, decoder.state.frame.copy(), resumed_at, skipped, None, commits, snapshots, windows)


def _newer_window(store: CheckpointStore, dataset: int, decoder: WindowDecoder, frame: SimulatorFrame, skipped: list, rounds: RoundProgram, run: LogicalRun) -> SimulatorFrame:
    """Move the restored decoder on to the newest intact window end journaled
    after ``dataset`` (``logical_commits``), if any; one that does not read
    back is passed over for the one before it. The simulated qubits at that
    window end: its aid, if the frame holds one (stores written before frames
    left it out), else ``frame`` (the dataset's) simulated on to its round."""
    for layer, state_bytes, aid in windows_after(store.path, dataset, decoder.state.layer):
        try:
            state = DecoderState.from_bytes(state_bytes)
            newer = restore_simulation(aid, state.layer) if aid else None
            decoder.restore(state)
        except QckptError as e:
            skipped.append((dataset, f"window end {layer} of its journal: {e}"))
            continue
        return newer if newer is not None else resimulate(rounds, frame, state.layer, run)
    return frame


def resimulate(rounds: RoundProgram, frame: SimulatorFrame, layer: int, run: LogicalRun) -> SimulatorFrame:
    """The simulated qubits of ``frame`` run on to layer ``layer``: the same
    qubits an uninterrupted run has there, since each layer's noise is seeded
    by (run seed, layer) alone (a test aid, as the frame is)."""
    while frame.layer < layer:
        _, frame = simulate_layer(rounds.layer(frame.layer), frame, run.program.noise, run.seed)
    return frame


def restore_simulation(aid: bytes, layer: int) -> SimulatorFrame:
    """The simulated qubits at the boundary (a test aid, apart from the decoder's restore)."""
    frame = SimulatorFrame.from_bytes(aid)
    if frame.layer != layer:
        raise QckptError(f"simulation aid: it is of round {frame.layer}, the decoder state of round {layer}")
    return frame


__all__ = ["LogicalResult", "LogicalRun", "is_logical_store", "is_qec_program", "parse_window", "resume_logical", "run_logical"]
