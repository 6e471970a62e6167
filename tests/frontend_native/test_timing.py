"""OpenQASM timing: durations fold and type-check, delays become ``qc.delay``
until emission drops them, box and gate durations are dropped, and a program
with timing runs exactly as the same program without it.

The strongest check of "keeps the program's semantics" is that the QIR of a
program with timing is byte-identical to the QIR of the program with the
timing removed by hand; the examples from the OpenQASM project also run on
qir-runner against an Aer reference.
"""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path

import pytest
from qiskit import QuantumCircuit

import stats
from qckpt.diagnostics import QckptError
from qckpt.dialects.qc import DelayOp
from qckpt.pipeline import compile_circuit, compile_qasm, qasm_to_module

EXAMPLES = Path(__file__).resolve().parent / "openqasm_examples"
HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\n'
SHOTS = 4000


def _compile(source: str, **kw) -> tuple[str, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qir = compile_qasm(source, "t.qasm", **kw)
    return qir, [str(w.message) for w in caught]


def _delays(source: str) -> list[DelayOp]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        module = qasm_to_module(source, "t.qasm")
    return [op for op in module.walk() if isinstance(op, DelayOp)]


# ---------------------------------------------------------------- folding
@pytest.mark.parametrize(
    ("expr", "seconds", "samples"),
    [
        ("100ns", 100e-9, 0.0),
        ("1us + 2 * 250ns", 1.5e-6, 0.0),
        ("1µs - 0.5us", 0.5e-6, 0.0),
        ("0.1us + 0.2us", 300e-9, 0.0),
        ("2ms / 4", 0.5e-3, 0.0),
        ("-(-3s)", 3.0, 0.0),
        ("10dt + 20ns", 20e-9, 10.0),
        ("d * 3", 300e-9, 0.0),
        ("(1us / 250ns) * 1ns", 4e-9, 0.0),
    ],
)
def test_duration_arithmetic_folds_into_the_delay(expr: str, seconds: float, samples: float) -> None:
    (op,) = _delays(HEAD + f"duration d = 100ns;\ndelay[{expr}] q[0];\n")
    assert math.isclose(op.seconds.value.data, seconds, rel_tol=1e-12)
    assert op.samples.value.data == samples
    assert list(op.unresolved) == []


def test_stretch_and_durationof_stay_unresolved_terms() -> None:
    src = HEAD + "stretch g;\nduration s = -0.5 * durationof({x q[0];}) + g;\ndelay[s] q[0];\ndelay[2 * g] q;\n"
    first, second = _delays(src)
    assert [a.data for a in first.unresolved] == ["-0.5*durationof@6:21", "1*stretch g"]
    assert [a.data for a in second.unresolved] == ["2*stretch g"]
    assert len(second.qubits) == 2  # `delay[...] q;` idles every qubit of q


def test_duration_comparisons_and_ratios_fold() -> None:
    qir, _ = _compile(HEAD + "if (1us / 250ns == 4 && 100ns < 0.2us && 1000ns == 1us && 0.1us + 0.2us == 300ns && 5dt != 6dt) x q[0];\nc = measure q;\n")
    plain, _ = _compile(HEAD + "x q[0];\nc = measure q;\n")
    assert qir == plain


# ---------------------------------------------------------------- semantics kept
TIMED = """
duration t = 50ns;
stretch g;
h q[0];
delay[t] q[0];
box[1us] {
  delay[g] q[1];
  cx q[0], q[1];
  x[20ns] q[1];
}
box { delay[2 * g] q; rz(pi / 4) q[1]; }
barrier q;
delay[10dt];
c = measure q;
"""
UNTIMED = """
h q[0];
cx q[0], q[1];
x q[1];
rz(pi / 4) q[1];
barrier q;
c = measure q;
"""


def test_timing_is_dropped_and_the_qir_is_the_untimed_programs() -> None:
    qir, messages = _compile(HEAD + TIMED)
    plain, none = _compile(HEAD + UNTIMED)
    assert qir == plain
    assert none == []
    # One warning per kind, with its count, located at the first of its kind.
    assert sorted(messages) == sorted([
        "t.qasm:9:1: warning: 4 delays dropped (QIR has no timing; the first is here)",
        "t.qasm:10:5: warning: 1 box duration dropped (QIR has no timing; the first is here)",
        "t.qasm:13:5: warning: 1 gate duration dropped (QIR has no timing; the first is here)",
    ])


@pytest.mark.parametrize(
    ("stmt", "line", "col", "kind"),
    [("delay[100ns] q[0];", 5, 1, "delay"), ("box[1us] { x q[0]; }", 5, 5, "box duration"), ("x[20ns] q[0];", 5, 3, "gate duration")],
)
def test_timing_error_mode_rejects_each_kind(stmt: str, line: int, col: int, kind: str) -> None:
    with pytest.raises(QckptError) as info:
        qasm_to_module(HEAD + stmt + "\n", "t.qasm", timing="error")
    e = info.value
    assert (e.loc.line, e.loc.col) == (line, col), e.render()
    assert e.message.startswith(f"{kind} is timing, which QIR cannot express (--timing error)")


def test_box_without_duration_is_not_timing_even_in_error_mode() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        module = qasm_to_module(HEAD + "box { x q[0]; }\nc = measure q;\n", "t.qasm", timing="error")
    assert "qc.gate \"x\"" in str(module)


# ---------------------------------------------------------------- located errors
BAD = [
    ("duration_plus_angle", "duration d = 10ns;\nangle a = d + pi;\n", 6, 11, "'+' between a duration and an angle or float is not defined"),
    ("negative_delay", "delay[100ns - 200ns] q[0];\n", 5, 7, "a delay cannot be negative"),
    ("negative_box", "box[-1us] { x q[0]; }\n", 5, 5, "a box cannot last a negative time"),
    ("delay_of_a_number", "delay[100] q[0];\n", 5, 7, "a delay takes a duration, not 100"),
    ("duration_as_gate_angle", "duration d = 10ns;\nrx(d) q[0];\n", 6, 1, "a duration (1e-08s) cannot be used as float"),
    ("duration_as_int", "duration d = 10ns;\nint n = d;\n", 6, 9, "cannot be used as int"),
    ("duration_as_condition", "if (10ns) x q[0];\n", 5, 5, "cannot be used as bool"),
    ("duration_times_duration", "duration d = 10ns * 10ns;\n", 5, 14, "'*' between a duration and a duration is not defined"),
    ("dt_compared_with_ns", "bool b = 10dt < 10ns;\n", 5, 10, "depends on the backend's timing"),
    ("ratio_with_stretch", "stretch g;\nfloat r = g / 10ns;\n", 6, 11, "depends on the backend's timing"),
    ("duration_of_run_time_value", "int n = 1;\nc[0] = measure q[0];\nif (c[0]) n = 2;\ndelay[n * 1ns] q[0];\n", 8, 7, "known only at run time"),
    ("duration_declared_as_number", "duration d = 3;\n", 5, 14, "3 is not a duration"),
    ("box_of_a_number", "box[3] { x q[0]; }\n", 5, 5, "the duration of a box must be a duration"),
    ("gate_duration_of_a_number", "x[1.5] q[0];\n", 5, 3, "a gate's duration must be a duration"),
    ("durationof_unknown_gate", "duration d = durationof({nope q[0];});\n", 5, 26, "nope"),
]


@pytest.mark.parametrize(("name", "stmt", "line", "col", "words"), BAD, ids=[b[0] for b in BAD])
def test_timing_misuse_is_located(name: str, stmt: str, line: int, col: int, words: str) -> None:
    with pytest.raises(QckptError) as info:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile_qasm(HEAD + stmt, f"{name}.qasm")
    e = info.value
    assert e.loc is not None and (e.loc.file, e.loc.line, e.loc.col) == (f"{name}.qasm", line, col), e.render()
    assert words in e.message, e.message


# ---------------------------------------------------------------- the OpenQASM examples
def _measured(source: str, n: int) -> str:
    return source + f"\nbit[{n}] meas;\nmeas = measure q;\n"


@pytest.mark.comparisons(1)
def test_alignment_example_runs_and_matches_aer(aer_counts, run_qir_complete) -> None:
    source = (EXAMPLES / "alignment.qasm").read_text()
    qir, messages = _compile(source)
    assert messages == ["t.qasm:13:1: warning: 2 delays dropped (QIR has no timing; the first is here)"]
    run_qir_complete(qir, shots=10)
    # With its qubits measured: cx on |00> and U(pi/4, 0, pi/2) on q[2].
    result = run_qir_complete(_compile(_measured(source, 3))[0], shots=SHOTS)

    def twin() -> QuantumCircuit:
        qc = QuantumCircuit(3, 3)
        qc.cx(0, 1)
        qc.u(math.pi / 4, 0, math.pi / 2, 2)
        qc.measure(range(3), range(3))
        return qc

    ref = aer_counts(twin, shots=SHOTS)
    stats.assert_same_distribution({k.replace(" ", ""): v for k, v in result.counts.items()}, ref)


def test_dd_example_is_rejected_for_its_u_without_angles_and_a_fixed_copy_runs(run_qir_complete) -> None:
    source = (EXAMPLES / "dd.qasm").read_text()
    with pytest.raises(QckptError) as info:
        _compile(source)
    assert (info.value.loc.line, info.value.loc.col) == (25, 3)
    assert "gate 'u' takes 3 parameter(s), but 0 were given" in info.value.message
    fixed = source.replace("  u $3;", "  u(0, 0, 0) $3;")
    qir, messages = _compile(fixed)
    assert messages == ["t.qasm:13:3: warning: 5 delays dropped (QIR has no timing; the first is here)"]
    run_qir_complete(qir, shots=10)
    # The box body stays: x, y, x, y on $0 (= -I up to phase... measured: |0>) and the cx chain.
    untimed = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nx $0;\ny $0;\nx $0;\ny $0;\ncx $2, $3;\ncx $1, $2;\nu(0, 0, 0) $3;\n"
    assert re.sub(r"\s+", " ", qir) == re.sub(r"\s+", " ", _compile(untimed)[0])


def test_t1_example_stops_at_extern() -> None:
    """t1.qasm's timing converts; it then calls an ``extern`` function,
    which a QIR program cannot call (issue scope: extern is left out)."""
    with pytest.raises(QckptError) as info:
        _compile((EXAMPLES / "t1.qasm").read_text())
    assert info.value.loc.line == 13 and "'extern' is not supported" in info.value.message


# ---------------------------------------------------------------- Qiskit circuits
def _bell_with_delays() -> tuple[QuantumCircuit, QuantumCircuit]:
    plain = QuantumCircuit(2, 2)
    plain.h(0)
    plain.cx(0, 1)
    plain.x(1)
    plain.measure([0, 1], [0, 1])
    timed = QuantumCircuit(2, 2)
    timed.h(0)
    timed.delay(100, 0, unit="ns")
    timed.delay(64, 1, unit="dt")
    timed.cx(0, 1)
    timed.delay(1.5, 1, unit="us")
    timed.x(1)
    timed.measure([0, 1], [0, 1])
    return plain, timed


def test_qiskit_delays_are_dropped_with_one_warning() -> None:
    plain, timed = _bell_with_delays()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        qir = compile_circuit(timed)
    assert qir == compile_circuit(plain)
    assert [str(w.message) for w in caught] == ["warning: 3 delays dropped (QIR has no timing; the first is here)"]
    with pytest.raises(QckptError, match=r"delay of 100.0 ns, which QIR cannot express \(timing='error'\)"):
        compile_circuit(timed, timing="error")


@pytest.mark.comparisons(1)
def test_dynamical_decoupling_padded_circuit_matches_the_unpadded(run_qir_complete) -> None:
    """A circuit scheduled and padded by Qiskit's PadDynamicalDecoupling
    (X-X pairs in idle windows, delays around them) converts, and its
    distribution is the unpadded circuit's."""
    from qiskit import transpile
    from qiskit.circuit.library import XGate
    from qiskit.providers.fake_provider import GenericBackendV2
    from qiskit.transpiler import PassManager
    from qiskit.transpiler.passes import ALAPScheduleAnalysis, PadDynamicalDecoupling

    backend = GenericBackendV2(num_qubits=3, basis_gates=["cx", "id", "rz", "sx", "x"], seed=7)
    qc = QuantumCircuit(3, 3)
    qc.h(0)
    qc.cx(0, 1)
    qc.cx(1, 2)
    qc.cx(0, 1)
    qc.measure(range(3), range(3))
    base = transpile(qc, backend, optimization_level=0, seed_transpiler=1)
    padded = PassManager([ALAPScheduleAnalysis(target=backend.target), PadDynamicalDecoupling(target=backend.target, dd_sequence=[XGate(), XGate()])]).run(base)
    names = padded.count_ops()
    assert names.get("delay", 0) > 0 and names.get("x", 0) > base.count_ops().get("x", 0), names
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = run_qir_complete(compile_circuit(padded), shots=SHOTS).counts
    ref = run_qir_complete(compile_circuit(base), shots=SHOTS).counts
    stats.assert_same_distribution(ours, ref)
    # GHZ-like: only 000 and 111 (as laid out by the transpiler), each about half.
    assert len(ours) == 2
