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

TUPLE_RECORD = "__quantum__rt__tuple_record_output"

# A parameter bound after emission: `<type> @qckpt_param_<name>()`, declared by
# the emitter and defined by `qckpt bind` (an IR-defined function returning a
# constant; QIR's entry point takes no arguments).
PARAM_PREFIX = "qckpt_param_"

# ---- resumable programs (`qckpt convert --resumable`) ------------------------
# The entry block calls `i64 @qckpt_resume_point()`: 0 starts the program from
# the top, id + 1 jumps to boundary id's resume block, which reads each
# persisted value from `<type> @"qckpt_resume.<id>.<name>"()`. `qckpt
# bind-resume` defines them all (each returns a constant) and links them in;
# the entry point still takes no arguments.
RESUME_POINT = "qckpt_resume_point"
RESUME_VALUE_PREFIX = "qckpt_resume."
RESUME_VISIT_NAME = "qckpt.visit"  # every resume block reads its visit number
# A replay boundary's resume block re-runs its cone until the post-selected
# measurements match, with no limit: any limit would give up more often on a
# rare recorded outcome than on a common one, and so bias the resumed
# histogram (docs/restoration.md, "Why replay is unbiased"). Only a program
# emitted with an explicit cap (``replay_tries``, for negative controls)
# ends a shot that did not match with this exit code and record.
REPLAY_FAILED_EXIT = 3
REPLAY_FAILED_LABEL = "qckpt.replay_failed"  # INT <boundary id>, the failed shot's only record


def resume_value_fn(boundary: int, name: str) -> str:
    return f"{RESUME_VALUE_PREFIX}{boundary}.{name}"


# ---- checkpoint records, `streaming` mode (a qckpt extension) ----------------
# Each visit of a ckpt.boundary prints, as it happens:
#   TUPLE <k>   "qckpt.visit"   begin; k = number of value records that follow
#   INT   <id>  "qckpt.id"      the boundary id
#   BOOL/INT/DOUBLE <value> "<name>"   k records: the values, two or more bits
#                               packed into INT words "qckpt.bits:<names>"
#   INT   <id>  "qckpt.end"     the visit is complete
# A visit without its end record was cut short and is never used. Visits are
# numbered by position (the n-th visit of boundary id in a shot): the Adaptive
# Profile has no mutable state in which a program could count them.
STREAMING_FLAG = "qckpt_streaming_records"
VISIT_LABEL = "qckpt.visit"
ID_LABEL = "qckpt.id"
END_LABEL = "qckpt.end"
STUB_BEGIN = "__qckpt_visit_begin"  # (i64 id, i64 k)
STUB_END = "__qckpt_visit_end"  # (i64 id)
STUB_RECORD = {"i1": "__qckpt_record_bool", "i64": "__qckpt_record_int", "double": "__qckpt_record_double"}  # (value, ptr label)
# A visit's bits, when it has two or more, travel packed: one INT record per
# 64 bits, bit j of the word being the j-th name in its label
# "qckpt.bits:<name>,<name>,...". qir-runner spends ~3 us per printed record.
STUB_RECORD_BITS = "__qckpt_record_bits"  # (i64 word, ptr label)
BITS_LABEL_PREFIX = "qckpt.bits:"
RECORD_FOR = {"i1": BOOL_RECORD, "i64": INT_RECORD, "double": DOUBLE_RECORD}
# ---- checkpoint records, `final` mode (conformant, the default) -------------
# After the program's outputs, in the final block, one group per boundary in
# id order, holding the boundary's last completed visit:
#   TUPLE <k>   "qckpt.last"     k = number of values that follow the count
#   INT   <id>  "qckpt.id"
#   INT   <n>   "qckpt.visits"   completed visits in this shot (0: never; the
#                                values are then placeholders)
#   BOOL/INT/DOUBLE <value> "<name>"   k values, as at visit n
LAST_VISIT_LABEL = "qckpt.last"
VISITS_LABEL = "qckpt.visits"
RECORD_MODES = ("final", "streaming")
RUNTIMES = ("linked", "extern")


def label_problem(label: bytes | str) -> str | None:
    """Why ``label`` cannot be an output label, or None. qir-runner prints a
    label raw at the end of a tab-separated record line, so a tab or newline in
    it would start a fake field or a fake record (a whole fake shot, even); any
    control character is refused for the same reason."""
    data = label.encode("utf-8", "surrogateescape") if isinstance(label, str) else label
    for c in data:
        if c < 0x20 or c == 0x7F:
            return f"contains the control character {chr(c)!r}"
    return None


def bit_label(register: str, index: int) -> str:
    return f"{register}[{index}]"


def module_flags(
    *,
    int_computations: bool,
    float_computations: bool,
    backwards_branching: bool,
    multiple_target_branching: bool,
    ir_functions: bool,
    streaming_records: bool = False,
    multiple_return_points: bool = False,
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
    if multiple_return_points:
        flags.append('i32 1, !"multiple_return_points", i1 true')
    if streaming_records:
        flags.append(f'i32 7, !"{STREAMING_FLAG}", i1 true')
    return flags
