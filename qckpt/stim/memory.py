"""QEC memory experiments from stim's generators, written as OpenQASM 3.

``stim.Circuit.generated`` builds the standard repetition- and surface-code
memory circuits (reset, rounds of syndrome extraction in a ``REPEAT`` block,
a final data measurement). :func:`memory_qasm` writes one as an OpenQASM 3
program with the rounds as a ``for`` loop, so it goes through qckpt's
frontend, checkpoint passes and either backend like any other program.

Outputs, as bit registers (in this order):

- ``init``: the first round's syndrome measurements (before the loop);
- ``round``: the last round's syndrome measurements (the loop overwrites it);
- ``data``: the final data-qubit measurements;
- ``detectors``: the final detectors (final data against the last round),
  each the XOR of the bits stim's ``DETECTOR`` names;
- ``logical``: each logical observable (``OBSERVABLE_INCLUDE``).

Without noise every final detector and every logical observable is 0. The
detectors inside the loop are not written (they compare two rounds; the
logical-checkpoint work recognises rounds in the IR instead). The circuit
must be noiseless: noise is the stim backend's ``--noise`` option.
"""

from __future__ import annotations

from qckpt.diagnostics import QckptError

_MEASURE_THEN = {"M": [], "MR": ["reset"], "MX": ["h"], "MRX": ["reset", "h"]}
_IGNORED = {"TICK", "QUBIT_COORDS", "SHIFT_COORDS"}


def generated_memory_qasm(task: str, distance: int, rounds: int) -> str:
    """``task`` as ``stim.Circuit.generated`` names it, e.g.
    ``surface_code:rotated_memory_z`` or ``repetition_code:memory``."""
    import stim

    if rounds < 2:
        raise QckptError("a memory experiment as a loop needs at least 2 rounds")
    return memory_qasm(stim.Circuit.generated(task, distance=distance, rounds=rounds), f"{task} d={distance} rounds={rounds}")


def memory_qasm(circuit, title: str = "memory experiment") -> str:
    """``circuit``: a noiseless stim circuit with at most one top-level
    ``REPEAT`` block (the rounds)."""
    import stim

    segments: dict[str, list[str]] = {"init": [], "round": [], "data": []}
    where: list[tuple[str, int]] = []  # absolute measurement index -> (register, bit)
    final_dets: list[list[int]] = []
    observables: dict[int, list[int]] = {}
    body: list[str] = []
    seen_loop = False

    def lower(inst, reg: str, out: list[str], indent: str) -> None:
        name = inst.name
        if name in _IGNORED or (name == "DETECTOR" and reg != "data"):
            return
        if name in ("DETECTOR", "OBSERVABLE_INCLUDE"):
            refs = [len(where) + t.value for t in inst.targets_copy()]
            if name == "DETECTOR":
                final_dets.append(refs)
            else:
                observables.setdefault(int(inst.gate_args_copy()[0]), []).extend(refs)
            return
        data = stim.gate_data(name)
        if (data.is_noisy_gate and not data.produces_measurements) or (data.produces_measurements and any(inst.gate_args_copy())):
            raise QckptError(f"{title}: the circuit has noise ({name}); generate it noiseless and give the noise to the backend (--noise)")
        qubits = [t.value for t in inst.targets_copy()]
        if name in ("R", "RX"):
            for q in qubits:
                out.append(f"{indent}reset q[{q}];" + (f" h q[{q}];" if name == "RX" else ""))
        elif name in ("H", "X", "Y", "Z", "S"):
            out += [f"{indent}{name.lower()} q[{q}];" for q in qubits]
        elif name in ("CX", "CZ"):
            out += [f"{indent}{name.lower()} q[{a}], q[{b}];" for a, b in zip(qubits[::2], qubits[1::2])]
        elif name in _MEASURE_THEN:
            for q in qubits:
                pre = f"h q[{q}]; " if name in ("MX", "MRX") else ""
                post = "".join(f" {g} q[{q}];" for g in _MEASURE_THEN[name])
                out.append(f"{indent}{pre}{reg}[{len(segments[reg])}] = measure q[{q}];{post}")
                segments[reg].append(q)
                where.append((reg, len(segments[reg]) - 1))
        else:
            raise QckptError(f"{title}: instruction {name} is not supported by the memory-circuit writer")

    rounds = 0
    for inst in circuit:
        if isinstance(inst, stim.CircuitRepeatBlock):
            if seen_loop:
                raise QckptError(f"{title}: more than one REPEAT block")
            seen_loop, rounds = True, inst.repeat_count
            start = len(where)
            loop: list[str] = []
            for sub in inst.body_copy():
                if isinstance(sub, stim.CircuitRepeatBlock):
                    raise QckptError(f"{title}: nested REPEAT blocks")
                lower(sub, "round", loop, "  ")
            # Later references are to the last iteration: the loop's bits, shifted by its earlier rounds.
            per_round = len(where) - start
            where[start:start] = [("round", -1)] * (per_round * (rounds - 1))
            body.append(f"for int r in [0:{rounds - 1}] {{")
            body += loop
            body.append("}")
        else:
            lower(inst, "data" if seen_loop else "init", body, "")
    if any(r == "round" and i < 0 for refs in [*final_dets, *observables.values()] for r, i in (where[x] for x in refs)):
        raise QckptError(f"{title}: a final detector refers to a round before the last one")

    def xor(refs: list[int]) -> str:
        return " ^ ".join(f"{where[x][0]}[{where[x][1]}]" for x in refs) or "0"

    lines = ["OPENQASM 3.0;", 'include "stdgates.inc";', f"// {title}, written from stim's generated circuit by qckpt.stim.memory"]
    lines.append(f"qubit[{circuit.num_qubits}] q;")
    for reg in ("init", "round", "data"):
        if segments[reg]:
            lines.append(f"bit[{len(segments[reg])}] {reg};")
    if final_dets:
        lines.append(f"bit[{len(final_dets)}] detectors;")
    if observables:
        lines.append(f"bit[{max(observables) + 1}] logical;")
    lines += body
    lines += [f"detectors[{i}] = {xor(refs)};" for i, refs in enumerate(final_dets)]
    lines += [f"logical[{k}] = {xor(refs)};" for k, refs in sorted(observables.items())]
    return "\n".join(lines) + "\n"
