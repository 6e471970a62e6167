"""Kill -9 rounds against the real runtime (``qckpt run`` / ``qckpt resume``):
kill the process tree at random moments, resume, and report what was gained
and whether any child process outlived its parent.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass


def children_of(pid: int) -> list[int]:
    """Direct children of a process (of every thread), from /proc."""
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def alive(pid: int) -> bool:
    """The process exists and is not a zombie (a dead child nobody reaped yet)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@dataclass
class RuntimeKills:
    """What :func:`kill_runtime_round` saw."""

    kills: int
    orphans: list[int]  # backend processes still alive after their runtime was SIGKILLed
    sessions_with_progress: int  # kills after which the store held more finished shots than before
    mid_run: int  # kills that came while qir-runner processes were running
    final: object  # the CompletedProcess of the last, uninterrupted resume
    progress: list[int]  # finished shots (committed + journaled) after each kill


def kill_runtime_round(cmd: list[str], store: str | os.PathLike[str], kills: int, rng: random.Random, cwd=None, delay=(0.2, 0.9)) -> RuntimeKills:
    """SIGKILL a ``qckpt run --store`` command at random moments, ``kills``
    times: the first start runs ``cmd``, each later one ``qckpt resume``
    (or ``cmd`` again while the store holds no run yet). After each kill,
    the backend processes the runtime had must be gone (no orphans). Then a
    last resume runs to its end. A run that finishes before its next kill
    ends the round early (``kills`` then says how many landed)."""
    import signal
    import subprocess
    import time

    from qckpt.runtime.execution.inspection import inspect_store

    store = os.fspath(store)
    exe = cmd[: cmd.index("run")]
    resume = [*exe, "resume", store, "--json", "--sync-interval", cmd[cmd.index("--sync-interval") + 1] if "--sync-interval" in cmd else "1"]

    def has_run() -> bool:
        try:
            return inspect_store(store).get("run") is not None
        except Exception:
            return False

    def finished() -> int:
        try:
            info = inspect_store(store)
        except Exception:
            return 0
        run = info.get("run") or {}
        return int(run.get("shots_committed", 0)) + int(info.get("journal", {}).get("uncommitted_shots", 0) or 0)

    orphans: list[int] = []
    progress: list[int] = []
    done = 0
    mid_run = 0
    killed = 0
    for i in range(kills):
        p = subprocess.Popen(resume if has_run() else cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
        # Every third kill comes at a random moment from the start (it may land while the runtime starts
        # up); the others at a random moment after its first qir-runner started, so that on a loaded
        # machine, where start-up alone can take longer than the delay, kills still land mid-run.
        wait = rng.uniform(*delay)
        t0 = time.monotonic()
        since = t0 if i % 3 == 2 else None
        kids: set[int] = set()
        while p.poll() is None and time.monotonic() - t0 < 120:
            now_kids = children_of(p.pid)
            kids.update(now_kids)
            if since is None and now_kids:
                since = time.monotonic()
            if since is not None and time.monotonic() - since >= wait:
                break
            time.sleep(0.01)
        if p.poll() is not None:
            err = p.stderr.read().decode()[-500:] if p.stderr else ""
            if p.returncode != 0:
                raise AssertionError(f"the run failed before its kill (exit {p.returncode}): {err}")
            break  # it finished before this kill: the last resume below reports the finished run
        running = [k for k in children_of(p.pid) if alive(k)]
        kids.update(running)
        mid_run += bool(running)
        p.send_signal(signal.SIGKILL)
        killed += 1
        p.wait()
        if p.stderr:
            p.stderr.close()
        t = time.monotonic() + 3
        while time.monotonic() < t and any(alive(k) for k in kids):
            time.sleep(0.02)
        orphans += [k for k in kids if alive(k)]
        now = finished()
        progress.append(now)
        if now > done:
            done = now
    final = subprocess.run(resume if has_run() else cmd, capture_output=True, text=True, cwd=cwd, timeout=600)
    gained = sum(1 for a, b in zip([0, *progress], progress) if b > a)
    return RuntimeKills(killed, orphans, gained, mid_run, final, progress)
