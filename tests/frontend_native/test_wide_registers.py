"""A wide register costs what the program uses of it: ``qubit[100000] r;``
followed by a few gates makes a few qubit references, not 100,000 (the
frontend fuzz timed out on such inputs). Narrow registers keep every
reference, in index order, as before."""

from __future__ import annotations

from qckpt.dialects import qc
from qckpt.frontend.ir_builder import EAGER_QUBIT_REFS
from qckpt.frontend.qasm.lowering import qasm_to_module
from qckpt.pipeline import module_to_qir

WIDE = 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[100000] r;\nbit c;\nh r[7];\ncx r[7], r[2];\nx r[-1];\nc = measure r[99999];\n'


def _refs(module) -> list[int]:
    return [op.index.value.data for op in module.walk() if isinstance(op, qc.QubitOp)]


def test_a_wide_register_makes_only_the_references_it_uses_in_index_order() -> None:
    module = qasm_to_module(WIDE, "wide.qasm")
    assert _refs(module) == [2, 7, 99999]
    qir = module_to_qir(module)
    assert '"required_num_qubits"="100000"' in qir
    assert "call void @__quantum__qis__x__body(ptr inttoptr (i64 99999 to ptr))" in qir
    assert "call void @__quantum__qis__cx__body(ptr inttoptr (i64 7 to ptr), ptr inttoptr (i64 2 to ptr))" in qir


def test_a_narrow_register_keeps_every_reference() -> None:
    n = EAGER_QUBIT_REFS
    module = qasm_to_module(f"OPENQASM 3.0;\nqubit[{n}] q;\nh q[3];\n")
    assert _refs(module) == list(range(n))


def test_a_whole_wide_register_is_still_reachable() -> None:
    module = qasm_to_module("OPENQASM 3.0;\nqubit[70] q;\nreset q;\n")
    assert _refs(module) == list(range(70))
    assert sum(isinstance(op, qc.ResetOp) for op in module.walk()) == 70
