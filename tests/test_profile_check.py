"""Tests for the QIR profile checker (qckpt/qir/check/).

Conformant samples live in tests/qir_samples/ and also run on qir-runner.
The bad modules are written here, each as one entry-point body inside a common
frame (`adaptive()` / `base()`), so that each test shows only what it breaks.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyqir
import pytest

from qckpt.diagnostics import QckptError
from qckpt.qir import check as pc
from qckpt.qir.check import (
    EXTENSIONS,
    Extension,
    Violation,
    check_file,
    check_module,
    format_report,
    has_errors,
)

SAMPLES = Path(__file__).parent / "qir_samples"
QIR_RUNNER = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "qir-runner"

# --------------------------------------------------------------------------- #
# A frame for hand-written modules
# --------------------------------------------------------------------------- #

REQUIRED_FLAGS = {
    "qir_major_version": (1, "i32 2"),
    "qir_minor_version": (7, "i32 0"),
    "dynamic_qubit_management": (1, "i1 false"),
    "dynamic_result_management": (1, "i1 false"),
}

DECLS = """
declare void @__quantum__qis__h__body(ptr)
declare void @__quantum__qis__x__body(ptr)
declare void @__quantum__qis__cnot__body(ptr, ptr)
declare void @__quantum__qis__mz__body(ptr, ptr writeonly) #1
declare void @__quantum__rt__initialize(ptr)
declare i1 @__quantum__rt__read_result(ptr readonly)
declare void @__quantum__rt__result_record_output(ptr, ptr)
declare void @__quantum__rt__bool_record_output(i1, ptr)
declare void @__quantum__rt__int_record_output(i64, ptr)
declare void @__quantum__rt__tuple_record_output(i64, ptr)
declare void @__quantum__rt__array_record_output(i64, ptr)
"""

LABELS = """
@r0 = internal constant [3 x i8] c"r0\\00"
@r1 = internal constant [3 x i8] c"r1\\00"
@v = internal constant [2 x i8] c"v\\00"
"""


def _flags(flags: dict[str, tuple[int, object]]) -> str:
    names = list(flags)
    lines = ["!llvm.module.flags = !{" + ", ".join(f"!{i}" for i in range(len(names))) + "}"]
    extra = []
    for i, name in enumerate(names):
        behaviour, value = flags[name]
        if isinstance(value, list):  # a tuple of strings, as int_computations wants
            node = len(names) + len(extra)
            extra.append("!{" + ", ".join(f'!"{s}"' for s in value) + "}")
            value = f"!{node}"
        lines.append(f'!{i} = !{{i32 {behaviour}, !"{name}", {value}}}')
    for k, node in enumerate(extra):
        lines.append(f"!{len(names) + k} = {node}")
    return "\n".join(lines) + "\n"


def module(body: str, *, profile: str = "adaptive_profile", flags: dict | None = None,
           nq: int | None = 2, nr: int | None = 2, ret: str = "i64", attrs: str | None = None,
           functions: str = "", decls: str = "") -> str:
    """An entry point @main with ``body`` (its blocks), labels, declarations, attributes, flags."""
    if attrs is None:
        attrs = f'"entry_point" "qir_profiles"="{profile}" "output_labeling_schema"="labeled"'
        if nq is not None:
            attrs += f' "required_num_qubits"="{nq}"'
        if nr is not None:
            attrs += f' "required_num_results"="{nr}"'
    all_flags = dict(REQUIRED_FLAGS)
    all_flags.update(flags or {})
    all_flags = {k: v for k, v in all_flags.items() if v is not None}
    return (LABELS + functions + f"\ndefine {ret} @main() #0 {{\n{body}\n}}\n" + DECLS + decls
            + f"\nattributes #0 = {{ {attrs} }}\nattributes #1 = {{ \"irreversible\" }}\n\n" + _flags(all_flags))


def adaptive(body: str, **kw) -> str:
    return module(body, **kw)


def base(body: str, **kw) -> str:
    return module(body, profile="base_profile", **kw)


def check(text: str, profile: str | None = None) -> list[Violation]:
    m = pyqir.Module.from_ir(pyqir.Context(), text, "test")
    return check_module(m, profile)


def errors(vs: list[Violation]) -> list[Violation]:
    return [v for v in vs if v.severity == "error"]


def only(vs: list[Violation], severity: str = "error") -> Violation:
    """The single finding of ``severity``; fails with the whole report otherwise."""
    got = [v for v in vs if v.severity == severity]
    assert len(got) == 1, "\n".join(map(str, vs))
    return got[0]


INT64 = {"int_computations": (5, ["i64"])}
PROLOGUE = "entry:\n  call void @__quantum__rt__initialize(ptr null)\n"
RECORD0 = "  call void @__quantum__rt__result_record_output(ptr null, ptr @r0)\n  ret i64 0\n"

# A small conformant body: measure, branch on it, record.
GOOD_BODY = PROLOGUE + """  call void @__quantum__qis__h__body(ptr null)
  call void @__quantum__qis__mz__body(ptr null, ptr writeonly null)
  %0 = call i1 @__quantum__rt__read_result(ptr readonly null)
  br i1 %0, label %then, label %exit
