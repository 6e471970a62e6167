"""What a name in an OpenQASM program stands for while it is lowered, and the
flag keys and limits the lowering shares.

Classical variables are keys into the ``SSAEnv`` (one per bit of a bit
register), so that structured control flow can thread them; constants are
folded values; gates and subroutines keep their parse trees, to be inlined
at each call.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from lark import Token, Tree
from xdsl.ir import SSAValue

from qckpt.frontend.qasm.values import QType, Val

# Escape flags (break, continue, return) and a subroutine's return value live
# in the SSA environment like variables, so loops and ifs thread them.
BREAK, CONTINUE, RETURN, RETVAL = ("flag", "break"), ("flag", "continue"), ("flag", "return"), ("flag", "retval")
# Every qubit and every bit is an SSA value at compile time: a register of
# millions would take the compiler minutes to build, and no simulator or
# device runs it. Larger registers are rejected rather than attempted.
MAX_REGISTER = 100_000


@dataclass
class QSym:
    qubits: list[SSAValue]
    register: bool


@dataclass
class CSym:
    type: QType
    keys: list[Hashable]  # one per bit for a bit register, else one


@dataclass
class ConstSym:
    value: Val
    type: QType


@dataclass
class GateDef:
    params: list[str]
    qubits: list[str]
    body: Tree


@dataclass
class SubDef:
    args: list[tuple[str, str, QType | None, int | None]]  # (kind 'q'|'c', name, type, qubit count)
    ret: QType | None
    body: Tree
    tok: Token
