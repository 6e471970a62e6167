"""Import a stim circuit into ``qc`` IR: the QEC workloads' way in.

``stim.Circuit.generated`` writes the standard memory experiments (reset,
syndrome-extraction rounds in a ``REPEAT`` block, a final data
measurement) with their ``DETECTOR``\\ s and ``OBSERVABLE_INCLUDE``\\ s. This
module turns such a circuit into the IR the rest of qckpt reads:

- gates, measurements and resets become ``qc`` ops on one register ``q``;
- the ``REPEAT`` block becomes an ``scf.for`` loop whose ``iter_args``
  carry the previous round's measured bits, so a detector that compares two
  rounds is a ``ckpt.detector`` over this round's bit and a carried one;
- ``OBSERVABLE_INCLUDE`` becomes ``ckpt.observable``; the raw (undecoded)
  logical observables are the program's output register ``logical``.

The circuit must be noiseless (noise is the stim backend's ``--noise``
option, applied at lowering) and have no nested ``REPEAT``. Round
boundaries are not written here: ``qec-recognize-rounds`` finds them.
"""

from __future__ import annotations

from xdsl.dialects import arith, func, scf
from xdsl.dialects.builtin import IndexType, IntegerAttr, ModuleOp, i1
from xdsl.ir import Block, Region, SSAValue

from qckpt.diagnostics import QckptError
from qckpt.dialects import ckpt, qc

_MEASURE = {"M": ([], []), "MR": ([], ["reset"]), "MX": (["h"], []), "MRX": (["h"], ["reset", "h"])}
_RESET = {"R": [], "RX": ["h"]}
_GATES = {"H": "h", "X": "x", "Y": "y", "Z": "z", "S": "s", "S_DAG": "sdg", "SQRT_X": "sx", "CX": "cx", "CNOT": "cx", "CZ": "cz", "CY": "cy", "SWAP": "swap"}
_IGNORED = {"TICK", "QUBIT_COORDS", "SHIFT_COORDS"}


