#!/usr/bin/env python3
"""OpenQASM 3 -> QIR conversion throughput: qckpt per stage, and qckpt against qbraid-qir.

Tools (``--tools``), each run in its own process on the same inputs in the same run:

- ``qckpt-native``: qckpt's own OpenQASM 3 frontend (lark LALR parse, IR
  build, QIR emission), the default of ``qckpt convert``;
- ``qckpt`` (alias ``qckpt-qiskit``): qckpt through Qiskit's importer
  (``qasm3_to_circuit``, ``circuit_to_module``, QIR emission);
- ``qbraid-qir``: ``qbraid_qir.qasm3.qasm3_to_qir``, the peer;
- ``openqasm3``: ``openqasm3.parse`` only, the reference parser, against which
  the native frontend's parse stage is compared.

Why it is built this way:

- Every conversion runs in its own fresh interpreter (``--worker``), so each
  tool pays its own start-up and imports and its peak RSS is its own. Inside
  the worker the imports are done first and timed on their own; the clock for
  the conversion starts after them.
- Time per gate is the *slope* between two sizes, (t(b) - t(a)) / (b - a), so
  that fixed costs (first-use caches, module headers, the ANTLR parser's
  warm-up) drop out. Two slopes (1k->10k, 10k->100k) and their ratio say
  whether the cost per gate stays flat as programs grow.
- Inputs are generated here from a fixed seed, so every run, on every
  machine, converts the same programs.

Usage (from the repository root, with the project's venv):

    .venv/bin/python benchmarks/convert_throughput.py --out docs/benchmarks.md
    .venv/bin/python benchmarks/convert_throughput.py --quick          # 1k and 10k only

See ``benchmarks/README.md``.
"""

from __future__ import annotations

import time

_T0 = time.perf_counter()  # the worker's clock starts here, before any heavier import
_T0_WALL = time.time()  # the same instant on the clock the driver shares, for start-up

import argparse  # noqa: E402
import contextlib  # noqa: E402
import datetime  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import shlex  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))  # doc_sections, also when loaded by path
from doc_sections import replace_section  # noqa: E402

SEED = 20250611
QUBITS = 20
MEASURE_FRACTION = 0.10
RANDOM_GATES = ("h", "x", "cx", "rz", "s", "t", "cz")
DEFAULT_SIZES = (1000, 10_000, 100_000)
QUICK_SIZES = (1000, 10_000)
STRUCTURED_MAX = 10_000  # QFT / QAOA inputs are made for requested sizes up to this
TIMEOUT_S = 300.0
BIG = 100_000  # sizes from here on default to one repeat

BEGIN = "<!-- convert_throughput:begin -->"
END = "<!-- convert_throughput:end -->"

TARGET_US_PER_GATE = 35.0  # issue 2: IR build + QIR emission, per gate, at 100k gates
TARGET_FLATNESS = 1.5  # largest slope / smallest slope, 1k -> 100k (issues 2 and 3)
TARGET_SPEEDUP_100K = 5.0  # issue 3: qbraid-qir / qckpt-native conversion time at 100k gates
TARGET_SPEEDUP_10K = 3.0  # issue 3: the same at 10k gates
TARGET_MEMORY_100K = 3.0  # issue 3: qbraid-qir / qckpt-native peak RSS at 100k gates

# --tools name -> label in the report. "qckpt" is the Qiskit-importer path (its
# name and JSON key since the first version of this script).
TOOLS = {
    "qckpt-native": "qckpt (native)",
    "qckpt": "qckpt (Qiskit importer)",
    "qbraid-qir": "qbraid-qir",
    "openqasm3": "openqasm3.parse (parse only)",
}
TOOL_ALIASES = {"qckpt-qiskit": "qckpt", "native": "qckpt-native", "openqasm3.parse": "openqasm3"}
DEFAULT_TOOLS = "qckpt-native,qckpt,qbraid-qir,openqasm3"
NATIVE = "qckpt-native"
QISKIT = "qckpt"

VERSIONED = ("qckpt", "xdsl", "pyqir", "qiskit", "qiskit-qasm3-import", "qbraid-qir", "pyqasm", "openqasm3")


# --------------------------------------------------------------------------- inputs


@dataclass
class BenchInput:
    name: str
    kind: str  # "random" | "qft" | "qaoa"
    size: int  # the size it was asked for
    gates: int  # quantum operations: gates, measurements and conditional gates, each counted once
    measurements: int  # mid-circuit measurements (random) or final ones (qft, qaoa)
    qubits: int
    source: str


def _size_label(n: int) -> str:
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def _rng(kind: str, n: int, seed: int) -> random.Random:
    # A str seed is hashed with SHA-512 by random.seed: stable across runs and PYTHONHASHSEED.
    return random.Random(f"{seed}:{kind}:{n}")


def _header(qubits: int, bits: int) -> list[str]:
    lines = ["OPENQASM 3.0;", 'include "stdgates.inc";', f"qubit[{qubits}] q;"]
    if bits:
        lines.append(f"bit[{bits}] c;")
    return lines


def random_dynamic_circuit(n_gates: int, qubits: int = QUBITS, seed: int = SEED) -> BenchInput:
    """``n_gates`` operations on ``qubits`` qubits: round(10 %) of them are
    mid-circuit measurements, each followed by ``if (c[k]) x q[j];`` on the
    measured qubit (an active reset), and the rest are drawn uniformly from
    h, x, cx, rz(angle), s, t, cz. Each measurement writes its own bit."""
    if n_gates < 2:
        raise ValueError("need at least 2 gates")
    rng = _rng("random", n_gates, seed)
    n_meas = max(1, round(n_gates * MEASURE_FRACTION))
    n_plain = n_gates - 2 * n_meas
    slots = ["m"] * n_meas + ["g"] * n_plain
    rng.shuffle(slots)
    lines = _header(qubits, n_meas)
    k = 0
    for slot in slots:
        if slot == "m":
            j = rng.randrange(qubits)
            lines.append(f"c[{k}] = measure q[{j}];")
            lines.append(f"if (c[{k}]) x q[{j}];")
            k += 1
            continue
        g = rng.choice(RANDOM_GATES)
        if g in ("cx", "cz"):
            a, b = rng.sample(range(qubits), 2)
            lines.append(f"{g} q[{a}], q[{b}];")
        elif g == "rz":
            lines.append(f"rz({rng.uniform(-math.pi, math.pi):.6f}) q[{rng.randrange(qubits)}];")
        else:
            lines.append(f"{g} q[{rng.randrange(qubits)}];")
    return BenchInput(f"random-{_size_label(n_gates)}", "random", n_gates, n_gates, n_meas, qubits, "\n".join(lines) + "\n")


