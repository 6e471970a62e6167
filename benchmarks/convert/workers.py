"""One conversion per process: each tool's worker imports what it needs,
then starts the clock, so that conversion times leave out interpreter
start-up and imports (reported on their own), and the peak RSS is the tool's
own. Also the sanity check's worker, which keeps qckpt, Qiskit and pyqir out
of the driver's RSS.

Imports here stay inside the functions: the native worker must not carry
Qiskit, and the driver imports this module too."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from benchlib.measure import StageClock, error_result, hwm_mib, report_result, rss_now_mib, rss_peak_mib, time_calls

NATIVE = "qckpt-native"
QISKIT = "qckpt"
# --tools name -> label in the report. "qckpt" is the Qiskit-importer path (its
# name and JSON key since the first version of this script).
TOOLS = {
    "qckpt-native": "qckpt (native)",
    "qckpt": "qckpt (Qiskit importer)",
    "qbraid-qir": "qbraid-qir",
    "openqasm3": "openqasm3.parse (parse only)",
}
TIMEOUT_S = 300.0


def qis_calls(text: str) -> int:
    """Gate and measurement calls (``read_result`` left out: the two tools name it differently)."""
    return sum(1 for line in text.splitlines() if "call " in line and "@__quantum__qis__" in line and "read_result" not in line)


def _emit_path(needs_text) -> str:
    """Which sink emit_qir picked (pyqir Builder or LLVM text); ``needs_text()``
    asks the emitter, whose helper is internal, so it is guarded."""
    try:
        return "text" if needs_text() else "builder"
    except Exception:
        return "?"


def _worker_qckpt(source: str) -> tuple[str, dict]:
    import qckpt.frontend.qasm3_qiskit  # noqa: F401
    import qckpt.frontend.qiskit_circuit  # noqa: F401
    import qckpt.passes.decompose_to_target  # noqa: F401
    import qckpt.pipeline as pipeline
    import qckpt.qir.emit as emit_mod
    from qckpt.ir import entry_function
    import pyqir
    import qiskit.qasm3  # noqa: F401
    import qiskit_qasm3_import  # noqa: F401  (qiskit.qasm3.loads imports it lazily)
    import openqasm3.parser  # noqa: F401
    from qckpt.frontend.qasm3_qiskit import qasm3_to_circuit

    imports_done = time.perf_counter()
    rss_import = rss_peak_mib()

    # The passes before emission (lower_to_target: decomposition to target
    # gates) are timed inside module_to_qir by wrapping the module attribute
    # it looks up at call time.
    lowering_s = time_calls(pipeline, "lower_to_target")

    # Parse as qasm_to_module runs it: under the pipeline's own GC policy
    # (gc_paused, if the pipeline has one; circuit_to_module and
    # module_to_qir apply it themselves).
    paused = getattr(pipeline, "gc_paused", None)
    clock = StageClock()
    with paused() if paused is not None else contextlib.nullcontext():
        circuit = qasm3_to_circuit(source)
    # Closed with a full collection, so the Qiskit importer pays for its own
    # cyclic garbage: left alone, the collector freed it in whichever stage
    # next tripped its threshold (at 10k gates, 70 % of the IR build time).
    # No other stage is closed that way: a full collection over a 100k-gate
    # module costs about 0.9 s, about 9 µs/gate that a normal run doesn't pay.
    clock.lap("parse", collect=True)
    module = pipeline.circuit_to_module(circuit)
    clock.lap("build")
    text = pipeline.module_to_qir(module)
    clock.lap("emit")
    rss_peak = rss_peak_mib()
    hwm_peak = hwm_mib()
    stages: dict[str, float | None] = dict(clock.wall)
    stages["decompose"] = sum(lowering_s) if lowering_s else None

    path = _emit_path(lambda: emit_mod.needs_text(entry_function(module)))

    # Not part of the conversion above, measured after it (and after the peak
    # RSS was read): the text route split in two, qckpt writing LLVM text
    # (emit_qir_text) and pyqir parsing, verifying and printing it.
    stages["emit_text"] = stages["pyqir"] = None
    if hasattr(emit_mod, "emit_qir_text") and hasattr(pipeline, "lower_to_target"):
        try:
            lowered = pipeline.lower_to_target(pipeline.circuit_to_module(circuit))  # (adds to lowering_s: read above)
            t4 = time.perf_counter()
            ll = emit_mod.emit_qir_text(lowered)
            t5 = time.perf_counter()
            mod = pyqir.Module.from_ir(pyqir.Context(), ll, "qckpt")
            if mod.verify() is not None:
                raise RuntimeError("emit_qir_text output does not verify")
            str(mod)
            t6 = time.perf_counter()
            stages["emit_text"], stages["pyqir"] = t5 - t4, t6 - t5
        except Exception as e:  # report it, keep the main measurement
            stages["split_error"] = f"{type(e).__name__}: {str(e)[:200]}"
    return text, {
        "imports_done": imports_done,
        "rss_import_mib": rss_import,
        "rss_peak_mib": rss_peak,
        "hwm_peak_mib": hwm_peak,
        **clock.summary(),
        "stages": stages,
        "emit_path": path,
    }


def _worker_native(source: str, filename: str) -> tuple[str, dict]:
    """qckpt's native frontend, stage by stage, as ``compile_qasm(src,
    frontend="native")`` runs it: parse and IR build inside one
    ``gc_paused()`` (``pipeline.qasm_to_module`` is one ``@_stage``; the
    lark tree is freed when the lowering returns, inside it), then
    ``module_to_qir`` (its own ``@_stage``)."""
    import qckpt.dialects.qc  # noqa: F401
    import qckpt.frontend.qasm.lowering as lowering
    import qckpt.frontend.qasm.parser as qasm_parser
    import qckpt.passes.decompose_to_target  # noqa: F401
    import qckpt.passes.unroll_qubit_loops  # noqa: F401
    import qckpt.pipeline as pipeline
    import qckpt.qir.emit as emit_mod
    from qckpt.ir import entry_function
    import pyqir  # noqa: F401

    # The LALR parser is built once per process: start-up, not conversion.
    t = time.perf_counter()
    qasm_parser.parser()
    parser_build = time.perf_counter() - t
    imports_done = time.perf_counter()
    rss_import = rss_peak_mib()

    lowering_s = time_calls(pipeline, "lower_to_target")

    # Peak (ru_maxrss) and current RSS after each stage, read just after its
    # lap (a few µs, charged to the next stage).
    rss_after: dict[str, float | None] = {"imports": rss_import}
    rss_now_after: dict[str, float | None] = {"imports": rss_now_mib()}
    clock = StageClock()
    with pipeline.gc_paused():
        tree = qasm_parser.parse(source, filename)
        clock.lap("parse")
        rss_after["parse"], rss_now_after["parse"] = rss_peak_mib(), rss_now_mib()
        module = lowering.QasmLowering(source, filename, {}).run(tree)
        del tree
        clock.lap("build")
        rss_after["build"], rss_now_after["build"] = rss_peak_mib(), rss_now_mib()
    text = pipeline.module_to_qir(module)
    clock.lap("emit")
    rss_after["emit"], rss_now_after["emit"] = rss_peak_mib(), rss_now_mib()
    rss_peak = rss_peak_mib()
    hwm_peak = hwm_mib()
    stages: dict[str, float | None] = dict(clock.wall)
    stages["decompose"] = sum(lowering_s) if lowering_s else None
    path = _emit_path(lambda: emit_mod.needs_text(entry_function(module)))
    return text, {
        "imports_done": imports_done,
        "parser_build_s": parser_build,
        "rss_import_mib": rss_import,
        "rss_peak_mib": rss_peak,
        "hwm_peak_mib": hwm_peak,
        "rss_after": rss_after,
        "rss_now_after": rss_now_after,
        **clock.summary(),
        "stages": stages,
        "emit_path": path,
    }


def _worker_openqasm3(source: str) -> tuple[str, dict]:
    """The reference parser, parse only (ANTLR parse tree -> ``openqasm3.ast``),
    called as a user calls it: under Python's default GC policy (the import's
    objects frozen, as for every tool). How much of it went to collection is
    recorded, since qckpt's parse runs with the collector paused."""
    import openqasm3
    import openqasm3.parser  # noqa: F401

    imports_done = time.perf_counter()
    rss_import = rss_peak_mib()
    clock = StageClock()
    program = openqasm3.parse(source)
    clock.lap("parse")
    return "", {
        "imports_done": imports_done,
        "rss_import_mib": rss_import,
        **clock.summary(),
        "stages": dict(clock.wall),
        "statements": len(program.statements),
        "emits_qir": False,
    }


