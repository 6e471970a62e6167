"""Restart on a reduced qubit layout: `qckpt split` gives each segment only
its own qubits, so a program wider than the executor runs segment by
segment on it. The executor counts the qubits the QIR actually addresses,
and refuses one beyond its width: that is what proves the narrow layout is
real (the unsplit program, and a segment left on the full register, are
refused at the same width)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyqir
import pytest
import stats

from qckpt.diagnostics import QckptError
from qckpt.passes.split_segments import split_module
from qckpt.pipeline import insert_checkpoints, lower_to_target, module_to_qir, qasm_to_module
from qckpt.qir.check import addressed_qubits
from qckpt.runtime.qir_runner import refuse_wider_than, run_qir
from qckpt.runtime.restore.segments import Segment, compile_segments, run_segmented

HEAD = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n'
# Three stages on 6 qubits, each done with its qubits before the next
# starts; the third is fed forward from the first (c[0] flips q[4]).
STAGES = HEAD + """qubit[6] q;
bit[6] c;
h q[0]; cx q[0], q[1];
c[0] = measure q[0]; c[1] = measure q[1];
ry(0.7) q[2]; cx q[2], q[3];
c[2] = measure q[2]; c[3] = measure q[3];
if (c[0]) x q[4];
h q[5]; cx q[5], q[4];
c[4] = measure q[4]; c[5] = measure q[5];
"""
SHOTS = 4000


def segments_of(src: str) -> list[Segment]:
    m = qasm_to_module(src, "stages.qasm")
    insert_checkpoints(m, "exact")
    return compile_segments(m)


def test_each_segment_gets_only_its_qubits_numbered_densely() -> None:
    segs = segments_of(STAGES)
    # q[4] is classical (a copy of c[0]) at the second cut: the second
    # segment flips it, and the third re-prepares it from the record.
    assert [s.manifest["qubits"] for s in segs] == [["q[0]", "q[1]"], ["q[2]", "q[3]", "q[4]"], ["q[4]", "q[5]"]]
    for s in segs:
        module = pyqir.Module.from_bitcode(pyqir.Context(), s.bitcode)
        n = s.manifest["num_qubits"]
        assert sorted(addressed_qubits(module)) == list(range(n))
        (entry,) = [f for f in module.functions if "entry_point" in f.attributes.func]
        assert entry.attributes.func["required_num_qubits"].string_value == str(n)


@pytest.mark.comparisons(1)
def test_a_6_qubit_program_runs_on_3_qubits_segment_by_segment() -> None:
    segs = segments_of(STAGES)
    run = run_segmented(segs, SHOTS, seed=5, max_qubits=3)
    assert len(run.shots) == SHOTS and all(s.complete for s in run.shots)
    plain = module_to_qir(qasm_to_module(STAGES, "stages.qasm"))
    ref = run_qir(plain, shots=SHOTS, seed=6).counts
    stats.assert_same_distribution(dict(Counter(s.bitstring() for s in run.shots)), ref)
    # the same executor refuses the unsplit program
    with pytest.raises(QckptError, match="addresses qubit 5 .* this executor has 3 qubit"):
        run_qir(plain, shots=1, max_qubits=3)


def test_a_segment_left_on_the_full_register_is_refused() -> None:
    # Negative control: the same segments emitted without compaction
    # address their original ids, and the narrow executor refuses them.
    m = qasm_to_module(STAGES, "stages.qasm")
    insert_checkpoints(m, "exact")
    wide = [module_to_qir(lower_to_target(spec.module)) for spec in split_module(m)]
    with pytest.raises(QckptError, match="addresses qubit 4 .* this executor has 3 qubit"):
        refuse_wider_than(wide[1], 3)  # what run_qir(..., max_qubits=3) checks first
    # while the compacted segment passes the same check
    refuse_wider_than(str(pyqir.Module.from_bitcode(pyqir.Context(), segments_of(STAGES)[1].bitcode)), 3)


def test_a_segment_wider_than_the_executor_is_named_before_anything_runs() -> None:
    with pytest.raises(QckptError, match=r"segment 1 needs 3 qubits \(q\[2\], q\[3\], q\[4\]\), more than --max-qubits 2"):
        run_segmented(segments_of(STAGES), 10, seed=1, max_qubits=2)


def test_cli_split_and_run_segments_on_a_narrow_executor(tmp_path: Path) -> None:
    prog = tmp_path / "stages.qasm"
    prog.write_text(STAGES)
    qckpt = [sys.executable, "-m", "qckpt.cli"]
    out = subprocess.run([*qckpt, "split", str(prog), "-o", str(tmp_path / "segs")], capture_output=True, text=True, check=True).stdout
    assert "segment 1: boundary 0 -> boundary 1; 3 qubits" in out
    ok = subprocess.run([*qckpt, "run-segments", str(tmp_path / "segs"), "--shots", "200", "--max-qubits", "3"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "200 shots" in ok.stdout and "on 3 qubits" in ok.stdout
    bad = subprocess.run([*qckpt, "run-segments", str(tmp_path / "segs"), "--max-qubits", "2"], capture_output=True, text=True)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.strip().splitlines()[0].startswith("error: segment 1 needs 3 qubits")


# -- a checkpointed run resumed on fewer qubits (qckpt resume --max-qubits) ----------------------

QCKPT = [sys.executable, "-m", "qckpt.cli"]


def _snapshot(store: Path) -> dict[str, bytes]:
    return {str(p.relative_to(store)): p.read_bytes() for p in sorted(store.rglob("*")) if p.is_file()}


def _killed_after_a_commit(prog: Path, store: Path, shots: int) -> None:
    """Run ``prog`` wide in ``store`` and SIGKILL the runtime once a batch
    past the first is committed (its qir-runner dies with it)."""
    import os
    import signal
    import time

    proc = subprocess.Popen([*QCKPT, "run", str(prog), "--shots", str(shots), "--seed", "11", "--store", str(store), "--workers", "1", "--batch-size", "100"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        if store.exists() and len([d for d in os.listdir(store) if d.startswith("ds-")]) >= 3:
            break
        time.sleep(0.02)
    else:
        raise AssertionError("no batch committed")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


@pytest.mark.comparisons(1)
def test_a_run_killed_wide_resumes_on_fewer_qubits(tmp_path: Path) -> None:
    """STAGES needs 6 qubits whole, 3 per segment. Run wide with a store,
    SIGKILLed mid-run; `qckpt resume --max-qubits 3` finishes it on the
    executor that refuses QIR addressing a qubit >= 3, and the histogram of
    all the shots (wide and narrow) matches an uninterrupted run. At 2 the
    resume is refused in one line and the store is left byte for byte."""
    import json

    from qckpt.runtime.execution.ledger import Ledger
    from qckpt.runtime.store import CheckpointStore

    prog, store, shots = tmp_path / "stages.qasm", tmp_path / "store", 2000
    prog.write_text(STAGES)
    _killed_after_a_commit(prog, store, shots)
    with CheckpointStore.open(store, readonly=True, create=False) as st:
        wide_done = Ledger.from_bytes(st.start_restart().read("ledger")).shots_done
    assert 0 < wide_done < shots  # part of the run happened on the wide layout

    before = _snapshot(store)
    refused = subprocess.run([*QCKPT, "resume", str(store), "--max-qubits", "2"], capture_output=True, text=True)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    # The SIGKILL may land between a dataset's manifest and the index that
    # lists it; the read-only open then notes the repair it would make. The
    # refusal itself is one line, and the last.
    *notes, error = refused.stderr.strip().splitlines()
    assert error == f"error: cannot resume {store} on 2 qubit(s): segment 1 of the rest of the program (boundary 0 -> boundary 1) needs 3 (q[2], q[3], q[4]); it resumes on 3 or more"
    assert all("whose manifests are intact; added them to it in memory (opened read-only" in n for n in notes), notes
    assert _snapshot(store) == before  # refused before anything was written

    done = subprocess.run([*QCKPT, "resume", str(store), "--max-qubits", "3", "--json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["status"] == "complete" and sum(out["counts"].values()) == shots
    ref = run_qir(module_to_qir(qasm_to_module(STAGES, "stages.qasm")), shots=4000, seed=6).counts
    stats.assert_same_distribution(out["counts"], ref)


def test_a_narrow_segment_is_refused_by_the_narrow_executor(tmp_path: Path) -> None:
    """Negative control for the test above: the executor the narrow resume
    runs on really refuses wider QIR. The same worker, asked for 2 qubits
    with the 3-qubit plan, fails naming the qubit it would address."""
    from qckpt.runtime.execution.narrow_resume import NarrowLayoutExecutor, narrow_segments
    from qckpt.runtime.restore.segments import write_plan

    m = qasm_to_module(STAGES, "stages.qasm")
    insert_checkpoints(m, "exact")
    write_plan(tmp_path / "plan", narrow_segments(str(m).encode()))
    r = subprocess.run([sys.executable, "-m", "qckpt.runtime.execution.narrow_resume", str(tmp_path / "plan"), "5", "1", "2"], capture_output=True, text=True)
    assert r.returncode == 1 and "segment 1 needs 3 qubits" in r.stderr
    ok = subprocess.run([sys.executable, "-m", "qckpt.runtime.execution.narrow_resume", str(tmp_path / "plan"), "5", "1", "3"], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.count("START") == 5
    assert NarrowLayoutExecutor(str(tmp_path / "plan"), 3).name


def test_resume_max_qubits_needs_the_source_kept_in_the_store(tmp_path: Path) -> None:
    """A run started from compiled QIR has no qckpt IR in its store: its
    qubits cannot be renumbered, and the narrow resume says so in one line."""
    prog = tmp_path / "stages.ll"
    prog.write_text(module_to_qir(qasm_to_module(STAGES, "stages.qasm")))
    store = tmp_path / "store"
    r = subprocess.run([*QCKPT, "run", str(prog), "--shots", "20", "--store", str(store), "--workers", "1"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    refused = subprocess.run([*QCKPT, "resume", str(store), "--max-qubits", "3"], capture_output=True, text=True)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "started from compiled QIR, whose qubits cannot be renumbered" in refused.stderr
