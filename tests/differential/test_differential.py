"""Differential end-to-end test: every corpus program compiled by qckpt and
run on qir-runner must produce the same output distribution, and the same
register layout, as the program itself run on Aer.

Why a differential test: the compiler's job is to preserve the semantics of
dynamic circuits, and for random programs the only observable semantics is
the output distribution. Aer is an independent implementation of the same
semantics, so agreement on dozens of programs that each lean on one
construct is strong evidence, and disagreement points at that construct.

Each program is also checked against Aer itself under a second seed. That
keeps the reference honest (Aer has control-flow bugs of its own, see
``stats.py``) and exercises the statistical bound on pairs known to agree.
"""

from __future__ import annotations

import pytest
from qiskit import qasm3

import stats
from stats import REF_SEED_OTHER
from corpus import PROGRAMS
from qasm_corpus import QASM_PROGRAMS

MAX_QUBITS = 8


@pytest.fixture(scope="module")
def pipeline():
    # Imported here, not at module level: until the compiler exists every
    # compiled-program test errors with the ImportError, while the reference
    # and harness tests in this file still run.
    import qckpt.pipeline

    return qckpt.pipeline


def _check_layout(result, circuit, layout_of) -> None:
    """The recorded registers must be the circuit's classical registers: the
    same names and widths, in declaration order (the counts key depends on
    the order, so a reordering would otherwise show up as a baffling
    distribution mismatch)."""
    got = layout_of(result)
    want = [(r.name, r.size) for r in circuit.cregs]
    assert dict(got) == dict(want), f"recorded registers {got} != circuit registers {want}"
    assert got == want, f"recorded register order {got} != declaration order {want}"


def _check_conforms(qir: str) -> None:
    """Everything qckpt emits passes its own profile checker, with no
    errors, extensions or warnings."""
    import pyqir

    from qckpt.qir.check import check_module

    findings = check_module(pyqir.Module.from_ir(pyqir.Context(), qir))
    assert not findings, "\n".join(map(str, findings))


def _check_reference(counts: dict[str, int], deterministic: bool) -> None:
    single = len(counts) == 1
    assert single == deterministic, (
        f"corpus says deterministic={deterministic} but Aer gave {len(counts)} outcome(s): {dict(list(counts.items())[:8])}"
    )
    # A rare outcome (probability ~1/N) could be missed by the reference and
    # then seen once by us, which the exact-equality rule for deterministic
    # references, and the plug-in k, do not forgive. The corpus avoids them.
    rare = {x: c for x, c in counts.items() if c < 3}
    assert not rare, f"outcomes this rare make the comparison fragile; change the program: {rare}"


# --------------------------------------------------------------------------
# Corpus hygiene and the statistical budget
# --------------------------------------------------------------------------


def test_corpus_shape() -> None:
    names = [p.name for p in PROGRAMS] + [p.name for p in QASM_PROGRAMS]
    assert len(set(names)) == len(names), "program names must be unique (they are cache keys and test ids)"
    assert len(PROGRAMS) >= 28
    assert len(QASM_PROGRAMS) >= 8
    for p in PROGRAMS:
        qc = p.build()
        assert qc.num_qubits <= MAX_QUBITS, f"{p.name}: {qc.num_qubits} qubits"
        assert not qc.parameters, f"{p.name}: unbound parameters {qc.parameters}"
        assert qc.cregs, f"{p.name}: no classical register, nothing would be recorded"


def test_false_alarm_budget(request: pytest.FixtureRequest) -> None:
    """δ per comparison is SUITE_DELTA / COMPARISON_BUDGET; this keeps the
    number of passing-expected comparisons honest as the suite grows."""
    total = 0
    for item in request.session.items:
        for mark in item.iter_markers("comparisons"):
            total += mark.args[0] if mark.args else 1
    assert total <= stats.COMPARISON_BUDGET, (
        f"{total} same-distribution comparisons exceed the budget of {stats.COMPARISON_BUDGET}: raise the budget "
        "(and so lower the per-comparison delta) in stats.py"
    )


# --------------------------------------------------------------------------
# Reference self-checks (Aer vs Aer)
# --------------------------------------------------------------------------


@pytest.mark.comparisons(1)
@pytest.mark.parametrize("prog", PROGRAMS, ids=lambda p: p.name)
def test_reference_reproducible(prog, reference) -> None:
    a = reference(prog.name, prog.build)
    _check_reference(a, prog.deterministic)
    b = reference(prog.name, prog.build, seed=REF_SEED_OTHER)
    stats.assert_same_distribution(b, a)


@pytest.mark.comparisons(1)
@pytest.mark.parametrize("prog", QASM_PROGRAMS, ids=lambda p: p.name)
def test_qasm_reference_reproducible(prog, reference) -> None:
    build = lambda: qasm3.loads(prog.source)  # noqa: E731
    a = reference(prog.name, build)
    _check_reference(a, prog.deterministic)
    b = reference(prog.name, build, seed=REF_SEED_OTHER)
    stats.assert_same_distribution(b, a)


# --------------------------------------------------------------------------
# The compiler against the reference
# --------------------------------------------------------------------------


@pytest.mark.comparisons(1)
@pytest.mark.parametrize("prog", PROGRAMS, ids=lambda p: p.name)
def test_compiled_circuit_matches_aer(prog, pipeline, reference, run_compiled, layout_of) -> None:
    circuit = prog.build()
    qir = pipeline.compile_circuit(circuit)
    _check_conforms(qir)
    result = run_compiled(qir)
    _check_layout(result, circuit, layout_of)
    stats.assert_same_distribution(result.counts, reference(prog.name, prog.build))


@pytest.mark.comparisons(1)
@pytest.mark.parametrize("frontend", ["native", "qiskit"])
@pytest.mark.parametrize("prog", QASM_PROGRAMS, ids=lambda p: p.name)
def test_compiled_qasm_matches_aer(prog, frontend, pipeline, reference, run_compiled, layout_of) -> None:
    qir = pipeline.compile_qasm(prog.source, filename=f"{prog.name}.qasm", frontend=frontend)
    _check_conforms(qir)
    result = run_compiled(qir)
    _check_layout(result, qasm3.loads(prog.source), layout_of)
    stats.assert_same_distribution(result.counts, reference(prog.name, lambda: qasm3.loads(prog.source)))
