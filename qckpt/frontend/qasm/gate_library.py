"""The standard gate libraries: which names ``stdgates.inc`` and
``qelib1.inc`` define, and OpenQASM definitions of the gates among them that
the ``qc`` gate table lacks (expanded like a program's own gates)."""

from __future__ import annotations

import functools

from qckpt.frontend.qasm.parser import parse
from qckpt.frontend.qasm.symbols import GateDef

STANDARD_INCLUDES = {"stdgates.inc", "qelib1.inc"}

# Which names each standard include file defines: a program may define its
# own gate of one of these names only if it did not include that file.
STDGATES_INC = frozenset(
    "p x y z h s sdg t tdg sx rx ry rz cx cy cz cp crx cry crz ch swap ccx cswap cu CX phase cphase id u1 u2 u3".split()
)
QELIB1_INC = frozenset(
    "u3 u2 u1 cx id u0 u p x y z h s sdg t tdg rx ry rz sx sxdg cz cy swap ch ccx cswap crx cry crz cu1 cp cu3 csx cu rxx rzz rccx".split()
)
BUILTIN_GATES = frozenset({"U", "gphase"})

# Gates of those files that the `qc` gate table does not have, defined in
# OpenQASM and expanded like user gates. Each definition is exact, global
# phase included, so that it stays right under `ctrl @` (qelib1.inc's own
# definitions drop global phases).
LIBRARY_SOURCE = """
gate phase(l) a { p(l) a; }
gate u0(g) a { }
gate sxdg a { h a; sdg a; h a; }
gate cu1(l) a, b { cp(l) a, b; }
gate cu3(t, f, l) a, b { cu(t, f, l, 0) a, b; }
gate csx a, b { ctrl @ sx a, b; }
gate rxx(t) a, b { h a; h b; cx a, b; rz(t) b; cx a, b; h a; h b; }
gate rzz(t) a, b { cx a, b; rz(t) b; cx a, b; }
gate rccx a, b, c {
  u2(0, pi) c; u1(pi/4) c; cx b, c; u1(-pi/4) c; cx a, c; u1(pi/4) c; cx b, c; u1(-pi/4) c; u2(0, pi) c;
}
"""


@functools.cache
def library_gates() -> dict[str, GateDef]:
    """``LIBRARY_SOURCE`` parsed once per process."""
    out: dict[str, GateDef] = {}
    for st in parse(LIBRARY_SOURCE, "<stdgates>").children:
        name, *rest = st.children
        params = [str(t) for c in rest if c.data == "gate_params" and c.children for t in c.children[0].children]
        qubits = [str(t) for c in rest if c.data == "id_list" for t in c.children]
        out[str(name)] = GateDef(params, qubits, rest[-1])
    return out
