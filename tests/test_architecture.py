"""The package keeps the shape docs/architecture.md describes.

The layer contracts live in pyproject.toml ([tool.importlinter]); import-linter
builds the import graph of qckpt (function-level imports included) and fails on
any import that points up a layer. The size limit keeps rooms a newcomer can read.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_MODULE_LINES = 750  # "about 700": a module past this wants splitting by concern


def test_every_import_points_down_a_layer():
    lint = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout


def test_no_module_is_too_long_to_read():
    long = {
        str(path.relative_to(ROOT)): n
        for path in (ROOT / "qckpt").rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"split these by concern (docs/architecture.md): {long}"
