"""The checker's driver: reads a module, runs every rule family over it in a
fixed order, and returns the findings sorted by function and block.
"""

from __future__ import annotations

from pathlib import Path

import pyqir

from qckpt.diagnostics import QckptError
from qckpt.qir.check.extensions import EXTENSIONS
from qckpt.qir.check.pyqir_values import block_label, bref
from qckpt.qir.check.registry import FAMILIES
from qckpt.qir.check.report import EXTENSION, Violation
from qckpt.qir.check.spec import ADAPTIVE, BASE, BITCODE_MAGIC, BP, OP


class _Checker(*(family.rules for family in FAMILIES)):  # type: ignore[misc]
    """All rule families over one module; :meth:`run` is the order they run in."""

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

    def _check_function(self, f: pyqir.Function, is_entry: bool) -> None:
        fname = f.name
        blocks = f.basic_blocks
        labels = [block_label(bb, i) for i, bb in enumerate(blocks)]
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
                if op == OP.CALL:
                    self._check_call(f, lab, ins, is_entry, i == 0)
                elif op == OP.RET:
                    ret_blocks.append(i)
                    if is_entry:
                        self._check_exit_code(fname, lab, ins)
                elif op == OP.INT_TO_PTR:
                    inttoptr_insts.append((i, ins))
                    self._check_instruction(fname, lab, ins, op)
                else:
                    self._check_instruction(fname, lab, ins, op)

        rr = f"{self.ref}: Bullet 9: Multiple Return Points" if self.profile == ADAPTIVE else f"{BP}: Entry Point Definition"
        if len(ret_blocks) > 1 and not (self.profile == ADAPTIVE and self.caps.multiple_return_points):
            need = "; this needs the module flag multiple_return_points" if self.profile == ADAPTIVE else ""
            for i in ret_blocks[1:]:
                self.error(fname, labels[i], f"a second 'ret' (the first is in {bref(labels[ret_blocks[0]])}){need}", rr)

        if is_entry:
            self._check_record_placement(f, labels)
            self._check_initialize(f, labels)
            if self.profile == BASE:
                self._check_base_order(f, labels, succs)

        cyclic = self._check_loops(fname, labels, succs)
        if self.profile == ADAPTIVE and (inttoptr_insts or (cyclic and self.caps.backwards_branching in (1, 2))):
            self._check_measurement_dependence(f, labels, succs, index, inttoptr_insts, cyclic)


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
    is_bitcode = data.startswith(BITCODE_MAGIC)
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


def addressed_qubits(module: pyqir.Module) -> dict[int, tuple[str, str]]:
    """The static qubit ids the module's calls address, each with the
    (function, block) of its first use: what an executor with fewer qubits
    must refuse. Read by the same argument rules as the checker's
    "Qubits and results" family, so a result id is never taken for a qubit."""
    checker = _Checker(module, None)
    checker.run()
    return dict(checker.ids["qubit"])