then:
  call void @__quantum__qis__x__body(ptr nonnull inttoptr (i64 1 to ptr))
  br label %exit
exit:
""" + RECORD0


# --------------------------------------------------------------------------- #
# Conformant modules
# --------------------------------------------------------------------------- #


def test_frame_itself_conforms():
    assert check(adaptive(GOOD_BODY)) == []


@pytest.mark.parametrize("name", ["adaptive_ok.ll", "adaptive_loop_ok.ll", "base_ok.ll"])
def test_samples_conform(name):
    vs = check_file(SAMPLES / name)
    assert vs == [], format_report(vs, name)


def test_base_sample_is_checked_as_base():
    # The Base sample declares base_profile; it must pass the Base rules.
    assert check_file(SAMPLES / "base_ok.ll", profile="base") == []


@pytest.mark.skipif(not QIR_RUNNER.exists() and shutil.which("qir-runner") is None, reason="qir-runner missing")
@pytest.mark.parametrize("name", ["adaptive_ok.ll", "adaptive_loop_ok.ll", "base_ok.ll"])
def test_samples_run_on_qir_runner(name):
    exe = str(QIR_RUNNER) if QIR_RUNNER.exists() else shutil.which("qir-runner")
    res = subprocess.run([exe, "-f", str(SAMPLES / name), "-s", "2"], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines.count("START") == 2
    assert sum(1 for ln in lines if ln.startswith("END\t0")) == 2


def test_bitcode_is_read(tmp_path):
    m = pyqir.Module.from_ir(pyqir.Context(), (SAMPLES / "adaptive_ok.ll").read_text(), "x")
    bc = tmp_path / "prog.bc"
    bc.write_bytes(m.bitcode)
    assert check_file(bc) == []
    # Content decides, not the suffix.
    odd = tmp_path / "prog.ll"
    odd.write_bytes(m.bitcode)
    assert check_file(odd) == []


# --------------------------------------------------------------------------- #
# Bad modules: one broken rule each
# --------------------------------------------------------------------------- #


def test_alloca_load_store():
    body = PROLOGUE + """  %slot = alloca i1
  store i1 true, ptr %slot
  %b = load i1, ptr %slot
  call void @__quantum__rt__bool_record_output(i1 %b, ptr @v)
  ret i64 0
"""
    errs = errors(check(adaptive(body)))
    assert [(v.function, v.block) for v in errs] == [("main", "entry")] * 3
    for v, op in zip(errs, ["'alloca'", "'store'", "'load'"]):
        assert v.message.startswith(op) and "module flag arrays" in v.message


def test_memory_allowed_with_arrays_flag():
    body = PROLOGUE + """  %slot = alloca i1
  store i1 true, ptr %slot
  %b = load i1, ptr %slot
  call void @__quantum__rt__bool_record_output(i1 %b, ptr @v)
  ret i64 0
"""
    assert errors(check(adaptive(body, flags={"arrays": (1, "i1 true")}))) == []


def test_switch_without_flag():
    body = PROLOGUE + """  call void @__quantum__qis__mz__body(ptr null, ptr writeonly null)
  %m = call i1 @__quantum__rt__read_result(ptr readonly null)
  %k = zext i1 %m to i64
  br label %then.1
then.1:
  switch i64 %k, label %exit [ i64 0, label %zero ]
zero:
  br label %exit
