"""``pipeline.qasm_to_qir`` emits QIR while the frontend lowers
(``qckpt.qir.stream``), so that a long program's IR is never whole. It must
write the same QIR, byte for byte, as emitting the finished module; it must
really let go of the statements it has emitted; and a program it cannot emit
that way must be converted the ordinary way."""

from __future__ import annotations

import gc
import importlib.util
import random
import sys
import weakref
from pathlib import Path

import pytest
from xdsl.dialects import arith

from qckpt import pipeline
from qckpt.dialects import qc
from qckpt.frontend.qasm.lowering import qasm_to_module as lower
from qckpt.ir import all_ops
from qckpt.ir.release import release
from qckpt.qir import stream

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.name for p in (ROOT / "examples").glob("*.qasm"))


def _random_circuit(n: int) -> str:
    spec = importlib.util.spec_from_file_location("bench_circuits", ROOT / "benchmarks" / "benchlib" / "circuits.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod.random_dynamic_circuit(n).source


def _gates_to_decompose(n: int) -> str:
    """``n`` statements, most of them gates outside the target set (several
    batches of them), with measurements and conditional swaps in between."""
    rng = random.Random(5)
    lines = ["OPENQASM 3.0;", 'include "stdgates.inc";', "qubit[6] q;", f"bit[{n}] c;"]
    for k in range(n):
        a, b, c = rng.sample(range(6), 3)
        lines.append(rng.choice([
            f"c[{k}] = measure q[{a}];\nif (c[{k}]) swap q[{a}], q[{b}];", f"ccx q[{a}], q[{b}], q[{c}];",
            f"u({rng.random():.3f}, {rng.random():.3f}, 0.5) q[{a}];", f"crz({rng.random():.3f}) q[{a}], q[{b}];",
            f"rx({rng.random():.3f}) q[{a}];", f"sx q[{a}];",
        ]))
    return "\n".join(lines) + "\n"


class _Spy(stream.StreamingEmission):
    """Counts what the entry block holds each time a statement is handed over."""

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.gates_alive: list[int] = []
        self.finished = False
        self.first_gate: weakref.ref | None = None
        self.first_gate_freed_while_lowering = False

    def __call__(self, builder, last: bool = False) -> None:
        super().__call__(builder, last)
        ops = all_ops(builder.func)
        self.gates_alive.append(sum(type(o) is qc.GateOp for o in ops))
        if self.first_gate is None:
            gate = next((o for o in ops if type(o) is qc.GateOp), None)
            if gate is not None:
                self.first_gate = weakref.ref(gate)
        elif self.first_gate() is None:
            self.first_gate_freed_while_lowering = True

    def finish(self, module):
        qir = super().finish(module)
        self.finished = True
        return qir


@pytest.mark.parametrize("native_rx", [False, True])
def test_gates_decomposed_batch_by_batch_give_the_same_qir(native_rx: bool) -> None:
    source = _gates_to_decompose(1200)
    spy = _Spy(native_rx=native_rx)
    streamed = str(spy.finish(lower(source, "d.qasm", on_statement=spy)))
    assert streamed == pipeline.module_to_qir(pipeline.qasm_to_module(source, "d.qasm"), "adaptive", native_rx)
    assert len(spy.gates_alive) > 3 and "__quantum__qis__ccx__body" in streamed


@pytest.mark.parametrize("profile", ["adaptive", "base"])
@pytest.mark.parametrize("program", ["random-3000", *EXAMPLES])
def test_the_qir_is_the_one_emitted_from_the_whole_module(program: str, profile: str) -> None:
    source = _random_circuit(3000) if program == "random-3000" else (ROOT / "examples" / program).read_text()
    try:
        expected = pipeline.module_to_qir(pipeline.qasm_to_module(source, program), profile)
    except Exception as e:  # e.g. the Base Profile refusing mid-circuit measurement
        with pytest.raises(type(e)) as got:
            pipeline.qasm_to_qir(source, program, profile=profile)
        assert str(got.value) == str(e)
        return
    assert pipeline.qasm_to_qir(source, program, profile=profile) == expected
    assert pipeline.qasm_to_qir(source, program, profile=profile, bitcode=True) == pipeline.module_to_bitcode(pipeline.qasm_to_module(source, program), profile)


def test_emitted_statements_are_freed_by_reference_counting_while_lowering_goes_on() -> None:
    source = _random_circuit(2000)
    spy = _Spy()
    was = gc.isenabled()
    gc.disable()  # as `qckpt convert` runs: only reference counting frees anything
    try:
        module = lower(source, "random.qasm", on_statement=spy)
        spy.finish(module)
    finally:
        if was:
            gc.enable()
    assert spy.finished
    # At most a batch of statements' gates (an `if` holds one) is in the IR at any time ...
    assert len(spy.gates_alive) > 1500 and max(spy.gates_alive) <= stream.BATCH + 1
    assert spy.first_gate_freed_while_lowering
    # ... and what stays is what later statements may read: measurements, not gates.
    left = all_ops(module)
    assert not any(type(o) is qc.GateOp for o in left)
    assert sum(type(o) is qc.MeasureOp for o in left) == 200


def test_a_program_the_stream_cannot_emit_is_converted_the_ordinary_way() -> None:
    # A float comparison needs the text sink, which is chosen for the whole function up front.
    source = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[1] q;\nbit[1] c;\nfloat[64] a = 0.5;\nh q[0];\nc[0] = measure q[0];\nif (c[0]) { a = a * 2.0; }\nif (a > 0.7) { x q[0]; }\nc[0] = measure q[0];\n'
    module = pipeline.qasm_to_module(source, "f.qasm")
    assert any(type(o) is arith.CmpfOp for o in all_ops(module))
    spy = _Spy()
    with pytest.raises(stream.NotStreamable):
        spy.finish(lower(source, "f.qasm", on_statement=spy))
    assert pipeline.qasm_to_qir(source, "f.qasm") == pipeline.module_to_qir(module)


def test_an_error_is_the_ordinary_paths_error() -> None:
    # The Base Profile refuses the reuse of a measured qubit at emission, after a lowering error would have come.
    source = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[1] q;\nbit[1] c;\nc[0] = measure q[0];\nx q[0];\nnot_a_gate q[0];\n'
    with pytest.raises(Exception) as ordinary:
        pipeline.module_to_qir(pipeline.qasm_to_module(source, "e.qasm"), "base")
    with pytest.raises(type(ordinary.value)) as streamed:
        pipeline.qasm_to_qir(source, "e.qasm", profile="base")
    assert "not_a_gate" in str(streamed.value) and str(streamed.value) == str(ordinary.value)


def test_release_unlinks_an_op_from_its_block_and_from_the_values_it_reads() -> None:
    module = pipeline.qasm_to_module('OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\nx q[1];\n', "r.qasm")
    block = module.ops.first.body.block  # type: ignore[union-attr]
    h, cx, x = [o for o in block.ops if type(o) is qc.GateOp]
    q0, q1 = cx.operands
    before = (len(list(q0.uses)), len(list(q1.uses)))
    ref = weakref.ref(cx)
    release(cx)
    assert [o for o in block.ops if type(o) is qc.GateOp] == [h, x]
    assert h.next_op is x and x.prev_op is h
    assert (len(list(q0.uses)), len(list(q1.uses))) == (before[0] - 1, before[1] - 1)
    del cx
    assert ref() is None  # no cycle left for the collector
