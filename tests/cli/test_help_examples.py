"""The examples at the end of every --help (qckpt.cli.help.EXAMPLES) parse
against the real parser, with the options they use, and name only example
programs that exist: an option renamed, removed or moved to another command
breaks this test, not a reader's first try. The README's doc-test runs the
same kinds of command end to end."""

from __future__ import annotations

import argparse
import contextlib
import io
import shlex
from pathlib import Path

import pytest

from qckpt.cli.help import EXAMPLES
from qckpt.cli.parser import build_parser

ROOT = Path(__file__).resolve().parents[2]
CASES = [(cmd, ex) for cmd, exs in EXAMPLES.items() for ex in exs]


def qckpt_invocations(example: str) -> list[list[str]]:
    """The qckpt command lines of a shell example (pipes and && split it)."""
    out = []
    for part in example.replace("&&", "|").split("|"):
        words = shlex.split(part)
        if words and words[0] == "qckpt":
            out.append(words[1:])
    return out


def parse(argv: list[str]) -> argparse.Namespace:
    """Parse as `qckpt` would; an argparse error raises with its message."""
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            return build_parser().parse_args(argv)
    except SystemExit:
        raise AssertionError(f"qckpt {' '.join(argv)}: {err.getvalue().strip().splitlines()[-1]}") from None


@pytest.mark.parametrize("command, example", CASES, ids=[f"{c}:{i}" for i, (c, _) in enumerate(CASES)])
def test_help_example_parses_and_uses_existing_examples(command: str, example: str) -> None:
    runs = qckpt_invocations(example)
    assert runs, f"{example!r} runs no qckpt command"
    if command != "qckpt":
        assert any(r[:1] == [command] for r in runs), f"{command} --help shows {example!r}, which does not run {command}"
    for argv in runs:
        ns = parse(argv)
        assert ns.command == argv[0]
        for word in argv:
            if word.startswith("examples/"):
                assert (ROOT / word).is_file(), f"{example!r} names {word}, which is not in the repository"


def test_every_command_has_examples_and_a_broken_one_is_caught() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(sub.choices) <= set(EXAMPLES), f"commands without --help examples: {set(sub.choices) - set(EXAMPLES)}"
    with pytest.raises(AssertionError, match="unrecognized arguments: --shot-count"):
        parse(["run", "examples/teleport.qasm", "--shot-count", "5"])
    with pytest.raises(AssertionError, match="invalid choice"):
        parse(["plot", "heatmap", "ckpt/", "-o", "x.png"])
