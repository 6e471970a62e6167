"""The compiler's front door: source -> module -> passes -> QIR.

Each stage is a plain function so that benchmarks can time them one by one
and the CLI, the tests and the Python API all go through the same path.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from xdsl.dialects.builtin import ModuleOp

from qckpt.diagnostics import QckptError, SourceLocation

if TYPE_CHECKING:
    from collections.abc import Mapping

    from qiskit import QuantumCircuit
    from qiskit.circuit import Parameter

    from qckpt.frontend.qasm.limits import Limits

FRONTENDS = ("native", "qiskit")

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while IR is built or emitted.

    A 100k-op module is millions of long-lived objects linked in cycles (ops
    and their blocks). Every generation-2 collection walks all of them, which
    made lowering about 3x slower and its cost per gate grow with program
    size. Reference counting still frees garbage meanwhile; the collector
    resumes on exit."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _stage(fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with gc_paused():
            return fn(*args, **kwargs)

    return run


@_stage
def qasm_to_module(source: str, filename: str = "<input>", frontend: str = "native", params: dict[str, float] | None = None,
                   timing: str = "drop", limits: "Limits | None" = None) -> ModuleOp:
    """OpenQASM 3 text -> module. ``params`` gives values to ``input`` declarations;
    ``timing`` is ``drop`` (default) or ``error`` (``--timing``);
    ``limits`` bounds how far the program may expand and nest (native frontend)."""
    if timing not in ("drop", "error"):
        raise QckptError(f"unknown timing mode '{timing}'; choose drop or error")
    if frontend == "native":
        from qckpt.frontend.qasm.lowering import qasm_to_module as native

        return native(source, filename, params, timing=timing, limits=limits)
    if params:
        raise QckptError("--param needs the native frontend (Qiskit's importer has no input values)")
    if frontend == "qiskit":
        from qckpt.frontend.qasm3_qiskit import qasm3_to_circuit

        return circuit_to_module(qasm3_to_circuit(source, filename), timing)
    raise QckptError(f"unknown frontend '{frontend}'; choose one of {', '.join(FRONTENDS)}")


@_stage
def qasm_to_qir(source: str, filename: str = "<input>", params: dict[str, float] | None = None, timing: str = "drop",
                limits: "Limits | None" = None, profile: str = "adaptive", native_rx: bool = False, runtime: str = "linked",
                bitcode: bool = False) -> str | bytes:
    """OpenQASM 3 text -> QIR text (or bitcode), the native frontend, no checkpoints:
    what ``module_to_qir(qasm_to_module(...))`` returns, byte for byte. The QIR
    is emitted while the frontend lowers, so the module is never whole
    (``qckpt.qir.stream``); a program that cannot be emitted that way is
    converted the ordinary way, and its errors are reported from there."""
    import warnings

    from qckpt.frontend.qasm.lowering import qasm_to_module as native
    from qckpt.qir.stream import NotStreamable, StreamingEmission

    if timing not in ("drop", "error"):
        raise QckptError(f"unknown timing mode '{timing}'; choose drop or error")
    stream = StreamingEmission(profile, native_rx, runtime)
    # Warnings wait until the stream succeeds: the ordinary path would give them again.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            qir = stream.finish(native(source, filename, params, timing=timing, limits=limits, on_statement=stream))
        except NotStreamable:
            qir = None
    if qir is None:
        module = qasm_to_module(source, filename, "native", params, timing, limits)
        if bitcode:
            return module_to_bitcode(module, profile, native_rx, runtime=runtime)
        return module_to_qir(module, profile, native_rx, runtime=runtime)
    for w in caught:
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    del stream  # what is left of the IR goes before the text is made
    return qir.bitcode if bitcode else str(qir)


@_stage
def circuit_to_module(circuit: "QuantumCircuit", timing: str = "drop") -> ModuleOp:
    from qckpt.frontend.qiskit_circuit import circuit_to_module as lower

    return lower(circuit, timing)


@_stage
def parse_mlir(text: str, filename: str = "<input>") -> ModuleOp:
    """Our IR in MLIR syntax (custom or generic form) -> verified module."""
    from xdsl.parser import Parser
    from xdsl.utils.exceptions import ParseError, VerifyException

    from qckpt.universe import make_context

    try:
        module = Parser(make_context(), text, filename).parse_module()
    except ParseError as e:
        where = e.span.get_location()
        lines = text.splitlines()
        msg = e.msg.strip().splitlines()[-1] if e.msg.strip() else "syntax error"
        excerpt = lines[where.line - 1] if 0 < where.line <= len(lines) else None
        raise QckptError(msg, SourceLocation(filename, where.line, int(where.col)), excerpt) from e
    for index, op in enumerate(module.walk()):
        try:
            op.verify(verify_nested_ops=False)
        except VerifyException as e:
            loc = _locate_op_text(text, filename, module, op)
            excerpt = text.splitlines()[loc.line - 1] if loc else None
            raise QckptError(f"invalid IR: {e}", loc, excerpt) from e
    return module


def _locate_op_text(text: str, filename: str, module: ModuleOp, target) -> "SourceLocation | None":
    """Where ``target`` is written in ``text``. xDSL's parser keeps no
    locations, but ops are written in walk order, so the k-th op named N is
    the k-th occurrence of N in the text (custom or generic form)."""
    import re

    name = target.name
    k = sum(1 for op in module.walk() if op.name == name and op is not target and _before(module, op, target))
    pattern = re.compile(r'(?<![\w.])"?' + re.escape(name) + r'(?![\w.])')
    for i, m in enumerate(pattern.finditer(text)):
        if i == k:
            line = text.count("\n", 0, m.start()) + 1
            col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            return SourceLocation(filename, line, col)
    return None


def _before(module: ModuleOp, a, b) -> bool:
    for op in module.walk():
        if op is a:
            return True
        if op is b:
            return False
    return False


@_stage
def lower_to_target(module: ModuleOp, native_rx: bool = False) -> ModuleOp:
    """The passes every module goes through before QIR emission."""
    from qckpt.dialects.qc import DelayOp, QubitAtOp
    from qckpt.ir import all_ops
    from qckpt.passes.decompose_to_target import decompose_module, decompose_ops, needs_decomposition
    from qckpt.passes.drop_timing import drop_delays
    from qckpt.passes.unroll_qubit_loops import check_static_qubits, unroll_qubit_loops

    # One walk decides what the passes have to do; most modules need neither.
    todo, dynamic, delays = [], False, False
    for op in all_ops(module):
        if needs_decomposition(op, native_rx):
            todo.append(op)
        elif type(op) is QubitAtOp:
            dynamic = True
        elif type(op) is DelayOp:
            delays = True
    if delays:
        drop_delays(module)
    if dynamic:
        unroll_qubit_loops(module)
        check_static_qubits(module)
        decompose_module(module, native_rx)  # unrolling copied gates: collect afresh
    else:
        decompose_ops(todo, native_rx)
    return module


@_stage
def module_to_qir(module: ModuleOp, profile: str = "adaptive", native_rx: bool = False, record_mode: str = "final", runtime: str = "linked", resumable: bool = False, replay_tries: int | None = None) -> str:
    """Module -> QIR text, verified by pyqir. ``resumable``: able to start at
    any restorable boundary (``qckpt.runtime.restore.resume`` binds where).
    ``replay_tries`` caps post-selection (negative controls only: a cap
    biases restoration, docs/restoration.md)."""
    from qckpt.qir.emit import emit_qir

    return str(emit_qir(lower_to_target(module, native_rx), profile, record_mode=record_mode, runtime=runtime, resumable=resumable, replay_tries=replay_tries))


@_stage
def module_to_bitcode(module: ModuleOp, profile: str = "adaptive", native_rx: bool = False, record_mode: str = "final", runtime: str = "linked", resumable: bool = False) -> bytes:
    from qckpt.qir.emit import emit_qir

    return emit_qir(lower_to_target(module, native_rx), profile, record_mode=record_mode, runtime=runtime, resumable=resumable).bitcode


@_stage
def module_to_stim(module: ModuleOp, params: dict[str, float] | None = None):
    """Module -> :class:`qckpt.stim.program.StimProgram` (a stim circuit and
    its record layout), or a one-line error naming the first construct stim
    cannot simulate. ``params``: values of late-bound parameters."""
    from qckpt.passes.drop_timing import drop_delays
    from qckpt.stim.lower import lower_module

    drop_delays(module)  # stim has no timing either (its noise is per operation)
    return lower_module(module, params)


@_stage
def insert_checkpoints(module: ModuleOp, policy: str, every: int = 1, mtbf: float = 3600.0, max_replay_cost: int = -1, max_postselect_bits: int = 7) -> ModuleOp:
    """Place checkpoint boundaries by policy (``ckpt-insert``), after the
    passes that make qubit references static. ``max_postselect_bits``
    defaults to ``replay_cones.MAX_POSTSELECT_BITS`` (kept equal by a test)."""
    from qckpt.passes.insert_boundaries import insert_boundaries

    lower_to_target(module)
    insert_boundaries(module, policy, every, mtbf, max_replay_cost, max_postselect_bits=max_postselect_bits)
    return module


@_stage
def reuse_qubits(module: ModuleOp, max_qubits: int = 0, objective: str = "width", boundaries: bool = True):
    """Map the program onto fewer physical qubits (``qc-reuse-qubits``),
    after the passes that make qubit references static. Returns the
    ``ReuseReport`` (logical qubits, width reached, lower bound, depth)."""
    from qckpt.passes.qubit_reuse import reuse_qubits as reuse

    lower_to_target(module)
    return reuse(module, max_qubits, objective, boundaries)


@_stage
def circuit_with_inputs(circuit: "QuantumCircuit", params: "Mapping[Parameter | str, float] | None" = None, timing: str = "drop") -> tuple[ModuleOp, dict[str, "Parameter"]]:
    """A Qiskit circuit -> module, ``params`` assigned first; the parameters
    still unbound become late-bound inputs named after them (see
    ``qckpt.frontend.qiskit_circuit.circuit_to_inputs``), bound later by
    ``qckpt.qir.bind`` without recompiling. Returns the module and input
    name -> parameter."""
    from qckpt.frontend.qiskit_circuit import circuit_to_inputs, input_name

    if params:
        by_name = {p.name: p for p in circuit.parameters} | {input_name(p): p for p in circuit.parameters}
        values = {}
        for key, v in params.items():
            param = key if not isinstance(key, str) else by_name.get(key)
            if param is None or param not in circuit.parameters:
                have = ", ".join(sorted(p.name for p in circuit.parameters)) or "none"
                raise QckptError(f"the circuit has no parameter {getattr(key, 'name', key)} (it has: {have})")
            values[param] = float(v)
        circuit = circuit.assign_parameters(values, inplace=False)
    return circuit_to_inputs(circuit, timing)


def compile_circuit(
    circuit: "QuantumCircuit",
    profile: str = "adaptive",
    *,
    checkpoint: str | None = None,
    every: int = 1,
    mtbf: float = 3600.0,
    record_mode: str = "final",
    resumable: bool = False,
    params: "Mapping[Parameter | str, float] | None" = None,
    native_rx: bool = False,
    runtime: str = "linked",
    timing: str = "drop",
) -> str:
    """A Qiskit circuit -> QIR text, with the options of ``qckpt convert``:
    ``checkpoint`` places boundaries by policy (exact|every|interval|annotated,
    ``every`` and ``mtbf`` as ``--every``/``--mtbf``), ``record_mode`` is
    final or streaming, ``resumable`` adds the resume dispatch. ``params``
    (by ``Parameter`` or name) are assigned at compile time; parameters left
    unbound become late-bound inputs: ``qckpt bind --param theta=0.3`` or
    :func:`qckpt.qir.bind.bind_parameters` give them values per run.
    ``timing`` as ``--timing``: ``drop`` (a ``Delay`` is dropped, with one
    warning) or ``error``."""
    module = prepare_circuit(circuit, profile, checkpoint, every, mtbf, params, timing)[0]
    return module_to_qir(module, profile, native_rx, record_mode, runtime, resumable)


def prepare_circuit(
    circuit: "QuantumCircuit", profile: str = "adaptive", checkpoint: str | None = None, every: int = 1, mtbf: float = 3600.0, params: "Mapping[Parameter | str, float] | None" = None,
    timing: str = "drop",
) -> tuple[ModuleOp, dict[str, "Parameter"]]:
    """The module :func:`compile_circuit` emits, and its late-bound inputs:
    for callers that want bitcode or several emissions of one lowering."""
    module, inputs = circuit_with_inputs(circuit, params, timing)
    if checkpoint and checkpoint != "none":
        if profile == "base":
            raise QckptError("checkpoint needs the Adaptive Profile: the Base Profile has no classical values to record")
        insert_checkpoints(module, checkpoint, every, mtbf)
    return module, inputs


def compile_qasm(source: str, filename: str = "<input>", profile: str = "adaptive", frontend: str = "native", params: dict[str, float] | None = None,
                 limits: "Limits | None" = None) -> str:
    """OpenQASM 3 text -> QIR text."""
    return module_to_qir(qasm_to_module(source, filename, frontend, params, limits=limits), profile)
