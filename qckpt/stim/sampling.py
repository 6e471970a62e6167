"""Sample a :class:`StimProgram` and give its shots in the forms the rest of
qckpt reads.

- :func:`counts`: the histogram, keyed exactly as ``qckpt run`` keys
  qir-runner's shots (Qiskit's convention: registers in reverse record
  order separated by spaces, bit 0 rightmost);
- :func:`shot_records`: each shot's output-record block, byte for byte the
  lines the same program compiled to QIR prints on qir-runner (``START``,
  ``METADATA``, ``OUTPUT`` records with the same labels, ``END``), streaming
  checkpoint visits included (``docs/abi.md``). The runtime reads them with
  the qir-runner backend's own parser, so the journal, the ledger and the
  store cannot tell the backends apart.

stim samples whole shots: a shot's records are computed after its
measurement record is complete, so a shot is either delivered whole or not
at all.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from qckpt import abi
from qckpt.stim.classical import evaluate
from qckpt.stim.program import StimProgram

_KIND = {"i1": "BOOL", "i64": "INT", "f64": "DOUBLE"}


def sampler_seed(seed: int) -> int:
    """stim takes a seed below 2**64; the runtime derives larger ones."""
    return seed % (1 << 63)


def sample(program: StimProgram, shots: int, seed: int, circuit=None) -> np.ndarray:
    """The measurement record of ``shots`` shots (shots x measurements, 0/1).
    ``circuit``: the compiled stim circuit, when the caller already has it."""
    circuit = circuit if circuit is not None else program.stim_circuit()
    if circuit.num_measurements == 0:
        return np.zeros((shots, 0), np.uint8)
    return circuit.compile_sampler(seed=sampler_seed(seed)).sample(shots).view(np.uint8)


def _column(v, record: np.ndarray, cache: dict) -> np.ndarray:
    r = evaluate(v, record, cache)
    if isinstance(r, np.ndarray):
        return r
    return np.full(len(record), r)


def keys(program: StimProgram, record: np.ndarray) -> np.ndarray:
    """Each shot's histogram key, as an array of strings."""
    shots = len(record)
    regs = [o for o in program.outputs if o.kind == "i1"]
    if not regs:
        return np.full(shots, "", dtype=object)
    cache: dict = {}
    cols: list[np.ndarray] = []
    for n, out in enumerate(reversed(regs)):
        if n:
            cols.append(np.full(shots, ord(" "), np.uint8))
        cols += [(_column(v, record, cache) & 1).astype(np.uint8) + ord("0") for v in reversed(out.values)]
    chars = np.ascontiguousarray(np.stack(cols, axis=1).astype(np.uint8))
    return chars.view(f"S{chars.shape[1]}").ravel()


def counts(program: StimProgram, shots: int, seed: int) -> dict[str, int]:
    """The histogram of ``shots`` shots."""
    k = keys(program, sample(program, shots, seed))
    values, n = np.unique(k, return_counts=True)
    return {(v.decode() if isinstance(v, bytes) else str(v)): int(c) for v, c in zip(values, n)}


def _text(kind: str, v) -> str:
    if kind == "i1":
        return "true" if int(v) & 1 else "false"
    if kind == "i64":
        return str(int(v))
    f = float(v)
    if f.is_integer():
        return str(int(f))
    return np.format_float_positional(f, trim="-")


def _signed64(word: int) -> int:
    return word - (1 << 64) if word >= 1 << 63 else word


def _lines(program: StimProgram, record: np.ndarray) -> list[object]:
    """Each record line of a shot: a constant string, or (column, render) to
    fill in per shot. The order and labels follow the QIR emitter
    (``qckpt.qir.emit``: streaming visits, then the outputs)."""
    cache: dict = {}
    lines: list[object] = [
        "START\n",
        "METADATA\tentry_point\n",
        f"METADATA\toutput_labeling_schema\t{abi.OUTPUT_LABELING_SCHEMA}\n",
        "METADATA\tqir_profiles\tadaptive_profile\n",
        f"METADATA\trequired_num_qubits\t{program.num_qubits}\n",
        f"METADATA\trequired_num_results\t{program.num_measurements}\n",
    ]

    def value_line(kind: str, v, label: str) -> object:
        r = evaluate(v, record, cache)
        head = f"OUTPUT\t{_KIND[kind]}\t"
        if not isinstance(r, np.ndarray):
            return f"{head}{_text(kind, r)}\t{label}\n"
        return (head, r.tolist(), kind, f"\t{label}\n")

    for visit in program.visits:
        bits = [r for r in visit.values if r.kind == "i1"]
        words = [bits[i : i + 64] for i in range(0, len(bits), 64)] if len(bits) > 1 else []
        others = [r for r in visit.values if not words or r.kind != "i1"]
        lines.append(f"OUTPUT\tTUPLE\t{len(others) + len(words)}\t{abi.VISIT_LABEL}\n")
        lines.append(f"OUTPUT\tINT\t{visit.boundary}\t{abi.ID_LABEL}\n")
        for word in words:
            packed = np.zeros(len(record), dtype=object)
            for j, r in enumerate(word):
                packed = packed + (np.asarray(_column(r.value, record, cache), dtype=object) & 1) * (1 << j)
            label = abi.BITS_LABEL_PREFIX + ",".join(r.name for r in word)
            lines.append(("OUTPUT\tINT\t", [_signed64(int(w)) for w in packed], "i64", f"\t{label}\n"))
        for r in others:
            lines.append(value_line(r.kind, r.value, r.name))
        lines.append(f"OUTPUT\tINT\t{visit.boundary}\t{abi.END_LABEL}\n")
    for out in program.outputs:
        if out.kind == "i1":
            lines.append(f"OUTPUT\tARRAY\t{len(out.values)}\t{out.label}\n")
            for i, v in enumerate(out.values):
                lines.append(value_line("i1", v, abi.bit_label(out.label, i)))
        else:
            lines.append(value_line(out.kind, out.values[0], out.label))
    lines.append("END\t0\n")
    return lines


def shot_records(program: StimProgram, record: np.ndarray) -> Iterator[bytes]:
    """Each shot's record block, as qir-runner prints it."""
    from itertools import repeat

    columns = []  # one iterable of strings per line, one string per shot
    for line in _lines(program, record):
        if isinstance(line, str):
            columns.append(repeat(line, len(record)))
            continue
        head, column, kind, tail = line  # type: ignore[misc]
        if kind == "i1":  # two possible lines: choose per shot
            t, f = f"{head}true{tail}", f"{head}false{tail}"
            columns.append([t if v & 1 else f for v in column])
        else:
            columns.append([f"{head}{_text(kind, v)}{tail}" for v in column])
    for parts in zip(*columns):
        yield "".join(parts).encode()
