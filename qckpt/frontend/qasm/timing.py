"""Lowering OpenQASM timing: ``duration`` and ``stretch`` values and their
arithmetic, ``delay[...]``, ``box``/``box[...]``, ``durationof(...)`` and
gate-call durations.

QIR has no timing model, so durations exist only at compile time: they fold
(``Duration``), are type-checked (a duration added to an angle, a negative
delay are located errors), and leave the IR as ``qc.delay`` ops that carry
their duration as attributes until emission drops them. ``--timing error``
rejects the first timing construct instead, at its location.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from lark import Token, Tree
from xdsl.ir import SSAValue

from qckpt.frontend.qasm.state import LoweringState
from qckpt.frontend.qasm.symbols import ConstSym
from qckpt.frontend.qasm.values import Dyn, QType

# Seconds per unit; `dt` (the backend's sample time) is kept apart, since its
# length is not known when compiling. Exact fractions, so that `1000ns == 1us`.
_SI = {"ns": Fraction(1, 10**9), "us": Fraction(1, 10**6), "µs": Fraction(1, 10**6), "ms": Fraction(1, 1000), "s": Fraction(1)}
DURATION = QType("duration")
STRETCH = QType("stretch")
TIMING_MODES = ("drop", "error")


@dataclass(frozen=True)
class Duration:
    """A duration as a linear combination of units: ``"s"`` (seconds),
    ``"dt"`` (backend samples), and terms only the scheduler can resolve
    (a stretch variable, a ``durationof`` of a block). Linear, because that
    is all the language allows durations to do: add, subtract, scale."""

    terms: tuple[tuple[str, Fraction], ...]

    @staticmethod
    def of(**units: float | Fraction) -> "Duration":
        return Duration(tuple(sorted((k, Fraction(v)) for k, v in units.items() if v != 0)))

    def as_dict(self) -> dict[str, Fraction]:
        return dict(self.terms)

    def __add__(self, other: "Duration") -> "Duration":
        d = self.as_dict()
        for k, v in other.terms:
            d[k] = d.get(k, Fraction(0)) + v
        return Duration(tuple(sorted((k, v) for k, v in d.items() if v != 0)))

    def scale(self, x: float | Fraction) -> "Duration":
        f = Fraction(x)
        return Duration(tuple((k, v * f) for k, v in self.terms if v * f != 0))

    @property
    def resolved(self) -> bool:
        """Known without a scheduler: only seconds and samples."""
        return all(k in ("s", "dt") for k, _ in self.terms)

    @property
    def seconds(self) -> float:
        return float(self.as_dict().get("s", 0))

    @property
    def samples(self) -> float:
        return float(self.as_dict().get("dt", 0))

    def __str__(self) -> str:
        if not self.terms:
            return "0s"
        return " + ".join(f"{float(v):g}{'' if k in ('s', 'dt') else '*'}{k}" for k, v in self.terms)


def is_duration(v: Any) -> bool:
    return isinstance(v, Duration)


class TimingLowering(LoweringState):
    """Durations, delays, boxes. ``timing_mode`` is ``drop`` (default: keep
    the program's semantics and warn once per kind with a count) or
    ``error``; ``dropped`` counts what was dropped, by kind."""

    timing_mode: str = "drop"

    def timing_feature(self, node: Any, kind: str) -> None:
        """Record one timing construct of ``kind``; under ``--timing error``
        it is a located error."""
        if self.timing_mode == "error":
            raise self.error(node, f"{kind} is timing, which QIR cannot express (--timing error); --timing drop drops it")
        counts: dict[str, tuple[int, Any]] = self.__dict__.setdefault("dropped", {})
        n, first = counts.get(kind, (0, node))
        counts[kind] = (n + 1, first)

    def warn_dropped_timing(self) -> None:
        """One warning per kind of timing dropped by the frontend, located at
        its first occurrence (delays are counted when emission drops the
        ``qc.delay`` ops)."""
        for kind, (n, first) in self.__dict__.get("dropped", {}).items():
            self.warn(first, f"{n} {kind}{'s' if n != 1 else ''} dropped (QIR has no timing; the first is here)")

    # ------------------------------------------------------------- values
    def ex_duration_lit(self, e: Tree) -> Duration:
        text = str(e.children[0])
        for unit in ("dt", "ns", "us", "µs", "ms", "s"):
            if text.endswith(unit):
                number = Fraction(text[: -len(unit)])
                return Duration.of(dt=number) if unit == "dt" else Duration.of(s=number * _SI[unit])
        raise self.error(e, f"'{text}' is not a duration")  # the lexer admits no other unit

    def ex_durationof(self, e: Tree) -> Duration:
        """``durationof({...})``: how long the block takes is the backend's
        to say (gate durations are calibrations), so it stays a term of its
        own, one per occurrence. Its body is checked as code, not run."""
        tok = e.children[0]
        self.check_durationof_body(e.children[-1])
        return Duration.of(**{f"durationof@{tok.line}:{tok.column}": 1.0})

    def check_durationof_body(self, block: Tree) -> None:
        """The block of ``durationof`` names gates and qubits that must exist;
        it is lowered into a detached block and thrown away."""
        from xdsl.ir import Block

        scratch = Block()
        saved = self.b.set_block(scratch)
        saved_mode, self.timing_mode = self.timing_mode, "drop"
        saved_dropped = dict(self.__dict__.get("dropped", {}))
        try:
            self.st_block(block)
        finally:
            self.b.set_block(saved)
            self.timing_mode = saved_mode
            self.__dict__["dropped"] = saved_dropped
        self.dead_blocks.append(scratch)

    def duration_binary(self, o: str, a: Any, b: Any, node: Any) -> Any:
        """Arithmetic with a duration on at least one side: duration ± duration,
        duration × or ÷ a number, duration ÷ duration (a number), comparisons
        of durations whose difference is known."""
        da, db = is_duration(a), is_duration(b)
        if isinstance(a, Dyn) or isinstance(b, Dyn):
            raise self.error(node, f"'{o}': a duration cannot be combined with a value known only at run time")
        num = (int, float)
        if o in ("+", "-") and da and db:
            return a + (b.scale(-1.0) if o == "-" else b)
        if o == "*" and da != db:
            d, x = (a, b) if da else (b, a)
            if isinstance(x, bool) or not isinstance(x, num):
                raise self.error(node, f"a duration can be multiplied by a number, not by {x!r}")
            return d.scale(float(x))
        if o == "/" and da and not db and isinstance(b, num) and not isinstance(b, bool):
            if b == 0:
                raise self.error(node, "division of a duration by zero")
            return a.scale(1 / Fraction(b))
        if o == "/" and da and db:
            ratio = self._duration_ratio(a, b)
            if ratio is None:
                raise self.error(node, f"the ratio of {a} to {b} depends on the backend's timing, which qckpt does not know")
            return ratio
        if o in ("==", "!=", "<", "<=", ">", ">=") and da and db:
            diff = a + b.scale(-1.0)
            if not diff.resolved or (diff.seconds and diff.samples):
                raise self.error(node, f"comparing {a} with {b} depends on the backend's timing, which qckpt does not know")
            d = diff.as_dict()
            x = d.get("s", 0) or d.get("dt", 0)
            return {"==": x == 0, "!=": x != 0, "<": x < 0, "<=": x <= 0, ">": x > 0, ">=": x >= 0}[o]
        other = b if da else a
        what = "an angle or float" if isinstance(other, float) else ("a duration" if is_duration(other) else f"{type(other).__name__} {other!r}")
        raise self.error(node, f"'{o}' between a duration and {what} is not defined")

    @staticmethod
    def _duration_ratio(a: Duration, b: Duration) -> float | None:
        if not b.terms:
            return None
        keys = {k for k, _ in a.terms} | {k for k, _ in b.terms}
        da, db = a.as_dict(), b.as_dict()
        k0 = b.terms[0][0]
        r = da.get(k0, Fraction(0)) / db[k0]
        if all(da.get(k, 0) == r * db.get(k, 0) for k in keys):
            return float(r)
        return None

    def declare_timing(self, name: Token, qtype: QType, init: Any) -> None:
        """``duration d = ...;`` / ``stretch s;``: compile-time values. A
        stretch without a value is a term the scheduler would solve for."""
        if qtype.kind == "stretch" and init is None:
            self.declare(name, ConstSym(Duration.of(**{f"stretch {name}": 1.0}), qtype))
            return
        value = self.eval(init) if init is not None else Duration.of()
        if not is_duration(value):
            if not isinstance(value, bool) and isinstance(value, (int, float)) and value == 0:
                value = Duration.of()
            else:
                raise self.error(init, f"'{name}' is a {qtype.kind}; {value!r} is not a duration")
        self.declare(name, ConstSym(value, qtype))

    def delay_duration(self, node: Any) -> Duration:
        v = self.eval(node)
        if not is_duration(v):
            raise self.error(node, f"a delay takes a duration, not {v!r}" if not isinstance(v, Dyn) else "a delay takes a duration known at compile time")
        # A duration with a stretch or durationof term is the scheduler's to
        # solve; one known now must not be negative.
        if v.resolved and (v.seconds < 0 or v.samples < 0):
            raise self.error(node, f"a delay cannot be negative ({v})")
        return v

    # ------------------------------------------------------------- statements
    def st_delay_stmt(self, st: Tree) -> None:
        """``delay[d] q...;`` (no qubits: all of them) -> one ``qc.delay``."""
        duration = self.delay_duration(st.children[1])
        if self.timing_mode == "error":
            self.timing_feature(st, "delay")
        qs: list[SSAValue] = []
        if len(st.children) > 2:
            for q in st.children[2].children:
                qs.extend(self.resolve_qarg(q))
        else:
            qs.extend(self.qubits_in_scope())
            if self.phys:
                qs.extend(self.phys)
        self.b.delay(list(dict.fromkeys(qs)), duration.seconds, duration.samples,
                     [f"{float(c):g}*{k}" for k, c in duration.terms if k not in ("s", "dt")], self.loc(st.children[0]))

    def st_box_stmt(self, st: Tree) -> None:
        """``box { ... }`` groups operations for scheduling: the operations
        stay; ``box[d]``'s duration is dropped (counted)."""
        for c in st.children:
            if isinstance(c, Tree) and c.data == "designator":
                d = self.eval(c.children[0])
                if not is_duration(d):
                    raise self.error(c, f"the duration of a box must be a duration, not {d!r}")
                if d.resolved and (d.seconds < 0 or d.samples < 0):
                    raise self.error(c, f"a box cannot last a negative time ({d})")
                self.timing_feature(c, "box duration")
        self.st_block(st.children[-1])

    def gate_duration(self, designator: Tree) -> None:
        """``x[100ns] q;``: the gate runs; its requested duration is dropped."""
        d = self.eval(designator.children[0])
        if not is_duration(d):
            raise self.error(designator, f"a gate's duration must be a duration, not {d!r}")
        self.timing_feature(designator, "gate duration")
