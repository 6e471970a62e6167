"""``qc-decompose-to-target``: rewrite every gate outside the QIR target set.

The target set (``TARGET_GATES``) is what qir-runner and common QIR backends
implement. Each rule below is exact up to a *global* phase of the whole
gate, which is unobservable; in particular controlled gates keep their
relative phases (``cp``, ``crz``, ``cu`` ...), which is what makes a
controlled decomposition correct. Tests compare every rule's unitary with
Qiskit's, and the differential suite checks whole programs against Aer.

Angles that are constants are folded at compile time; others become ``arith``
float ops (QIR's ``float_computations``).

``rx`` is lowered to ``h; rz; h`` unless ``native-rx`` is set. qir-runner 0.9.7
(our executor) fuses queued x-rotations and, when they add up to ±π, replaces
them with an X while flipping the sign of a y-rotation queued *before* it on
the same qubit: ``rx(pi); ry(t)`` then simulates as ``rx(pi); ry(-t)``.
The QIR is right and the simulation is wrong; ``tests/unit/
test_qir_runner_rx_fusion.py`` keeps watch on the upstream bug so this
workaround can go when it is fixed. H·Rz(θ)·H = Rx(θ) exactly.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from xdsl.context import Context
from xdsl.dialects import arith, func
from xdsl.dialects.builtin import FloatAttr, FloatData, ModuleOp, Float64Type
from xdsl.ir import Block, Operation, SSAValue
from xdsl.passes import ModulePass

from qckpt.dialects import qc
from qckpt.dialects.construct import gate_properties, make_op
from qckpt.dialects.gates import GATES, TARGET_GATES

F64 = Float64Type()


class _Angles:
    """Angle arithmetic that folds constants and otherwise emits ``arith`` ops
    before the gate being decomposed.

    Constants go to the top of the enclosing function's entry block (they
    dominate every use there) and are shared by all gates of the function."""

    def __init__(self) -> None:
        self.consts: dict[tuple[Block, float], SSAValue] = {}
        self.before: Operation | None = None

    def _insert(self, op: Operation) -> SSAValue:
        assert self.before is not None and self.before.parent is not None
        self.before.parent.insert_op_before(op, self.before)
        return op.results[0]

    def const(self, x: float) -> SSAValue:
        home = _constant_home(self.before)  # type: ignore[arg-type]
        key = (home, x)
        v = self.consts.get(key)
        if v is None:
            op = make_op(arith.ConstantOp, (), {"value": FloatAttr.new((FloatData(x), F64))}, (F64,))
            first = home.first_op
            assert first is not None  # the block holds at least the gate's own ancestor
            home.insert_op_before(op, first)
            v = self.consts[key] = op.results[0]
        return v

    @staticmethod
    def value(v: SSAValue) -> float | None:
        if isinstance(v.owner, arith.ConstantOp) and isinstance(v.owner.value, FloatAttr):
            return v.owner.value.value.data
        return None

    def scale(self, v: SSAValue, k: float) -> SSAValue:
        c = self.value(v)
        if c is not None:
            return self.const(c * k)
        return self._insert(arith.MulfOp(v, self.const(k)))

    def add(self, a: SSAValue, b: SSAValue, sign: float = 1.0) -> SSAValue:
        ca, cb = self.value(a), self.value(b)
        if ca is not None and cb is not None:
            return self.const(ca + sign * cb)
        if sign < 0:
            return self._insert(arith.SubfOp(a, b))
        return self._insert(arith.AddfOp(a, b))


def _constant_home(op: Operation) -> Block:
    """The entry block of the function around ``op`` (or its own block)."""
    fn = op.parent_op()
    while fn is not None and not isinstance(fn, func.FuncOp):
        fn = fn.parent_op()
    if fn is not None and fn.body.blocks:
        return fn.body.blocks[0]
    assert op.parent is not None
    return op.parent


# A rule returns (gate, qubit positions, parameters) triples in circuit order.
Step = tuple[str, tuple[int, ...], tuple[SSAValue, ...]]
Rule = Callable[[_Angles, list[SSAValue]], list[Step]]


def _u(a: _Angles, theta: SSAValue, phi: SSAValue, lam: SSAValue, q: int = 0) -> list[Step]:
    # U(θ, φ, λ) = Rz(φ) Ry(θ) Rz(λ), up to global phase.
    return [("rz", (q,), (lam,)), ("ry", (q,), (theta,)), ("rz", (q,), (phi,))]


def _cu(a: _Angles, p: list[SSAValue]) -> list[Step]:
    theta, phi, lam, gamma = p
    # Qiskit's definition of CU(θ, φ, λ, γ) on (control 0, target 1).
    return [
        ("rz", (0,), (gamma,)),
        ("rz", (0,), (a.scale(a.add(lam, phi), 0.5),)),
        ("rz", (1,), (a.scale(a.add(lam, phi, -1.0), 0.5),)),
        ("cx", (0, 1), ()),
        *_u(a, a.scale(theta, -0.5), a.const(0.0), a.scale(a.add(phi, lam), -0.5), q=1),
        ("cx", (0, 1), ()),
        *_u(a, a.scale(theta, 0.5), phi, a.const(0.0), q=1),
    ]


def _cp(a: _Angles, p: list[SSAValue]) -> list[Step]:
    (lam,) = p
    half = a.scale(lam, 0.5)
    return [
        ("rz", (0,), (half,)),
        ("cx", (0, 1), ()),
        ("rz", (1,), (a.scale(lam, -0.5),)),
        ("cx", (0, 1), ()),
        ("rz", (1,), (half,)),
    ]


RULES: dict[str, Rule] = {
    "id": lambda a, p: [],
    "sx": lambda a, p: [("rx", (0,), (a.const(math.pi / 2),))],
    "p": lambda a, p: [("rz", (0,), (p[0],))],
    "u1": lambda a, p: [("rz", (0,), (p[0],))],
    "u2": lambda a, p: _u(a, a.const(math.pi / 2), p[0], p[1]),
    "u3": lambda a, p: _u(a, *p),
    "u": lambda a, p: _u(a, *p),
    "U": lambda a, p: _u(a, *p),
    "CX": lambda a, p: [("cx", (0, 1), ())],
    "cy": lambda a, p: [("sdg", (1,), ()), ("cx", (0, 1), ()), ("s", (1,), ())],
    "ch": lambda a, p: [
        ("s", (1,), ()), ("h", (1,), ()), ("t", (1,), ()), ("cx", (0, 1), ()),
        ("tdg", (1,), ()), ("h", (1,), ()), ("sdg", (1,), ()),
    ],
    "cp": _cp,
    "cphase": _cp,
    "crz": lambda a, p: [
        ("rz", (1,), (a.scale(p[0], 0.5),)), ("cx", (0, 1), ()),
        ("rz", (1,), (a.scale(p[0], -0.5),)), ("cx", (0, 1), ()),
    ],
    "cry": lambda a, p: [
        ("ry", (1,), (a.scale(p[0], 0.5),)), ("cx", (0, 1), ()),
        ("ry", (1,), (a.scale(p[0], -0.5),)), ("cx", (0, 1), ()),
    ],
    "crx": lambda a, p: [
        ("s", (1,), ()), ("cx", (0, 1), ()), ("ry", (1,), (a.scale(p[0], -0.5),)),
        ("cx", (0, 1), ()), ("ry", (1,), (a.scale(p[0], 0.5),)), ("sdg", (1,), ()),
    ],
    "cu": _cu,
    "cswap": lambda a, p: [("cx", (2, 1), ()), ("ccx", (0, 1, 2), ()), ("cx", (2, 1), ())],
}


# Used instead of the native gate when native_rx is off (see the module docstring).
RX_VIA_RZ: Rule = lambda a, p: [("h", (0,), ()), ("rz", (0,), (p[0],)), ("h", (0,), ())]


def decompose_gate(angles: _Angles, op: qc.GateOp, native_rx: bool = False) -> None:
    """Replace one non-target gate by target gates (recursively)."""
    name = op.gate.data
    rule = RX_VIA_RZ if name == "rx" and not native_rx else RULES[name]
    block = op.parent
    assert block is not None
    operands = op.operands
    n = GATES[name].num_params
    qubits, params = operands[n:], list(operands[:n])
    prev = op.prev_op
    for step, pos, step_params in _expand(angles, op, rule, params):
        new = make_op(qc.GateOp, [*step_params, *(qubits[i] for i in pos)], gate_properties(step, len(step_params), len(pos)), (), op.location)
        block.insert_op_before(new, op)
        if step not in TARGET_GATES or (step == "rx" and not native_rx):
            decompose_gate(angles, new, native_rx)  # type: ignore[arg-type]
    _keep_annotations(op, prev)
    block.erase_op(op)


def _keep_annotations(op: Operation, prev: Operation | None) -> None:
    """Move the source annotations (``#pragma qckpt checkpoint``...) from a
    decomposed gate to the first op that replaced it: checkpoint directives
    look for them on the first op of the statement they precede."""
    notes = op.attributes.get("qasm.annotations")
    if notes is None:
        return
    first = prev.next_op if prev is not None else op.parent.first_op  # type: ignore[union-attr]
    # Shared angle constants may have been put at the top of the block.
    while prev is None and isinstance(first, arith.ConstantOp):
        first = first.next_op
    if first is not None and first is not op:
        first.attributes["qasm.annotations"] = notes


def _expand(angles: _Angles, op: Operation, rule: Rule, params: list[SSAValue]) -> list[Step]:
    angles.before = op
    return rule(angles, params)


def needs_decomposition(op: Operation, native_rx: bool = False) -> bool:
    if type(op) is not qc.GateOp:
        return False
    name = op.gate.data  # type: ignore[attr-defined]
    return name not in TARGET_GATES or (name == "rx" and not native_rx)


def new_angles() -> _Angles:
    return _Angles()


def decompose_module(module: ModuleOp, native_rx: bool = False) -> int:
    """Decompose all non-target gates in ``module``; returns how many."""
    return decompose_ops([op for op in module.walk() if needs_decomposition(op, native_rx)], native_rx)


def decompose_ops(todo: list[qc.GateOp], native_rx: bool = False, angles: _Angles | None = None) -> int:
    """``angles``: the shared angle constants of earlier calls on the same
    function (``new_angles()``), for a caller that decomposes piece by piece."""
    angles = angles or _Angles()
    for op in todo:
        decompose_gate(angles, op, native_rx)
    return len(todo)


@dataclass(frozen=True)
class QcDecomposeToTarget(ModulePass):
    """Rewrite gates outside the QIR target gate set into target gates."""

    name = "qc-decompose-to-target"

    native_rx: bool = False
    """Keep ``rx`` as a target gate (for executors without qir-runner's fusion bug)."""

    def apply(self, ctx: Context, op: ModuleOp) -> None:
        decompose_module(op, self.native_rx)
