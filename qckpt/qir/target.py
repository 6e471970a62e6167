"""``xdsl-opt -t qir``: emit QIR from a module already in the target gate set
(run ``-p qc-decompose-to-target`` first when it is not)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, ClassVar

from xdsl.context import Context
from xdsl.dialects.builtin import ModuleOp
from xdsl.utils.target import Target


@dataclass(frozen=True)
class QIRTarget(Target):
    name: ClassVar[str] = "qir"
    profile: str = "adaptive"

    def emit(self, ctx: Context, module: ModuleOp, output: IO[str]) -> None:
        from qckpt.qir.emit import emit_qir

        output.write(str(emit_qir(module, self.profile)))
