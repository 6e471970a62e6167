"""Queries on qckpt's xDSL IR that more than one layer asks.

The passes (analysis, insertion, splitting) and the QIR emitter both need
to find the entry function, turn an op's location into a diagnostic
location, and ask whether a value is defined inside an op. They live here,
below both, so neither has to import the other for them. This package may
import only xDSL, :mod:`qckpt.dialects` and :mod:`qckpt.diagnostics`.
"""

from qckpt.ir.locations import op_location
from qckpt.ir.structure import all_ops, defined_inside, entry_function

__all__ = ["all_ops", "defined_inside", "entry_function", "op_location"]