exit:
""" + RECORD0
    v = only(check(adaptive(body, flags=INT64)))
    assert str(v) == "error: @main/then.1: 'switch' needs the module flag multiple_target_branching"
    assert "Bullet 8" in v.spec
    assert check(adaptive(body, flags={**INT64, "multiple_target_branching": (1, "i1 true")})) == []


LOOP_BODY = PROLOGUE + """  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  call void @__quantum__qis__h__body(ptr null)
  %next = add i64 %i, 1
  %more = icmp slt i64 %next, 3
  br i1 %more, label %loop, label %exit
exit:
""" + RECORD0


def test_loop_without_backwards_branching():
    v = only(check(adaptive(LOOP_BODY, flags=INT64)))
    assert (v.function, v.block) == ("main", "loop")
    assert "branch back to %loop" in v.message and "backwards_branching" in v.message


def test_loop_with_backwards_branching():
    assert check(adaptive(LOOP_BODY, flags={**INT64, "backwards_branching": (1, "i2 1")})) == []


RUS_BODY = PROLOGUE + """  br label %loop
loop:
  call void @__quantum__qis__h__body(ptr null)
  call void @__quantum__qis__mz__body(ptr null, ptr writeonly null)
  %m = call i1 @__quantum__rt__read_result(ptr readonly null)
  br i1 %m, label %exit, label %loop
exit:
""" + RECORD0


def test_conditionally_terminating_loop_needs_value_2_or_3():
    v = only(check(adaptive(RUS_BODY, flags={"backwards_branching": (1, "i2 1")})))
    assert (v.function, v.block) == ("main", "loop")
    assert "depends on a measurement" in v.message and "use 2 or 3" in v.message
    assert check(adaptive(RUS_BODY, flags={"backwards_branching": (1, "i2 2")})) == []
    assert check(adaptive(RUS_BODY, flags={"backwards_branching": (1, "i2 3")})) == []


def test_loop_exit_depending_on_measurement_through_a_phi():
    # The exit condition is a phi merging the arms of a branch on a measurement:
    # control dependence, not data flow.
    body = PROLOGUE + """  br label %loop
loop:
  call void @__quantum__qis__mz__body(ptr null, ptr writeonly null)
  %m = call i1 @__quantum__rt__read_result(ptr readonly null)
  br i1 %m, label %a, label %b
a:
  br label %latch
b:
  br label %latch
latch:
  %stop = phi i1 [ true, %a ], [ false, %b ]
  br i1 %stop, label %exit, label %loop
exit:
""" + RECORD0
    v = only(check(adaptive(body, flags={"backwards_branching": (1, "i2 1")})))
    assert (v.block, "depends on a measurement" in v.message) == ("latch", True)


def test_iteration_inside_a_measured_branch_is_still_an_iteration():
    body = PROLOGUE + """  call void @__quantum__qis__mz__body(ptr null, ptr writeonly null)
  %m = call i1 @__quantum__rt__read_result(ptr readonly null)
  br i1 %m, label %pre, label %exit
pre:
  br label %loop
loop:
  %i = phi i64 [ 0, %pre ], [ %next, %loop ]
  call void @__quantum__qis__x__body(ptr nonnull inttoptr (i64 1 to ptr))
  %next = add i64 %i, 1
  %more = icmp slt i64 %next, 2
  br i1 %more, label %loop, label %exit
exit:
""" + RECORD0
    assert check(adaptive(body, flags={**INT64, "backwards_branching": (1, "i2 1")})) == []


def test_qubit_id_from_a_measured_phi():
    body = PROLOGUE + """  call void @__quantum__qis__mz__body(ptr null, ptr writeonly null)
  %m = call i1 @__quantum__rt__read_result(ptr readonly null)
  %k = zext i1 %m to i64
  br label %go
go:
  %id = phi i64 [ %k, %entry ]
  %q = inttoptr i64 %id to ptr
  call void @__quantum__qis__x__body(ptr %q)
  br label %exit
exit:
""" + RECORD0
    v = only(check(adaptive(body, flags={**INT64, "backwards_branching": (1, "i2 1")})))
    assert v.block == "go" and "depends on a measurement" in v.message


def test_float_op_without_float_computations():
    body = PROLOGUE + """  %x = fadd double 1.0, 2.0
  %y = fmul double %x, 2.0
  call void @__quantum__qis__rx__body(double %y, ptr null)
