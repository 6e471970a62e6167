"""qckpt's dialects, passes and targets, as xDSL sees them.

``QCKPT_UNIVERSE`` is published through the ``xdsl.universe`` entry point
(``pyproject.toml``), so plain ``xdsl-opt`` parses, verifies and transforms
our IR and can emit QIR with ``-t qir``. Everything is imported lazily, as in
xDSL's own registries, so that listing passes stays cheap.
"""

from __future__ import annotations

import sys
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


def _rounds() -> type[ModulePass]:
    from qckpt.passes.recognize_rounds import QecRecognizeRounds

    return QecRecognizeRounds


def _for_xdsl_opt(get: Callable[[], type[ModulePass]]) -> Callable[[], type[ModulePass]]:
    """The pass as xdsl-opt should run it: an error of ours (a QckptError,
    which is the input's fault) is one line on stderr and exit 1, not a
    traceback; a warning of ours (a policy that placed nothing) goes to
    stderr as ``warning: ...``. Library callers import the pass classes
    directly and keep the exceptions. xDSL's own option-parsing and verifier
    errors are raised before or after our code runs and stay upstream's."""

    def wrapped() -> type[ModulePass]:
        cls = get()

        class OnCommandLine(cls):  # type: ignore[misc, valid-type]
            def apply(self, ctx: Context, op) -> None:  # type: ignore[override]
                import warnings

                from qckpt.diagnostics import QckptError, QckptWarning

                try:
                    with warnings.catch_warnings(record=True) as caught:
                        warnings.simplefilter("always", QckptWarning)
                        super().apply(ctx, op)
                except QckptError as e:
                    print(f"{cls.name}: {e.render().splitlines()[0]}", file=sys.stderr)
                    sys.exit(1)
                for w in caught:
                    if issubclass(w.category, QckptWarning):
                        print(f"{cls.name}: warning: {w.message}", file=sys.stderr)
                    else:
                        warnings.showwarning(w.message, w.category, w.filename, w.lineno)

        OnCommandLine.__name__ = OnCommandLine.__qualname__ = cls.__name__
        OnCommandLine.__doc__ = cls.__doc__
        return OnCommandLine

    return wrapped


def _reuse() -> type[ModulePass]:
    from qckpt.passes.qubit_reuse import QcReuseQubits

    return QcReuseQubits


def _measure_early() -> type[ModulePass]:
    from qckpt.passes.qubit_reuse import QcMeasureEarly

    return QcMeasureEarly


def get_all_passes() -> dict[str, Callable[[], type[ModulePass]]]:
    return {
        name: _for_xdsl_opt(get)
        for name, get in {
            "qc-decompose-to-target": _decompose,
            "qc-unroll-qubit-loops": _unroll,
            "ckpt-analyze-boundaries": _analyze,
            "ckpt-insert": _insert,
            "qc-reuse-qubits": _reuse,
            "qc-measure-early": _measure_early,
            "qec-recognize-rounds": _rounds,
        }.items()
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
