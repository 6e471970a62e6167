"""Resume and inspect after 5 M journaled shots: time and peak memory, with
the journal kept whole (stores written before journal segments) and with it
rotated at each commit (today's format).

The store is what a run of N shots leaves when it is killed just before its
last commit: every batch but the last committed, the last one's shots only
in the journal. It is built directly (running 5 M real shots would take
hours and measure qir-runner, not the journal): the program is the real
repeat-until-success example, the ledger and the journal frames are exactly
what the runtime writes. ``qckpt resume`` then recovers the last batch from
the journal and completes without running a shot; ``qckpt inspect`` reads
the same. Each is measured in a fresh child process: wall time and the
child's peak resident memory (ru_maxrss).

``legacy`` is the store as the runtime wrote it before segments: ledger
version 1 and one ``journal`` file holding every shot of the run; resuming
it reads that file whole, as the runtime always did. ``--before-tree DIR``
also runs the legacy store with the qckpt source tree in DIR (a checkout of
the code before this change) as the peer.

    .venv/bin/python benchmarks/journal_scaling.py [--shots 5000000] [--before-tree DIR] [--doc]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib.report import replace_section  # noqa: E402

MEASURE = (
    "import resource, subprocess, sys, time, json\n"
    "t = time.perf_counter(); p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "s = time.perf_counter() - t\n"
    "print(json.dumps({'s': s, 'rss_mib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 'rc': p.returncode, 'err': p.stderr[-400:]}))\n"
)


def build(store: Path, shots: int, batch: int, legacy: bool) -> None:
    from qckpt import pipeline
    from qckpt.runtime.execution.job import fingerprint
    from qckpt.runtime.execution.ledger import Ledger, RunPlan, session_frame, shot_frame
    from qckpt.runtime.store import CheckpointStore, journal_segments
    from qckpt.runtime.store.journal import _file_header, encode_frame

    m = pipeline.qasm_to_module((ROOT / "examples" / "repeat_until_success.qasm").read_text(), "rus.qasm")
    pipeline.insert_checkpoints(m, "exact")
    program = pipeline.module_to_qir(m, record_mode="streaming", resumable=True).encode()
    plan = RunPlan(shots=shots, seed=1, batch_size=batch, mode="resume", program_sha256=fingerprint(program))
    keys = ["0 1", "1 1", "0 0", "1 0"]
    led = Ledger(plan)
    led.sessions = 1
    last = plan.batches - 1
    for b in range(last):
        for q in range(plan.batch_shots(b)):
            led.add(b, "0.0", keys[q % 4], 1)
    led.shape = [("c", 1), ("out", 1)]
    segment = 0 if legacy else 7
    led.journal_from = segment
    doc = json.loads(led.to_bytes())
    if legacy:
        doc["version"] = 1
        del doc["journal_from"]
    with CheckpointStore.open(store, fingerprint=plan.program_sha256) as st:
        w = st.start_output(f"batch-{last - 1}")
        w.write("ledger", json.dumps(doc, sort_keys=True, separators=(",", ":")).encode())
        w.write("program", program)
        w.complete()
    first = 0 if legacy else last  # the legacy journal holds every shot of the run, a segment only those since the commit
    with open(journal_segments.segment_path(str(store), segment), "wb") as f:
        f.write(_file_header())
        f.write(encode_frame(session_frame(0)))
        buf = []
        for b in range(first, plan.batches):
            for q in range(plan.batch_shots(b)):
                buf.append(encode_frame(shot_frame(b, 0, 0, q, 1, keys[q % 4])))
            if len(buf) > 100_000:
                f.write(b"".join(buf))
                buf = []
        f.write(b"".join(buf))


def measure(tree: Path, *args: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "qckpt.cli", *args], capture_output=True, text=True, env=env)
    r = json.loads(out.stdout)
    if r["rc"] != 0:
        raise SystemExit(f"qckpt {' '.join(args)} failed (exit {r['rc']}): {r['err']}")
    return r


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shots", type=int, default=5_000_000)
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--before-tree", type=Path, help="qckpt source tree of the code before journal segments (the peer)")
    ap.add_argument("--cases", default="before,legacy,rotated", help="which of before (needs --before-tree), legacy, rotated to run")
    ap.add_argument("--doc", action="store_true", help="write the results into docs/benchmarks.md")
    ap.add_argument("--figures", type=Path, help="draw the section's figures (PNG) into this directory (docs/figures)")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="qckpt-journal-scaling-"))
    rows = []
    try:
        want = a.cases.split(",")
        cases = [("legacy store, one journal", True, ROOT, "legacy"), ("rotated journal", False, ROOT, "rotated")]
        if a.before_tree:
            cases.insert(0, ("legacy store, code before the change", True, a.before_tree, "before"))
        for label, legacy, tree, key in cases:
            if key not in want:
                continue
            row = {"label": label}
            built = work / f"built-{key}"
            build(built, a.shots, a.batch_size, legacy)
            row["journal_bytes"] = sum(p.stat().st_size for p in built.glob("journal*"))
            for what in ("inspect", "resume"):
                store = work / f"s-{key}-{what}"
                shutil.copytree(built, store)
                row[what] = measure(tree, what, str(store), "--json")
                shutil.rmtree(store)
            shutil.rmtree(built)
            rows.append(row)
            print(f"{label:<40} journal {row['journal_bytes'] / 2**20:8.1f} MiB   inspect {row['inspect']['s']:7.2f} s {row['inspect']['rss_mib']:7.0f} MiB"
                  f"   resume {row['resume']['s']:7.2f} s {row['resume']['rss_mib']:7.0f} MiB", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if a.figures:
        from benchlib import figures

        for f in figures.save_all(a.figures, figures.journal_scaling(rows)):
            print(f"wrote {f}", file=sys.stderr)
    if a.doc:
        lines = [
            "<!-- journal_scaling:begin -->",
            "## Resume and inspect after many journaled shots",
            "",
            f"A store killed just before its last commit after {a.shots:,} shots in batches of {a.batch_size} (the last batch's shots only in the journal); "
            "wall time and peak resident memory of `qckpt inspect` and `qckpt resume` in a fresh process each. "
            "The legacy store is the format written before journal segments (one journal file with every shot of the run).",
            "",
            "| store | journal on disk | inspect | inspect peak RSS | resume | resume peak RSS |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for r in rows:
            lines.append(f"| {r['label']} | {r['journal_bytes'] / 2**20:.1f} MiB | {r['inspect']['s']:.2f} s | {r['inspect']['rss_mib']:.0f} MiB | {r['resume']['s']:.2f} s | {r['resume']['rss_mib']:.0f} MiB |")
        lines += ["", "Command: `.venv/bin/python benchmarks/journal_scaling.py" + (" --before-tree DIR" if a.before_tree else "") + " --doc`", "<!-- journal_scaling:end -->"]
        replace_section(ROOT / "docs" / "benchmarks.md", "<!-- journal_scaling:begin -->", "<!-- journal_scaling:end -->", "\n".join(lines))


if __name__ == "__main__":
    main()
