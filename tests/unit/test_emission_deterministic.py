"""The same program compiles to the same QIR in every process: a resume
record's fingerprint is a hash of the compiled file, so a recompile that
reordered phis would refuse a valid record. (The emitter kept the values a
resume block rebinds in a set of SSA values, hashed by address; multi_measure
under interval came out in two orders across processes.)"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import hashlib, sys
sys.path[:0] = [sys.argv[1] + "/tests/differential", sys.argv[1] + "/tests"]
from corpus import PROGRAMS
from qckpt.pipeline import circuit_to_module, insert_checkpoints, module_to_qir
for p in PROGRAMS:
    if p.name == "multi_measure":
        m = circuit_to_module(p.build())
        insert_checkpoints(m, "interval", mtbf=1e-7)
        for _ in range(int(sys.argv[2])):  # vary the addresses the values get
            bytearray(64 * 1024)
        print(hashlib.sha256(module_to_qir(m, record_mode="streaming", resumable=True).encode()).hexdigest())
"""


def test_a_resumable_program_compiles_to_the_same_qir_in_every_process():
    digests = set()
    for k in range(6):
        r = subprocess.run([sys.executable, "-W", "ignore", "-c", SCRIPT, str(ROOT), str(k)], capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        digests.add(r.stdout.strip())
    assert len(digests) == 1, digests