""" + RECORD0
    decl = "declare void @__quantum__qis__rx__body(double, ptr)\n"
    errs = errors(check(adaptive(body, decls=decl)))
    assert [(v.block, v.message) for v in errs] == [
        ("entry", "'fadd double' needs the module flag float_computations (listing \"double\")"),
        ("entry", "'fmul double' needs the module flag float_computations (listing \"double\")"),
    ]
    ok = {"float_computations": (5, ["double"])}
    assert check(adaptive(body, decls=decl, flags=ok)) == []
    # A listed precision must match: float is not double.
    only_float = {"float_computations": (5, ["float"])}
    assert all("to list \"double\"" in v.message for v in errors(check(adaptive(body, decls=decl, flags=only_float))))


def test_float_precision_is_read_for_non_double_types():
    body = PROLOGUE + """  %x = fadd float 1.0, 2.0
""" + RECORD0
    v = only(check(adaptive(body, flags={"float_computations": (5, ["double"])})))
    assert v.message == "'fadd float' needs the module flag float_computations to list \"float\""


def test_int_ops_need_the_listed_width():
    body = PROLOGUE + """  %a = add i32 1, 2
  %b = xor i1 true, false
  %c = icmp eq i1 %b, true
""" + RECORD0
    # i1 computations are mandatory (Bullet 3); i32 is not listed.
    v = only(check(adaptive(body, flags=INT64)))
    assert v.message == "'add i32' needs the module flag int_computations to list \"i32\""
    v = only(check(adaptive(body)))
    assert v.message == "'add i32' needs the module flag int_computations (listing \"i32\")"


def test_record_output_outside_the_final_block():
    body = PROLOGUE + """  call void @__quantum__qis__mz__body(ptr null, ptr writeonly null)
  call void @__quantum__rt__result_record_output(ptr null, ptr @r0)
  br label %exit
exit:
  ret i64 0
"""
    v = only(check(adaptive(body)))
    assert (v.function, v.block) == ("main", "entry")
    assert "ends in 'br', not 'ret'" in v.message and "result_record_output" in v.message


def test_record_output_followed_by_a_gate():
    body = PROLOGUE + """  call void @__quantum__qis__mz__body(ptr null, ptr writeonly null)
  call void @__quantum__rt__result_record_output(ptr null, ptr @r0)
  call void @__quantum__qis__h__body(ptr null)
  ret i64 0
"""
    v = only(check(adaptive(body)))
    assert v.block == "entry"
    assert v.message.startswith("'call @__quantum__qis__h__body' follows output recording")


IR_FN = """
define void @bell(ptr %a, ptr %b) {
entry:
  call void @__quantum__qis__h__body(ptr %a)
  call void @__quantum__qis__cnot__body(ptr %a, ptr %b)
  ret void
}
"""
IR_CALL_BODY = PROLOGUE + """  br label %prep
prep:
  call void @bell(ptr null, ptr nonnull inttoptr (i64 5 to ptr))
  br label %exit
exit:
""" + RECORD0


def test_call_to_ir_defined_function_without_ir_functions():
    vs = check(adaptive(IR_CALL_BODY, functions=IR_FN, nq=6))
    v = only(vs)
    assert (v.function, v.block) == ("main", "prep")
    assert v.message == "call to @bell, a function defined in the module, needs the module flag ir_functions"
    assert check(adaptive(IR_CALL_BODY, functions=IR_FN, nq=6, flags={"ir_functions": (1, "i1 true")})) == []


def test_qubit_ids_passed_to_ir_function_count():
    # @bell passes its parameters on as qubits: id 5 needs required_num_qubits >= 6.
    v = only(check(adaptive(IR_CALL_BODY, functions=IR_FN, nq=2, flags={"ir_functions": (1, "i1 true")})))
    assert (v.block, v.message) == ("prep", "qubit id 5 is used, but required_num_qubits is 2 "
                                            "(ids must lie in [0, required_num_qubits); it must be at least 6)")


def test_record_output_inside_ir_function():
    fn = """
define void @report() {
entry:
  call void @__quantum__rt__result_record_output(ptr null, ptr @r0)
  ret void
}
"""
    body = PROLOGUE + "  call void @report()\n" + RECORD0
    v = only(check(adaptive(body, functions=fn, flags={"ir_functions": (1, "i1 true")})))
    assert (v.function, v.block) == ("report", "entry")
    assert "inside an IR-defined function" in v.message


def test_recursion_is_forbidden():
    fn = """
