"""Every shell block of README.md and docs/*.md runs as written.

Each block runs under ``bash -e`` in a fresh temporary directory that holds
the repository's example programs and benchmarks (symlinked, read-only use),
a copy of docs/ (a block may rewrite a doc, as a benchmark's ``--out
docs/benchmarks.md`` does: the copy takes it, never the repository's file)
and the project's venv, exactly as a reader standing in a clone would run
it. A block that exits non-zero fails with its script and its output.

Find the shell commands in the README and the docs.

A block fenced as ``sh``/``bash``/``shell`` runs whole; a ``python`` block
whose first line is ``# file: NAME`` is saved as NAME for the blocks after it. Any other block whose
lines start with ``$ `` is a transcript: its ``$`` commands (with their ``\\``
continuation lines) run, the output lines between them are what a reader
sees. A block is skipped only when the line before its fence says so, with
the reason: ``<!-- doc-test: skip: REASON -->``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


REPO = Path(__file__).resolve().parents[2]
SHELL_LANGS = {"sh", "bash", "shell"}
SKIP = re.compile(r"<!--\s*doc-test:\s*skip:\s*(.+?)\s*-->")


@dataclass(frozen=True)
class ShellBlock:
    file: str  # relative to the repository
    line: int  # of the opening fence
    script: str
    skip: str | None  # the reason, when marked

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}"


def _transcript_commands(lines: list[str]) -> list[str]:
    cmds: list[str] = []
    cont = False
    for ln in lines:
        if cont:
            cmds[-1] += "\n" + ln
        elif ln.startswith("$ "):
            cmds.append(ln[2:])
        else:
            continue
        cont = ln.rstrip().endswith("\\")
    return cmds


def shell_blocks(path: Path, root: Path = REPO) -> list[ShellBlock]:
    lines = path.read_text().splitlines()
    out: list[ShellBlock] = []
    i = 0
    while i < len(lines):
        m = re.match(r"^```(\S*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        lang, start = m.group(1), i
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        body = lines[i + 1 : j]
        skip_m = SKIP.search(lines[start - 1]) if start > 0 else None
        rel = str(path.relative_to(root))
        file_m = re.match(r"^# file: (\S+)$", body[0]) if body else None
        if lang == "python" and file_m:
            # A program the page has the reader save: written where the page's commands expect it.
            out.append(ShellBlock(rel, start + 1, f"cat > {file_m.group(1)} <<'QCKPT_DOC_EOF'\n" + "\n".join(body) + "\nQCKPT_DOC_EOF\n", skip_m.group(1) if skip_m else None))
        elif lang in SHELL_LANGS:
            out.append(ShellBlock(rel, start + 1, "\n".join(body) + "\n", skip_m.group(1) if skip_m else None))
        elif lang in ("", "console", "text") and any(b.startswith("$ ") for b in body):
            out.append(ShellBlock(rel, start + 1, "\n".join(_transcript_commands(body)) + "\n", skip_m.group(1) if skip_m else None))
        i = j + 1
    return out


def all_shell_blocks() -> list[ShellBlock]:
    files = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    return [b for f in files for b in shell_blocks(f)]


BLOCKS = all_shell_blocks()
# What a reader of a fresh clone has in the working directory.
CLONE_ENTRIES = ("examples", "benchmarks", "docs", "tests", "pyproject.toml")
COPIED_ENTRIES = ("docs",)  # blocks write into these (benchmark reports): a copy, not the repository's


def _clone_like(tmp: Path) -> None:
    for name in CLONE_ENTRIES:
        if name in COPIED_ENTRIES:
            shutil.copytree(REPO / name, tmp / name)
        else:
            os.symlink(REPO / name, tmp / name)
    venv_bin = Path(sys.executable).parent
    os.symlink(venv_bin.parent, tmp / ".venv")


DOCS = sorted({b.file for b in BLOCKS})


@pytest.mark.parametrize("doc", DOCS)
def test_shell_blocks_run(doc, tmp_path):
    """A doc's blocks run in order in one directory: a later block may use
    what an earlier one wrote, as it does for a reader following the page."""
    _clone_like(tmp_path)
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(REPO)  # this tree's qckpt, whatever the venv's editable install points at
    env.setdefault("MPLBACKEND", "Agg")
    for block in (b for b in BLOCKS if b.file == doc and not b.skip):
        proc = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", block.script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, f"{block.id} failed (exit {proc.returncode}):\n{block.script}\n--- stdout\n{proc.stdout[-3000:]}\n--- stderr\n{proc.stderr[-3000:]}"


def test_every_skip_says_why_and_is_about_make_test():
    skipped = [b for b in BLOCKS if b.skip]
    for b in skipped:
        assert "make" in b.script or "slurm_cluster.sh" in b.script, f"{b.id} is skipped but runs neither make nor a Slurm cluster"


def test_extraction_finds_transcripts_and_skips(tmp_path):
    doc = tmp_path / "d.md"
    doc.write_text("x\n```sh\necho a\n```\n<!-- doc-test: skip: recurses into make test -->\n```sh\nmake test\n```\n```\n$ echo b \\\n  c\nb c\n$ true\n```\n")
    blocks = shell_blocks(doc, root=tmp_path)
    assert [(b.line, b.script, b.skip) for b in blocks] == [
        (2, "echo a\n", None),
        (6, "make test\n", "recurses into make test"),
        (9, "echo b \\\n  c\ntrue\n", None),
    ]


def test_a_block_that_rewrites_a_doc_leaves_the_repository_alone(tmp_path):
    """docs/benchmarks.md's stim block runs its benchmark with --out
    docs/benchmarks.md; through a symlinked docs/ it rewrote the repository's
    file during the suite."""
    _clone_like(tmp_path)
    before = (REPO / "docs" / "benchmarks.md").read_bytes()
    (tmp_path / "docs" / "benchmarks.md").write_text("rewritten by a block\n")
    assert not (tmp_path / "docs").is_symlink()
    assert (REPO / "docs" / "benchmarks.md").read_bytes() == before
