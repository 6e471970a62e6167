"""The current SSA value of each mutable classical location, for frontends.

Source languages assign to bits and variables; our IR has SSA values. A
frontend keeps this map from each location (a Qiskit ``Clbit``, an OpenQASM
variable name, a loop flag ...) to its current value, and threads every
location a control-flow body writes through ``scf`` results and iteration
arguments.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager

from xdsl.ir import SSAValue

_MISSING = object()


class SSAEnv:
    """The current SSA value of each classical location.

    Branch bodies run in scopes whose assignments are undone on exit, so a
    branch costs what it writes, not the size of the program's classical
    state (copying the map per branch made lowering quadratic)."""

    def __init__(self) -> None:
        self.values: dict[Hashable, SSAValue] = {}
        self.logs: list[dict[Hashable, object]] = []

    def __getitem__(self, k: Hashable) -> SSAValue:
        return self.values[k]

    def __contains__(self, k: Hashable) -> bool:
        return k in self.values

    def get(self, k: Hashable) -> SSAValue | None:
        return self.values.get(k)

    def __setitem__(self, k: Hashable, v: SSAValue) -> None:
        if self.logs:
            log = self.logs[-1]
            if k not in log:
                log[k] = self.values.get(k, _MISSING)
        self.values[k] = v

    def pop(self, k: Hashable) -> None:
        if k in self.values:
            if self.logs and k not in self.logs[-1]:
                self.logs[-1][k] = self.values[k]
            del self.values[k]

    def reset(self, keys: tuple[Hashable, ...], value: SSAValue) -> dict[Hashable, SSAValue | None]:
        """Set ``keys`` (loop flags, say) to ``value``; returns what they were,
        for :meth:`restore`."""
        saved = {k: self.values.get(k) for k in keys}
        for k in keys:
            self[k] = value
        return saved

    def restore(self, saved: dict[Hashable, SSAValue | None]) -> None:
        for k, v in saved.items():
            if v is None:
                self.pop(k)
            else:
                self[k] = v

    @contextmanager
    def scope(self) -> Iterator[None]:
        self.logs.append({})
        try:
            yield
        finally:
            for k, old in self.logs.pop().items():
                if old is _MISSING:
                    self.values.pop(k, None)
                else:
                    self.values[k] = old  # type: ignore[assignment]