define void @ping(ptr %q) {
entry:
  call void @__quantum__qis__x__body(ptr %q)
  call void @pong(ptr %q)
  ret void
}
define void @pong(ptr %q) {
entry:
  call void @ping(ptr %q)
  ret void
}
"""
    body = PROLOGUE + "  call void @ping(ptr null)\n" + RECORD0
    v = only(check(adaptive(body, functions=fn, flags={"ir_functions": (1, "i1 true")})))
    assert v.function == "ping" and "recursion (@ping -> @pong -> @ping)" in v.message


def test_unknown_runtime_function():
    body = PROLOGUE + """  call void @__quantum__rt__message(ptr @v)
""" + RECORD0
    v = only(check(adaptive(body, decls="declare void @__quantum__rt__message(ptr)\n")))
    assert (v.block, v.message) == ("entry", "@__quantum__rt__message is not a runtime function of the Adaptive Profile")


def test_call_to_foreign_function():
    body = PROLOGUE + "  %n = call i32 @puts(ptr @v)\n" + RECORD0
    errs = errors(check(adaptive(body, decls="declare i32 @puts(ptr)\n")))
    assert any("@puts, which is neither a QIS function" in v.message for v in errs)


@pytest.mark.parametrize("missing", ["entry_point", "qir_profiles", "output_labeling_schema",
                                     "required_num_qubits", "required_num_results"])
def test_missing_entry_point_attribute(missing):
    attrs = {
        "entry_point": '"entry_point"',
        "qir_profiles": '"qir_profiles"="adaptive_profile"',
        "output_labeling_schema": '"output_labeling_schema"="labeled"',
        "required_num_qubits": '"required_num_qubits"="2"',
        "required_num_results": '"required_num_results"="2"',
    }
    del attrs[missing]
    v = only(check(adaptive(GOOD_BODY, attrs=" ".join(attrs.values()))))
    if missing == "entry_point":
        assert (v.function, v.block) == (None, None) and "no entry point" in v.message
    else:
        assert (v.function, v.block, v.message) == ("main", None, f'the entry point lacks the attribute "{missing}"')


def test_required_num_attributes_optional_with_dynamic_management():
    body = PROLOGUE + """  %q = call ptr @__quantum__rt__qubit_allocate(ptr null)
  call void @__quantum__qis__h__body(ptr %q)
  call void @__quantum__rt__qubit_release(ptr %q)
  ret i64 0
"""
    decls = "declare ptr @__quantum__rt__qubit_allocate(ptr)\ndeclare void @__quantum__rt__qubit_release(ptr)\n"
    dyn = {"dynamic_qubit_management": (1, "i1 true")}
    assert check(adaptive(body, decls=decls, flags=dyn, nq=None)) == []
    # Flag false: allocation is not declared, and the qubit count becomes mandatory.
    msgs = [(v.block, v.message) for v in errors(check(adaptive(body, decls=decls, nq=None)))]
    assert msgs == [
        (None, 'the entry point lacks the attribute "required_num_qubits"'),
        ("entry", "@__quantum__rt__qubit_allocate needs the module flag dynamic_qubit_management"),
        ("entry", "@__quantum__rt__qubit_release needs the module flag dynamic_qubit_management"),
    ]


def test_static_ids_with_dynamic_management():
    v = only(check(adaptive(GOOD_BODY, flags={"dynamic_qubit_management": (1, "i1 true")})))
    assert "static qubit ids" in v.message and "dynamic_qubit_management is true" in v.message


def test_required_num_qubits_too_small():
    body = PROLOGUE + """  br label %far
far:
  call void @__quantum__qis__x__body(ptr nonnull inttoptr (i64 7 to ptr))
  call void @__quantum__qis__mz__body(ptr nonnull inttoptr (i64 7 to ptr), ptr writeonly nonnull inttoptr (i64 3 to ptr))
  br label %exit
exit:
""" + RECORD0
    errs = errors(check(adaptive(body)))
    assert [(v.function, v.block) for v in errs] == [("main", "far"), ("main", "far")]
    assert errs[0].message.startswith("qubit id 7 is used, but required_num_qubits is 2")
    assert errs[1].message.startswith("result id 3 is used, but required_num_results is 2")
    assert check(adaptive(body, nq=8, nr=4)) == []


def test_global_as_qubit_is_reported_not_crashing():
    # pyqir.ptr_id segfaults on a global: the checker must never hand it one.
    body = PROLOGUE + "  call void @__quantum__qis__h__body(ptr @v)\n" + RECORD0
    v = only(check(adaptive(body)))
    assert v.message.startswith("qubit argument 0 of @__quantum__qis__h__body is the global @v")


def test_read_result_in_base_profile():
    body = PROLOGUE + """  call void @__quantum__qis__mz__body(ptr null, ptr writeonly null)
  %m = call i1 @__quantum__rt__read_result(ptr readonly null)