def qft_circuit(target_gates: int, qubits: int = QUBITS) -> BenchInput:
    """QFT blocks (h + cp + swap) on ``qubits`` qubits, repeated to land near
    ``target_gates``, then every qubit measured once."""
    per_block = qubits + qubits * (qubits - 1) // 2 + qubits // 2
    blocks = max(1, round((target_gates - qubits) / per_block))
    lines = _header(qubits, qubits)
    for _ in range(blocks):
        for i in range(qubits):
            lines.append(f"h q[{i}];")
            for j in range(i + 1, qubits):
                lines.append(f"cp({math.pi / 2 ** (j - i)!r}) q[{j}], q[{i}];")
        for i in range(qubits // 2):
            lines.append(f"swap q[{i}], q[{qubits - 1 - i}];")
    lines += [f"c[{i}] = measure q[{i}];" for i in range(qubits)]
    gates = blocks * per_block + qubits
    return BenchInput(f"qft{qubits}-{_size_label(target_gates)}", "qft", target_gates, gates, qubits, qubits, "\n".join(lines) + "\n")


def qaoa_circuit(target_gates: int, qubits: int = QUBITS, seed: int = SEED) -> BenchInput:
    """MaxCut QAOA on a fixed graph (a ring plus qubits/2 random chords): h on
    all, then layers of rzz (written cx-rz-cx) per edge and rx mixers, then
    every qubit measured once. The number of layers lands near ``target_gates``."""
    rng = _rng("qaoa-graph", qubits, seed)
    edges = {(i, (i + 1) % qubits) for i in range(qubits)}
    while len(edges) < qubits + qubits // 2:
        a, b = sorted(rng.sample(range(qubits), 2))
        if (a, b) not in edges and (b, a) not in edges:
            edges.add((a, b))
    edge_list = sorted(edges)
    per_layer = 3 * len(edge_list) + qubits
    layers = max(1, round((target_gates - 2 * qubits) / per_layer))
    prng = _rng("qaoa-angles", target_gates, seed)
    lines = _header(qubits, qubits)
    lines += [f"h q[{i}];" for i in range(qubits)]
    for _ in range(layers):
        gamma, beta = prng.uniform(0, math.pi), prng.uniform(0, math.pi)
        for a, b in edge_list:
            lines += [f"cx q[{a}], q[{b}];", f"rz({2 * gamma:.6f}) q[{b}];", f"cx q[{a}], q[{b}];"]
        lines += [f"rx({2 * beta:.6f}) q[{i}];" for i in range(qubits)]
    lines += [f"c[{i}] = measure q[{i}];" for i in range(qubits)]
    gates = 2 * qubits + layers * per_layer
    return BenchInput(f"qaoa{qubits}-{_size_label(target_gates)}", "qaoa", target_gates, gates, qubits, qubits, "\n".join(lines) + "\n")


def make_inputs(sizes: list[int], seed: int = SEED) -> list[BenchInput]:
    inputs = [random_dynamic_circuit(n, seed=seed) for n in sizes]
    for n in sizes:
        if n <= STRUCTURED_MAX:
            inputs.append(qft_circuit(n))
            inputs.append(qaoa_circuit(n, seed=seed))
    return inputs


# --------------------------------------------------------------------------- the worker (one conversion)


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def _rss_now_mib() -> float | None:
    """Current RSS (not the peak): what a stage left alive."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


def _hwm_mib() -> float | None:
    """VmHWM: the peak RSS of this process's own address space. ru_maxrss
    also counts the parent's RSS at the moment of fork/exec (Linux folds the
    old mm's high-water mark into it), so the driver keeps itself small and
    the worker reports both."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def _qis_calls(text: str) -> int:
    """Gate and measurement calls (``read_result`` left out: the two tools name it differently)."""
    return sum(1 for line in text.splitlines() if "call " in line and "@__quantum__qis__" in line and "read_result" not in line)


class _Clock:
    """Wall and CPU time per stage, and how much of it the cyclic garbage
    collector took.

    The objects made by the imports are frozen first (``gc.freeze()``, in
    both tools), so no collection walks them. Otherwise the collector runs as
    it would: only the parse stage ends with a full ``gc.collect()``, counted
    in it, so that the Qiskit importer pays for its own cyclic garbage. Left
    alone, the collector frees that garbage in whichever stage next trips its
    threshold: at 10k gates that was 70 % of the IR build time. No other
    stage is closed that way: a full collection over a 100k-gate module
    costs about 0.9 s, about 9 µs/gate that a normal run doesn't pay there.
    CPU time is the figure to trust on a busy machine."""

    def __init__(self) -> None:
        import gc

        self._gc = gc
        gc.collect()
        gc.freeze()
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.gc_s: dict[str, float] = {}
        self.gc_final_s: dict[str, float] = {}  # of gc_s: the full collection that closes the stage
        self._in_gc = 0.0
        self._gc_start = 0.0
        gc.callbacks.append(self._on_gc)
        self._w, self._c, self._g = time.perf_counter(), time.process_time(), 0.0

    def _on_gc(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            self._in_gc += time.perf_counter() - self._gc_start

    def lap(self, name: str, collect: bool = False) -> None:
        if collect:
            before = self._in_gc
            self._gc.collect()
            self.gc_final_s[name] = self._in_gc - before
        w, c = time.perf_counter(), time.process_time()
        self.wall[name], self.cpu[name], self.gc_s[name] = w - self._w, c - self._c, self._in_gc - self._g
        self._w, self._c, self._g = w, c, self._in_gc

    def total(self) -> float:
        return sum(self.wall.values())

    def total_cpu(self) -> float:
        return sum(self.cpu.values())


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
    rss_import = _rss_mib()

    # The passes before emission (lower_to_target: decomposition to target
    # gates) are timed inside module_to_qir by wrapping the module attribute
    # it looks up at call time; if the pipeline stops calling it, the column
    # reads "n/a" rather than a wrong number.
    lowering_s: list[float] = []

    def timed(fn):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                lowering_s.append(time.perf_counter() - t)

        return wrapper

    if hasattr(pipeline, "lower_to_target"):
        pipeline.lower_to_target = timed(pipeline.lower_to_target)

    # Parse as qasm_to_module runs it: under the pipeline's own GC policy
    # (gc_paused, if the pipeline has one; circuit_to_module and
    # module_to_qir apply it themselves).
    paused = getattr(pipeline, "gc_paused", None)
    clock = _Clock()
    with paused() if paused is not None else contextlib.nullcontext():
        circuit = qasm3_to_circuit(source)
    clock.lap("parse", collect=True)
    module = pipeline.circuit_to_module(circuit)
    clock.lap("build")
    text = pipeline.module_to_qir(module)
    clock.lap("emit")
    rss_peak = _rss_mib()
    hwm_peak = _hwm_mib()
    stages: dict[str, float | None] = dict(clock.wall)
    stages["decompose"] = sum(lowering_s) if lowering_s else None

    # Which sink emit_qir picked (pyqir Builder or LLVM text); internal, so guarded.
    path = "?"
    try:
        path = "text" if emit_mod.needs_text(entry_function(module)) else "builder"
    except Exception:
        pass

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
        "convert_s": clock.total(),
        "convert_cpu_s": clock.total_cpu(),
        "stages": stages,
        "stages_cpu": dict(clock.cpu),
        "stages_gc": dict(clock.gc_s),
        "stages_gc_final": dict(clock.gc_final_s),
        "emit_path": path,
    }


def _worker_native(source: str, filename: str) -> tuple[str, dict]:
    """qckpt's native frontend, stage by stage, as ``compile_qasm(src,
    frontend="native")`` runs it: parse and IR build inside one
    ``gc_paused()`` (``pipeline.qasm_to_module`` is one ``@_stage``; the
    lark tree is freed when the lowering returns, inside it), then
    ``module_to_qir`` (its own ``@_stage``)."""
    import qckpt.dialects.qc  # noqa: F401
    import qckpt.frontend.qasm3 as qasm3
    import qckpt.frontend.qasm_parser as qasm_parser
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
    rss_import = _rss_mib()

    lowering_s: list[float] = []

    def timed(fn):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                lowering_s.append(time.perf_counter() - t)

        return wrapper

    if hasattr(pipeline, "lower_to_target"):
        pipeline.lower_to_target = timed(pipeline.lower_to_target)

    # Peak (ru_maxrss) and current RSS after each stage, read just after its
    # lap (a few µs, charged to the next stage).
    rss_after: dict[str, float | None] = {"imports": rss_import}
    rss_now_after: dict[str, float | None] = {"imports": _rss_now_mib()}
    clock = _Clock()
    with pipeline.gc_paused():
        tree = qasm_parser.parse(source, filename)
        clock.lap("parse")
        rss_after["parse"], rss_now_after["parse"] = _rss_mib(), _rss_now_mib()
        module = qasm3._Lowering(source, filename, {}).run(tree)
        del tree
        clock.lap("build")
        rss_after["build"], rss_now_after["build"] = _rss_mib(), _rss_now_mib()
    text = pipeline.module_to_qir(module)
    clock.lap("emit")
    rss_after["emit"], rss_now_after["emit"] = _rss_mib(), _rss_now_mib()
    rss_peak = _rss_mib()
    hwm_peak = _hwm_mib()
    stages: dict[str, float | None] = dict(clock.wall)
    stages["decompose"] = sum(lowering_s) if lowering_s else None
    path = "?"
    try:
        path = "text" if emit_mod.needs_text(entry_function(module)) else "builder"
    except Exception:
        pass
    return text, {
        "imports_done": imports_done,
        "parser_build_s": parser_build,
        "rss_import_mib": rss_import,
        "rss_peak_mib": rss_peak,
        "hwm_peak_mib": hwm_peak,
        "rss_after": rss_after,
        "rss_now_after": rss_now_after,
        "convert_s": clock.total(),
        "convert_cpu_s": clock.total_cpu(),
        "stages": stages,
        "stages_cpu": dict(clock.cpu),
        "stages_gc": dict(clock.gc_s),
        "stages_gc_final": dict(clock.gc_final_s),
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
    rss_import = _rss_mib()
    clock = _Clock()
    program = openqasm3.parse(source)
    clock.lap("parse")
    return "", {
        "imports_done": imports_done,
        "rss_import_mib": rss_import,
        "convert_s": clock.total(),
        "convert_cpu_s": clock.total_cpu(),
        "stages": dict(clock.wall),
        "stages_cpu": dict(clock.cpu),
        "stages_gc": dict(clock.gc_s),
        "stages_gc_final": dict(clock.gc_final_s),
        "statements": len(program.statements),
        "emits_qir": False,
    }


def _worker_qbraid(source: str, profile: str) -> tuple[str, dict]:
    from qbraid_qir.qasm3 import qasm3_to_qir
    import openqasm3.parser  # noqa: F401
    import pyqasm  # noqa: F401
    import pyqir  # noqa: F401

    imports_done = time.perf_counter()
    rss_import = _rss_mib()
    clock = _Clock()
    text = str(qasm3_to_qir(source, profile=profile))
    clock.lap("convert")
    return text, {
        "imports_done": imports_done,
        "rss_import_mib": rss_import,
        "convert_s": clock.total(),
        "convert_cpu_s": clock.total_cpu(),
        "stages": {},
        "stages_cpu": {},
        "stages_gc": dict(clock.gc_s),
        "stages_gc_final": dict(clock.gc_final_s),
    }


def worker_main(tool: str, input_path: str, save: str | None, qbraid_profile: str) -> int:
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
        res.setdefault("rss_peak_mib", _rss_mib())
        res.setdefault("hwm_peak_mib", _hwm_mib())
        res["t0_wall"] = _T0_WALL
        res["import_s"] = res.pop("imports_done") - _T0
        if res.pop("emits_qir", True):
            res["qir_bytes"] = len(text)
            res["qis_calls"] = _qis_calls(text)
        if save:
            Path(save).write_text(text)
        res["script_s"] = time.perf_counter() - _T0
        res["ok"] = True
    except BaseException as e:  # report, don't crash: the parent renders it in the table
        msg = " ".join(str(e).split())[:300]
        res = {"ok": False, "status": "error", "error": f"{type(e).__name__}: {msg}", "rss_peak_mib": _rss_mib()}
    print("BENCH-RESULT " + json.dumps(res), flush=True)
    return 0


# --------------------------------------------------------------------------- the driver


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def run_worker(tool: str, path: Path, timeout: float, qbraid_profile: str, save: Path | None = None) -> dict:
    args = ["--worker", tool, "--input", str(path), "--qbraid-profile", qbraid_profile]
    if save is not None:
        args += ["--save", str(save)]
    spawned = time.time()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    res = _run_child(args, timeout)
    res["wall_s"] = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the driver runs one child at a time: the delta is this one
    res["process_cpu_s"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if res.get("ok"):
        interp = max(0.0, res.pop("t0_wall") - spawned)  # interpreter start-up, up to the script's first line
        res["startup_s"] = interp + res["import_s"]  # start-up + imports
        res["exit_s"] = max(0.0, res["wall_s"] - interp - res["script_s"])  # interpreter teardown (freeing the objects)
    return res


def _min_merge(runs: list[dict]) -> dict:
    """Minimum of each measurement over the successful runs."""
    good = [r for r in runs if r.get("ok")]
    if not good:
        return runs[-1] | {"runs": len(runs)}
    out: dict = {"ok": True, "runs": len(runs), "ok_runs": len(good)}
    for key in (
        "convert_s", "convert_cpu_s", "import_s", "startup_s", "exit_s", "wall_s", "process_cpu_s", "parser_build_s",
        "rss_import_mib", "rss_peak_mib", "hwm_peak_mib", "qir_bytes", "qis_calls", "statements",
    ):
        vals = [r[key] for r in good if r.get(key) is not None]
        out[key] = min(vals) if vals else None
    for key in ("rss_after", "rss_now_after"):
        if key in good[0]:
            out[key] = {
                k: min((r[key][k] for r in good if r.get(key, {}).get(k) is not None), default=None) for k in good[0][key]
            }
    stages: dict = {}
    for key in good[0].get("stages", {}):
        vals = [r["stages"][key] for r in good if r["stages"].get(key) is not None]
        numeric = [v for v in vals if isinstance(v, (int, float))]
        stages[key] = min(numeric) if numeric else (vals[0] if vals else None)
    out["stages"] = stages
    out["stages_gc"] = {  # from the run with the smallest total
        k: v for k, v in min(good, key=lambda r: r["convert_s"]).get("stages_gc", {}).items()
    }
    out["stages_cpu"] = {
        key: min(r["stages_cpu"][key] for r in good) for key in good[0].get("stages_cpu", {}) if all(key in r.get("stages_cpu", {}) for r in good)
    }
    out["emit_path"] = good[0].get("emit_path")
    out["load_1m"] = [r.get("load_1m") for r in runs]
    out["all_runs"] = runs
    if len(good) < len(runs):
        out["note"] = f"{len(runs) - len(good)} of {len(runs)} runs failed: {[r for r in runs if not r.get('ok')][-1].get('error')}"
    return out


def _sanity_worker(kind: str, path: str) -> int:
    """Runs in its own process, so that the driver never imports qckpt,
    qiskit or pyqir: its RSS would show up in the workers' ru_maxrss."""
    try:
        if kind in (QISKIT, NATIVE):
            from qckpt.pipeline import compile_qasm
            from qckpt.runtime.execution.qir_runner import run_qir

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
    print("BENCH-RESULT " + json.dumps(res), flush=True)
    return 0


def _run_child(args: list[str], timeout: float) -> dict:
    cmd = [sys.executable, os.path.abspath(__file__), *args]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:  # subprocess.run kills the child
        return {"ok": False, "status": "timeout", "error": f"timeout after {timeout:.0f} s"}
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("BENCH-RESULT "):
            return json.loads(line[len("BENCH-RESULT ") :])
    tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
    return {"ok": False, "status": "crash", "error": f"exit {proc.returncode}: {tail[:300]}"}


def sanity_check(workdir: Path, inputs: list[BenchInput], tools: list[str], timeout: float, qbraid_profile: str) -> dict:
    """Before timing: what is timed must produce QIR that runs (qckpt, on
    qir-runner) or at least parses and verifies (qbraid-qir, with pyqir)."""
    first = min((i for i in inputs if i.kind == "random"), key=lambda i: i.gates)
    qasm = workdir / f"{first.name}.qasm"
    out: dict = {"input": first.name}
    for tool in [t for t in tools if t in (NATIVE, QISKIT)]:
        t = time.perf_counter()
        log(f"[sanity] {TOOLS[tool]}: compile {first.name} and run 10 shots on qir-runner ...")
        res = _run_child(["--sanity", tool, "--input", str(qasm)], timeout)
        if not res.get("ok") or res["complete"] != 10 or res["widths"] != [first.measurements]:
            raise SystemExit(f"sanity check failed: {TOOLS[tool]}'s QIR for {first.name} does not run as expected on qir-runner: {res}")
        out[TOOLS[tool]] = f"{first.name}: 10/10 shots complete on qir-runner, {first.measurements} bits recorded per shot"
        log(f"[sanity] {TOOLS[tool]} ok ({time.perf_counter() - t:.1f} s)")
    if "qbraid-qir" in tools:
        t = time.perf_counter()
        log(f"[sanity] qbraid-qir: convert {first.name} and parse it with pyqir ...")
        save = workdir / f"{first.name}.qbraid.ll"
        res = run_worker("qbraid-qir", qasm, timeout, qbraid_profile, save=save)
        if not res.get("ok"):
            out["qbraid-qir"] = f"conversion failed: {res.get('error')}"
        else:
            chk = _run_child(["--sanity", "pyqir", "--input", str(save)], timeout)
            if not chk.get("ok"):
                out["qbraid-qir"] = f"{first.name}: output does NOT parse with pyqir: {chk.get('error')}"
            elif chk["verify_error"] is not None:
                out["qbraid-qir"] = f"{first.name}: output parses with pyqir but does NOT verify: {chk['verify_error']}"
            else:
                out["qbraid-qir"] = f"{first.name}: output parses and verifies with pyqir"
        log(f"[sanity] qbraid-qir: {out['qbraid-qir']} ({time.perf_counter() - t:.1f} s)")
    return out


def package_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in VERSIONED:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


def _loadavg() -> str:
    try:
        return "{:.1f}".format(os.getloadavg()[0])
    except OSError:
        return "n/a"


def _load_range(loads: list[str]) -> str | None:
    vals = sorted(float(x) for x in loads if x != "n/a")
    if not vals:
        return None
    return f"{vals[0]:.1f}–{vals[-1]:.1f} (median {vals[len(vals) // 2]:.1f}; 1-minute average, read before each run)"


def source_state() -> str:
    """The commit measured, and whether the working tree differed from it:
    the numbers belong to the code as it was on disk during the run."""
    root = Path(__file__).resolve().parents[1]
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "qckpt"], capture_output=True, text=True, timeout=10
        ).stdout.split("\n")
        dirty = [line[3:] for line in dirty if line.strip()]
    except (OSError, subprocess.SubprocessError):
        return "not a git checkout"
    if not head:
        return "not a git checkout"
    return f"commit {head}" + (f", with uncommitted changes in {', '.join(dirty)}" if dirty else ", clean qckpt/")


def machine_info() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        mem_gib = f"{int(mem) / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        mem_gib = "unknown"
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": mem_gib,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
    }


