"""Run QIR on qir-runner in a subprocess and read its output-record stream.

qir-runner is used as a separate process, never in-process: a program that
calls ``__quantum__rt__fail`` aborts its host, and a simulator crash must not
take the caller with it.

The stream has one block per shot::

    START
    METADATA <key> [<value>]
    OUTPUT <KIND> <value> [<label>]
    END <code>

Records are printed as the shot runs, so a shot cut short by a crash ends
without ``END``; :func:`parse_output` keeps such a shot and marks it
incomplete instead of dropping it.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from qckpt.abi import label_problem
from qckpt.diagnostics import QckptError


@dataclass(frozen=True, slots=True)
class OutputRecord:
    """One ``OUTPUT`` line. Slots: a run makes one per record (about 80 a
    shot, millions a run), and a slotted record is smaller and faster to read."""

    kind: str  # RESULT, BOOL, INT, DOUBLE, ARRAY, TUPLE, or an unknown kind as printed
    value: str
    label: str | None


@dataclass
class Shot:
    records: list[OutputRecord] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    end_code: int | None = None  # None: the shot never reached END

    @property
    def complete(self) -> bool:
        return self.end_code is not None

    def registers(self) -> dict[str, list[int]]:
        """The labelled registers of this shot, following ``docs/abi.md``:
        an ``ARRAY n label`` record followed by ``n`` bit records."""
        regs: dict[str, list[int]] = {}
        recs = self.records
        i = 0
        while i < len(recs):
            rec = recs[i]
            if rec.kind == "ARRAY":
                n = int(rec.value)
                bits = [_bit(r) for r in recs[i + 1 : i + 1 + n]]
                if len(bits) != n:
                    raise QckptError(f"register '{rec.label}' has {len(bits)} of its {n} bit records")
                regs[rec.label or f"_{len(regs)}"] = bits
                i += 1 + n
            else:
                i += 1
        return regs

    def bitstring(self) -> str:
        """The shot's registers in Qiskit's counts convention: registers in
        reverse declaration order separated by spaces, bit 0 rightmost."""
        regs = self.registers()
        return " ".join("".join(str(b) for b in reversed(bits)) for bits in reversed(list(regs.values())))


def _bit(rec: OutputRecord) -> int:
    v = rec.value.strip().lower()
    if v in ("true", "1", "one"):
        return 1
    if v in ("false", "0", "zero"):
        return 0
    raise QckptError(f"record {rec.kind} {rec.value!r} is not a bit")


@dataclass
class RunResult:
    shots: list[Shot]
    stderr: str = ""

    @property
    def counts(self) -> dict[str, int]:
        """Histogram of complete shots, keyed as :meth:`Shot.bitstring`."""
        return dict(Counter(s.bitstring() for s in self.shots if s.complete))

    def __repr__(self) -> str:
        # A summary: the raw records of 1000 shots are ~380 KB, which no one
        # wants from print() or a notebook cell; they stay in .shots.
        complete = sum(1 for s in self.shots if s.complete)
        top = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        shown = ", ".join(f"{k!r}: {n}" for k, n in top[:4]) + (", ..." if len(top) > 4 else "")
        torn = f", {len(self.shots) - complete} incomplete" if complete != len(self.shots) else ""
        return f"RunResult({len(self.shots)} shots{torn}, {len(top)} outcomes: {{{shown}}})"


def parse_output(text: str) -> list[Shot]:
    """Split a qir-runner output stream into shots."""
    shots: list[Shot] = []
    records: list[OutputRecord] | None = None  # the current shot's, None outside a shot
    cur = Shot()
    # A run's output is millions of small objects, none of them cyclic: the
    # cyclic collector, triggered every few hundred allocations, would scan
    # the whole growing heap again and again (most of the parse time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for line in text.splitlines():
            if line.startswith("OUTPUT\t"):  # most lines: test for them first
                if records is None:
                    continue  # noise before the first shot (warnings from the simulator)
                parts = line.split("\t")
                n = len(parts)
                if n >= 3:
                    records.append(OutputRecord(parts[1], parts[2], parts[3] if n > 3 else None))
                continue
            if not line:
                continue
            parts = line.split("\t")
            tag = parts[0]
            if tag == "START":
                cur = Shot()
                records = cur.records
                shots.append(cur)
            elif records is None:
                continue
            elif tag == "METADATA" and len(parts) >= 2:
                cur.metadata[parts[1]] = parts[2] if len(parts) > 2 else ""
            elif tag == "END":
                cur.end_code = int(parts[1]) if len(parts) > 1 and parts[1].lstrip("-").isdigit() else 0
                records = None
    finally:
        if collecting:
            gc.enable()
    return shots


def qir_runner_binary() -> str:
    """Locate qir-runner: ``$QCKPT_QIR_RUNNER`` if set, else next to this
    interpreter (a venv), else PATH."""
    forced = os.environ.get("QCKPT_QIR_RUNNER")
    if forced:
        if not (os.path.isfile(forced) and os.access(forced, os.X_OK)):
            raise QckptError(f"qir-runner was not found at {forced} (from QCKPT_QIR_RUNNER)")
        return forced
    here = Path(sys.executable).parent / "qir-runner"
    if here.exists():
        return str(here)
    found = shutil.which("qir-runner")
    if found is None:
        raise QckptError("qir-runner was not found: install the 'qirrunner' package (pip install qirrunner)")
    return found


def _refuse_unbound(program: str | os.PathLike[str]) -> None:
    """qir-runner would fail on an undefined function with a link error;
    say which parameters are unbound instead."""
    from qckpt.qir.bind import unbound_in_text

    if isinstance(program, str) and "\n" in program:
        text = program
    else:
        path = os.fspath(program)
        if not path.endswith(".ll") or not os.path.exists(path):
            return
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    names = unbound_in_text(text)
    if names:
        raise QckptError(f"parameter(s) {', '.join(names)} are unbound: bind them first (qckpt bind PROG --param NAME=VALUE)")


# An LLVM string constant: printable bytes and \XX escapes (LLVM writes a
# backslash as \5C too).
_STRING_CONSTANT = re.compile(r'c"((?:[^"\\]|\\[0-9A-Fa-f]{2})*)"')
_ESCAPE = re.compile(rb"\\([0-9A-Fa-f]{2})")


def _program_text(program: str | os.PathLike[str]) -> str | None:
    """LLVM text of ``program`` (IR text, or a .ll/.bc path), None if unreadable here."""
    if isinstance(program, str) and "\n" in program:
        return program
    path = os.fspath(program)
    try:
        if path.endswith(".bc"):
            import pyqir

            with open(path, "rb") as f:
                return str(pyqir.Module.from_bitcode(pyqir.Context(), f.read()))
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except (OSError, ValueError):
        return None  # qir-runner reports it


def refuse_wider_than(program: str | os.PathLike[str], max_qubits: int) -> None:
    """Refuse a program whose body addresses a qubit id >= ``max_qubits``:
    the narrow executor of a reduced-layout run (``--max-qubits``). The ids
    are read from the calls themselves, not from ``required_num_qubits``,
    so a program cannot under-declare its way onto a smaller device."""
    import pyqir

    from qckpt.qir.check import addressed_qubits

    path = os.fspath(program) if not (isinstance(program, str) and "\n" in program) else None
    try:
        if path is not None and path.endswith(".bc"):
            with open(path, "rb") as f:
                module = pyqir.Module.from_bitcode(pyqir.Context(), f.read())
        else:
            text = _program_text(program)
            if text is None:
                return  # unreadable: qir-runner reports it
            module = pyqir.Module.from_ir(pyqir.Context(), text)
    except (OSError, ValueError):
        return
    ids = addressed_qubits(module)
    if ids and max(ids) >= max_qubits:
        top = max(ids)
        fn, block = ids[top]
        raise QckptError(f"the program addresses qubit {top} (in @{fn}, block {block}), but this executor has {max_qubits} "
                         f"qubit(s) (ids 0..{max_qubits - 1}): it needs at least {top + 1}")


def refuse_forging_labels(program: str | os.PathLike[str]) -> None:
    """Refuse a program whose string constants (its output labels) hold a
    control character: qir-runner prints labels raw, so ``\\n`` + a fake
    ``OUTPUT`` line in a label would add records, or whole shots, that the
    program never made, and nothing in the stream tells them apart."""
    text = _program_text(program)
    if text is None:
        return
    for m in _STRING_CONSTANT.finditer(text):
        data = _ESCAPE.sub(lambda e: bytes([int(e.group(1), 16)]), m.group(1).encode("utf-8", "surrogateescape"))
        data = data[:-1] if data.endswith(b"\0") else data
        problem = label_problem(data)
        if problem:
            raise QckptError(f"the output label {data[:40]!r} {problem}: its records could not be told from "
                             "forged ones, so the program is not run (qckpt check-qir names it)")


def run_qir(program: str | os.PathLike[str], shots: int = 1, seed: int | None = None, timeout: float | None = None, max_qubits: int | None = None) -> RunResult:
    """Run a QIR program (a path to a ``.ll``/``.bc`` file, or LLVM IR text)
    for ``shots`` shots with a fixed simulator seed. ``max_qubits``: the
    executor has only that many qubits, and a program that addresses one
    beyond them is refused before it runs."""
    if shots < 1:
        raise QckptError(f"shots must be at least 1, got {shots}")
    tmp: str | None = None
    _refuse_unbound(program)
    refuse_forging_labels(program)
    if max_qubits is not None:
        refuse_wider_than(program, max_qubits)
    if isinstance(program, str) and "\n" in program:
        fd, tmp = tempfile.mkstemp(suffix=".ll", prefix="qckpt-")
        with os.fdopen(fd, "w") as f:
            f.write(program)
        path = tmp
    else:
        path = os.fspath(program)
        if not os.path.exists(path):
            raise QckptError(f"{path}: no such file")
    cmd = [qir_runner_binary(), "-f", path, "-s", str(shots)]
    if seed is not None:
        cmd += ["-r", str(seed)]
    # stdout goes to a file read once at the end: through a pipe, tens of MB
    # of records arrive in hundreds of thousands of small reads.
    with tempfile.TemporaryFile(prefix="qckpt-out-") as out:
        try:
            proc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as e:
            raise QckptError(f"qir-runner did not finish within {timeout} s") from e
        finally:
            if tmp is not None:
                os.unlink(tmp)
        out.seek(0)
        stdout = out.read().decode("utf-8", errors="strict")
    result = RunResult(parse_output(stdout), proc.stderr)
    if proc.returncode != 0 and not result.shots:
        msg = proc.stderr.strip().splitlines()
        raise QckptError(f"qir-runner failed (exit {proc.returncode}): {msg[-1] if msg else 'no message'}")
    return result
