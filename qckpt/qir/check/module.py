"""The module as a whole: its flags (required and capability flags, their
types and behaviours) and its global constants.
"""

from __future__ import annotations

import re

import pyqir

from qckpt.qir.check.extensions import EXTENSIONS
from qckpt.qir.check.pyqir_values import flag_behaviours, int_flag, is_byte_string, md_text, tname
from qckpt.qir.check.report import EXTENSION
from qckpt.qir.check.spec import ADAPTIVE, ADAPTIVE_FLAGS, ADDITIONAL_FLAG_BEHAVIOURS, AP, BASE, BP, FLOAT_TYPES, KNOWN_MAJOR_VERSIONS, REQUIRED_FLAGS, SPEC_FLOAT_TYPES
from qckpt.qir.check.state import CheckerState


class ModuleRules(CheckerState):
    """Rules of docs/check-qir.md, section "Module"."""

    def _check_flags(self) -> None:
        ref = f"{BP}: Module Flags Metadata"
        behaviours = flag_behaviours(self.m)
        for name, (ty, behaviour) in REQUIRED_FLAGS.items():
            md = self.m.get_flag(name)
            if md is None:
                self.error(None, None, f"the module flag {name} is missing (an {ty} constant)", ref)
                continue
            value = int_flag(md, ty)
            if value is None:
                self.error(None, None, f"the module flag {name} must be an {ty} constant, found {md_text(md)}", ref)
                continue
            got = behaviours.get(name)
            if got is not None and got != behaviour:
                self.error(None, None, f"the module flag {name} has behaviour {got}; it must be {behaviour} "
                           f"({'Error' if behaviour == 1 else 'Max'})", f"{BP}: Specification Version"
                           if "version" in name else f"{BP}: Memory Management")
            if name == "qir_major_version" and value not in KNOWN_MAJOR_VERSIONS:
                self.warn(None, None, f"qir_major_version is {value}; this checker knows QIR 1 and 2", ref)
            if name.startswith("dynamic_"):
                setattr(self.caps, name, bool(value))
                if value and self.profile == BASE:
                    self.error(None, None, f"the module flag {name} is true; the Base Profile needs it false",
                               f"{BP}: Memory Management")

        a_ref = f"{AP}: Module Flags Metadata"
        for name, ty in ADAPTIVE_FLAGS.items():
            md = self.m.get_flag(name)
            if md is None:
                continue
            if ty == "strings":
                self._read_type_list_flag(name, md)
                continue
            value = int_flag(md, ty)
            if value is None:
                self.error(None, None, f"the module flag {name} must be an {ty} constant, found {md_text(md)}", a_ref)
                continue
            setattr(self.caps, name, value & 3 if ty == "i2" else bool(value))  # i2 3 may print as -1
        if self.profile == BASE:
            enabled = [n for n in ADAPTIVE_FLAGS if self.caps.has(n)]
            for n in enabled:
                self.error(None, None, f"the module flag {n} declares an Adaptive Profile capability; "
                           "the Base Profile has none", f"{BP}: Module Flags Metadata")

        for key, ext in EXTENSIONS.items():
            if ext.flag is None:
                continue
            md = self.m.get_flag(ext.flag)
            if md is None:
                continue
            if int_flag(md, "i1") == 1:
                self.caps.extensions.add(key)
                self.report(EXTENSION, None, None,
                            f"the module flag {ext.flag} declares the extension {key}: {ext.summary}")
            else:
                self.error(None, None, f"the module flag {ext.flag} (extension {key}) must be 'i1 true', "
                           f"found {md_text(md)}")

        known = set(REQUIRED_FLAGS) | set(ADAPTIVE_FLAGS)
        for name, behaviour in behaviours.items():
            if name in known or behaviour in ADDITIONAL_FLAG_BEHAVIOURS:
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
            self.error(None, None, f"the module flag {name} must be a tuple of strings, found {md_text(md)}", ref)
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
                if it not in SPEC_FLOAT_TYPES:
                    self.error(None, None, f"float_computations lists \"{it}\"; it may list half, float and double", ref)
                else:
                    types.add(it)
            self.caps.float_types = types

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
            if is_byte_string(init):
                continue
            tn = tname(init.type)
            scalar = bool(re.fullmatch(r"i\d+", tn)) or tn in FLOAT_TYPES
            need = self._type_need(tn) if scalar and self.profile == ADAPTIVE else None
            if scalar and self.profile == ADAPTIVE and need is None:
                continue
            self.error(None, None, f"global constant @{name} of type {tn} is not a string label"
                       + (f"; constants of this type need {need}" if need else
                          "; the profile has no global constants of this type"), ref)
