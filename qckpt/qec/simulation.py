"""Simulating a QEC run layer by layer, with noise seeded per round.

This is the simulated device, not the decoder: it stands where hardware
would be. Each layer runs on a fresh ``stim.FlipSimulator`` over all shots
at once, seeded from (run seed, layer index), so the noise of layer ``t``
does not depend on how many layers ran in this process: a run resumed at
round ``k`` sees the same noise in rounds ``k+1...`` as an uninterrupted run.

Between layers the device's state is the Pauli frame of every shot (which
errors the data qubits carry). :class:`SimulatorFrame` holds it. It is a
**test aid**: on hardware the data qubits live on through a restart of the
classical side, and nothing like it exists or is needed; in simulation it is
what lets the qubits "live on" across a killed process. It is saved beside
the decoder state, never mixed into it (``docs/logical.md``).

Measurement results are flips relative to the noiseless reference sample
(stim's frame simulation), which is all detectors and observables need:
every detector is 0, and every observable is fixed, without noise.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from dataclasses import dataclass

import numpy as np

from qckpt.diagnostics import QckptError
from qckpt.qec.rounds import Layer
from qckpt.stim.noise import NoiseModel

AID_FORMAT = "qckpt-simulation-aid"


def round_seed(run_seed: int, layer: int) -> int:
    """The seed of layer ``layer``'s noise: the runtime's seed derivation
    (``qckpt.runtime.execution.ledger.derive_seed``) with its own domain."""
    digest = hashlib.sha256(f"qckpt-seed-v1:{run_seed}:logical-round:{layer}".encode()).digest()
    return int.from_bytes(digest[:8], "little")


@dataclass
class SimulatorFrame:
    """The simulated data qubits between two layers (a test aid, see above)."""

    layer: int  # layers simulated so far
    xs: np.ndarray  # bool, (qubits, shots): X component of each shot's Pauli frame
    zs: np.ndarray  # bool, (qubits, shots)

    @classmethod
    def fresh(cls, num_qubits: int, shots: int) -> SimulatorFrame:
        z = np.zeros((num_qubits, shots), dtype=bool)
        return cls(0, z, z.copy())

    def to_bytes(self) -> bytes:
        """A JSON head line, then xs and zs bit-packed along the shots (version 2; version 1, without
        ``version`` in its head, held them in an ``np.savez`` body, which cost several times the packing)."""
        body = np.packbits(self.xs, axis=1).tobytes() + np.packbits(self.zs, axis=1).tobytes()
        head = json.dumps({"format": AID_FORMAT, "version": 2, "layer": self.layer, "shape": list(self.xs.shape), "test_aid": True}).encode()
        return head + b"\n" + body

    @classmethod
    def from_bytes(cls, data: bytes) -> SimulatorFrame:
        try:
            head, _, body = data.partition(b"\n")
            meta = json.loads(head)
            if meta.get("format") != AID_FORMAT:
                raise ValueError("not a simulation aid")
            q, n = meta["shape"]
            if meta.get("version", 1) == 1:
                arrays = np.load(io.BytesIO(body))
                px, pz = arrays["xs"], arrays["zs"]
            else:
                row = (n + 7) // 8
                if len(body) != 2 * q * row:
                    raise ValueError(f"{len(body)} bytes, not {2 * q * row}")
                px = np.frombuffer(body, dtype=np.uint8, count=q * row).reshape(q, row)
                pz = np.frombuffer(body, dtype=np.uint8, offset=q * row).reshape(q, row)
            xs = np.unpackbits(px, axis=1, count=n).astype(bool)
            zs = np.unpackbits(pz, axis=1, count=n).astype(bool)
            if xs.shape != (q, n) or zs.shape != (q, n):
                raise ValueError("shape mismatch")
            return cls(int(meta["layer"]), xs, zs)
        except (ValueError, KeyError, TypeError, OSError) as e:
            raise QckptError(f"simulation aid: unreadable ({e})") from None


@functools.lru_cache(maxsize=16)
def _noisy(circuit: str, noise: NoiseModel | None):
    """A layer's circuit with the noise channels in (a run has a few distinct layers; built once each)."""
    import stim

    c = stim.Circuit(circuit)
    return noise.apply(c) if noise is not None else c


def simulate_layer(layer: Layer, frame: SimulatorFrame, noise: NoiseModel | None, run_seed: int) -> tuple[np.ndarray, SimulatorFrame]:
    """Run one layer on every shot: its measurement flips (bool,
    ``(measurements, shots)``) and the frame after it."""
    import stim

    qubits, shots = frame.xs.shape
    sim = stim.FlipSimulator(batch_size=shots, disable_stabilizer_randomization=True, num_qubits=qubits, seed=round_seed(run_seed, frame.layer))
    if frame.xs.any():
        sim.broadcast_pauli_errors(pauli="X", mask=frame.xs)
    if frame.zs.any():
        sim.broadcast_pauli_errors(pauli="Z", mask=frame.zs)
    sim.do(_noisy(layer.circuit, noise))
    flips = sim.get_measurement_flips()
    xs, zs = sim.to_numpy(output_xs=True, output_zs=True)[:2]
    return flips, SimulatorFrame(frame.layer + 1, xs[:qubits], zs[:qubits])


def parities(offsets: tuple[tuple[int, ...], ...], previous: np.ndarray, current: np.ndarray) -> np.ndarray:
    """Each check's value per shot (bool, ``(checks, shots)``), from offsets
    into [previous layer's measurements, this layer's]."""
    record = np.concatenate([previous, current], axis=0)
    out = np.zeros((len(offsets), current.shape[1] if current.size else previous.shape[1]), dtype=bool)
    n = record.shape[0]
    for i, refs in enumerate(offsets):
        for r in refs:
            out[i] ^= record[n + r]
    return out


__all__ = ["SimulatorFrame", "parities", "round_seed", "simulate_layer"]