def _worker_qbraid(source: str, profile: str) -> tuple[str, dict]:
    from qbraid_qir.qasm3 import qasm3_to_qir
    import openqasm3.parser  # noqa: F401
    import pyqasm  # noqa: F401
    import pyqir  # noqa: F401

    imports_done = time.perf_counter()
    rss_import = rss_peak_mib()
    clock = StageClock()
    text = str(qasm3_to_qir(source, profile=profile))
    clock.lap("convert")
    return text, {
        "imports_done": imports_done,
        "rss_import_mib": rss_import,
        **clock.summary(),
        "stages": {},
        "stages_cpu": {},  # one stage: nothing to split
    }


def worker_main(tool: str, input_path: str, save: str | None, qbraid_profile: str, t0: float, t0_wall: float) -> int:
    """``t0``/``t0_wall``: when the script's first line ran, so that imports are timed from there."""
    try:
        source = Path(input_path).read_text()
        if tool == QISKIT:
            text, res = _worker_qckpt(source)
        elif tool == NATIVE:
            text, res = _worker_native(source, input_path)
        elif tool == "openqasm3":
            text, res = _worker_openqasm3(source)
        elif tool == "qbraid-qir":
            text, res = _worker_qbraid(source, qbraid_profile)
        else:
            raise ValueError(f"unknown tool {tool}")
        res.setdefault("rss_peak_mib", rss_peak_mib())
        res.setdefault("hwm_peak_mib", hwm_mib())
        res["t0_wall"] = t0_wall
        res["import_s"] = res.pop("imports_done") - t0
        if res.pop("emits_qir", True):
            res["qir_bytes"] = len(text)
            res["qis_calls"] = qis_calls(text)
        if save:
            Path(save).write_text(text)
        res["script_s"] = time.perf_counter() - t0
        res["ok"] = True
    except BaseException as e:  # report, don't crash: the parent renders it in the table
        res = error_result(e, rss_peak_mib=rss_peak_mib())
    report_result(res)
    return 0


def sanity_worker(kind: str, path: str) -> int:
    """Runs in its own process, so that the driver never imports qckpt,
    qiskit or pyqir: its RSS would show up in the workers' ru_maxrss."""
    try:
        if kind in (QISKIT, NATIVE):
            from qckpt.pipeline import compile_qasm
            from qckpt.runtime.qir_runner import run_qir

            frontend = "native" if kind == NATIVE else "qiskit"
            result = run_qir(compile_qasm(Path(path).read_text(), frontend=frontend), shots=10, seed=1, timeout=TIMEOUT_S)
            regs = [s.registers().get("c") for s in result.shots]
            res = {
                "ok": True,
                "complete": sum(1 for s in result.shots if s.complete),
                "widths": sorted({len(r) for r in regs if r is not None}),
                "stderr": result.stderr[-300:],
            }
        else:  # QIR text from another tool: does pyqir parse and verify it?
            import pyqir

            err = pyqir.Module.from_ir(pyqir.Context(), Path(path).read_text(), "peer").verify()
            res = {"ok": True, "verify_error": err}
    except Exception as e:
        res = {"ok": False, "error": f"{type(e).__name__}: {' '.join(str(e).split())[:300]}"}
    report_result(res)
    return 0

