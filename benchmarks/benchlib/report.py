"""Report writing: the section each benchmark owns in a Markdown file, the
lines that say how and where a run was made, and number formats.

Each benchmark owns one section of ``docs/benchmarks.md``, between its
``<!-- name:begin -->`` and ``<!-- name:end -->`` markers, and rewrites only
that section, so that one script's rerun never touches another's figures."""

from __future__ import annotations

import datetime as dt
import os
import platform
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEW_FILE_HEAD = "# Benchmarks\n\nEach section below is owned and rewritten by one script in `benchmarks/` (see `benchmarks/README.md`).\n\n"


def replace_section(path: Path, begin: str, end: str, section: str, new_file_head: str = NEW_FILE_HEAD) -> None:
    """Put ``section`` (markers included) in place of the old one, or append it."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new_file_head + section + "\n")
        return
    text = path.read_text()
    if begin in text and end in text and text.index(begin) < text.index(end):
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)


class Section:
    """The markers of one script's section, and how to rewrite it."""

    def __init__(self, name: str) -> None:
        self.begin = f"<!-- {name}:begin -->"
        self.end = f"<!-- {name}:end -->"

    def write(self, path: Path, section: str) -> None:
        """``section`` already holds the markers."""
        replace_section(path, self.begin, self.end, section)

    def write_body(self, path: Path, body: str) -> None:
        """Wrap ``body`` in the markers and write it."""
        self.write(path, f"{self.begin}\n{body}\n{self.end}")


def command_line(argv: list[str] | None = None) -> str:
    """The command as a reader would type it from the repository root."""
    return " ".join([".venv/bin/python", *(sys.argv if argv is None else argv)])


def quoted_command(script: str, argv: list[str]) -> str:
    """The exact command of this run, shell-quoted, with paths relative to the working directory when they can be."""
    exe = os.path.relpath(sys.executable) if sys.executable.startswith(os.getcwd()) else sys.executable
    return " ".join(shlex.quote(a) for a in [exe, os.path.relpath(script), *argv])


def utc_now() -> str:
    return f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC"


def run_line(load_note: str = "", extra: str = "") -> str:
    """``- Date: ...; N CPUs; load average L; Python V``: the figures belong to this machine at this load."""
    return (
        f"- Date: {utc_now()}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}{load_note}; "
        f"Python {platform.python_version()}{extra}"
    )


def loadavg() -> str:
    """The 1-minute load average, as text ("n/a" where the OS has none)."""
    try:
        return "{:.1f}".format(os.getloadavg()[0])
    except OSError:
        return "n/a"


def load_range(loads: list[str]) -> str | None:
    vals = sorted(float(x) for x in loads if x != "n/a")
    if not vals:
        return None
    return f"{vals[0]:.1f}–{vals[-1]:.1f} (median {vals[len(vals) // 2]:.1f}; 1-minute average, read before each run)"


def source_state() -> str:
    """The commit measured, and whether the working tree differed from it:
    the numbers belong to the code as it was on disk during the run."""
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "qckpt"], capture_output=True, text=True, timeout=10
        ).stdout.split("\n")
        dirty = [line[3:] for line in dirty if line.strip()]
    except (OSError, subprocess.SubprocessError):
        return "not a git checkout"
    if not head:
        return "not a git checkout"
    return f"commit {head}" + (f", with uncommitted changes in {', '.join(dirty)}" if dirty else ", clean qckpt/")


def machine_info() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        mem_gib = f"{int(mem) / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        mem_gib = "unknown"
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": mem_gib,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
    }


def package_versions(names: tuple[str, ...]) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in names:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


# ------------------------------------------------------------------ number formats


def fmt_s(x: float | None) -> str:
    """Seconds with three significant-ish digits."""
    if x is None:
        return "n/a"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def fmt_mib(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.0f}"


def ratio(num: float | None, den: float | None) -> str:
    return f"{num / den:.2f}×" if num is not None and den else "n/a"


def cell(r: dict | None, fmt) -> str:
    """A measurement's cell: its value, or why there is none."""
    if r is None:
        return "not run"
    if not r.get("ok"):
        return "TIMEOUT" if r.get("status") == "timeout" else "FAILED"
    return fmt(r)


def verdict(ok: bool | None) -> str:
    return "not checked" if ok is None else ("PASS" if ok else "**FAIL**")
