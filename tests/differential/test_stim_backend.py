"""stim against qir-runner: every corpus program either lowers to stim and
gives qir-runner's distribution (the suite's bound, no noise), or is
refused with the one-line error that names the construct.

The corpus was written to stress a QIR compiler (it reveals phases with
generic rotations), so few of its programs are Clifford; ``LOWERED`` pins
which, and ``docs/stim.md`` reports the figure. More Clifford dynamic
programs (random ones, QEC memories, MQT Bench's ghz_dynamic) are compared
the same way below.
"""

from __future__ import annotations

import random

import pytest

import stats
from corpus import PROGRAMS
from qasm_corpus import QASM_PROGRAMS
from qckpt.pipeline import circuit_to_module, compile_circuit, compile_qasm, module_to_stim, qasm_to_module
from qckpt.stim.lower import NotLowerable
from qckpt.stim.memory import generated_memory_qasm
from qckpt.stim.sampling import counts

LOWERED = {"dynamic_ghz", "dynamic_ghz_uncompute", "qasm_dynamic_ghz"}
CORPUS = [(p.name, lambda p=p: circuit_to_module(p.build()), lambda p=p: compile_circuit(p.build())) for p in PROGRAMS] + [
    (p.name, lambda p=p: qasm_to_module(p.source, f"{p.name}.qasm"), lambda p=p: compile_qasm(p.source, f"{p.name}.qasm")) for p in QASM_PROGRAMS
]


@pytest.mark.parametrize(("name", "module", "qir"), CORPUS, ids=[c[0] for c in CORPUS])
def test_corpus_program_lowers_or_is_refused_by_name(name, module, qir) -> None:
    try:
        module_to_stim(module())
    except NotLowerable as e:
        assert name not in LOWERED, f"{name} no longer lowers: {e.message}"
        assert "the stim backend cannot lower it (run it with --backend qir-runner)" in e.message
        return
    assert name in LOWERED, f"{name} lowers now: add it to LOWERED and to the figure in docs/stim.md"


def random_clifford_program(seed: int, qubits: int = 3, steps: int = 18) -> str:
    """A dynamic Clifford program: gates, mid-circuit measurements into
    ``m``, resets, and Paulis fed forward from a bit or a parity of bits;
    an H or S layer before the final measurement makes phases visible."""
    rng = random.Random(seed)
    one = ["h", "s", "sdg", "x", "y", "z", "sx"]
    two = ["cx", "cz", "cy", "swap"]
    lines = ['OPENQASM 3.0;\ninclude "stdgates.inc";', f"qubit[{qubits}] q;", "bit[2] m;", f"bit[{qubits}] c;"]
    measured = False
    for _ in range(steps):
        r = rng.random()
        a, b = rng.sample(range(qubits), 2)
        if r < 0.35:
            lines.append(f"{rng.choice(one)} q[{a}];")
        elif r < 0.65:
            lines.append(f"{rng.choice(two)} q[{a}], q[{b}];")
        elif r < 0.8:
            lines.append(f"m[{rng.randrange(2)}] = measure q[{a}];")
            measured = True
        elif r < 0.85:
            lines.append(f"reset q[{a}];")
        elif measured:
            cond = rng.choice(["m[0]", "m[1]", "m[0] ^ m[1]", "!m[0]"])
            lines.append(f"if ({cond}) {rng.choice(['x', 'y', 'z'])} q[{a}];")
    lines += [f"{rng.choice(['h', 's'])} q[{i}];" for i in range(qubits)]
    lines.append("c = measure q;")
    return "\n".join(lines) + "\n"


def _mqt_ghz_dynamic(n: int) -> str:
    import io

    from mqt.bench import BenchmarkLevel, get_benchmark
    from mqt.bench.output import OutputFormat, write_circuit

    text = io.StringIO()
    write_circuit(get_benchmark("ghz_dynamic", BenchmarkLevel.ALG, n), text, BenchmarkLevel.ALG, OutputFormat.QASM3)
    return text.getvalue()


TELEPORT_CLIFFORD = """OPENQASM 3.0;
include "stdgates.inc";
qubit[3] q;
bit[2] m;
bit[1] out;
h q[0]; s q[0];
h q[1];
cx q[1], q[2];
cx q[0], q[1];
h q[0];
m[0] = measure q[0];
m[1] = measure q[1];
if (m[1]) x q[2];
if (m[0]) z q[2];
sdg q[2]; h q[2];
out[0] = measure q[2];
"""

CLASSICAL_OUTPUTS = """OPENQASM 3.0;
include "stdgates.inc";
qubit[3] q;
bit[2] m;
bit[3] c;
bit[2] logic;
int[8] n = 0;
h q[0]; h q[1];
m[0] = measure q[0]; m[1] = measure q[1];
logic[0] = m[0] & m[1];
logic[1] = m[0] | m[1];
while (n < 3) { x q[2]; n += 1; }
if (m[0] ^ m[1]) x q[2];
c = measure q;
"""

EXTRA = {
    **{f"random_clifford_{s}": (lambda s=s: random_clifford_program(s)) for s in range(6)},
    "teleport_clifford_state": lambda: TELEPORT_CLIFFORD,
    "repetition_memory_d3": lambda: generated_memory_qasm("repetition_code:memory", 3, 3),
    "mqt_ghz_dynamic_8": lambda: _mqt_ghz_dynamic(8),
    # AND/OR of bits are computed from the record after sampling; a while loop on a counter unrolls.
    "classical_outputs_and_counted_while": lambda: CLASSICAL_OUTPUTS,
}
LOWERED_CORPUS = [(name, module, qir) for name, module, qir in CORPUS if name in LOWERED]
EXTRA_CASES = [
    (name, lambda src=src: qasm_to_module(src(), "prog.qasm"), lambda src=src: compile_qasm(src(), "prog.qasm")) for name, src in EXTRA.items()
]


@pytest.mark.comparisons(1)
@pytest.mark.parametrize(("name", "module", "qir"), LOWERED_CORPUS + EXTRA_CASES, ids=[c[0] for c in LOWERED_CORPUS + EXTRA_CASES])
def test_stim_matches_qir_runner(name, module, qir, run_compiled) -> None:
    program = module_to_stim(module())
    ours = counts(program, stats.SHOTS, stats.QIR_SEED)
    assert sum(ours.values()) == stats.SHOTS
    result = run_compiled(qir())
    assert [(n, len(b)) for n, b in result.shots[0].registers().items()] == program.registers()
    stats.assert_same_distribution(ours, result.counts)


def test_the_comparison_catches_a_missing_feed_forward(run_compiled) -> None:
    """Negative control: teleportation without its X correction must not
    pass as qir-runner's distribution (the comparison above can fail)."""
    broken = TELEPORT_CLIFFORD.replace("if (m[1]) x q[2];\n", "")
    ours = counts(module_to_stim(qasm_to_module(broken, "broken.qasm")), stats.SHOTS, stats.QIR_SEED)
    ref = run_compiled(compile_qasm(TELEPORT_CLIFFORD, "teleport.qasm")).counts
    with pytest.raises(AssertionError, match="deterministic|distributions differ"):
        stats.assert_same_distribution(ours, ref)
