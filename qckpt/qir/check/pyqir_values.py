"""Small questions asked of pyqir objects (type names, labels, static ids,
module-flag metadata) that pyqir has no accessor for.
"""

from __future__ import annotations

import re

import pyqir

from qckpt.qir.check.spec import FLOAT_TOKEN, MNEMONIC_FIX


def tname(t: pyqir.Type, owner: pyqir.Value | None = None) -> str:
    """The LLVM spelling of a type. pyqir 0.12 exposes int, pointer, double,
    void, array and struct types; other float types (half, float, ...) are read
    from the owning instruction's text."""
    if isinstance(t, pyqir.IntType):
        return f"i{t.width}"
    if isinstance(t, pyqir.PointerType):
        return "ptr"
    if t.is_void:
        return "void"
    if t.is_double:
        return "double"
    if isinstance(t, pyqir.ArrayType):
        return f"[{t.count} x {tname(t.element)}]"
    if isinstance(t, pyqir.StructType):
        return f"%{t.name}" if t.name else "{...}"
    if owner is not None:
        toks = float_tokens(owner)
        if toks:
            return toks[0]
    return "?"


def float_tokens(ins: pyqir.Value) -> list[str]:
    text = str(ins)
    rhs = text.split("=", 1)[1] if "=" in text.split("(", 1)[0] else text
    return FLOAT_TOKEN.findall(rhs)


def mnemonic(op: pyqir.Opcode) -> str:
    name = str(op).split(".", 1)[-1]
    return MNEMONIC_FIX.get(name, name.replace("_", "").lower())


def describe(ins: pyqir.Instruction) -> str:
    if isinstance(ins, pyqir.Call) and isinstance(ins.callee, pyqir.Function):
        return f"'call @{ins.callee.name}'"
    return f"'{mnemonic(ins.opcode)}'"


def block_label(bb: pyqir.BasicBlock, i: int) -> str:
    # Unnamed blocks: LLVM numbers them in its text; pyqir shows no number.
    return bb.name or f"<block {i}>"


def bref(label: str) -> str:
    """A block named in a message: %name, as in LLVM text."""
    return label if label.startswith("<") else f"%{label}"


def is_byte_string(c: pyqir.Constant) -> bool:
    t = c.type
    return isinstance(t, pyqir.ArrayType) and isinstance(t.element, pyqir.IntType) and t.element.width == 8


# A static id is `ptr null` or `ptr inttoptr (iN K to ptr)`. pyqir has no
# accessor for a constant expression's opcode or operands, and pyqir.ptr_id
# crashes on globals, returns garbage for undef/poison/functions and reads
# any width but i64 wrongly (i32 gave a different id each run, or a crash),
# so the id is read from the constant's text alone.
_INTTOPTR_CONST = re.compile(r"ptr (?:nonnull )?inttoptr \(i(\d+) (-?\d+) to ptr\)")


def static_id(v: pyqir.Value) -> int | None:
    if type(v) is not pyqir.Constant:  # not a GlobalVariable / Function / IntConstant ...
        return None
    if v.is_null:
        return 0
    m = _INTTOPTR_CONST.fullmatch(str(v).strip())
    if m is None:
        return None
    # The unsigned value of the N-bit constant, not cut to a pointer's width:
    # an i128 id of 2^64 + 1 is out of range, not qubit 1.
    width, k = int(m.group(1)), int(m.group(2))
    return k % (1 << width)


def writeonly_params(fn: pyqir.Function) -> tuple[bool, ...] | None:
    """Which parameters of a declaration carry ``writeonly``. An enum parameter
    attribute is invisible to pyqir 0.12 (its AttributeSet holds string
    attributes only), so this reads the one-line declaration."""
    text = str(fn).strip()
    m = re.search(r"@(?:\"[^\"]*\"|[\w.$\-]+)\((.*)\)", text.splitlines()[0] if text else "")
    if m is None:
        return None
    params, depth, cur = [], 0, ""
    for ch in m.group(1):
        if ch in "([{<":
            depth += 1
        elif ch in ")]}>":
            depth -= 1
        if ch == "," and depth == 0:
            params.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        params.append(cur)
    return tuple(bool(re.search(r"\bwriteonly\b", p)) for p in params)


def int_flag(md: pyqir.Metadata, ty: str) -> int | None:
    if not isinstance(md, pyqir.ConstantAsMetadata):
        return None
    v = md.value
    if not isinstance(v, pyqir.IntConstant) or f"i{v.type.width}" != ty:
        return None
    return v.value


def md_text(md: pyqir.Metadata) -> str:
    text = str(md)
    return text.split("=", 1)[1].strip() if text.startswith("<0x") and "=" in text else text


def flag_behaviours(module: pyqir.Module) -> dict[str, int]:
    """Module flag name -> behaviour. pyqir's get_flag returns a flag's value
    only, so the behaviours are read from the module's text."""
    text = str(module)
    m = re.search(r"^!llvm\.module\.flags = !\{([^}]*)\}", text, re.M)
    if m is None:
        return {}
    ids = set(re.findall(r"!(\d+)", m.group(1)))
    out: dict[str, int] = {}
    for nid, behaviour, name in re.findall(r'^!(\d+) = (?:distinct )?!\{i32 (\d+), !"((?:[^"\\]|\\.)*)"', text, re.M):
        if nid in ids:
            out[name] = int(behaviour)
    return out
