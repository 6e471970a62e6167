"""``SamplerV2``: Qiskit's sampler primitive on qckpt, checkpointed and resumable.

::

    sampler = SamplerV2(seed=7, store="runs/sweep")        # in place of StatevectorSampler()
    result = sampler.run([(circuit, values)], shots=4000).result()
    result[0].data.meas.get_counts()

Each pub is coerced and broadcast by Qiskit itself (``SamplerPub``,
``BindingsArray``): its parameter values have a shape, and every element of
that shape is one run of the circuit's compiled program with those values
bound (``qckpt.primitives.execution``: one compilation per circuit, one
binding per element). Element ``(pub i, flat index j)`` runs under the seed
``derive_seed(seed, "pub", i, "element", j)``; its data is one
``BitArray`` per classical register, named as the circuit names it, of shape
``pub.shape`` with ``shots`` samples.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from qiskit.primitives import BaseSamplerV2
from qiskit.primitives.containers import BitArray, DataBin, PrimitiveResult, SamplerPubLike, SamplerPubResult
from qiskit.primitives.containers.sampler_pub import SamplerPub

from qckpt.primitives.execution import CircuitRunner
from qckpt.primitives.job import FinishedJob
from qckpt.primitives.options import RunOptions
from qckpt.primitives.shots import register_bits, shot_order
from qckpt.runtime.execution.ledger import derive_seed


class SamplerV2(BaseSamplerV2):
    """Samples dynamic circuits on qir-runner through qckpt's runtime.

    Options (also settable later with :meth:`set_options`): ``seed``,
    ``backend`` (``qir-runner``), ``store`` (a directory: runs are
    checkpointed there, and a script killed during :meth:`run` and started
    again resumes from it), ``checkpoint`` (the boundary policy),
    ``mode`` (``reproducible``, the default: bit-identical to an
    uninterrupted run; or ``resume``), ``workers``, ``every``."""

    def __init__(self, *, default_shots: int = 1024, seed: int | None = None, **options: Any) -> None:
        self._default_shots = default_shots
        self._options = RunOptions().updated({"seed": seed, **options})

    @property
    def default_shots(self) -> int:
        return self._default_shots

    @property
    def options(self) -> RunOptions:
        return self._options

    def set_options(self, **options: Any) -> None:
        self._options = self._options.updated(options)

    def run(self, pubs: Iterable[SamplerPubLike], *, shots: int | None = None) -> FinishedJob:
        if shots is None:
            shots = self._default_shots
        coerced = [SamplerPub.coerce(pub, shots) for pub in pubs]
        opts = self._options
        runner = CircuitRunner(opts)
        seed = opts.run_seed()
        with runner.preemptible():
            results = [self._run_pub(runner, pub, derive_seed(seed, "pub", i)) for i, pub in enumerate(coerced)]
        return FinishedJob(PrimitiveResult(results, metadata={"version": 2}))

    @staticmethod
    def _run_pub(runner: CircuitRunner, pub: SamplerPub, pub_seed: int) -> SamplerPubResult:
        circuit = pub.circuit
        params = list(circuit.parameters)
        values = pub.parameter_values.as_array(params) if params else np.zeros((*pub.shape, 0))
        regs = [(r.name, r.size) for r in circuit.cregs]
        arrays = {name: np.zeros((*pub.shape, pub.shots, -(-size // 8)), dtype=np.uint8) for name, size in regs}
        for flat, index in enumerate(np.ndindex(pub.shape)):
            program = runner.program(circuit, dict(zip(params, values[index].tolist())))
            seed = derive_seed(pub_seed, "element", flat)
            outcome = runner.run(program, pub.shots, seed)
            if outcome.layout != regs:
                raise AssertionError(f"the program recorded registers {outcome.layout}, the circuit has {regs}")
            keys, order = shot_order(outcome.counts, seed)
            words = [register_bits(key, outcome.layout) for key in keys]
            for name, size in regs:
                width = -(-size // 8)
                rows = np.array([list(int(w[name] or "0", 2).to_bytes(width, "big")) for w in words], dtype=np.uint8).reshape(len(keys), width)
                arrays[name][index] = rows[order]
        data = DataBin(**{name: BitArray(arrays[name], size) for name, size in regs}, shape=pub.shape)
        return SamplerPubResult(data, metadata={"shots": pub.shots, "circuit_metadata": circuit.metadata})