""" + RECORD0
    v = only(check(base(body)))
    assert (v.function, v.block) == ("main", "entry")
    assert v.message.startswith("@__quantum__rt__read_result is an Adaptive Profile runtime function")


def test_branching_in_base_profile():
    body = PROLOGUE + """  call void @__quantum__qis__h__body(ptr null)
  br i1 true, label %a, label %exit
a:
  br label %exit
exit:
""" + RECORD0
    v = only(check(base(body)))
    assert (v.block, v.message) == ("entry", "a conditional 'br': the Base Profile branches only unconditionally")


def test_base_profile_order_and_reuse_after_measurement():
    body = PROLOGUE + """  call void @__quantum__qis__mz__body(ptr null, ptr writeonly null)
  br label %body
body:
  call void @__quantum__qis__h__body(ptr null)
""" + RECORD0
    errs = errors(check(base(body)))
    assert [v.block for v in errs] == ["body", "body"]
    assert errs[0].message.startswith("'call @__quantum__qis__h__body' after measurements")
    assert errs[1].message == "qubit 0 is used after it was measured"


def test_base_profile_has_no_classical_instructions():
    body = PROLOGUE + "  %a = add i64 1, 2\n" + RECORD0
    v = only(check(base(body)))
    assert (v.block, v.message) == ("entry", "'add' is not allowed in the Base Profile (only call, br and ret; "
                                             "no local variables)")
    first = errors(check(base(body, flags=INT64)))[0]
    assert (first.function, first.message) == (None, "the module flag int_computations declares an Adaptive "
                                                     "Profile capability; the Base Profile has none")


def test_adaptive_module_checked_as_base():
    vs = check_file(SAMPLES / "adaptive_ok.ll", profile="base")
    assert has_errors(vs)
    assert any(v.severity == "warning" and 'qir_profiles="adaptive_profile"' in v.message for v in vs)


def test_double_record_output_is_an_extension():
    body = PROLOGUE + """  call void @__quantum__rt__double_record_output(double 1.5, ptr @v)
  ret i64 0
"""
    decls = "declare void @__quantum__rt__double_record_output(double, ptr)\n"
    vs = check(adaptive(body, decls=decls, flags={"float_computations": (5, ["double"])}))
    assert not has_errors(vs)
    v = only(vs, "extension")
    assert (v.function, v.block) == ("main", "entry")
    assert "extension double_record_output" in v.message and "float_record_output" in v.message
    # It is output recording like the others: the final-block rule applies.
    moved = PROLOGUE + """  call void @__quantum__rt__double_record_output(double 1.5, ptr @v)
  br label %exit
exit:
  ret i64 0
"""
    assert "not 'ret'" in only(check(adaptive(moved, decls=decls, flags={"float_computations": (5, ["double"])}))).message


def test_float_record_output_is_the_spec_name():
    body = PROLOGUE + """  call void @__quantum__rt__float_record_output(double 1.5, ptr @v)
  ret i64 0
"""
    decls = "declare void @__quantum__rt__float_record_output(double, ptr)\n"
    assert check(adaptive(body, decls=decls, flags={"float_computations": (5, ["double"])})) == []
    v = only(check(adaptive(body, decls=decls)))
    assert v.message == "@__quantum__rt__float_record_output needs the module flag float_computations"


QCKPT_FN = """
define void @__qckpt_boundary(i64 %id) {
entry:
  call void @__quantum__rt__int_record_output(i64 %id, ptr @v)
  ret void
}
"""
QCKPT_BODY = PROLOGUE + """  call void @__quantum__qis__h__body(ptr null)
  br label %b1
b1:
  call void @__qckpt_boundary(i64 1)
  br label %exit
