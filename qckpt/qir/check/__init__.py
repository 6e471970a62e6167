"""Check a QIR module against the QIR Base or Adaptive Profile.

`qckpt check-qir` is the judge of conformance (docs/check-qir.md): it reads QIR
from any compiler, and names every instruction, capability or runtime call that
the profile does not allow, or that a module flag does not declare, with the
function and basic block where it occurs.

The rules come from the QIR specification (qir-alliance/qir-spec, QIR 2.0,
``specification/profiles/Adaptive_Profile.md``, ``Base_Profile.md`` and
``Memory_Management.md``); each report carries the section it rests on.
Where the specification disagrees with itself, or with the tools that run QIR,
the choice made here is written next to the rule and in docs/check-qir.md.

The package is laid out as docs/check-qir.md is: one module per rule family
(:mod:`~qckpt.qir.check.registry` lists them with their doc sections), the
tables of what the profiles allow in :mod:`~qckpt.qir.check.spec`, and the
report type in :mod:`~qckpt.qir.check.report`.

Three severities:

- ``error``: the profile does not allow it (a backend may reject the program);
- ``extension``: a known, named extension to the profile (see ``EXTENSIONS``):
  not conformant QIR, but deliberate and documented;
- ``warning``: allowed but fragile, or a deviation the tools tolerate.

The checker walks pyqir's object model (functions, blocks, instructions,
calls); it reads text only where pyqir shows nothing (module-flag behaviours,
the contents of metadata tuples, enum parameter attributes, the shape of a
constant expression), and says so where it does. Each walk is linear in the
size of the module.
"""

from qckpt.qir.check.checker import addressed_qubits, check_file, check_module, load_module
from qckpt.qir.check.extensions import Extension, EXTENSIONS
from qckpt.qir.check.report import format_report, has_errors, Violation

__all__ = [
    "EXTENSIONS",
    "Extension",
    "Violation",
    "addressed_qubits",
    "check_file",
    "check_module",
    "format_report",
    "has_errors",
    "load_module",
]
