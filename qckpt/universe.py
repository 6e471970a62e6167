"""qckpt's dialects, passes and targets, as xDSL sees them.

``QCKPT_UNIVERSE`` is published through the ``xdsl.universe`` entry point
(``pyproject.toml``), so plain ``xdsl-opt`` parses, verifies and transforms
our IR and can emit QIR with ``-t qir``. Everything is imported lazily, as in
xDSL's own registries, so that listing passes stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable

from xdsl.context import Context
from xdsl.ir import Dialect
from xdsl.passes import ModulePass
from xdsl.universe import Universe
from xdsl.utils.target import Target


def _qc() -> Dialect:
    from qckpt.dialects.qc import QC

    return QC


def _ckpt() -> Dialect:
    from qckpt.dialects.ckpt import CKPT

    return CKPT


def get_all_dialects() -> dict[str, Callable[[], Dialect]]:
    return {"qc": _qc, "ckpt": _ckpt}


def _decompose() -> type[ModulePass]:
    from qckpt.passes.decompose_to_target import QcDecomposeToTarget

    return QcDecomposeToTarget


def _unroll() -> type[ModulePass]:
    from qckpt.passes.unroll_qubit_loops import QcUnrollQubitLoops

    return QcUnrollQubitLoops


def _analyze() -> type[ModulePass]:
    from qckpt.passes.analyze_boundaries import CkptAnalyzeBoundaries

    return CkptAnalyzeBoundaries


def _insert() -> type[ModulePass]:
    from qckpt.passes.insert_boundaries import CkptInsert

    return CkptInsert


def get_all_passes() -> dict[str, Callable[[], type[ModulePass]]]:
    return {
        "qc-decompose-to-target": _decompose,
        "qc-unroll-qubit-loops": _unroll,
        "ckpt-analyze-boundaries": _analyze,
        "ckpt-insert": _insert,
    }


def _qir_target() -> type[Target]:
    from qckpt.qir.target import QIRTarget

    return QIRTarget


def get_all_targets() -> dict[str, Callable[[], type[Target]]]:
    return {"qir": _qir_target}


QCKPT_UNIVERSE = Universe(
    all_dialects=get_all_dialects(),
    all_passes=get_all_passes(),
    all_targets=get_all_targets(),
)


def make_context() -> Context:
    """A context with upstream builtin/func/scf/arith and our dialects loaded."""
    from xdsl.dialects import arith, builtin, func, scf

    ctx = Context()
    for d in (builtin.Builtin, func.Func, arith.Arith, scf.Scf):
        ctx.load_dialect(d)
    for name, get in get_all_dialects().items():
        ctx.register_dialect(name, get)
    return ctx