exit:
""" + RECORD0


def test_qckpt_streaming_records_with_flag_are_an_extension():
    flag = {"qckpt_streaming_records": (7, "i1 true")}
    vs = check(adaptive(QCKPT_BODY, functions=QCKPT_FN, flags=flag))
    assert not has_errors(vs), "\n".join(map(str, vs))
    ext = [v for v in vs if v.severity == "extension"]
    assert [(v.function, v.block) for v in ext] == [(None, None), ("__qckpt_boundary", None), ("main", "b1")]
    assert "qckpt_streaming_records" in ext[0].message
    assert ext[2].message.startswith("call to @__qckpt_boundary: extension qckpt_streaming_records")


def test_qckpt_calls_are_grouped_and_may_follow_recording():
    body = PROLOGUE + """  call void @__qckpt_boundary(i64 1)
  br label %exit
exit:
  call void @__qckpt_boundary(i64 2)
  call void @__quantum__rt__result_record_output(ptr null, ptr @r0)
  call void @__qckpt_boundary(i64 3)
  ret i64 0
"""
    vs = check(adaptive(body, functions=QCKPT_FN, flags={"qckpt_streaming_records": (7, "i1 true")}))
    assert not has_errors(vs), "\n".join(map(str, vs))
    calls = [v for v in vs if v.severity == "extension" and v.function == "main"]
    assert len(calls) == 1 and calls[0].block == "entry" and calls[0].message.endswith("; 3 calls in @main")


def test_qckpt_call_without_flag_is_an_error():
    vs = check(adaptive(QCKPT_BODY, functions=QCKPT_FN))
    call = [v for v in errors(vs) if v.function == "main"]
    assert [(v.block, v.message) for v in call] == [
        ("b1", "call to @__qckpt_boundary (extension qckpt_streaming_records) needs the module flag "
               "qckpt_streaming_records (i1 true)")]


def test_extension_table_takes_one_entry(monkeypatch):
    monkeypatch.setitem(EXTENSIONS, "acme_tracing", Extension("ACME's trace calls", flag="acme_tracing",
                                                              prefixes=("__acme_",)))
    body = PROLOGUE + "  call void @__acme_trace(i64 3)\n" + RECORD0
    text = adaptive(body, decls="declare void @__acme_trace(i64)\n", flags={"acme_tracing": (7, "i1 true")})
    vs = check(text)
    assert not has_errors(vs)
    assert [v.block for v in vs if v.severity == "extension"] == [None, "entry"]


def test_void_entry_point_is_a_warning():
    body = GOOD_BODY.replace("ret i64 0", "ret void")
    v = only(check(adaptive(body, ret="void")), "warning")
    assert v.function == "main" and "returns void" in v.message
    assert not has_errors(check(adaptive(body, ret="void")))


def test_exit_code_range_and_multiple_returns():
    body = PROLOGUE + """  call void @__quantum__qis__mz__body(ptr null, ptr writeonly null)
  %m = call i1 @__quantum__rt__read_result(ptr readonly null)
  br i1 %m, label %fail, label %exit
fail:
  ret i64 64
exit:
""" + RECORD0
    errs = errors(check(adaptive(body)))
    assert [(v.block, v.message.split(":")[0]) for v in errs] == [
        ("fail", "'ret i64 64'"), ("exit", "a second 'ret' (the first is in %fail); this needs the module flag "
                                           "multiple_return_points")]
    ok = errors(check(adaptive(body.replace("i64 64", "i64 1"), flags={"multiple_return_points": (1, "i1 true")})))
    assert ok == []


def test_module_flags_types_and_behaviours():
    text = adaptive(GOOD_BODY, flags={"dynamic_qubit_management": (1, "i32 0"),
                                      "qir_major_version": (7, "i32 2"),
                                      "backwards_branching": (1, "i1 true")})
    msgs = [v.message for v in errors(check(text))]
    assert "the module flag dynamic_qubit_management must be an i1 constant, found i32 0" in msgs
    assert "the module flag qir_major_version has behaviour 7; it must be 1 (Error)" in msgs
    assert "the module flag backwards_branching must be an i2 constant, found i1 true" in msgs
    missing = adaptive(GOOD_BODY, flags={"qir_minor_version": None})
    assert only(check(missing)).message == "the module flag qir_minor_version is missing (an i32 constant)"


def test_draft_string_form_of_int_computations():
    body = PROLOGUE + "  %a = add i64 1, 2\n" + RECORD0
    vs = check(adaptive(body, flags={"int_computations": (1, '!"i32,i64"')}))
    assert not has_errors(vs)
    assert "form of the drafts" in only(vs, "warning").message


def test_null_label_is_a_warning():
    body = PROLOGUE + "  call void @__quantum__rt__result_record_output(ptr null, ptr null)\n  ret i64 0\n"
    v = only(check(adaptive(body)), "warning")
    assert "null label" in v.message


def test_base_labels_must_be_unique():
    body = PROLOGUE + """  call void @__quantum__qis__mz__body(ptr null, ptr writeonly null)
  call void @__quantum__rt__result_record_output(ptr null, ptr @r0)
  call void @__quantum__rt__result_record_output(ptr null, ptr @r0)
  ret i64 0
