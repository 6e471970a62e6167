"""The output-record ABI shared by the QIR emitter and the record readers.

Written down once here (and described in ``docs/abi.md``) so the emitter and
the log reader cannot drift apart. Changing anything here changes the ABI.

Program outputs (``qc.output``), in declaration order of the registers:

- a bit register ``c`` of n bits: ``array_record_output(n, "c")`` followed by
  n ``bool_record_output(bit_i, "c[i]")`` records, index 0 first;
- an integer ``x``: ``int_record_output(x, "x")``;
- a float ``y``: ``double_record_output(y, "y")`` (qir-runner's name; an
  extension that ``qckpt check-qir`` names).
"""

from __future__ import annotations

OUTPUT_LABELING_SCHEMA = "qckpt_v1"
LABEL_GLOBAL_PREFIX = "qckpt.label."

ARRAY_RECORD = "__quantum__rt__array_record_output"
BOOL_RECORD = "__quantum__rt__bool_record_output"
INT_RECORD = "__quantum__rt__int_record_output"
DOUBLE_RECORD = "__quantum__rt__double_record_output"
RESULT_RECORD = "__quantum__rt__result_record_output"

QIR_MAJOR_VERSION = 2  # QIR 2.0: opaque pointers, as emitted
QIR_MINOR_VERSION = 0


def bit_label(register: str, index: int) -> str:
    return f"{register}[{index}]"


def module_flags(
    *,
    int_computations: bool,
    float_computations: bool,
    backwards_branching: bool,
    multiple_target_branching: bool,
    ir_functions: bool,
) -> list[str]:
    """The ``!llvm.module.flags`` entries, as the Adaptive Profile lists them.

    Capability flags are present only when the program uses the capability, so
    a backend that lacks one rejects only the programs that need it."""
    flags = [
        f'i32 1, !"qir_major_version", i32 {QIR_MAJOR_VERSION}',
        f'i32 7, !"qir_minor_version", i32 {QIR_MINOR_VERSION}',
        'i32 1, !"dynamic_qubit_management", i1 false',
        'i32 1, !"dynamic_result_management", i1 false',
    ]
    if int_computations:
        flags.append('i32 5, !"int_computations", !{!"i64"}')
    if float_computations:
        flags.append('i32 5, !"float_computations", !{!"double"}')
    if ir_functions:
        flags.append('i32 1, !"ir_functions", i1 true')
    if backwards_branching:
        flags.append('i32 7, !"backwards_branching", i2 3')
    if multiple_target_branching:
        flags.append('i32 1, !"multiple_target_branching", i1 true')
    return flags
