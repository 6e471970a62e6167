"""What the profiles allow, as tables: runtime functions, opcodes, types and
module flags, each with the section of qir-alliance/qir-spec it comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyqir


ADAPTIVE = "adaptive"
BASE = "base"
PROFILE_ATTR = {ADAPTIVE: "adaptive_profile", BASE: "base_profile"}
PROFILE_TITLE = {ADAPTIVE: "the Adaptive Profile", BASE: "the Base Profile"}

# Spec references (file and section of qir-alliance/qir-spec, specification/).
AP = "Adaptive_Profile.md"
BP = "Base_Profile.md"
MM = "Memory_Management.md"


@dataclass(frozen=True)
class RuntimeFn:
    """A ``__quantum__rt__`` function that a profile names."""

    profiles: frozenset[str]
    record: bool = False  # an output recording function (placement rules apply)
    needs: tuple[str, ...] = ()  # capabilities (module flags) it needs
    result_args: tuple[int, ...] = ()  # argument positions that are result ids
    spec: str = f"{AP}: Runtime Functions"


_BOTH = frozenset({BASE, ADAPTIVE})
_ADA = frozenset({ADAPTIVE})
_DYN = f"{AP}: Bullet 10: Dynamic Allocation; {MM}"
_ARR = f"{AP}: Bullet 11: Arrays; {MM}"

RUNTIME_FUNCTIONS: dict[str, RuntimeFn] = {
    "__quantum__rt__initialize": RuntimeFn(_BOTH),
    "__quantum__rt__read_result": RuntimeFn(_ADA, result_args=(0,)),
    "__quantum__rt__tuple_record_output": RuntimeFn(_BOTH, record=True),
    "__quantum__rt__array_record_output": RuntimeFn(_BOTH, record=True),
    "__quantum__rt__result_record_output": RuntimeFn(_BOTH, record=True, result_args=(0,)),
    "__quantum__rt__bool_record_output": RuntimeFn(_ADA, record=True),
    # "The Adaptive Profile makes it possible to output classical values, if -
    # and only if - computations on classical data types are supported" (Bullet 4).
    "__quantum__rt__int_record_output": RuntimeFn(_ADA, record=True, needs=("int_computations",)),
    "__quantum__rt__float_record_output": RuntimeFn(_ADA, record=True, needs=("float_computations",)),
    "__quantum__rt__qubit_allocate": RuntimeFn(_ADA, needs=("dynamic_qubit_management",), spec=_DYN),
    "__quantum__rt__qubit_release": RuntimeFn(_ADA, needs=("dynamic_qubit_management",), spec=_DYN),
    "__quantum__rt__result_allocate": RuntimeFn(_ADA, needs=("dynamic_result_management",), spec=_DYN),
    "__quantum__rt__result_release": RuntimeFn(_ADA, needs=("dynamic_result_management",), spec=_DYN),
    "__quantum__rt__qubit_array_allocate": RuntimeFn(_ADA, needs=("arrays", "dynamic_qubit_management"), spec=_ARR),
    "__quantum__rt__qubit_array_release": RuntimeFn(_ADA, needs=("arrays", "dynamic_qubit_management"), spec=_ARR),
    "__quantum__rt__result_array_allocate": RuntimeFn(_ADA, needs=("arrays", "dynamic_result_management"), spec=_ARR),
    "__quantum__rt__result_array_release": RuntimeFn(_ADA, needs=("arrays", "dynamic_result_management"), spec=_ARR),
    "__quantum__rt__result_array_record_output": RuntimeFn(_ADA, record=True, needs=("arrays",), spec=_ARR),
}

# Instructions.
OP = pyqir.Opcode
INT_BINOPS = {OP.ADD, OP.SUB, OP.MUL, OP.UDIV, OP.SDIV, OP.UREM, OP.SREM,
              OP.AND, OP.OR, OP.XOR, OP.SHL, OP.LSHR, OP.ASHR}
INT_CASTS = {OP.ZEXT, OP.SEXT, OP.TRUNC}
FLOAT_BINOPS = {OP.FADD, OP.FSUB, OP.FMUL, OP.FDIV}
FLOAT_CASTS = {OP.FP_EXT, OP.FP_TRUNC}
MEMORY = {OP.ALLOCA, OP.LOAD, OP.STORE}
AGGREGATE = {OP.GET_ELEMENT_PTR, OP.EXTRACT_VALUE, OP.INSERT_VALUE}
MNEMONIC_FIX = {"ATOMIC_CMP_XCHG": "cmpxchg", "USER_OP_1": "userop1", "USER_OP_2": "userop2"}

FLOAT_TYPES = ("half", "bfloat", "float", "double", "fp128", "x86_fp80", "ppc_fp128")
SPEC_FLOAT_TYPES = {"half", "float", "double"}  # "LLVM IEEE-754 types up to 64 bits"
FLOAT_TOKEN = re.compile(r"(?<![%@\w.$\-])(" + "|".join(FLOAT_TYPES) + r")\b")

# Measurement QIS functions by name, for modules that omit "irreversible".
MEASUREMENT_NAMES = {"__quantum__qis__mz__body", "__quantum__qis__m__body",
                     "__quantum__qis__mresetz__body", "__quantum__qis__measure__body"}
OLD_READ_RESULT = "__quantum__qis__read_result__body"

# Module flags. Behaviours: 1 Error, 2 Warning, 3 Require, 4 Override,
# 5 Append, 6 AppendUnique, 7 Max, 8 Min.
REQUIRED_FLAGS = {  # name -> (type, behaviour) (Base_Profile.md: Module Flags Metadata)
    "qir_major_version": ("i32", 1),
    "qir_minor_version": ("i32", 7),
    "dynamic_qubit_management": ("i1", 1),
    "dynamic_result_management": ("i1", 1),
}
ADAPTIVE_FLAGS = {  # name -> type (Adaptive_Profile.md: Module Flags Metadata)
    "int_computations": "strings",
    "float_computations": "strings",
    "ir_functions": "i1",
    "backwards_branching": "i2",
    "multiple_target_branching": "i1",
    "multiple_return_points": "i1",
    "arrays": "i1",
}
ADDITIONAL_FLAG_BEHAVIOURS = {2: "Warning", 5: "Append", 6: "AppendUnique", 7: "Max"}
KNOWN_MAJOR_VERSIONS = {1, 2}  # 1: QIR 1.0 (typed pointers); 2: QIR 2.0 (opaque pointers)

BITCODE_MAGIC = (b"BC\xc0\xde", b"\xde\xc0\x17\x0b")  # raw bitcode, bitcode wrapper