# --------------------------------------------------------------------------- analysis and report


def slopes(results: dict, inputs: list[BenchInput], key, tool: str = QISKIT) -> list[tuple[int, int, float]]:
    """(a, b, seconds per gate) between consecutive sizes of the random inputs."""
    pts = []
    for inp in sorted((i for i in inputs if i.kind == "random"), key=lambda i: i.gates):
        r = results.get(inp.name, {}).get(tool)
        if r and r.get("ok"):
            v = key(r)
            if v is not None:
                pts.append((inp.gates, v))
    return [(a, b, (tb - ta) / (b - a)) for (a, ta), (b, tb) in zip(pts, pts[1:])]


def _cpu(stage: str):
    return lambda r: r.get("stages_cpu", {}).get(stage)


def _sum(*fns):
    def f(r):
        vals = [fn(r) for fn in fns]
        return None if any(v is None for v in vals) else sum(vals)

    return f


# label -> (wall-clock time, CPU time or None)
STAGE_KEYS = {
    "parse (Qiskit importer)": (lambda r: r["stages"]["parse"], _cpu("parse")),
    "IR build": (lambda r: r["stages"]["build"], _cpu("build")),
    "QIR emission": (lambda r: r["stages"]["emit"], _cpu("emit")),
    "  lower_to_target (decompose)": (lambda r: r["stages"].get("decompose"), None),
    "  text route, apart: emit_qir_text": (lambda r: r["stages"].get("emit_text"), None),
    "  text route, apart: pyqir from_ir+verify+str": (lambda r: r["stages"].get("pyqir"), None),
    "IR build + emission": (lambda r: r["stages"]["build"] + r["stages"]["emit"], _sum(_cpu("build"), _cpu("emit"))),
    "total conversion": (lambda r: r["convert_s"], lambda r: r.get("convert_cpu_s")),
}

