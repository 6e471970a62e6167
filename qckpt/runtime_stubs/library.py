"""The checkpoint runtime library: ``__qckpt_*`` functions, built with pyqir.

These functions write the ``streaming`` checkpoint records (``docs/abi.md``)
through the standard QIR output-recording calls, so any executor that prints
output records as a shot runs (qir-runner does) also writes the checkpoint
log. The emitter links them into a program by default (``--runtime
linked``); ``--runtime extern`` leaves declarations only, for a platform that
brings its own implementation of the same functions.

Functions (all ``void``):

- ``__qckpt_visit_begin(i64 id, i64 k)``: TUPLE k "qckpt.visit", INT id "qckpt.id"
- ``__qckpt_record_bool(i1 v, ptr label)`` / ``_int(i64 ...)`` / ``_double(double ...)``
- ``__qckpt_record_bits(i64 word, ptr label)``: INT word "qckpt.bits:<names>" (packed bits)
- ``__qckpt_visit_end(i64 id)``: INT id "qckpt.end"
"""

from __future__ import annotations

import pyqir

from qckpt import abi


def build_stub_module(ctx: pyqir.Context) -> pyqir.Module:
    """The library as a module in ``ctx`` (``Module.link`` needs one context)."""
    mod = pyqir.Module(ctx, "qckpt_runtime_stubs")
    b = pyqir.Builder(ctx)
    void = pyqir.Type.void(ctx)
    i64 = pyqir.IntType(ctx, 64)
    types = {"i1": pyqir.IntType(ctx, 1), "i64": i64, "double": pyqir.Type.double(ctx)}
    ptr = pyqir.PointerType(pyqir.IntType(ctx, 8))

    def declare(name: str, params: list) -> pyqir.Function:
        return pyqir.Function(pyqir.FunctionType(void, params), pyqir.Linkage.EXTERNAL, name, mod)

    def define(name: str, params: list) -> pyqir.Function:
        fn = declare(name, params)
        b.insert_at_end(pyqir.BasicBlock(ctx, "entry", fn))
        return fn

    tuple_rec = declare(abi.TUPLE_RECORD, [i64, ptr])
    int_rec = declare(abi.INT_RECORD, [i64, ptr])
    visit_label = pyqir.global_byte_string(mod, abi.VISIT_LABEL.encode())
    id_label = pyqir.global_byte_string(mod, abi.ID_LABEL.encode())
    end_label = pyqir.global_byte_string(mod, abi.END_LABEL.encode())

    fn = define(abi.STUB_BEGIN, [i64, i64])
    bid, k = fn.params
    b.call(tuple_rec, [k, visit_label])
    b.call(int_rec, [bid, id_label])
    b.ret(None)

    fn = define(abi.STUB_END, [i64])
    b.call(int_rec, [fn.params[0], end_label])
    b.ret(None)

    for ty, stub in abi.STUB_RECORD.items():
        rec = int_rec if ty == "i64" else declare(abi.RECORD_FOR[ty], [types[ty], ptr])
        fn = define(stub, [types[ty], ptr])
        value, label = fn.params
        if ty == "i1":
            # An i1 argument carries no zeroext, so its register's upper bits
            # are undefined; qir-runner 0.9.7 passes them on to its C `bool`
            # and prints `xor %measured, true` of a 1 as true. Rebuild a
            # canonical bit (tests/checkpoint: test_a_negated_bit_is_recorded_as_false).
            value = b.icmp(pyqir.IntPredicate.NE, b.zext(value, i64), pyqir.const(i64, 0))
        b.call(rec, [value, label])
        b.ret(None)

    fn = define(abi.STUB_RECORD_BITS, [i64, ptr])
    b.call(int_rec, list(fn.params))
    b.ret(None)
    return mod
