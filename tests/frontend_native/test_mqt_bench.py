"""MQT Bench's dynamic-circuit benchmarks through the native frontend.

``mqt.bench`` (2.x) builds its benchmarks offline from Python:
``get_benchmark(name, BenchmarkLevel, n)`` returns a Qiskit circuit, and
``mqt.bench.output.write_circuit`` writes the OpenQASM 3 file MQT Bench
publishes (a comment header, then ``qiskit.qasm3.dump``). Each program is
compiled from that text by the native frontend, run on qir-runner, and
compared with Aer running the Qiskit circuit it came from.

Two abstraction levels: ``ALG`` (as written: ``if`` on bits, ``^`` of bits)
and ``INDEP`` (transpiled to a target-independent gate set, which reorders
measurements and conditionals).
"""

from __future__ import annotations

import io

import pytest

import stats
from qckpt.pipeline import compile_qasm

mqt_bench = pytest.importorskip("mqt.bench", reason="mqt.bench is in the `test` extra")
from mqt.bench import BenchmarkLevel, get_benchmark  # noqa: E402
from mqt.bench.output import OutputFormat, write_circuit  # noqa: E402

SHOTS = 4000

CASES = [
    ("ghz_dynamic", 5, BenchmarkLevel.ALG),
    ("ghz_dynamic", 8, BenchmarkLevel.ALG),
    ("ghz_dynamic", 7, BenchmarkLevel.INDEP),
    ("dynamic_qft", 4, BenchmarkLevel.ALG),
    ("dynamic_qft", 6, BenchmarkLevel.ALG),
    ("dynamic_qft", 5, BenchmarkLevel.INDEP),
]


def mqt_program(name: str, n: int, level: BenchmarkLevel):
    circuit = get_benchmark(name, level, n)
    text = io.StringIO()
    write_circuit(circuit, text, level, OutputFormat.QASM3)
    return circuit, text.getvalue()


@pytest.mark.comparisons(1)
@pytest.mark.parametrize(("name", "n", "level"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2].name.lower()}" for c in CASES])
def test_mqt_benchmark_matches_aer(name: str, n: int, level: BenchmarkLevel, aer_counts, run_qir_complete) -> None:
    circuit, source = mqt_program(name, n, level)
    assert source.startswith("// Benchmark created by MQT Bench"), source[:200]
    qir = compile_qasm(source, f"{name}_{level.name.lower()}_{n}.qasm")
    result = run_qir_complete(qir, shots=SHOTS)
    layout = [(label, len(bits)) for label, bits in result.shots[0].registers().items()]
    assert layout == [(r.name, r.size) for r in circuit.cregs]
    ref = aer_counts(lambda: circuit, shots=SHOTS)
    stats.assert_same_distribution(result.counts, ref)


def test_ghz_dynamic_is_a_ghz_state(run_qir_complete) -> None:
    """Beyond agreeing with Aer: the final register is all zeros or all ones,
    half the time each, whatever the mid-circuit outcomes."""
    _, source = mqt_program("ghz_dynamic", 9, BenchmarkLevel.ALG)
    result = run_qir_complete(compile_qasm(source, "ghz_dynamic_9.qasm"), shots=2000)
    finals = {}
    for k, c in result.counts.items():
        final = k.split(" ")[-1]  # final_measurement was declared first: rightmost
        finals[final] = finals.get(final, 0) + c
    assert set(finals) == {"0" * 9, "1" * 9}, finals
    stats.assert_matches_exact(finals, {"0" * 9: 0.5, "1" * 9: 0.5})