# The native path: label -> (tool, wall-clock time, CPU time or None). The
# last rows are other tools' totals on the same inputs, for comparison.
NATIVE_STAGE_KEYS = {
    "parse (lark LALR)": (NATIVE, lambda r: r["stages"]["parse"], _cpu("parse")),
    "IR build": (NATIVE, lambda r: r["stages"]["build"], _cpu("build")),
    "QIR emission": (NATIVE, lambda r: r["stages"]["emit"], _cpu("emit")),
    "  lower_to_target (decompose)": (NATIVE, lambda r: r["stages"].get("decompose"), None),
    "IR build + emission": (NATIVE, lambda r: r["stages"]["build"] + r["stages"]["emit"], _sum(_cpu("build"), _cpu("emit"))),
    "total conversion": (NATIVE, lambda r: r["convert_s"], lambda r: r.get("convert_cpu_s")),
    "for comparison: openqasm3.parse (parse only)": ("openqasm3", lambda r: r["convert_s"], lambda r: r.get("convert_cpu_s")),
    "for comparison: qckpt (Qiskit importer) total": (QISKIT, lambda r: r["convert_s"], lambda r: r.get("convert_cpu_s")),
    "for comparison: qbraid-qir total": ("qbraid-qir", lambda r: r["convert_s"], lambda r: r.get("convert_cpu_s")),
}


def _judge(sl: list[tuple[int, int, float]]) -> tuple[dict, dict]:
    """The two targets on one series of slopes of IR build + emission."""
    if sl and sl[-1][1] >= BIG:
        us = sl[-1][2] * 1e6
        speed = {"measured": f"{us:.1f} µs/gate (slope {_size_label(sl[-1][0])}→{_size_label(sl[-1][1])})", "pass": us < TARGET_US_PER_GATE}
    else:
        speed = {"measured": "not measured (no 100k run)", "pass": None}
    if len(sl) >= 2 and min(s for _, _, s in sl) > 0:
        ratio = max(s for _, _, s in sl) / min(s for _, _, s in sl)
        span = f"{_size_label(sl[0][0])}→{_size_label(sl[-1][1])}"
        # judged only when the sizes reach 100k
        flat = {"measured": f"largest/smallest slope {ratio:.2f}× over {span}", "pass": (ratio <= TARGET_FLATNESS) if sl[-1][1] >= BIG else None}
    else:
        flat = {"measured": "needs three sizes", "pass": None}
    return speed, flat


def _random_input(inputs: list[BenchInput], size: int) -> BenchInput | None:
    return next((i for i in inputs if i.kind == "random" and i.size == size), None)


def _ratio_of(results: dict, inp: BenchInput, key) -> tuple[float, float, float] | None:
    """(qbraid-qir value, native value, qbraid-qir / native), or None if either is missing."""
    rb = results.get(inp.name, {}).get("qbraid-qir")
    rn = results.get(inp.name, {}).get(NATIVE)
    if not (rb and rn and rb.get("ok") and rn.get("ok")):
        return None
    vb, vn = key(rb), key(rn)
    if vb is None or vn is None or vn <= 0:
        return None
    return vb, vn, vb / vn


