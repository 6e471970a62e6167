"""docs/qiskit.md runs as written: every code block, in order, in one
scratch directory. A ```python block that starts with ``# file: NAME`` is
written to NAME; any other is run as a script; a ```sh block runs in bash
(stopping at the first failing command). A ```text block right after a
block is that block's output: the end of what it printed must be exactly
that text."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "qiskit.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(DOC.read_text())]


def test_the_page_has_the_worked_example() -> None:
    kinds = [k for k, _ in blocks()]
    assert kinds.count("python") >= 3 and kinds.count("sh") >= 2 and "text" in kinds
    text = DOC.read_text()
    for construct in ("while_loop", "if_test", "store=", "kill", "SamplerV2"):
        assert construct in text


def test_every_block_runs_as_written(tmp_path: Path) -> None:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    last: tuple[str, str] | None = None  # (block, what it printed)
    ran = 0
    for kind, body in blocks():
        if kind == "text":
            assert last is not None, "an output block follows no block that runs"
            block, printed = last
            assert printed.endswith(body), f"the block\n{block}\nprinted\n{printed}\nnot, at its end,\n{body}"
            continue
        if kind == "python" and body.startswith("# file: "):
            name = body.splitlines()[0].removeprefix("# file: ").strip()
            (tmp_path / name).write_text(body)
            last = None
            continue
        if kind == "python":
            cmd = [sys.executable, "-c", body]
        elif kind == "sh":
            cmd = ["bash", "-e", "-c", body]
        else:
            raise AssertionError(f"a ```{kind} block: this test does not know how to run it")
        done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"the block\n{body}\nfailed (exit {done.returncode}):\n{done.stderr[-2000:]}"
        last = (body, done.stdout)
        ran += 1
    assert ran >= 3  # the sweep example is saved as a file (# file: sweep.py) and run by the sh block after it
