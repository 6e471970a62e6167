"""Noise for the stim backend: a simulation option, not a program property.

The program says what the ideal circuit is; ``--noise`` says how the
simulated device misbehaves. It is applied to the lowered circuit when it is
sampled, and it is stored with a checkpointed run (so a resumed run samples
the same model, and a store is bound to it through its fingerprint).

``--noise P`` is the standard circuit-level model with one strength P:
a depolarizing channel after every Clifford gate (``DEPOLARIZE1(P)`` /
``DEPOLARIZE2(P)``), an X flip before every measurement and after every
reset. ``--noise KEY=P,...`` sets the three parts apart, with the names of
``stim.Circuit.generated``: ``after_clifford_depolarization``,
``before_measure_flip_probability``, ``after_reset_flip_probability``.
Classically controlled Paulis (feed-forward) are not noisy: they are
applied by the control system's Pauli frame, not by a gate on the device.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from qckpt.diagnostics import QckptError

KEYS = ("after_clifford_depolarization", "before_measure_flip_probability", "after_reset_flip_probability")


@dataclass(frozen=True)
class NoiseModel:
    after_clifford_depolarization: float = 0.0
    before_measure_flip_probability: float = 0.0
    after_reset_flip_probability: float = 0.0

    @property
    def silent(self) -> bool:
        return not any(asdict(self).values())

    def to_json(self) -> dict[str, float]:
        return asdict(self)

    @classmethod
    def from_json(cls, j: dict[str, float]) -> NoiseModel:
        return cls(**{k: float(j[k]) for k in KEYS if k in j})

    def apply(self, circuit):  # stim.Circuit -> stim.Circuit
        """The circuit with this model's noise channels inserted."""
        import stim

        out = stim.Circuit()
        p1 = p2 = self.after_clifford_depolarization
        pm, pr = self.before_measure_flip_probability, self.after_reset_flip_probability
        for inst in circuit:
            if isinstance(inst, stim.CircuitRepeatBlock):
                out.append(stim.CircuitRepeatBlock(inst.repeat_count, self.apply(inst.body_copy())))
                continue
            data = stim.gate_data(inst.name)
            if data.is_unitary and data.is_two_qubit_gate and self.after_clifford_depolarization:
                # stim merges adjacent gates into one instruction: noise follows each layer in which no
                # qubit repeats, as it would follow each gate, not the whole merged run.
                for layer in _layers(inst.targets_copy()):
                    out.append(inst.name, layer, inst.gate_args_copy())
                    if not any(t.is_measurement_record_target for t in layer):
                        out.append("DEPOLARIZE2", layer, self.after_clifford_depolarization)
                continue
            qubits = [t for t in inst.targets_copy() if t.is_qubit_target]
            controlled = any(t.is_measurement_record_target for t in inst.targets_copy())
            if data.produces_measurements and pm:
                out.append("X_ERROR", qubits, pm)
            out.append(inst)
            if controlled or not qubits:
                continue
            if data.is_reset and not data.produces_measurements and pr:
                out.append("X_ERROR", qubits, pr)
            elif data.produces_measurements and data.is_reset and pr:
                out.append("X_ERROR", qubits, pr)
            elif data.is_unitary and data.is_two_qubit_gate and p2:
                out.append("DEPOLARIZE2", qubits, p2)
            elif data.is_unitary and data.is_single_qubit_gate and p1 and inst.name != "I":
                out.append("DEPOLARIZE1", qubits, p1)
        return out


def _layers(targets: list) -> list[list]:
    """Target pairs cut into runs in which no qubit appears twice."""
    layers: list[list] = [[]]
    used: set[int] = set()
    for a, b in zip(targets[::2], targets[1::2]):
        qs = {t.value for t in (a, b) if t.is_qubit_target}
        if qs & used:
            layers.append([])
            used = set()
        layers[-1] += [a, b]
        used |= qs
    return layers


def _probability(text: str, what: str) -> float:
    try:
        p = float(text)
    except ValueError:
        raise QckptError(f"--noise {what}: {text!r} is not a probability") from None
    if not 0.0 <= p <= 0.5:
        raise QckptError(f"--noise {what}: {p:g} is outside [0, 0.5]")
    return p


def parse_noise(spec: str | None) -> NoiseModel | None:
    """``P`` or ``KEY=P,...`` (see the module docstring); None or ``0``: no noise."""
    if spec is None:
        return None
    spec = spec.strip()
    if "=" not in spec:
        p = _probability(spec, "strength")
        model = NoiseModel(p, p, p)
    else:
        parts: dict[str, float] = {}
        for item in spec.split(","):
            key, _, value = item.partition("=")
            key = key.strip()
            if key not in KEYS:
                raise QckptError(f"--noise: unknown key {key!r}; expected a probability or KEY=P with KEY one of {', '.join(KEYS)}")
            parts[key] = _probability(value.strip(), key)
        model = NoiseModel(**parts)
    return None if model.silent else model