def _ratio_target(results: dict, inputs: list[BenchInput], size: int, goal: float, key, unit: str, others: bool = False) -> dict:
    """qbraid-qir / native on the random input of ``size`` gates, which the
    verdict uses; with ``others``, the structured inputs of that size are
    listed after it."""
    inp = _random_input(inputs, size)
    if inp is None:
        return {"measured": f"not measured (no {_size_label(size)} run)", "pass": None}
    got = _ratio_of(results, inp, key)
    if got is None:
        return {"measured": f"not measured ({inp.name}: a tool is missing or failed)", "pass": None}
    vb, vn, ratio = got
    fmt = _mib if unit == "MiB" else _s
    text = f"{inp.name}: qbraid-qir {fmt(vb)} {unit} / native {fmt(vn)} {unit} = **{ratio:.2f}×**"
    if others:
        extra = []
        for o in inputs:
            if o.kind != "random" and o.size == size:
                g = _ratio_of(results, o, key)
                extra.append(f"{o.name} {g[2]:.2f}×" if g else f"{o.name} n/a")
        if extra:
            text += " (not in the verdict: " + ", ".join(extra) + ")"
    return {"measured": text, "pass": ratio >= goal}


def _wall(r: dict) -> float | None:
    return r.get("convert_s")


def _cpu_total(r: dict) -> float | None:
    return r.get("convert_cpu_s")


def evaluate_targets(results: dict, inputs: list[BenchInput]) -> list[dict]:
    """Issue 2's two targets (the Qiskit-importer path's IR build + emission)
    and issue 3's four (the native path against qbraid-qir), each judged on
    wall-clock time ("pass", "measured") and on CPU time ("cpu_pass",
    "cpu_measured"). The verdict is the wall-clock conversion time; rows with
    ``verdict: False`` are shown for information."""
    wall_fn, cpu_fn = STAGE_KEYS["IR build + emission"]
    wall = _judge(slopes(results, inputs, wall_fn))
    cpu = _judge(slopes(results, inputs, cpu_fn))
    names = (
        f"IR build + QIR emission < {TARGET_US_PER_GATE:g} µs/gate at 100k gates (Qiskit-importer path)",
        f"IR build + QIR emission slope flat within {TARGET_FLATNESS:g}× from 1k to 100k (Qiskit-importer path)",
    )
    out = [
        {"issue": 2, "id": i, "verdict": True, "target": n, "measured": w["measured"], "pass": w["pass"], "cpu_measured": c["measured"], "cpu_pass": c["pass"]}
        for i, n, w, c in zip(("us-per-gate", "flatness"), names, wall, cpu)
    ]

    def row(id_: str, name: str, w: dict, c: dict | None, verdict: bool = True) -> dict:
        return {
            "issue": 3, "id": id_, "verdict": verdict, "target": name, "measured": w["measured"], "pass": w["pass"],
            "cpu_measured": c["measured"] if c else None, "cpu_pass": c["pass"] if c else None,
        }

    for size, goal in ((BIG, TARGET_SPEEDUP_100K), (10_000, TARGET_SPEEDUP_10K)):
        out.append(row(
            f"speedup-{_size_label(size)}",
            f"end to end ≥ {goal:g}× faster than qbraid-qir at {_size_label(size)} gates (conversion time, start-up excluded)",
            _ratio_target(results, inputs, size, goal, _wall, "s", others=True),
            _ratio_target(results, inputs, size, goal, _cpu_total, "s"),
        ))
        if size == 10_000:
            out.append(row(
                "speedup-10k-process",
                f"the same at 10k, whole process (start-up, imports, conversion, exit): shown, not the verdict",
                _ratio_target(results, inputs, size, goal, lambda r: r.get("wall_s"), "s"),
                _ratio_target(results, inputs, size, goal, lambda r: r.get("process_cpu_s"), "s"),
                verdict=False,
            ))
    out.append(row(
        "memory-100k",
        f"peak RSS ≤ 1/{TARGET_MEMORY_100K:g} of qbraid-qir's at 100k gates (qbraid-qir / native ≥ {TARGET_MEMORY_100K:g}×)",
        _ratio_target(results, inputs, BIG, TARGET_MEMORY_100K, lambda r: r.get("rss_peak_mib"), "MiB"),
        None,
    ))
    _, nflat_w = _judge(slopes(results, inputs, _wall, NATIVE))
    _, nflat_c = _judge(slopes(results, inputs, _cpu_total, NATIVE))
    out.append(row("flatness", f"native conversion time per gate (slope) flat within {TARGET_FLATNESS:g}× from 1k to 100k", nflat_w, nflat_c))
    return out


def _s(x: float | None) -> str:
    if x is None:
        return "n/a"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def _mib(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.0f}"


def _cell(r: dict | None, fmt) -> str:
    if r is None:
        return "not run"
    if not r.get("ok"):
        return "TIMEOUT" if r.get("status") == "timeout" else "FAILED"
    return fmt(r)


def _x(num: float | None, den: float | None) -> str:
    return f"{num / den:.2f}×" if num is not None and den else "n/a"


def _get(results: dict, inp: BenchInput, tool: str) -> dict | None:
    r = results.get(inp.name, {}).get(tool)
    return r if r and r.get("ok") else None


def _slope_table(a, results: dict, inputs: list[BenchInput], rows: dict, bold: str) -> None:
    """Rows of per-gate slopes, wall and CPU. ``rows``: label -> (tool, wall fn, CPU fn)."""
    spans = []
    for tool, wall_fn, _ in rows.values():
        spans = slopes(results, inputs, wall_fn, tool)
        if spans:
            break
    if not spans:
        a("Needs at least two sizes.")
        return
    hdr = " | ".join(f"{_size_label(x)}→{_size_label(y)}" for x, y, _ in spans)
    a(f"| stage | wall {hdr.replace(' | ', ' | wall ')} | wall flatness | CPU {hdr.replace(' | ', ' | CPU ')} | CPU flatness |")
    a("|---|" + "---:|" * (2 * len(spans) + 2))

    def cells(fn, tool) -> str:
        sl = slopes(results, inputs, fn, tool) if fn is not None else []
        if len(sl) != len(spans):
            return " | ".join(["n/a"] * (len(spans) + 1))
        flat = f"{max(x for _, _, x in sl) / min(x for _, _, x in sl):.2f}×" if len(sl) >= 2 and min(x for _, _, x in sl) > 0 else "n/a"
        return " | ".join(f"{x * 1e6:.1f}" for _, _, x in sl) + f" | {flat}"

    for label, (tool, wall_fn, cpu_fn) in rows.items():
        name = f"**{label}**" if label == bold else label.replace("  ", "↳ ", 1)
        a(f"| {name} | {cells(wall_fn, tool)} | {cells(cpu_fn, tool)} |")


