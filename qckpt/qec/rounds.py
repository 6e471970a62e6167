"""A lowered QEC program cut at its logical boundaries into layers.

The stim lowering marks every round end (a ``logical`` ``ckpt.boundary``)
with ``TICK[logical:ID]``. Cut there, a memory experiment is a short list of
*layers* with repeat counts: the first round, the loop's round (``rounds -
1`` times), the final data measurement. A layer is what the runtime
simulates, decodes and checkpoints as one step.

Each layer keeps its detectors and observables as offsets from the end of
the measurement record *at the end of the layer* (``-1`` is the layer's last
measurement). A detector may reach back into the previous layer, not
further: that is what makes the last round's measurements the only raw
syndrome a restored run needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from qckpt.diagnostics import QckptError
from qckpt.stim.lower import LOGICAL_TAG

_CHECKS = ("DETECTOR", "OBSERVABLE_INCLUDE")


@dataclass(frozen=True)
class Layer:
    """One step of a QEC run: a round (or the final readout)."""

    circuit: str  # what is simulated: gates, measurements, resets (no checks, no ticks)
    checks: str  # the same with its DETECTOR / OBSERVABLE_INCLUDE lines: for the error model
    num_measurements: int
    detectors: tuple[tuple[int, ...], ...]  # offsets from the end of the record after this layer
    observables: tuple[tuple[int, tuple[int, ...]], ...]  # (index, offsets)


@dataclass(frozen=True)
class RoundProgram:
    """The layers of a QEC program, run-length encoded: ``(layer, count)``."""

    runs: tuple[tuple[Layer, int], ...]
    num_qubits: int
    num_observables: int

    @property
    def num_layers(self) -> int:
        return sum(c for _, c in self.runs)

    def layer(self, t: int) -> Layer:
        for layer, count in self.runs:
            if t < count:
                return layer
            t -= count
        raise IndexError(t)

    def clipped(self, most: int) -> RoundProgram:
        """The same program with every run at most ``most`` long: a short
        experiment with the same kinds of windows (for the error model)."""
        return RoundProgram(tuple((layer, min(c, most)) for layer, c in self.runs), self.num_qubits, self.num_observables)

    def circuit_with_checks(self) -> str:
        """The whole noiseless circuit with its checks, rounds as REPEAT blocks."""
        parts = []
        for layer, count in self.runs:
            parts.append(layer.checks if count == 1 else f"REPEAT {count} {{\n{layer.checks}\n}}")
        return "\n".join(parts)


def _layer(instructions: list, previous_measurements: int, where: str) -> Layer:
    import stim

    sim = stim.Circuit()
    checks = stim.Circuit()
    dets: list[tuple[int, ...]] = []
    obs: list[tuple[int, tuple[int, ...]]] = []
    seen = 0
    pending: list[tuple[str, list[int], float | None]] = []
    for inst in instructions:
        if inst.name in _CHECKS:
            refs = [seen + t.value for t in inst.targets_copy()]  # index from this layer's start; negative: earlier layers
            if min(refs, default=0) < -previous_measurements:
                raise QckptError(f"{where}: a detector or observable reaches back past the previous round (a logical checkpoint keeps one round of raw syndrome)")
            arg = inst.gate_args_copy()[0] if inst.name == "OBSERVABLE_INCLUDE" else None
            pending.append((inst.name, refs, arg))
            checks.append(inst)
            continue
        if inst.name == "TICK":
            continue
        sim.append(inst)
        checks.append(inst)
        seen += inst.num_measurements
    for name, refs, arg in pending:
        offsets = tuple(r - seen for r in refs)
        if name == "DETECTOR":
            dets.append(offsets)
        else:
            obs.append((int(arg), offsets))  # type: ignore[arg-type]
    return Layer(str(sim), str(checks), seen, tuple(dets), tuple(obs))


def cut_rounds(circuit_text: str, num_qubits: int, where: str = "program") -> RoundProgram:
    """Cut a lowered circuit (``StimProgram.circuit``) at its logical ticks."""
    import stim

    circuit = stim.Circuit(circuit_text)
    runs: list[list] = []
    pending: list = []
    last_measurements = 0

    def close(instructions: list, count: int) -> None:
        nonlocal last_measurements
        layer = _layer(instructions, last_measurements, where)
        if runs and runs[-1][0] == layer:
            runs[-1][1] += count
        else:
            runs.append([layer, count])
        last_measurements = layer.num_measurements

    def is_mark(inst) -> bool:
        return isinstance(inst, stim.CircuitInstruction) and inst.name == "TICK" and inst.tag.startswith(LOGICAL_TAG)

    for inst in circuit:
        if isinstance(inst, stim.CircuitRepeatBlock):
            body = list(inst.body_copy())
            marks = [i for i, b in enumerate(body) if is_mark(b)]
            if not marks:
                pending.append(inst)
                continue
            if marks != [len(body) - 1]:
                raise QckptError(f"{where}: a loop of rounds must end each iteration at its logical boundary, once")
            if any(isinstance(b, stim.CircuitRepeatBlock) for b in body):
                raise QckptError(f"{where}: a loop nested in a loop of rounds")
            count = inst.repeat_count
            if pending:  # ops before the loop without a boundary of their own belong to its first round
                close(pending + body, 1)
                pending, count = [], count - 1
            close(body, 1)
            if count > 1:
                runs[-1][1] += count - 1
        elif is_mark(inst):
            close(pending, 1)
            pending = []
        else:
            pending.append(inst)
    if pending:
        close(pending, 1)
    if len(runs) < 2:
        raise QckptError(f"{where}: no logical boundary (no QEC round was recognised)")
    layers = [layer for layer, _ in runs]
    if not any(layer.detectors for layer in layers):
        raise QckptError(f"{where}: the program has no detectors (ckpt.detector): nothing to decode")
    if any(layer.observables for layer in layers[:-1]) or not layers[-1].observables:
        raise QckptError(f"{where}: the logical observables must be read in the final layer, after the last round")
    n_obs = 1 + max(k for k, _ in layers[-1].observables)
    return RoundProgram(tuple((layer, count) for layer, count in runs), num_qubits, n_obs)


__all__ = ["Layer", "RoundProgram", "cut_rounds"]
