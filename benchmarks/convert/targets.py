"""How convert_throughput's figures are judged: cost per gate as the slope
between sizes (fixed costs drop out), and the targets of issue 2 (the
Qiskit-importer path) and issue 3 (the native path against qbraid-qir)."""

from __future__ import annotations

from benchlib.circuits import BenchInput, size_label
from benchlib.report import fmt_mib, fmt_s

from .workers import NATIVE, QISKIT

BIG = 100_000  # sizes from here on default to one repeat, and the targets are judged there
TARGET_US_PER_GATE = 35.0  # issue 2: IR build + QIR emission, per gate, at 100k gates
TARGET_FLATNESS = 1.5  # largest slope / smallest slope, 1k -> 100k (issues 2 and 3)
TARGET_SPEEDUP_100K = 5.0  # issue 3: qbraid-qir / qckpt-native conversion time at 100k gates
TARGET_SPEEDUP_10K = 3.0  # issue 3: the same at 10k gates
TARGET_MEMORY_100K = 3.0  # issue 3: qbraid-qir / qckpt-native peak RSS at 100k gates


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
        speed = {"measured": f"{us:.1f} µs/gate (slope {size_label(sl[-1][0])}→{size_label(sl[-1][1])})", "pass": us < TARGET_US_PER_GATE}
    else:
        speed = {"measured": "not measured (no 100k run)", "pass": None}
    if len(sl) >= 2 and min(s for _, _, s in sl) > 0:
        ratio = max(s for _, _, s in sl) / min(s for _, _, s in sl)
        span = f"{size_label(sl[0][0])}→{size_label(sl[-1][1])}"
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
        return {"measured": f"not measured (no {size_label(size)} run)", "pass": None}
    got = _ratio_of(results, inp, key)
    if got is None:
        return {"measured": f"not measured ({inp.name}: a tool is missing or failed)", "pass": None}
    vb, vn, ratio = got
    fmt = fmt_mib if unit == "MiB" else fmt_s
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
            f"speedup-{size_label(size)}",
            f"end to end ≥ {goal:g}× faster than qbraid-qir at {size_label(size)} gates (conversion time, start-up excluded)",
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