def render(meta: dict, inputs: list[BenchInput], results: dict, targets: list[dict]) -> str:
    L: list[str] = []
    a = L.append
    tools = meta.get("tools", list(TOOLS))
    a("## Conversion throughput: OpenQASM 3 → QIR")
    a("")
    a("Written by `benchmarks/convert_throughput.py`; rerun it instead of editing this section (see `benchmarks/README.md`).")
    a("")
    a(f"- Command: `{meta['command']}`")
    a(f"- Date: {meta['date']}")
    m = meta["machine"]
    a(f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM, {m['os']}, Python {m['python']}; "
      f"load average {meta['load'][0]} at the start, {meta['load'][1]} at the end"
      + (f", {meta['load_runs']} over the timed runs" if meta.get("load_runs") else "")
      + " (other work on the machine adds noise)")
    a(f"- Source: {meta['source']}")
    a("- Versions: " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items()))
    a("- Tools: " + ", ".join(f"`{t}` = {TOOLS[t]}" for t in tools))
    a(f"- qbraid-qir call: `{meta['qbraid_call']}`")
    a(
        f"- Method: each conversion runs in its own fresh subprocess; conversion time excludes interpreter start-up and imports "
        f"(shown separately; for qckpt (native) the imports include building the LALR parser); peak RSS is `ru_maxrss` at the end of that subprocess. "
        f"*Process* time is the whole subprocess as the driver saw it (start-up, imports, conversion, exit). Each figure is the minimum over "
        f"{meta['repeat_desc']}. Per-gate costs are slopes between sizes, so fixed costs drop out. Garbage collection: "
        f"objects made by the imports are frozen (`gc.freeze()`) before the clock starts, in every tool; otherwise each tool runs "
        f"under its own GC policy: qckpt (native) as `compile_qasm(src, frontend=\"native\")` runs it (parse and IR build in one "
        f"`gc_paused()`, emission in another), qbraid-qir and `openqasm3.parse` under Python's default; qckpt (Qiskit importer)'s "
        f"parse runs under `gc_paused()` and ends with a full `gc.collect()` counted in it, so the importer's cyclic garbage is charged to parsing. "
        f"Timeout {meta['timeout']:.0f} s per conversion."
    )
    a("- Sanity check before timing: " + "; ".join(f"{k}: {v}" for k, v in meta["sanity"].items() if k != "input"))
    a("")
    a("### Inputs")
    a("")
    a(f"Generated from seed {meta['seed']} on {QUBITS} qubits. *random*: {MEASURE_FRACTION:.0%} mid-circuit measurements, each followed by "
      "`if (c[k]) x q[j];` on the measured qubit; the rest uniform over h, x, cx, rz, s, t, cz. "
      "*qft*: repeated 20-qubit QFT blocks (h, cp, swap). *qaoa*: MaxCut layers on a 30-edge graph (rzz as cx-rz-cx, rx mixers). "
      "Gates count every operation once, measurements and conditional gates included.")
    a("")
    a("| input | gates | measurements | OpenQASM KiB |")
    a("|---|---:|---:|---:|")
    for i in inputs:
        kind = "mid-circuit" if i.kind == "random" else "final"
        a(f"| {i.name} | {i.gates} | {i.measurements} ({kind}) | {len(i.source.encode()) / 1024:.0f} |")
    a("")

    if NATIVE in tools:
        _render_native(a, inputs, results, tools)
    a("### Targets")
    a("")
    a("Issue 2: the Qiskit-importer path's IR build + emission. Issue 3: the native frontend against qbraid-qir, on the same "
      "inputs in the same run; ratios are qbraid-qir / qckpt (native). **The verdict is the wall-clock conversion time** "
      "(parse + IR build + emission, start-up and imports excluded), as in the comparison tables; the CPU column is a "
      "cross-check on a shared machine. The row marked *shown, not the verdict* judges the 10k target on the whole process.")
    a("")

    def verdict(p: bool | None) -> str:
        return "not checked" if p is None else ("PASS" if p else "**FAIL**")

    a("| issue | target | wall-clock | result | CPU time | result |")
    a("|---|---|---|---|---|---|")
    for t in targets:
        res_w = verdict(t["pass"]) if t.get("verdict", True) else f"({verdict(t['pass']).strip('*')}, not the verdict)"
        if t["cpu_measured"] is None:
            cpu_cells = "— | —"
        else:
            res_c = verdict(t["cpu_pass"]) if t.get("verdict", True) else f"({verdict(t['cpu_pass']).strip('*')})"
            cpu_cells = f"{t['cpu_measured']} | {res_c}"
        a(f"| {t.get('issue', 2)} | {t['target']} | {t['measured']} | {res_w} | {cpu_cells} |")
    a("")
    if QISKIT in tools:
        _render_qiskit(a, inputs, results)
    notes = []
    for i in inputs:
        for tool, r in results.get(i.name, {}).items():
            if r.get("stages", {}).get("split_error"):
                notes.append(f"{tool} on {i.name}: text-route split not measured: {r['stages']['split_error']}")
            if r.get("note"):
                notes.append(f"{tool} on {i.name}: {r['note']}")
            if not r.get("ok"):
                notes.append(f"{tool} on {i.name}: {r.get('error')}")
            elif r.get("hwm_peak_mib") and abs(r["rss_peak_mib"] - r["hwm_peak_mib"]) > 0.1 * r["hwm_peak_mib"]:
                notes.append(f"{tool} on {i.name}: ru_maxrss {r['rss_peak_mib']:.0f} MiB but VmHWM {r['hwm_peak_mib']:.0f} MiB")
    if notes:
        a("Failures and notes:")
        a("")
        L.extend(f"- {n}" for n in notes)
        a("")
    return "\n".join(L)


