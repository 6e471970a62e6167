"""Reading programs and values from the command line, writing results:
``-`` is stdin/stdout for every program and output; histograms print one way."""

from __future__ import annotations

import argparse
import contextlib
import tempfile
from collections.abc import Iterator
import json
import sys
from pathlib import Path

from qckpt.diagnostics import QckptError, decode_source

EXIT_USER_ERROR = 1
EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE


def _read_input(path: str) -> tuple[str, str]:
    if path == "-":
        return sys.stdin.read(), "<stdin>"
    p = Path(path)
    if not p.exists():
        raise QckptError(f"{path}: no such file")
    if p.is_dir():
        raise QckptError(f"{path}: is a directory")
    try:
        return decode_source(p.read_bytes(), path), path
    except OSError as e:
        raise QckptError(f"{path}: cannot read: {e.strerror or e}") from None


_WRITE_PIECE = 1 << 20


def _write_output(path: str, data: str | bytes) -> None:
    if path == "-":
        try:
            if isinstance(data, bytes):
                sys.stdout.buffer.write(data)
            else:
                sys.stdout.write(data)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as e:
            raise QckptError(f"cannot write to standard output: {e.strerror or e}") from None
        return
    p = Path(path)
    if p.is_dir():
        raise QckptError(f"{path}: is a directory; give a file name for the output")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            p.write_bytes(data)
        else:
            with p.open("w") as f:
                # In pieces: write_text encodes the whole text at once, a
                # second copy of it (~210 MB of QIR at 10^6 gates) at the
                # conversion's peak memory.
                for i in range(0, len(data), _WRITE_PIECE):
                    f.write(data[i : i + _WRITE_PIECE])
    except (FileExistsError, NotADirectoryError):
        raise QckptError(f"{path}: cannot write: {p.parent} is not a directory") from None
    except OSError as e:
        raise QckptError(f"{path}: cannot write: {e.strerror or e}") from None


def _limits(args: argparse.Namespace):
    """The frontend's resource budgets from --max-ops / --max-depth (the
    defaults where a command has no such options)."""
    from qckpt.frontend.qasm.limits import DEFAULT_MAX_DEPTH, DEFAULT_MAX_OPS, Limits

    return Limits(max_ops=getattr(args, "max_ops", DEFAULT_MAX_OPS), max_depth=getattr(args, "max_depth", DEFAULT_MAX_DEPTH))


def _input_kind(name: str, forced: str | None) -> str:
    if forced:
        return forced
    return "mlir" if name.endswith(".mlir") else "qasm"


def _parse_params(items: list[str] | None) -> dict[str, float]:
    """NAME=VALUE pairs; a value is an OpenQASM constant expression (pi/4)."""
    from qckpt.cli.checks import finite_param
    from qckpt.frontend.constant_expression import evaluate_constant

    params: dict[str, float] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QckptError(f"--param {item!r}: expected NAME=VALUE")
        try:
            params[name.strip()] = finite_param(item, evaluate_constant(value))
        except QckptError as e:
            raise QckptError(f"--param {name.strip()}: {e.message}") from None
    return params


def _program_kind(data: bytes) -> str:
    """What a program read from stdin is: bc, ll, mlir or qasm."""
    if data[:2] == b"BC" or data[:4] == b"\xde\xc0\x17\x0b":
        return "bc"
    text = data[:4096].decode("utf-8", "replace")
    if "OPENQASM" in text or "include \"" in text or "qubit" in text and "define " not in text:
        return "qasm"
    if "builtin.module" in text or "func.func" in text or text.lstrip().startswith(("module", '"builtin')):
        return "mlir"
    return "ll"


def _read_program(path: str) -> tuple[bytes, str, str]:
    """A program's bytes, its kind (qasm, mlir, ll, bc) and a name for
    messages; ``-`` reads stdin and tells the kind from the content."""
    if path == "-":
        data = sys.stdin.buffer.read()
        return data, _program_kind(data), "<stdin>"
    p = Path(path)
    if not p.exists():
        raise QckptError(f"{path}: no such file")
    if p.is_dir():
        raise QckptError(f"{path}: is a directory")
    kind = p.suffix.lstrip(".")
    return p.read_bytes(), kind if kind in ("qasm", "mlir", "bc") else "ll", path


@contextlib.contextmanager
def _program_file(path: str) -> Iterator[str]:
    """A path to the program, for the readers that take files (pyqir, the
    profile checker, the fingerprint): ``-`` is stdin copied to a temporary
    file named by its kind."""
    if path != "-":
        yield path
        return
    data, kind, _ = _read_program("-")
    with tempfile.NamedTemporaryFile(suffix=f".{kind}") as f:
        f.write(data)
        f.flush()
        yield f.name


def _write_module(args: argparse.Namespace, module) -> None:
    out = args.output
    if out.endswith(".bc") or args.emit == "bc":
        if out == "-" and sys.stdout.isatty():
            raise QckptError("refusing to write bitcode to a terminal; use -o FILE")
        _write_output(out, module.bitcode)
    else:
        _write_output(out, str(module))


def _print_counts(counts: dict[str, int], regs: list[str], shots: int, seed: int, as_json: bool, extra: dict | None = None, top: int | None = None, min_count: int = 1) -> None:
    counts = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    total = max(1, sum(counts.values()))
    kept = {k: n for k, n in counts.items() if n >= min_count}
    if top is not None:
        kept = dict(list(kept.items())[: max(0, top)])
    cut = (len(counts) - len(kept), sum(counts.values()) - sum(kept.values()))
    if as_json:
        doc = {"shots": shots, "seed": seed, "registers": regs, "counts": kept, **(extra or {})}
        if cut[0]:
            doc["omitted"] = {"outcomes": cut[0], "shots": cut[1]}
        json.dump(doc, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    counts = kept
    # Plain fixed-width columns, not rich or tabulate: the table is read by
    # scripts, tests and the docs' transcripts, and must look the same on a
    # terminal, in a pipe and in a Slurm log (rich styles by terminal).
    header = " ".join(reversed(regs)) or "(no registers)"
    width = max([len(header), *(len(k) for k in counts)])
    print(f"{header:<{width}}  {'count':>7}  {'freq':>6}")
    for k, n in counts.items():
        print(f"{k:<{width}}  {n:>7}  {n / total:>6.3f}")
    if cut[0]:
        print(f"... {cut[0]} more outcome(s) with {cut[1]} shot(s) ({cut[1] / total:.3f}) not shown (--top/--min-count)")
    print(f"{shots} shots, seed {seed}; bit 0 of each register is rightmost")
