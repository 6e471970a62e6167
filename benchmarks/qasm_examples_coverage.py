"""Which of the OpenQASM project's ``examples/`` each importer can read.

For every ``.qasm`` file in a directory:

- **qckpt (native)**: ``compile_qasm`` to QIR, then a 10-shot run on
  qir-runner in which every shot must complete;
- **Qiskit**: ``qiskit.qasm3.loads`` (qiskit-qasm3-import) must return a
  circuit;
- **qbraid-qir** (if importable): ``qasm3_to_qir(source, profile="adaptive")``
  must return a module.

Each example is also classified by whether it uses pulse-level, timing or
``extern`` features, which cannot run on a QIR target; the examples that use
none of them are the ones every importer here is expected to handle. The
table (per example and totals) is written into ``docs/frontend.md`` between
``<!-- qasm_examples:begin -->`` and ``<!-- qasm_examples:end -->``.

    .venv/bin/python benchmarks/qasm_examples_coverage.py [--examples DIR] [--doc docs/frontend.md]

Without ``--examples``, the script looks for an OpenQASM checkout: the
``OPENQASM_EXAMPLES`` environment variable, then ``../openqasm/examples``,
then a bare mirror of the repository (read with ``git``). The examples are
not part of this repository.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from benchlib.report import Section, replace_section  # noqa: E402

SECTION = Section("qasm_examples")
MIRRORS = [Path("/work/.mirror/openqasm+openqasm/repo")]

# Features a QIR target cannot run, found in the text with comments removed.
_FEATURES = {
    "pulse": re.compile(r"\b(defcalgrammar|defcal|cal)\b"),
    "timing": re.compile(r"\b(duration|stretch|delay|durationof)\b|\bbox\s*\[|\b\d+(\.\d*)?(dt|ns|us|µs|ms|s)\b"),
    "extern": re.compile(r"\bextern\b"),
}
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


@dataclass
class Row:
    name: str
    features: list[str]
    results: dict[str, tuple[bool, str]] = field(default_factory=dict)  # importer -> (ok, note)


def features_of(source: str) -> list[str]:
    text = _COMMENTS.sub(" ", source)
    return [name for name, rx in _FEATURES.items() if rx.search(text)]


def _short(e: BaseException) -> str:
    msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return msg if len(msg) <= 110 else msg[:107] + "..."


def try_native(path: Path, source: str) -> tuple[bool, str]:
    from qckpt.diagnostics import QckptError
    from qckpt.pipeline import compile_qasm
    from qckpt.runtime.qir_runner import run_qir

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            qir = compile_qasm(source, path.name)
    except QckptError as e:
        where = f"{e.loc.line}:{e.loc.col}: " if e.loc else ""
        return False, where + e.message
    except Exception as e:  # noqa: BLE001 - a crash is a result to report
        return False, f"crash: {type(e).__name__}: {_short(e)}"
    try:
        result = run_qir(qir, shots=10, seed=1, timeout=300)
    except Exception as e:  # noqa: BLE001
        return False, f"compiled; run failed: {_short(e)}"
    done = sum(1 for s in result.shots if s.complete)
    if done != 10:
        return False, f"compiled; {done} of 10 shots completed"
    return True, "compiled, 10 shots ran"


def try_qiskit(path: Path, source: str) -> tuple[bool, str]:
    from qiskit import qasm3

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            qasm3.loads(source)
    except Exception as e:  # noqa: BLE001
        return False, _short(e)
    return True, "imported"


def try_qbraid(path: Path, source: str) -> tuple[bool, str]:
    from qbraid_qir.qasm3 import qasm3_to_qir

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            qasm3_to_qir(source, profile="adaptive")
    except Exception as e:  # noqa: BLE001
        return False, _short(e)
    return True, "converted"


def try_qbraid_versioned(path: Path, source: str) -> tuple[bool, str]:
    """qbraid-qir refuses a file without a version statement, which OpenQASM 3
    makes optional and most examples omit; this column adds one."""
    if not re.match(r"\s*OPENQASM\b", _COMMENTS.sub(" ", source)):
        source = "OPENQASM 3.0;\n" + source
    return try_qbraid(path, source)


def importers() -> dict[str, object]:
    out: dict[str, object] = {"qckpt (native)": try_native, "Qiskit qasm3.loads": try_qiskit}
    try:
        import qbraid_qir.qasm3  # noqa: F401

        out["qbraid-qir"] = try_qbraid
        out["qbraid-qir, version line added"] = try_qbraid_versioned
    except ImportError:
        pass
    return out


def find_examples(explicit: str | None, scratch: Path) -> Path:
    if explicit:
        return Path(explicit)
    env = os.environ.get("OPENQASM_EXAMPLES")
    if env and Path(env).is_dir():
        return Path(env)
    sibling = ROOT.parent / "openqasm" / "examples"
    if sibling.is_dir():
        return sibling
    for git_dir in MIRRORS:
        if git_dir.is_dir():
            names = subprocess.run(
                ["git", "--git-dir", str(git_dir), "ls-tree", "--name-only", "HEAD", "examples/"],
                capture_output=True, text=True, check=True,
            ).stdout.split()
            out = scratch / "examples"
            out.mkdir(parents=True, exist_ok=True)
            for name in names:
                blob = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"HEAD:{name}"], capture_output=True, check=True).stdout
                (out / Path(name).name).write_bytes(blob)
            return out
    sys.exit("no OpenQASM examples found: pass --examples DIR (the examples/ folder of an OpenQASM checkout)")


def examples_version(explicit: str | None) -> str:
    if explicit:
        return f"`{explicit}`"
    for git_dir in MIRRORS:
        if git_dir.is_dir():
            rev = subprocess.run(["git", "--git-dir", str(git_dir), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
            return f"openqasm/openqasm at commit `{rev.stdout.strip()}`"
    return "an OpenQASM checkout"


def table(rows: list[Row], names: list[str], source_note: str) -> str:
    def cell(ok: bool, note: str) -> str:
        note = note.replace("|", "\\|")
        return "✓" if ok else f"✗ {note}"

    lines = [
        f"Examples: the `.qasm` files of the OpenQASM project's `examples/` ({source_note}), "
        "generated by `benchmarks/qasm_examples_coverage.py`. ✓ for qckpt means compiled to QIR and ran 10 shots on "
        "qir-runner; for Qiskit, `qiskit.qasm3.loads` returned a circuit; for qbraid-qir, "
        "`qasm3_to_qir(..., profile=\"adaptive\")` returned a module (its second column prepends `OPENQASM 3.0;` "
        "to the examples that have no version statement, which the language makes optional and qbraid-qir requires).",
        "",
        "| example | uses pulse / timing / extern | " + " | ".join(names) + " |",
        "| --- | --- | " + " | ".join("---" for _ in names) + " |",
    ]
    for r in rows:
        lines.append(f"| `{r.name}` | {', '.join(r.features) or 'no'} | " + " | ".join(cell(*r.results[n]) for n in names) + " |")
    plain = [r for r in rows if not r.features]
    lines.append("")
    lines.append("| totals | " + " | ".join(names) + " |")
    lines.append("| --- | " + " | ".join("---" for _ in names) + " |")
    lines.append(f"| all {len(rows)} examples | " + " | ".join(str(sum(r.results[n][0] for r in rows)) for n in names) + " |")
    lines.append(
        f"| the {len(plain)} without pulse, timing or extern | "
        + " | ".join(str(sum(r.results[n][0] for r in plain)) for n in names)
        + " |"
    )
    return "\n".join(lines)


def write_doc(doc: Path, text: str) -> None:
    """Rewrite the table's section of ``doc``; a doc without one gets it under its own heading."""
    section = f"{SECTION.begin}\n{text}\n{SECTION.end}"
    if doc.exists() and not (SECTION.begin in (old := doc.read_text()) and SECTION.end in old):
        section = "## OpenQASM examples\n\n" + section
    replace_section(doc, SECTION.begin, SECTION.end, section, new_file_head="# The native OpenQASM 3 frontend\n\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", help="a directory of .qasm files (the examples/ folder of an OpenQASM checkout)")
    ap.add_argument("--doc", default=str(ROOT / "docs" / "frontend.md"), help="markdown file to write the table into")
    ap.add_argument("--no-write", action="store_true", help="print the table only")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as scratch:
        folder = find_examples(args.examples, Path(scratch))
        files = sorted(folder.glob("*.qasm"))
        tools = importers()
        rows = []
        for path in files:
            source = path.read_text()
            row = Row(path.stem, features_of(source))
            for name, fn in tools.items():
                row.results[name] = fn(path, source)  # type: ignore[operator]
            rows.append(row)
            print(f"{path.name:22s} {','.join(row.features) or '-':20s} "
                  + "  ".join(f"{n}={'ok' if row.results[n][0] else 'no'}" for n in tools), flush=True)
    text = table(rows, list(tools), examples_version(args.examples))
    print()
    print(text)
    if not args.no_write:
        write_doc(Path(args.doc), text)
        print(f"\nwritten to {args.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
