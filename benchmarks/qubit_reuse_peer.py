"""qiskit-qubit-reuse's side of ``benchmarks/qubit_reuse.py``, run by the
separate venv's Python (qiskit-qubit-reuse 0.0.2 crashes on Qiskit 1.4 and
2.x, so it lives in a venv pinned to the Qiskit of its release).

Reads JSON from stdin: ``{"timeout": s, "circuits": [{"name", "qasm"}]}``
(OpenQASM 2 text); writes one JSON object per circuit to stdout, as it
goes: ``{"name", "width", "depth", "seconds"}`` or ``{"name", "error"}``.

The package's pass is run as is (``QubitReuse(target=None)``, the pass its
``qubit_reuse`` init plugin appends): ``transpile(..., init_method=
"qubit_reuse")`` needs a target, and layout and routing on one would add
SWAPs that qckpt's side does not model.
"""

from __future__ import annotations

import json
import signal
import sys
import time


def main() -> int:
    import qiskit
    from qiskit import qasm2
    from qiskit.transpiler import PassManager
    from qiskit_qubit_reuse.qubit_reuse import QubitReuse

    job = json.load(sys.stdin)
    timeout = int(job.get("timeout", 120))
    print(json.dumps({"name": "__versions__", "qiskit": qiskit.__version__, "qiskit_qubit_reuse": _version("qiskit-qubit-reuse")}), flush=True)

    def expired(signum, frame):  # noqa: ARG001
        raise TimeoutError

    signal.signal(signal.SIGALRM, expired)
    for item in job["circuits"]:
        try:
            circuit = qasm2.loads(item["qasm"], custom_instructions=qasm2.LEGACY_CUSTOM_INSTRUCTIONS)
            signal.alarm(timeout)
            t0 = time.perf_counter()
            out = PassManager([QubitReuse(target=None)]).run(circuit)
            seconds = time.perf_counter() - t0
            signal.alarm(0)
            print(json.dumps({"name": item["name"], "width": out.num_qubits, "depth": out.depth(), "seconds": seconds}), flush=True)
        except TimeoutError:
            print(json.dumps({"name": item["name"], "error": f"timeout after {timeout} s"}), flush=True)
        except Exception as e:  # the peer's failure is a result to report, not ours to fix
            signal.alarm(0)
            print(json.dumps({"name": item["name"], "error": f"{type(e).__name__}: {e}"[:200]}), flush=True)
    return 0


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


if __name__ == "__main__":
    sys.exit(main())
