"""Fault injection for the checkpoint store, the journal and the runtime.

Nothing in ``qckpt`` imports this package: it is a tool for tests and
benchmarks (see docs/runtime.md, "Fault-injection harness"). It ships in the
package, not in ``tests/``, because the kill -9 worker runs as a subprocess
(``python -m ...``) and ``benchmarks/`` uses it too.
"""
