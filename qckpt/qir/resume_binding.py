"""Bind a resume state into a resumable program without recompiling it.

A program emitted with ``--resumable`` starts wherever ``qckpt_resume_point()``
says and reads each persisted value of the chosen boundary from a declared
function (``qckpt.abi``). Binding defines all of them: the chosen
boundary's from the record, the rest as zeros (unreachable), and links the
definitions into the kept body (``qckpt.qir.bind.define_constants``). The
body is read from the program file, never compiled again.

A record is refused unless its fingerprint matches the program's: the
sha256 of the program file as compiled (which fixes the source and every
compile option) together with the versions of qckpt, pyqir and xdsl.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pyqir

from qckpt.diagnostics import QckptError
from qckpt import abi
from qckpt.qir.bind import declared_constants, define_constants, load_module

RECORD_FORMAT = "qckpt-resume-record"
RECORD_VERSION = 1


@functools.cache
def tool_versions() -> dict[str, str]:
    """qckpt's, pyqir's and xDSL's versions: part of the resume fingerprint,
    and what ``qckpt --version`` prints (with qir-runner's)."""
    out = {}
    for dist in ("qckpt", "pyqir", "xdsl"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "unknown"
    return out


def program_fingerprint(program: bytes | str) -> str:
    """The identity of a compiled program: its bytes and the tool versions."""
    data = program.encode() if isinstance(program, str) else program
    h = hashlib.sha256()
    h.update(json.dumps(tool_versions(), sort_keys=True).encode())  # fixed for the process
    h.update(b"\0")
    h.update(data)
    return h.hexdigest()


@dataclass(frozen=True)
class ResumeRecord:
    """Where a shot resumes: a boundary's complete visit and its values."""

    fingerprint: str
    boundary: int
    visit: int
    values: dict[str, bool | int | float] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"format": RECORD_FORMAT, "version": RECORD_VERSION, "fingerprint": self.fingerprint, "boundary": self.boundary, "visit": self.visit, "values": self.values}

    @staticmethod
    def from_json(doc: object, where: str = "record") -> ResumeRecord:
        if not isinstance(doc, dict) or doc.get("format") != RECORD_FORMAT:
            raise QckptError(f"{where}: not a qckpt resume record (expected \"format\": \"{RECORD_FORMAT}\")")
        if doc.get("version") != RECORD_VERSION:
            raise QckptError(f"{where}: resume record version {doc.get('version')!r} is not supported (this qckpt reads version {RECORD_VERSION})")
        try:
            values = doc.get("values", {})
            if not isinstance(values, dict):
                raise TypeError("values")
            boundary, visit = int(doc["boundary"]), int(doc["visit"])
            # Both reach the program as i64 constants: a larger number would wrap (2**64 became visit 0).
            for name, v in (("boundary", boundary), ("visit", visit)):
                if not 0 <= v < 2**63:
                    raise ValueError(f"{name} {v} is out of range: it must be between 0 and 2**63-1")
            return ResumeRecord(str(doc["fingerprint"]), boundary, visit, dict(values))
        except (KeyError, TypeError, ValueError) as e:
            raise QckptError(f"{where}: malformed resume record ({e})") from None

    @staticmethod
    def load(path: str | Path) -> ResumeRecord:
        p = Path(path)
        try:
            doc = json.loads(p.read_text())
        except FileNotFoundError:
            raise QckptError(f"{p}: no such file") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise QckptError(f"{p}: not JSON ({e})") from None
        except RecursionError:
            raise QckptError(f"{p}: not a resume record (JSON nested too deeply)") from None
        except OSError as e:
            raise QckptError(f"{p}: cannot read: {e.strerror or e}") from None
        return ResumeRecord.from_json(doc, str(p))


def restorable_boundaries(module: pyqir.Module) -> dict[int, dict[str, str]]:
    """Boundary id -> {value name -> LLVM type} for each boundary the program
    can resume at (those whose resume block reads its visit number)."""
    out: dict[int, dict[str, str]] = {}
    for fn_name, ty in declared_constants(module, abi.RESUME_VALUE_PREFIX).items():
        bid_text, _, name = fn_name[len(abi.RESUME_VALUE_PREFIX) :].partition(".")
        out.setdefault(int(bid_text), {})[name] = ty
    return {bid: vals for bid, vals in out.items() if abi.RESUME_VISIT_NAME in vals}


def bind_resume(module: pyqir.Module, record: ResumeRecord | None) -> pyqir.Module:
    """Define the resume point and values; ``None`` starts from the top.
    ``module`` is changed in place. The caller checks the fingerprint."""
    if not declared_constants(module, abi.RESUME_POINT):
        raise QckptError("the program is not resumable: compile it with qckpt convert --resumable --record-mode streaming")
    points = restorable_boundaries(module)
    defs: dict[str, tuple[str, float | int | bool]] = {abi.RESUME_POINT: ("i64", 0)}
    for bid, vals in points.items():
        for name, ty in vals.items():
            defs[abi.resume_value_fn(bid, name)] = (ty, 0)
    if record is not None:
        vals = points.get(record.boundary)
        if vals is None:
            known = ", ".join(str(b) for b in sorted(points)) or "none"
            raise QckptError(f"boundary {record.boundary} is not a restorable boundary of this program (restorable: {known})")
        if record.visit < 1:
            raise QckptError(f"visit {record.visit} of boundary {record.boundary}: visits are numbered from 1")
        given = dict(record.values)
        given[abi.RESUME_VISIT_NAME] = record.visit
        missing = sorted(set(vals) - set(given))
        extra = sorted(set(given) - set(vals))
        if missing or extra:
            parts = ([f"missing {', '.join(missing)}"] if missing else []) + ([f"unknown {', '.join(extra)}"] if extra else [])
            raise QckptError(f"the record does not match boundary {record.boundary}'s persisted values: {'; '.join(parts)}")
        defs[abi.RESUME_POINT] = ("i64", record.boundary + 1)
        for name, ty in vals.items():
            v = given[name]
            if ty == "i1" and not isinstance(v, bool) and v not in (0, 1):
                raise QckptError(f"value '{name}' of boundary {record.boundary} is a bit; {v!r} is not")
            defs[abi.resume_value_fn(record.boundary, name)] = (ty, v)
    return define_constants(module, defs, "qckpt_resume")


def bind_resume_file(program: str | Path, record: ResumeRecord | None) -> pyqir.Module:
    """Read a resumable program, check the record's fingerprint, bind it."""
    path = Path(program)
    module = load_module(path)
    if record is not None:
        fp = program_fingerprint(path.read_bytes())
        if record.fingerprint != fp:
            raise QckptError(
                f"{path}: the record was made for another program or toolchain (record fingerprint {record.fingerprint[:12]}…, program {fp[:12]}…); "
                "resume with the exact program file the run used"
            )
    return bind_resume(module, record)
