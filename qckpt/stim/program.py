"""A program lowered to stim, as the runtime stores and runs it.

It is the stim circuit (noiseless: noise is a simulation option, see
:mod:`qckpt.stim.noise`) plus the record layout: for each output register
and each checkpoint-boundary visit, the classical value of every record as a
function of the measurement record (:mod:`qckpt.stim.classical`). Stored as
one JSON document, so that a checkpointed run's program file (and with it
the store's fingerprint) names the circuit, the records and the noise model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from qckpt.diagnostics import QckptError
from qckpt.stim import classical
from qckpt.stim.classical import Value
from qckpt.stim.noise import NoiseModel

FORMAT = "qckpt-stim-program"
VERSION = 1
# The runtime picks the executor of a stored run by its program's file name.
PROGRAM_NAME = "program.stim.json"
KINDS = ("i1", "i64", "f64")  # bit, integer, float: BOOL, INT and DOUBLE records


@dataclass(frozen=True)
class Recorded:
    """One value of a boundary visit: its name, kind and value."""

    name: str
    kind: str
    value: Value


@dataclass(frozen=True)
class Visit:
    """A visit of checkpoint boundary ``boundary``, in program order."""

    boundary: int
    values: tuple[Recorded, ...]


@dataclass(frozen=True)
class Output:
    """A ``qc.output``: a bit register (``i1``) or one integer or float."""

    label: str
    kind: str
    values: tuple[Value, ...]


@dataclass
class StimProgram:
    circuit: str  # stim circuit text, without noise
    num_qubits: int
    num_measurements: int
    outputs: list[Output] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    noise: NoiseModel | None = None

    def registers(self) -> list[tuple[str, int]]:
        """The bit registers, in record order: what the histogram is keyed by."""
        return [(o.label, len(o.values)) for o in self.outputs if o.kind == "i1"]

    def stim_circuit(self):
        """The circuit to sample: the lowered one, with the noise model's channels."""
        import stim

        c = stim.Circuit(self.circuit)
        return self.noise.apply(c) if self.noise is not None else c

    def to_bytes(self) -> bytes:
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "num_qubits": self.num_qubits,
            "num_measurements": self.num_measurements,
            "noise": self.noise.to_json() if self.noise is not None else None,
            "outputs": [{"label": o.label, "kind": o.kind, "values": [classical.to_json(v) for v in o.values]} for o in self.outputs],
            "visits": [
                {"id": v.boundary, "values": [{"name": r.name, "kind": r.kind, "value": classical.to_json(r.value)} for r in v.values]}
                for v in self.visits
            ],
            "circuit": self.circuit,
        }
        return json.dumps(doc, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "program") -> StimProgram:
        try:
            doc = json.loads(data)
            if doc.get("format") != FORMAT:
                raise ValueError(f"not a {FORMAT} document")
            if doc.get("version") != VERSION:
                raise ValueError(f"version {doc.get('version')} is not {VERSION}")
            return cls(
                circuit=doc["circuit"],
                num_qubits=int(doc["num_qubits"]),
                num_measurements=int(doc["num_measurements"]),
                outputs=[Output(o["label"], o["kind"], tuple(classical.from_json(v) for v in o["values"])) for o in doc["outputs"]],
                visits=[
                    Visit(v["id"], tuple(Recorded(r["name"], r["kind"], classical.from_json(r["value"])) for r in v["values"]))
                    for v in doc["visits"]
                ],
                noise=NoiseModel.from_json(doc["noise"]) if doc.get("noise") else None,
            )
        except (ValueError, KeyError, TypeError) as e:
            raise QckptError(f"{name}: not a stim program ({e})") from None

    def with_noise(self, noise: NoiseModel | None) -> StimProgram:
        return StimProgram(self.circuit, self.num_qubits, self.num_measurements, self.outputs, self.visits, noise)