"""
    assert "used by more than one output recording call" in only(check(base(body))).message
    assert check(adaptive(body)) == []


def test_profile_from_attribute_and_override():
    text = adaptive(GOOD_BODY, profile="custom")
    v = only(check(text))
    assert v.message.startswith('attribute qir_profiles="custom" names no QIR profile')
    with pytest.raises(QckptError):
        check(text, profile="turbo")


# --------------------------------------------------------------------------- #
# Reports and user errors
# --------------------------------------------------------------------------- #


def test_violation_str_and_report():
    v = Violation("error", "main", "then.1", "'switch' needs the module flag multiple_target_branching")
    assert str(v) == "error: @main/then.1: 'switch' needs the module flag multiple_target_branching"
    assert str(Violation("warning", None, None, "x")) == "warning: module: x"
    assert str(Violation("extension", "f", None, "y")) == "extension: @f: y"
    rep = format_report([v, Violation("extension", None, None, "z", spec="S")], "a.ll")
    assert rep.splitlines() == [
        "a.ll: error: @main/then.1: 'switch' needs the module flag multiple_target_branching",
        "a.ll: extension: module: z [S]",
        "a.ll: does not conform: 1 error, 1 extension, 0 warnings",
    ]
    assert format_report([], "b.ll") == "b.ll: conforms (no errors, extensions or warnings)"
    assert has_errors([v]) and not has_errors([Violation("extension", None, None, "z")])


def test_missing_file_is_a_user_error(tmp_path):
    with pytest.raises(QckptError, match="no such file"):
        check_file(tmp_path / "nope.ll")


def test_unparsable_text_is_a_user_error(tmp_path):
    p = tmp_path / "bad.ll"
    p.write_text("define i64 @main( {\n")
    with pytest.raises(QckptError, match="cannot parse LLVM IR"):
        check_file(p)


def test_unparsable_bitcode_is_a_user_error(tmp_path):
    p = tmp_path / "bad.bc"
    p.write_bytes(b"BC\xc0\xde" + b"\x00" * 16)
    with pytest.raises(QckptError, match="cannot parse bitcode"):
        check_file(p)
    q = tmp_path / "text.bc"
    q.write_text("; not bitcode\n")
    with pytest.raises(QckptError, match="not LLVM bitcode"):
        check_file(q)


def test_invalid_ir_is_reported():
    text = adaptive(PROLOGUE + "  br label %x\nx:\n  %a = add i64 %b, 1\n  %b = add i64 %a, 1\n" + RECORD0,
                    flags=INT64)
    vs = check(text)
    assert any(v.function is None and "not valid LLVM IR" in v.message for v in vs)


def test_linear_time_on_a_large_module():
    # 3000 blocks of gates and branches: the checker must stay well under a second.
    blocks = [PROLOGUE + "  br label %b0"]
    for i in range(3000):
        blocks.append(f"b{i}:\n  call void @__quantum__qis__mz__body(ptr null, ptr writeonly null)\n"
                      f"  %m{i} = call i1 @__quantum__rt__read_result(ptr readonly null)\n"
                      f"  br i1 %m{i}, label %t{i}, label %b{i + 1}\n"
                      f"t{i}:\n  call void @__quantum__qis__x__body(ptr null)\n  br label %b{i + 1}")
    blocks.append("b3000:\n" + RECORD0)
    import time

    m = pyqir.Module.from_ir(pyqir.Context(), adaptive("\n".join(blocks)), "big")
    t = time.perf_counter()
    assert check_module(m) == []
    assert time.perf_counter() - t < 3.0


def test_module_exports():
    assert set(pc.__all__) >= {"check_module", "check_file", "format_report", "Violation", "EXTENSIONS"}
