"""The profile checker's rule registry matches the doc it implements.

docs/check-qir.md groups the rules by spec section; qckpt/qir/check/ has one
rule family per section. These tests fail when a family is added without its
doc section (or the other way round), or is left out of the checker.
"""

from __future__ import annotations

import re
from pathlib import Path

from qckpt.qir.check.checker import _Checker
from qckpt.qir.check.registry import FAMILIES

DOC = Path(__file__).resolve().parents[1] / "docs" / "check-qir.md"


def _doc_sections() -> list[str]:
    text = DOC.read_text()
    rules = text.split("## The rules", 1)[1].split("\n## ", 1)[0]
    sections = [re.sub(r"\s*\(.*\)$", "", h).strip() for h in re.findall(r"^### (.+)$", rules, re.M)]
    return sections + ["Extensions"]  # its own "##" section, after the rules


def test_every_doc_section_has_one_family_in_doc_order():
    assert [f.section for f in FAMILIES] == _doc_sections()


def test_the_checker_is_composed_of_every_registered_family():
    bases = _Checker.__mro__
    for family in FAMILIES:
        assert family.rules in bases, family.name
    assert len({f.name for f in FAMILIES}) == len(FAMILIES)
