"""Check a QIR module against the QIR Base or Adaptive Profile.

`qckpt check-qir` is the judge of conformance (docs/check-qir.md): it reads QIR
from any compiler, and names every instruction, capability or runtime call that
the profile does not allow, or that a module flag does not declare, with the
function and basic block where it occurs.

The rules come from the QIR specification (qir-alliance/qir-spec, QIR 2.0,
``specification/profiles/Adaptive_Profile.md``, ``Base_Profile.md`` and
``Memory_Management.md``); each report carries the section it rests on.
Where the specification disagrees with itself, or with the tools that run QIR,
the choice made here is written next to the rule and in docs/check-qir.md.

Three severities:

- ``error``: the profile does not allow it (a backend may reject the program);
- ``extension``: a known, named extension to the profile (see ``EXTENSIONS``):
  not conformant QIR, but deliberate and documented;
- ``warning``: allowed but fragile, or a deviation the tools tolerate.

The checker walks pyqir's object model (functions, blocks, instructions,
calls); it reads text only where pyqir shows nothing (module-flag behaviours,
the contents of metadata tuples, enum parameter attributes, the shape of a
constant expression), and says so where it does. Each walk is linear in the
size of the module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyqir

from qckpt.diagnostics import QckptError

__all__ = [
    "EXTENSIONS",
    "Extension",
    "Violation",
    "check_file",
    "check_module",
    "format_report",
    "has_errors",
    "load_module",
]

ERROR = "error"
EXTENSION = "extension"
WARNING = "warning"

ADAPTIVE = "adaptive"
BASE = "base"
_PROFILE_ATTR = {ADAPTIVE: "adaptive_profile", BASE: "base_profile"}
_PROFILE_TITLE = {ADAPTIVE: "the Adaptive Profile", BASE: "the Base Profile"}

# Spec references (file and section of qir-alliance/qir-spec, specification/).
AP = "Adaptive_Profile.md"
BP = "Base_Profile.md"
MM = "Memory_Management.md"


# --------------------------------------------------------------------------- #
# Reports
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class Violation:
    """One finding. ``function`` and ``block`` are None for module-level findings."""

    severity: str  # "error" | "extension" | "warning"
    function: str | None
    block: str | None
    message: str
    spec: str = field(default="", compare=False)  # e.g. "Adaptive_Profile.md: Bullet 8"

    def __str__(self) -> str:
        if self.function is None:
            where = "module"
        else:
            where = f"@{self.function}" + (f"/{self.block}" if self.block else "")
        return f"{self.severity}: {where}: {self.message}"


def has_errors(violations: Iterable[Violation]) -> bool:
    """True when any finding is an error (the CLI then exits 1)."""
    return any(v.severity == ERROR for v in violations)


def format_report(violations: Sequence[Violation], path: str | Path) -> str:
    """Human-readable report: one line per finding, then a summary line."""
    lines = []
    for v in violations:
        ref = f" [{v.spec}]" if v.spec else ""
        lines.append(f"{path}: {v}{ref}")
    counts = {ERROR: 0, EXTENSION: 0, WARNING: 0}
    for v in violations:
        counts[v.severity] = counts.get(v.severity, 0) + 1
    if not violations:
        lines.append(f"{path}: conforms (no errors, extensions or warnings)")
    else:
        parts = [
            _plural(counts[ERROR], "error"),
            _plural(counts[EXTENSION], "extension"),
            _plural(counts[WARNING], "warning"),
        ]
        if counts[ERROR]:
            verdict = "does not conform"
        elif counts[EXTENSION]:
            verdict = "conforms but for the named extensions"
        else:
            verdict = "conforms"
        lines.append(f"{path}: {verdict}: " + ", ".join(parts))
    return "\n".join(lines)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


# --------------------------------------------------------------------------- #
# What the profiles allow
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class RuntimeFn:
    """A ``__quantum__rt__`` function that a profile names."""

    profiles: frozenset[str]
    record: bool = False  # an output recording function (placement rules apply)
    needs: tuple[str, ...] = ()  # capabilities (module flags) it needs
    result_args: tuple[int, ...] = ()  # argument positions that are result ids
    spec: str = f"{AP}: Runtime Functions"


_BOTH = frozenset({BASE, ADAPTIVE})
_ADA = frozenset({ADAPTIVE})
_DYN = f"{AP}: Bullet 10: Dynamic Allocation; {MM}"
_ARR = f"{AP}: Bullet 11: Arrays; {MM}"

RUNTIME_FUNCTIONS: dict[str, RuntimeFn] = {
    "__quantum__rt__initialize": RuntimeFn(_BOTH),
    "__quantum__rt__read_result": RuntimeFn(_ADA, result_args=(0,)),
    "__quantum__rt__tuple_record_output": RuntimeFn(_BOTH, record=True),
    "__quantum__rt__array_record_output": RuntimeFn(_BOTH, record=True),
    "__quantum__rt__result_record_output": RuntimeFn(_BOTH, record=True, result_args=(0,)),
    "__quantum__rt__bool_record_output": RuntimeFn(_ADA, record=True),
    # "The Adaptive Profile makes it possible to output classical values, if -
    # and only if - computations on classical data types are supported" (Bullet 4).
    "__quantum__rt__int_record_output": RuntimeFn(_ADA, record=True, needs=("int_computations",)),
    "__quantum__rt__float_record_output": RuntimeFn(_ADA, record=True, needs=("float_computations",)),
    "__quantum__rt__qubit_allocate": RuntimeFn(_ADA, needs=("dynamic_qubit_management",), spec=_DYN),
    "__quantum__rt__qubit_release": RuntimeFn(_ADA, needs=("dynamic_qubit_management",), spec=_DYN),
    "__quantum__rt__result_allocate": RuntimeFn(_ADA, needs=("dynamic_result_management",), spec=_DYN),
    "__quantum__rt__result_release": RuntimeFn(_ADA, needs=("dynamic_result_management",), spec=_DYN),
    "__quantum__rt__qubit_array_allocate": RuntimeFn(_ADA, needs=("arrays", "dynamic_qubit_management"), spec=_ARR),
    "__quantum__rt__qubit_array_release": RuntimeFn(_ADA, needs=("arrays", "dynamic_qubit_management"), spec=_ARR),
    "__quantum__rt__result_array_allocate": RuntimeFn(_ADA, needs=("arrays", "dynamic_result_management"), spec=_ARR),
    "__quantum__rt__result_array_release": RuntimeFn(_ADA, needs=("arrays", "dynamic_result_management"), spec=_ARR),
    "__quantum__rt__result_array_record_output": RuntimeFn(_ADA, record=True, needs=("arrays",), spec=_ARR),
}


@dataclass(frozen=True)
class Extension:
    """A known extension to the profiles, reported with severity "extension".

    ``flag``: the module flag (``i1 true``) that declares it, or None when the
    extension is recognised by its functions alone. ``functions`` / ``prefixes``:
    the functions it adds. ``record``: calls are output recording (the final-block
    rule applies). ``runtime_library``: the functions may be defined in the module
    as the extension's own runtime; calls to them may appear anywhere and need no
    ``ir_functions``, and their bodies are not checked against the profile.
    """

    summary: str
    flag: str | None = None
    functions: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    record: bool = False
    needs: tuple[str, ...] = ()
    runtime_library: bool = False

    def matches(self, name: str) -> bool:
        return name in self.functions or any(name.startswith(p) for p in self.prefixes)


# One entry per extension. Keys are the names used in reports.
EXTENSIONS: dict[str, Extension] = {
    "double_record_output": Extension("qir-runner's name (also used by the spec's output-schema pages) for the Adaptive Profile's __quantum__rt__float_record_output", functions=frozenset({"__quantum__rt__double_record_output"}), record=True, needs=("float_computations",)),
    "qckpt_streaming_records": Extension("qckpt's streaming checkpoint records, written as each boundary is visited", flag="qckpt_streaming_records", prefixes=("__qckpt_",), runtime_library=True),
}

# Instructions.
_O = pyqir.Opcode
_INT_BINOPS = {_O.ADD, _O.SUB, _O.MUL, _O.UDIV, _O.SDIV, _O.UREM, _O.SREM,
               _O.AND, _O.OR, _O.XOR, _O.SHL, _O.LSHR, _O.ASHR}
_INT_CASTS = {_O.ZEXT, _O.SEXT, _O.TRUNC}
_FLOAT_BINOPS = {_O.FADD, _O.FSUB, _O.FMUL, _O.FDIV}
_FLOAT_CASTS = {_O.FP_EXT, _O.FP_TRUNC}
_MEMORY = {_O.ALLOCA, _O.LOAD, _O.STORE}
_AGGREGATE = {_O.GET_ELEMENT_PTR, _O.EXTRACT_VALUE, _O.INSERT_VALUE}
_MNEMONIC_FIX = {"ATOMIC_CMP_XCHG": "cmpxchg", "USER_OP_1": "userop1", "USER_OP_2": "userop2"}

_FLOAT_TYPES = ("half", "bfloat", "float", "double", "fp128", "x86_fp80", "ppc_fp128")
_SPEC_FLOAT_TYPES = {"half", "float", "double"}  # "LLVM IEEE-754 types up to 64 bits"
_FLOAT_TOKEN = re.compile(r"(?<![%@\w.$\-])(" + "|".join(_FLOAT_TYPES) + r")\b")

# Measurement QIS functions by name, for modules that omit "irreversible".
_MEASUREMENT_NAMES = {"__quantum__qis__mz__body", "__quantum__qis__m__body",
                      "__quantum__qis__mresetz__body", "__quantum__qis__measure__body"}
_OLD_READ_RESULT = "__quantum__qis__read_result__body"

# Module flags. Behaviours: 1 Error, 2 Warning, 3 Require, 4 Override,
# 5 Append, 6 AppendUnique, 7 Max, 8 Min.
_REQUIRED_FLAGS = {  # name -> (type, behaviour) (Base_Profile.md: Module Flags Metadata)
    "qir_major_version": ("i32", 1),
    "qir_minor_version": ("i32", 7),
    "dynamic_qubit_management": ("i1", 1),
    "dynamic_result_management": ("i1", 1),
}
_ADAPTIVE_FLAGS = {  # name -> type (Adaptive_Profile.md: Module Flags Metadata)
    "int_computations": "strings",
    "float_computations": "strings",
    "ir_functions": "i1",
    "backwards_branching": "i2",
    "multiple_target_branching": "i1",
    "multiple_return_points": "i1",
    "arrays": "i1",
}
_ADDITIONAL_FLAG_BEHAVIOURS = {2: "Warning", 5: "Append", 6: "AppendUnique", 7: "Max"}
_KNOWN_MAJOR_VERSIONS = {1, 2}  # 1: QIR 1.0 (typed pointers); 2: QIR 2.0 (opaque pointers)

_BITCODE_MAGIC = (b"BC\xc0\xde", b"\xde\xc0\x17\x0b")  # raw bitcode, bitcode wrapper


# --------------------------------------------------------------------------- #
# Entry points
# --------------------------------------------------------------------------- #


def load_module(path: str | Path, context: pyqir.Context | None = None) -> pyqir.Module:
    """Read ``.ll`` text or ``.bc`` bitcode (detected by content, then suffix)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise QckptError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise QckptError(f"{p}: is a directory, not a QIR file") from None
    except OSError as e:
        raise QckptError(f"{p}: cannot read: {e.strerror or e}") from None
    ctx = context if context is not None else pyqir.Context()
    is_bitcode = data.startswith(_BITCODE_MAGIC)
    try:
        if is_bitcode:
            return pyqir.Module.from_bitcode(ctx, data, p.stem)
        if p.suffix == ".bc":
            raise QckptError(f"{p}: not LLVM bitcode (no bitcode magic number)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise QckptError(f"{p}: neither LLVM bitcode nor UTF-8 LLVM text") from None
        return pyqir.Module.from_ir(ctx, text, p.stem)
    except QckptError:
        raise
    except BaseException as e:  # pyqir raises ValueError; a Rust panic is a BaseException
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        msg = str(e).strip() or type(e).__name__
        kind = "bitcode" if is_bitcode else "LLVM IR"
        raise QckptError(f"{p}: cannot parse {kind}: {msg}") from None


def check_file(path: str | Path, profile: str | None = None) -> list[Violation]:
    """Load ``path`` (``.ll`` or ``.bc``) and check it; see :func:`check_module`."""
    module = load_module(path)
    try:
        return check_module(module, profile)
    except (Exception, KeyboardInterrupt, SystemExit):
        raise  # QckptError for the user; anything else is a bug in the checker
    except BaseException as e:  # a pyo3 PanicException: pyqir choked on an odd module
        raise QckptError(f"{path}: pyqir failed while inspecting the module: {e}") from None


def check_module(module: pyqir.Module, profile: str | None = None) -> list[Violation]:
    """Check ``module`` against a QIR profile.

    ``profile``: "adaptive" / "adaptive_profile" or "base" / "base_profile";
    None takes it from the entry point's ``qir_profiles`` attribute (and uses
    the Adaptive Profile when that names neither).
    """
    chosen: str | None = None
    if profile is not None:
        key = profile.strip().lower().removesuffix("_profile")
        if key not in (ADAPTIVE, BASE):
            raise QckptError(f"unknown QIR profile '{profile}' (use 'adaptive' or 'base')")
        chosen = key
    return _Checker(module, chosen).run()


# --------------------------------------------------------------------------- #
# The checker
# --------------------------------------------------------------------------- #


@dataclass
class _Callee:
    """What the checker knows about one called function, computed once."""

    fn: pyqir.Function
    name: str
    kind: str  # "qis" | "rt" | "ir" | "ext" | "dbg" | "llvm" | "other"
    defined: bool
    rt: RuntimeFn | None = None
    ext: tuple[str, Extension] | None = None
    measurement: bool = False
    writeonly: tuple[bool, ...] | None = None  # per parameter, from the declaration text

    @property
    def is_record(self) -> bool:
        if self.rt is not None:
            return self.rt.record
        if self.ext is not None:
            return self.ext[1].record
        return self.kind == "rt" and self.name.endswith("_record_output")


@dataclass
class _Caps:
    """Capabilities the module flags declare."""

    int_widths: set[int] | None = None  # None: flag absent
    float_types: set[str] | None = None
    ir_functions: bool = False
    backwards_branching: int = 0
    multiple_target_branching: bool = False
    multiple_return_points: bool = False
    arrays: bool = False
    dynamic_qubit_management: bool = False
    dynamic_result_management: bool = False
    extensions: set[str] = field(default_factory=set)  # extension keys declared by flag

    def has(self, cap: str) -> bool:
        if cap == "int_computations":
            return bool(self.int_widths)
        if cap == "float_computations":
            return bool(self.float_types)
        return bool(getattr(self, cap))


class _Checker:
    def __init__(self, module: pyqir.Module, profile: str | None):
        self.m = module
        self.forced_profile = profile
        self.profile = profile or ADAPTIVE
        self.out: list[Violation] = []
        self._seen: set[tuple[str, str | None, str | None, str]] = set()
        self.caps = _Caps()
        self.callees: dict[str, _Callee] = {}
        self.functions = list(module.functions)
        self.entry_points: list[pyqir.Function] = []
        # static ids: kind -> {id: (function, block)} of the first use
        self.ids: dict[str, dict[int, tuple[str, str]]] = {"qubit": {}, "result": {}}
        self._param_kinds: dict[str, dict[int, str]] = {}
        self._param_kinds_busy: set[str] = set()
        self._called: set[str] = set()
        self._call_edges: dict[str, set[str]] = {}
        self._base_labels: dict = {}  # label global -> first use
        # LLVM numbers unnamed globals (@0, @1, ...) in its text; pyqir shows "".
        self._gnames: dict = {}
        k = 0
        for g in module.global_variables:
            if g.name:
                self._gnames[g] = g.name
            else:
                self._gnames[g] = str(k)
                k += 1
        self._block_order: dict[tuple[str, str], int] = {}
        self._ext_uses: dict[tuple[str, str], list] = {}  # (function, callee) -> [first block, calls, key]
        self._fn_order = {f.name: i for i, f in enumerate(self.functions)}

    # -- reporting ---------------------------------------------------------- #

    def report(self, severity: str, fn: str | None, block: str | None, message: str, spec: str = "") -> None:
        key = (severity, fn, block, message)
        if key not in self._seen:
            self._seen.add(key)
            self.out.append(Violation(severity, fn, block, message, spec))

    def error(self, fn: str | None, block: str | None, message: str, spec: str = "") -> None:
        self.report(ERROR, fn, block, message, spec)

    def warn(self, fn: str | None, block: str | None, message: str, spec: str = "") -> None:
        self.report(WARNING, fn, block, message, spec)

    @property
    def ref(self) -> str:
        return AP if self.profile == ADAPTIVE else BP

    @property
    def title(self) -> str:
        return _PROFILE_TITLE[self.profile]

    # -- driver ------------------------------------------------------------- #

    def run(self) -> list[Violation]:
        problem = self.m.verify()
        if problem:
            first = problem.strip().splitlines()[0] if problem.strip() else problem
            self.error(None, None, f"the module is not valid LLVM IR (verifier: {first})")
        self._find_entry_points()
        self._check_flags()
        for ep in self.entry_points:
            self._check_entry_signature(ep)
        self._check_globals()
        for f in self.functions:
            if not f.basic_blocks:
                continue
            ext = self._extension_runtime(f.name)
            if ext is not None and ext[1].flag in self._declared_ext_flags():
                self.report(EXTENSION, f.name, None,
                            f"defined by the extension {ext[0]} ({ext[1].summary}); "
                            "its body is the extension's runtime and is not checked against the profile")
                continue
            self._check_function(f, is_entry=f in self.entry_points)
        for (fname, callee), (lab, n, key) in self._ext_uses.items():
            more = f"; {n} calls in @{fname}" if n > 1 else ""
            self.report(EXTENSION, fname, lab,
                        f"call to @{callee}: extension {key} ({EXTENSIONS[key].summary}){more}")
        self._check_uncalled_ir_functions()
        self._check_recursion()
        self._check_static_ids()
        # Module-level findings first, then by function and block; stable within a block.
        return sorted(self.out, key=lambda v: (
            -1 if v.function is None else self._fn_order.get(v.function, len(self._fn_order)),
            -1 if v.block is None else self._block_order.get((v.function or "", v.block), -1)))

    def _declared_ext_flags(self) -> set[str]:
        return {EXTENSIONS[k].flag for k in self.caps.extensions if EXTENSIONS[k].flag}

    # -- entry point -------------------------------------------------------- #

    def _find_entry_points(self) -> None:
        # Only containment tests on attribute sets: iterating a set that holds
        # enum attributes makes pyqir 0.12 panic.
        for f in self.functions:
            if "entry_point" in f.attributes.func:
                if f.basic_blocks:
                    self.entry_points.append(f)
                else:
                    self.error(f.name, None, "'entry_point' is attached to a declaration; it is valid only on a function definition",
                               f"{BP}: Attributes")
        if not self.entry_points:
            self.error(None, None, "no entry point: no function definition has the attribute \"entry_point\"",
                       f"{BP}: Attributes")
            # Check the rest as if the likely entry point were marked, so that one
            # missing attribute does not turn every rule for the entry point around.
            defs = [f for f in self.functions if f.basic_blocks]
            guess = [f for f in defs if "qir_profiles" in f.attributes.func] or (defs if len(defs) == 1 else [])
            if len(guess) != 1:
                return
            self.entry_points = guess
        if len(self.entry_points) > 1:
            names = ", ".join("@" + f.name for f in self.entry_points)
            self.error(None, None, f"{len(self.entry_points)} entry points ({names}); a program has one entry point",
                       f"{self.ref}: Program Structure")
        ep = self.entry_points[0]
        attrs = ep.attributes.func
        declared = attrs["qir_profiles"].string_value if "qir_profiles" in attrs else None
        names = [s.strip() for s in (declared or "").split(",") if s.strip()]
        if self.forced_profile is None:
            if "base_profile" in names:
                self.profile = BASE
            elif "adaptive_profile" in names:
                self.profile = ADAPTIVE
            elif declared is not None:
                self.error(ep.name, None,
                           f"attribute qir_profiles=\"{declared}\" names no QIR profile "
                           "(\"base_profile\" or \"adaptive_profile\"); checked against the Adaptive Profile",
                           f"{BP}: Attributes")
        elif declared is not None and _PROFILE_ATTR[self.profile] not in names:
            self.warn(ep.name, None,
                      f"attribute qir_profiles=\"{declared}\", but checked against {self.title} as asked",
                      f"{self.ref}: Attributes")

    def _check_entry_signature(self, ep: pyqir.Function) -> None:
        attrs = ep.attributes.func
        a_ref = f"{BP}: Attributes"
        for name in ("qir_profiles", "output_labeling_schema"):
            if name not in attrs:
                self.error(ep.name, None, f"the entry point lacks the attribute \"{name}\"", a_ref)
        for name, dyn in (("required_num_qubits", "dynamic_qubit_management"),
                          ("required_num_results", "dynamic_result_management")):
            if name not in attrs:
                if not getattr(self.caps, dyn):
                    self.error(ep.name, None, f"the entry point lacks the attribute \"{name}\"", a_ref)
                continue
            value = attrs[name].string_value or ""
            if not re.fullmatch(r"\d+", value) or int(value) >= 2**63:
                self.error(ep.name, None,
                           f"attribute {name}=\"{value}\" is not a non-negative 64-bit integer", a_ref)
        sig_ref = f"{self.ref}: Entry Point Definition"
        ftype = ep.type
        if ftype.params:
            self.error(ep.name, None, f"the entry point takes {len(ftype.params)} parameter(s); it may take none", sig_ref)
        ret = ftype.ret
        if ret.is_void:
            # The QIR 2.0 profiles say "must return an exit code in the form of a
            # 64-bit integer"; drafts of the Adaptive Profile (2023-11 to 2024-08)
            # allowed void, pyqir.entry_point builds void, qir-runner runs it.
            self.warn(ep.name, None,
                      "the entry point returns void; the profile wants 'i64' (an exit code, 0 for success)", sig_ref)
        elif _tname(ret) != "i64":
            self.error(ep.name, None, f"the entry point returns '{_tname(ret)}'; it must return 'i64' (an exit code)", sig_ref)

    # -- module flags --------------------------------------------------------- #

    def _check_flags(self) -> None:
        ref = f"{BP}: Module Flags Metadata"
        behaviours = _flag_behaviours(self.m)
        for name, (ty, behaviour) in _REQUIRED_FLAGS.items():
            md = self.m.get_flag(name)
            if md is None:
                self.error(None, None, f"the module flag {name} is missing (an {ty} constant)", ref)
                continue
            value = _int_flag(md, ty)
            if value is None:
                self.error(None, None, f"the module flag {name} must be an {ty} constant, found {_md_text(md)}", ref)
                continue
            got = behaviours.get(name)
            if got is not None and got != behaviour:
                self.error(None, None, f"the module flag {name} has behaviour {got}; it must be {behaviour} "
                           f"({'Error' if behaviour == 1 else 'Max'})", f"{BP}: Specification Version"
                           if "version" in name else f"{BP}: Memory Management")
            if name == "qir_major_version" and value not in _KNOWN_MAJOR_VERSIONS:
                self.warn(None, None, f"qir_major_version is {value}; this checker knows QIR 1 and 2", ref)
            if name.startswith("dynamic_"):
                setattr(self.caps, name, bool(value))
                if value and self.profile == BASE:
                    self.error(None, None, f"the module flag {name} is true; the Base Profile needs it false",
                               f"{BP}: Memory Management")

        a_ref = f"{AP}: Module Flags Metadata"
        for name, ty in _ADAPTIVE_FLAGS.items():
            md = self.m.get_flag(name)
            if md is None:
                continue
            if ty == "strings":
                self._read_type_list_flag(name, md)
                continue
            value = _int_flag(md, ty)
            if value is None:
                self.error(None, None, f"the module flag {name} must be an {ty} constant, found {_md_text(md)}", a_ref)
                continue
            setattr(self.caps, name, value & 3 if ty == "i2" else bool(value))  # i2 3 may print as -1
        if self.profile == BASE:
            enabled = [n for n in _ADAPTIVE_FLAGS if self.caps.has(n)]
            for n in enabled:
                self.error(None, None, f"the module flag {n} declares an Adaptive Profile capability; "
                           "the Base Profile has none", f"{BP}: Module Flags Metadata")

        for key, ext in EXTENSIONS.items():
            if ext.flag is None:
                continue
            md = self.m.get_flag(ext.flag)
            if md is None:
                continue
            if _int_flag(md, "i1") == 1:
                self.caps.extensions.add(key)
                self.report(EXTENSION, None, None,
                            f"the module flag {ext.flag} declares the extension {key}: {ext.summary}")
            else:
                self.error(None, None, f"the module flag {ext.flag} (extension {key}) must be 'i1 true', "
                           f"found {_md_text(md)}")

        known = set(_REQUIRED_FLAGS) | set(_ADAPTIVE_FLAGS)
        for name, behaviour in behaviours.items():
            if name in known or behaviour in _ADDITIONAL_FLAG_BEHAVIOURS:
                continue
            self.warn(None, None,
                      f"the module flag {name} has behaviour {behaviour}; additional module flags may only use "
                      "Warning (2), Append (5), AppendUnique (6) or Max (7)", ref)

    def _read_type_list_flag(self, name: str, md: pyqir.Metadata) -> None:
        ref = f"{AP}: Module Flags Metadata"
        if isinstance(md, pyqir.MetadataString):
            # The 2024 drafts used a comma-separated string: !"i32,i64".
            items = [s.strip() for s in md.value.split(",") if s.strip()]
            self.warn(None, None, f"the module flag {name} is a string (\"{md.value}\", the form of the drafts); "
                      f"the spec wants a metadata tuple of strings, e.g. !{{!\"i64\"}}", ref)
        elif type(md) is pyqir.Metadata:
            # pyqir shows a metadata node only as text ("<0x..> = !{!"i32", !"i64"}").
            text = str(md)
            body = text.split("=", 1)[1] if "=" in text else text
            items = re.findall(r'!"((?:[^"\\]|\\.)*)"', body)
            if re.sub(r'!"((?:[^"\\]|\\.)*)"|[\s,!{}]|distinct', "", body):
                self.error(None, None, f"the module flag {name} must be a tuple of strings, found {body.strip()}", ref)
                return
        else:
            self.error(None, None, f"the module flag {name} must be a tuple of strings, found {_md_text(md)}", ref)
            return
        if name == "int_computations":
            widths = set()
            for it in items:
                mt = re.fullmatch(r"i(\d+)", it)
                if mt is None:
                    self.error(None, None, f"int_computations lists \"{it}\", which is not an integer type (iN)", ref)
                else:
                    widths.add(int(mt.group(1)))
            self.caps.int_widths = widths
        else:
            types = set()
            for it in items:
                if it not in _SPEC_FLOAT_TYPES:
                    self.error(None, None, f"float_computations lists \"{it}\"; it may list half, float and double", ref)
                else:
                    types.add(it)
            self.caps.float_types = types

    # -- globals -------------------------------------------------------------- #

    def _check_globals(self) -> None:
        ref = f"{AP}: Program Structure" if self.profile == ADAPTIVE else f"{BP}: Program Structure"
        for g in self.m.global_variables:
            name = self._gnames.get(g, g.name)
            init = g.initializer
            if not g.is_constant:
                self.error(None, None, f"global @{name} is mutable; the profile allows only constants "
                           "(string labels and constants of supported classical types)", ref)
                continue
            if init is None:
                self.error(None, None, f"global @{name} has no initializer (an external global)", ref)
                continue
            if _is_byte_string(init):
                continue
            tn = _tname(init.type)
            scalar = bool(re.fullmatch(r"i\d+", tn)) or tn in _FLOAT_TYPES
            need = self._type_need(tn) if scalar and self.profile == ADAPTIVE else None
            if scalar and self.profile == ADAPTIVE and need is None:
                continue
            self.error(None, None, f"global constant @{name} of type {tn} is not a string label"
                       + (f"; constants of this type need {need}" if need else
                          "; the profile has no global constants of this type"), ref)

    # -- functions ------------------------------------------------------------ #

    def _check_function(self, f: pyqir.Function, is_entry: bool) -> None:
        fname = f.name
        blocks = f.basic_blocks
        labels = [_block_label(bb, i) for i, bb in enumerate(blocks)]
        index = {bb: i for i, bb in enumerate(blocks)}
        for i, lab in enumerate(labels):
            self._block_order[(fname, lab)] = i
        succs: list[list[int]] = []
        for bb in blocks:
            term = bb.terminator
            succs.append([index[s] for s in term.successors] if term is not None else [])

        if not is_entry:
            self._check_ir_function_signature(f)

        ret_blocks = []
        inttoptr_insts = []
        for i, bb in enumerate(blocks):
            lab = labels[i]
            for ins in bb.instructions:
                op = ins.opcode
                if op == _O.CALL:
                    self._check_call(f, lab, ins, is_entry, i == 0)
                elif op == _O.RET:
                    ret_blocks.append(i)
                    if is_entry:
                        self._check_exit_code(fname, lab, ins)
                elif op == _O.INT_TO_PTR:
                    inttoptr_insts.append((i, ins))
                    self._check_instruction(fname, lab, ins, op)
                else:
                    self._check_instruction(fname, lab, ins, op)

        rr = f"{self.ref}: Bullet 9: Multiple Return Points" if self.profile == ADAPTIVE else f"{BP}: Entry Point Definition"
        if len(ret_blocks) > 1 and not (self.profile == ADAPTIVE and self.caps.multiple_return_points):
            need = "; this needs the module flag multiple_return_points" if self.profile == ADAPTIVE else ""
            for i in ret_blocks[1:]:
                self.error(fname, labels[i], f"a second 'ret' (the first is in {_bref(labels[ret_blocks[0]])}){need}", rr)

        if is_entry:
            self._check_record_placement(f, labels)
            self._check_initialize(f, labels)
            if self.profile == BASE:
                self._check_base_order(f, labels, succs)

        cyclic = self._check_loops(fname, labels, succs)
        if self.profile == ADAPTIVE and (inttoptr_insts or (cyclic and self.caps.backwards_branching in (1, 2))):
            self._check_measurement_dependence(f, labels, succs, index, inttoptr_insts, cyclic)

    def _check_ir_function_signature(self, f: pyqir.Function) -> None:
        ref = f"{AP}: Bullet 6: IR-defined functions and function calls"
        if self.profile == BASE:
            return  # reported at the call sites / as an uncalled definition
        ft = f.type
        ret = _tname(ft.ret)
        if ret != "void":
            need = self._type_need(ret)
            if need:
                self.error(f.name, None, f"IR-defined function returns '{ret}'; this needs {need}", ref)
        for k, p in enumerate(ft.params):
            tn = _tname(p)
            if tn == "ptr":
                continue
            need = self._type_need(tn)
            if need:
                self.error(f.name, None, f"parameter {k} of the IR-defined function is '{tn}'; this needs {need}", ref)

    def _check_exit_code(self, fname: str, lab: str, ins: pyqir.Instruction) -> None:
        ops = ins.operands
        if ops and isinstance(ops[0], pyqir.IntConstant):
            code = ops[0].value
            if not 0 <= code <= 63:
                self.error(fname, lab, f"'ret i64 {code}': exit codes are 0 (success) or 1 to 63 (failure); "
                           "larger codes are reserved for the backend", f"{AP}: Entry Point Definition")

    # -- single instructions ------------------------------------------------- #

    def _type_need(self, tn: str) -> str | None:
        """None if computations on a local of type ``tn`` are declared, else what is missing."""
        if tn in ("i1", "void"):
            return None
        m = re.fullmatch(r"i(\d+)", tn)
        if m:
            w = int(m.group(1))
            if self.caps.int_widths is None:
                return f"the module flag int_computations (listing \"{tn}\")"
            if w not in self.caps.int_widths:
                return f"the module flag int_computations to list \"{tn}\""
            return None
        if tn in _FLOAT_TYPES:
            if self.caps.float_types is None:
                return f"the module flag float_computations (listing \"{tn}\")"
            if tn not in self.caps.float_types:
                return f"the module flag float_computations to list \"{tn}\""
            return None
        if tn == "ptr":
            return "ptr locals, which the profile does not have"
        return f"a '{tn}' value, which the profile does not have"

    def _check_instruction(self, fname: str, lab: str, ins: pyqir.Instruction, op: pyqir.Opcode) -> None:
        mn = _mnemonic(op)
        if self.profile == BASE:
            if op == _O.BR:
                if len(ins.successors) > 1:
                    self.error(fname, lab, "a conditional 'br': the Base Profile branches only unconditionally",
                               f"{BP}: Classical Instructions")
                return
            if op == _O.RET:
                return
            self.error(fname, lab, f"'{mn}' is not allowed in the Base Profile (only call, br and ret; "
                       "no local variables)", f"{BP}: Classical Instructions")
            return

        ci = f"{AP}: Classical Instructions"
        if op == _O.BR or op == _O.RET:
            return
        if op == _O.SWITCH:
            if not self.caps.multiple_target_branching:
                self.error(fname, lab, "'switch' needs the module flag multiple_target_branching",
                           f"{AP}: Bullet 8: Multiple Target Branching")
            return
        if op == _O.PHI or op == _O.SELECT:
            tn = _tname(ins.type, ins)
            if tn == "ptr":
                if not (self.caps.arrays or self.caps.dynamic_qubit_management or self.caps.dynamic_result_management):
                    self.error(fname, lab, f"'{mn} ptr' makes a ptr local; qubits and results may occur only as "
                               "call arguments", f"{AP}: Data Types and Values")
                return
            need = self._type_need(tn)
            if need:
                self.error(fname, lab, f"'{mn} {tn}' needs {need}", f"{AP}: Bullet 5: Classical Computations")
            return
        if op in _INT_BINOPS or op == _O.ICMP:
            src = ins.operands[0].type if op == _O.ICMP else ins.type
            tn = _tname(src, ins)
            need = self._type_need(tn)
            if need:
                self.error(fname, lab, f"'{mn} {tn}' needs {need}", f"{AP}: Bullet 5: Classical Computations")
            elif op != _O.ICMP and op not in (_O.UDIV, _O.SDIV, _O.UREM, _O.SREM, _O.AND, _O.OR, _O.XOR):
                # No pyqir accessor for the nuw/nsw/exact flags: read the instruction text.
                text = str(ins)
                flags = [w for w in ("nuw", "nsw", "exact") if re.search(rf"\b{w}\b", text.split("=", 1)[-1])]
                if flags:
                    self.warn(fname, lab, f"'{mn} {' '.join(flags)}': the profile does not support the "
                              f"{'/'.join(flags)} flag(s); a backend may ignore them", ci)
            return
        if op in _INT_CASTS:
            src = _tname(ins.operands[0].type)
            dst = _tname(ins.type)
            for tn in (src, dst):
                need = self._type_need(tn)
                if need:
                    self.error(fname, lab, f"'{mn} {src} to {dst}' as an instruction needs {need} "
                               "(inline it into an output recording call otherwise)", ci)
                    break
            return
        if op in _FLOAT_BINOPS or op == _O.FCMP or op in _FLOAT_CASTS:
            tokens = None
            if op in _FLOAT_CASTS:
                tokens = _float_tokens(ins)
                names = [tokens[0], tokens[-1]] if tokens else ["?"]
            else:
                src = ins.operands[0].type
                names = [_tname(src, ins)]
            for tn in names:
                need = self._type_need(tn)
                if need:
                    self.error(fname, lab, f"'{mn} {tn}' needs {need}", f"{AP}: Bullet 5: Classical Computations")
                    break
            return
        if op in _MEMORY:
            if self.caps.arrays:
                return
            if self._dynamic_out_err_memory(ins, op):
                return
            self.error(fname, lab, f"'{mn}': the profile has no memory instructions (alloca, load, store) "
                       "unless the module flag arrays is true", f"{AP}: Bullet 11: Arrays")
            return
        if op in _AGGREGATE:
            if not self.caps.arrays:
                what = ("'getelementptr' may occur only inline, for an output label, "
                        if op == _O.GET_ELEMENT_PTR else f"'{mn}' is allowed only ")
                self.error(fname, lab, what + "unless the module flag arrays is true", f"{AP}: Bullet 11: Arrays")
            return
        if op == _O.INT_TO_PTR:
            if not (self.caps.backwards_branching & 1) and not self.caps.arrays:
                self.error(fname, lab, "an 'inttoptr' instruction makes a ptr local; cast qubit and result ids inline "
                           "in the call (ptr inttoptr (i64 N to ptr)), or declare iterations with "
                           "backwards_branching (1 or 3)", f"{AP}: Qubit and Result Usage")
                return
            src = ins.operands[0]
            if not isinstance(src, (pyqir.Phi, pyqir.IntConstant)) and not self.caps.arrays:
                self.error(fname, lab, "the id cast by 'inttoptr' must be a constant or a phi node",
                           f"{AP}: Qubit and Result Usage")
            return
        self.error(fname, lab, f"'{mn}' is not in the Adaptive Profile's instruction set", ci)

    def _dynamic_out_err_memory(self, ins: pyqir.Instruction, op: pyqir.Opcode) -> bool:
        """The error flag of the dynamic allocation functions: an ``i1`` on the stack
        (Memory_Management.md, "Single qubit allocation with error checking")."""
        if not (self.caps.dynamic_qubit_management or self.caps.dynamic_result_management):
            return False
        if op == _O.ALLOCA:
            return isinstance(ins, pyqir.Alloca) and _tname(ins.allocated_type) == "i1"
        if op == _O.LOAD:
            return _tname(ins.type) == "i1"
        return _tname(ins.operands[0].type) == "i1"  # store i1

    # -- calls ------------------------------------------------------------------ #

    def _callee(self, fn: pyqir.Function) -> _Callee:
        name = fn.name
        c = self.callees.get(name)
        if c is not None:
            return c
        defined = bool(fn.basic_blocks)
        ext = next(((k, e) for k, e in EXTENSIONS.items() if e.matches(name)), None)
        if name.startswith("llvm.dbg.") or name.startswith("llvm.lifetime."):
            kind = "dbg"
        elif name.startswith("llvm."):
            kind = "llvm"
        elif ext is not None:
            kind = "ext"
        elif name.startswith("__quantum__rt__"):
            kind = "rt"
        elif name.startswith("__quantum__qis__") and not defined:
            kind = "qis"
        elif defined:
            kind = "ir"
        else:
            kind = "other"
        c = _Callee(fn, name, kind, defined, rt=RUNTIME_FUNCTIONS.get(name), ext=ext)
        if kind == "qis":
            c.measurement = "irreversible" in fn.attributes.func or name in _MEASUREMENT_NAMES
            c.writeonly = _writeonly_params(fn)
        self.callees[name] = c
        return c

    def _check_call(self, f: pyqir.Function, lab: str, ins: pyqir.Call, is_entry: bool, in_entry_block: bool) -> None:
        fname = f.name
        callee_v = ins.callee
        if not isinstance(callee_v, pyqir.Function):
            self.error(fname, lab, "an indirect call; the profile calls only declared QIS/runtime functions "
                       "and IR-defined functions", f"{self.ref}: Classical Instructions")
            return
        c = self._callee(callee_v)
        name = c.name
        if c.kind == "dbg":
            return
        self._called.add(name)
        args = ins.args

        if c.kind == "llvm":
            self.error(fname, lab, f"call to the LLVM intrinsic @{name}, which is not part of the profile",
                       f"{self.ref}: Classical Instructions")
        elif c.kind == "ext":
            key, ext = c.ext  # type: ignore[misc]
            if ext.flag is not None and key not in self.caps.extensions:
                self.error(fname, lab, f"call to @{name} (extension {key}) needs the module flag {ext.flag} (i1 true)")
            else:
                use = self._ext_uses.setdefault((fname, name), [lab, 0, key])
                use[1] += 1
            self._check_needs(fname, lab, name, ext.needs, f"{AP}: Runtime Functions")
            if c.defined and ext.flag is None:
                self._call_edges.setdefault(fname, set()).add(name)
        elif c.kind == "rt":
            self._check_runtime_call(fname, lab, c, is_entry)
        elif c.kind == "qis":
            self._check_qis_call(fname, lab, c)
        elif c.kind == "ir":
            self._call_edges.setdefault(fname, set()).add(name)
            if self.profile == BASE:
                self.error(fname, lab, f"call to @{name}, a function defined in the module; the Base Profile "
                           "calls only QIS and runtime functions", f"{BP}: Classical Instructions")
            elif not self.caps.ir_functions:
                self.error(fname, lab, f"call to @{name}, a function defined in the module, needs the module "
                           "flag ir_functions", f"{AP}: Bullet 6: IR-defined functions and function calls")
        else:
            self.error(fname, lab, f"call to @{name}, which is neither a QIS function (__quantum__qis__*), a "
                       "runtime function (__quantum__rt__*), nor defined in the module",
                       f"{self.ref}: Program Structure")

        # The call's own value is a local variable.
        rt = _tname(ins.type, ins)
        if rt != "void" and c.kind in ("qis", "rt", "ext"):  # "ir": see the function's signature
            if self.profile == BASE:
                if c.kind == "qis":
                    self.error(fname, lab, f"@{name} returns '{rt}'; in the Base Profile QIS functions return void",
                               f"{BP}: Quantum Instruction Set")
            elif rt == "ptr":
                allowed = (c.rt is not None and name.endswith("_allocate")) or (c.kind == "ext")
                if not allowed:
                    self.error(fname, lab, f"@{name} returns 'ptr'; values of type ptr may occur only as call arguments",
                               f"{AP}: Data Types and Values")
            else:
                need = self._type_need(rt)
                if need:
                    self.error(fname, lab, f"the '{rt}' returned by @{name} needs {need}",
                               f"{AP}: Bullet 5: Classical Computations")

        if c.is_record and args:
            self._check_label(fname, lab, name, args[-1])
        self._collect_ids(fname, lab, c, args)

    def _check_needs(self, fname: str, lab: str, name: str, needs: Sequence[str], spec: str) -> None:
        missing = [n for n in needs if not self.caps.has(n)]
        if missing:
            flags = " and ".join(missing)
            self.error(fname, lab, f"@{name} needs the module flag{'s' if len(missing) > 1 else ''} {flags}", spec)

    def _check_runtime_call(self, fname: str, lab: str, c: _Callee, is_entry: bool) -> None:
        name = c.name
        rt = c.rt
        if rt is None or self.profile not in rt.profiles:
            if rt is not None:
                self.error(fname, lab, f"@{name} is an Adaptive Profile runtime function; the Base Profile allows "
                           "only initialize, tuple_record_output, array_record_output and result_record_output",
                           f"{BP}: Runtime Functions")
            else:
                self.error(fname, lab, f"@{name} is not a runtime function of {self.title}",
                           f"{self.ref}: Runtime Functions")
            return
        self._check_needs(fname, lab, name, rt.needs, rt.spec)
        if not is_entry and (rt.record or name == "__quantum__rt__initialize"):
            self.error(fname, lab, f"call to @{name} inside an IR-defined function; only the entry point may "
                       "record output or initialize", f"{AP}: Bullet 6: IR-defined functions and function calls")

    def _check_qis_call(self, fname: str, lab: str, c: _Callee) -> None:
        if c.name == _OLD_READ_RESULT:
            if self.profile == BASE:
                self.error(fname, lab, f"@{c.name} reads a result; in the Base Profile results are only written "
                           "and recorded", f"{BP}: Qubit and Result Usage")
            else:
                self.warn(fname, lab, f"@{c.name} is the pre-1.0 name; the profile's function is "
                          "@__quantum__rt__read_result", f"{AP}: Runtime Functions")
        if c.name in _MEASUREMENT_NAMES and "irreversible" not in c.fn.attributes.func:
            self.warn(c.name, None, "a measurement without the attribute \"irreversible\"",
                      f"{self.ref}: Quantum Instruction Set")

    def _check_label(self, fname: str, lab: str, name: str, label: pyqir.Value) -> None:
        ref = f"{self.ref}: Output Recording"
        if isinstance(label, pyqir.GlobalVariable):
            init = label.initializer
            if not label.is_constant or init is None or not _is_byte_string(init) or not (
                    (b := pyqir.extract_byte_string(label)) is not None and b.endswith(b"\0")):
                self.error(fname, lab, f"the label of @{name} must point to a global constant null-terminated "
                           f"string; @{self._gnames.get(label, label.name)} is not one", ref)
                return
            if self.profile == BASE:
                first = self._base_labels.get(label)
                if first is None:
                    self._base_labels[label] = (fname, lab)
                else:
                    self.error(fname, lab, f"the label @{self._gnames.get(label, label.name)} is used by more than one output recording "
                               "call; the Base Profile wants a unique label for each", ref)
            return
        if isinstance(label, pyqir.Constant) and label.is_null:
            self.warn(fname, lab, f"@{name} has a null label; the label should point to a global constant "
                      "string (backends may reject a missing label)", ref)
            return
        self.error(fname, lab, f"the label of @{name} must point to a global constant null-terminated string",
                   ref)

    # -- qubit and result ids -------------------------------------------------- #

    def _arg_kind(self, c: _Callee, i: int) -> str | None:
        """Whether argument ``i`` of a call to ``c`` is a qubit or a result id."""
        if c.kind == "qis":
            if c.writeonly and any(c.writeonly):
                return "result" if i < len(c.writeonly) and c.writeonly[i] else "qubit"
            if c.name == _OLD_READ_RESULT:
                return "result"
            if c.measurement and i >= 1:
                return "result"
            return "qubit"
        if c.kind == "rt":
            return "result" if c.rt is not None and i in c.rt.result_args else None
        if c.defined and c.kind in ("ir", "ext"):
            return self._param_kinds_of(c.fn).get(i)
        return None

    def _param_kinds_of(self, fn: pyqir.Function) -> dict[int, str]:
        """Infer which ``ptr`` parameters of a defined function are qubits or
        results, from the calls that pass them on (one scan per function)."""
        name = fn.name
        got = self._param_kinds.get(name)
        if got is not None:
            return got
        if name in self._param_kinds_busy:  # recursion (reported elsewhere)
            return {}
        self._param_kinds_busy.add(name)
        params = {p: k for k, p in enumerate(fn.params)}
        kinds: dict[int, str] = {}
        for bb in fn.basic_blocks:
            for ins in bb.instructions:
                if not isinstance(ins, pyqir.Call) or not isinstance(ins.callee, pyqir.Function):
                    continue
                c = self._callee(ins.callee)
                for j, a in enumerate(ins.args):
                    k = params.get(a) if not isinstance(a, pyqir.Constant) else None
                    if k is not None and k not in kinds:
                        kind = self._arg_kind(c, j)
                        if kind:
                            kinds[k] = kind
        self._param_kinds_busy.discard(name)
        self._param_kinds[name] = kinds
        return kinds

    def _collect_ids(self, fname: str, lab: str, c: _Callee, args: Sequence[pyqir.Value]) -> None:
        for i, a in enumerate(args):
            if not isinstance(a, pyqir.Constant) or not isinstance(a.type, pyqir.PointerType):
                continue
            kind = self._arg_kind(c, i)
            if kind is None:
                continue
            sid = _static_id(a)
            if sid is None:
                if isinstance(a, pyqir.GlobalVariable):
                    what = f"the global @{self._gnames.get(a, a.name)}"
                elif isinstance(a, pyqir.Function):
                    what = f"the function @{a.name}"
                else:
                    what = f"'{str(a).strip()}'"
                self.error(fname, lab, f"{kind} argument {i} of @{c.name} is {what}; a {kind} id is 'ptr null' or "
                           "'inttoptr (i64 N to ptr)'", f"{self.ref}: Qubit and Result Usage")
                continue
            if sid < 0:
                self.error(fname, lab, f"{kind} id {sid} is negative", f"{self.ref}: Qubit and Result Usage")
                continue
            self.ids[kind].setdefault(sid, (fname, lab))

    def _check_static_ids(self) -> None:
        if not self.entry_points:
            return
        ep = self.entry_points[0]
        attrs = ep.attributes.func
        for kind, attr, dyn in (("qubit", "required_num_qubits", "dynamic_qubit_management"),
                                ("result", "required_num_results", "dynamic_result_management")):
            used = self.ids[kind]
            if not used:
                continue
            top = max(used)
            where = used[top]
            if getattr(self.caps, dyn):
                f0, b0 = used[min(used)]
                self.error(f0, b0, f"static {kind} ids (null / inttoptr constants) are used, but the module flag "
                           f"{dyn} is true; a module never mixes the two kinds of pointers",
                           f"{BP}: Memory Management")
                continue
            if attr not in attrs:
                continue
            value = attrs[attr].string_value or ""
            if not value.isdigit():
                continue
            n = int(value)
            if top >= n:
                self.error(where[0], where[1], f"{kind} id {top} is used, but {attr} is {n} "
                           f"(ids must lie in [0, {attr}); it must be at least {top + 1})",
                           f"{self.ref}: Data Types and Values")

    # -- output recording, initialization, Base order ------------------------- #

    def _record_kind(self, ins: pyqir.Instruction) -> str:
        """"record", "neutral" (may sit anywhere) or "other"."""
        if not isinstance(ins, pyqir.Call) or not isinstance(ins.callee, pyqir.Function):
            return "other"
        c = self._callee(ins.callee)
        if c.is_record:
            return "record"
        if c.kind == "dbg" or (c.ext is not None and c.ext[1].runtime_library):
            return "neutral"
        return "other"

    def _check_record_placement(self, f: pyqir.Function, labels: list[str]) -> None:
        ref = f"{self.ref}: Output Recording"
        for i, bb in enumerate(f.basic_blocks):
            first = None
            reported = False
            instrs = bb.instructions
            for ins in instrs[:-1]:
                kind = self._record_kind(ins)
                if kind == "record":
                    if first is None:
                        first = ins
                elif first is not None and kind == "other" and not reported:
                    self.error(f.name, labels[i], f"{_describe(ins)} follows output recording; output recording "
                               "calls may be followed only by other output recording calls and 'ret'",
                               f"{self.ref}: Entry Point Definition")
                    reported = True
            term = bb.terminator
            if first is not None and (term is None or term.opcode != _O.RET):
                what = _mnemonic(term.opcode) if term is not None else "nothing"
                self.error(f.name, labels[i], f"output recording ({_describe(first)}) in a block that ends in "
                           f"'{what}', not 'ret'; output is recorded only in the final block", ref)

    def _check_initialize(self, f: pyqir.Function, labels: list[str]) -> None:
        ref = f"{self.ref}: Entry Point Definition"
        seen_other = False
        found = False
        for i, bb in enumerate(f.basic_blocks):
            for ins in bb.instructions:
                is_init = (isinstance(ins, pyqir.Call) and isinstance(ins.callee, pyqir.Function)
                           and ins.callee.name == "__quantum__rt__initialize")
                if is_init:
                    found = True
                    if i != 0 or seen_other:
                        self.error(f.name, labels[i], "@__quantum__rt__initialize must come first, at the start "
                                   "of the entry block", ref)
                elif self._record_kind(ins) != "neutral":
                    seen_other = True
        if not found:
            self.warn(f.name, labels[0] if labels else None,
                      "no call to @__quantum__rt__initialize at the start of the entry block", ref)

    def _check_base_order(self, f: pyqir.Function, labels: list[str], succs: list[list[int]]) -> None:
        """Base Profile: initialization, then gates, then measurements, then output
        recording, along the chain of blocks, and no qubit used after its measurement.
        (The spec draws this as four blocks; any chain with this order is accepted.)"""
        ref = f"{BP}: Entry Point Definition"
        phase_names = {1: "quantum instructions", 2: "measurements", 3: "output recording"}
        blocks = f.basic_blocks
        phase = 0
        measured: set[int] = set()
        seen: set[int] = set()
        i = 0
        while i not in seen and i < len(blocks):
            seen.add(i)
            for ins in blocks[i].instructions:
                if not isinstance(ins, pyqir.Call) or not isinstance(ins.callee, pyqir.Function):
                    continue
                c = self._callee(ins.callee)
                if c.kind == "qis":
                    want = 2 if c.measurement else 1
                    if phase > want:
                        self.error(f.name, labels[i], f"{_describe(ins)} after {phase_names[phase]}; the Base Profile "
                                   f"runs quantum instructions, then measurements, then output recording", ref)
                    phase = max(phase, want)
                    for j, a in enumerate(ins.args):
                        if self._arg_kind(c, j) != "qubit":
                            continue
                        q = _static_id(a) if isinstance(a, pyqir.Constant) else None
                        if q is None:
                            continue
                        if q in measured:
                            self.error(f.name, labels[i], f"qubit {q} is used after it was measured",
                                       f"{BP}: Qubit and Result Usage")
                        if c.measurement:
                            measured.add(q)
                elif c.is_record:
                    phase = 3
            nxt = succs[i]
            if len(nxt) != 1:
                break
            i = nxt[0]

    # -- control flow ----------------------------------------------------------- #

    def _check_loops(self, fname: str, labels: list[str], succs: list[list[int]]) -> bool:
        """Report back edges (cycles) unless backwards_branching allows them; True if any."""
        back = _back_edges(succs)
        for u, h in back:
            if self.profile == BASE:
                self.error(fname, labels[u], f"branch back to {_bref(labels[h])} makes a loop; the Base Profile has none",
                           f"{BP}: Entry Point Definition")
            elif not self.caps.backwards_branching:
                self.error(fname, labels[u], f"branch back to {_bref(labels[h])} makes a loop; loops need the module "
                           "flag backwards_branching", f"{AP}: Bullet 7: Backwards branching")
        return bool(back)

    def _check_measurement_dependence(self, f: pyqir.Function, labels: list[str], succs: list[list[int]],
                                      index: dict, inttoptr_insts: list, cyclic: bool) -> None:
        tainted = self._tainted_values(f, succs, index)
        fname = f.name
        ref = f"{AP}: Bullet 7: Backwards branching"
        for i, ins in inttoptr_insts:
            src = ins.operands[0]
            if src in tainted:
                self.error(fname, labels[i], "the qubit/result id cast by 'inttoptr' depends on a measurement",
                           f"{AP}: Qubit and Result Usage")
        if not cyclic or self.caps.backwards_branching not in (1, 2):
            return
        blocks = f.basic_blocks
        comp = _cyclic_components(succs)
        loops: dict[int, list[int]] = {}
        for b, k in comp.items():
            loops.setdefault(k, []).append(b)
        for k, members in loops.items():
            conditional = None
            for b in members:
                term = blocks[b].terminator
                if term is None or len(succs[b]) < 2 or all(comp.get(s) == k for s in succs[b]):
                    continue
                cond = term.operands[0]
                if cond in tainted:
                    conditional = b
                    break
            head = labels[min(members)]
            if conditional is not None and self.caps.backwards_branching == 1:
                self.error(fname, labels[conditional], f"the exit of the loop at {_bref(head)} depends on a measurement "
                           "(a conditionally terminating loop); backwards_branching is 1 (iterations only), "
                           "use 2 or 3", ref)
            elif conditional is None and self.caps.backwards_branching == 2:
                self.warn(fname, head, "this loop looks like an iteration (its exit does not depend on a measurement), "
                          "but backwards_branching is 2 (conditionally terminating loops only); use 3", ref)

    def _tainted_values(self, f: pyqir.Function, succs: list[list[int]], index: dict) -> set:
        """Values that depend on a measurement: data flow from read_result (and from
        other calls that may read one), plus phis that merge paths split by a branch
        on such a value (control dependence, from post-dominators)."""
        blocks = f.basic_blocks
        cd_parents = _control_dependence(succs)  # block -> blocks whose branch it depends on
        cd_children: dict[int, list[int]] = {}
        for b, ps in cd_parents.items():
            for p in ps:
                cd_children.setdefault(p, []).append(b)
        users: dict = {}
        phis_from: dict[int, list[tuple[pyqir.Instruction, int]]] = {}
        branch_of: dict = {}  # condition value -> blocks whose terminator branches on it
        work: list = []
        tainted: set = set()
        for bi, bb in enumerate(blocks):
            for ins in bb.instructions:
                op = ins.opcode
                if op == _O.PHI:
                    for _v, pb in ins.incoming:
                        phis_from.setdefault(index[pb], []).append((ins, bi))
                if op in (_O.BR, _O.SWITCH):
                    if len(succs[bi]) > 1:
                        branch_of.setdefault(ins.operands[0], []).append(bi)
                    continue
                for o in ins.operands:
                    if isinstance(o, (pyqir.Instruction, pyqir.Call)):
                        users.setdefault(o, []).append(ins)
                if isinstance(ins, pyqir.Call) and self._reads_measurement(ins):
                    tainted.add(ins)
                    work.append(ins)
        done_branches: set[int] = set()
        while work:
            v = work.pop()
            for bi in branch_of.get(v, ()):
                if bi in done_branches:
                    continue
                done_branches.add(bi)
                for x in [bi, *cd_children.get(bi, ())]:
                    for phi, jb in phis_from.get(x, ()):
                        if bi not in cd_parents.get(jb, ()) and phi not in tainted:
                            tainted.add(phi)
                            work.append(phi)
            for u in users.get(v, ()):
                if u not in tainted:
                    tainted.add(u)
                    work.append(u)
        return tainted

    def _reads_measurement(self, ins: pyqir.Call) -> bool:
        if not isinstance(ins.callee, pyqir.Function) or ins.type.is_void:
            return False
        c = self._callee(ins.callee)
        if c.name in ("__quantum__rt__read_result", _OLD_READ_RESULT):
            return True
        if c.kind == "qis":
            return True  # a QIS function that returns a value may measure
        if c.kind == "ir" and c.defined:
            return self._function_reads(c.fn, set())
        return False

    def _function_reads(self, fn: pyqir.Function, busy: set[str]) -> bool:
        if fn.name in busy:
            return False
        busy.add(fn.name)
        for bb in fn.basic_blocks:
            for ins in bb.instructions:
                if isinstance(ins, pyqir.Call) and isinstance(ins.callee, pyqir.Function):
                    c = self._callee(ins.callee)
                    if c.name in ("__quantum__rt__read_result", _OLD_READ_RESULT):
                        return True
                    if c.kind == "qis" and not ins.type.is_void:
                        return True
                    if c.kind == "ir" and c.defined and self._function_reads(c.fn, busy):
                        return True
        return False

    # -- module-wide call structure ------------------------------------------- #

    def _check_uncalled_ir_functions(self) -> None:
        if self.profile == ADAPTIVE and self.caps.ir_functions:
            return
        for f in self.functions:
            if not f.basic_blocks or f in self.entry_points or f.name in self._called:
                continue
            ext = self._extension_runtime(f.name)
            if ext is not None:
                continue
            if self.profile == BASE:
                self.error(f.name, None, "a function defined in the module besides the entry point; the Base "
                           "Profile has only the entry point", f"{BP}: Program Structure")
            else:
                self.error(f.name, None, "a function defined in the module besides the entry point (an IR-defined "
                           "function) needs the module flag ir_functions",
                           f"{AP}: Bullet 6: IR-defined functions and function calls")

    def _extension_runtime(self, name: str) -> tuple[str, Extension] | None:
        for k, e in EXTENSIONS.items():
            if e.runtime_library and e.matches(name):
                return k, e
        return None

    def _check_recursion(self) -> None:
        names = set(self._call_edges) | {d for ds in self._call_edges.values() for d in ds}
        nodes = {n: i for i, n in enumerate(sorted(names))}
        succs = [[] for _ in nodes]
        for a, ds in self._call_edges.items():
            succs[nodes[a]] = [nodes[d] for d in ds]
        rev = {i: n for n, i in nodes.items()}
        comp = _cyclic_components(succs)
        groups: dict[int, list[str]] = {}
        for i, k in comp.items():
            groups.setdefault(k, []).append(rev[i])
        for members in groups.values():
            members.sort()
            cycle = " -> ".join("@" + m for m in members + members[:1])
            self.error(members[0], None, f"recursion ({cycle}); direct or indirect recursion is forbidden",
                       f"{AP}: Bullet 6: IR-defined functions and function calls")


# --------------------------------------------------------------------------- #
# Helpers on pyqir objects
# --------------------------------------------------------------------------- #


def _tname(t: pyqir.Type, owner: pyqir.Value | None = None) -> str:
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
        return f"[{t.count} x {_tname(t.element)}]"
    if isinstance(t, pyqir.StructType):
        return f"%{t.name}" if t.name else "{...}"
    if owner is not None:
        toks = _float_tokens(owner)
        if toks:
            return toks[0]
    return "?"


def _float_tokens(ins: pyqir.Value) -> list[str]:
    text = str(ins)
    rhs = text.split("=", 1)[1] if "=" in text.split("(", 1)[0] else text
    return _FLOAT_TOKEN.findall(rhs)


def _mnemonic(op: pyqir.Opcode) -> str:
    name = str(op).split(".", 1)[-1]
    return _MNEMONIC_FIX.get(name, name.replace("_", "").lower())


def _describe(ins: pyqir.Instruction) -> str:
    if isinstance(ins, pyqir.Call) and isinstance(ins.callee, pyqir.Function):
        return f"'call @{ins.callee.name}'"
    return f"'{_mnemonic(ins.opcode)}'"


def _block_label(bb: pyqir.BasicBlock, i: int) -> str:
    # Unnamed blocks: LLVM numbers them in its text; pyqir shows no number.
    return bb.name or f"<block {i}>"


def _bref(label: str) -> str:
    """A block named in a message: %name, as in LLVM text."""
    return label if label.startswith("<") else f"%{label}"


def _is_byte_string(c: pyqir.Constant) -> bool:
    t = c.type
    return isinstance(t, pyqir.ArrayType) and isinstance(t.element, pyqir.IntType) and t.element.width == 8


# A static id is `ptr null` or `ptr inttoptr (iN K to ptr)`. pyqir has no
# accessor for a constant expression's opcode or operands, and pyqir.ptr_id
# crashes on globals and returns garbage for undef/poison/functions, so the
# constant's text is matched first and ptr_id called only on a match.
_INTTOPTR_CONST = re.compile(r"ptr (?:nonnull )?inttoptr \(i\d+ (-?\d+) to ptr\)")


def _static_id(v: pyqir.Value) -> int | None:
    if type(v) is not pyqir.Constant:  # not a GlobalVariable / Function / IntConstant ...
        return None
    if v.is_null:
        return 0
    m = _INTTOPTR_CONST.fullmatch(str(v).strip())
    if m is None:
        return None
    got = pyqir.ptr_id(v)
    return got if got is not None else int(m.group(1))


def _writeonly_params(fn: pyqir.Function) -> tuple[bool, ...] | None:
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


def _int_flag(md: pyqir.Metadata, ty: str) -> int | None:
    if not isinstance(md, pyqir.ConstantAsMetadata):
        return None
    v = md.value
    if not isinstance(v, pyqir.IntConstant) or f"i{v.type.width}" != ty:
        return None
    return v.value


def _md_text(md: pyqir.Metadata) -> str:
    text = str(md)
    return text.split("=", 1)[1].strip() if text.startswith("<0x") and "=" in text else text


def _flag_behaviours(module: pyqir.Module) -> dict[str, int]:
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


# --------------------------------------------------------------------------- #
# Graph algorithms on block indices (iterative, linear)
# --------------------------------------------------------------------------- #


def _back_edges(succs: list[list[int]]) -> list[tuple[int, int]]:
    """Edges u->h with h on the DFS stack: every cycle reachable from the entry has one."""
    if not succs:
        return []
    WHITE, GREY, BLACK = 0, 1, 2
    color = [WHITE] * len(succs)
    out = []
    stack = [(0, 0)]
    color[0] = GREY
    while stack:
        u, k = stack[-1]
        if k < len(succs[u]):
            stack[-1] = (u, k + 1)
            v = succs[u][k]
            if color[v] == GREY:
                out.append((u, v))
            elif color[v] == WHITE:
                color[v] = GREY
                stack.append((v, 0))
        else:
            color[u] = BLACK
            stack.pop()
    return out


def _cyclic_components(succs: list[list[int]]) -> dict[int, int]:
    """Tarjan's SCCs; returns node -> component id for nodes on a cycle."""
    n = len(succs)
    idx = [-1] * n
    low = [0] * n
    on = [False] * n
    st: list[int] = []
    out: dict[int, int] = {}
    counter = 0
    comp_id = 0
    for root in range(n):
        if idx[root] != -1:
            continue
        work = [(root, 0)]
        idx[root] = low[root] = counter
        counter += 1
        st.append(root)
        on[root] = True
        while work:
            u, k = work[-1]
            if k < len(succs[u]):
                work[-1] = (u, k + 1)
                v = succs[u][k]
                if idx[v] == -1:
                    idx[v] = low[v] = counter
                    counter += 1
                    st.append(v)
                    on[v] = True
                    work.append((v, 0))
                elif on[v]:
                    low[u] = min(low[u], idx[v])
                continue
            work.pop()
            if work:
                p = work[-1][0]
                low[p] = min(low[p], low[u])
            if low[u] == idx[u]:
                members = []
                while True:
                    w = st.pop()
                    on[w] = False
                    members.append(w)
                    if w == u:
                        break
                if len(members) > 1 or u in succs[u]:
                    for w in members:
                        out[w] = comp_id
                    comp_id += 1
    return out


def _control_dependence(succs: list[list[int]]) -> dict[int, set[int]]:
    """block -> the branching blocks it is (directly) control dependent on
    (Ferrante et al.), from post-dominators (Cooper-Harvey-Kennedy)."""
    n = len(succs)
    exit_ = n  # a virtual exit after every block without successors
    preds_rev: list[list[int]] = [[] for _ in range(n + 1)]  # successors in the reverse graph
    rsucc: list[list[int]] = [[] for _ in range(n + 1)]  # predecessors in the reverse graph
    for u, ss in enumerate(succs):
        targets = ss if ss else [exit_]
        for v in targets:
            preds_rev[v].append(u)  # reverse edge v -> u
            rsucc[u].append(v)

    def postorder() -> tuple[list[int], list[bool]]:
        order: list[int] = []
        seen = [False] * (n + 1)
        stack = [(exit_, 0)]
        seen[exit_] = True
        while stack:
            u, k = stack[-1]
            if k < len(preds_rev[u]):
                stack[-1] = (u, k + 1)
                v = preds_rev[u][k]
                if not seen[v]:
                    seen[v] = True
                    stack.append((v, 0))
            else:
                order.append(u)
                stack.pop()
        return order, seen

    order, seen = postorder()
    stuck = [u for u in range(n) if not seen[u]]
    if stuck:  # blocks that never reach an exit (endless loops) hang off the virtual exit
        for u in stuck:
            preds_rev[exit_].append(u)
            rsucc[u].append(exit_)
        order, seen = postorder()
    rpo = list(reversed(order))
    pos = {b: i for i, b in enumerate(rpo)}
    ipdom: list[int | None] = [None] * (n + 1)
    ipdom[exit_] = exit_

    def intersect(a: int, b: int) -> int:
        while a != b:
            while pos[a] > pos[b]:
                a = ipdom[a]  # type: ignore[assignment]
            while pos[b] > pos[a]:
                b = ipdom[b]  # type: ignore[assignment]
        return a

    changed = True
    while changed:
        changed = False
        for b in rpo:
            if b == exit_:
                continue
            new = None
            for p in rsucc[b]:  # predecessors of b in the reverse graph = successors in the CFG
                if ipdom[p] is not None:
                    new = p if new is None else intersect(p, new)
            if new is not None and ipdom[b] != new:
                ipdom[b] = new
                changed = True
    deps: dict[int, set[int]] = {}
    for a, ss in enumerate(succs):
        if len(ss) < 2:
            continue
        stop = ipdom[a]
        for s in set(ss):
            runner: int | None = s
            steps = 0
            while runner is not None and runner != stop and runner != exit_ and steps <= n:
                deps.setdefault(runner, set()).add(a)
                runner = ipdom[runner]
                steps += 1
    return deps