class _Importer:
    def __init__(self, title: str) -> None:
        self.title = title

    def fail(self, what: str) -> QckptError:
        return QckptError(f"{self.title}: {what}")

    def run(self, circuit) -> ModuleOp:
        import stim

        block = Block()
        reg = qc.AllocOp("q", max(circuit.num_qubits, 1))
        block.add_op(reg)
        self.qubits: list[SSAValue] = []
        for i in range(max(circuit.num_qubits, 1)):
            op = qc.QubitOp(reg.results[0], i)
            block.add_op(op)
            self.qubits.append(op.results[0])
        record: list[SSAValue] = []  # the measurement record, as bits
        observables: dict[int, list[SSAValue]] = {}
        loops = 0
        for inst in circuit:
            if isinstance(inst, stim.CircuitRepeatBlock):
                loops += 1
                if loops > 1:
                    raise self.fail("more than one REPEAT block (one loop of rounds is what this importer reads)")
                record = self.loop(inst, record, block, observables)
            else:
                self.instruction(inst, record, block, observables)
        bits = []
        for k in range(max(observables, default=-1) + 1):
            parity = self.parity(observables.get(k, []), block)
            bits.append(parity)
        if bits:
            block.add_op(qc.OutputOp("logical", bits))
        block.add_op(func.ReturnOp())
        fn = func.FuncOp("main", ((), ()), Region(block))
        return ModuleOp([fn])

    def parity(self, bits: list[SSAValue], block: Block) -> SSAValue:
        if not bits:
            c = arith.ConstantOp(IntegerAttr(0, i1))
            block.add_op(c)
            return c.result
        acc = bits[0]
        for b in bits[1:]:
            x = arith.XOrIOp(acc, b)
            block.add_op(x)
            acc = x.result
        return acc

    def refs(self, inst, record: list[SSAValue]) -> list[SSAValue]:
        out = []
        for t in inst.targets_copy():
            if not t.is_measurement_record_target:
                raise self.fail(f"{inst.name} target {t} is not a measurement record")
            if -t.value > len(record) or record[t.value] is None:
                raise self.fail(f"{inst.name} refers to rec[{t.value}], a measurement this importer cannot name")
            out.append(record[t.value])
        return out

    def instruction(self, inst, record: list, block: Block, observables: dict[int, list[SSAValue]]) -> None:
        import stim

        name = inst.name
        if name in _IGNORED:
            return
        if name == "DETECTOR":
            block.add_op(ckpt.DetectorOp(self.refs(inst, record), inst.gate_args_copy()))
            return
        if name == "OBSERVABLE_INCLUDE":
            bits = self.refs(inst, record)
            block.add_op(ckpt.ObservableOp(int(inst.gate_args_copy()[0]), bits))
            observables.setdefault(int(inst.gate_args_copy()[0]), []).extend(bits)
            return
        data = stim.gate_data(name)
        if (data.is_noisy_gate and not data.produces_measurements) or (data.produces_measurements and any(inst.gate_args_copy())):
            raise self.fail(f"the circuit has noise ({name}); generate it noiseless and give the noise to the backend (--noise)")
        qubits = [self.qubits[t.value] for t in inst.targets_copy()]
        if name in _RESET:
            for q in qubits:
                block.add_op(qc.ResetOp(q))
                for g in _RESET[name]:
                    block.add_op(qc.GateOp(g, [q]))
        elif name in _MEASURE:
            pre, post = _MEASURE[name]
            for q in qubits:
                for g in pre:
                    block.add_op(qc.GateOp(g, [q]))
                m = qc.MeasureOp(q)
                block.add_op(m)
                record.append(m.results[0])
                for g in post:
                    block.add_op(qc.ResetOp(q) if g == "reset" else qc.GateOp(g, [q]))
        elif name in _GATES:
            arity = 2 if data.is_two_qubit_gate else 1
            for i in range(0, len(qubits), arity):
                block.add_op(qc.GateOp(_GATES[name], qubits[i : i + arity]))
        else:
            raise self.fail(f"instruction {name} is not supported by the stim importer")

    def loop(self, rep, record: list, block: Block, observables: dict[int, list[SSAValue]]) -> list:
        """The rounds: an ``scf.for`` carrying the last ``per_round`` bits."""
        import stim

        body = rep.body_copy()
        per_round = body.num_measurements
        if any(isinstance(i, stim.CircuitRepeatBlock) for i in body):
            raise self.fail("nested REPEAT blocks")
        if per_round == 0:
            raise self.fail("a REPEAT block without measurements is not a round of syndrome extraction")
        init: list[SSAValue] = list(record[-per_round:])
        while len(init) < per_round:  # fewer bits before the loop: never read, so any placeholder does
            c = arith.ConstantOp(IntegerAttr(0, i1))
            block.add_op(c)
            init.insert(0, c.result)
        consts = [arith.ConstantOp(IntegerAttr(v, IndexType())) for v in (0, rep.repeat_count, 1)]
        for c in consts:
            block.add_op(c)
        inner = Block(arg_types=[IndexType(), *([i1] * per_round)])
        inner_record: list = [None] * len(record[:-per_round]) + list(inner.args[1:])
        for inst in body:
            self.instruction(inst, inner_record, inner, {})
            if inst.name == "OBSERVABLE_INCLUDE":
                raise self.fail("an observable inside the rounds (include the final data measurement only)")
        inner.add_op(scf.YieldOp(*inner_record[-per_round:]))
        loop = scf.ForOp(consts[0].result, consts[1].result, consts[2].result, init, Region(inner))
        block.add_op(loop)
        # After the loop, only the last round's bits have names (its results).
        return [None] * (len(record) + per_round * (rep.repeat_count - 1)) + list(loop.results)


def import_stim(circuit, title: str = "stim circuit") -> ModuleOp:
    """``circuit`` (a ``stim.Circuit`` or its text) as a ``qc`` module."""
    import stim

    if isinstance(circuit, str):
        try:
            circuit = stim.Circuit(circuit)
        except ValueError as e:
            raise QckptError(f"{title}: not a stim circuit ({str(e).splitlines()[0]})") from None
    module = _Importer(title).run(circuit)
    module.verify()
    return module


def generated(task: str, distance: int, rounds: int) -> ModuleOp:
    """A noiseless ``stim.Circuit.generated`` memory experiment as a ``qc`` module."""
    import stim

    return import_stim(stim.Circuit.generated(task, distance=distance, rounds=rounds), f"{task} d={distance} rounds={rounds}")


__all__ = ["generated", "import_stim"]

