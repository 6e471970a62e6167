"""The stim backend at the sizes it exists for, and every construct it refuses.

Outcomes are checked against what the programs must give without noise
(GHZ parity, zero detectors and logical observables of a QEC memory), the
refusals for their one-line message and exit code, and records against
qir-runner's byte for byte on deterministic programs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from qckpt.diagnostics import QckptError
from qckpt.pipeline import insert_checkpoints, module_to_qir, module_to_stim, parse_mlir, qasm_to_module
from qckpt.stim.lower import NotLowerable
from qckpt.stim.memory import generated_memory_qasm
from qckpt.stim.noise import parse_noise
from qckpt.stim.sampling import counts, sample, shot_records

ROOT = Path(__file__).resolve().parents[2]
HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'


def lower(src: str, name: str = "prog.qasm"):
    return module_to_stim(qasm_to_module(src, name))


def by_register(program, key: str) -> dict[str, str]:
    """A histogram key split into its registers (the key lists them in reverse)."""
    names = [n for n, _ in program.registers()]
    return dict(zip(reversed(names), key.split(" ")))


def dynamic_ghz(n: int) -> str:
    """GHZ on n qubits in constant depth: Bell pairs (0,1), (2,3), ... fused
    by measuring the parities of neighbours and fixing each pair with an X
    controlled by the XOR of the parities to its left (MQT Bench's
    ghz_dynamic, written with a for loop over the fusions)."""
    assert n % 2 == 0
    k = n // 2 - 1  # fusions
    lines = [HEAD + f"qubit[{n}] q;\nqubit[{k}] a;\nbit[{k}] m;\nbit[{n}] c;\nbit acc = 0;"]
    lines.append(f"for int i in [0:{n // 2 - 1}] {{ h q[2 * i]; cx q[2 * i], q[2 * i + 1]; }}")
    lines.append(f"for int i in [0:{k - 1}] {{ cx q[2 * i + 1], a[i]; cx q[2 * i + 2], a[i]; m[i] = measure a[i]; }}")
    lines.append(f"for int i in [0:{k - 1}] {{ acc = acc ^ m[i]; if (acc) {{ x q[2 * i + 2]; x q[2 * i + 3]; }} }}")
    lines.append("c = measure q;")
    return "\n".join(lines) + "\n"


def test_200_qubit_dynamic_ghz_gives_all_zeros_or_all_ones():
    program = lower(dynamic_ghz(200))
    assert program.num_qubits == 299
    got = counts(program, 4000, 11)
    finals: dict[str, int] = {}
    for key, n in got.items():
        final = by_register(program, key)["c"]
        finals[final] = finals.get(final, 0) + n
    assert set(finals) == {"0" * 200, "1" * 200}
    assert 1700 < finals["0" * 200] < 2300  # half and half: 4000 shots, 9 sigma
    mids = {by_register(program, key)["m"] for key in got}
    assert len(mids) > 100  # the fusion parities are random; the correction makes them irrelevant


def test_d11_surface_code_memory_has_no_detection_event_and_no_logical_error_without_noise():
    src = generated_memory_qasm("surface_code:rotated_memory_z", 11, 11)
    program = lower(src, "surface_d11.qasm")
    assert program.num_qubits == 274  # stim's numbering of the 241 qubits leaves gaps
    assert "REPEAT 10 {" in program.circuit  # the rounds stay a loop in the circuit
    regs = dict(program.registers())
    assert regs["detectors"] == 60 and regs["logical"] == 1
    got = counts(program, 2000, 5)
    for key in got:
        regs = by_register(program, key)
        assert regs["logical"] == "0" and regs["detectors"] == "0" * 60
    assert len(got) > 1000  # the X-type syndromes are random: the shots are not all alike


@pytest.mark.parametrize(("task", "d"), [("repetition_code:memory", 5), ("surface_code:rotated_memory_z", 3)])
def test_noise_model_is_stims_standard_circuit_noise(task, d):
    """--noise P on the lowered circuit flips the (undecoded) logical
    observable as often as stim's own generated circuit with the same
    circuit-level noise does: the model is the standard one, applied where
    stim applies it. Without noise nothing is ever flagged."""
    import stim

    p, n = 0.02, 40000
    program = lower(generated_memory_qasm(task, d, 4), "memory.qasm")
    noisy = program.with_noise(parse_noise(str(p)))
    quiet = counts(program, 2000, 1)
    assert all(set(by_register(program, k)["detectors"]) == {"0"} and by_register(program, k)["logical"] == "0" for k in quiet)
    ours = sum(c for k, c in counts(noisy, n, 1).items() if by_register(program, k)["logical"] == "1") / n
    ref_circuit = stim.Circuit.generated(task, distance=d, rounds=4, after_clifford_depolarization=p, before_measure_flip_probability=p, after_reset_flip_probability=p)
    _, obs = ref_circuit.compile_detector_sampler(seed=2).sample(n, separate_observables=True)
    ref = obs[:, 0].mean()
    sigma = ((ref * (1 - ref) / n) * 2) ** 0.5
    assert 0.01 < ref and abs(ours - ref) < 5 * sigma, (ours, ref)
    assert noisy.to_bytes() != program.to_bytes()  # a stored run is bound to its noise model


def test_noise_spec_by_key_and_rejections():
    m = parse_noise("after_clifford_depolarization=0.01,before_measure_flip_probability=0.02")
    assert (m.after_clifford_depolarization, m.before_measure_flip_probability, m.after_reset_flip_probability) == (0.01, 0.02, 0.0)
    assert parse_noise("0") is None
    for bad, why in [("0.6", "outside"), ("x", "not a probability"), ("after_gates=0.1", "unknown key")]:
        with pytest.raises(QckptError, match=why):
            parse_noise(bad)


# -- the lowering --------------------------------------------------------------------


def test_parity_feed_forward_becomes_one_controlled_pauli_per_record_bit():
    src = HEAD + "qubit[3] q;\nbit[2] m;\nh q[0]; h q[1];\nm[0] = measure q[0];\nm[1] = measure q[1];\nif (m[0] ^ m[1]) x q[2];\nif (!(m[0] ^ m[1])) z q[2];\n"
    circuit = lower(src).circuit
    assert "CX rec[-2] 2 rec[-1] 2" in circuit
    assert "Z 2\nCZ rec[-2] 2 rec[-1] 2" in circuit  # not(parity): once unconditionally, then per bit


def test_clifford_rotations_lower_and_others_are_refused():
    assert lower(HEAD + "qubit q;\nrz(pi/2) q; rx(pi) q; ry(-pi/2) q; U(pi/2, 0, pi) q;\n").circuit.split("\n") == ["S 0", "X 0", "SQRT_Y_DAG 0", "Z 0", "SQRT_Y 0"]


REFUSALS = [
    ("non-Clifford gate", "qubit q;\nt q;", "gate 't' is not a Clifford gate"),
    ("non-Clifford angle", "qubit q;\nrz(0.3) q;", r"gate 'rz\(0.3\)' is not a Clifford gate"),
    ("branch body not Pauli", "qubit[2] q;\nbit b;\nb = measure q[0];\nif (b) h q[1];", "gate 'h' controlled by a measurement result"),
    ("measurement in a branch", "qubit[2] q;\nbit[2] b;\nb[0] = measure q[0];\nif (b[0]) b[1] = measure q[1];", "a measurement inside a branch on a measurement result"),
    ("while on a measurement", "qubit q;\nbit b;\nb = measure q;\nwhile (b) { h q; b = measure q; }", "a while loop whose condition depends on a measurement result"),
    ("AND condition", "qubit[3] q;\nbit[2] b;\nb = measure q[0:1];\nif (b[0] && b[1]) x q[2];", "a branch on a non-linear function of measurement results"),
    ("nested branch", "qubit[3] q;\nbit[2] b;\nb = measure q[0:1];\nif (b[0]) { if (b[1]) x q[2]; }", "'scf.if' inside a branch on a measurement result"),
    ("switch on a measurement", "qubit[2] q;\nbit[2] b;\nint i;\nb = measure q;\ni = int(b);\nswitch (i) { case 0 { x q[0]; } default { } }", "a switch depends on a measurement result"),
    ("angle chosen by a measurement", "qubit[2] q;\nbit b;\nb = measure q[0];\nfloat[64] t = 0;\nif (b) t = pi;\nrz(t) q[1];", "the angle of gate 'rz' depends on a measurement result"),
]


@pytest.mark.parametrize(("case", "body", "message"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_each_refusal_names_the_construct_its_place_and_the_backend_to_use(case, body, message, tmp_path):
    with pytest.raises(NotLowerable, match=message) as e:
        lower(HEAD + body + "\n")
    assert "(run it with --backend qir-runner)" in e.value.message
    assert e.value.loc is not None and e.value.loc.file == "prog.qasm"
    # From the command line: one line, exit 1, no traceback.
    path = tmp_path / "prog.qasm"
    path.write_text(HEAD + body + "\n")
    r = subprocess.run([sys.executable, "-m", "qckpt.cli", "run", str(path), "--backend", "stim"], capture_output=True, text=True)
    assert r.returncode == 1, r.stderr
    first = r.stderr.splitlines()[0]
    assert first.startswith(f"{path}:") and "error:" in first and "--backend qir-runner" in first
    assert "Traceback" not in r.stderr


def test_cli_refuses_qir_input_and_noise_without_stim(tmp_path):
    ll = tmp_path / "p.ll"
    ll.write_text(module_to_qir(qasm_to_module(HEAD + "qubit q;\nbit c;\nc = measure q;\n")))
    r = subprocess.run([sys.executable, "-m", "qckpt.cli", "run", str(ll), "--backend", "stim"], capture_output=True, text=True)
    assert r.returncode == 1 and "compiled QIR cannot be lowered to stim" in r.stderr
    r = subprocess.run([sys.executable, "-m", "qckpt.cli", "run", str(ROOT / "examples" / "teleport.qasm"), "--noise", "0.01"], capture_output=True, text=True)
    assert r.returncode == 1 and "--noise is a simulation option of the stim backend" in r.stderr


# -- records -------------------------------------------------------------------------


def _qir_runner_stdout(qir: str, tmp_path: Path) -> str:
    from qckpt.runtime.qir_runner import qir_runner_binary

    path = tmp_path / "p.ll"
    path.write_text(qir)
    return subprocess.run([qir_runner_binary(), "-f", str(path), "-s", "1", "-r", "1"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("policy", ["every", "exact"])
def test_streaming_records_are_qir_runners_byte_for_byte(policy, tmp_path):
    """A deterministic program with boundaries in a loop (a repetition-code
    memory with an X error on one data qubit and a parity feed-forward):
    every record line, visits included, is the one qir-runner prints."""
    src = generated_memory_qasm("repetition_code:memory", 3, 4).replace("for int r", "x q[2];\nfor int r", 1)
    src = src.replace("round[1] = measure q[3]; reset q[3];\n}", "round[1] = measure q[3]; reset q[3];\n  if (round[0] ^ round[1]) z q[0];\n}")
    m = qasm_to_module(src, "rep.qasm")
    insert_checkpoints(m, policy)
    expected = _qir_runner_stdout(module_to_qir(m.clone(), record_mode="streaming"), tmp_path)
    program = module_to_stim(m)
    assert program.visits, "the program should have boundary visits"
    got = b"".join(shot_records(program, sample(program, 1, 1))).decode()
    meta = lambda text: [ln for ln in text.splitlines() if not ln.startswith("METADATA")]  # noqa: E731
    assert meta(got) == meta(expected)
    assert "qckpt.visit" in got


def test_an_mlir_program_lowers_and_outputs_follow_qc_output_order():
    text = """builtin.module {
  func.func @main() {
    %r = qc.alloc "q" : !qc.reg<2>
    %a = qc.qubit %r[0 : i64] : !qc.reg<2>
    %b = qc.qubit %r[1 : i64] : !qc.reg<2>
    qc.gate "x" %b
    %m0 = qc.measure %a
    %m1 = qc.measure %b
    qc.output "second" %m1 : i1
    qc.output "first" %m0 : i1
    func.return
  }
}"""
    program = module_to_stim(parse_mlir(text, "p.mlir"))
    assert program.registers() == [("second", 1), ("first", 1)]
    assert counts(program, 10, 0) == {"0 1": 10}
    record = sample(program, 3, 0)
    assert record.dtype == np.uint8 and record.shape == (3, 2)