def _render_native(a, inputs: list[BenchInput], results: dict, tools: list[str]) -> None:
    a("### qckpt (native) per stage (seconds)")
    a("")
    a("Parse = `qckpt.frontend.qasm_parser.parse` (lark LALR; the parser is built once per process, in start-up); "
      "IR build = `qckpt.frontend.qasm3._Lowering(...).run(tree)`, the tree then freed — both inside one `gc_paused()`, "
      "as `pipeline.qasm_to_module(frontend=\"native\")` runs them; emission = `pipeline.module_to_qir` (`lower_to_target`, "
      "then `emit_qir` with the sink it picks, `verify` and `str`). Total = the three. *Peak RSS after* is `ru_maxrss` "
      "read at the end of each stage (imports / parse / IR build / emission); *RSS held after* is the current RSS then.")
    a("")
    a("| input | gates | parse | IR build | emission | ↳ lower_to_target | emit path | total | of which GC (parse / build / emission) "
      "| start-up + imports | ↳ parser build | peak RSS MiB after imports / parse / build / emission | RSS held MiB after parse / build / emission |")
    a("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for i in inputs:
        r = results.get(i.name, {}).get(NATIVE)
        if r is None or not r.get("ok"):
            a(f"| {i.name} | {i.gates} | " + " | ".join([_cell(r, str)] * 11) + " |")
            continue
        st, ra, rn = r["stages"], r.get("rss_after", {}), r.get("rss_now_after", {})
        a(
            f"| {i.name} | {i.gates} | {_s(st['parse'])} | {_s(st['build'])} | {_s(st['emit'])} | {_s(st.get('decompose'))} | "
            f"{r.get('emit_path') or '?'} | {_s(r['convert_s'])} | "
            f"{' / '.join(_s(r.get('stages_gc', {}).get(k)) for k in ('parse', 'build', 'emit'))} | {_s(r['startup_s'])} | "
            f"{_s(r.get('parser_build_s'))} | {' / '.join(_mib(ra.get(k)) for k in ('imports', 'parse', 'build', 'emit'))} | "
            f"{' / '.join(_mib(rn.get(k)) for k in ('parse', 'build', 'emit'))} |"
        )
    a("")
    a("### qckpt (native) cost per gate (µs/gate, slope between sizes of the random inputs)")
    a("")
    a("Slope = (t(b) − t(a)) / (b − a) between consecutive sizes; flatness = largest slope / smallest slope. "
      "Wall-clock and CPU time of the same runs. The last rows are the other tools' totals on the same inputs.")
    a("")
    _slope_table(a, results, inputs, {k: v for k, v in NATIVE_STAGE_KEYS.items() if v[0] in tools}, "total conversion")
    a("")
    if "openqasm3" in tools:
        a("### Parse only: qckpt (native) against `openqasm3.parse` (same inputs, same run)")
        a("")
        a("qckpt's parse stage (above: lark LALR to a parse tree, collector paused as in the pipeline) against the reference "
          "`openqasm3.parse(src)` (ANTLR parse tree, then the `openqasm3.ast` tree; Python's default GC), each in its own process, "
          "start-up and imports excluded. Ratio = openqasm3 / native: above 1× means qckpt's parse is faster. *Ex. GC* takes out the "
          "time `openqasm3.parse` spent in the cyclic collector. Statements = top-level statements in `openqasm3.parse`'s "
          "`Program` (expected: the input's lines after `OPENQASM 3.0;`).")
        a("")
        a("| input | gates | native parse s | openqasm3.parse s | ratio | CPU ratio | openqasm3 of which GC s | ratio ex. GC "
          "| start-up + imports s (native / openqasm3) | peak RSS MiB (native whole conversion / openqasm3 parse) | statements (openqasm3 / expected) |")
        a("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for i in inputs:
            rn, ro = _get(results, i, NATIVE), _get(results, i, "openqasm3")
            rn_any, ro_any = results.get(i.name, {}).get(NATIVE), results.get(i.name, {}).get("openqasm3")
            np_ = rn["stages"]["parse"] if rn else None
            op_ = ro["convert_s"] if ro else None
            ogc = ro.get("stages_gc", {}).get("parse") if ro else None
            ncpu = rn.get("stages_cpu", {}).get("parse") if rn else None
            ocpu = ro.get("convert_cpu_s") if ro else None
            expected = len(i.source.splitlines()) - 1
            a(
                f"| {i.name} | {i.gates} | {_cell(rn_any, lambda r: _s(np_))} | {_cell(ro_any, lambda r: _s(op_))} | {_x(op_, np_)} | {_x(ocpu, ncpu)} | "
                f"{_s(ogc)} | {_x(op_ - ogc if op_ is not None and ogc is not None else None, np_)} | "
                f"{_cell(rn_any, lambda r: _s(r['startup_s']))} / {_cell(ro_any, lambda r: _s(r['startup_s']))} | "
                f"{_cell(rn_any, lambda r: _mib(r['rss_peak_mib']))} / {_cell(ro_any, lambda r: _mib(r['rss_peak_mib']))} | "
                f"{_cell(ro_any, lambda r: str(r.get('statements')))} / {expected} |"
            )
        a("")
    if "qbraid-qir" in tools:
        a("### qckpt (native) vs qbraid-qir (same inputs, same run)")
        a("")
        a("End to end from `.qasm` text to QIR text. *Conversion* is timed inside the worker (start-up and imports excluded) and is what "
          "the targets use; *process* is the whole subprocess as the driver saw it (interpreter start-up, imports — for qckpt the "
          "parser build too — conversion, and exit), with its CPU time from `getrusage(RUSAGE_CHILDREN)`. Ratios are qbraid-qir / "
          "qckpt (native): above 1× means qckpt is faster or smaller. QIS calls count gate and measurement calls in the output "
          "(qckpt decomposes cp and swap differently from qbraid-qir).")
        a("")
        a("| input | gates | conversion s (native / qbraid-qir) | time ratio | CPU time ratio | process s (native / qbraid-qir) | process ratio "
          "| process CPU ratio | start-up + imports s (native / qbraid-qir) | peak MiB (native / qbraid-qir) | memory ratio | QIS calls (native / qbraid-qir) |")
        a("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for i in inputs:
            rn_any, rb_any = results.get(i.name, {}).get(NATIVE), results.get(i.name, {}).get("qbraid-qir")
            rn, rb = _get(results, i, NATIVE), _get(results, i, "qbraid-qir")
            both = rn is not None and rb is not None
            g = (lambda k: (rb.get(k), rn.get(k))) if both else (lambda k: (None, None))
            a(
                f"| {i.name} | {i.gates} | {_cell(rn_any, lambda r: _s(r['convert_s']))} / {_cell(rb_any, lambda r: _s(r['convert_s']))} | "
                f"{_x(*g('convert_s'))} | {_x(*g('convert_cpu_s'))} | "
                f"{_cell(rn_any, lambda r: _s(r['wall_s']))} / {_cell(rb_any, lambda r: _s(r['wall_s']))} | {_x(*g('wall_s'))} | {_x(*g('process_cpu_s'))} | "
                f"{_cell(rn_any, lambda r: _s(r['startup_s']))} / {_cell(rb_any, lambda r: _s(r['startup_s']))} | "
                f"{_cell(rn_any, lambda r: _mib(r['rss_peak_mib']))} / {_cell(rb_any, lambda r: _mib(r['rss_peak_mib']))} | {_x(*g('rss_peak_mib'))} | "
                f"{_cell(rn_any, lambda r: str(r.get('qis_calls')))} / {_cell(rb_any, lambda r: str(r.get('qis_calls')))} |"
            )
        a("")


def _render_qiskit(a, inputs: list[BenchInput], results: dict) -> None:
    a("### qckpt (Qiskit importer) per stage (seconds)")
    a("")
    a("Parse = `qasm3_to_circuit` (Qiskit's importer), under the pipeline's `gc_paused()` as inside `qasm_to_module`; IR build = `circuit_to_module`; emission = `module_to_qir` "
      "(`lower_to_target`: decomposition to target gates, then `emit_qir` with the sink it picks — pyqir's Builder, or LLVM text parsed by "
      "`Module.from_ir` — then `verify` and `str`); total = the three. "
      "The two *text route* columns are measured apart, after the conversion and outside its total, on a freshly built "
      "and decomposed module: `emit_qir_text` (qckpt writes LLVM text) and pyqir `Module.from_ir` + `verify` + `str` of that text.")
    a("")
    a("| input | gates | parse | IR build | emission | ↳ lower_to_target | emit path | text route: emit_qir_text | text route: pyqir | total | of which GC (parse / build / emission) | start-up + imports | import RSS MiB | peak RSS MiB |")
    a("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for i in inputs:
        r = results.get(i.name, {}).get(QISKIT)
        if r is None or not r.get("ok"):
            a(f"| {i.name} | {i.gates} | " + " | ".join([_cell(r, str)] * 12) + " |")
            continue
        st = r["stages"]
        a(
            f"| {i.name} | {i.gates} | {_s(st['parse'])} | {_s(st['build'])} | {_s(st['emit'])} | {_s(st.get('decompose'))} | "
            f"{r.get('emit_path') or '?'} | {_s(st.get('emit_text'))} | {_s(st.get('pyqir'))} | {_s(r['convert_s'])} | "
            f"{' / '.join(_s(r.get('stages_gc', {}).get(k)) for k in ('parse', 'build', 'emit'))} | {_s(r['startup_s'])} | "
            f"{_mib(r['rss_import_mib'])} | {_mib(r['rss_peak_mib'])} |"
        )
    a("")
    a("### qckpt (Qiskit importer) cost per gate (µs/gate, slope between sizes of the random inputs)")
    a("")
    a("Slope = (t(b) − t(a)) / (b − a) between consecutive sizes; flatness = largest slope / smallest slope. "
      "Wall-clock and CPU time of the same runs; on a machine shared with other work, CPU time is the steadier one.")
    a("")
    _slope_table(a, results, inputs, {k: (QISKIT, w, c) for k, (w, c) in STAGE_KEYS.items()}, "IR build + emission")
    a("")
    a("### qckpt (Qiskit importer) vs qbraid-qir (same inputs, same run)")
    a("")
    a("Conversion wall time (start-up and imports excluded), peak RSS of the converting process, and what each emitted. "
      "Ratios are qbraid-qir / qckpt (Qiskit importer): above 1× means qckpt is faster or smaller. *Process* is the whole subprocess as "
      "the driver saw it: start-up, imports, conversion and exit (freeing the objects). QIS calls count gate and "
      "measurement calls in the output (qckpt decomposes cp and swap differently from qbraid-qir).")
    a("")
    a("| input | gates | qckpt (Qiskit importer) s | qbraid-qir s | time ratio | CPU time ratio | qckpt (Qiskit importer) peak MiB | qbraid-qir peak MiB | memory ratio | start-up + imports s (qckpt Qiskit / qbraid-qir) | process s (qckpt Qiskit / qbraid-qir) | QIS calls (qckpt Qiskit / qbraid-qir) |")
    a("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for i in inputs:
        rq = results.get(i.name, {}).get(QISKIT)
        rb = results.get(i.name, {}).get("qbraid-qir")
        both = rq is not None and rb is not None and rq.get("ok") and rb.get("ok")
        tr = f"{rb['convert_s'] / rq['convert_s']:.2f}×" if both else "n/a"
        mr = f"{rb['rss_peak_mib'] / rq['rss_peak_mib']:.2f}×" if both else "n/a"
        cr = f"{rb['convert_cpu_s'] / rq['convert_cpu_s']:.2f}×" if both and rq.get("convert_cpu_s") and rb.get("convert_cpu_s") else "n/a"
        a(
            f"| {i.name} | {i.gates} | {_cell(rq, lambda r: _s(r['convert_s']))} | {_cell(rb, lambda r: _s(r['convert_s']))} | {tr} | {cr} | "
            f"{_cell(rq, lambda r: _mib(r['rss_peak_mib']))} | {_cell(rb, lambda r: _mib(r['rss_peak_mib']))} | {mr} | "
            f"{_cell(rq, lambda r: _s(r['startup_s']))} / {_cell(rb, lambda r: _s(r['startup_s']))} | "
            f"{_cell(rq, lambda r: _s(r['wall_s']))} / {_cell(rb, lambda r: _s(r['wall_s']))} | "
            f"{_cell(rq, lambda r: str(r['qis_calls']))} / {_cell(rb, lambda r: str(r['qis_calls']))} |"
        )
    a("")


def write_section(path: Path, body: str) -> None:
    replace_section(path, BEGIN, END, f"{BEGIN}\n{body}\n{END}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", help="comma-separated gate counts of the random inputs (default 1000,10000,100000)")
    p.add_argument("--quick", action="store_true", help="1k and 10k gates only")
    p.add_argument("--repeat", type=int, help="runs per measurement, the minimum is kept (default: 3 below 100k gates, 1 from 100k)")
    p.add_argument("--out", type=Path, help="markdown file whose convert_throughput section is rewritten (created if missing)")
    p.add_argument("--json", type=Path, help="write all measurements as JSON here")
    p.add_argument("--timeout", type=float, default=TIMEOUT_S, help=f"seconds per conversion (default {TIMEOUT_S:.0f})")
    p.add_argument("--seed", type=int, default=SEED, help=f"input generator seed (default {SEED})")
    p.add_argument(
        "--tools",
        default=DEFAULT_TOOLS,
        help=f"comma-separated, run in this order on each input (default {DEFAULT_TOOLS}): "
        "qckpt-native (alias native), qckpt (alias qckpt-qiskit: through Qiskit's importer), qbraid-qir, openqasm3 (openqasm3.parse only)",
    )
    p.add_argument("--qbraid-profile", default="adaptive", help="profile passed to qbraid-qir's qasm3_to_qir (default adaptive)")
    p.add_argument("--keep", type=Path, help="write the generated OpenQASM here instead of a temporary directory")
    p.add_argument("--no-sanity", action="store_true", help="skip the qir-runner / pyqir sanity check")
    # internal: one conversion in this (fresh) process
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--sanity", help=argparse.SUPPRESS)
    p.add_argument("--input", help=argparse.SUPPRESS)
    p.add_argument("--save", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        return worker_main(args.worker, args.input, args.save, args.qbraid_profile)
    if args.sanity:
        return _sanity_worker(args.sanity, args.input)

    if args.sizes:
        sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    else:
        sizes = list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    tools = []
    for t in (t.strip() for t in args.tools.split(",") if t.strip()):
        t = TOOL_ALIASES.get(t, t)
        if t not in TOOLS:
            raise SystemExit(f"--tools: unknown tool '{t}'; choose from {', '.join(TOOLS)} (aliases: {', '.join(TOOL_ALIASES)})")
        if t not in tools:
            tools.append(t)
    versions = package_versions()
    if "qbraid-qir" in tools and versions["qbraid-qir"] == "not installed":
        log("qbraid-qir is not installed (pip install -e '.[bench]'): not measuring it")
        tools.remove("qbraid-qir")
    if "openqasm3" in tools and versions["openqasm3"] == "not installed":
        log("openqasm3 is not installed: no parse-only comparison")
        tools.remove("openqasm3")

    def repeats(inp: BenchInput) -> int:
        return args.repeat if args.repeat else (1 if inp.gates >= BIG else 3)

    command = " ".join(shlex.quote(a) for a in [os.path.relpath(sys.executable) if sys.executable.startswith(os.getcwd()) else sys.executable, os.path.relpath(__file__)] + (argv if argv is not None else sys.argv[1:]))
    started = time.perf_counter()
    load_start = _loadavg()
    inputs = make_inputs(sizes, args.seed)
    with tempfile.TemporaryDirectory(prefix="qckpt-bench-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        for inp in inputs:
            (workdir / f"{inp.name}.qasm").write_text(inp.source)
        log(f"{len(inputs)} inputs written to {workdir}: " + ", ".join(f"{i.name} ({i.gates} gates)" for i in inputs))

        sanity = {"skipped": "--no-sanity"} if args.no_sanity else sanity_check(workdir, inputs, tools, args.timeout, args.qbraid_profile)

        results: dict[str, dict[str, dict]] = {}
        loads: list[str] = []
        for inp in inputs:
            results[inp.name] = {}
            for tool in tools:
                runs = []
                for k in range(repeats(inp)):
                    t = time.perf_counter()
                    load = _loadavg()
                    log(f"[{time.perf_counter() - started:7.1f} s] {tool:<12} {inp.name:<12} run {k + 1}/{repeats(inp)} (load {load}) ...")
                    r = run_worker(tool, workdir / f"{inp.name}.qasm", args.timeout, args.qbraid_profile)
                    r["load_1m"] = load
                    loads.append(load)
                    runs.append(r)
                    what = (
                        f"convert {r['convert_s']:.2f} s (CPU {r['convert_cpu_s']:.2f} s), peak {r['rss_peak_mib']:.0f} MiB"
                        if r.get("ok")
                        else r.get("error")
                    )
                    log(f"{'':12}-> {what} (process {time.perf_counter() - t:.1f} s)")
                    if r.get("status") == "timeout":
                        break  # a second timeout would tell nothing new
                results[inp.name][tool] = _min_merge(runs)

    targets = evaluate_targets(results, inputs)
    repeat_desc = f"{args.repeat} run(s)" if args.repeat else "3 runs (1 run at 100k gates and above)"
    meta = {
        "command": command,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine_info(),
        "versions": versions,
        "seed": args.seed,
        "sizes": sizes,
        "tools": tools,
        "repeat_desc": repeat_desc,
        "timeout": args.timeout,
        "qbraid_call": f'str(qbraid_qir.qasm3.qasm3_to_qir(src, profile="{args.qbraid_profile}"))',
        "sanity": sanity,
        "elapsed_s": time.perf_counter() - started,
        "load": (load_start, _loadavg()),
        "load_runs": _load_range(loads),
        "source": source_state(),
    }
    body = render(meta, inputs, results, targets)
    print(body)
    if args.out:
        write_section(args.out, body)
        log(f"wrote the convert_throughput section of {args.out}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "meta": meta,
            "inputs": [{k: v for k, v in vars(i).items() if k != "source"} for i in inputs],
            "results": results,
            "targets": targets,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n")
        log(f"wrote {args.json}")
    log(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
