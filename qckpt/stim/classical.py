"""Classical values of a program lowered to stim, as functions of its
measurement record.

stim samples the measurement record of whole shots; everything classical a
program computes (a bit it records, a boundary's persisted values, a
condition) is a function of that record. The lowering folds what is known
at compile time (loop counters, constants) and keeps the rest symbolic:

- :class:`Parity`: an ``i1`` that is the XOR of some measurement results and
  a constant. This is the only form a condition may take on stim, because a
  Pauli controlled by a parity is a product of Paulis each controlled by one
  record bit (``CX rec[-k] q``).
- :class:`Expr`: any other value computed from measurements (an AND of two
  bits, an integer built from bits). It can be recorded, since the records
  are computed after sampling, but it cannot steer the circuit.

Values travel in the stored program as JSON (:func:`to_json`,
:func:`from_json`) and are evaluated over a batch of shots with numpy
(:func:`evaluate`). This module imports neither xDSL nor stim, so that the
sampling worker starts fast.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Union

import numpy as np


@dataclass(frozen=True)
class Parity:
    """XOR of the measurement results at ``meas`` (absolute indices in the
    record) and ``flip``. Never empty: an empty parity is the constant."""

    meas: frozenset[int]
    flip: bool = False


@dataclass(frozen=True)
class Expr:
    """An operation on values at least one of which depends on measurements."""

    op: str  # a key of OPS
    args: tuple["Value", ...]


Value = Union[bool, int, float, Parity, Expr]


def is_const(v: Value) -> bool:
    return isinstance(v, (bool, int, float))


def parity(meas: frozenset[int], flip: bool) -> Value:
    return Parity(meas, flip) if meas else flip


def as_parity(v: Value) -> Parity | None:
    """``v`` as an affine function of the record, if it is one."""
    if isinstance(v, Parity):
        return v
    if isinstance(v, bool):
        return Parity(frozenset(), v)
    return None


def xor_bits(a: Value, b: Value) -> Value:
    pa, pb = as_parity(a), as_parity(b)
    if pa is not None and pb is not None:
        return parity(pa.meas ^ pb.meas, pa.flip ^ pb.flip)
    return Expr("xor", (a, b))


def _select(c, a, b):
    if isinstance(c, np.ndarray) or isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.where(np.asarray(c).astype(bool), a, b)
    return a if c else b


def _trunc1(a):
    return a & 1


# Each works on Python scalars (compile-time folding) and on numpy arrays
# (one element per shot). Bits are 0/1 integers in arrays and bool scalars.
OPS: dict[str, Callable] = {
    "xor": operator.xor,
    "and": operator.and_,
    "or": operator.or_,
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "shl": operator.lshift,
    "shr": operator.rshift,
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
    "select": _select,
    "trunc1": _trunc1,
    "int": lambda a: a * 1,
    "float": lambda a: a * 1.0,
}


def apply(op: str, args: Sequence[Value]) -> Value:
    """``op`` on ``args``: folded when every argument is a constant."""
    if all(is_const(a) for a in args):
        r = OPS[op](*args)
        if op in ("eq", "ne", "lt", "le", "gt", "ge", "trunc1") or (op in ("xor", "and", "or") and all(isinstance(a, bool) for a in args)):
            return bool(r)
        return r
    return Expr(op, tuple(args))


# -- evaluation over a batch of shots ------------------------------------------------


def evaluate(v: Value, record: np.ndarray, cache: dict | None = None) -> np.ndarray | bool | int | float:
    """``v`` for every shot of ``record`` (shots x measurements, 0/1):
    an array with one element per shot, or the constant itself."""
    if is_const(v):
        return v
    cache = {} if cache is None else cache
    got = cache.get(v)
    if got is not None:
        return got
    if isinstance(v, Parity):
        cols = sorted(v.meas)
        r = np.bitwise_xor.reduce(record[:, cols], axis=1).astype(np.int64) if cols else np.zeros(len(record), np.int64)
        if v.flip:
            r ^= 1
    else:
        r = OPS[v.op](*(evaluate(a, record, cache) for a in v.args))
        if not isinstance(r, np.ndarray):
            r = np.full(len(record), r)
        if r.dtype == bool:
            r = r.astype(np.int64)
    cache[v] = r
    return r


# -- the stored form ---------------------------------------------------------------


def to_json(v: Value) -> object:
    if isinstance(v, bool):
        return {"b": int(v)}
    if isinstance(v, int):
        return {"i": v}
    if isinstance(v, float):
        return {"f": v}
    if isinstance(v, Parity):
        return {"p": sorted(v.meas), "x": int(v.flip)}
    return {"op": v.op, "a": [to_json(a) for a in v.args]}


def from_json(j: dict) -> Value:
    if "b" in j:
        return bool(j["b"])
    if "i" in j:
        return int(j["i"])
    if "f" in j:
        return float(j["f"])
    if "p" in j:
        return Parity(frozenset(j["p"]), bool(j["x"]))
    if j.get("op") not in OPS:
        raise ValueError(f"unknown classical operation {j.get('op')!r}")
    return Expr(j["op"], tuple(from_json(a) for a in j["a"]))
