"""``qckpt.ir.all_ops`` stands in for ``list(op.walk())`` on the conversion
path (lowering to the target, the emitter's survey), so it must visit the
same ops in the same order on every shape of nesting."""

from __future__ import annotations

from pathlib import Path

import pytest

from qckpt import pipeline
from qckpt.ir import all_ops

ROOT = Path(__file__).resolve().parents[2]

NESTED = """OPENQASM 3.0;
include "stdgates.inc";
qubit[3] q;
bit[3] c;
int[8] n = 0;
h q[0];
c[0] = measure q[0];
if (c[0]) { x q[1]; if (c[1]) { z q[2]; } else { y q[2]; } } else { h q[1]; }
for int i in [0:2] { rx(0.5) q[i]; while (n < 2) { n += 1; if (c[2]) { x q[0]; } } }
switch (n) { case 0 { x q[0]; } case 1 { for int j in [0:1] { h q[j]; } } default { } }
c[2] = measure q[2];
"""


@pytest.mark.parametrize("program", ["nested", *sorted(p.name for p in (ROOT / "examples").glob("*.qasm"))])
def test_all_ops_visits_what_walk_visits_in_its_order(program: str) -> None:
    source = NESTED if program == "nested" else (ROOT / "examples" / program).read_text()
    module = pipeline.qasm_to_module(source, program)
    for root in [module, *module.ops]:
        walked, listed = list(root.walk()), all_ops(root)
        assert len(listed) == len(walked) and all(a is b for a, b in zip(listed, walked))
    if program == "nested":  # the nesting the walk order matters for is there
        names = {op.name for op in all_ops(module)}
        assert {"scf.if", "scf.while", "scf.index_switch"} <= names  # the frontend unrolls literal for-ranges
