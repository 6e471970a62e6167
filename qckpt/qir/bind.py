"""Bind parameter values into emitted QIR without recompiling its body.

The emitter leaves each late-bound ``input`` as a call to a declared
``<type> @qckpt_param_<name>()`` (``qckpt.abi.PARAM_PREFIX``). Binding
builds only those definitions (each returns its constant) with pyqir and
links them into the program: the body is read (bitcode reads fastest), never
rebuilt from source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyqir

from qckpt.diagnostics import QckptError
from qckpt import abi

_DECLARED = re.compile(r"^declare (double|i64|i1) @" + re.escape(abi.PARAM_PREFIX) + r"([A-Za-z_][A-Za-z0-9_.]*)\(\)", re.MULTILINE)


def unbound_parameters(module: pyqir.Module) -> dict[str, str]:
    """Parameter name -> LLVM return type, for every parameter still unbound."""
    out: dict[str, str] = {}
    for fn in module.functions:
        if fn.name.startswith(abi.PARAM_PREFIX) and not fn.basic_blocks:
            ret = fn.type.ret
            out[fn.name[len(abi.PARAM_PREFIX) :]] = "double" if ret.is_double else f"i{ret.width}"  # type: ignore[attr-defined]
    return out


def unbound_in_text(qir_text: str) -> list[str]:
    """The same, from LLVM text, without parsing the module."""
    return [m.group(2) for m in _DECLARED.finditer(qir_text)]


def bind_parameters(module: pyqir.Module, values: dict[str, float]) -> pyqir.Module:
    """Define every late-bound parameter; ``module`` is changed in place."""
    unbound = unbound_parameters(module)
    unknown = sorted(set(values) - set(unbound))
    if unknown:
        names = ", ".join(sorted(unbound)) or "none"
        raise QckptError(f"the program has no unbound parameter {', '.join(unknown)} (unbound: {names})")
    missing = sorted(set(unbound) - set(values))
    if missing:
        raise QckptError(f"no value for parameter(s) {', '.join(missing)}: pass --param NAME=VALUE for each")
    for name, ty_text in unbound.items():
        v = values[name]
        if ty_text != "double" and float(v) != int(v):
            raise QckptError(f"parameter {name} is an integer; {v} is not")
    return define_constants(module, {abi.PARAM_PREFIX + name: (ty, values[name]) for name, ty in unbound.items()}, "qckpt_params")


def declared_constants(module: pyqir.Module, prefix: str) -> dict[str, str]:
    """Name -> LLVM return type of every declared (bodiless) function whose
    name starts with ``prefix``."""
    out: dict[str, str] = {}
    for fn in module.functions:
        if fn.name.startswith(prefix) and not fn.basic_blocks:
            ret = fn.type.ret
            out[fn.name] = "double" if ret.is_double else f"i{ret.width}"  # type: ignore[attr-defined]
    return out


def define_constants(module: pyqir.Module, defs: dict[str, tuple[str, float | int | bool]], name: str = "qckpt_bound") -> pyqir.Module:
    """Define each function ``name() -> type`` to return its constant, built
    with pyqir and linked into ``module`` (changed in place): the binding
    mechanism shared by parameters and resume states."""
    ctx = module.context
    lib = pyqir.Module(ctx, name)
    b = pyqir.Builder(ctx)
    for fn_name, (ty_text, v) in defs.items():
        ty = pyqir.Type.double(ctx) if ty_text == "double" else pyqir.IntType(ctx, 1 if ty_text == "i1" else 64)
        fn = pyqir.Function(pyqir.FunctionType(ty, []), pyqir.Linkage.EXTERNAL, fn_name, lib)
        b.insert_at_end(pyqir.BasicBlock(ctx, "entry", fn))
        if ty_text == "double":
            b.ret(pyqir.const(ty, float(v)))
        else:
            width = 1 if ty_text == "i1" else 64
            b.ret(pyqir.const(ty, int(v) & ((1 << width) - 1)))
    # The body was verified when it was emitted; verifying the small
    # definitions is enough (a whole-module verify costs as much as reading it).
    err = lib.verify()
    if err is not None:
        raise RuntimeError(f"binding definitions do not verify: {err}")
    module.link(lib)
    return module


def load_module(path: str | Path) -> pyqir.Module:
    p = Path(path)
    if not p.exists():
        raise QckptError(f"{p}: no such file")
    data = p.read_bytes()
    try:
        if data[:2] == b"BC" or data[:4] == b"\xde\xc0\x17\x0b":
            return pyqir.Module.from_bitcode(pyqir.Context(), data)
        return pyqir.Module.from_ir(pyqir.Context(), data.decode())
    except (ValueError, UnicodeDecodeError) as e:
        raise QckptError(f"{p}: not a QIR module ({e})") from None
