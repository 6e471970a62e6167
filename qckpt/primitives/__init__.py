"""Qiskit primitives on qckpt: ``SamplerV2`` and ``QckptBackend`` (BackendV2).

Both compile dynamic circuits (``if_test``, ``while_loop``, ``for_loop``,
``switch``) to QIR, run them on qir-runner through qckpt's runtime, and
with ``store=`` checkpoint every run so that a script killed mid-run and
started again resumes. See ``docs/qiskit.md``.

This package sits at the workflow layer: it imports the runtime, the
pipeline and QIR binding; nothing below it imports it.
"""

from qckpt.primitives.backend import QckptBackend
from qckpt.primitives.execution import Preempted
from qckpt.primitives.options import RunOptions
from qckpt.primitives.sampler import SamplerV2

__all__ = ["Preempted", "QckptBackend", "RunOptions", "SamplerV2"]
