"""qc-reuse-qubits keeps a program's outputs: each workload compiled with
reuse (both objectives) runs on qir-runner on fewer qubits, and its
histogram must be a sample of the distribution Aer gives for the *unreduced*
circuit (the bound of ``stats.py``). The QIR must ask for no more qubits
than the width the pass reports, which must be below the logical count
wherever reuse is possible, and never below the pass's lower bound.
"""

from __future__ import annotations

import re

import pytest

import stats
from qckpt.testing import reuse_circuits as rc

CASES = {
    "bv_6": lambda: rc.bernstein_vazirani(6),
    "bv_5_all_ones": lambda: rc.bernstein_vazirani(5, 0b11111),
    "ghz_6": lambda: rc.ghz_chain(6),
    "qaoa_line_6": lambda: rc.qaoa(6, ring=False),
    "qaoa_ring_6": lambda: rc.qaoa(6, ring=True),
    "trotter_6": lambda: rc.trotter_step(6),
    "teleport_3": lambda: rc.teleport_chain(3),
    # commuting gates on a qubit may run in any order (a control, a cz):
    "mqt_wstate_5": lambda: _mqt("wstate", 5),
    "mqt_graphstate_8": lambda: _mqt("graphstate", 8, seed=3),
    "mixed_controls_5": lambda: _mixed_controls(5, seed=11),
}


def _mqt(name: str, n: int, **kwargs):
    """An MQT Bench circuit without the barrier measure_all puts before the
    measurements (it would forbid any reuse, as in benchmarks/qubit_reuse.py)."""
    from mqt.bench import BenchmarkLevel, get_benchmark
    from qiskit.transpiler.passes import RemoveBarriers

    return RemoveBarriers()(get_benchmark(name, BenchmarkLevel.INDEP, n, **kwargs))


def _mixed_controls(n: int, seed: int):
    """A seeded random circuit where qubits are controls, targets and parts
    of diagonal gates in turn: a commutation taken where there is none (a
    control moved across a use as a target) changes its distribution."""
    import random

    from qiskit import QuantumCircuit

    rng = random.Random(seed)
    qc = QuantumCircuit(n, n, name=f"mixed_{n}")
    for q in range(n):
        qc.ry(rng.uniform(0.3, 2.8), q)
    for _ in range(6 * n):
        a, b, c = rng.sample(range(n), 3)
        kind = rng.choice(["cx", "cz", "crz", "ccx", "rz", "h", "ry"])
        if kind == "cx":
            qc.cx(a, b)
        elif kind == "cz":
            qc.cz(a, b)
        elif kind == "crz":
            qc.crz(rng.uniform(0.3, 2.8), a, b)
        elif kind == "ccx":
            qc.ccx(a, b, c)
        elif kind == "rz":
            qc.rz(rng.uniform(0.3, 2.8), a)
        else:
            getattr(qc, kind)(*(([rng.uniform(0.3, 2.8)] if kind == "ry" else []) + [a]))
    qc.measure(range(n), range(n))
    return qc
# widths qc-reuse-qubits{objective=width} must reach (what it reaches today;
# a regression that loses reuse shows up here)
WIDTH = {"bv_6": 2, "bv_5_all_ones": 2, "ghz_6": 2, "qaoa_line_6": 2, "qaoa_ring_6": 3, "trotter_6": 2, "teleport_3": 3,
         "mqt_wstate_5": 2, "mqt_graphstate_8": 3, "mixed_controls_5": 5}


def compile_with_reuse(build, objective: str) -> tuple[str, object]:
    from qckpt.passes.qubit_reuse import reuse_qubits
    from qckpt.pipeline import circuit_to_module, lower_to_target, module_to_qir

    module = circuit_to_module(build())
    lower_to_target(module)
    report = reuse_qubits(module, objective=objective)
    return module_to_qir(module), report


@pytest.mark.comparisons(20)
@pytest.mark.parametrize("objective", ["width", "depth"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_reused_program_matches_aer_on_the_unreduced_circuit(name: str, objective: str, reference, run_compiled, layout_of) -> None:
    build = CASES[name]
    circuit = build()
    qir, report = compile_with_reuse(build, objective)
    required = int(re.search(r'"required_num_qubits"="(\d+)"', qir).group(1))
    assert required == report.width <= circuit.num_qubits
    assert report.lower_bound <= report.width
    if objective == "width":
        assert report.width == WIDTH[name], report
    ours = run_compiled(qir)
    assert layout_of(ours) == [(r.name, r.size) for r in circuit.cregs]
    stats.assert_same_distribution(ours.counts, reference(name, build))


def test_a_broken_reuse_is_caught(reference, run_compiled) -> None:
    """Negative control: hand a physical qubit over *without* its reset
    (the next occupant starts in the old one's state): the same comparison
    must fail. BV's data qubits end in |secret bit>, so skipping the reset
    flips the next data qubit's outcome."""
    from qckpt.dialects import qc
    from qckpt.ir import entry_function
    from qckpt.passes.qubit_reuse import reuse_qubits
    from qckpt.pipeline import circuit_to_module, lower_to_target, module_to_qir

    build = CASES["bv_6"]
    module = circuit_to_module(build())
    lower_to_target(module)
    reuse_qubits(module, boundaries=False)
    block = entry_function(module).body.block
    resets = [op for op in block.ops if isinstance(op, qc.ResetOp)]
    assert resets
    for r in resets:
        block.erase_op(r)
    ours = run_compiled(module_to_qir(module))
    with pytest.raises(AssertionError, match="deterministic"):
        stats.assert_same_distribution(ours.counts, reference("bv_6", build))
