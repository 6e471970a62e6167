"""What ``qckpt --help`` and each subcommand's ``--help`` end with: two or
three examples that run from a fresh clone, and the environment variables the
command reads. Kept apart from the parser so cli.py stays about behaviour."""

from __future__ import annotations

import shutil
import subprocess

# Variables every subcommand reads (qckpt.cli.main and the qir-runner lookup).
ENV_COMMON = {
    "QCKPT_TRACEBACK": "set to 1 to see the Python traceback of an internal error",
}
ENV_RUNNER = {
    "QCKPT_QIR_RUNNER": "path of the qir-runner binary (default: the one next to python, then PATH)",
}
_RUNS_QIR = {"qckpt", "run", "resume", "run-segments"}

EXAMPLES: dict[str, list[str]] = {
    "qckpt": [
        "qckpt convert examples/teleport.qasm -o teleport.ll",
        "qckpt run examples/rotation.qasm --param theta=pi/4 --shots 1000",
        "qckpt run examples/repeat_until_success.qasm --store ckpt/ && qckpt plot timeline ckpt/ -o run.png",
    ],
    "convert": [
        "qckpt convert examples/teleport.qasm -o teleport.ll",
        "qckpt convert examples/rotation.qasm --param theta=pi/4 --profile base -o rotation.ll",
        "cat examples/teleport.qasm | qckpt convert - --checkpoint exact --emit mlir",
    ],
    "run": [
        "qckpt run examples/teleport.qasm --shots 1000 --seed 7",
        "qckpt run rotation.ll --param theta=2*pi/3 --top 4",
        "qckpt run examples/teleport.qasm --store ckpt/ --shots 4000",
    ],
    "resume": ["qckpt resume ckpt/", "qckpt resume ckpt/ --workers 2 --json"],
    "merge": ["qckpt merge shard-0/ shard-1/ -o merged/", "qckpt merge shards/*/ -o merged/ --json"],
    "inspect": ["qckpt inspect ckpt/", "qckpt inspect ckpt/ --json"],
    "analyze": ["qckpt analyze examples/teleport.qasm", "qckpt analyze examples/repeat_until_success.qasm --exact-only --json"],
    "bind": ["qckpt convert examples/rotation.qasm -o rot.ll && qckpt bind rot.ll --param theta=pi/4 -o bound.ll"],
    "bind-resume": ["qckpt bind-resume r.ll start -o start.ll", "qckpt bind-resume r.ll record.json -o resumed.ll"],
    "record": ["qckpt record r.ll run.log -o record.json", "qckpt record r.ll run.log --shot 3", "qckpt record ckpt/ --program-out r.ll -o record.json"],
    "split": ["qckpt split examples/teleport.qasm -o segs/", "qckpt split examples/repeat_until_success.qasm -o segs/ --at 0"],
    "run-segments": ["qckpt run-segments segs/ --shots 1000 --seed 7"],
    "check-qir": ["qckpt check-qir teleport.ll", "qckpt convert examples/rotation.qasm --profile base | qckpt check-qir - --profile base"],
    "plot": [
        "qckpt plot timeline ckpt/ -o timeline.png",
        "qckpt plot cost examples/teleport.qasm --mtbf 1e-5 -o cost.svg",
        "qckpt plot objective build/runs/vqe -o energy.pdf",
    ],
}


def epilog(command: str) -> str:
    """Examples and environment, for argparse's ``epilog`` (printed as is)."""
    env = dict(ENV_COMMON)
    if command in _RUNS_QIR:
        env.update(ENV_RUNNER)
    head = "examples (qckpt COMMAND --help for each command's):" if command == "qckpt" else "examples:"
    lines = [head, *(f"  {e}" for e in EXAMPLES.get(command, []))]
    lines += ["", "environment:", *(f"  {k:<17} {v}" for k, v in env.items())]
    return "\n".join(lines)


def versions() -> dict[str, str]:
    """qckpt's version and those of the tools a result depends on (the
    resume fingerprint includes the first three)."""
    from qckpt.qir.resume_binding import tool_versions  # the fingerprint's versions: one lookup for both

    return {**tool_versions(), "qir-runner": _qir_runner_version()}


def _qir_runner_version() -> str:
    from qckpt.diagnostics import QckptError
    from qckpt.runtime.qir_runner import qir_runner_binary

    try:
        exe = qir_runner_binary()
    except QckptError:
        return "not found"
    try:
        done = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=10)
        text = (done.stdout or done.stderr).strip()
    except (OSError, subprocess.TimeoutExpired):
        return f"unknown ({shutil.which(exe) or exe})"
    return text.split()[-1] if text else "unknown"
